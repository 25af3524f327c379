// Shared by the chat and the admin page: the session token, HTTP calls, building DOM.
// User text only ever reaches the page as text nodes (see `h`), never as HTML.
import { Api, ChatError } from './chat-client/index.js';

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
export const ApiError = ChatError;

/**
 * Calls `/api/v1{path}` with the token, through the client library's `Api`. `body` is
 * sent as JSON, or as is for a Blob. Resolves to the parsed answer (null for 204), or
 * the Response itself with `{raw: true}`.
 */
export async function api(method, path, body, options) {
  return new Api('', { token: session.token || undefined }).call(method, path, body, options);
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
