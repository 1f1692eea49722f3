#!/usr/bin/env bash
# Sets up everything and runs the whole Outpost test suite on a fresh Debian 12 / Ubuntu 24.04 machine.
#   scripts/test.sh            configure (ci preset: -Werror), build once, run every test in parallel
# Services the tests need are started here and torn down after: a private D-Bus session with an
# unlocked gnome-keyring (real QtKeychain tests), a throw-away PostgreSQL cluster on a loopback port
# (the server's PostgreSQL storage; OUTPOST_TEST_PG_URL), and QT_QPA_PLATFORM=offscreen for widget tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

preset="${OUTPOST_PRESET:-ci}"
jobs="$(nproc)"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"

echo "== configure ($preset)"
cmake --preset "$preset" >/dev/null
echo "== build"
cmake --build --preset "$preset" -j "$jobs"

echo "== translations are up to date with the sources (lupdate)"
if cmake --build --preset "$preset" --target help | grep -q "update_translations"; then
  cmake --build --preset "$preset" --target update_translations >/dev/null
fi

echo "== tests"
export QT_QPA_PLATFORM=offscreen
export OUTPOST_REQUIRE_KEYCHAIN=1
scripts/with-postgres.sh scripts/with-keyring.sh ctest --preset "$preset" -j "$jobs" --timeout 600 --output-on-failure
