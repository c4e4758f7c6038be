#!/usr/bin/env bash
# Serving benchmark, Python peers: load-tests peer_server.py with wrk, one peer at a time.
#
#   benchmarks/serving/peers.sh [results.jsonl]        (default /tmp/keel-serving-peers.jsonl, appended to)
#
# Peers: hgb-1w (HGB, 1 uvicorn worker), hgb-2w (HGB, 2 workers), xgb-1w (XGBoost, 1 worker). Each is started on
# 127.0.0.1:8090, trained, checked with one curl request (must answer 200), loaded with
#   wrk -t2 -c$C -d${D}s -s post.lua http://127.0.0.1:8090/v2/models/adult/infer
# and stopped. Every peer appends one line:
#   {"peer":..,"workers":..,"omp_num_threads":..,"connections":..,"load_1m_before":..,<post.lua summary>}
# Environment (all optional): C connections (default 16), D seconds (default 20), PYTHON (default /usr/bin/python3),
# OMP_NUM_THREADS (sklearn's and XGBoost's threads per worker). Unset, single-worker peers keep the libraries' default
# (one thread per core) and each worker of a multi-worker peer gets cores/workers threads: two workers with two
# OpenMP threads each oversubscribe two cores, and hgb-2w fell to 3 requests/s with wrk timeouts.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
results="${1:-/tmp/keel-serving-peers.jsonl}"
connections="${C:-16}"
seconds="${D:-20}"
python="${PYTHON:-/usr/bin/python3}"
base=http://127.0.0.1:8090
url="$base/v2/models/adult/infer"
logs="$(mktemp -d /tmp/keel-serving-peers.XXXXXX)"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
server=""
stop() {
  if [[ -n "$server" ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
trap stop EXIT
# Ready once every worker has printed its training line and the health endpoint answers.
ready() { [[ "$(grep -c 'trained in' "$logs/$name.log")" -ge "$workers" ]] && curl -sf -o /dev/null "$base/v2/health/ready"; }

cd "$here"

for peer in hgb-1w:hgb:1 hgb-2w:hgb:2 xgb-1w:xgb:1; do
  IFS=: read -r name model workers <<<"$peer"
  if curl -s -o /dev/null "$base/v2/health/ready"; then
    log "something already listens on $base; stop it first"; exit 1
  fi
  omp="${OMP_NUM_THREADS:-}"
  if [[ -z "$omp" && "$workers" -gt 1 ]]; then
    omp=$(( $(nproc) / workers > 1 ? $(nproc) / workers : 1 ))
  fi
  peer_env=(PEER_MODEL="$model")
  if [[ -n "$omp" ]]; then
    peer_env+=(OMP_NUM_THREADS="$omp")
  fi
  log "$name: starting ($model, $workers worker(s), OMP_NUM_THREADS=${omp:-default}), log $logs/$name.log"
  if [[ "$workers" == 1 ]]; then
    env "${peer_env[@]}" "$python" peer_server.py >"$logs/$name.log" 2>&1 &
  else
    env "${peer_env[@]}" "$python" -m uvicorn peer_server:app --workers "$workers" --host 127.0.0.1 --port 8090 \
      --log-level warning >"$logs/$name.log" 2>&1 &
  fi
  server=$!
  for _ in $(seq 300); do
    ready && break
    kill -0 "$server" 2>/dev/null || { cat "$logs/$name.log" >&2; exit 1; }
    sleep 1
  done
  ready || { log "$name: not ready after 300 s"; cat "$logs/$name.log" >&2; exit 1; }
  grep 'trained in' "$logs/$name.log" >&2
  code="$(curl -sS -o "$logs/$name.response.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @request.json "$url")"
  [[ "$code" == 200 ]] || { log "$name: HTTP $code"; cat "$logs/$name.response.json" >&2; exit 1; }
  log "$name: $(cat "$logs/$name.response.json")"

  load="$(cut -d' ' -f1 /proc/loadavg)"
  log "$name: wrk -t2 -c$connections -d${seconds}s (load $load)"
  summary="$(wrk -t2 -c"$connections" -d"${seconds}s" -s post.lua "$url" | tee "$logs/$name.wrk.txt" | grep '^{')"
  tags="\"peer\":\"$name\",\"workers\":$workers,\"omp_num_threads\":${omp:-null},\"connections\":$connections"
  echo "{$tags,\"load_1m_before\":$load,${summary#\{}" | tee -a "$results"
  stop
done
log "results appended to $results"
