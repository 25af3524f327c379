// The WebSocket of the chat screen: authenticates with its first frame (the token never
// goes in a URL), reconnects with capped, jittered exponential backoff, and notices a dead
// link by the silence of a server that answers pings.
import { session } from './common.js';

const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 15000;
const PING_EVERY_MS = 25000;
const SILENCE_MS = 60000;
const POLICY_VIOLATION = 1008; // the session ended: logout, ban

export const socket = {
  ws: null,
  ready: false,
  attempts: 0,
  timer: null,
  pinger: null,
  stopped: true,
  handlers: null,
  heardAt: 0,

  /** Opens the socket; `handlers`: onFrame, onReady, onStatus, onEnded, stillSignedIn. */
  connect(handlers) {
    this.handlers = handlers;
    this.stopped = false;
    this.open();
  },

  open() {
    clearTimeout(this.timer);
    this.handlers.onStatus('connecting', 'Connecting…');
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${scheme}//${location.host}/ws`);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: session.token }));
    ws.onmessage = (e) => {
      if (this.ws !== ws) return;
      this.heardAt = Date.now();
      let frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      if (frame.type === 'ready') {
        this.ready = true;
        this.attempts = 0;
        this.handlers.onStatus('online', 'Online');
        this.handlers.onReady();
      } else {
        this.handlers.onFrame(frame);
      }
    };
    ws.onclose = (e) => this.closed(ws, e.code);
    clearInterval(this.pinger);
    this.heardAt = Date.now();
    this.pinger = setInterval(() => {
      if (this.ws !== ws) return;
      if (Date.now() - this.heardAt > SILENCE_MS) ws.close(); // onclose reconnects
      else this.send({ type: 'ping' });
    }, PING_EVERY_MS);
  },

  async closed(ws, code) {
    if (this.ws !== ws) return;
    this.ws = null;
    this.ready = false;
    if (this.stopped) return;
    if (code === POLICY_VIOLATION && !(await this.handlers.stillSignedIn())) {
      this.handlers.onEnded('You were signed out. Sign in again.');
      return;
    }
    this.handlers.onFrame({ type: 'disconnected' });
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** this.attempts) * (0.5 + Math.random() / 2);
    this.attempts += 1;
    this.handlers.onStatus('offline', `Offline, reconnecting in ${Math.ceil(delay / 1000)} s`);
    this.timer = setTimeout(() => this.open(), delay);
  },

  /** Sends a frame if the socket is ready; says whether it did. */
  send(frame) {
    if (!this.ready) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  },

  stop() {
    this.stopped = true;
    this.ready = false;
    clearTimeout(this.timer);
    clearInterval(this.pinger);
    if (this.ws) this.ws.close(1000);
    this.ws = null;
  },
};
