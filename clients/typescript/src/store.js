// What the engine keeps between runs: the sync cursor, how far each conversation has
// been shown ({seq, version}), and the sends not yet acked. A store is any object with
// `load()` and `save(state)`; the state is plain JSON.

/** A state with nothing in it. */
export const emptyState = () => ({ cursor: null, marks: {}, outbox: [] });

function normalize(state) {
  const s = state && typeof state === 'object' ? state : {};
  return {
    cursor: typeof s.cursor === 'string' ? s.cursor : null,
    marks: s.marks && typeof s.marks === 'object' ? s.marks : {},
    outbox: Array.isArray(s.outbox) ? s.outbox : [],
  };
}

/** Keeps the state in memory: a restarted program syncs in full again. */
export class MemoryStore {
  #state = null;

  async load() {
    return this.#state && normalize(JSON.parse(this.#state));
  }

  async save(state) {
    this.#state = JSON.stringify(state);
  }
}

/**
 * Keeps the state in `localStorage` (browsers) under `key`, so a reload resends what was
 * not acked and syncs only what changed. `clear()` forgets it (at sign-out).
 */
export class LocalStorageStore {
  constructor(key, storage = globalThis.localStorage) {
    this.key = key;
    this.storage = storage;
  }

  async load() {
    try {
      return normalize(JSON.parse(this.storage.getItem(this.key)));
    } catch {
      return emptyState();
    }
  }

  async save(state) {
    this.storage.setItem(this.key, JSON.stringify(state));
  }

  clear() {
    this.storage.removeItem(this.key);
  }
}

export { normalize };
