// LZMA decoder for the single file's embedded WebAssembly (www/build.mjs compresses it
// with `xz --format=lzma`: about a fifth smaller than DEFLATE, which is what the browser's
// DecompressionStream offers). A port of the reference decoder in the LZMA SDK
// (LzmaSpec.cpp, public domain), kept as plain as that: one function, no allocation in
// the loop, unsigned 32-bit arithmetic written out with `>>> 0`.
//
// unlzma(input: Uint8Array, size: number) -> Uint8Array of `size` bytes, or throws.
// `input` is the .lzma ("LZMA alone") format: 1 byte lc/lp/pb, 4 bytes dictionary size,
// 8 bytes uncompressed size (or all 0xFF: ended by a marker), then the range-coded data.
export function unlzma(input, size) {
  const fail = (why) => {
    throw new Error(`the embedded WebAssembly is damaged (${why})`);
  };
  let d = input[0];
  if (d >= 9 * 5 * 5) fail('bad properties');
  const lc = d % 9;
  d = (d / 9) | 0;
  const lp = d % 5;
  const pb = (d / 5) | 0;
  const out = new Uint8Array(size);
  let outPos = 0;
  let inPos = 13;
  // The range decoder.
  let range = 0xffffffff;
  let code = 0;
  if (input[inPos++] !== 0) fail('bad start');
  for (let i = 0; i < 4; i++) code = ((code << 8) | input[inPos++]) >>> 0;
  if (code === range) fail('bad start');
  const bit = (probs, i) => {
    const p = probs[i];
    const bound = (range >>> 11) * p;
    let b;
    if (code < bound) {
      probs[i] = p + ((2048 - p) >>> 5);
      range = bound;
      b = 0;
    } else {
      probs[i] = p - (p >>> 5);
      code -= bound;
      range -= bound;
      b = 1;
    }
    if (range < 0x1000000) {
      range = (range << 8) >>> 0;
      code = ((code << 8) | input[inPos++]) >>> 0;
    }
    return b;
  };
  const direct = (n) => {
    let res = 0;
    do {
      range >>>= 1;
      code = (code - range) >>> 0;
      const t = 0 - (code >>> 31);
      code = (code + (range & t)) >>> 0;
      if (range < 0x1000000) {
        range = (range << 8) >>> 0;
        code = ((code << 8) | input[inPos++]) >>> 0;
      }
      res = (res << 1) + t + 1;
    } while (--n);
    return res >>> 0;
  };
  // The bit decoder again, written out where most bits are decoded (cold code runs in
  // the interpreter first: a call per bit costs more than the bit).
  const tree = (P, at, n) => {
    let m = 1;
    let B = 0;
    for (let i = 0; i < n; i++) {
      const I = at + m;
      {
          const p = P[I];
          const bound = (range >>> 11) * p;
          if (code < bound) {
            P[I] = p + ((2048 - p) >>> 5);
            range = bound;
            B = 0;
          } else {
            P[I] = p - (p >>> 5);
            code -= bound;
            range -= bound;
            B = 1;
          }
          if (range < 0x1000000) {
            range = (range << 8) >>> 0;
            code = ((code << 8) | input[inPos++]) >>> 0;
          }
        }
      m = (m << 1) + B;
    }
    return m - (1 << n);
  };
  const reverse = (probs, at, n) => {
    let m = 1;
    let sym = 0;
    for (let i = 0; i < n; i++) {
      const b = bit(probs, at + m);
      m = (m << 1) + b;
      sym |= b << i;
    }
    return sym;
  };
  const model = (n) => new Uint16Array(n).fill(1024);
  // Length decoders: choice, choice2, low[16][8], mid[16][8], high[256].
  const lenModel = () => ({ c: model(2), low: model(16 << 3), mid: model(16 << 3), high: model(256) });
  const length = (m, posState) => {
    if (bit(m.c, 0) === 0) return tree(m.low, posState << 3, 3);
    if (bit(m.c, 1) === 0) return 8 + tree(m.mid, posState << 3, 3);
    return 16 + tree(m.high, 0, 8);
  };
  const literals = model(0x300 << (lc + lp));
  const isMatch = model(12 << 4);
  const isRep = model(12);
  const isRepG0 = model(12);
  const isRepG1 = model(12);
  const isRepG2 = model(12);
  const isRep0Long = model(12 << 4);
  const posSlot = model(4 << 6);
  const posModels = model(1 + 128 - 14);
  const align = model(16);
  const lenDec = lenModel();
  const repLenDec = lenModel();
  const pbMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;
  while (outPos < size) {
    const posState = outPos & pbMask;
    if (bit(isMatch, (state << 4) + posState) === 0) {
      const prev = outPos > 0 ? out[outPos - 1] : 0;
      const at = 0x300 * (((outPos & lpMask) << lc) + (prev >>> (8 - lc)));
      let sym = 1;
      if (state >= 7) {
        let matchByte = out[outPos - rep0 - 1];
        do {
          const matchBit = (matchByte >>> 7) & 1;
          matchByte <<= 1;
          const b = bit(literals, at + ((1 + matchBit) << 8) + sym);
          sym = (sym << 1) | b;
          if (matchBit !== b) break;
        } while (sym < 0x100);
      }
      const P = literals;
      let B = 0;
      while (sym < 0x100) {
        const I = at + sym;
        {
          const p = P[I];
          const bound = (range >>> 11) * p;
          if (code < bound) {
            P[I] = p + ((2048 - p) >>> 5);
            range = bound;
            B = 0;
          } else {
            P[I] = p - (p >>> 5);
            code -= bound;
            range -= bound;
            B = 1;
          }
          if (range < 0x1000000) {
            range = (range << 8) >>> 0;
            code = ((code << 8) | input[inPos++]) >>> 0;
          }
        }
        sym = (sym << 1) | B;
      }
      out[outPos++] = sym - 0x100;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(isRep, state) !== 0) {
      if (outPos === 0) fail('a repeat before any data');
      if (bit(isRepG0, state) === 0) {
        if (bit(isRep0Long, (state << 4) + posState) === 0) {
          state = state < 7 ? 9 : 11;
          out[outPos] = out[outPos - rep0 - 1];
          outPos++;
          continue;
        }
      } else {
        let dist;
        if (bit(isRepG1, state) === 0) dist = rep1;
        else {
          if (bit(isRepG2, state) === 0) dist = rep2;
          else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = length(repLenDec, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(lenDec, posState);
      state = state < 7 ? 7 : 10;
      // The distance.
      const slot = tree(posSlot, (len < 3 ? len : 3) << 6, 6);
      if (slot < 4) rep0 = slot;
      else {
        const n = (slot >>> 1) - 1;
        let dist = ((2 | (slot & 1)) << n) >>> 0;
        if (slot < 14) dist += reverse(posModels, dist - slot, n);
        else dist = (dist + (direct(n - 4) << 4) + reverse(align, 0, 4)) >>> 0;
        rep0 = dist;
      }
      if (rep0 === 0xffffffff) break; // the end marker
      if (rep0 >= outPos) fail('a distance before the start');
    }
    len += 2;
    if (outPos + len > size) fail('longer than said');
    for (let i = 0; i < len; i++, outPos++) out[outPos] = out[outPos - rep0 - 1];
  }
  if (outPos !== size) fail('shorter than said');
  return out;
}
