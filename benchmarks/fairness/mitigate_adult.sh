#!/usr/bin/env bash
# Before/after table of docs/fairness-mitigation.md: every mitigation method of `keel mitigate` on UCI Adult
# (samples/data/adult.data, a stratified 80/20 split with seed 42), sex as the sensitive column, LightGBM as the
# trainer. Each run prints its result as JSON into $OUT (default /tmp/keel-mitigation) and its wall time.
# Usage: benchmarks/fairness/mitigate_adult.sh [build folder of Keel.Cli, default: dotnet run]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${OUT:-/tmp/keel-mitigation}"
mkdir -p "$OUT"
if [[ $# -ge 1 ]]; then KEEL=(dotnet "$1/keel.dll"); else KEEL=(dotnet run --project "$ROOT/src/Keel.Cli" -c Release --); fi
DATA=(--data "$ROOT/samples/data/adult.data" --schema "$ROOT/samples/data/adult.schema.json" --label income --sensitive sex --seed 42)
run() {
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  "${KEEL[@]}" mitigate "${DATA[@]}" "$@" --out "$OUT/$name.keel" --json > "$OUT/$name.json" 2> "$OUT/$name.log"
  end=$(date +%s.%N)
  echo "$name $(echo "$end - $start" | bc) s"
}
run reweighing --method reweighing
run threshold-dp --method threshold --constraint demographic_parity
run threshold-eo --method threshold --constraint equalized_odds
run threshold-eop --method threshold --constraint equal_opportunity
run expgrad-dp --method expgrad --constraint demographic_parity
run expgrad-eo --method expgrad --constraint equalized_odds
