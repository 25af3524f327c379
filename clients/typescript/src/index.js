// chat-client: the protocol v1 client for browsers and Node ≥ 20. See README.md.
export { Api, ChatError } from './api.js';
export { ChatClient } from './engine.js';
export { newClientMsgId } from './wire.js';
export { LocalStorageStore, MemoryStore, emptyState } from './store.js';
