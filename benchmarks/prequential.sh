#!/usr/bin/env bash
# The prequential comparison of docs/lifecycle-prequential.md: a static model, retraining every fixed number of rows
# and Keel's drift-triggered policy, test-then-train in time order on Elec2 and on Bank Marketing, in one run.
#
#   bash benchmarks/prequential.sh [elec.csv] [bank-full.csv]
#
# The files default to /work/shared/data/elec2/elec.csv and /work/shared/data/bank_marketing/bank-full.csv. Run from
# anywhere; builds Keel.Benchmarks (Release) into KEEL_BENCH_ARTIFACTS (default /tmp/keel-bench-artifacts), writes
# the plots to docs/images/prequential_*.svg (KEEL_PLOTS to put them elsewhere), prints the tables (markdown) and
# keeps the raw results (one JSON line, the tables, the machine) in KEEL_BENCH_RESULTS (default
# /tmp/keel-bench-results/prequential-<UTC time>). Extra arguments after the two files go to the mode
# (e.g. --trainer linear).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
elec2="${1:-/work/shared/data/elec2/elec.csv}"
bank="${2:-/work/shared/data/bank_marketing/bank-full.csv}"
shift $(( $# < 2 ? $# : 2 ))
artifacts="${KEEL_BENCH_ARTIFACTS:-/tmp/keel-bench-artifacts}"
results="${KEEL_BENCH_RESULTS:-/tmp/keel-bench-results/prequential-$(date -u +%Y%m%dT%H%M%SZ)}"
plots="${KEEL_PLOTS:-$root/docs/images}"
mkdir -p "$results"

dotnet build "$here/Keel.Benchmarks/Keel.Benchmarks.csproj" -c Release --artifacts-path "$artifacts" -nologo -v quiet >"$results/build.log" 2>&1 \
  || { cat "$results/build.log" >&2; exit 1; }
{
  echo "cores: $(nproc)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "dotnet: $(dotnet --version)"
} | tee "$results/machine.txt" >&2

start=$(date +%s)
dotnet "$artifacts/bin/Keel.Benchmarks/release/Keel.Benchmarks.dll" prequential "$elec2" "$bank" --plots "$plots" "$@" \
  >"$results/prequential.json" 2> >(tee "$results/table.md" >&2)
{
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "run: $(( $(date +%s) - start )) s wall"
} | tee -a "$results/machine.txt" >&2
echo "plots in $plots, results in $results" >&2
