#!/usr/bin/python3
"""Evidently's dataset drift on SciPy 1.10: the peer of `Keel.Benchmarks drift`.

usage: /usr/bin/python3 drift_evidently.py <out folder> [--rows N] [--repeats R]   (defaults 1000000, 3)

Generates 20 numeric columns (1% missing; every other one shifted by 0.15 standard deviations in the current data) and
10 categorical columns of 20 levels (pandas 'category' dtype, Keel's dictionary encoding; every other one skewed in
the current data), N reference and N current rows, with NumPy (seed 42), and writes them raw to the out folder
(ref_num.f64 / cur_num.f64 column after column, ref_cat.i32 / cur_cat.i32 codes, -1 missing) for Keel to read.

Then runs, per column, what Evidently's data drift does (evidently/legacy/calculations/data_drift.py,
get_one_column_drift, restated): drop missing and infinite values, choose the default test from the reference size
and pandas' nunique of both samples (stattests/registry.py), and run it — here, with more than 1,000 reference rows,
the normed Wasserstein distance (scipy.stats.wasserstein_distance / np.std) for the numeric columns and the
Jensen-Shannon distance (utils.get_binned_data + scipy.spatial.distance.jensenshannon) for the categorical ones —
then the share of drifted columns. Single-threaded, as Evidently is. Writes scores.json (every column's test and
score) and prints one JSON line with the best of R wall times and the best of R CPU times (time.process_time: on a
shared machine the CPU time is the measure of work).
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
from scipy import stats
from scipy.spatial import distance

out = Path(sys.argv[1])
rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 1_000_000
repeats = int(sys.argv[sys.argv.index("--repeats") + 1]) if "--repeats" in sys.argv else 3
out.mkdir(parents=True, exist_ok=True)
NUMERIC, CATEGORICAL, LEVELS = 20, 10, 20

rng = np.random.default_rng(42)


def numeric(shift):
    v = rng.normal(shift, 1.0, rows)
    v[rng.random(rows) < 0.01] = np.nan
    return v


def codes(power):
    return np.minimum((rng.random(rows) ** power * LEVELS).astype(np.int32), LEVELS - 1)


ref_num = np.stack([numeric(0.0) for _ in range(NUMERIC)])
cur_num = np.stack([numeric(0.15 if j % 2 == 0 else 0.0) for j in range(NUMERIC)])
ref_cat = np.stack([codes(1.0) for _ in range(CATEGORICAL)])
cur_cat = np.stack([codes(1.3 if j % 2 == 0 else 1.0) for j in range(CATEGORICAL)])
ref_num.tofile(out / "ref_num.f64")
cur_num.tofile(out / "cur_num.f64")
ref_cat.tofile(out / "ref_cat.i32")
cur_cat.tofile(out / "cur_cat.i32")
levels = [f"level{i}" for i in range(LEVELS)]
(out / "meta.json").write_text(json.dumps({"rows": rows, "numeric": NUMERIC, "categorical": CATEGORICAL, "levels": levels}))

columns = {f"n{j}": (pd.Series(ref_num[j]), pd.Series(cur_num[j])) for j in range(NUMERIC)}
for j in range(CATEGORICAL):
    columns[f"c{j}"] = tuple(pd.Series(pd.Categorical.from_codes(c[j], levels)) for c in (ref_cat, cur_cat))


def binned_shares(ref, cur):
    # get_binned_data for a categorical column: one bin per value seen, shares over the non-missing sizes.
    keys = list(set(ref.dropna().unique()) | set(cur.dropna().unique()))
    rc, cc = ref.value_counts(), cur.value_counts()
    return np.array([rc.get(k, 0) / len(ref) for k in keys]), np.array([cc.get(k, 0) / len(cur) for k in keys])


def column_drift(name, ref, cur):
    ref = ref.replace([-np.inf, np.inf], np.nan).dropna()
    cur = cur.replace([-np.inf, np.inf], np.nan).dropna()
    numeric_column = name.startswith("n")
    n_values = pd.concat([ref, cur]).nunique()
    if ref.shape[0] <= 1000:
        raise SystemExit("this benchmark has more than 1,000 reference rows")
    if numeric_column and n_values > 5:
        score = stats.wasserstein_distance(ref, cur) / max(float(np.std(ref)), 0.001)
        return "wasserstein", float(score), bool(score >= 0.1)
    r, c = binned_shares(ref, cur)
    score = distance.jensenshannon(r, c)
    return "jensenshannon", float(score), bool(score >= 0.1)


best, best_cpu, results = None, None, None
for _ in range(repeats):
    start, start_cpu = time.perf_counter(), time.process_time()
    results = {name: column_drift(name, ref, cur) for name, (ref, cur) in columns.items()}
    share = sum(r[2] for r in results.values()) / len(results)
    dataset_drift = share >= 0.5
    elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    best = elapsed if best is None else min(best, elapsed)
    best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
(out / "scores.json").write_text(json.dumps({name: {"test": t, "score": s, "drifted": d} for name, (t, s, d) in results.items()}))
print(json.dumps({"mode": "drift-evidently", "scipy": scipy.__version__, "numpy": np.__version__, "pandas": pd.__version__,
                  "rows": rows, "columns": len(columns), "best_s": round(best, 3), "best_cpu_s": round(best_cpu, 3), "repeats": repeats,
                  "drifted": sum(r[2] for r in results.values()), "dataset_drift": bool(dataset_drift)}))
