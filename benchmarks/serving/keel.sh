#!/usr/bin/env bash
# Serving benchmark, Keel: `keel serve` with a 500-tree LightGBM model of Adult (14 inputs), loaded by wrk and hey.
#
#   benchmarks/serving/keel.sh [results.jsonl]         (default /tmp/keel-serving-keel.jsonl, appended to)
#
# Builds the CLI (Release) and the benchmark tool into $KEEL_BENCH_ARTIFACTS, writes the model with
# `Keel.Benchmarks adult-bundle`, registers it in a fresh SQLite store as adult@champion, creates a predictor key and
# starts `keel serve` on 127.0.0.1:8091 with that key required (authentication, micro-batching and the prediction log
# all on, as in production). Then, one line of results each:
#   keel-max-c<C>    wrk -t2 -c<C> -d${D}s  (closed loop: as fast as it answers), for C in $CONNECTIONS
#   keel-half        hey at half the best wrk throughput (-c 16, rate-limited), latency percentiles
#   keel-soak        (SOAK_S > 0) hey at half load for SOAK_S seconds; the server's RSS sampled every 10 s
# Environment (all optional): D seconds per wrk run (20), CONNECTIONS ("16 64"), SOAK_S (0), ITERATIONS (500).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
results="${1:-/tmp/keel-serving-keel.jsonl}"
seconds="${D:-20}"
connections="${CONNECTIONS:-16 64}"
soak="${SOAK_S:-0}"
artifacts="${KEEL_BENCH_ARTIFACTS:-/tmp/keel-bench-artifacts}"
work="$(mktemp -d /tmp/keel-serving-keel.XXXXXX)"
port=8091
url="http://127.0.0.1:$port/v2/models/adult/infer"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
command -v hey >/dev/null || apt-get install -y hey >/dev/null

log "building (Release) into $artifacts"
dotnet build "$root/src/Keel.Cli" -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
dotnet build "$root/benchmarks/Keel.Benchmarks" -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
keel() { dotnet "$artifacts/bin/Keel.Cli/release/keel.dll" "$@"; }
bench() { dotnet "$artifacts/bin/Keel.Benchmarks/release/Keel.Benchmarks.dll" "$@"; }

export KEEL_STORE="sqlite:$work/keel.db"
bench adult-bundle "$root/samples/data/adult.data" "$work/adult.keel" --iterations "${ITERATIONS:-500}" >&2
keel models register --model "$work/adult.keel" --name adult >&2
keel models alias adult champion 1 >&2
token="$(keel keys create --actor bench --role predictor --json 2>/dev/null | sed -n 's/.*"secret": "\(keel_[^"]*\)".*/\1/p')"
[[ -n "$token" ]] || { log "could not create a key"; exit 1; }

dotnet "$artifacts/bin/Keel.Cli/release/keel.dll" serve --models adult --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/v2/health/ready" && break; sleep 0.5; done
code="$(curl -sS -o "$work/response.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$here/request.json" "$url")"
[[ "$code" == 200 ]] || { log "HTTP $code: $(cat "$work/response.json")"; cat "$work/serve.log" >&2; exit 1; }
log "keel: $(cat "$work/response.json")"
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

# Warm-up (JIT, connection pools), not recorded.
KEEL_TOKEN="$token" wrk -t2 -c16 -d5s -s "$here/post.lua" "$url" >/dev/null

best=0
for c in $connections; do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  log "keel: wrk -t2 -c$c -d${seconds}s (load $load)"
  summary="$(KEEL_TOKEN="$token" wrk -t2 -c"$c" -d"${seconds}s" -s "$here/post.lua" "$url" | grep '^{')"
  echo "{\"peer\":\"keel-max-c$c\",\"connections\":$c,\"load_1m_before\":$load,\"rss_kb\":$(rss),${summary#\{}" | tee -a "$results"
  rate="$(sed -n 's/.*"requests_per_s":\([0-9.]*\).*/\1/p' <<<"$summary")"
  best="$(awk -v a="$best" -v b="$rate" 'BEGIN { print (b > a) ? b : a }')"
done

# hey: 16 workers, each limited to (best/2)/16 requests per second.
per_worker="$(awk -v b="$best" 'BEGIN { printf "%d", b / 2 / 16 }')"
half() {
  hey -z "$1s" -c 16 -q "$per_worker" -m POST -T application/json -H "Authorization: Bearer $token" -D "$here/request.json" "$url" >"$work/hey.txt"
  local p50 p90 p99 rps
  rps="$(awk '/Requests\/sec/ {print $2}' "$work/hey.txt")"
  p50="$(awk '/ 50% in/ {print $3 * 1000}' "$work/hey.txt")"
  p90="$(awk '/ 90% in/ {print $3 * 1000}' "$work/hey.txt")"
  p99="$(awk '/ 99% in/ {print $3 * 1000}' "$work/hey.txt")"
  non200="$(awk '/Status code distribution/ {f=1; next} f && /\[/ && $1 != "[200]" {n += $2} END {print n + 0}' "$work/hey.txt")"
  echo "\"target_per_s\":$((per_worker * 16)),\"requests_per_s\":$rps,\"p50_ms\":$p50,\"p90_ms\":$p90,\"p99_ms\":$p99,\"non_200\":$non200"
}
log "keel: half load, $((per_worker * 16)) requests/s for ${seconds}s"
echo "{\"peer\":\"keel-half\",$(half "$seconds")}" | tee -a "$results"

if (( soak > 0 )); then
  log "keel: soak at half load for ${soak}s, RSS every 10 s"
  samples=()
  ( half "$soak" >"$work/soak.json" ) &
  loader=$!
  while kill -0 "$loader" 2>/dev/null; do samples+=("$(rss)"); sleep 10; done
  wait "$loader"
  list="$(IFS=,; echo "${samples[*]}")"
  echo "{\"peer\":\"keel-soak\",\"seconds\":$soak,\"rss_kb\":[$list],$(cat "$work/soak.json")}" | tee -a "$results"
fi
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^keel_prediction_log_(written|dropped)_total|^keel_batch_rows_(sum|count)' >&2
log "results appended to $results"
