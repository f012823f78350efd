#!/usr/bin/env bash
# The size of an empty Yew app (www/bench/yew-floor: one component, one button, hydrated),
# built as www/scripts/build.sh builds the Navigator (the pinned nightly, std rebuilt for
# size, wasm-bindgen, wasm-opt -Oz, LZMA as www/build.mjs), to set beside the Navigator's
# own figures (node www/bytes.mjs). A report; run after `npm run build` (it needs the tools).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
ROOT="$PWD"
source www/scripts/release.sh
OUT="$ROOT/target/yew-floor"
mkdir -p "$OUT"
built=$(cd www/bench/yew-floor && CARGO_TARGET_DIR="$OUT/cargo" release_build -q)
wasm-bindgen --target web --no-typescript --out-dir "$OUT" --out-name floor \
  "$OUT/cargo/wasm32-unknown-unknown/release/yew-floor.wasm"
release_wasm_opt "$OUT/floor_bg.wasm" "$OUT/floor.opt.wasm"
lzma=$(node --input-type=module -e 'import { lzma } from "./www/lzma.mjs"; import { readFileSync } from "node:fs"; console.log(lzma(readFileSync(process.argv[1])).length)' "$OUT/floor.opt.wasm")
glue=$(node_modules/.bin/terser "$OUT/floor.js" --module -c -m | gzip -9 | wc -c)
raw=$(wc -c < "$OUT/floor.opt.wasm")
awk -v built="$built" -v raw="$raw" -v lzma="$lzma" -v glue="$glue" 'BEGIN {
  printf "An empty Yew app (csr + hydration), built as the Navigator is (%s):\n", built
  printf "  WebAssembly  %.1f KB raw, %.1f KB LZMA\n", raw / 1024, lzma / 1024
  printf "  glue         %.1f KB gzip -9, minified\n", glue / 1024
}'
