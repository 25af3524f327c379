// A store for Node.js: the engine's state in a JSON file, replaced atomically (written
// beside it, flushed, then renamed over it), so a program killed mid-write keeps the
// previous state and a restarted one resends its outbox. Not for browsers (node:fs).
import { open, readFile, rename } from 'node:fs/promises';

import { emptyState, normalize } from './store.js';

export class FileStore {
  constructor(path) {
    this.path = path;
  }

  async load() {
    try {
      return normalize(JSON.parse(await readFile(this.path, 'utf8')));
    } catch {
      return emptyState();
    }
  }

  async save(state) {
    const tmp = `${this.path}.tmp`;
    const file = await open(tmp, 'w');
    try {
      await file.writeFile(JSON.stringify(state));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, this.path);
  }
}
