// chat-client: the protocol v1 client for browsers and Node ≥ 20. See README.md.
export { Api, ChatError } from './api.js';
export { ChatClient, newClientMsgId } from './engine.js';
export { LocalStorageStore, MemoryStore, emptyState } from './store.js';
