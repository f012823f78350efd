#!/usr/bin/env bash
# Every check, in order; stops at the first failure (non-zero exit).
#   setup, rustfmt, clippy (native), cargo test (native), cargo test (wasm32 in
#   headless Chromium), release build, end-to-end tests (node --test tests/e2e/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*" >&2; }

step "setup"
bash .ci/setup

# Headless Chromium for wasm-bindgen-test-runner (options in webdriver.json).
if [ -z "${CHROMEDRIVER:-}" ]; then
  CHROMEDRIVER="$(command -v chromedriver || true)"
  [ -n "$CHROMEDRIVER" ] || { echo "chromedriver not found" >&2; exit 1; }
  export CHROMEDRIVER
fi
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native)"
cargo clippy --all-targets -- -D warnings

step "cargo test (native)"
cargo test

step "cargo test (wasm32, headless Chromium)"
cargo test --target wasm32-unknown-unknown

step "release build"
DSN_SKIP_SETUP=1 bash www/scripts/build.sh

step "end-to-end tests (tests/e2e/)"
node --test --test-reporter=spec tests/e2e/*.test.mjs

printf '\nAll checks passed.\n' >&2
