// The HTTP API of protocol v1 (docs/PROTOCOL.md), one method per call. Errors are
// `ChatError`s carrying the HTTP status and the wire code; a server that cannot be
// reached is status 0, code `unavailable`.

const TIMEOUT_MS = 15000;

/** A failed call: HTTP status (0 when unreachable), wire code, and the server's words. */
export class ChatError extends Error {
  constructor(status, code, message, { retryAfter, challengeRequired = false } = {}) {
    super(message);
    this.name = 'ChatError';
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.challengeRequired = challengeRequired;
  }

  /** Whether the same call may succeed later (nothing was stored). */
  get transient() {
    return ['unavailable', 'rate_limited', 'internal'].includes(this.code);
  }
}

const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, String(one));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
};

export class Api {
  /**
   * `base`: the server, e.g. `https://chat.example.com` (or '' for the page's own).
   * `options.token`: a session token; `options.fetch`: a fetch to use instead of the global.
   */
  constructor(base, { token, fetch: fetchImpl } = {}) {
    this.base = String(base).replace(/\/+$/, '');
    this.token = token;
    this.fetch = fetchImpl || globalThis.fetch.bind(globalThis);
  }

  /** A copy of this client with `token`. */
  withToken(token) {
    return new Api(this.base, { token, fetch: this.fetch });
  }

  /** Calls `/api/v1{path}`; resolves to the parsed answer (null for 204). */
  async call(method, path, body, { raw = false } = {}) {
    const headers = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let payload;
    if (typeof Blob !== 'undefined' && body instanceof Blob) {
      payload = body;
    } else if (body instanceof Uint8Array) {
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let resp;
    try {
      resp = await this.fetch(`${this.base}/api/v1${path}`, {
        method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      const error = new ChatError(0, 'unavailable', 'The server cannot be reached.');
      error.cause = e;
      throw error;
    }
    if (resp.ok && raw) return resp;
    if (resp.status === 204) return null;
    let json = null;
    try {
      json = await resp.json();
    } catch {
      // Not JSON: a proxy's error page, say.
    }
    if (!resp.ok) {
      const e = json && json.error;
      throw new ChatError(resp.status, e ? e.code : 'internal', e ? e.message : resp.statusText, {
        retryAfter: e && e.retry_after,
        challengeRequired: Boolean(e && e.challenge_required === true),
      });
    }
    return json;
  }

  // ---- accounts and sessions
  challenge() { return this.call('GET', '/challenge'); }
  register(body) { return this.call('POST', '/users', body); }
  login(username, password, challenge) {
    return this.call('POST', '/sessions', { username, password, challenge });
  }
  logout() { return this.call('DELETE', '/sessions/current'); }
  logoutOthers() { return this.call('DELETE', '/sessions?all_but_current=true'); }
  sessions() { return this.call('GET', '/sessions'); }
  /** The caller's data (GET /api/v1/me/export), parsed: chat-export/1. */
  exportData() { return this.call('GET', '/me/export'); }
  blocks() { return this.call('GET', '/blocks'); }
  block(userId) { return this.call('POST', '/blocks', { user_id: userId }); }
  unblock(userId) { return this.call('DELETE', `/blocks/${userId}`); }
  report(conversationId, seq, reason) {
    return this.call('POST', '/reports', { conversation_id: conversationId, seq, reason });
  }
  endSession(id) { return this.call('DELETE', `/sessions/${encodeURIComponent(id)}`); }
  me() { return this.call('GET', '/me'); }
  users(ids) { return this.call('GET', `/users${query({ id: ids })}`); }
  searchUsers(prefix) { return this.call('GET', `/users${query({ query: prefix })}`); }
  presence(userIds) { return this.call('GET', `/presence${query({ user_id: userIds })}`); }

  // ---- incoming webhooks (a group's owners and admins)
  createWebhook(id, name) { return this.call('POST', `/conversations/${id}/webhooks`, { name }); }
  webhooks(id) { return this.call('GET', `/conversations/${id}/webhooks`); }
  deleteWebhook(id, webhookId) { return this.call('DELETE', `/conversations/${id}/webhooks/${webhookId}`); }

  // ---- conversations
  conversations() { return this.call('GET', '/conversations'); }
  conversation(id) { return this.call('GET', `/conversations/${id}`); }
  createDirect(peerId) { return this.call('POST', '/conversations', { kind: 'direct', peer_id: peerId }); }
  createGroup(title, memberIds) {
    return this.call('POST', '/conversations', { kind: 'group', title, member_ids: memberIds });
  }
  addMember(id, userId) { return this.call('POST', `/conversations/${id}/members`, { user_id: userId }); }
  removeMember(id, userId) { return this.call('DELETE', `/conversations/${id}/members/${userId}`); }
  mute(id) { return this.call('POST', `/conversations/${id}/mute`); }
  unmute(id) { return this.call('POST', `/conversations/${id}/unmute`); }
  read(id, seq) { return this.call('POST', `/conversations/${id}/read`, { seq }); }
  received(id, seq) { return this.call('POST', `/conversations/${id}/received`, { seq }); }

  // ---- messages
  async history(id, { beforeSeq, afterSeq, limit, topLevel } = {}) {
    const q = query({ before_seq: beforeSeq, after_seq: afterSeq, limit, top_level: topLevel });
    return (await this.call('GET', `/conversations/${id}/messages${q}`)).messages;
  }
  /** The replies in the thread of the message at `rootSeq`, paged as history. */
  async thread(id, rootSeq, { beforeSeq, afterSeq, limit } = {}) {
    const q = query({ before_seq: beforeSeq, after_seq: afterSeq, limit });
    return (await this.call('GET', `/conversations/${id}/threads/${rootSeq}/messages${q}`)).messages;
  }
  /** The threads the caller follows, the newest reply first; `unread` keeps those with unread replies. */
  async threads({ unread, limit } = {}) { return (await this.call('GET', `/threads${query({ unread, limit })}`)).threads; }
  /** The thread of `rootSeq` and the caller's standing in it. */
  threadStanding(id, rootSeq) { return this.call('GET', `/conversations/${id}/threads/${rootSeq}`); }
  followThread(id, rootSeq) { return this.call('POST', `/conversations/${id}/threads/${rootSeq}/follow`); }
  unfollowThread(id, rootSeq) { return this.call('POST', `/conversations/${id}/threads/${rootSeq}/unfollow`); }
  readThread(id, rootSeq, seq) { return this.call('POST', `/conversations/${id}/threads/${rootSeq}/read`, { seq }); }
  async pins(id) { return (await this.call('GET', `/conversations/${id}/pins`)).messages; }
  pin(id, seq) { return this.call('POST', `/conversations/${id}/pins`, { seq }); }
  unpin(id, seq) { return this.call('DELETE', `/conversations/${id}/pins/${seq}`); }
  async changes(id, { afterVersion = 0, limit } = {}) {
    const q = query({ after_version: afterVersion, limit });
    return (await this.call('GET', `/conversations/${id}/changes${q}`)).messages;
  }
  send(id, { clientMsgId, kind = 'text', body, replyTo, threadRoot, forward, mentions }) {
    return this.call('POST', `/conversations/${id}/messages`, {
      client_msg_id: clientMsgId, kind, body, reply_to: replyTo, thread_root: threadRoot, forward, mentions,
    });
  }
  edit(id, seq, body) { return this.call('PATCH', `/conversations/${id}/messages/${seq}`, { body }); }
  recall(id, seq) { return this.call('DELETE', `/conversations/${id}/messages/${seq}`); }
  react(id, seq, emoji, on) {
    return this.call('POST', `/conversations/${id}/messages/${seq}/reactions`, { emoji, on });
  }
  search(q, { conversationId, before, limit } = {}) {
    return this.call('GET', `/search${query({ q, conversation_id: conversationId, before, limit })}`);
  }
  sync(since, limit) { return this.call('GET', `/sync${query({ since, limit })}`); }

  // ---- files
  upload(name, bytes) { return this.call('POST', `/files${query({ name })}`, bytes); }
  file(id) { return this.call('GET', `/files/${id}`, undefined, { raw: true }); }
}
