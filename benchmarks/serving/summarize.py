#!/usr/bin/python3
"""Summary of one serving benchmark run (benchmarks/serving/run.sh): a Markdown table with the ratios.

usage: /usr/bin/python3 summarize.py <results folder>

Reads scoring.json (Keel.Benchmarks score-adult), serving.jsonl (keel.sh and peers.sh lines) and single_row.jsonl
(single_row_predict.py) from the folder and prints Markdown to stdout.
"""
import json
import sys
from pathlib import Path


def lines(path):
    return [json.loads(l) for l in path.read_text().splitlines() if l.startswith("{")] if path.exists() else []


def main(folder):
    folder = Path(folder)
    serving = {r["peer"]: r for r in lines(folder / "serving.jsonl")}
    print("| server | requests/s | p50 ms | p99 ms | non-2xx |")
    print("|---|---:|---:|---:|---:|")
    for name, r in serving.items():
        print(f"| {name} | {float(r['requests_per_s']):,.0f} | {r.get('p50_ms', '')} | {r.get('p99_ms', '')} | {r.get('non_2xx', r.get('non_200', ''))} |")
    best = max((float(r["requests_per_s"]) for n, r in serving.items() if n.startswith("keel-max")), default=None)
    if best:
        print()
        for peer in ("hgb-1w", "hgb-2w", "xgb-1w"):
            if peer in serving:
                print(f"- Keel / {peer}: {best / float(serving[peer]['requests_per_s']):.1f}x")
    scoring = folder / "scoring.json"
    if scoring.exists():
        s = lines(scoring)[0]
        print()
        print("| scoring (same model, 500 trees) | LightGBM | Keel | ratio |")
        print("|---|---:|---:|---:|")
        for t in (1, 2):
            print(f"| batch of {s['rows']:,} rows, {t} thread(s), rows/s | {s[f'batch_native_rows_per_s_{t}t']:,.0f} | {s[f'batch_keel_rows_per_s_{t}t']:,.0f} | {s[f'batch_ratio_{t}t']}x |")
        print(f"| one row, µs | {s['single_native_us']} | {s['single_keel_us']} (featurize + score + link: {s['single_keel_featurize_score_link_us']}) | {s['single_ratio']}x |")
    for r in lines(folder / "single_row.jsonl"):
        print(f"- {r['model']} {r['call']}: median {r.get('median_ms')} ms")
    soak = serving.get("keel-soak")
    if soak:
        rss = [kb / 1024 for kb in soak["rss_kb"]]
        first, last = sum(rss[:6]) / len(rss[:6]), sum(rss[-6:]) / len(rss[-6:])
        print(f"\n- soak {soak['seconds']} s at {float(soak['requests_per_s']):,.0f} requests/s: RSS {rss[0]:.0f} → {rss[-1]:.0f} MiB, "
              f"between {min(rss):.0f} and {max(rss):.0f}; first minute {first:.1f} MiB on average, last minute {last:.1f} "
              f"({100 * (last - first) / first:+.1f} %)")


if __name__ == "__main__":
    main(sys.argv[1])
