// The engine under chaos against real chat-server processes: three clients, each
// through its own proxy that cuts its connections every 50-500 ms, send into one group
// and their direct conversations while a server is killed with SIGKILL twice and started
// again on the same data. At the end every client's timeline of every conversation
// equals the server's history exactly, nothing showed twice, each send is stored once
// and acked once. On TXT (one node); on MySQL + Redis (two nodes, Redis cut off and
// back meanwhile) when the test runner passes CHAT_TS_CHAOS_SQL (the servers' settings
// as JSON) and CHAT_TS_CHAOS_REDIS_URL.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Api, ChatClient } from '../src/index.js';
import { PASSWORD, freePort, fullHistory, proxy, sleep, startServer, tempDir, unique, watch } from './support.mjs';

const SENDS = 300;
const CHAOS_MS = 20000;
const KILLS = 2;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.99) - 1)];

async function users(url) {
  const api = new Api(url);
  const people = [];
  for (const name of ['alice', 'bob', 'carol']) {
    const username = `${name}_${unique()}`;
    const { id } = await api.register({ username, password: PASSWORD });
    const { token } = await api.login(username, PASSWORD);
    people.push({ id, token, api: api.withToken(token) });
  }
  return people;
}

/**
 * `nodes[i]`: the node client i talks to (index into `servers`); `restart(k)`: kills
 * server k with SIGKILL and starts it again, resolving once it listens.
 */
async function scenario(servers, nodes, restart) {
  const people = await users(servers[0].url);
  const group = await people[0].api.createGroup('chaos', [people[1].id, people[2].id]);
  const directs = [];
  for (const [a, b] of [[0, 1], [1, 2], [0, 2]]) {
    directs.push({ a, b, id: (await people[a].api.createDirect(people[b].id)).id });
  }
  const links = [];
  const clients = [];
  const seen = [];
  for (let i = 0; i < 3; i += 1) {
    const link = await proxy(servers[nodes[i]].port);
    const client = new ChatClient(link.url, { token: people[i].token });
    seen.push(watch(client));
    await client.start();
    links.push(link);
    clients.push(client);
  }

  const started = Date.now();
  const chaos = links.map(async (link) => {
    while (Date.now() - started < CHAOS_MS) {
      await sleep(50 + Math.random() * 450);
      link.cut();
    }
  });
  const sends = clients.map(async (client, i) => {
    const mine = [group.id, ...directs.filter((d) => d.a === i || d.b === i).map((d) => d.id)];
    const pending = [];
    for (let n = 0; n < SENDS; n += 1) {
      pending.push(client.sendText(mine[n % mine.length], `client ${i} message ${n}`, `${i}-${n}`));
      await sleep(CHAOS_MS / SENDS / 1.5);
    }
    return Promise.all(pending);
  });

  // The kills: how long from a restarted server listening to each client online again.
  const backMs = [];
  const restartMs = [];
  for (let k = 1; k <= KILLS; k += 1) {
    await sleep(started + (CHAOS_MS * k) / (KILLS + 1) - Date.now());
    const killed = Date.now();
    await restart(nodes[0]);
    const listening = Date.now();
    restartMs.push(listening - killed);
    await Promise.all(clients.map((client, i) => (nodes[i] !== nodes[0] ? null : new Promise((resolve) => {
      const off = client.on('status', ({ status }) => {
        if (status === 'online') { off(); backMs.push(Date.now() - listening); resolve(); }
      });
    }))));
  }
  const stored = await Promise.all(sends);
  await Promise.all(chaos);
  const calm = Date.now();

  const first = stored[0][0];
  await people[0].api.edit(first.conversation_id, first.seq, 'edited under chaos');
  const member = (i, id) => id === group.id || directs.some((d) => d.id === id && (d.a === i || d.b === i));
  const expected = new Map();
  for (const id of [group.id, ...directs.map((d) => d.id)]) {
    const who = [0, 1, 2].find((i) => member(i, id));
    expected.set(id, [...(await fullHistory(people[who].api, id)).values()]);
  }
  const equal = (i) => [...expected].filter(([id]) => member(i, id)).every(([id, msgs]) => {
    const line = seen[i].timelines.get(id) || new Map();
    return line.size === msgs.length && msgs.every((m) => JSON.stringify(line.get(m.seq)) === JSON.stringify(m));
  });
  for (let i = 0; i < 3; i += 1) {
    const until = Date.now() + 30000;
    while (!equal(i)) {
      assert.ok(Date.now() < until, `client ${i} never caught up`);
      await sleep(100);
    }
  }
  const caughtUpMs = Date.now() - calm;

  const total = [...expected.values()].reduce((n, msgs) => n + msgs.length, 0);
  assert.equal(total, 3 * SENDS, 'each send stored once');
  for (let i = 0; i < 3; i += 1) {
    assert.equal(seen[i].twice, 0, `client ${i} showed no message twice`);
    assert.equal(seen[i].outOfOrder || 0, 0, `client ${i} showed messages in seq order`);
    assert.equal(seen[i].acked.size, SENDS, `client ${i}: each send acked`);
    assert.ok([...seen[i].acked.values()].every((n) => n === 1), `client ${i}: each ack once`);
    assert.equal(clients[i].pending.length, 0);
  }
  const cuts = links.reduce((n, l) => n + l.cuts, 0);
  for (const c of clients) await c.stop();
  for (const l of links) l.close();
  const twice = seen.reduce((n, s) => n + s.twice, 0);
  const gaps = [0, 1, 2].filter((i) => !equal(i)).length;
  return `${cuts} connections cut, ${total} messages sent, ${twice} duplicates, ${gaps} gaps; `
    + `online again after a kill: p50 ${median(backMs)} ms, p99 ${p99(backMs)} ms (each: ${backMs.join(', ')} ms); `
    + `every timeline complete ${caughtUpMs} ms after the chaos; `
    + `the server took ${restartMs.join(', ')} ms from the kill to listening again`;
}

test('chaos on TXT with SIGKILL', async () => {
  const data = tempDir();
  const port = await freePort();
  const env = { CHAT_STORE: 'txt', CHAT_DATA_DIR: data.dir, CHAT_ADDR: `127.0.0.1:${port}` };
  const servers = [await startServer(env)];
  const report = await scenario(servers, [0, 0, 0], async (k) => {
    await servers[k].kill9();
    servers[k] = await startServer(env);
  });
  console.log(`chaos, TXT, one node: ${report}`);
  await servers[0].stop();
  data.cleanup();
});

test('chaos on SQL + Redis across two nodes', { skip: !process.env.CHAT_TS_CHAOS_SQL && 'CHAT_TS_CHAOS_SQL not set' }, async () => {
  const sql = JSON.parse(process.env.CHAT_TS_CHAOS_SQL);
  const redisUrl = new URL(process.env.CHAT_TS_CHAOS_REDIS_URL);
  const redis = await proxy(Number(redisUrl.port || 6379), redisUrl.hostname);
  const throughProxy = new URL(redisUrl);
  throughProxy.hostname = '127.0.0.1';
  throughProxy.port = String(redis.port);
  const ports = [await freePort(), await freePort()];
  const env = (i) => ({ ...sql, CHAT_REDIS_URL: throughProxy.href, CHAT_ADDR: `127.0.0.1:${ports[i]}` });
  const servers = [await startServer(env(0)), await startServer(env(1))];
  const report = await scenario(servers, [0, 0, 1], async (k) => {
    // Redis goes away and comes back while the node dies and restarts.
    redis.hold();
    await servers[k].kill9();
    await sleep(500);
    redis.restore();
    servers[k] = await startServer(env(k));
  });
  console.log(`chaos, SQL + Redis, two nodes: ${report}`);
  for (const s of servers) await s.stop();
  redis.close();
});
