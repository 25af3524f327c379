// The client's side of sign-up and login challenges (challenge.js, the error field in
// common.js, chat.js's sign-in) and the admin page's sign-ups chart, in Node with a stub
// page: the server is faked, the proof of work really runs in a worker thread. Needs
// nothing installed:
//   node tests/browser/challenge.test.mjs
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Worker as ThreadWorker } from 'node:worker_threads';
import { leadingZeroBits } from '../../adapters/web/assets/pow.js';

// ---- a stub page: just what common.js and challenge.js touch ----------------------------

class StubNode {}
class StubElement extends StubNode {
  constructor(tag) {
    super();
    Object.assign(this, { tagName: tag.toUpperCase(), attributes: {}, children: [], hidden: false, dataset: {}, listeners: {}, style: {} });
    this.texts = []; // every text shown, in order
  }
  set textContent(t) { this.texts.push(t); this.text = t; }
  get textContent() { return this.text ?? ''; }
  setAttribute(k, v) { this.attributes[k] = v; }
  addEventListener(type, fn) { (this.listeners[type] ||= []).push(fn); }
  fire(type, event = {}) { for (const fn of this.listeners[type] || []) fn(event); }
  append(...nodes) { this.children.push(...nodes); }
  replaceChildren(...nodes) { this.children = nodes; }
  remove() { this.removed = true; }
  focus() {}
}
globalThis.Node = StubNode;
globalThis.window = globalThis;
globalThis.location = { href: 'http://chat.test/' };
const stored = new Map();
globalThis.localStorage = {
  getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => stored.set(k, v), removeItem: (k) => stored.delete(k),
};
const byId = new Map();
globalThis.document = {
  createElement: (t) => new StubElement(t),
  head: new StubElement('head'),
  body: new StubElement('body'),
  getElementById(id) {
    if (!byId.has(id)) byId.set(id, Object.assign(new StubElement('div'), { id, value: '' }));
    return byId.get(id);
  },
  addEventListener() {},
};

let answers = []; // what the fake server answers next, in order: [status, body]
let route = null; // or a fake server: (method, path, body) → [status, body]
const requests = [];
globalThis.fetch = async (url, { method, body }) => {
  requests.push(`${method} ${url}`);
  const [status, answer] = route ? await route(method, url.replace('/api/v1', ''), body && JSON.parse(body)) : answers.shift();
  return { ok: status < 300, status, statusText: String(status), json: async () => answer };
};

// A page's module worker, played by a Node worker thread that gives the script a `self`.
const BOOT = `
  const { parentPort, workerData } = require('node:worker_threads');
  globalThis.self = {
    addEventListener: (type, fn) => parentPort.on(type, (data) => fn({ data })),
    postMessage: (data) => parentPort.postMessage(data),
  };
  import(workerData);`;
let workersStarted = 0;
class PageWorker {
  constructor(url, options) {
    assert.equal(options.type, 'module');
    assert.match(String(url), /\/assets\/pow-worker\.js$/);
    workersStarted += 1;
    this.listeners = {};
    this.thread = new ThreadWorker(BOOT, { eval: true, workerData: String(url) });
    this.thread.on('message', (data) => this.fire('message', { data }));
    this.thread.on('error', (e) => this.fire('error', { message: e.message, preventDefault() {} }));
  }
  addEventListener(type, fn) { (this.listeners[type] ||= []).push(fn); }
  fire(type, event) { for (const fn of this.listeners[type] || []) fn(event); }
  postMessage(data) { this.thread.postMessage(data); }
  terminate() { this.thread.terminate(); }
}
globalThis.Worker = PageWorker;

const { api, ApiError } = await import('../../adapters/web/assets/common.js');
const { answerChallenge } = await import('../../adapters/web/assets/challenge.js');

const ui = () => ({ box: new StubElement('div'), status: new StubElement('p'), progress: new StubElement('progress'), widget: new StubElement('div') });
const zeros = (s) => leadingZeroBits(createHash('sha256').update(s).digest());
const tests = [];
const test = (name, fn) => tests.push([name, fn]);

// ---- the checks --------------------------------------------------------------------------

test('an error says whether a challenge is required', async () => {
  answers = [[400, { error: { code: 'bad_request', message: 'solve it', challenge_required: true } }],
    [401, { error: { code: 'unauthorized', message: 'wrong username or password' } }],
    [502, null]];
  for (const want of [true, false, false]) {
    const e = await api('POST', '/sessions', {}).catch((x) => x);
    assert.ok(e instanceof ApiError);
    assert.equal(e.challengeRequired, want, e.message);
  }
});

test('no challenge when the server has them off (404)', async () => {
  answers = [[404, { error: { code: 'not_found', message: 'not found' } }]];
  assert.equal(await answerChallenge(ui()), null);
  assert.deepEqual(requests.slice(-1), ['GET /api/v1/challenge']);
});

test('a proof of work is solved in the worker, with progress shown', async () => {
  const salt = randomBytes(16).toString('hex');
  answers = [[200, { id: 'c1', algorithm: 'sha256', salt, difficulty: 17, expires_at: '2030-01-01T00:00:00Z' }]];
  const u = ui();
  const started = workersStarted;
  const answer = await answerChallenge(u);
  assert.equal(workersStarted, started + 1);
  assert.equal(answer.id, 'c1');
  assert.ok(zeros(salt + answer.nonce) >= 17, `nonce ${answer.nonce}`);
  assert.match(u.status.texts[0], /^Checking you are not a script… 0%$/);
  assert.ok(u.status.texts.every((t) => t === '' || /… \d{1,2}%$/.test(t)), u.status.texts.join('|'));
  assert.match(document.body.dataset.powMs, /^\d+$/);
  assert.ok(Number(document.body.dataset.powHashes) >= 1);
  assert.equal(u.box.hidden, true, 'hidden again once solved');
  assert.equal(u.progress.hidden, true);
});

test('without module workers it is solved on the page', async () => {
  const salt = randomBytes(16).toString('hex');
  answers = [[200, { id: 'c2', algorithm: 'sha256', salt, difficulty: 12 }]];
  globalThis.Worker = class { constructor() { throw new TypeError('module workers unsupported'); } };
  try {
    const answer = await answerChallenge(ui());
    assert.equal(answer.id, 'c2');
    assert.ok(zeros(salt + answer.nonce) >= 12);
  } finally {
    globalThis.Worker = PageWorker;
  }
});

test("a captcha widget: the provider's script loads once, each answer is a fresh token", async () => {
  const url = 'https://captcha.test/api.js';
  const rendered = [];
  const widgets = [];
  // The provider's global appears some time after its script is added.
  setTimeout(() => {
    globalThis.turnstile = {
      render(el, opts) {
        rendered.push({ el, opts, widget: widgets.at(-1).children[0] });
        setTimeout(() => opts.callback(`token-${rendered.length}`), 20);
        return `w${rendered.length}`;
      },
      remove(id) { this.removed = id; },
    };
  }, 250);
  for (const token of ['token-1', 'token-2']) {
    answers = [[200, { id: '', algorithm: 'siteverify', site_key: 'site-key', script_url: url }]];
    const u = ui();
    widgets.push(u.widget);
    assert.deepEqual(await answerChallenge(u), { token });
    assert.equal(u.box.hidden, true);
  }
  const scripts = document.head.children.filter((s) => s.tagName === 'SCRIPT');
  assert.equal(scripts.length, 1, 'one script element');
  assert.equal(scripts[0].attributes.src, url);
  assert.equal(rendered.length, 2);
  assert.equal(rendered[0].opts.sitekey, 'site-key');
  assert.notEqual(rendered[0].el, rendered[1].el, 'a fresh element each time');
  assert.equal(rendered[1].el, rendered[1].widget, 'drawn inside the form');
  assert.equal(globalThis.turnstile.removed, 'w1', 'the previous widget is removed');
  delete globalThis.turnstile;
});

test('a provider script that fails to load, or is not HTTPS, is an error', async () => {
  answers = [[200, { id: '', algorithm: 'siteverify', site_key: 'k', script_url: 'https://down.test/api.js' }]];
  const pending = answerChallenge(ui());
  await new Promise((r) => setTimeout(r, 50));
  document.head.children.at(-1).fire('error');
  await assert.rejects(pending, /could not be loaded/);
  answers = [[200, { id: '', algorithm: 'siteverify', site_key: 'k', script_url: 'http://plain.test/api.js' }]];
  await assert.rejects(answerChallenge(ui()), /HTTPS/);
  answers = [[200, { id: 'x', algorithm: 'md5' }]];
  const u = ui();
  await assert.rejects(answerChallenge(u), /does not know/);
  assert.equal(u.box.hidden, true);
});

// ---- chat.js's sign-in, against a fake server that counts failed logins ----------------

const ACCOUNT = { username: 'ana', password: 'correct horse' };
function fakeServer() {
  const issued = new Map(); // challenge id → salt
  const server = { failures: 0, challenges: 0, logins: [], signups: [], busyWhileSolving: [] };
  const solved = (c) => {
    const salt = c && issued.get(c.id);
    issued.delete(c && c.id); // one use
    return salt !== undefined && zeros(salt + c.nonce) >= 10;
  };
  const needed = (message) => [401, { error: { code: 'unauthorized', message, challenge_required: true } }];
  route = async (method, path, body) => {
    if (method === 'GET' && path === '/challenge') {
      server.challenges += 1;
      server.busyWhileSolving.push(document.getElementById('sign-in').disabled && document.getElementById('sign-up').disabled);
      const id = `c${server.challenges}`;
      issued.set(id, randomBytes(16).toString('hex'));
      return [200, { id, algorithm: 'sha256', salt: issued.get(id), difficulty: 10 }];
    }
    if (method === 'POST' && path === '/users') {
      server.signups.push(body);
      if (!solved(body.challenge)) return [400, { error: { code: 'bad_request', message: 'solve it', challenge_required: true } }];
      return [201, { id: 'u1', username: body.username }];
    }
    if (method === 'POST' && path === '/sessions') {
      server.logins.push(body);
      if (server.failures >= 3) {
        if (!body.challenge) return needed('too many failed logins: solve a challenge');
        if (!solved(body.challenge)) return [400, { error: { code: 'bad_request', message: 'bad answer', challenge_required: true } }];
      }
      if (body.password !== ACCOUNT.password) {
        server.failures += 1;
        if (server.failures >= 3) return needed('wrong username or password');
        return [401, { error: { code: 'unauthorized', message: 'wrong username or password' } }];
      }
      server.failures = 0;
      return [201, { token: 'the-token' }];
    }
    if (method === 'GET' && path === '/me') return [401, { error: { code: 'unauthorized', message: 'stop here' } }];
    throw new Error(`unexpected ${method} ${path}`);
  };
  return server;
}

const $ = (id) => document.getElementById(id);
async function submit(password, button) {
  $('auth-username').value = ACCOUNT.username;
  $('auth-password').value = password;
  if (button === 'sign-up') $('sign-up').fire('click');
  else $('auth-form').fire('submit', { preventDefault() {} });
  assert.equal($('sign-in').disabled, true, 'the buttons are disabled at once');
  for (let i = 0; i < 300 && $('sign-in').disabled; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal($('sign-in').disabled, false, 'the sign-in ends');
  return $('auth-error').textContent;
}

test('chat.js: a sign-up solves the challenge first and sends it', async () => {
  globalThis.WebSocket = class {}; // not reached: the fake server ends the session at GET /me
  answers = [];
  const server = fakeServer();
  await import('../../adapters/web/assets/chat.js');
  const error = await submit(ACCOUNT.password, 'sign-up');
  assert.equal(server.challenges, 1);
  assert.equal(server.signups.length, 1);
  assert.match(server.signups[0].challenge.nonce, /^\d+$/);
  assert.equal(server.logins.length, 1, 'then a plain login');
  assert.equal(server.logins[0].challenge, undefined);
  assert.deepEqual(server.busyWhileSolving, [true]);
  assert.equal(error, '');
  assert.ok(requests.includes('GET /api/v1/me'), 'signed in, then on to the chat');
});

test('chat.js: three wrong passwords, then the right one gets in after a challenge', async () => {
  const server = fakeServer();
  assert.equal(await submit('wrong 1'), 'wrong username or password');
  assert.equal(await submit('wrong 2'), 'wrong username or password');
  assert.equal(server.challenges, 0, 'no challenge before the server asks');
  // The third failure asks for a challenge: solved, and the login tried again with it.
  assert.equal(await submit('wrong 3'), 'wrong username or password');
  assert.equal(server.challenges, 1);
  assert.equal(server.logins.length, 4);
  assert.ok(server.logins[3].challenge, 'the retry carries the answer');
  // Now the client solves before trying: the right password gets in.
  requests.length = 0;
  assert.equal(await submit(ACCOUNT.password), '');
  assert.equal(server.challenges, 2);
  assert.equal(server.logins.length, 5);
  assert.ok(server.logins[4].challenge);
  assert.ok(server.busyWhileSolving.every(Boolean));
  assert.ok(requests.includes('GET /api/v1/me'), 'signed in');
});

test('chat.js: a refused answer (expired, reused) is solved once more', async () => {
  const server = fakeServer();
  const original = route;
  let refuse = true;
  route = async (method, path, body) => {
    if (refuse && path === '/users') {
      refuse = false;
      server.signups.push(body);
      return [400, { error: { code: 'bad_request', message: 'the challenge expired', challenge_required: true } }];
    }
    return original(method, path, body);
  };
  assert.equal(await submit(ACCOUNT.password, 'sign-up'), '');
  assert.equal(server.challenges, 2);
  assert.equal(server.signups.length, 2);
});

test("admin.js: sign-ups per hour, a bar and a title for each hour", async () => {
  const start = Date.UTC(2030, 0, 1, 0);
  const hours = Array.from({ length: 24 }, (_, i) => ({
    hour: new Date(start + i * 3600e3).toISOString().replace('.000', ''),
    count: [0, 1, 4][i % 3],
  }));
  localStorage.setItem('chat.token', 'the-token');
  route = async (method, path) => {
    if (path === '/me') return [200, { id: 'admin', username: 'root', role: 'admin' }];
    if (path === '/admin/stats') return [200, { users: 3, conversations: 1, messages: 2, live_connections: 1, signups_per_hour: hours }];
    if (path.startsWith('/admin/users')) return [200, []];
    throw new Error(`unexpected ${method} ${path}`);
  };
  await import('../../adapters/web/assets/admin.js');
  for (let i = 0; i < 100 && $('signups').children.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  const bars = $('signups').children;
  assert.equal(bars.length, 24);
  assert.equal($('signups-section').hidden, false);
  assert.equal($('signups-total').textContent, '40 in all');
  assert.deepEqual(bars.slice(0, 3).map((li) => li.attributes.title), ['00:00 UTC: 0 sign-ups', '01:00 UTC: 1 sign-up', '02:00 UTC: 4 sign-ups']);
  assert.deepEqual(bars.slice(0, 3).map((li) => li.children[1].style.height), ['0px', '16px', '64px']);
  assert.equal(bars[23].attributes['data-hour'], '2030-01-01T23:00:00Z');
  assert.equal(bars[23].children[0].children.join(''), '4', 'the count, as text');
  assert.equal(bars[0].className, 'zero');
});

for (const [name, fn] of tests) {
  try {
    await fn();
  } catch (e) {
    console.error(`challenge: FAILED ${name}`);
    console.error(e);
    process.exit(1);
  }
}
console.log(`challenge: ${tests.length} checks passed`);
process.exit(0); // chat.js keeps a timer running
