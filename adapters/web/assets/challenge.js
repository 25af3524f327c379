// The "are you a person" check some sign-ups and logins need (docs/PROTOCOL.md): either a
// proof of work, solved in a worker, or a captcha provider's widget (hCaptcha, Turnstile,
// reCAPTCHA), whose script the CSP allows only when the server is set up for one.
import { api, h } from './common.js';

const PROVIDER_WAIT_MS = 15000;
const PROVIDER_POLL_MS = 100;

/**
 * Gets a challenge from the server and answers it. `ui` holds the form's elements:
 * `box` (shown while working), `status` (a line of text), `progress` (a <progress>) and
 * `widget` (where a provider's widget goes). Resolves to the answer to send along as
 * `challenge` ({id, nonce} or {token}), or null when the server asks for none.
 */
export async function answerChallenge(ui) {
  let challenge;
  try {
    challenge = await api('GET', '/challenge');
  } catch (e) {
    if (e.status === 404) return null; // challenges are off (or an older server)
    throw e;
  }
  ui.box.hidden = false;
  try {
    if (challenge.algorithm === 'sha256') return await proofOfWork(challenge, ui);
    if (challenge.algorithm === 'siteverify') return await siteverify(challenge, ui);
    throw new Error(`The server asks for a check this page does not know (${challenge.algorithm}).`);
  } finally {
    ui.box.hidden = true;
    ui.progress.hidden = true;
    ui.widget.hidden = true;
    ui.status.textContent = '';
  }
}

// ---- proof of work ----------------------------------------------------------------------

function proofOfWork({ id, salt, difficulty }, ui) {
  const expected = 2 ** difficulty; // the mean number of tries: the estimate shown
  const report = (hashes) => {
    const pct = Math.min(99, Math.floor((100 * hashes) / expected));
    ui.status.textContent = `Checking you are not a script… ${pct}%`;
    ui.progress.value = Math.min(hashes / expected, 0.99);
  };
  ui.progress.max = 1;
  ui.progress.hidden = false;
  report(0);
  const done = ({ nonce, hashes, ms }) => {
    // The browser test reads these; they are harmless anywhere.
    document.body.dataset.powMs = String(ms);
    document.body.dataset.powHashes = String(hashes);
    return { id, nonce };
  };
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = new Worker(new URL('pow-worker.js', import.meta.url), { type: 'module' });
    } catch {
      onThisThread(salt, difficulty).then((r) => resolve(done(r)), reject);
      return;
    }
    let heard = false;
    worker.addEventListener('message', ({ data }) => {
      heard = true;
      if (data.progress !== undefined) return report(data.progress);
      worker.terminate();
      if (data.error) return reject(new Error(`The check failed: ${data.error}`));
      return resolve(done(data));
    });
    // A browser without module workers fails to start it: solve here instead.
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      worker.terminate();
      if (heard) reject(new Error('The check stopped. Try again.'));
      else onThisThread(salt, difficulty).then((r) => resolve(done(r)), reject);
    });
    worker.postMessage({ salt, difficulty });
  });
}

/** The same search on the page's thread: the page freezes meanwhile, but it works. */
async function onThisThread(salt, difficulty) {
  const { solve } = await import('./pow.js');
  await new Promise((r) => setTimeout(r, 50)); // let the status paint first
  const started = performance.now();
  const { nonce, hashes } = solve(salt, difficulty);
  return { nonce, hashes, ms: Math.round(performance.now() - started) };
}

// ---- a captcha provider's widget ---------------------------------------------------------

const loading = new Map(); // script URL → promise of the provider's global
let lastWidget = null; // {provider, id}: removed before the next one is drawn

/** Whichever provider's global is ready to draw a widget. */
function provider() {
  const p = window.turnstile || window.hcaptcha || window.grecaptcha;
  return p && typeof p.render === 'function' ? p : null;
}

/** Loads the provider's script once; resolves when its global can render. */
function loadProvider(url) {
  if (loading.has(url)) return loading.get(url);
  const loaded = new Promise((resolve, reject) => {
    if (new URL(url, location.href).protocol !== 'https:') {
      reject(new Error('The check is misconfigured: its script is not served over HTTPS.'));
      return;
    }
    const script = h('script', { src: url, async: true });
    const started = Date.now();
    let settled = false;
    const fail = (message) => {
      settled = true;
      script.remove();
      reject(new Error(message));
    };
    script.addEventListener('error', () => fail('The check could not be loaded. Try again later.'));
    // Providers set their global after their own async setup: wait for it.
    const poll = () => {
      if (settled) return;
      const p = provider();
      if (p) {
        settled = true;
        resolve(p);
      } else if (Date.now() - started > PROVIDER_WAIT_MS) {
        fail('The check took too long to load. Try again later.');
      } else {
        setTimeout(poll, PROVIDER_POLL_MS);
      }
    };
    document.head.append(script);
    poll();
  });
  loading.set(url, loaded);
  loaded.catch(() => loading.delete(url)); // the next try loads it afresh
  return loaded;
}

async function siteverify({ site_key: sitekey, script_url: url }, ui) {
  ui.status.textContent = 'Loading a check that you are a person…';
  const p = await loadProvider(url);
  if (lastWidget && typeof lastWidget.provider.remove === 'function') {
    try {
      lastWidget.provider.remove(lastWidget.id);
    } catch {
      // Already gone with its element.
    }
  }
  // A fresh element each time: the providers will not draw twice into one.
  const holder = h('div');
  ui.widget.replaceChildren(holder);
  ui.widget.hidden = false;
  ui.status.textContent = 'Confirm you are a person to go on.';
  return new Promise((resolve, reject) => {
    const id = p.render(holder, {
      sitekey,
      callback: (token) => resolve({ token }),
      'error-callback': () => reject(new Error('The check failed. Try again.')),
    });
    lastWidget = { provider: p, id };
  });
}
