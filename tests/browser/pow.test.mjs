// The proof of work the web client solves at sign-up (adapters/web/assets/pow.js),
// checked against Node's own SHA-256. Needs nothing installed:
//   node tests/browser/pow.test.mjs
// Exits non-zero on the first failure.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { leadingZeroBits, sha256Hex, sha256Words, solve } from '../../adapters/web/assets/pow.js';

const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest();
const zeros = (s) => leadingZeroBits(sha256(s));
let checks = 0;
const check = (what, fn) => {
  try {
    fn();
    checks += 1;
  } catch (e) {
    console.error(`pow: FAILED ${what}`);
    throw e;
  }
};

check('leadingZeroBits counts bytes and words alike', () => {
  const cases = [
    [[0x80], 0], [[0x40], 1], [[0x01], 7], [[0x00, 0xff], 8], [[0x00, 0x00, 0x0f], 20],
    [[0x00, 0x00, 0x00, 0x00, 0x7f], 33], [new Array(32).fill(0), 256],
  ];
  for (const [bytes, want] of cases) {
    assert.equal(leadingZeroBits(Uint8Array.from(bytes)), want, `bytes ${bytes}`);
    const padded = Buffer.alloc(32);
    Buffer.from(bytes).copy(padded);
    const words = Array.from({ length: 8 }, (_, i) => padded.readUInt32BE(4 * i));
    assert.equal(leadingZeroBits(Uint32Array.from(words)), want, `Uint32 words of ${bytes}`);
    assert.equal(leadingZeroBits(Int32Array.from(words)), want, `Int32 words of ${bytes}`);
    assert.equal(leadingZeroBits(words), want, `plain words of ${bytes}`);
  }
  for (let i = 0; i < 200; i++) {
    const d = sha256(randomBytes(8).toString('hex'));
    const words = Int32Array.from({ length: 8 }, (_, j) => d.readInt32BE(4 * j));
    assert.equal(leadingZeroBits(words), leadingZeroBits(d));
  }
});

check('sha256Hex matches node:crypto', () => {
  const edges = [0, 1, 3, 4, 31, 32, 33, 51, 52, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000];
  const inputs = edges.map((n) => 'x'.repeat(n));
  inputs.push('abc', 'héllo wörld', '你好，世界', '👋🏽', '\u0000\u007f');
  const ascii = () => String.fromCharCode(...randomBytes(1 + Math.floor(Math.random() * 200)).map((b) => 32 + (b % 95)));
  for (let i = 0; i < 3000; i++) inputs.push(ascii().slice(0, i % 3 === 0 ? 55 : undefined));
  for (let i = 0; i < 2000; i++) inputs.push(randomBytes(16).toString('hex') + String(Math.floor(Math.random() * 1e15)));
  for (const s of inputs) assert.equal(sha256Hex(s), sha256(s).toString('hex'), JSON.stringify(s));
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(sha256Words('').length, 8);
});

check('solve finds the first nonce meeting the difficulty', () => {
  // The first passing nonce, searched with Node's hash: solve must agree on every try
  // before it, which checks the fast path on each of them (digits rolling over too).
  for (let run = 0; run < 40; run++) {
    const salt = randomBytes(16).toString('hex');
    const difficulty = run % 13;
    let want = 0;
    while (zeros(salt + want) < difficulty) want += 1;
    const got = solve(salt, difficulty);
    assert.equal(got.nonce, String(want), `salt ${salt}, difficulty ${difficulty}`);
    assert.equal(got.hashes, want + 1);
  }
});

check('solve with salts of other lengths (no midstate, digits across words)', () => {
  for (let len = 0; len <= 35; len++) {
    const salt = randomBytes(18).toString('hex').slice(0, len);
    let want = 0;
    while (zeros(salt + want) < 10) want += 1;
    assert.equal(solve(salt, 10).nonce, String(want), `salt of ${len} bytes`);
  }
  assert.throws(() => solve('x'.repeat(36), 1), RangeError);
});

check('solve meets real difficulties, verified by node:crypto', () => {
  for (let run = 0; run < 12; run++) {
    const salt = randomBytes(16).toString('hex');
    const difficulty = 14 + (run % 5);
    const { nonce, hashes } = solve(salt, difficulty);
    assert.match(nonce, /^(0|[1-9][0-9]{0,19})$/);
    assert.ok(zeros(salt + nonce) >= difficulty, `${salt}+${nonce}: ${zeros(salt + nonce)} < ${difficulty}`);
    assert.equal(hashes, Number(nonce) + 1);
  }
});

check('difficulty 0, progress and bad arguments', () => {
  assert.deepEqual(solve(randomBytes(16).toString('hex'), 0), { nonce: '0', hashes: 1 });
  const seen = [];
  const salt = randomBytes(16).toString('hex');
  const { hashes } = solve(salt, 16, { progressEvery: 1000, onProgress: (n) => seen.push(n) });
  assert.deepEqual(seen, Array.from({ length: Math.floor((hashes - 1) / 1000) }, (_, i) => (i + 1) * 1000));
  for (const bad of [-1, 1.5, 257, NaN, '18']) assert.throws(() => solve(salt, bad), RangeError);
});

// The rate, for the record (the brief asks for several million a second in Node).
const salts = Array.from({ length: 8 }, () => randomBytes(16).toString('hex'));
const started = performance.now();
let total = 0;
for (const salt of salts) total += solve(salt, 18).hashes;
const ms = performance.now() - started;
console.log(`pow: ${checks} checks passed; ${(total / ms / 1000).toFixed(2)} M hashes/s (${total} hashes in ${ms.toFixed(0)} ms)`);
