#!/usr/bin/env bash
# The serving benchmark in one run: Keel's scorer against LightGBM's predictor, Keel's server, then the Python peers,
# on the same machine one after the other, and a summary with the ratios.
#
#   benchmarks/serving/run.sh [results folder]          (default /tmp/keel-serving-results/<UTC time>)
#
# Environment (all optional): D seconds per load run (20), C connections for the peers (16), CONNECTIONS for Keel
# ("16 64"), SOAK_S seconds of the half-load memory soak (0 = skip; the published figure used 600).
# Needs root for apt-get when the Debian packages (scikit-learn, XGBoost, pandas, FastAPI, uvicorn, uvloop, httptools,
# wrk, hey) are missing; it installs them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-/tmp/keel-serving-results/$(date -u +%Y%m%dT%H%M%SZ)}"
artifacts="${KEEL_BENCH_ARTIFACTS:-/tmp/keel-bench-artifacts}"
mkdir -p "$out"
echo "results in $out" >&2
# The peers and load generators come from Debian's packages; install what is missing.
if ! /usr/bin/python3 -c 'import sklearn, xgboost, pandas, fastapi, uvicorn, uvloop, httptools' 2>/dev/null || ! command -v wrk >/dev/null || ! command -v hey >/dev/null; then
  apt-get install -y python3-sklearn python3-xgboost python3-pandas python3-fastapi python3-uvicorn python3-uvloop python3-httptools wrk hey >&2
fi
{ nproc; grep -m1 'model name' /proc/cpuinfo; dotnet --version; /usr/bin/python3 -c 'import sklearn, xgboost, fastapi, uvicorn; print("sklearn", sklearn.__version__, "xgboost", xgboost.__version__, "fastapi", fastapi.__version__, "uvicorn", uvicorn.__version__)'; } >"$out/machine.txt"

dotnet build "$root/benchmarks/Keel.Benchmarks" -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
dotnet "$artifacts/bin/Keel.Benchmarks/release/Keel.Benchmarks.dll" score-adult "$root/samples/data/adult.data" | tee "$out/scoring.json"
"$here/keel.sh" "$out/serving.jsonl"
"$here/peers.sh" "$out/serving.jsonl"
/usr/bin/python3 "$here/single_row_predict.py" | tee "$out/single_row.jsonl"
/usr/bin/python3 "$here/summarize.py" "$out"
