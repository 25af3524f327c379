// Solves a proof of work off the page's thread, so the page stays responsive meanwhile.
// Started as a module worker by challenge.js; gets {salt, difficulty}, posts
// {progress: hashes} now and then, then {nonce, hashes, ms} (or {error}).
import { solve } from './pow.js';

const CHECK_EVERY = 1 << 14; // hashes between looks at the clock: a few milliseconds
const REPORT_EVERY_MS = 100; // enough for a progress bar, not a flood of messages

self.addEventListener('message', (event) => {
  const { salt, difficulty } = event.data;
  const started = performance.now();
  let reported = started;
  const onProgress = (n) => {
    const now = performance.now();
    if (now - reported < REPORT_EVERY_MS) return;
    reported = now;
    self.postMessage({ progress: n });
  };
  try {
    const { nonce, hashes } = solve(salt, difficulty, { progressEvery: CHECK_EVERY, onProgress });
    self.postMessage({ nonce, hashes, ms: Math.round(performance.now() - started) });
  } catch (e) {
    self.postMessage({ error: e.message });
  }
});
