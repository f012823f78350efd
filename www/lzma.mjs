// How the single file's WebAssembly is compressed, in one place: www/build.mjs ships it so,
// and www/bytes.mjs and www/bench/yew-floor.sh measure with it. LZMA (`xz --format=lzma`,
// preset 9e) with lc=4 lp=0 pb=0, which suit the wasm's mix of code and text: 0.7 KB
// smaller than the defaults. www/unlzma.js decodes every lc/lp/pb.
import { spawnSync } from 'node:child_process';

const XZ_ARGS = ['--format=lzma', '--lzma1=preset=9e,lc=4,lp=0,pb=0', '--stdout'];

/** The LZMA form of `bytes`; throws when xz is missing or fails. */
export function lzma(bytes) {
  const r = spawnSync('xz', XZ_ARGS, { input: bytes, maxBuffer: 64 << 20 });
  if (r.error || r.status !== 0) throw new Error(`xz could not compress (${r.error?.message ?? r.stderr}); install xz-utils`);
  return r.stdout;
}

