// Types of chat-client (protocol v1, docs/PROTOCOL.md). Hand-written; `tsc --noEmit`
// checks them with test/types.ts.

export type Id = string;

export interface User {
  id: Id;
  username: string;
  display_name: string | null;
  created_at: string;
  /** An account a program uses (a bot, an incoming webhook's sender). */
  bot?: boolean;
  role?: 'user' | 'admin';
  banned?: boolean;
}

/** A group's incoming webhook (`GET …/webhooks`; never with its token). */
export interface WebhookInfo {
  id: Id;
  name: string;
  bot_id: Id;
  created_by: Id;
  created_at: string;
}

/** A new webhook: POST `{"body"}` to `url` (relative to the server). */
export interface WebhookCreated {
  id: Id;
  name: string;
  token: string;
  url: string;
}

/** `GET /api/v1/me/export`: the caller's data, format `chat-export/1`. */
export interface ExportDocument {
  format: 'chat-export/1';
  exported_at: string;
  profile: User & { role: 'user' | 'admin'; banned: boolean };
  conversations: Array<{
    id: Id;
    kind: 'direct' | 'group';
    title: string | null;
    created_by: Id;
    created_at: string;
    role: 'owner' | 'admin' | 'member';
    joined_at: string;
    last_read_seq: number;
    muted: boolean;
    messages: Message[];
    reactions: Array<{ seq: number; emoji: string }>;
    files: Array<{ file_id: Id; size: number; content_type: string; sha256: string; name: string | null; width: number | null; height: number | null }>;
  }>;
}

/** One of the caller's sessions (`GET /api/v1/sessions`). */
export interface SessionInfo {
  id: string;
  created_at: string;
  /** Kept to the minute. */
  last_used_at: string;
  user_agent: string | null;
  /** The session of this call. */
  current: boolean;
}

export interface Reaction {
  emoji: string;
  count: number;
  user_ids: Id[];
}

export interface Reply {
  seq: number;
  sender_id: Id;
  kind: MessageKind;
  preview: string;
  deleted: boolean;
}

export type MessageKind = 'text' | 'image' | 'file' | 'system';

/** A thread the caller follows (`GET /api/v1/threads`). */
export interface FollowedThread {
  conversation_id: Id;
  /** The root, with its `thread` summary. */
  root: Message;
  /** The newest seq of the thread the caller has read. */
  read_seq: number;
  /** Replies after `read_seq` that are not recalled. */
  unread: number;
  /** Whether the caller follows it (always true in `threads()`). */
  following: boolean;
}

export interface Message {
  id: Id;
  conversation_id: Id;
  seq: number;
  sender_id: Id;
  kind: MessageKind;
  /** null once recalled */
  body: string | null;
  client_msg_id: string | null;
  created_at: string;
  reply_to?: number;
  reply?: Reply;
  mentions?: Id[];
  edited_at?: string;
  deleted?: boolean;
  reactions?: Reaction[];
  /** The conversation's change counter at this message's last change. */
  version?: number;
  /** The root's seq for a reply in a thread; null for a top-level message. */
  thread_root?: number | null;
  /** On a thread's root: its replies. */
  thread?: ThreadSummary;
  /** On a forward: the original's sender and time. */
  forwarded?: { sender_id: Id; created_at: string };
  /** While pinned. */
  pinned_at?: string;
  pinned_by?: Id;
  /** On a tombstone a moderator left (not a recall by its sender): who, and when. */
  removed_by?: Id;
  removed_at?: string;
}

export interface ThreadSummary {
  /** Every reply posted, recalled ones too. */
  replies: number;
  last_seq: number;
  last_reply_at: string;
  /** The newest 5 repliers, newest first. */
  participants: Id[];
}

/** Names a message to forward. */
export interface ForwardSource {
  conversation_id: Id;
  seq: number;
}

export interface Member {
  user_id: Id;
  role: 'owner' | 'admin' | 'member';
  joined_at: string;
  last_read_seq: number;
  delivered_seq: number;
}

export interface Conversation {
  id: Id;
  kind: 'direct' | 'group';
  title: string | null;
  created_by: Id;
  created_at: string;
  last_seq: number;
  last_version: number;
  read_seq: number;
}

/** As `GET /conversations` lists it. */
export interface ConversationSummary extends Conversation {
  unread: number;
  unread_mentions: number;
  last_read_seq: number;
  role: Member['role'];
  muted: boolean;
  last_message: Message | null;
  peer_id?: Id;
}

/** As `GET /conversations/{id}` answers. */
export interface ConversationDetail extends Conversation {
  members: Member[];
}

/** As sync reports it: the summary with its members. */
export interface SyncedConversation extends ConversationSummary {
  members: Member[];
}

export interface SyncAnswer {
  cursor: string;
  more: boolean;
  conversations: SyncedConversation[];
  left: Id[];
}

export interface Session {
  token: string;
  user_id: Id;
  expires_at: string;
}

export interface Presence {
  user_id: Id;
  status: 'online' | 'offline';
  last_seen: string | null;
}

export interface StoredFile {
  file_id: Id;
  size: number;
  content_type: string;
  sha256: string;
  name: string;
  width: number | null;
  height: number | null;
}

export interface SearchAnswer {
  messages: Message[];
  next: string | null;
  partial: boolean;
}

/** A failed call or send: HTTP status (0 when unreachable or over the socket) and wire code. */
export class ChatError extends Error {
  constructor(status: number, code: string, message: string,
    extra?: { retryAfter?: number; challengeRequired?: boolean });
  readonly status: number;
  readonly code: string;
  readonly retryAfter?: number;
  readonly challengeRequired: boolean;
  /** Whether the same call may succeed later (nothing was stored). */
  readonly transient: boolean;
}

export interface ApiOptions {
  token?: string;
  fetch?: typeof fetch;
}

/** The HTTP API, one method per call. Every method rejects with a ChatError. */
export class Api {
  constructor(base: string, options?: ApiOptions);
  readonly base: string;
  readonly token?: string;
  withToken(token: string): Api;
  call<T = unknown>(method: string, path: string, body?: unknown, options?: { raw?: boolean }): Promise<T>;

  challenge(): Promise<unknown>;
  register(body: { username: string; password: string; display_name?: string; challenge?: unknown }): Promise<User>;
  login(username: string, password: string, challenge?: unknown): Promise<Session>;
  logout(): Promise<null>;
  logoutOthers(): Promise<null>;
  sessions(): Promise<SessionInfo[]>;
  /** Everything of the caller's (`GET /api/v1/me/export`): profile, conversations with
   * their standing, the messages they sent, their reactions and files. */
  exportData(): Promise<ExportDocument>;
  blocks(): Promise<User[]>;
  block(userId: Id): Promise<null>;
  unblock(userId: Id): Promise<null>;
  /** Reports a message to the admins; resolves to the report's id. */
  report(conversationId: Id, seq: number, reason: string): Promise<{ id: Id }>;
  endSession(id: string): Promise<null>;
  createWebhook(conversationId: Id, name: string): Promise<WebhookCreated>;
  webhooks(conversationId: Id): Promise<WebhookInfo[]>;
  deleteWebhook(conversationId: Id, webhookId: Id): Promise<null>;
  me(): Promise<User>;
  users(ids: Id[]): Promise<User[]>;
  searchUsers(prefix: string): Promise<User[]>;
  presence(userIds: Id[]): Promise<Presence[]>;

  conversations(): Promise<ConversationSummary[]>;
  conversation(id: Id): Promise<ConversationDetail>;
  createDirect(peerId: Id): Promise<ConversationDetail>;
  createGroup(title: string, memberIds: Id[]): Promise<ConversationDetail>;
  addMember(id: Id, userId: Id): Promise<null>;
  removeMember(id: Id, userId: Id): Promise<null>;
  mute(id: Id): Promise<null>;
  unmute(id: Id): Promise<null>;
  read(id: Id, seq: number): Promise<null>;
  received(id: Id, seq: number): Promise<null>;

  history(id: Id, query?: { beforeSeq?: number; afterSeq?: number; limit?: number; topLevel?: boolean }): Promise<Message[]>;
  thread(id: Id, rootSeq: number, query?: { beforeSeq?: number; afterSeq?: number; limit?: number }): Promise<Message[]>;
  threads(query?: { unread?: boolean; limit?: number }): Promise<FollowedThread[]>;
  threadStanding(id: Id, rootSeq: number): Promise<FollowedThread>;
  followThread(id: Id, rootSeq: number): Promise<null>;
  unfollowThread(id: Id, rootSeq: number): Promise<null>;
  readThread(id: Id, rootSeq: number, seq: number): Promise<null>;
  pins(id: Id): Promise<Message[]>;
  pin(id: Id, seq: number): Promise<void>;
  unpin(id: Id, seq: number): Promise<void>;
  changes(id: Id, query?: { afterVersion?: number; limit?: number }): Promise<Message[]>;
  send(id: Id, message: { clientMsgId: string; kind?: MessageKind; body?: string; replyTo?: number; threadRoot?: number; forward?: ForwardSource; mentions?: Id[] }): Promise<Message>;
  edit(id: Id, seq: number, body: string): Promise<Message>;
  /** Recalls one's own message; a group's owner or admin removes another's (`removed_by`). */
  recall(id: Id, seq: number): Promise<Message>;
  react(id: Id, seq: number, emoji: string, on?: boolean): Promise<Message>;
  search(q: string, options?: { conversationId?: Id; before?: string; limit?: number }): Promise<SearchAnswer>;
  sync(since?: string, limit?: number): Promise<SyncAnswer>;

  upload(name: string, bytes: Blob | Uint8Array): Promise<StoredFile>;
  file(id: Id): Promise<Response>;
}

/** How far a conversation is shown. */
export interface Mark {
  seq: number;
  version: number;
}

/** A send not yet acked, as the store keeps it. */
export interface PendingSend {
  conversation_id: Id;
  client_msg_id: string;
  kind: MessageKind;
  body: string;
  reply_to?: number;
  thread_root?: number;
  forward?: ForwardSource;
  /** Whatever the caller attached to it (a label to show, say). */
  meta?: unknown;
}

export interface SyncState {
  cursor: string | null;
  marks: Record<Id, Mark>;
  outbox: PendingSend[];
}

/** Where the engine keeps its state between runs. */
export interface SyncStore {
  load(): Promise<SyncState | null | undefined>;
  save(state: SyncState): Promise<void>;
}

export class MemoryStore implements SyncStore {
  load(): Promise<SyncState | null>;
  save(state: SyncState): Promise<void>;
}

export class LocalStorageStore implements SyncStore {
  constructor(key: string, storage?: Storage);
  load(): Promise<SyncState>;
  save(state: SyncState): Promise<void>;
  clear(): void;
}

export function emptyState(): SyncState;
export function newClientMsgId(): string;

export interface ClientOptions {
  token: string;
  userId?: Id;
  store?: SyncStore;
  /** How many of a conversation's latest messages to show when it is first seen (default: all). */
  backfill?: number;
  WebSocket?: typeof WebSocket;
  fetch?: typeof fetch;
  pingEveryMs?: number;
  silenceMs?: number;
  resyncEveryMs?: number;
}

export type Status = 'connecting' | 'online' | 'offline';

/** A live frame the engine does not consume itself (typing, receipts, presence, …). */
export interface Frame {
  type: string;
  [field: string]: unknown;
}

export interface ClientEvents {
  /** connecting, online (caught up and live) or offline (with the wait before the retry). */
  status: { status: Status; retryInMs?: number };
  /** A conversation as a sync reported it: new, joined or changed. */
  conversation: SyncedConversation;
  /** A conversation the user left or was removed from. */
  left: Id;
  /** A message, once, in seq order per conversation. */
  message: Message;
  /** A shown message as it is now after an edit, recall or reaction. */
  updated: Message;
  /** A send is stored: once, after every earlier send of its conversation. */
  acked: { clientMsgId: string; message: Message };
  /** A send the server refused for good (it has left the outbox). */
  failed: { clientMsgId: string; error: ChatError; send: PendingSend };
  /** The outbox changed: the sends not yet acked, oldest first. */
  pending: PendingSend[];
  frame: Frame;
  /** The session ended (signed out elsewhere, banned): the client stopped. */
  ended: { reason: string };
  /** Something failed in the background; the engine reconnects and tries again. */
  error: unknown;
}

export interface SendOptions {
  conversationId: Id;
  /** Absent for a forward. */
  body?: string;
  kind?: MessageKind;
  replyTo?: number;
  /** Reply in the thread of this root. */
  threadRoot?: number;
  /** Copy this message instead of sending a body. */
  forward?: ForwardSource;
  clientMsgId?: string;
  meta?: unknown;
}

/** The sync engine: live events, catch-up after every reconnect, an outbox. */
export class ChatClient {
  constructor(base: string, options: ClientOptions);
  static login(base: string, username: string, password: string, options?: Omit<ClientOptions, 'token'>): Promise<ChatClient>;
  readonly api: Api;
  readonly userId: Id | undefined;
  readonly status: Status;
  readonly pending: PendingSend[];
  readonly marks: Record<Id, Mark>;
  readonly wsUrl: string;
  on<K extends keyof ClientEvents>(type: K, listener: (value: ClientEvents[K]) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  send(p: SendOptions): Promise<Message>;
  sendText(conversationId: Id, body: string, clientMsgId?: string): Promise<Message>;
  discard(clientMsgId: string): Promise<void>;
  sendFrame(frame: Frame): boolean;
}
