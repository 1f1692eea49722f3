#!/usr/bin/env bash
# Builds the benchmarks (Release) and prints the figures as a table.
#   scripts/run-benchmarks.sh                  storage and desktop, 1,000,000 contacts (as the issues state the targets)
#   OUTPOST_BENCH_CONTACTS=100000 scripts/run-benchmarks.sh   a quicker run
#   scripts/run-benchmarks.sh storage ui import sync duplicates commission genealogy leads segment commission_store statement   choose the suites (all: every one)
# Sizes: OUTPOST_BENCH_CONTACTS, OUTPOST_BENCH_LEADS (leads: default 100,000), OUTPOST_IMPORT_ROWS, OUTPOST_BENCH_SYNC_INGEST, OUTPOST_BENCH_SYNC_BOOTSTRAP,
# OUTPOST_BENCH_DISTRIBUTORS (+ OUTPOST_BENCH_TEAM, OUTPOST_BENCH_LEG_DEPTH for the genealogy move).
set -euo pipefail
cd "$(dirname "$0")/.."
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(storage ui)
[ "${suites[0]}" = all ] && suites=(storage ui import sync duplicates commission genealogy leads segment commission_store statement)
targets=()
for s in "${suites[@]}"; do
  case "$s" in
    storage|ui|import|sync|duplicates|commission|genealogy|leads|segment|commission_store|statement) targets+=("${s}_bench") ;;
    *) echo "unknown suite: $s (storage, ui, import, sync, duplicates, commission, genealogy, leads, segment, commission_store, statement or all)" >&2; exit 2 ;;
  esac
done
[[ " ${suites[*]} " == *" sync "* ]] && targets+=(outpost-server)
scripts/install-deps.sh >/dev/null
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
cmake --preset bench >/dev/null
cmake --build --preset bench -j "$(nproc)" --target "${targets[@]}"
out="$(mktemp -d)"
export QT_QPA_PLATFORM=offscreen
for s in "${suites[@]}"; do
  echo "== $s (contacts: ${OUTPOST_BENCH_CONTACTS:-1000000})"
  "build/bench/tests/bench/${s}_bench" --benchmark_out="$out/$s.json" --benchmark_out_format=json \
    --benchmark_format=console
done
python3 scripts/bench-table.py "$out"/*.json
