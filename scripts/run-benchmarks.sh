#!/usr/bin/env bash
# Builds the benchmarks (Release) and prints the figures as a table.
#   scripts/run-benchmarks.sh                  1,000,000 contacts (as the issues state the targets)
#   OUTPOST_BENCH_CONTACTS=100000 scripts/run-benchmarks.sh   a quicker run
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >/dev/null
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
cmake --preset bench >/dev/null
cmake --build --preset bench -j "$(nproc)" --target storage_bench ui_bench
out="$(mktemp -d)"
export QT_QPA_PLATFORM=offscreen
echo "== storage (contacts: ${OUTPOST_BENCH_CONTACTS:-1000000})"
build/bench/tests/bench/storage_bench --benchmark_out="$out/storage.json" --benchmark_out_format=json \
  --benchmark_format=console
if [ -x build/bench/tests/bench/ui_bench ]; then
  echo "== desktop"
  build/bench/tests/bench/ui_bench --benchmark_out="$out/ui.json" --benchmark_out_format=json
fi
python3 scripts/bench-table.py "$out"/*.json
