// The single file's LZMA decoder (www/unlzma.js) against xz, the compressor the build uses:
// every kind of input decodes to exactly its bytes, and damaged input throws (it never
// returns wrong bytes as if they were right).
// Run: node --test tests/e2e/unlzma.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { unlzma } from '../../www/unlzma.js';
import { root } from './lib.mjs';

const xz = (bytes, extra = []) => {
  const r = spawnSync('xz', ['--format=lzma', '-9e', '--stdout', ...extra], { input: bytes, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, String(r.stderr));
  return new Uint8Array(r.stdout);
};

const samples = () => {
  const text = Buffer.from(readFileSync(join(root, 'README.md'), 'utf8').repeat(3));
  const wasm = join(root, 'target', 'wasm-bindgen', 'navigator_bg.wasm');
  return {
    'one byte': Buffer.from([7]),
    'a run of one byte': Buffer.alloc(100_000, 0x61),
    'random bytes (stored, not compressed)': randomBytes(200_000),
    'text with long repeats': text,
    'text and random mixed': Buffer.concat([text, randomBytes(5000), text.subarray(0, 20_000)]),
    ...(existsSync(wasm) ? { 'the built WebAssembly': readFileSync(wasm) } : {}),
  };
};

test('decodes what xz encodes, for every kind of input and every lc/lp/pb', () => {
  for (const [name, raw] of Object.entries(samples())) {
    assert.deepEqual(Buffer.from(unlzma(xz(raw), raw.length)), raw, name);
  }
  const text = samples()['text and random mixed'];
  for (const opts of ['lc=0,lp=0,pb=0', 'lc=4,lp=0,pb=2', 'lc=0,lp=2,pb=0', 'lc=1,lp=1,pb=1']) {
    const packed = xz(text, [`--lzma1=preset=6,${opts}`]);
    assert.deepEqual(Buffer.from(unlzma(packed, text.length)), text, opts);
  }
});

test('damaged input throws, never wrong bytes', () => {
  const raw = samples()['text with long repeats'];
  const packed = xz(raw);
  assert.throws(() => unlzma(packed, raw.length + 1), /damaged/, 'said longer than it is');
  assert.throws(() => unlzma(packed, raw.length - 100), /damaged/, 'said shorter than it is');
  const bad = packed.slice();
  bad[0] = 255;
  assert.throws(() => unlzma(bad, raw.length), /damaged/, 'bad properties');
  for (let i = 0; i < 40; i++) {
    const flipped = packed.slice();
    const at = 14 + Math.floor((i / 40) * (packed.length - 14));
    flipped[at] ^= 0x5a;
    try {
      // LZMA has no checksum: a flipped byte may decode to other bytes, of exactly the
      // length said (WebAssembly then refuses a module that does not validate).
      assert.equal(unlzma(flipped, raw.length).length, raw.length, `flipped at ${at}`);
    } catch (e) {
      // Only the decoder's own refusal: no RangeError, no TypeError from a buffer overrun.
      assert.match(e.message, /damaged/, `flipped at ${at}`);
    }
  }
});
