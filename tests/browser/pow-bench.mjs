// How long the sign-up proof of work takes in Node, or in Chromium (the same pow.js, in
// a headless page through Playwright; CHROMIUM, default /usr/bin/chromium):
//   node tests/browser/pow-bench.mjs [difficulty=18] [runs=31] [--chromium]
// Solves `runs` random salts, as the server issues them, and prints the median and p90
// solve times and the median rate. Each try is a coin with 2^-difficulty odds, so the
// times spread widely (p90 is about 3.3 times the median).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { solve } from '../../adapters/web/assets/pow.js';

const inChromium = process.argv.includes('--chromium');
const args = process.argv.slice(2).filter((a) => a !== '--chromium');
const difficulty = Number(args[0] ?? 18);
const runs = Number(args[1] ?? 31);
if (!Number.isInteger(difficulty) || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node tests/browser/pow-bench.mjs [difficulty=18] [runs=31]');
  process.exit(2);
}

/** `runs` solves of random salts: [{ms, hashes}]. Runs in Node or, as text, in a page. */
function bench(solveFn, salts, bits) {
  solveFn(salts[0].split('').reverse().join(''), Math.min(bits, 16)); // let the JIT warm up
  return salts.map((salt) => {
    const started = performance.now();
    const { hashes } = solveFn(salt, bits);
    return { ms: performance.now() - started, hashes };
  });
}

const salts = Array.from({ length: runs }, () => randomBytes(16).toString('hex'));
let results;
if (inChromium) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
  const page = await browser.newPage();
  const pow = readFileSync(new URL('../../adapters/web/assets/pow.js', import.meta.url), 'utf8');
  await page.addScriptTag({ type: 'module', content: `${pow}\nwindow.powSolve = solve;` });
  await page.waitForFunction(() => typeof window.powSolve === 'function');
  results = await page.evaluate(
    ([source, s, bits]) => new Function(`return ${source}`)()(window.powSolve, s, bits),
    [bench.toString(), salts, difficulty],
  );
  await browser.close();
} else {
  results = bench(solve, salts, difficulty);
}
const times = results.map((r) => r.ms);
const rates = results.map((r) => r.hashes / (r.ms / 1000));
const hashesTotal = results.reduce((n, r) => n + r.hashes, 0);

/** The q-quantile, nearest rank. */
function quantile(values, q) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const fmt = (ms) => ms.toFixed(1);
console.log(
  `pow-bench (${inChromium ? 'chromium' : 'node'}): difficulty ${difficulty}, ${runs} runs: median ${fmt(quantile(times, 0.5))} ms, `
  + `p90 ${fmt(quantile(times, 0.9))} ms, median ${(quantile(rates, 0.5) / 1e6).toFixed(2)} M hashes/s `
  + `(mean ${Math.round(hashesTotal / runs)} hashes, expected ${2 ** difficulty})`,
);
