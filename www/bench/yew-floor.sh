#!/usr/bin/env bash
# The size of an empty Yew app (www/bench/yew-floor: one component, one button, hydrated),
# built as www/scripts/build.sh builds the Navigator (the pinned nightly, std rebuilt for
# size, wasm-bindgen, wasm-opt -Oz, LZMA as www/build.mjs), to set beside the Navigator's
# own figures (node www/bytes.mjs). A report; run after `npm run build` (it needs the tools).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
ROOT="$PWD"
TOOLCHAIN="$(tr -d '[:space:]' < www/scripts/release-toolchain)"
OUT="$ROOT/target/yew-floor"
mkdir -p "$OUT"
(
  cd www/bench/yew-floor
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
    CARGO_TARGET_DIR="$OUT/cargo" cargo "+$TOOLCHAIN" build -q --release --target wasm32-unknown-unknown \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
)
wasm-bindgen --target web --no-typescript --out-dir "$OUT" --out-name floor \
  "$OUT/cargo/wasm32-unknown-unknown/release/yew-floor.wasm"
# The same features and flags as www/scripts/build.sh.
node_modules/.bin/wasm-opt -Oz --zero-filled-memory --low-memory-unused \
  --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-call-indirect-overlong \
  -o "$OUT/floor.opt.wasm" "$OUT/floor_bg.wasm"
lzma=$(xz --format=lzma --lzma1=preset=9e,lc=4,lp=0,pb=0 --stdout "$OUT/floor.opt.wasm" | wc -c)
glue=$(node_modules/.bin/terser "$OUT/floor.js" --module -c -m | gzip -9 | wc -c)
raw=$(wc -c < "$OUT/floor.opt.wasm")
awk -v raw="$raw" -v lzma="$lzma" -v glue="$glue" 'BEGIN {
  printf "An empty Yew app (csr + hydration), built as the Navigator is:\n"
  printf "  WebAssembly  %.1f KB raw, %.1f KB LZMA\n", raw / 1024, lzma / 1024
  printf "  glue         %.1f KB gzip -9, minified\n", glue / 1024
}'
