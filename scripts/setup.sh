#!/usr/bin/env bash
# Sets up a fresh clone: system packages for the Rust builds (and, with --test, for the browser
# tests), then npm ci, which compiles the TypeScript and builds the native addon and the WASM
# modules (see scripts/build-rust.mjs). Safe to run again.
#
# Usage: bash scripts/setup.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --test) want_browser=1 ;;
    *) echo "setup.sh: unknown option $arg (expected --test)" >&2; exit 2 ;;
  esac
done

# Debian packages: rustc 1.63 with the wasm32 standard library builds the WASM modules;
# chromium runs the browser tests.
packages=()
[ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/wasm32-unknown-unknown ] || packages+=(rustc cargo libstd-rust-dev-wasm32)
[ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ] && packages+=(chromium)

if [ "${#packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "setup: missing packages ${packages[*]}; install them with: sudo apt-get install ${packages[*]}" >&2
    echo "setup: continuing; backends whose toolchain is missing will be skipped" >&2
  fi
fi

npm ci --no-audit --no-fund
