#!/usr/bin/python3
"""Summarizes a results folder written by benchmarks/run.sh as Markdown tables (printed on stdout).

usage: /usr/bin/python3 summarize.py <results folder>
"""
import glob
import json
import os
import re
import statistics
import sys


def read_json(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip().startswith("{")]


def read_time(path):
    """Wall seconds, peak RSS (MiB) and user+system CPU seconds from a `/usr/bin/time -v` report."""
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    cpu = float(re.search(r"User time \(seconds\): (\S+)", text).group(1)) + \
        float(re.search(r"System time \(seconds\): (\S+)", text).group(1))
    return seconds, rss, cpu


def load_of(path):
    try:
        return float(open(path).read().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


def med(values):
    return statistics.median(values) if values else float("nan")


def runs(values, fmt="{:.2f}"):
    return ", ".join(fmt.format(v) for v in values)


def read_section(results, label):
    out = {}
    for tool in ("keel", "pandas"):
        names = sorted(glob.glob(os.path.join(results, f"read_{label}_{tool}_*.time")))
        if not names:
            return None
        times = [read_time(n) for n in names]
        inner = [read_json(n[:-5] + ".json")[0] for n in names]
        out[tool] = {
            "wall": [t[0] for t in times], "rss": [t[1] for t in times], "cpu": [t[2] for t in times],
            "inner": [j["seconds"] for j in inner], "rows": inner[0]["rows"], "cols": inner[0]["cols"],
            "bytes": inner[0]["bytes"], "load": [load_of(n[:-5] + ".load") for n in names],
        }
    return out


def print_read(title, section, goal):
    k, p = section["keel"], section["pandas"]
    print(f"### {title}: {k['rows']:,} rows x {k['cols']} columns, {k['bytes'] / 1e6:,.0f} MB\n")
    print("| | Keel CsvTableReader | pandas.read_csv | Keel / pandas |")
    print("|---|---:|---:|---:|")
    rows = [
        ("wall time, whole process (s), median", "wall", "{:.2f}"),
        ("read call alone (s), median", "inner", "{:.2f}"),
        ("CPU time user+sys (s), median", "cpu", "{:.2f}"),
        ("peak RSS (MiB), median", "rss", "{:,.0f}"),
    ]
    for name, key, fmt in rows:
        a, b = med(k[key]), med(p[key])
        print(f"| {name} | {fmt.format(a)} | {fmt.format(b)} | {a / b:.2f} |")
    print(f"| runs, wall (s) | {runs(k['wall'])} | {runs(p['wall'])} | |")
    print(f"| runs, peak RSS (MiB) | {runs(k['rss'], '{:,.0f}')} | {runs(p['rss'], '{:,.0f}')} | |")
    print(f"| 1-min load average before each run | {runs(k['load'])} | {runs(p['load'])} | |")
    speedup = med(p["wall"]) / med(k["wall"])
    memory = med(k["rss"]) / med(p["rss"])
    if goal:
        met = speedup >= 2 and memory <= 1
        print(f"\nGoal (Keel at least 2x faster than pandas, no more peak memory): "
              f"**{'met' if met else 'not met'}**: pandas/Keel wall = {speedup:.2f}x, Keel/pandas peak RSS = {memory:.2f}.\n")
    else:
        print(f"\npandas/Keel wall = {speedup:.2f}x; Keel/pandas peak RSS = {memory:.2f}.\n")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    results = sys.argv[1]
    print("## Summary\n")
    machine = os.path.join(results, "machine.txt")
    if os.path.exists(machine):
        print("```")
        print(open(machine).read().rstrip())
        print("```\n")

    mixed = read_section(results, "mixed")
    if mixed:
        print_read("CSV read, generated mixed file", mixed, goal=True)
    adult = read_section(results, "adult")
    if adult:
        print_read("CSV read, UCI Adult (small file: process start-up and JIT dominate)", adult, goal=False)

    keel_path = os.path.join(results, "train_keel.json")
    if os.path.exists(keel_path):
        k = read_json(keel_path)[0]
        print(f"### LightGBM on Adult: Keel's trainer vs the native LightGBM it wraps\n")
        print(f"{k['train_rows']:,} training rows, {k['features']} features after Keel's featurization, "
              f"{k['iterations']} rounds, {k['threads']} threads; Keel's split (seed 42). "
              f"Parameter string identical to Keel's: {k['parameters_match_keel']}; "
              f"max |raw score difference| Keel vs native on the test rows: {k['max_abs_raw_diff_keel_vs_native']:g}.\n")
        print("| step | median (s) | runs (s) |")
        print("|---|---:|---|")
        steps = [
            ("Keel LightGbmTrainer.Fit, end to end", "keel_fit_seconds"),
            ("native LightGBM: dataset + booster + 300 rounds", "native_train_seconds"),
            ("part of Keel's fit: featurization (FeaturePlan.Fit + Transform + labels)", "featurize_seconds"),
            ("part of Keel's fit: LGBM_BoosterSaveModelToString", "native_save_text_seconds"),
            ("part of Keel's fit: parsing the model text into a TreeEnsemble", "parse_model_text_seconds"),
            ("part of Keel's fit: TreeEnsemble.WithCovers over the training rows", "covers_seconds"),
        ]
        for name, key in steps:
            print(f"| {name} | {med(k[key]):.3f} | {runs(k[key], '{:.3f}')} |")
        print(f"| CPU time, Keel fit / native train (median, s) | {med(k['keel_fit_cpu_seconds']):.2f} / "
              f"{med(k['native_train_cpu_seconds']):.2f} | |")
        overhead = k["overhead"]
        print(f"\nOverhead (Keel fit - native train) / native train: **{overhead * 100:.0f} %** wall "
              f"({k['overhead_cpu'] * 100:.0f} % CPU time). Goal under 20 %: **{'met' if overhead < 0.2 else 'not met'}**.\n")

        active_path = os.path.join(results, "train_keel_omp_active.json")
        if os.path.exists(active_path):
            a = read_json(active_path)[0]
            print("Same measurement in a second process with OMP_WAIT_POLICY=ACTIVE set (threads spin while they wait; "
                  "libgomp's default spins a bounded time, then sleeps):\n")
            print("| OpenMP wait policy | Keel fit median (s) | native train median (s) | WithCovers median (s) | overhead |")
            print("|---|---:|---:|---:|---:|")
            for name, r in (("as Keel leaves it (run above)", k), ("OMP_WAIT_POLICY=ACTIVE", a)):
                print(f"| {name} | {r['keel_fit_median']:.2f} | {r['native_train_median']:.2f} | "
                      f"{med(r['covers_seconds']):.2f} | {r['overhead'] * 100:.0f} % |")
            print(f"\nKeel fit (as Keel leaves it) vs native train with ACTIVE: "
                  f"{(k['keel_fit_median'] - a['native_train_median']) / a['native_train_median'] * 100:.0f} % overhead.\n")

        peers_path = os.path.join(results, "train_peers.json")
        peers = read_json(peers_path) if os.path.exists(peers_path) else []
        print("### Adult: test ROC AUC and fit time next to scikit-learn and XGBoost\n")
        print("| model | fit median (s) | fit runs (s) | Keel fit / this fit | ROC AUC, own split | ROC AUC, Keel's split |")
        print("|---|---:|---|---:|---:|---:|")
        print(f"| Keel LightGbmTrainer (defaults) | {k['keel_fit_median']:.2f} | {runs(k['keel_fit_seconds'])} | 1.00 | "
              f"{k['roc_auc']:.4f} (Keel's split) | {k['roc_auc']:.4f} |")
        print(f"| native LightGBM, same features and parameters | {k['native_train_median']:.2f} | "
              f"{runs(k['native_train_seconds'])} | {k['keel_fit_median'] / k['native_train_median']:.2f} | "
              f"same model | same model |")
        names = {"hgb_default": "HistGradientBoosting, defaults", "hgb_mirror": "HistGradientBoosting, Keel's settings",
                 "xgb_hist": "XGBoost hist, 300 x 0.05, depth 6"}
        for p in peers:
            print(f"| {names.get(p['tool'], p['tool'])} | {p['fit_median']:.2f} | {runs(p['fit_seconds'])} | "
                  f"{k['keel_fit_median'] / p['fit_median']:.2f} | {p['roc_auc']:.4f} | "
                  f"{p.get('roc_auc_on_keel_split', float('nan')):.4f} |")
        print("\nOwn split of the Python models: sklearn train_test_split(stratify=y, test_size=0.2, random_state=42), "
              "different rows from Keel's split; the last column refits each once on Keel's exact rows.\n")

    bdn = os.path.join(results, "bdn.md")
    if os.path.exists(bdn):
        print("### Scoring micro-benchmarks (BenchmarkDotNet, short run, in process)\n")
        print(open(bdn).read())
    return 0


if __name__ == "__main__":
    sys.exit(main())
