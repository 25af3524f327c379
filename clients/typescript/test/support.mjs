// What the tests share: a real chat-server process (CHAT_SERVER_BIN, default the debug
// build), TCP proxies whose connections can be cut, and accounts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Api } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.CHAT_SERVER_BIN || path.join(here, '../../../target/debug/chat-server');
export const PASSWORD = 'correct horse battery';

/** Limits loose enough for many clients on one address. */
const LOOSE = {
  CHAT_RATE_LIMIT_MAX: '100000',
  CHAT_AUTH_RATE_LIMIT_MAX: '1000',
  CHAT_MAX_CONNECTIONS_PER_USER: '1000',
};

/** A temporary directory, removed by `cleanup()`. */
export function tempDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chat-ts-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A free TCP port on 127.0.0.1 (for a server restarted on the same address). */
export async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Starts chat-server with `env` and waits until it listens. */
export async function startServer(env = {}) {
  const child = spawn(BIN, [], {
    env: { ...process.env, CHAT_ADDR: '127.0.0.1:0', CHAT_LOG: 'info', CHAT_STORE: 'memory', ...LOOSE, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const addr = await new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('chat-server did not listen within 30 s')), 30000);
    child.on('exit', (code) => reject(new Error(`chat-server exited (${code}) before listening`)));
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const found = /addr=(\S+)/.exec(buffered);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
  });
  child.stdout.resume();
  const exited = new Promise((r) => child.on('exit', r));
  return {
    addr,
    url: `http://${addr}`,
    port: Number(addr.split(':').pop()),
    /** SIGKILL: no chance to clean up. */
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A TCP proxy to `port` whose connections can be cut (and held down). */
export async function proxy(port, host = '127.0.0.1') {
  const live = new Set();
  let down = false;
  let cuts = 0;
  const listener = net.createServer((client) => {
    if (down) return client.destroy();
    const upstream = net.connect(port, host);
    const pair = { client, upstream };
    live.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      live.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
    return undefined;
  });
  await new Promise((r) => listener.listen(0, '127.0.0.1', r));
  const self = {
    port: listener.address().port,
    get url() { return `http://127.0.0.1:${this.port}`; },
    get cuts() { return cuts; },
    /** Cuts every live connection (new ones get through). */
    cut() {
      if (live.size) cuts += 1;
      for (const { client, upstream } of live) {
        client.destroy();
        upstream.destroy();
      }
      live.clear();
    },
    hold() { down = true; self.cut(); },
    restore() { down = false; },
    close() {
      self.cut();
      listener.close();
    },
  };
  return self;
}

/** Registers `name` and signs in: {id, token, api}. */
export async function account(url, name) {
  const api = new Api(url);
  const user = await api.register({ username: name, password: PASSWORD });
  const s = await api.login(name, PASSWORD);
  return { id: user.id, token: s.token, api: api.withToken(s.token) };
}

/** A short unique suffix for usernames. */
export const unique = () => Math.random().toString(36).slice(2, 8);

/** Every message of a conversation, by seq. */
export async function fullHistory(api, id) {
  const all = new Map();
  for (;;) {
    const page = await api.history(id, { afterSeq: all.size, limit: 100 });
    if (page.length === 0) return all;
    for (const m of page) all.set(m.seq, m);
  }
}

/** Waits until `check()` is truthy (polling), or fails with `what` after `ms`. */
export async function eventually(check, what, ms = 20000) {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await check();
    if (ok) return ok;
    if (Date.now() > until) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What a client showed, from its events alone. */
export function watch(client) {
  const seen = { conversations: new Map(), timelines: new Map(), shown: 0, twice: 0, acked: new Map() };
  const timeline = (id) => {
    if (!seen.timelines.has(id)) seen.timelines.set(id, new Map());
    return seen.timelines.get(id);
  };
  client.on('conversation', (c) => seen.conversations.set(c.id, c));
  client.on('left', (id) => {
    seen.conversations.delete(id);
    seen.timelines.delete(id);
  });
  client.on('message', (m) => {
    const t = timeline(m.conversation_id);
    seen.shown += 1;
    if (t.has(m.seq)) seen.twice += 1;
    const last = Math.max(0, ...t.keys());
    if (m.seq <= last) seen.outOfOrder = (seen.outOfOrder || 0) + 1;
    t.set(m.seq, m);
  });
  client.on('updated', (m) => timeline(m.conversation_id).set(m.seq, m));
  // An acked message also shows as a 'message' event, in its turn.
  client.on('acked', ({ clientMsgId }) => {
    seen.acked.set(clientMsgId, (seen.acked.get(clientMsgId) || 0) + 1);
  });
  return seen;
}
