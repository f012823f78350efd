#!/usr/bin/env bash
# Build, then print the performance report for dist/navigator.html beside its floor,
# www/bench/floor.html (www/bench.mjs).
# A report, not a test: exits 0 whatever the numbers (non-zero only if it cannot run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

bash .ci/setup
DSN_SKIP_SETUP=1 bash www/scripts/build.sh
node www/bench.mjs "$@"
