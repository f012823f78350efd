# Sourced by www/scripts/build.sh and www/bench/yew-floor.sh: how a release wasm is built,
# in one place, so that the framework's floor is built exactly as the Navigator is.

# The download is built by the pinned nightly toolchain named in www/scripts/release-toolchain
# (installed by .ci/setup, with rust-src): the standard library is rebuilt for size, and a
# panic aborts at once, with no message or source location in the download (a trap all
# the same, so the page's guard still shows its message). Measured: about 20 KB gzip
# smaller than the same code on stable (README "Where the bytes of the single file go").
# Everything else (clippy, cargo test natively and in the browser) uses the stable
# toolchain. DSN_STABLE=1 builds the download with stable instead, for a machine that
# cannot install the nightly. RUSTFLAGS replaces .cargo/config.toml's flags (path
# remapping, not needed when locations are left out).
RELEASE_TOOLCHAIN="$(tr -d '[:space:]' < "$(dirname "${BASH_SOURCE[0]}")/release-toolchain")"

# release_build [cargo build args…]: a release build for wasm32 in the current directory;
# prints which toolchain built it.
release_build() {
  if [ "${DSN_STABLE:-0}" != "1" ]; then
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
      cargo "+$RELEASE_TOOLCHAIN" build --release --target wasm32-unknown-unknown "$@" \
      -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size >&2
    echo "$RELEASE_TOOLCHAIN"
  else
    cargo build --release --target wasm32-unknown-unknown "$@" >&2
    echo stable
  fi
}

# release_wasm_opt IN OUT: wasm-opt -Oz, keeping the features rustc emits by default for
# wasm32-unknown-unknown (LLVM 20+ "generic" CPU): bulk-memory(+opt), nontrapping-fptoint,
# sign-ext, mutable-globals, reference-types, multivalue, call-indirect-overlong. wasm-opt
# must be allowed to keep them; it will not add any feature the input does not already
# use. --zero-filled-memory: a fresh instance's memory is zeros; --low-memory-unused:
# Rust's data and stack start at 1 MiB, so the first 1 KiB is never addressed.
release_wasm_opt() {
  node_modules/.bin/wasm-opt -Oz --zero-filled-memory --low-memory-unused \
    --enable-bulk-memory --enable-bulk-memory-opt \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue --enable-call-indirect-overlong \
    -o "$2" "$1"
}
