// The sign-up proof of work: find a decimal nonce such that sha256(salt + nonce) starts
// with `difficulty` zero bits. Plain JS with no imports, so it runs in a page, a Web
// Worker and Node alike (WebCrypto's digest is async, one promise per hash: far too slow
// for a search, and WebAssembly would need 'wasm-unsafe-eval' in the CSP).
//
// The salt (32 bytes) and a nonce of up to 20 digits fit one 64-byte block with the
// padding, so each try is one compression. The 8 rounds that read only the salt's words
// are run once (the midstate); the nonce is counted up in place as ASCII digits; the loop
// allocates nothing. The rounds are unrolled, the schedule kept in locals, and every sum
// truncated with `| 0`, so V8 keeps it all in 32-bit registers (1.5 to 2 times the rate
// of loops over arrays, in Node 20).

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const MAX_NONCE_DIGITS = 20; // the server takes 1 to 20 digits

/**
 * Rounds `from` (0 or 8) up to `to` (8 or 64) of one block `W` (16 big-endian words) on
 * the state `s` (a..h), writing the state after them to `out` (not yet added to the
 * chaining value). `out` may be `s`. Each round renames the state instead of shifting it:
 * round n's "a" is the variable that was "h" before it.
 */
function compress(W, s, from, to, out) {
  let a = s[0]; let b = s[1]; let c = s[2]; let d = s[3];
  let e = s[4]; let f = s[5]; let g = s[6]; let hh = s[7];
  let t1 = 0;
  // Rounds 0-15 read the block as it is, 8 at a time (a multiple of 8 brings the names
  // back to their letters).
  for (let i = from; i < 16 && i < to; i += 8) {
    t1 = (hh + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))) | 0;
    t1 = (t1 + ((((e & f) ^ (~e & g)) + ((K[i + 0] + W[i + 0]) | 0)) | 0)) | 0;
    d = (d + t1) | 0;
    hh = (t1 + (((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
      + ((a & b) ^ (a & c) ^ (b & c))) | 0)) | 0;
    t1 = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7)))) | 0;
    t1 = (t1 + ((((d & e) ^ (~d & f)) + ((K[i + 1] + W[i + 1]) | 0)) | 0)) | 0;
    c = (c + t1) | 0;
    g = (t1 + (((((hh >>> 2) | (hh << 30)) ^ ((hh >>> 13) | (hh << 19)) ^ ((hh >>> 22) | (hh << 10)))
      + ((hh & a) ^ (hh & b) ^ (a & b))) | 0)) | 0;
    t1 = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7)))) | 0;
    t1 = (t1 + ((((c & d) ^ (~c & e)) + ((K[i + 2] + W[i + 2]) | 0)) | 0)) | 0;
    b = (b + t1) | 0;
    f = (t1 + (((((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10)))
      + ((g & hh) ^ (g & a) ^ (hh & a))) | 0)) | 0;
    t1 = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7)))) | 0;
    t1 = (t1 + ((((b & c) ^ (~b & d)) + ((K[i + 3] + W[i + 3]) | 0)) | 0)) | 0;
    a = (a + t1) | 0;
    e = (t1 + (((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10)))
      + ((f & g) ^ (f & hh) ^ (g & hh))) | 0)) | 0;
    t1 = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7)))) | 0;
    t1 = (t1 + ((((a & b) ^ (~a & c)) + ((K[i + 4] + W[i + 4]) | 0)) | 0)) | 0;
    hh = (hh + t1) | 0;
    d = (t1 + (((((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10)))
      + ((e & f) ^ (e & g) ^ (f & g))) | 0)) | 0;
    t1 = (c + (((hh >>> 6) | (hh << 26)) ^ ((hh >>> 11) | (hh << 21)) ^ ((hh >>> 25) | (hh << 7)))) | 0;
    t1 = (t1 + ((((hh & a) ^ (~hh & b)) + ((K[i + 5] + W[i + 5]) | 0)) | 0)) | 0;
    g = (g + t1) | 0;
    c = (t1 + (((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10)))
      + ((d & e) ^ (d & f) ^ (e & f))) | 0)) | 0;
    t1 = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7)))) | 0;
    t1 = (t1 + ((((g & hh) ^ (~g & a)) + ((K[i + 6] + W[i + 6]) | 0)) | 0)) | 0;
    f = (f + t1) | 0;
    b = (t1 + (((((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10)))
      + ((c & d) ^ (c & e) ^ (d & e))) | 0)) | 0;
    t1 = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7)))) | 0;
    t1 = (t1 + ((((f & g) ^ (~f & hh)) + ((K[i + 7] + W[i + 7]) | 0)) | 0)) | 0;
    e = (e + t1) | 0;
    a = (t1 + (((((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10)))
      + ((b & c) ^ (b & d) ^ (c & d))) | 0)) | 0;
  }
  if (to === 64) {
    // Rounds 16-63 extend the schedule as they go, in 16 locals: w[i % 16] becomes w[i].
    let w0 = W[0]; let w1 = W[1]; let w2 = W[2]; let w3 = W[3];
    let w4 = W[4]; let w5 = W[5]; let w6 = W[6]; let w7 = W[7];
    let w8 = W[8]; let w9 = W[9]; let w10 = W[10]; let w11 = W[11];
    let w12 = W[12]; let w13 = W[13]; let w14 = W[14]; let w15 = W[15];
    for (let i = 16; i < 64; i += 16) {
      w0 = (w0 + (((w1 >>> 7) | (w1 << 25)) ^ ((w1 >>> 18) | (w1 << 14)) ^ (w1 >>> 3)) + w9
        + (((w14 >>> 17) | (w14 << 15)) ^ ((w14 >>> 19) | (w14 << 13)) ^ (w14 >>> 10))) | 0;
      t1 = (hh + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))) | 0;
      t1 = (t1 + ((((e & f) ^ (~e & g)) + ((K[i + 0] + w0) | 0)) | 0)) | 0;
      d = (d + t1) | 0;
      hh = (t1 + (((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
        + ((a & b) ^ (a & c) ^ (b & c))) | 0)) | 0;
      w1 = (w1 + (((w2 >>> 7) | (w2 << 25)) ^ ((w2 >>> 18) | (w2 << 14)) ^ (w2 >>> 3)) + w10
        + (((w15 >>> 17) | (w15 << 15)) ^ ((w15 >>> 19) | (w15 << 13)) ^ (w15 >>> 10))) | 0;
      t1 = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7)))) | 0;
      t1 = (t1 + ((((d & e) ^ (~d & f)) + ((K[i + 1] + w1) | 0)) | 0)) | 0;
      c = (c + t1) | 0;
      g = (t1 + (((((hh >>> 2) | (hh << 30)) ^ ((hh >>> 13) | (hh << 19)) ^ ((hh >>> 22) | (hh << 10)))
        + ((hh & a) ^ (hh & b) ^ (a & b))) | 0)) | 0;
      w2 = (w2 + (((w3 >>> 7) | (w3 << 25)) ^ ((w3 >>> 18) | (w3 << 14)) ^ (w3 >>> 3)) + w11
        + (((w0 >>> 17) | (w0 << 15)) ^ ((w0 >>> 19) | (w0 << 13)) ^ (w0 >>> 10))) | 0;
      t1 = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7)))) | 0;
      t1 = (t1 + ((((c & d) ^ (~c & e)) + ((K[i + 2] + w2) | 0)) | 0)) | 0;
      b = (b + t1) | 0;
      f = (t1 + (((((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10)))
        + ((g & hh) ^ (g & a) ^ (hh & a))) | 0)) | 0;
      w3 = (w3 + (((w4 >>> 7) | (w4 << 25)) ^ ((w4 >>> 18) | (w4 << 14)) ^ (w4 >>> 3)) + w12
        + (((w1 >>> 17) | (w1 << 15)) ^ ((w1 >>> 19) | (w1 << 13)) ^ (w1 >>> 10))) | 0;
      t1 = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7)))) | 0;
      t1 = (t1 + ((((b & c) ^ (~b & d)) + ((K[i + 3] + w3) | 0)) | 0)) | 0;
      a = (a + t1) | 0;
      e = (t1 + (((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10)))
        + ((f & g) ^ (f & hh) ^ (g & hh))) | 0)) | 0;
      w4 = (w4 + (((w5 >>> 7) | (w5 << 25)) ^ ((w5 >>> 18) | (w5 << 14)) ^ (w5 >>> 3)) + w13
        + (((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10))) | 0;
      t1 = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7)))) | 0;
      t1 = (t1 + ((((a & b) ^ (~a & c)) + ((K[i + 4] + w4) | 0)) | 0)) | 0;
      hh = (hh + t1) | 0;
      d = (t1 + (((((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10)))
        + ((e & f) ^ (e & g) ^ (f & g))) | 0)) | 0;
      w5 = (w5 + (((w6 >>> 7) | (w6 << 25)) ^ ((w6 >>> 18) | (w6 << 14)) ^ (w6 >>> 3)) + w14
        + (((w3 >>> 17) | (w3 << 15)) ^ ((w3 >>> 19) | (w3 << 13)) ^ (w3 >>> 10))) | 0;
      t1 = (c + (((hh >>> 6) | (hh << 26)) ^ ((hh >>> 11) | (hh << 21)) ^ ((hh >>> 25) | (hh << 7)))) | 0;
      t1 = (t1 + ((((hh & a) ^ (~hh & b)) + ((K[i + 5] + w5) | 0)) | 0)) | 0;
      g = (g + t1) | 0;
      c = (t1 + (((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10)))
        + ((d & e) ^ (d & f) ^ (e & f))) | 0)) | 0;
      w6 = (w6 + (((w7 >>> 7) | (w7 << 25)) ^ ((w7 >>> 18) | (w7 << 14)) ^ (w7 >>> 3)) + w15
        + (((w4 >>> 17) | (w4 << 15)) ^ ((w4 >>> 19) | (w4 << 13)) ^ (w4 >>> 10))) | 0;
      t1 = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7)))) | 0;
      t1 = (t1 + ((((g & hh) ^ (~g & a)) + ((K[i + 6] + w6) | 0)) | 0)) | 0;
      f = (f + t1) | 0;
      b = (t1 + (((((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10)))
        + ((c & d) ^ (c & e) ^ (d & e))) | 0)) | 0;
      w7 = (w7 + (((w8 >>> 7) | (w8 << 25)) ^ ((w8 >>> 18) | (w8 << 14)) ^ (w8 >>> 3)) + w0
        + (((w5 >>> 17) | (w5 << 15)) ^ ((w5 >>> 19) | (w5 << 13)) ^ (w5 >>> 10))) | 0;
      t1 = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7)))) | 0;
      t1 = (t1 + ((((f & g) ^ (~f & hh)) + ((K[i + 7] + w7) | 0)) | 0)) | 0;
      e = (e + t1) | 0;
      a = (t1 + (((((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10)))
        + ((b & c) ^ (b & d) ^ (c & d))) | 0)) | 0;
      w8 = (w8 + (((w9 >>> 7) | (w9 << 25)) ^ ((w9 >>> 18) | (w9 << 14)) ^ (w9 >>> 3)) + w1
        + (((w6 >>> 17) | (w6 << 15)) ^ ((w6 >>> 19) | (w6 << 13)) ^ (w6 >>> 10))) | 0;
      t1 = (hh + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))) | 0;
      t1 = (t1 + ((((e & f) ^ (~e & g)) + ((K[i + 8] + w8) | 0)) | 0)) | 0;
      d = (d + t1) | 0;
      hh = (t1 + (((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
        + ((a & b) ^ (a & c) ^ (b & c))) | 0)) | 0;
      w9 = (w9 + (((w10 >>> 7) | (w10 << 25)) ^ ((w10 >>> 18) | (w10 << 14)) ^ (w10 >>> 3)) + w2
        + (((w7 >>> 17) | (w7 << 15)) ^ ((w7 >>> 19) | (w7 << 13)) ^ (w7 >>> 10))) | 0;
      t1 = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7)))) | 0;
      t1 = (t1 + ((((d & e) ^ (~d & f)) + ((K[i + 9] + w9) | 0)) | 0)) | 0;
      c = (c + t1) | 0;
      g = (t1 + (((((hh >>> 2) | (hh << 30)) ^ ((hh >>> 13) | (hh << 19)) ^ ((hh >>> 22) | (hh << 10)))
        + ((hh & a) ^ (hh & b) ^ (a & b))) | 0)) | 0;
      w10 = (w10 + (((w11 >>> 7) | (w11 << 25)) ^ ((w11 >>> 18) | (w11 << 14)) ^ (w11 >>> 3)) + w3
        + (((w8 >>> 17) | (w8 << 15)) ^ ((w8 >>> 19) | (w8 << 13)) ^ (w8 >>> 10))) | 0;
      t1 = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7)))) | 0;
      t1 = (t1 + ((((c & d) ^ (~c & e)) + ((K[i + 10] + w10) | 0)) | 0)) | 0;
      b = (b + t1) | 0;
      f = (t1 + (((((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10)))
        + ((g & hh) ^ (g & a) ^ (hh & a))) | 0)) | 0;
      w11 = (w11 + (((w12 >>> 7) | (w12 << 25)) ^ ((w12 >>> 18) | (w12 << 14)) ^ (w12 >>> 3)) + w4
        + (((w9 >>> 17) | (w9 << 15)) ^ ((w9 >>> 19) | (w9 << 13)) ^ (w9 >>> 10))) | 0;
      t1 = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7)))) | 0;
      t1 = (t1 + ((((b & c) ^ (~b & d)) + ((K[i + 11] + w11) | 0)) | 0)) | 0;
      a = (a + t1) | 0;
      e = (t1 + (((((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10)))
        + ((f & g) ^ (f & hh) ^ (g & hh))) | 0)) | 0;
      w12 = (w12 + (((w13 >>> 7) | (w13 << 25)) ^ ((w13 >>> 18) | (w13 << 14)) ^ (w13 >>> 3)) + w5
        + (((w10 >>> 17) | (w10 << 15)) ^ ((w10 >>> 19) | (w10 << 13)) ^ (w10 >>> 10))) | 0;
      t1 = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7)))) | 0;
      t1 = (t1 + ((((a & b) ^ (~a & c)) + ((K[i + 12] + w12) | 0)) | 0)) | 0;
      hh = (hh + t1) | 0;
      d = (t1 + (((((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10)))
        + ((e & f) ^ (e & g) ^ (f & g))) | 0)) | 0;
      w13 = (w13 + (((w14 >>> 7) | (w14 << 25)) ^ ((w14 >>> 18) | (w14 << 14)) ^ (w14 >>> 3)) + w6
        + (((w11 >>> 17) | (w11 << 15)) ^ ((w11 >>> 19) | (w11 << 13)) ^ (w11 >>> 10))) | 0;
      t1 = (c + (((hh >>> 6) | (hh << 26)) ^ ((hh >>> 11) | (hh << 21)) ^ ((hh >>> 25) | (hh << 7)))) | 0;
      t1 = (t1 + ((((hh & a) ^ (~hh & b)) + ((K[i + 13] + w13) | 0)) | 0)) | 0;
      g = (g + t1) | 0;
      c = (t1 + (((((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10)))
        + ((d & e) ^ (d & f) ^ (e & f))) | 0)) | 0;
      w14 = (w14 + (((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3)) + w7
        + (((w12 >>> 17) | (w12 << 15)) ^ ((w12 >>> 19) | (w12 << 13)) ^ (w12 >>> 10))) | 0;
      t1 = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7)))) | 0;
      t1 = (t1 + ((((g & hh) ^ (~g & a)) + ((K[i + 14] + w14) | 0)) | 0)) | 0;
      f = (f + t1) | 0;
      b = (t1 + (((((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10)))
        + ((c & d) ^ (c & e) ^ (d & e))) | 0)) | 0;
      w15 = (w15 + (((w0 >>> 7) | (w0 << 25)) ^ ((w0 >>> 18) | (w0 << 14)) ^ (w0 >>> 3)) + w8
        + (((w13 >>> 17) | (w13 << 15)) ^ ((w13 >>> 19) | (w13 << 13)) ^ (w13 >>> 10))) | 0;
      t1 = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7)))) | 0;
      t1 = (t1 + ((((f & g) ^ (~f & hh)) + ((K[i + 15] + w15) | 0)) | 0)) | 0;
      e = (e + t1) | 0;
      a = (t1 + (((((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10)))
        + ((b & c) ^ (b & d) ^ (c & d))) | 0)) | 0;
    }
  }
  out[0] = a; out[1] = b; out[2] = c; out[3] = d;
  out[4] = e; out[5] = f; out[6] = g; out[7] = hh;
}

/** A string's UTF-8 bytes (TextEncoder is in pages, workers and Node). */
const utf8 = (s) => new TextEncoder().encode(s);

/** Big-endian word `i` of `bytes`. */
const wordAt = (bytes, i) =>
  (bytes[4 * i] << 24) | (bytes[4 * i + 1] << 16) | (bytes[4 * i + 2] << 8) | bytes[4 * i + 3];

/**
 * Leading zero bits of a digest: a Uint8Array (a Buffer too) is read as bytes, anything
 * else (Int32Array, Uint32Array, an array of numbers) as big-endian 32-bit words.
 */
export function leadingZeroBits(digest) {
  const bytes = digest instanceof Uint8Array;
  let n = 0;
  for (const v of digest) {
    const z = bytes ? Math.clz32(v & 0xff) - 24 : Math.clz32(v);
    n += z;
    if (z < (bytes ? 8 : 32)) break;
  }
  return n;
}

/** The SHA-256 of a string's UTF-8 bytes, as 8 words (any length; tests and checks). */
export function sha256Words(text) {
  const msg = utf8(text);
  const padded = new Uint8Array(Math.ceil((msg.length + 9) / 64) * 64);
  padded.set(msg);
  padded[msg.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(msg.length / 2 ** 29)); // the bit length's high word
  view.setUint32(padded.length - 4, (msg.length * 8) >>> 0);
  const H = Int32Array.from(IV);
  const W = new Int32Array(16);
  const out = new Int32Array(8);
  for (let at = 0; at < padded.length; at += 64) {
    for (let i = 0; i < 16; i++) W[i] = wordAt(padded, at / 4 + i);
    compress(W, H, 0, 64, out);
    for (let i = 0; i < 8; i++) H[i] = (H[i] + out[i]) | 0;
  }
  return H;
}

/** The SHA-256 of a string's UTF-8 bytes, in lowercase hex. */
export function sha256Hex(text) {
  return Array.from(sha256Words(text), (w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
}

/**
 * Finds the first nonce "0", "1", "2"… (canonical decimal) for which sha256(salt + nonce)
 * has at least `difficulty` leading zero bits. `onProgress(hashes)` is called every
 * `progressEvery` tries. Returns `{nonce, hashes}` (hashes: the tries, the last included).
 */
export function solve(salt, difficulty, { onProgress, progressEvery = 1 << 16 } = {}) {
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > 256) {
    throw new RangeError(`difficulty must be an integer from 0 to 256, not ${difficulty}`);
  }
  const saltText = String(salt);
  const saltBytes = utf8(saltText);
  const start = saltBytes.length; // where the digits begin
  if (start + MAX_NONCE_DIGITS + 9 > 64) throw new RangeError('the salt is longer than 35 bytes');
  const every = Math.max(1, Math.floor(progressEvery));

  const msg = new Uint8Array(64);
  msg.set(saltBytes);
  const W = new Int32Array(16);
  const fixed = start >>> 2; // words of salt bytes only: the same in every try
  for (let i = 0; i < fixed; i++) W[i] = wordAt(msg, i);
  const from = fixed >= 8 ? 8 : 0; // a shorter salt gets no midstate: rare, and still right
  const mid = Int32Array.from(IV);
  if (from) compress(W, IV, 0, 8, mid);
  const out = new Int32Array(8);
  const iv0 = IV[0];

  let len = 1;
  msg[start] = 48; // "0"
  let words = setTail(msg, W, start + len);
  for (let hashes = 1; ; hashes++) {
    for (let i = fixed; i < words; i++) W[i] = wordAt(msg, i);
    compress(W, mid, from, 64, out);
    const h0 = (out[0] + iv0) | 0;
    // Past 32 bits (one try in 4 billion gets that far) the whole digest is hashed again.
    if (Math.clz32(h0) >= difficulty
      || (h0 === 0 && difficulty > 32 && leadingZeroBits(sha256Words(saltText + digits(msg, start, len))) >= difficulty)) {
      return { nonce: digits(msg, start, len), hashes };
    }
    if (onProgress && hashes % every === 0) onProgress(hashes);
    // Count up in ASCII: a trailing 9 carries; all nines grow a digit ("99" → "100").
    let i = start + len - 1;
    while (i >= start && msg[i] === 57) msg[i--] = 48;
    if (i >= start) {
      msg[i] += 1;
    } else {
      if (len === MAX_NONCE_DIGITS) throw new Error('no nonce of up to 20 digits found');
      msg[start] = 49;
      msg[start + len] = 48;
      len += 1;
      words = setTail(msg, W, start + len);
    }
  }
}

/**
 * Writes the padding after a message of `end` bytes (0x80, zeros, the bit length) into
 * `msg` and W[14..15]; returns how many leading words the digits (and 0x80) reach.
 */
function setTail(msg, W, end) {
  msg.fill(0, end);
  msg[end] = 0x80;
  msg[62] = (end * 8) >>> 8;
  msg[63] = (end * 8) & 0xff;
  W[14] = wordAt(msg, 14);
  W[15] = wordAt(msg, 15);
  return (end >>> 2) + 1;
}

/** The nonce: `len` ASCII digits from `start`. */
const digits = (msg, start, len) => String.fromCharCode(...msg.subarray(start, start + len));
