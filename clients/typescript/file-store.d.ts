// Types of chat-client/file-store (Node.js only).
import type { SyncState, SyncStore } from './index.js';

/** The engine's state in a JSON file, replaced atomically on each save. */
export class FileStore implements SyncStore {
  constructor(path: string);
  readonly path: string;
  load(): Promise<SyncState>;
  save(state: SyncState): Promise<void>;
}
