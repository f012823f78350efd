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


# The download is built by the pinned nightly toolchain named in www/scripts/release-toolchain
# (installed by .ci/setup, with rust-src): the standard library is rebuilt for size, and a
# panic aborts at once, with no message or source location in the download (a trap all
# the same, so the page's guard still shows its message). Measured: about 20 KB gzip
# smaller than the same code on stable (README "Where the bytes of the single file go").
# Everything else (clippy, cargo test natively and in the browser) uses the stable
# toolchain. DSN_STABLE=1 builds the download with stable instead, for a machine that
# cannot install the nightly. RUSTFLAGS replaces .cargo/config.toml's flags (path
# remapping, not needed when locations are left out).
RELEASE_TOOLCHAIN="$(tr -d '[:space:]' < www/scripts/release-toolchain)"
if [ "${DSN_STABLE:-0}" != "1" ]; then
  step "cargo +$RELEASE_TOOLCHAIN build (release, wasm32-unknown-unknown, std rebuilt for size)"
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
    cargo "+$RELEASE_TOOLCHAIN" build --release --target wasm32-unknown-unknown --bin navigator \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
  echo "$RELEASE_TOOLCHAIN" > target/release-toolchain.txt
else
  step "cargo build (release, wasm32-unknown-unknown, stable: DSN_STABLE=1)"
  cargo build --release --target wasm32-unknown-unknown --bin navigator
  echo stable > target/release-toolchain.txt
fi

# Cargo's output honours CARGO_TARGET_DIR (a worktree may share one); the wasm-bindgen
# output stays in this checkout's target/wasm-bindgen, where www/build.mjs reads it.
CARGO_OUT="${CARGO_TARGET_DIR:-target}"

step "wasm-bindgen"
rm -rf target/wasm-bindgen
wasm-bindgen --target web --no-typescript \
  --out-dir target/wasm-bindgen --out-name navigator \
  "$CARGO_OUT/wasm32-unknown-unknown/release/navigator.wasm"

# Features rustc emits by default for wasm32-unknown-unknown (LLVM 20+ "generic" CPU):
# bulk-memory(+opt), nontrapping-fptoint, sign-ext, mutable-globals, reference-types,
# multivalue, call-indirect-overlong. wasm-opt must be allowed to keep them; it will not
# add any feature the input does not already use.
WASM_OPT_FEATURES=(
  --enable-bulk-memory --enable-bulk-memory-opt
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
  --enable-reference-types --enable-multivalue --enable-call-indirect-overlong
)
# --zero-filled-memory: a fresh instance's memory is zeros; --low-memory-unused: Rust's
# data and stack start at 1 MiB, so the first 1 KiB is never addressed.
step "wasm-opt -Oz"
node_modules/.bin/wasm-opt -Oz --zero-filled-memory --low-memory-unused "${WASM_OPT_FEATURES[@]}" \
  -o target/wasm-bindgen/navigator_bg.opt.wasm target/wasm-bindgen/navigator_bg.wasm
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
