#!/usr/bin/python3
"""The issue's anchor for batch drift: SciPy 1.10 / NumPy running KS, Wasserstein and PSI (10 quantile bins) on the 20
numeric columns and chi-square on the 10 categorical columns of the data drift_evidently.py wrote.

usage: /usr/bin/python3 drift_scipy_four.py <folder written by drift_evidently.py> [--repeats R]   (default 2)

Reads the raw columns (ref_num.f64 / cur_num.f64, ref_cat.i32 / cur_cat.i32, meta.json), drops missing values, and
times each of the four tests over all its columns, single-threaded; prints one JSON line with the best of R wall
times per test and in total. The peer of `Keel.Benchmarks drift ... --four`.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

folder = Path(sys.argv[1])
repeats = int(sys.argv[sys.argv.index("--repeats") + 1]) if "--repeats" in sys.argv else 2
meta = json.loads((folder / "meta.json").read_text())
rows, numeric, categorical, levels = meta["rows"], meta["numeric"], meta["categorical"], len(meta["levels"])
ref_num = np.fromfile(folder / "ref_num.f64").reshape(numeric, rows)
cur_num = np.fromfile(folder / "cur_num.f64").reshape(numeric, rows)
ref_cat = np.fromfile(folder / "ref_cat.i32", dtype=np.int32).reshape(categorical, rows)
cur_cat = np.fromfile(folder / "cur_cat.i32", dtype=np.int32).reshape(categorical, rows)
ref_num = [c[~np.isnan(c)] for c in ref_num]
cur_num = [c[~np.isnan(c)] for c in cur_num]
ref_cat = [c[c >= 0] for c in ref_cat]
cur_cat = [c[c >= 0] for c in cur_cat]


def psi(ref, cur):
    edges = np.quantile(ref, np.linspace(0, 1, 11))
    edges[0], edges[-1] = -np.inf, np.inf
    r = np.histogram(ref, edges)[0] / len(ref)
    c = np.histogram(cur, edges)[0] / len(cur)
    r, c = np.clip(r, 1e-4, None), np.clip(c, 1e-4, None)
    return float(np.sum((c - r) * np.log(c / r)))


def chi(ref, cur):
    r = np.bincount(ref, minlength=levels) / len(ref)
    c = np.bincount(cur, minlength=levels)
    return stats.chisquare(c, r * len(cur)).pvalue


tests = {
    "ks": lambda: [stats.ks_2samp(r, c).pvalue for r, c in zip(ref_num, cur_num)],
    "wasserstein": lambda: [stats.wasserstein_distance(r, c) for r, c in zip(ref_num, cur_num)],
    "psi": lambda: [psi(r, c) for r, c in zip(ref_num, cur_num)],
    "chisquare": lambda: [chi(r, c) for r, c in zip(ref_cat, cur_cat)],
}
result = {"mode": "drift-scipy-four", "scipy": scipy.__version__, "numpy": np.__version__, "rows": rows}
for name, run in tests.items():
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    result[f"{name}_s"] = round(best, 3)
result["total_s"] = round(sum(result[f"{n}_s"] for n in tests), 3)
print(json.dumps(result))
