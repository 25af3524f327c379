// Shared by the chat and the admin page: the session token, HTTP calls, building DOM.
// User text only ever reaches the page as text nodes (see `h`), never as HTML.

const TOKEN_KEY = 'chat.token';

/** The session token, kept in localStorage so a reload stays signed in. */
export const session = {
  get token() { return localStorage.getItem(TOKEN_KEY); },
  set(token) { localStorage.setItem(TOKEN_KEY, token); },
  clear() { localStorage.removeItem(TOKEN_KEY); },
};

/**
 * A failed call: HTTP status (0 when the server could not be reached) and wire code;
 * `challengeRequired` when the server wants a solved challenge with the retry.
 */
export class ApiError extends Error {
  constructor(status, code, message, challengeRequired = false) {
    super(message);
    this.status = status;
    this.code = code;
    this.challengeRequired = challengeRequired;
  }
}

/**
 * Calls `/api/v1{path}` with the token. `body` is sent as JSON, or as is for a Blob.
 * Resolves to the parsed answer (null for 204), or the Response itself with `{raw: true}`.
 */
export async function api(method, path, body, { raw = false } = {}) {
  const headers = {};
  const token = session.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (body instanceof Blob) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let resp;
  try {
    resp = await fetch(`/api/v1${path}`, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, 'unavailable', 'The server cannot be reached.');
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
    throw new ApiError(
      resp.status,
      e ? e.code : 'internal',
      e ? e.message : resp.statusText,
      Boolean(e && e.challenge_required === true),
    );
  }
  return json;
}

/** `h('p', {class: 'x', onclick: f}, 'text', child)`: an element; strings become text. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** `document.getElementById`. */
export const $ = (id) => document.getElementById(id);
