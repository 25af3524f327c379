// The sync engine: one WebSocket, reconnected with backoff; after every (re)connect a
// catch-up, then the outbox sent again. Every frame and command runs in one queue, in
// arrival order, so the state is never changed by two things at once.

import { Api, ChatError } from './api.js';
import { Backoff } from './backoff.js';
import { CatchUp } from './catch-up.js';
import { MemoryStore, normalize } from './store.js';
import { MAX_FRAME_BYTES, newClientMsgId, sendFrame, socketUrl } from './wire.js';

const POLICY_VIOLATION = 1008; // the session ended: sign-out, ban
const READY_TIMEOUT_MS = 10000;

export class ChatClient {
  #api;
  #store;
  #WebSocket;
  #options;
  #state = normalize(null);
  #catchUp;
  #listeners = new Map();
  #waiters = new Map(); // client_msg_id → [{resolve, reject}]
  #acked = new Map(); // client_msg_id → message, acked but held behind an earlier send
  #queue = Promise.resolve();
  #backoff = new Backoff();
  #ws = null;
  #generation = 0;
  #live = false;
  #stopped = true;
  #timers = [];
  #heardAt = 0;
  #status = 'offline';
  #userId;

  /**
   * `base`: the server (`https://…`, `http://…`, or '' for the page's own origin).
   * Options: `token` (required), `store` (default: in memory), `backfill` (how many of a
   * conversation's latest messages to show when it is first seen; default all),
   * `WebSocket` and `fetch` (defaults: the globals), `pingEveryMs` (20 s),
   * `silenceMs` (45 s without a frame drops the link), `resyncEveryMs` (10 s).
   */
  constructor(base, options) {
    const o = { backfill: Infinity, pingEveryMs: 20000, silenceMs: 45000, resyncEveryMs: 10000, ...options };
    if (!o.token) throw new TypeError('ChatClient needs a token');
    this.#options = o;
    this.#api = new Api(base, { token: o.token, fetch: o.fetch });
    this.#store = o.store || new MemoryStore();
    this.#WebSocket = o.WebSocket || globalThis.WebSocket;
    this.#userId = o.userId;
    this.wsUrl = socketUrl(this.#api.base);
  }

  /** Signs in with a username and password and returns a client (not started). */
  static async login(base, username, password, options = {}) {
    const s = await new Api(base, { fetch: options.fetch }).login(username, password);
    return new ChatClient(base, { ...options, token: s.token, userId: s.user_id });
  }

  /** The typed HTTP API, with this client's token. */
  get api() { return this.#api; }

  /** Who this client is (known once connected, or from `login`). */
  get userId() { return this.#userId; }

  /** 'connecting', 'online' (caught up and live) or 'offline'. */
  get status() { return this.#status; }

  /** The sends not yet acked, oldest first. */
  get pending() { return this.#state.outbox.map((p) => ({ ...p })); }

  /** How far each followed conversation is shown: `{id: {seq, version}}`. */
  get marks() { return structuredClone(this.#state.marks); }

  /** Listens to `type`; returns a function that stops listening. */
  on(type, listener) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(listener);
    return () => this.#listeners.get(type).delete(listener);
  }

  /** Loads the stored state and connects; resolves once the state is loaded. */
  async start() {
    if (!this.#stopped) return;
    this.#state = normalize(await this.#store.load());
    this.#catchUp = new CatchUp(this.#api, this.#state, (t, v) => this.#emit(t, v), this.#options.backfill);
    this.#stopped = false;
    this.#emit('pending', this.pending);
    this.#open();
  }

  /** Disconnects for good; sends not yet acked stay in the store for next time. */
  async stop() {
    this.#stopped = true;
    this.#drop();
    await this.#queue;
    this.#setStatus('offline');
  }

  /**
   * Queues a send; resolves to the stored message once acked (exactly once, after every
   * earlier send of the conversation), rejects with a ChatError the server gave.
   * `p`: {conversationId, body, kind = 'text', replyTo, threadRoot, forward, clientMsgId,
   * meta}; `forward` ({conversation_id, seq}) instead of a body; `meta` is kept with the
   * pending send for the caller (a label to show, say).
   */
  send(p) {
    const pending = {
      conversation_id: p.conversationId,
      client_msg_id: p.clientMsgId || newClientMsgId(),
      kind: p.kind || 'text',
      body: p.forward ? '' : p.body,
      reply_to: p.replyTo,
      thread_root: p.threadRoot,
      forward: p.forward,
      meta: p.meta,
    };
    if (new TextEncoder().encode(sendFrame(pending)).length > MAX_FRAME_BYTES) {
      // It would close every socket it is sent on: refused here, never queued.
      return Promise.reject(new ChatError(0, 'too_large', 'the message is over the 64 KiB frame limit'));
    }
    return new Promise((resolve, reject) => {
      const list = this.#waiters.get(pending.client_msg_id) || [];
      list.push({ resolve, reject });
      this.#waiters.set(pending.client_msg_id, list);
      this.#run(() => this.#queueSend(pending));
    });
  }

  /** `send` of a text. */
  sendText(conversationId, body, clientMsgId) {
    return this.send({ conversationId, body, clientMsgId });
  }

  /** Forgets a send that failed for good or that the caller gave up on. */
  discard(clientMsgId) {
    return this.#run(async () => {
      this.#state.outbox = this.#state.outbox.filter((p) => p.client_msg_id !== clientMsgId);
      await this.#save();
      this.#emit('pending', this.pending);
      await this.#releaseAcks();
    });
  }

  /** Sends a frame on the live socket (typing, read, received…); says whether it did. */
  sendFrame(frame) {
    if (!this.#live) return false;
    this.#ws.send(JSON.stringify(frame));
    return true;
  }

  // ---- the queue and events

  #run(task) {
    const done = this.#queue.then(task);
    this.#queue = done.catch((e) => this.#failed(e));
    return done;
  }

  #failed(e) {
    this.#emit('error', e);
    // Whatever failed (a catch-up whose HTTP call broke, say) is done again after a reconnect.
    if (this.#ws) this.#lost(this.#generation);
  }

  #emit(type, value) {
    for (const listener of this.#listeners.get(type) || []) {
      try {
        listener(value);
      } catch (e) {
        queueMicrotask(() => { throw e; });
      }
    }
  }

  #setStatus(status, detail) {
    this.#status = status;
    this.#emit('status', { status, ...detail });
  }

  async #save() {
    await this.#store.save(this.#state);
  }

  // ---- the socket

  #open() {
    if (this.#stopped) return;
    const generation = ++this.#generation;
    this.#setStatus('connecting');
    let ws;
    try {
      ws = new this.#WebSocket(this.wsUrl);
    } catch {
      this.#lost(generation);
      return;
    }
    this.#ws = ws;
    this.#heardAt = Date.now();
    let ready = false;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: this.#api.token }));
    ws.onmessage = (e) => {
      if (generation !== this.#generation) return;
      this.#heardAt = Date.now();
      let frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      if (frame.type === 'ready') {
        ready = true;
        this.#run(() => this.#begin(generation, frame));
      }
      else this.#run(() => this.#onFrame(frame));
    };
    ws.onclose = (e) => this.#lost(generation, e.code);
    // Some runtimes report a connection refused before the handshake only as an error.
    ws.onerror = () => this.#lost(generation);
    this.#every(READY_TIMEOUT_MS, () => {
      if (!ready) this.#lost(generation);
    }, true);
  }

  /** A ready socket: catch up, send the outbox again, then live. */
  async #begin(generation, ready) {
    if (generation !== this.#generation) return;
    this.#userId = ready.user_id;
    this.#backoff.reset();
    await this.#catchUp.run();
    await this.#save();
    if (generation !== this.#generation) return;
    for (const p of this.#state.outbox) this.#write(p);
    this.#live = true;
    this.#setStatus('online');
    this.#every(this.#options.pingEveryMs, () => {
      if (Date.now() - this.#heardAt > this.#options.silenceMs) this.#lost(generation);
      else this.sendFrame({ type: 'ping' });
    });
    this.#every(this.#options.resyncEveryMs, () => {
      if (this.#live) this.#run(() => this.#resync());
    });
  }

  async #resync() {
    await this.#catchUp.run();
    await this.#save();
  }

  #every(ms, fn, once = false) {
    const t = once ? setTimeout(fn, ms) : setInterval(fn, ms);
    this.#timers.push(t);
  }

  /** Closes the socket (if any) and stops its timers; its late events are ignored. */
  #drop() {
    this.#generation += 1;
    this.#live = false;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers = [];
    const ws = this.#ws;
    this.#ws = null;
    if (ws) {
      try {
        ws.close(1000);
      } catch {
        // Closing a socket still connecting can throw in some runtimes.
      }
    }
  }

  /** The socket `generation` is gone: reconnect after a backoff, or end the session. */
  async #lost(generation, code) {
    if (generation !== this.#generation) return;
    this.#drop();
    if (this.#stopped) return;
    if (code === POLICY_VIOLATION && !(await this.#stillSignedIn())) {
      this.#stopped = true;
      this.#setStatus('offline');
      this.#emit('ended', { reason: 'the session ended' });
      return;
    }
    const delay = this.#backoff.nextDelay();
    this.#setStatus('offline', { retryInMs: delay });
    const retry = this.#generation;
    setTimeout(() => {
      if (retry === this.#generation) this.#open();
    }, delay);
  }

  async #stillSignedIn() {
    try {
      await this.#api.me();
      return true;
    } catch (e) {
      return !(e instanceof ChatError && (e.status === 401 || e.status === 403));
    }
  }

  #write(p) {
    if (!this.#ws || this.#ws.readyState !== 1) return;
    this.#ws.send(sendFrame(p));
  }

  // ---- frames

  async #onFrame(f) {
    const mine = f.req !== undefined && this.#state.outbox.some((p) => p.client_msg_id === f.req);
    switch (f.type) {
      case 'ack':
        if (mine) {
          this.#acked.set(f.req, f.message);
          await this.#releaseAcks();
        }
        return this.#offer(f.message);
      case 'message':
        return this.#offer(f.message);
      case 'message_updated':
        await this.#catchUp.onUpdate(f.message);
        return this.#save();
      case 'error':
        if (mine) return this.#sendFailed(f);
        break;
      case 'member_added':
      case 'member_removed':
        if (f.user_id === this.#userId) return this.#resync();
        break;
      case 'resync': // events may have been lost on the server's side
        return this.#resync();
      case 'pong':
        return undefined;
      default:
    }
    this.#emit('frame', f);
    return undefined;
  }

  async #offer(m) {
    await this.#catchUp.offer(m);
    await this.#save();
  }

  async #queueSend(p) {
    if (this.#state.outbox.some((q) => q.client_msg_id === p.client_msg_id)) return;
    this.#state.outbox.push(p);
    await this.#save();
    this.#emit('pending', this.pending);
    if (this.#live) this.#write(p);
  }

  /** A refused send: a transient refusal goes again after its wait, others fail it. */
  async #sendFailed(f) {
    const error = new ChatError(0, f.code, f.message, { retryAfter: f.retry_after });
    if (error.transient) {
      const wait = Math.min(30000, f.retry_after ? f.retry_after * 1000 : 500);
      const generation = this.#generation;
      setTimeout(() => {
        const p = this.#state.outbox.find((q) => q.client_msg_id === f.req);
        if (p && this.#live && generation === this.#generation) this.#write(p);
      }, wait);
      return;
    }
    const send = this.#state.outbox.find((p) => p.client_msg_id === f.req);
    this.#state.outbox = this.#state.outbox.filter((p) => p !== send);
    await this.#save();
    for (const w of this.#waiters.get(f.req) || []) w.reject(error);
    this.#waiters.delete(f.req);
    this.#emit('failed', { clientMsgId: f.req, error, send: { ...send } });
    this.#emit('pending', this.pending);
    // Acks held behind the failed send are due now.
    await this.#releaseAcks();
  }

  /** Acks are shown in send order per conversation: each once every earlier one is in. */
  async #releaseAcks() {
    const blocked = new Set();
    const released = [];
    for (const p of this.#state.outbox) {
      if (blocked.has(p.conversation_id)) continue;
      const m = this.#acked.get(p.client_msg_id);
      if (m) released.push([p.client_msg_id, m]);
      else blocked.add(p.conversation_id);
    }
    if (released.length === 0) return;
    const done = new Set(released.map(([id]) => id));
    this.#state.outbox = this.#state.outbox.filter((p) => !done.has(p.client_msg_id));
    await this.#save();
    for (const [id, message] of released) {
      this.#acked.delete(id);
      for (const w of this.#waiters.get(id) || []) w.resolve(message);
      this.#waiters.delete(id);
      this.#emit('acked', { clientMsgId: id, message });
    }
    this.#emit('pending', this.pending);
  }
}
