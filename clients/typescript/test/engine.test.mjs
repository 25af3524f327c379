// The engine against a real chat-server: every message shown once and in order through
// cut connections, sends acked once and in order, a stale cursor, leaving, and an
// outbox that outlives the client.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { FileStore } from '../src/file-store.js';
import { ChatClient, MemoryStore } from '../src/index.js';
import { account, eventually, fullHistory, proxy, startServer, tempDir, unique, watch } from './support.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const sameTimeline = (seen, history, id) => {
  const shown = seen.timelines.get(id) || new Map();
  return shown.size === history.size && [...history].every(([seq, m]) => {
    const s = shown.get(seq);
    return s && s.id === m.id && s.body === m.body && s.version === m.version;
  });
};

test('every message shows once, in order, through cut connections; sends ack once, in order', async () => {
  const alice = await account(server.url, `alice_${unique()}`);
  const bob = await account(server.url, `bob_${unique()}`);
  const direct = await alice.api.createDirect(bob.id);
  const link = await proxy(server.port);
  const client = new ChatClient(link.url, { token: bob.token });
  const seen = watch(client);
  await client.start();
  await eventually(() => client.status === 'online', 'online');

  const acks = [];
  const sends = [];
  for (let i = 0; i < 40; i += 1) {
    await alice.api.send(direct.id, { clientMsgId: `a${i}`, body: `from alice ${i}` });
    sends.push(client.sendText(direct.id, `from bob ${i}`, `b${i}`).then((m) => acks.push(m.seq)));
    if (i % 7 === 3) {
      await eventually(() => client.status === 'online', 'back online');
      link.cut();
    }
  }
  await Promise.all(sends);
  assert.deepEqual(acks, [...acks].sort((x, y) => x - y), 'acks resolve in send order');
  const history = await fullHistory(alice.api, direct.id);
  assert.equal(history.size, 80, 'each send stored once');
  await eventually(() => sameTimeline(seen, history, direct.id), 'the timeline equals the history');
  assert.equal(seen.twice, 0, 'no message shown twice');
  assert.equal(seen.outOfOrder || 0, 0, 'shown in seq order');
  assert.ok([...seen.acked.values()].every((n) => n === 1) && seen.acked.size === 40, 'each ack once');
  assert.ok(link.cuts >= 5, `connections were cut (${link.cuts})`);
  await client.stop();
  link.close();
});

test('edits, recalls and reactions apply, also those made while offline', async () => {
  const alice = await account(server.url, `alice_${unique()}`);
  const bob = await account(server.url, `bob_${unique()}`);
  const group = await alice.api.createGroup('edits', [bob.id]);
  const link = await proxy(server.port);
  const client = new ChatClient(link.url, { token: bob.token });
  const seen = watch(client);
  await client.start();
  const m1 = await alice.api.send(group.id, { clientMsgId: 'e1', body: 'first' });
  const m2 = await alice.api.send(group.id, { clientMsgId: 'e2', body: 'second' });
  await eventually(() => seen.timelines.get(group.id)?.size === 2, 'both shown');
  await alice.api.edit(group.id, m1.seq, 'first, edited');
  link.hold();
  await alice.api.react(group.id, m1.seq, '👍');
  await alice.api.recall(group.id, m2.seq);
  link.restore();
  const history = await fullHistory(alice.api, group.id);
  await eventually(() => sameTimeline(seen, history, group.id), 'changes applied');
  assert.equal(seen.timelines.get(group.id).get(m1.seq).body, 'first, edited');
  assert.equal(seen.timelines.get(group.id).get(m1.seq).reactions[0].emoji, '👍');
  await client.stop();
  link.close();
});

test('a cursor the server cannot use starts a full sync; leaving shows as left', async () => {
  const alice = await account(server.url, `alice_${unique()}`);
  const bob = await account(server.url, `bob_${unique()}`);
  const group = await alice.api.createGroup('leaving', [bob.id]);
  await alice.api.send(group.id, { clientMsgId: 'l1', body: 'hello' });
  const store = new MemoryStore();
  await store.save({ cursor: 'not-a-cursor', marks: {}, outbox: [] });
  const client = new ChatClient(server.url, { token: bob.token, store });
  const seen = watch(client);
  const left = [];
  client.on('left', (id) => left.push(id));
  await client.start();
  await eventually(() => seen.timelines.get(group.id)?.size === 1, 'the full sync shows the group');
  assert.ok(seen.conversations.has(group.id));
  await alice.api.removeMember(group.id, bob.id);
  await eventually(() => left.includes(group.id), 'the removal shows as left');
  assert.equal(client.marks[group.id], undefined, 'no longer followed');
  const saved = await store.load();
  assert.notEqual(saved.cursor, 'not-a-cursor', 'a working cursor is kept');
  await client.stop();
});

test('a send queued while the server is away goes out once from a restarted client', async () => {
  const alice = await account(server.url, `alice_${unique()}`);
  const bob = await account(server.url, `bob_${unique()}`);
  const direct = await alice.api.createDirect(bob.id);
  const link = await proxy(server.port);
  const disk = tempDir();
  const file = path.join(disk.dir, 'sync.json');
  const first = new ChatClient(link.url, { token: bob.token, store: new FileStore(file) });
  await first.start();
  await eventually(() => first.status === 'online', 'online');
  link.hold();
  await eventually(() => first.status !== 'online', 'offline');
  const never = first.sendText(direct.id, 'written offline', 'offline-1');
  never.catch(() => {});
  await eventually(() => first.pending.length === 1, 'queued');
  await first.stop();

  link.restore();
  // As a restarted program would: a new store on the same file.
  const second = new ChatClient(link.url, { token: bob.token, store: new FileStore(file) });
  const acked = [];
  second.on('acked', (a) => acked.push(a.clientMsgId));
  await second.start();
  await eventually(() => acked.length === 1, 'the stored send is acked');
  assert.deepEqual(acked, ['offline-1']);
  const history = await fullHistory(alice.api, direct.id);
  assert.deepEqual([...history.values()].map((m) => m.body), ['written offline']);
  assert.equal(second.pending.length, 0);
  await second.stop();
  assert.deepEqual((await new FileStore(file).load()).outbox, [], 'the file holds no pending send');
  link.close();
  disk.cleanup();
});

test('a send the server refuses fails once and does not hold back later acks', async () => {
  const alice = await account(server.url, `alice_${unique()}`);
  const bob = await account(server.url, `bob_${unique()}`);
  const direct = await alice.api.createDirect(bob.id);
  const client = new ChatClient(server.url, { token: bob.token });
  const failed = [];
  client.on('failed', (f) => failed.push(f.error.code));
  await client.start();
  const refused = client.sendText(direct.id, 'x'.repeat(6000)); // over 5000 characters
  const fine = client.sendText(direct.id, 'fine');
  await assert.rejects(refused, (e) => e.code === 'too_large');
  assert.equal((await fine).body, 'fine');
  assert.equal(failed.length, 1);
  // One that no socket would carry is refused before it is queued.
  await assert.rejects(client.sendText(direct.id, 'x'.repeat(70000)), (e) => e.code === 'too_large');
  assert.equal(client.pending.length, 0);
  assert.deepEqual([...(await fullHistory(alice.api, direct.id)).values()].map((m) => m.body), ['fine']);
  await client.stop();
});

test('the Api follows threads and counts their unread replies', async () => {
  const alice = await account(server.url, `alice_${unique()}`);
  const bob = await account(server.url, `bob_${unique()}`);
  const group = await alice.api.createGroup('threads', [bob.id]);
  const root = await alice.api.send(group.id, { clientMsgId: 't1', body: 'a question' });
  const reply = await bob.api.send(group.id, { clientMsgId: 't2', body: 'an answer', threadRoot: root.seq });
  const [thread] = await alice.api.threads({ unread: true });
  assert.equal(thread.conversation_id, group.id);
  assert.equal(thread.root.seq, root.seq);
  assert.equal(thread.unread, 1);
  await alice.api.readThread(group.id, root.seq, reply.seq);
  assert.deepEqual(await alice.api.threads({ unread: true }), []);
  await alice.api.unfollowThread(group.id, root.seq);
  assert.deepEqual(await alice.api.threads(), []);
  assert.equal((await alice.api.threadStanding(group.id, root.seq)).following, false);
  await alice.api.followThread(group.id, root.seq);
  assert.equal((await alice.api.threads()).length, 1);
});
