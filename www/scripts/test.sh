#!/usr/bin/env bash
# Every check, in order; stops at the first failure (non-zero exit).
#   setup, rustfmt, clippy (native and wasm32), cargo test (native), cargo test (wasm32 in
#   headless Chromium), release build, end-to-end tests (node --test tests/e2e/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*" >&2; }

# Test runners' output is also kept here, to print one total at the end.
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

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

# The UI (src/ui, tests/ui.rs) only compiles for wasm32: lint it there too.
step "cargo clippy (wasm32)"
cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings

step "cargo test (native)"
cargo test 2>&1 | tee -a "$LOG"

step "cargo test (wasm32, headless Chromium)"
cargo test --target wasm32-unknown-unknown 2>&1 | tee -a "$LOG"

step "release build"
DSN_SKIP_SETUP=1 bash www/scripts/build.sh

step "end-to-end tests (tests/e2e/)"
node --test --test-reporter=spec tests/e2e/*.test.mjs 2>&1 | tee -a "$LOG"

# One closing line over every runner: cargo's "N passed; M failed", node's "pass N" / "fail M".
awk '
  /^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
  /^[^ ]+ pass [0-9]+$/ { p += $3 }
  /^[^ ]+ fail [0-9]+$/ { f += $3 }
  END { printf "\nAll checks passed.\ntests: %d passed, %d failed\n", p, f }
' "$LOG"
