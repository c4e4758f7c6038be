#!/usr/bin/python3
"""XGBoost's own TreeSHAP (pred_contribs) on a depth-8, 500-tree model of Adult: the peer of `Keel.Benchmarks xgb-shap`.

usage: /usr/bin/python3 xgb_contribs.py <adult.data> <out folder> [--rows N]   (default 2000)

Reads adult.data as shipped ("?" missing), one-hot encodes the categorical columns with pandas (missing as NaN in
numbers, no indicator for categories), trains XGBClassifier(n_estimators=500, max_depth=8, learning_rate=0.05,
tree_method="hist", random_state=42) on all rows, and writes to the out folder:
  model.json       Booster.save_model
  rows.f32         the first N rows' features, float32, row-major (N x columns)
  contribs.f32     XGBoost's pred_contribs of those rows (N x (columns + 1)), float32
Then times pred_contribs on the N rows with nthread 1 and 2 (one untimed warm-up on 50 rows) and prints one JSON line.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import xgboost as xgb

path, out = sys.argv[1], Path(sys.argv[2])
rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 2000
out.mkdir(parents=True, exist_ok=True)
data = pd.read_csv(path, header=None, skipinitialspace=True, na_values="?")
y = (data[14].str.strip() == ">50K").astype(int).to_numpy()
x = pd.get_dummies(data.drop(columns=[14]), columns=[1, 3, 5, 6, 7, 8, 9, 13], dtype=np.float32).astype(np.float32)
model = xgb.XGBClassifier(n_estimators=500, max_depth=8, learning_rate=0.05, tree_method="hist", random_state=42)
model.fit(x.to_numpy(), y)
booster = model.get_booster()
booster.save_model(str(out / "model.json"))
probe = x.to_numpy()[:rows].copy()
probe.astype(np.float32).tofile(out / "rows.f32")
result = {"mode": "xgb-contribs", "xgboost": xgb.__version__, "rows": rows, "columns": probe.shape[1]}
for threads in (1, 2):
    booster.set_param({"nthread": threads})
    booster.predict(xgb.DMatrix(probe[:50]), pred_contribs=True)
    matrix = xgb.DMatrix(probe)
    start = time.perf_counter()
    contribs = booster.predict(matrix, pred_contribs=True)
    seconds = time.perf_counter() - start
    result[f"rows_per_s_{threads}t"] = round(rows / seconds, 1)
contribs.astype(np.float32).tofile(out / "contribs.f32")
print(json.dumps(result))
