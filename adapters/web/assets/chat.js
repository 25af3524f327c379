// The chat screen: conversations and messages. It speaks protocol v1 only
// (docs/PROTOCOL.md), live through the client library's sync engine (live.js): each
// message once and in order, through reconnects; sends wait in its outbox (kept in
// localStorage) until acked. Messages are kept per conversation by seq, so one seen
// twice (live and again in a page loaded by scrolling) is shown once.
import { answerChallenge } from './challenge.js';
import { $, api, h, session } from './common.js';
import { live } from './live.js';
import { showBlockFor, wireBlocking } from './blocking.js';
import { downloadExport, showSessions } from './sessions.js';
import { showWebhooks, wireWebhooks } from './webhooks.js';

const PAGE = 50;
const TYPING_SHOWN_MS = 4000;
const TYPING_EVERY_MS = 2000;

let state = fresh();

function fresh() {
  return {
    me: null,
    convs: new Map(), // id → conversation (list fields, plus members once opened)
    open: null, // the conversation shown
    msgs: new Map(), // conversation id → Map(seq → message), for the loaded ones
    complete: new Set(), // conversations whose first message is loaded
    typing: new Map(), // conversation id → Map(user id → until)
    presence: new Map(), // user id → {status, last_seen}
    failed: [], // sends refused for good, shown until discarded: {…pending send, failed}
    loadingOlder: false,
    thread: null, // the thread shown: {conversationId, root, replies: Map(seq → message)}
    pins: new Map(), // conversation id → its pinned messages, most recently pinned first
  };
}

// ---- users ---------------------------------------------------------------------------

const users = new Map();

/**
 * A user as shown: the display name with the @username beside it, which is unique and
 * ASCII, so a display name copied from someone else does not pass for them.
 */
function nameOf(id) {
  const u = users.get(id);
  if (!u) return '…';
  const shown = u.display_name && u.display_name !== u.username ? `${u.display_name} ` : '';
  return `${shown}@${u.username}${u.bot ? ' [bot]' : ''}`;
}

async function loadUsers(ids) {
  const missing = [...new Set(ids)].filter((id) => id && !users.has(id));
  for (let i = 0; i < missing.length; i += 100) {
    const q = missing.slice(i, i + 100).map((id) => `id=${encodeURIComponent(id)}`);
    for (const u of await api('GET', `/users?${q.join('&')}`)) users.set(u.id, u);
  }
}

// ---- sending ---------------------------------------------------------------------------

function queue(conversationId, kind, body, label) {
  scrollOnPending = state.open === conversationId;
  live.queue(conversationId, kind, body, label);
}

let scrollOnPending = false;
function onPending() {
  if (state.open) renderMessages(scrollOnPending);
  renderThread();
  scrollOnPending = false;
}

function onFailed({ send, error }) {
  state.failed.push({ ...send, failed: error.message });
  if (state.open === send.conversation_id) renderMessages(false);
}

// ---- start, sign in, sign out --------------------------------------------------------

async function start() {
  if (!session.token) return showAuth();
  try {
    state.me = await api('GET', '/me');
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      session.clear();
      return showAuth('You were signed out. Sign in again.');
    }
    showAuth(`${e.message} Retrying…`);
    setTimeout(start, 3000);
    return;
  }
  users.set(state.me.id, state.me);
  $('auth').hidden = true;
  $('app').hidden = false;
  $('me').textContent = nameOf(state.me.id);
  $('admin-link').hidden = state.me.role !== 'admin';
  try {
    await refreshList();
  } catch (e) {
    toast(e.message);
  }
  refreshThreads();
  live.start(session.token, state.me, {
    status: onStatus,
    conversation: onConversation,
    left: onLeft,
    message: onMessage,
    updated: onUpdated,
    acked: ({ message }) => onMessage(message),
    failed: onFailed,
    pending: onPending,
    frame: onFrame,
    ended: () => sessionEnded('You were signed out. Sign in again.'),
  });
  const fromHash = location.hash.slice(1);
  if (state.convs.has(fromHash)) openConversation(fromHash);
}

function showAuth(notice) {
  $('app').hidden = true;
  $('auth').hidden = false;
  $('auth-notice').textContent = notice || '';
  $('auth-notice').hidden = !notice;
  $('auth-username').focus();
}

// The server asked the last login for a challenge: the next one solves it up front
// rather than fail first (a failure counted again, and a wasted round trip).
let challengeWanted = false;
let signingIn = false;

async function signIn(create) {
  if (signingIn) return; // Enter pressed again while a challenge is being solved
  const username = $('auth-username').value.trim();
  const password = $('auth-password').value;
  $('auth-error').textContent = '';
  signingIn = true;
  $('sign-in').disabled = true;
  $('sign-up').disabled = true;
  try {
    if (create) await withChallenge(true, (challenge) => api('POST', '/users', { username, password, challenge }));
    const s = await withChallenge(challengeWanted, (challenge) => api('POST', '/sessions', { username, password, challenge }));
    challengeWanted = false;
    session.set(s.token);
    $('auth-password').value = '';
    $('auth-notice').hidden = true;
    await start();
  } catch (e) {
    if (e.challengeRequired) challengeWanted = true;
    $('auth-error').textContent = e.message;
  } finally {
    signingIn = false;
    $('sign-in').disabled = false;
    $('sign-up').disabled = false;
  }
}

/**
 * `send(challenge)`, with a challenge solved first when `first` (absent when the server
 * needs none), and once more when the server asks for one: because none was sent (a
 * login after failures), or the one sent was refused (400: expired, already used).
 * A 401 that carried one is a wrong password, not worth another solve.
 */
async function withChallenge(first, send) {
  const ui = { box: $('auth-check'), status: $('auth-check-status'), progress: $('auth-progress'), widget: $('auth-widget') };
  let challenge = first ? await answerChallenge(ui) : null;
  try {
    return await send(challenge || undefined);
  } catch (e) {
    if (!e.challengeRequired || (challenge && e.status !== 400)) throw e;
    challenge = await answerChallenge(ui);
    if (!challenge) throw e;
    return send(challenge);
  }
}

/**
 * The session is gone (sign-out, logout elsewhere, a ban): back to the sign-in form,
 * leaving nothing of the account in this browser, unsent messages included.
 */
function sessionEnded(notice) {
  live.stop(true);
  session.clear();
  state = fresh();
  history.replaceState(null, '', location.pathname);
  $('conversations').replaceChildren();
  $('messages').replaceChildren();
  showAuth(notice);
}

// ---- the engine's events ------------------------------------------------------------

function onStatus({ status, retryInMs }) {
  if (status === 'online') {
    setStatus('online', 'Online');
    onOnline();
  } else if (status === 'connecting') {
    setStatus('connecting', 'Connecting…');
  } else {
    const wait = retryInMs ? `, reconnecting in ${Math.ceil(retryInMs / 1000)} s` : '';
    setStatus('offline', `Offline${wait}`);
  }
}

/** Caught up again: the list's counts and presence, and the open conversation's members. */
async function onOnline() {
  try {
    await refreshList();
    for (const id of state.msgs.keys()) if (!state.convs.has(id)) state.msgs.delete(id);
    if (state.open && state.convs.has(state.open)) await loadDetail(state.open);
    if (state.open) {
      renderMessages(false);
      markRead();
    }
  } catch (e) {
    toast(e.message);
  }
}

/** A conversation sync reported new or changed, as it is now. */
function onConversation(c) {
  merge(c);
  loadUsers([c.peer_id, c.last_message && c.last_message.sender_id, ...c.members.map((m) => m.user_id)])
    .catch(() => {})
    .finally(() => {
      renderList();
      if (state.open === c.id) {
        renderHeader();
        renderMessages(false);
        // Counted by the server before it had our latest `read`: read again.
        markRead();
      }
    });
}

function onLeft(id) {
  state.convs.delete(id);
  state.msgs.delete(id);
  if (state.open === id) closeConversation();
  else renderList();
}

function onFrame(f) {
  switch (f.type) {
    case 'receipt': return onReceipt(f);
    case 'typing': return onTyping(f);
    case 'presence': return onPresence(f);
    case 'member_added':
    case 'member_removed': return onMembership(f);
    case 'pinned':
    case 'unpinned': return onPin(f).catch((e) => toast(e.message));
    case 'thread_read': return refreshThreads(); // read here or on another device
    case 'error': return toast(f.message);
    default: return undefined;
  }
}

function onMessage(m) {
  const c = state.convs.get(m.conversation_id);
  if (!c) {
    refreshList().catch((e) => toast(e.message)); // a conversation we did not know yet
    return;
  }
  if (m.forwarded && !users.has(m.forwarded.sender_id)) {
    loadUsers([m.forwarded.sender_id]).then(() => rerender(m.conversation_id), () => {});
  }
  const t = state.thread;
  if (t && t.conversationId === m.conversation_id && m.thread_root === t.root) {
    t.replies.set(m.seq, m);
    if (m.sender_id === state.me.id) t.following = true;
    renderThread();
    readThread(t);
  }
  const loaded = state.msgs.get(m.conversation_id);
  if (loaded) {
    const top = maxSeq(loaded);
    loaded.set(m.seq, m);
    if (top && m.seq > top + 1) catchUp(m.conversation_id).then(() => rerender(m.conversation_id));
  }
  const fresh = m.seq > (c.last_seq || 0);
  if (fresh) c.last_seq = m.seq;
  if (!c.last_message || m.seq >= c.last_message.seq) c.last_message = m;
  if (m.sender_id === state.me.id) {
    c.last_read_seq = Math.max(c.last_read_seq || 0, m.seq);
  } else if (fresh) {
    c.unread = (c.unread || 0) + 1;
  }
  state.typing.get(m.conversation_id)?.delete(m.sender_id);
  if (m.sender_id !== state.me.id) reportReceived(m.conversation_id, m.seq);
  renderList();
  rerender(m.conversation_id);
}

/** An edit, recall or reaction: the message as it is now replaces the one we hold. */
function onUpdated(m) {
  const loaded = state.msgs.get(m.conversation_id);
  const before = loaded && loaded.get(m.seq);
  // A root counted a new reply: by then the server has stored who follows it.
  if (m.thread && m.thread.last_seq !== (before && before.thread && before.thread.last_seq)) {
    refreshThreads();
  }
  if (loaded && loaded.has(m.seq)) loaded.set(m.seq, m);
  const t = state.thread;
  if (t && t.conversationId === m.conversation_id) {
    if (m.seq === t.root) t.message = m;
    if (t.replies.has(m.seq)) t.replies.set(m.seq, m);
    renderThread();
  }
  const c = state.convs.get(m.conversation_id);
  if (c && c.last_message && c.last_message.seq === m.seq) {
    c.last_message = m;
    renderList();
  }
  if (state.open === m.conversation_id) renderMessages(false);
}

// Delivery reports, at most one per conversation per second (the latest seq).
const receivedTimers = new Map();
function reportReceived(conversationId, seq) {
  if (receivedTimers.has(conversationId)) return;
  receivedTimers.set(conversationId, setTimeout(() => {
    receivedTimers.delete(conversationId);
    const c = state.convs.get(conversationId);
    const top = Math.max(seq, (c && c.last_seq) || 0);
    live.send({ type: 'received', conversation_id: conversationId, seq: top });
  }, 1000));
}

function rerender(conversationId) {
  if (state.open !== conversationId) return;
  renderMessages(false);
  renderTyping();
  markRead();
}

function onReceipt(f) {
  const c = state.convs.get(f.conversation_id);
  if (!c) return;
  if (f.user_id === state.me.id) {
    c.last_read_seq = Math.max(c.last_read_seq || 0, f.seq);
    c.unread = 0;
    renderList();
  }
  const member = c.members && c.members.find((m) => m.user_id === f.user_id);
  if (member) member.last_read_seq = Math.max(member.last_read_seq, f.seq);
  if (state.open === f.conversation_id) renderMessages(false);
}

function onTyping(f) {
  if (f.user_id === state.me.id) return;
  let typers = state.typing.get(f.conversation_id);
  if (!typers) state.typing.set(f.conversation_id, (typers = new Map()));
  typers.set(f.user_id, Date.now() + TYPING_SHOWN_MS);
  loadUsers([f.user_id]).finally(renderTyping);
  setTimeout(renderTyping, TYPING_SHOWN_MS + 50);
}

function onPresence(f) {
  state.presence.set(f.user_id, { status: f.status, last_seen: f.last_seen });
  renderList();
  if (state.open) renderHeader();
}

function onMembership(f) {
  refreshList()
    .then(() => {
      if (state.open !== f.conversation_id) return undefined;
      if (!state.convs.has(f.conversation_id)) return closeConversation();
      return loadDetail(f.conversation_id).then(() => renderMessages(false));
    })
    .catch((e) => toast(e.message));
}

// ---- loading ---------------------------------------------------------------------------

/** A conversation as the server sent it, over what we hold: its cursors never move back
 * (the answer may have been made before our latest read or a message we were sent). */
function merge(c) {
  const held = state.convs.get(c.id);
  if (held) {
    c.last_seq = Math.max(c.last_seq || 0, held.last_seq || 0);
    c.last_read_seq = Math.max(c.last_read_seq || 0, held.last_read_seq || 0);
  }
  state.convs.set(c.id, Object.assign(held || {}, c));
}

async function refreshList() {
  const list = await api('GET', '/conversations');
  const ids = new Set(list.map((c) => c.id));
  for (const id of [...state.convs.keys()]) if (!ids.has(id)) state.convs.delete(id);
  for (const c of list) merge(c);
  await loadUsers(list.flatMap((c) => [c.peer_id, c.last_message && c.last_message.sender_id]));
  const peers = [...new Set(list.map((c) => c.peer_id).filter(Boolean))];
  for (let i = 0; i < peers.length; i += 100) {
    const q = peers.slice(i, i + 100).map((id) => `user_id=${encodeURIComponent(id)}`);
    for (const p of await api('GET', `/presence?${q.join('&')}`)) state.presence.set(p.user_id, p);
  }
  renderList();
  if (state.open) markRead(); // the list's counts are from before our latest read, maybe
}

async function loadDetail(id) {
  const detail = await api('GET', `/conversations/${id}`);
  await loadUsers(detail.members.map((m) => m.user_id));
  const c = state.convs.get(id);
  if (c) Object.assign(c, detail);
}

async function fetchPage(id, query) {
  const params = new URLSearchParams({ limit: PAGE, ...query });
  const page = await api('GET', `/conversations/${id}/messages?${params}`);
  let loaded = state.msgs.get(id);
  if (!loaded) state.msgs.set(id, (loaded = new Map()));
  for (const m of page.messages) loaded.set(m.seq, m);
  await loadUsers(page.messages.flatMap((m) => [m.sender_id, m.forwarded && m.forwarded.sender_id]));
  return page.messages;
}

function maxSeq(loaded) {
  let top = 0;
  for (const seq of loaded.keys()) top = Math.max(top, seq);
  return top;
}

/** Everything after the newest loaded message, page by page. */
async function catchUp(id) {
  for (;;) {
    const page = await fetchPage(id, { after_seq: maxSeq(state.msgs.get(id) || new Map()) });
    if (page.length < PAGE) return;
  }
}

async function loadOlder() {
  const id = state.open;
  const loaded = state.msgs.get(id);
  if (!id || state.loadingOlder || state.complete.has(id) || !loaded || !loaded.size) return;
  state.loadingOlder = true;
  try {
    const oldest = Math.min(...loaded.keys());
    const page = await fetchPage(id, { before_seq: oldest });
    if (page.length < PAGE) state.complete.add(id);
    if (state.open !== id) return;
    const box = $('messages');
    const fromBottom = box.scrollHeight - box.scrollTop;
    renderMessages(false);
    box.scrollTop = box.scrollHeight - fromBottom;
  } catch (e) {
    toast(e.message);
  } finally {
    state.loadingOlder = false;
  }
  fillScreen();
}

/** Loads older pages until the view can scroll (scrolling up is what loads more). */
function fillScreen() {
  const box = $('messages');
  if (state.open && box.scrollHeight <= box.clientHeight) loadOlder();
}

// ---- opening a conversation, reading -------------------------------------------------

async function openConversation(id) {
  state.open = id;
  history.replaceState(null, '', `#${id}`);
  document.body.classList.add('viewing');
  $('empty').hidden = true;
  $('composer').hidden = false;
  $('messages').replaceChildren();
  renderHeader();
  renderList();
  renderTyping();
  try {
    await loadDetail(id);
    await loadPins(id);
    if (!state.msgs.has(id)) {
      const page = await fetchPage(id, {});
      if (page.length < PAGE) state.complete.add(id);
    } else {
      await catchUp(id);
    }
  } catch (e) {
    toast(e.message);
  }
  if (state.open !== id) return;
  renderHeader();
  renderMessages(true);
  markRead();
  fillScreen();
  $('text').focus();
}

function closeConversation() {
  state.open = null;
  history.replaceState(null, '', location.pathname);
  document.body.classList.remove('viewing');
  $('empty').hidden = false;
  $('composer').hidden = true;
  $('messages').replaceChildren();
  $('conv-title').textContent = '';
  $('conv-sub').textContent = '';
  $('add-member').hidden = true;
  $('webhooks-button').hidden = true;
  delete $('block-button').dataset.peer;
  showBlockFor(null, toast);
  renderList();
}

function markRead() {
  const c = state.convs.get(state.open);
  if (!c || document.visibilityState === 'hidden') return;
  const top = Math.max(c.last_seq || 0, maxSeq(state.msgs.get(c.id) || new Map()));
  // A badge on the open conversation is a count the server made before our last read
  // reached it (a list or sync answered in between): read again, whatever we sent.
  if (top <= (c.last_read_seq || 0) && !c.unread) return;
  c.last_read_seq = Math.max(top, c.last_read_seq || 0);
  c.unread = 0;
  renderList();
  if (!live.send({ type: 'read', conversation_id: c.id, seq: top })) {
    api('POST', `/conversations/${c.id}/read`, { seq: top }).catch(() => {});
  }
}

// ---- rendering -------------------------------------------------------------------------

function titleOf(c) {
  return c.kind === 'direct' ? nameOf(c.peer_id) : c.title || 'Group';
}

function activity(c) {
  return Date.parse((c.last_message && c.last_message.created_at) || c.created_at);
}

function fileOf(m) {
  try {
    return JSON.parse(m.body);
  } catch {
    return null;
  }
}

/** A tombstone's words: a moderator's removal is told apart from a sender's recall. */
function tombstone(m) {
  return m.removed_by ? 'Removed by a moderator' : 'Message recalled';
}

function preview(m) {
  if (!m) return 'No messages yet';
  if (m.deleted) return tombstone(m);
  if (m.kind === 'image') return '🖼 Image';
  if (m.kind === 'file') return `📄 ${(fileOf(m) || {}).name || 'File'}`;
  const who = m.sender_id === state.me.id ? 'You: ' : '';
  return who + m.body;
}

function renderList() {
  const items = [...state.convs.values()].sort((a, b) => activity(b) - activity(a));
  $('conversations').replaceChildren(
    ...items.map((c) => {
      const status = c.kind === 'direct' ? (state.presence.get(c.peer_id) || {}).status || 'offline' : 'group';
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: `conv${c.id === state.open ? ' active' : ''}`,
            'data-id': c.id,
            'aria-current': c.id === state.open ? 'true' : null,
            onclick: () => openConversation(c.id),
          },
          h('span', { class: `dot ${status}`, title: status, 'aria-label': status === 'group' ? null : status }),
          h('span', { class: 'conv-main' }, h('span', { class: 'conv-title' }, titleOf(c)), h('span', { class: 'conv-last' }, preview(c.last_message))),
          c.unread > 0 ? h('span', { class: 'badge', 'aria-label': `${c.unread} unread` }, String(c.unread)) : null,
        ),
      );
    }),
  );
}

function renderHeader() {
  const c = state.convs.get(state.open);
  if (!c) return;
  $('conv-title').textContent = titleOf(c);
  let sub = '';
  if (c.kind === 'direct') {
    const p = state.presence.get(c.peer_id);
    if (p && p.status === 'online') sub = 'online';
    else if (p && p.last_seen) sub = `last seen ${new Date(p.last_seen).toLocaleString()}`;
  } else if (c.members) {
    sub = `${c.members.length} members`;
  }
  $('conv-sub').textContent = sub;
  const mine = c.members && c.members.find((m) => m.user_id === state.me.id);
  $('add-member').hidden = !(c.kind === 'group' && mine && mine.role !== 'member');
  $('webhooks-button').hidden = $('add-member').hidden;
  if (c.kind === 'direct' && c.peer_id !== $('block-button').dataset.peer) {
    $('block-button').dataset.peer = c.peer_id;
    showBlockFor(c.peer_id, toast);
  } else if (c.kind !== 'direct') {
    delete $('block-button').dataset.peer;
    showBlockFor(null, toast);
  }
  const pins = state.pins.get(c.id) || [];
  $('pins-button').hidden = pins.length === 0;
  $('pins-button').textContent = `📌 ${pins.length}`;
}

// ---- pins, threads, forwards -------------------------------------------------------------

async function loadPins(id) {
  state.pins.set(id, await api('GET', `/conversations/${id}/pins`).then((p) => p.messages));
}

/** A pin or unpin: the list again, and the message as it is now where it is shown. */
async function onPin(f) {
  await loadPins(f.conversation_id);
  const loaded = state.msgs.get(f.conversation_id);
  const held = loaded && loaded.get(f.seq);
  if (held) {
    const now = state.pins.get(f.conversation_id).find((m) => m.seq === f.seq);
    const { pinned_at: _at, pinned_by: _by, ...unpinned } = held;
    loaded.set(f.seq, now || unpinned);
  }
  renderHeader();
  rerender(f.conversation_id);
}

/** A group's owner and admins pin, and both members of a direct conversation. */
function canPin(c) {
  const mine = c.members && c.members.find((m) => m.user_id === state.me.id);
  return c.kind === 'direct' || Boolean(mine && mine.role !== 'member');
}

/** A click that destroys: the first arms the button ("Sure?"), a second within 4 s acts. */
function confirming(label, run) {
  return (e) => {
    const b = e.currentTarget;
    if (b.dataset.armed) {
      delete b.dataset.armed;
      run();
      return;
    }
    b.dataset.armed = '1';
    b.textContent = `${label}? Click again`;
    setTimeout(() => {
      if (b.dataset.armed) {
        delete b.dataset.armed;
        b.textContent = label;
      }
    }, 4000);
  };
}

/** Recalls one's own message, or (a group's owner or admin) removes another's. */
async function removeMessage(m) {
  try {
    await api('DELETE', `/conversations/${m.conversation_id}/messages/${m.seq}`);
  } catch (e) {
    toast(e.message);
  }
}

async function togglePin(m) {
  try {
    if (m.pinned_at) await api('DELETE', `/conversations/${m.conversation_id}/pins/${m.seq}`);
    else await api('POST', `/conversations/${m.conversation_id}/pins`, { seq: m.seq });
  } catch (e) {
    toast(e.message);
  }
}

$('pins-button').addEventListener('click', () => {
  const pins = state.pins.get(state.open) || [];
  $('pins-list').replaceChildren(...pins.map((m) => h(
    'li',
    { 'data-seq': m.seq },
    h('strong', {}, `${nameOf(m.sender_id)}: `),
    preview(m),
  )));
  $('pins-dialog').showModal();
});

async function openThread(m) {
  const t = { conversationId: m.conversation_id, root: m.seq, message: m, replies: new Map() };
  state.thread = t;
  $('thread-messages').replaceChildren();
  $('thread-dialog').showModal();
  try {
    for (let after = 0; ;) {
      const page = await api('GET', `/conversations/${m.conversation_id}/threads/${m.seq}/messages?after_seq=${after}&limit=100`);
      await loadUsers(page.messages.map((r) => r.sender_id));
      for (const r of page.messages) t.replies.set(r.seq, r);
      if (page.messages.length < 100) break;
      after = page.messages[page.messages.length - 1].seq;
    }
  } catch (e) {
    toast(e.message);
  }
  try {
    const standing = await api('GET', `/conversations/${m.conversation_id}/threads/${m.seq}`);
    t.following = standing.following;
    t.readSeq = standing.read_seq;
  } catch (e) {
    toast(e.message);
  }
  renderThread();
  readThread(t);
  $('thread-text').focus();
}

/** The open thread is read up to its newest reply; the followed-threads count follows. */
async function readThread(t) {
  const last = Math.max(0, ...t.replies.keys());
  if (last <= (t.readSeq || 0)) return;
  t.readSeq = last;
  try {
    await api('POST', `/conversations/${t.conversationId}/threads/${t.root}/read`, { seq: last });
  } catch (e) {
    toast(e.message);
  }
  refreshThreads();
}

/** How many followed threads have unread replies, on the header's 🧵 button. */
async function refreshThreads() {
  try {
    const { threads } = await api('GET', '/threads?unread=true&limit=100');
    $('threads-button').textContent = threads.length ? `🧵 ${threads.length}` : '🧵';
  } catch {
    // Shown again at the next reply or read.
  }
}

$('threads-button').addEventListener('click', async () => {
  let threads;
  try {
    ({ threads } = await api('GET', '/threads?limit=100'));
    await loadUsers(threads.map((t) => t.root.sender_id));
  } catch (e) {
    toast(e.message);
    return;
  }
  $('threads-list').replaceChildren(...threads.map((t) => h('li', { 'data-root': t.root.seq }, h(
    'button',
    {
      type: 'button',
      class: 'link',
      onclick: async () => {
        $('threads-dialog').close();
        await openConversation(t.conversation_id);
        openThread(t.root);
      },
    },
    h('strong', {}, `${titleOf(state.convs.get(t.conversation_id) || {})} · ${nameOf(t.root.sender_id)}: `),
    preview(t.root),
    t.unread ? h('span', { class: 'badge', 'aria-label': `${t.unread} unread` }, String(t.unread)) : null,
  ))));
  $('threads-dialog').showModal();
});

$('thread-follow').addEventListener('click', async () => {
  const t = state.thread;
  if (!t) return;
  try {
    await api('POST', `/conversations/${t.conversationId}/threads/${t.root}/${t.following ? 'unfollow' : 'follow'}`);
    t.following = !t.following;
  } catch (e) {
    toast(e.message);
  }
  renderThread();
  refreshThreads();
});

function renderThread() {
  const t = state.thread;
  const c = t && state.convs.get(t.conversationId);
  if (!t || !c) return;
  const replies = [...t.replies.values()].sort((a, b) => a.seq - b.seq);
  const pending = live.pending(t.conversationId).filter((p) => p.thread_root === t.root);
  $('thread-follow').textContent = t.following ? 'Unfollow' : 'Follow';
  const box = $('thread-messages');
  box.replaceChildren(
    messageNode(t.message, c, null, { inThread: true }),
    h('p', { class: 'day', role: 'separator' }, `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`),
    ...replies.map((r) => messageNode(r, c, null, { inThread: true })),
    ...pending.map(pendingNode),
  );
  box.scrollTop = box.scrollHeight;
}

function sendInThread() {
  const t = state.thread;
  const body = $('thread-text').value.trim();
  if (!t || !body) return;
  $('thread-text').value = '';
  const sent = live.client.send({ conversationId: t.conversationId, body, threadRoot: t.root });
  sent.catch(() => {}); // reported by the `failed` event
  renderThread();
}

$('thread-composer').addEventListener('submit', (e) => {
  e.preventDefault();
  sendInThread();
});
$('thread-text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    sendInThread();
  }
});
$('thread-close').addEventListener('click', () => {
  state.thread = null;
  $('thread-dialog').close();
});

/** Asks why, then reports someone's message to the admins. */
let reporting = null;
function reportMessage(m) {
  reporting = m;
  $('report-form').reset();
  $('report-error').textContent = '';
  $('report-dialog').showModal();
}
$('report-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const m = reporting;
  try {
    await api('POST', '/reports', {
      conversation_id: m.conversation_id, seq: m.seq, reason: $('report-reason').value,
    });
    $('report-dialog').close();
    toast('Reported to the admins');
  } catch (err) {
    $('report-error').textContent = err.message;
  }
});
$('report-cancel').addEventListener('click', () => $('report-dialog').close());

function forward(m) {
  const targets = [...state.convs.values()].sort((a, b) => activity(b) - activity(a));
  $('forward-targets').replaceChildren(...targets.map((c) => h('li', {}, h(
    'button',
    {
      type: 'button',
      'data-conversation': c.id,
      onclick: () => {
        $('forward-dialog').close();
        const source = { conversation_id: m.conversation_id, seq: m.seq };
        live.client.send({ conversationId: c.id, forward: source, meta: { label: 'Forwarded message' } })
          .then(() => toast(`Forwarded to ${titleOf(c)}`), () => {});
      },
    },
    titleOf(c),
  ))));
  $('forward-dialog').showModal();
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function renderMessages(toBottom) {
  const c = state.convs.get(state.open);
  if (!c) return;
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 48;
  const msgs = [...(state.msgs.get(c.id) || new Map()).values()].sort((a, b) => a.seq - b.seq);
  const others = (c.members || []).filter((m) => m.user_id !== state.me.id);
  const readBy = (seq) => others.filter((m) => m.last_read_seq >= seq).length;
  let lastSeen = null;
  for (const m of msgs) if (m.sender_id === state.me.id && readBy(m.seq) > 0) lastSeen = m;

  const nodes = [];
  if (state.complete.has(c.id)) nodes.push(h('p', { class: 'start' }, 'This is the start of the conversation.'));
  let day = null;
  for (const m of msgs) {
    if (m.thread_root != null) continue; // shown in its thread
    const d = dayFormat.format(new Date(m.created_at));
    if (d !== day) {
      nodes.push(h('div', { class: 'day', role: 'separator' }, d));
      day = d;
    }
    let seen = null;
    if (m === lastSeen) seen = h('span', { class: 'seen' }, c.kind === 'direct' ? 'Seen' : `Seen by ${readBy(m.seq)}`);
    nodes.push(messageNode(m, c, seen));
  }
  const failed = state.failed.filter((x) => x.conversation_id === c.id);
  const pending = live.pending(c.id).filter((p) => p.thread_root == null);
  for (const p of [...pending, ...failed]) nodes.push(pendingNode(p));
  box.replaceChildren(...nodes);
  if (toBottom || atBottom) box.scrollTop = box.scrollHeight;
}

function messageNode(m, c, seen, { inThread = false } = {}) {
  const mine = m.sender_id === state.me.id;
  let body;
  if (m.deleted) body = h('div', { class: 'recalled' }, tombstone(m));
  else if (m.kind === 'image' || m.kind === 'file') body = fileNode(m);
  else body = h('div', { class: 'text' }, m.body);
  const quote = m.reply
    ? h('div', { class: 'quote' }, `${nameOf(m.reply.sender_id)}: ${m.reply.deleted ? 'Message recalled' : m.reply.preview}`)
    : null;
  const reactions = (m.reactions || []).map((r) => h(
    'button',
    {
      type: 'button',
      class: `reaction${r.user_ids.includes(state.me.id) ? ' me' : ''}`,
      'aria-pressed': r.user_ids.includes(state.me.id) ? 'true' : 'false',
      onclick: () => live.send({ type: 'react', conversation_id: m.conversation_id, seq: m.seq, emoji: r.emoji }),
    },
    `${r.emoji} ${r.count}`,
  ));
  const replies = m.thread && m.thread.replies;
  const threadLink = replies && !inThread
    ? h('button', { type: 'button', class: 'link thread-link', onclick: () => openThread(m) }, `${replies} ${replies === 1 ? 'reply' : 'replies'}`)
    : null;
  const act = (label, cls, onclick) => h('button', { type: 'button', class: `link ${cls}`, onclick }, label);
  const actions = m.deleted || m.kind === 'system' || inThread ? null : h(
    'div',
    { class: 'actions' },
    act('Reply in thread', 'reply-thread', () => openThread(m)),
    canPin(c) ? act(m.pinned_at ? 'Unpin' : 'Pin', 'pin', () => togglePin(m)) : null,
    act('Forward', 'forward', () => forward(m)),
    mine ? null : act('Report', 'report', () => reportMessage(m)),
    mine || (canPin(c) && c.kind === 'group')
      ? act(mine ? 'Recall' : 'Remove', 'remove', confirming(mine ? 'Recall' : 'Remove', () => removeMessage(m)))
      : null,
  );
  return h(
    'article',
    { class: `msg ${mine ? 'mine' : 'theirs'} kind-${m.kind}`, 'data-seq': m.seq },
    !mine && c.kind === 'group' ? h('div', { class: 'from' }, nameOf(m.sender_id)) : null,
    m.forwarded ? h('div', { class: 'forwarded' }, `Forwarded from ${nameOf(m.forwarded.sender_id)}`) : null,
    m.pinned_at ? h('div', { class: 'pinned' }, '📌 Pinned') : null,
    quote,
    body,
    reactions.length ? h('div', { class: 'reactions' }, reactions) : null,
    threadLink,
    actions,
    h(
      'div',
      { class: 'meta' },
      m.edited_at && !m.deleted ? 'edited · ' : null,
      h('time', { datetime: m.created_at }, timeFormat.format(new Date(m.created_at))),
      seen,
    ),
  );
}

function pendingNode(p) {
  const label = (p.meta && p.meta.label) || p.kind;
  const body = p.kind === 'text' && !p.forward ? p.body : label;
  return h(
    'article',
    { class: `msg mine pending${p.failed ? ' failed' : ''}`, 'data-client-msg-id': p.client_msg_id },
    h('div', { class: 'text' }, body),
    h(
      'div',
      { class: 'meta' },
      p.failed ? `Not sent: ${p.failed} ` : 'Sending…',
      p.failed ? h('button', { type: 'button', class: 'link', onclick: () => discard(p) }, 'Discard') : null,
    ),
  );
}

function discard(p) {
  state.failed = state.failed.filter((x) => x !== p);
  renderMessages(false);
}

// Downloads need the token, which an <img src> cannot carry: fetch, then show the blob.
const blobs = new Map();

function blobUrl(fileId) {
  let url = blobs.get(fileId);
  if (!url) {
    url = api('GET', `/files/${fileId}`, undefined, { raw: true })
      .then((r) => r.blob())
      .then((b) => URL.createObjectURL(b));
    url.catch(() => blobs.delete(fileId));
    blobs.set(fileId, url);
  }
  return url;
}

function fileNode(m) {
  const f = fileOf(m);
  if (!f || !f.file_id) return h('div', { class: 'text' }, m.body);
  if (m.kind === 'image') {
    const img = h('img', { class: 'image', alt: f.name || 'image', width: f.width, height: f.height });
    blobUrl(f.file_id).then(
      (url) => { img.src = url; },
      () => { img.alt = `${f.name || 'image'} (not available)`; },
    );
    return img;
  }
  const open = () => blobUrl(f.file_id).then((url) => {
    const a = h('a', { href: url, download: f.name || 'file' });
    document.body.append(a);
    a.click();
    a.remove();
  }, (e) => toast(e.message));
  return h('button', { type: 'button', class: 'file', onclick: open }, `📄 ${f.name || 'file'} (${size(f.size)})`);
}

function size(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function renderTyping() {
  const typers = state.typing.get(state.open);
  const now = Date.now();
  const names = typers ? [...typers].filter(([, until]) => until > now).map(([id]) => nameOf(id)) : [];
  $('typing').textContent = names.length === 0 ? '' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
}

function setStatus(stateName, text) {
  $('conn-status').dataset.state = stateName;
  $('conn-status').textContent = text;
}

let toastTimer = null;
function toast(text) {
  $('toast').textContent = text;
  $('toast').hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { $('toast').hidden = true; }, 5000);
}

// ---- user pickers: direct chats, groups, members ------------------------------------

function picker(input, results, onPick) {
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (!q) {
        results.replaceChildren();
        results.hidden = true;
        return;
      }
      let found = [];
      try {
        found = (await api('GET', `/users?query=${encodeURIComponent(q)}`)).filter((u) => u.id !== state.me.id);
      } catch (e) {
        toast(e.message);
      }
      for (const u of found) users.set(u.id, u);
      results.replaceChildren(
        ...found.map((u) => h('li', {}, h('button', { type: 'button', class: 'user', 'data-username': u.username, onclick: () => onPick(u) }, `@${u.username}`))),
      );
      if (!found.length) results.append(h('li', { class: 'none' }, 'Nobody found'));
      results.hidden = false;
    }, 200);
  });
}

function clearPicker(input, results) {
  input.value = '';
  results.replaceChildren();
  results.hidden = true;
}

picker($('user-query'), $('user-results'), async (u) => {
  clearPicker($('user-query'), $('user-results'));
  try {
    const c = await api('POST', '/conversations', { kind: 'direct', peer_id: u.id });
    await refreshList();
    openConversation(c.id);
  } catch (e) {
    toast(e.message);
  }
});

const chosen = new Map();
function renderChosen() {
  $('group-chosen').replaceChildren(
    ...[...chosen.values()].map((u) => h('li', {}, `@${u.username} `, h('button', { type: 'button', class: 'link', 'aria-label': `Remove ${u.username}`, onclick: () => { chosen.delete(u.id); renderChosen(); } }, '×'))),
  );
}
picker($('group-query'), $('group-results'), (u) => {
  chosen.set(u.id, u);
  clearPicker($('group-query'), $('group-results'));
  renderChosen();
});
$('new-group').addEventListener('click', () => {
  chosen.clear();
  renderChosen();
  $('group-title').value = '';
  $('group-error').textContent = '';
  $('group-dialog').showModal();
});
$('group-cancel').addEventListener('click', () => $('group-dialog').close());
$('group-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const c = await api('POST', '/conversations', { kind: 'group', title: $('group-title').value.trim(), member_ids: [...chosen.keys()] });
    $('group-dialog').close();
    await refreshList();
    openConversation(c.id);
  } catch (err) {
    $('group-error').textContent = err.message;
  }
});

picker($('member-query'), $('member-results'), async (u) => {
  const id = state.open;
  try {
    await api('POST', `/conversations/${id}/members`, { user_id: u.id });
    clearPicker($('member-query'), $('member-results'));
    $('member-dialog').close();
    await loadDetail(id);
    renderHeader();
  } catch (e) {
    $('member-error').textContent = e.message;
  }
});
$('add-member').addEventListener('click', () => {
  $('member-error').textContent = '';
  $('member-dialog').showModal();
});
$('member-cancel').addEventListener('click', () => $('member-dialog').close());
$('member-form').addEventListener('submit', (e) => e.preventDefault());

// ---- composing -------------------------------------------------------------------------

function submit() {
  const body = $('text').value.trim();
  if (!body || !state.open) return;
  $('text').value = '';
  autosize();
  queue(state.open, 'text', body);
}

function autosize() {
  const t = $('text');
  t.style.height = 'auto';
  t.style.height = `${Math.min(t.scrollHeight, 160)}px`;
}

let lastTyping = 0;
$('text').addEventListener('input', () => {
  autosize();
  if (state.open && $('text').value.trim() && Date.now() - lastTyping > TYPING_EVERY_MS) {
    lastTyping = Date.now();
    live.send({ type: 'typing', conversation_id: state.open });
  }
});
$('text').addEventListener('keydown', (e) => {
  // isComposing: Enter also confirms a word in an input method (Chinese, Japanese…).
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    submit();
  }
});
$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  submit();
});
$('attach').addEventListener('click', () => $('file').click());
$('file').addEventListener('change', async () => {
  const file = $('file').files[0];
  $('file').value = '';
  const id = state.open;
  if (!file || !id) return;
  toast(`Uploading ${file.name}…`);
  try {
    const up = await api('POST', `/files?name=${encodeURIComponent(file.name)}`, file);
    const kind = up.content_type.startsWith('image/') ? 'image' : 'file';
    queue(id, kind, JSON.stringify({ file_id: up.file_id, name: up.name }), `${kind === 'image' ? '🖼' : '📄'} ${up.name}`);
    $('toast').hidden = true;
  } catch (e) {
    toast(`Upload failed: ${e.message}`);
  }
});

// ---- the rest of the page --------------------------------------------------------------

$('messages').addEventListener('scroll', () => {
  if ($('messages').scrollTop < 80) loadOlder();
});
$('back').addEventListener('click', closeConversation);
$('user-search').addEventListener('submit', (e) => e.preventDefault());
$('auth-form').addEventListener('submit', (e) => {
  e.preventDefault();
  signIn(false);
});
$('sign-up').addEventListener('click', () => signIn(true));
$('devices-button').addEventListener('click', () => showSessions(toast));
$('export-button').addEventListener('click', () => downloadExport(toast));
$('webhooks-button').addEventListener('click', () => showWebhooks(state.open, toast));
$('webhooks-close').addEventListener('click', () => $('webhooks-dialog').close());
wireWebhooks(toast);
wireBlocking(toast);
$('sign-out').addEventListener('click', async () => {
  try {
    await api('DELETE', '/sessions/current');
  } catch {
    // Signed out here either way; the token expires on its own.
  }
  sessionEnded('');
});
document.addEventListener('visibilitychange', markRead);
setInterval(renderTyping, 1000);

start();
