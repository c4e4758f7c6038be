#!/usr/bin/env bash
# Keel benchmarks: CSV reading against pandas, LightGBM training against native LightGBM, scikit-learn and XGBoost.
#
#   benchmarks/run.sh [--bdn]
#
# Builds benchmarks/Keel.Benchmarks (Release) into a separate artifacts folder (never next to the sources), generates
# a 1,000,000 x 50 mixed CSV if it is missing, times Keel's reader and pandas.read_csv under /usr/bin/time -v (wall time
# and peak RSS, alternating, READ_REPEATS times each), runs the Adult training comparisons, and prints a summary.
# --bdn also runs the BenchmarkDotNet scoring micro-benchmarks (in process, short run).
#
# Environment (all optional):
#   KEEL_BENCH_ARTIFACTS  build output            (default /tmp/keel-bench-artifacts)
#   KEEL_BENCH_DATA       generated data          (default /tmp/keel-bench-data)
#   KEEL_BENCH_RESULTS    raw results of this run (default /tmp/keel-bench-results/<UTC time>)
#   READ_REPEATS          CSV reads per tool      (default 3)
#   TRAIN_REPEATS         timed fits per model    (default 5)
#   CSV_ROWS, CSV_COLS    generated CSV size      (default 1000000, 50)
#   PYTHON                Python with pandas, scikit-learn, xgboost (default /usr/bin/python3)
# Needs only the repository: Adult is samples/data/adult.data.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
artifacts="${KEEL_BENCH_ARTIFACTS:-/tmp/keel-bench-artifacts}"
data="${KEEL_BENCH_DATA:-/tmp/keel-bench-data}"
results="${KEEL_BENCH_RESULTS:-/tmp/keel-bench-results/$(date -u +%Y%m%dT%H%M%SZ)}"
read_repeats="${READ_REPEATS:-3}"
train_repeats="${TRAIN_REPEATS:-5}"
rows="${CSV_ROWS:-1000000}"
cols="${CSV_COLS:-50}"
python="${PYTHON:-/usr/bin/python3}"
adult="$root/samples/data/adult.data"
run_bdn=0
for arg in "$@"; do
  case "$arg" in
    --bdn) run_bdn=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

mkdir -p "$data" "$results"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

if [[ ! -x /usr/bin/time ]]; then
  log "installing GNU time (/usr/bin/time is missing)"
  apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

log "building Keel.Benchmarks (Release) into $artifacts"
dotnet build "$here/Keel.Benchmarks/Keel.Benchmarks.csproj" -c Release --artifacts-path "$artifacts" -nologo -v quiet >"$results/build.log" 2>&1 \
  || { cat "$results/build.log" >&2; exit 1; }
bench=(dotnet "$artifacts/bin/Keel.Benchmarks/release/Keel.Benchmarks.dll")

csv="$data/mixed_${rows}x${cols}.csv"
if [[ ! -s "$csv" ]]; then
  log "generating $csv"
  "${bench[@]}" generate-csv "$csv.tmp" "$rows" "$cols" >"$results/generate.json"
  mv "$csv.tmp" "$csv"
fi

# Machine and versions, for the record.
{
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "cores: $(nproc)"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "os: $(. /etc/os-release && echo "$PRETTY_NAME") $(uname -r)"
  echo "dotnet: $(dotnet --version) runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}')"
  echo "python: $("$python" -c 'import sys, numpy, pandas, sklearn, xgboost; print(sys.version.split()[0], "numpy", numpy.__version__, "pandas", pandas.__version__, "scikit-learn", sklearn.__version__, "xgboost", xgboost.__version__)')"
  echo "git: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo none)$(git -C "$root" diff --quiet HEAD -- src 2>/dev/null || echo ' (src has uncommitted changes)')"
  git -C "$root" status --short -- src 2>/dev/null | sed 's/^/  uncommitted: /' || true
  echo "OMP_WAIT_POLICY in the environment: ${OMP_WAIT_POLICY:-unset}"
  echo "load at start: $(load)"
} >"$results/machine.txt"
cat "$results/machine.txt" >&2

# timed <name> <command...>: one run under /usr/bin/time -v; stdout (one JSON line) to <name>.json.
timed() {
  local name="$1"; shift
  echo "$(load)" >"$results/$name.load"
  /usr/bin/time -v -o "$results/$name.time" "$@" >"$results/$name.json" 2>"$results/$name.err" \
    || { cat "$results/$name.err" >&2; exit 1; }
}

read_pair() { # read_pair <label> <file> <pandas args...>
  local label="$1" file="$2"; shift 2
  cat "$file" >/dev/null # page cache warm for both tools
  for i in $(seq 1 "$read_repeats"); do
    # Alternate which tool goes first, so neither always meets a warmer or colder machine.
    if (( i % 2 == 1 )); then
      log "read $label: keel run $i"; timed "read_${label}_keel_$i" "${bench[@]}" read-csv "$file"
      log "read $label: pandas run $i"; timed "read_${label}_pandas_$i" "$python" "$here/peers/pandas_read.py" "$file" "$@"
    else
      log "read $label: pandas run $i"; timed "read_${label}_pandas_$i" "$python" "$here/peers/pandas_read.py" "$file" "$@"
      log "read $label: keel run $i"; timed "read_${label}_keel_$i" "${bench[@]}" read-csv "$file"
    fi
  done
}

read_pair mixed "$csv"
read_pair adult "$adult" --adult

log "Adult training: Keel LightGbmTrainer vs native LightGBM ($train_repeats repetitions after a warm-up)"
timed train_keel "${bench[@]}" train-adult "$adult" --repeats "$train_repeats" --split-out "$results/keel_split.json"
# Keel may set OMP_WAIT_POLICY for lib_lightgbm when the user has not; LightGBM called directly gets libgomp's own
# default. The same measurement with OMP_WAIT_POLICY=ACTIVE set shows what that choice costs or saves on this machine.
log "Adult training again with OMP_WAIT_POLICY=ACTIVE"
OMP_WAIT_POLICY=ACTIVE timed train_keel_omp_active "${bench[@]}" train-adult "$adult" --repeats "$train_repeats"
log "Adult training: HistGradientBoosting and XGBoost ($train_repeats repetitions after a warm-up)"
timed train_peers "$python" "$here/peers/adult_peers.py" "$adult" --repeats "$train_repeats" --keel-split "$results/keel_split.json"

if (( run_bdn )); then
  log "BenchmarkDotNet scoring micro-benchmarks"
  KEEL_BENCH_ADULT="$adult" KEEL_BENCH_ARTIFACTS="$results/bdn" "${bench[@]}" bdn >"$results/bdn.log" 2>&1 || { tail -50 "$results/bdn.log" >&2; exit 1; }
  sed -n '/^| Method/,/^$/p' "$results/bdn.log" >"$results/bdn.md"
fi

echo "load at end: $(load)" >>"$results/machine.txt"
"$python" "$here/peers/summarize.py" "$results" | tee "$results/summary.md"
log "raw results in $results"
