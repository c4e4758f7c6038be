#!/usr/bin/env bash
# AutoML benchmark: `keel automl` against scikit-learn HistGradientBoosting and XGBoost, each with its defaults and
# with a random search of the same wall-clock budget, on Adult, German credit, Telco churn and Bank Marketing.
#
#   bash benchmarks/automl.sh [budget] [set ...]
#
# budget: per system and data set, as `keel automl --time-budget` takes it (90s, 3m, 1h; a bare number is seconds);
# default 3m. Sets: adult german_credit telco_churn bank_marketing (default: all four).
#
# Steps: builds the CLI (Release) once into KEEL_BENCH_ARTIFACTS; writes each set's cleaned train.csv / test.csv
# (ONE seeded stratified 80/20 split every system shares, benchmarks/peers/automl_prepare.py); then per set, one
# system at a time, each with 2 threads: `keel automl` on train.csv (and `keel predict` on test.csv), then
# benchmarks/peers/automl_peers.py (HGB and XGBoost defaults, then each one's random search). Finally
# benchmarks/peers/automl_table.py prints the tables (held-out ROC AUC with 95 % bootstrap intervals and ranks; each
# trainer's default vs tuned CV AUC) and writes them to the results folder.
#
# Environment (all optional):
#   KEEL_BENCH_ARTIFACTS  CLI build output       (default /tmp/keel-bench-artifacts-automl)
#   KEEL_BENCH_RESULTS    this run's results     (default /tmp/keel-bench-results/automl-<UTC time>)
#   KEEL_BENCH_SHARED     reference data folder  (default /work/shared/data)
#   PYTHON                Python with Debian's scikit-learn and xgboost (default /usr/bin/python3)
#   SEED                  split, folds, searches and bootstrap seed (default 42)
#   THREADS               threads of every system (default 2)
# Duration: 3 x budget per set (Keel, then the two searches) plus about 0.5-1 minute per set (default fits, refits,
# the last trial's overrun, start-up, predict) and 1-3 minutes of build: about 45 minutes for 3m on all four sets,
# about 70 minutes for 5m.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,26p' "$0"; exit 0 ;; esac
budget="${1:-3m}"
[ $# -gt 0 ] && shift
sets=("$@")
[ ${#sets[@]} -eq 0 ] && sets=(adult german_credit telco_churn bank_marketing)
artifacts="${KEEL_BENCH_ARTIFACTS:-/tmp/keel-bench-artifacts-automl}"
results="${KEEL_BENCH_RESULTS:-/tmp/keel-bench-results/automl-$(date -u +%Y%m%dT%H%M%SZ)}"
shared="${KEEL_BENCH_SHARED:-/work/shared/data}"
python="${PYTHON:-/usr/bin/python3}"
seed="${SEED:-42}"
threads="${THREADS:-2}"

if [[ "$budget" =~ ^([0-9]+)([smh]?)$ ]] && [ "${BASH_REMATCH[1]}" -gt 0 ]; then
  case "${BASH_REMATCH[2]}" in
    m) seconds=$(( BASH_REMATCH[1] * 60 )) ;;
    h) seconds=$(( BASH_REMATCH[1] * 3600 )) ;;
    *) seconds="${BASH_REMATCH[1]}"; budget="${seconds}s" ;;
  esac
else
  echo "budget '$budget' is not a whole duration such as 90s, 3m or 1h" >&2; exit 2
fi

label_of() {
  case "$1" in
    adult) echo "income >50K" ;;
    german_credit) echo "class bad" ;;
    telco_churn) echo "Churn Yes" ;;
    bank_marketing) echo "y yes" ;;
    *) echo "unknown set '$1': the sets are adult german_credit telco_churn bank_marketing" >&2; return 2 ;;
  esac
}
for set in "${sets[@]}"; do label_of "$set" >/dev/null; done

mkdir -p "$results"
results="$(cd "$results" && pwd)"
# Keel's runs go to a store inside the results folder, never into the repository's working directory.
export KEEL_STORE="sqlite:$results/keel.db"
# Idle OpenMP threads sleep rather than spin, for every system alike (Keel's own default for LightGBM).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export OMP_NUM_THREADS="$threads"

echo "building the CLI (Release) into $artifacts" >&2
dotnet build "$root/src/Keel.Cli/Keel.Cli.csproj" -c Release --artifacts-path "$artifacts" -nologo -v quiet >"$results/build.log" 2>&1 \
  || { cat "$results/build.log" >&2; exit 1; }
keel=(dotnet "$artifacts/bin/Keel.Cli/release/keel.dll")

{
  echo "budget: $budget ($seconds s) per system and set; threads: $threads; seed: $seed"
  echo "cores: $(nproc); memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "keel commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src || echo ' (uncommitted changes under src/)')"
  echo "dotnet: $(dotnet --version)"
  echo "python: $("$python" -c 'import sys, numpy, pandas, sklearn, xgboost; print(sys.version.split()[0], "numpy", numpy.__version__, "pandas", pandas.__version__, "scikit-learn", sklearn.__version__, "xgboost", xgboost.__version__)')"
  echo "OMP_WAIT_POLICY: $OMP_WAIT_POLICY"
  echo "start: $(date -u +%Y-%m-%dT%H:%M:%SZ); load: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$results/machine.txt" >&2

"$python" "$here/peers/automl_prepare.py" "$shared" "$results/data" --seed "$seed" "${sets[@]}"

now() { date +%s.%N; }
since() { awk -v end="$(now)" -v start="$1" 'BEGIN { printf "%.2f", end - start }'; }
for set in "${sets[@]}"; do
  read -r label positive <<<"$(label_of "$set")"
  out="$results/$set"
  mkdir -p "$out"
  data="$results/data/$set"
  echo "$set: keel automl, $budget" >&2
  start=$(now)
  if (cd "$out" && "${keel[@]}" automl --data "$data/train.csv" --label "$label" --positive "$positive" \
        --test "$data/test.csv" --time-budget "$budget" --seed "$seed" --threads "$threads" \
        --out model.keel --json >keel.json 2>keel.log); then
    automl=$(since "$start")
    start=$(now)
    if (cd "$out" && "${keel[@]}" predict --model model.keel --data "$data/test.csv" --out keel_predictions.csv >predict.log 2>&1); then
      predict=$(since "$start")
      echo "{\"automl_seconds\": $automl, \"predict_seconds\": $predict}" >"$out/keel_time.json"
    else
      echo "$set: keel predict failed (see $out/predict.log)" >&2
    fi
  else
    echo "$set: keel automl failed (see $out/keel.log)" >&2
    tail -5 "$out/keel.log" >&2 || true
  fi
  echo "$set: peers, $budget per search" >&2
  "$python" "$here/peers/automl_peers.py" "$data" "$out" --budget "$seconds" --seed "$seed" --threads "$threads" 2>"$out/peers.log" \
    || { echo "$set: the peers failed (see $out/peers.log)" >&2; tail -5 "$out/peers.log" >&2; }
done
echo "end: $(date -u +%Y-%m-%dT%H:%M:%SZ); load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results/machine.txt" >&2

"$python" "$here/peers/automl_table.py" "$results" "${sets[@]}" --seed "$seed" --budget "$budget"
echo "results in $results (tables.md, summary.json, machine.txt; per set keel.json, peers.json, predictions)" >&2
