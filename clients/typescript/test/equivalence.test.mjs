// State equivalence: a seeded run of 300 random actions (sends, edits, recalls,
// reactions, reads and mutes from another device, groups made, joins, leaves, removals,
// cut connections) around a client; at the end the state it built from live events and
// syncs equals a fresh full sync plus full history. CHAT_EQUIVALENCE_SEED replays a run.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ChatClient } from '../src/index.js';
import { account, fullHistory, proxy, sleep, startServer, unique, watch } from './support.mjs';

const ACTIONS = 300;

function rng(seed) {
  let x = BigInt.asUintN(64, BigInt(seed)) || 1n; // xorshift never leaves zero
  return (n) => {
    x ^= BigInt.asUintN(64, x << 13n);
    x ^= x >> 7n;
    x ^= BigInt.asUintN(64, x << 17n);
    return Number(x % BigInt(n));
  };
}

test('a client fed by events ends where a fresh sync does', async () => {
  const seed = process.env.CHAT_EQUIVALENCE_SEED || String(Date.now() * 1000 + Math.floor(Math.random() * 1000));
  console.log(`state equivalence: seed ${seed} (CHAT_EQUIVALENCE_SEED=${seed} replays it)`);
  const next = rng(seed);
  const server = await startServer({ CHAT_STORE: 'memory' });
  const people = [];
  for (const name of ['bob', 'alice', 'carol']) people.push(await account(server.url, `${name}_${unique()}`));
  const [bob, alice, carol] = people;
  const link = await proxy(server.port);
  const client = new ChatClient(link.url, { token: bob.token });
  const seen = watch(client);
  await client.start();

  const groups = [];
  const sent = []; // [conversation, seq, who]
  const convs = [(await bob.api.createDirect(alice.id)).id];
  const pick = (xs) => xs[next(xs.length)];
  for (let n = 0; n < ACTIONS; n += 1) {
    const roll = next(100);
    const conv = pick(convs);
    const actor = next(3);
    try {
      if (roll < 40) {
        const body = `message ${n}`;
        if (actor === 0 && next(2) === 0) {
          const m = await client.sendText(conv, body, `c${n}`);
          sent.push([conv, m.seq, 0]);
        } else {
          const m = await people[actor].api.send(conv, { clientMsgId: `h${n}`, body });
          sent.push([conv, m.seq, actor]);
        }
      } else if (roll < 65 && sent.length) {
        const [c, seq, who] = pick(sent);
        if (roll < 50) await people[who].api.edit(c, seq, `edit ${n}`);
        else if (roll < 55) await people[who].api.recall(c, seq);
        else await people[actor].api.react(c, seq, pick(['👍', '🎉', '❤️']));
      } else if (roll < 75) {
        const last = (await bob.api.conversation(conv)).last_seq;
        await bob.api.read(conv, Math.max(0, last - next(3)));
      } else if (roll < 80) {
        await (next(2) === 0 ? bob.api.mute(conv) : bob.api.unmute(conv));
      } else if (roll < 85) {
        const g = (await alice.api.createGroup(`g${n}`, [bob.id, carol.id])).id;
        groups.push(g);
        convs.push(g);
      } else if (roll < 95 && groups.length) {
        const g = pick(groups);
        const what = next(3);
        if (what === 0) await alice.api.addMember(g, bob.id);
        else if (what === 1) await alice.api.removeMember(g, bob.id);
        else await bob.api.removeMember(g, bob.id);
      } else {
        link.cut();
      }
    } catch {
      // Refusals are part of the game (a removed member sends, a recall twice, …).
    }
  }

  // A last reconnect catches the client up on what only sync tells (mutes, reads).
  link.cut();
  const until = Date.now() + 20000;
  for (;;) {
    const full = await bob.api.sync(undefined, 500);
    const fresh = new Map(full.conversations.map((c) => [c.id, c]));
    let same = fresh.size === seen.conversations.size;
    for (const [id, c] of fresh) {
      if (!same) break;
      same = JSON.stringify(seen.conversations.get(id)) === JSON.stringify(c);
      const history = await fullHistory(bob.api, id);
      const line = seen.timelines.get(id) || new Map();
      same = same && line.size === history.size
        && [...history].every(([seq, m]) => JSON.stringify(line.get(seq)) === JSON.stringify(m));
    }
    if (same) break;
    assert.ok(Date.now() < until, `the client's state never matched a fresh sync (seed ${seed})`);
    await sleep(200);
  }
  assert.equal(seen.twice, 0, `no message shown twice (seed ${seed})`);
  await client.stop();
  link.close();
  await server.stop();
});
