#!/usr/bin/env bash
# Tabular anomaly detection on the six ODDS sets: Keel's Isolation Forest and LOF against scikit-learn's, in one run.
#
#   benchmarks/odds.sh [folder with cardio.csv, ionosphere.csv, mammography.csv, pima.csv, shuttle.csv, thyroid.csv]
#
# The folder defaults to /work/shared/data/odds (CSV, feature columns and `label`, 1 = outlier). Builds
# Keel.Benchmarks (Release) into KEEL_BENCH_ARTIFACTS (default /tmp/keel-bench-artifacts), runs
# benchmarks/peers/odds_sklearn.py, then `Keel.Benchmarks odds`, which prints the comparison as a markdown table on
# stderr. Raw results go to KEEL_BENCH_RESULTS (default /tmp/keel-bench-results/odds-<UTC time>).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
folder="${1:-/work/shared/data/odds}"
artifacts="${KEEL_BENCH_ARTIFACTS:-/tmp/keel-bench-artifacts}"
results="${KEEL_BENCH_RESULTS:-/tmp/keel-bench-results/odds-$(date -u +%Y%m%dT%H%M%SZ)}"
python="${PYTHON:-/usr/bin/python3}"
seeds="${SEEDS:-5}"
mkdir -p "$results"

dotnet build "$here/Keel.Benchmarks/Keel.Benchmarks.csproj" -c Release --artifacts-path "$artifacts" -nologo -v quiet >"$results/build.log" 2>&1 \
  || { cat "$results/build.log" >&2; exit 1; }
{
  echo "cores: $(nproc)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "python: $("$python" -c 'import sys, numpy, sklearn; print(sys.version.split()[0], "numpy", numpy.__version__, "scikit-learn", sklearn.__version__)')"
  echo "dotnet: $(dotnet --version)"
} | tee "$results/machine.txt" >&2

"$python" "$here/peers/odds_sklearn.py" "$folder" --seeds "$seeds" >"$results/sklearn.json"
dotnet "$artifacts/bin/Keel.Benchmarks/release/Keel.Benchmarks.dll" odds "$folder" --seeds "$seeds" --peer "$results/sklearn.json" >"$results/keel.json" 2>"$results/table.md"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results/machine.txt" >&2
cat "$results/table.md"
echo "results in $results" >&2
