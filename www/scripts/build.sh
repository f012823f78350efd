#!/usr/bin/env bash
# Release build of the Navigator into dist/:
#   dist/index.html + navigator.js + navigator_bg.wasm + style.css   (hostable)
#   dist/navigator.html                                              (one self-contained file)
#   dist/routes.html              (every questionnaire drawn, for the people who review the rules)
# Runs .ci/setup first unless DSN_SKIP_SETUP=1 (serve.sh/test.sh/bench.sh already ran it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

if [ "${DSN_SKIP_SETUP:-0}" != "1" ]; then
  bash .ci/setup
fi

step() { printf '\n==> %s\n' "$*" >&2; }


# How a release wasm is built (the pinned nightly, or stable with DSN_STABLE=1; wasm-opt).
source www/scripts/release.sh
if [ "${DSN_STABLE:-0}" != "1" ]; then
  step "cargo +$RELEASE_TOOLCHAIN build (release, wasm32-unknown-unknown, std rebuilt for size)"
else
  step "cargo build (release, wasm32-unknown-unknown, stable: DSN_STABLE=1)"
fi
# Which toolchain built it, for the size budget (tests/e2e/navigator.test.mjs).
mkdir -p target
release_build --bin navigator > target/release-toolchain.txt

# Cargo's output honours CARGO_TARGET_DIR (a worktree may share one); the wasm-bindgen
# output stays in this checkout's target/wasm-bindgen, where www/build.mjs reads it.
CARGO_OUT="${CARGO_TARGET_DIR:-target}"

step "wasm-bindgen"
rm -rf target/wasm-bindgen
wasm-bindgen --target web --no-typescript \
  --out-dir target/wasm-bindgen --out-name navigator \
  "$CARGO_OUT/wasm32-unknown-unknown/release/navigator.wasm"

step "wasm-opt -Oz"
release_wasm_opt target/wasm-bindgen/navigator_bg.wasm target/wasm-bindgen/navigator_bg.opt.wasm
mv target/wasm-bindgen/navigator_bg.opt.wasm target/wasm-bindgen/navigator_bg.wasm

# The start page, rendered natively with Yew's server-side rendering (a debug build: the
# tests have built it already, and it takes seconds), for www/build.mjs to put in the page.
step "prerender the start page"
cargo run -q --bin navigator -- prerender > target/prerender.html

step "assemble dist/"
node www/build.mjs

# After build.mjs, which empties dist/ first. A native debug build: `cargo test` (CI) has
# already built it, and the release build above is wasm only, so it shares nothing.
step "dist/routes.html (navigator routes)"
cargo run -q --bin navigator -- routes > dist/routes.html
