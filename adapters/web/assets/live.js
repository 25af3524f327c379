// The chat page's link to the server: the client library's sync engine
// (/assets/chat-client/, the same code as clients/typescript). It keeps one WebSocket,
// catches up after every reconnect, and sends the outbox until each message is acked.
// Only the outbox outlives a reload: each page load syncs in full (the list needs every
// conversation) and loads history as it is scrolled.
import { ChatClient, LocalStorageStore } from './chat-client/index.js';

/** Keeps the engine's outbox in localStorage; nothing once cleared (at sign-out). */
class OutboxStore {
  constructor(key) {
    this.inner = new LocalStorageStore(key);
    this.cleared = false;
  }

  async load() {
    let { outbox } = await this.inner.load();
    const earlier = parseOr(localStorage.getItem(this.inner.key), null);
    if (Array.isArray(earlier)) {
      // The page's earlier format: the outbox alone, a label beside each send.
      outbox = earlier.filter((p) => !p.failed).map(({ label, ...p }) => ({ ...p, meta: label ? { label } : undefined }));
    }
    return { cursor: null, marks: {}, outbox };
  }

  async save(state) {
    if (!this.cleared) await this.inner.save({ cursor: null, marks: {}, outbox: state.outbox });
  }

  clear() {
    this.cleared = true;
    this.inner.clear();
  }
}

function parseOr(text, fallback) {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

export const outboxKey = (userId) => `chat.outbox.${userId}`;

export const live = {
  client: null,
  store: null,

  get online() {
    return Boolean(this.client) && this.client.status === 'online';
  },

  /** Starts the engine for `me`; `on` maps engine event names to handlers. */
  async start(token, me, on) {
    this.store = new OutboxStore(outboxKey(me.id));
    // backfill 0: messages from now on; the page loads older ones itself.
    this.client = new ChatClient('', { token, userId: me.id, store: this.store, backfill: 0 });
    for (const [type, handler] of Object.entries(on)) this.client.on(type, handler);
    await this.client.start();
  },

  /** Queues a send: resolves once stored, rejects if refused (see the `failed` event). */
  queue(conversationId, kind, body, label) {
    const sent = this.client.send({ conversationId, kind, body, meta: label ? { label } : undefined });
    sent.catch(() => {}); // reported by the `failed` event
    return sent;
  },

  pending(conversationId) {
    return this.client ? this.client.pending.filter((p) => p.conversation_id === conversationId) : [];
  },

  /** Sends a frame if the socket is live; says whether it did. */
  send(frame) {
    return Boolean(this.client) && this.client.sendFrame(frame);
  },

  /** Stops the engine; `forget` also drops the outbox from this browser. */
  stop(forget) {
    if (forget && this.store) this.store.clear();
    if (this.client) this.client.stop();
    this.client = null;
  },
};
