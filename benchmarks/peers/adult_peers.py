#!/usr/bin/python3
"""Adult income: scikit-learn HistGradientBoostingClassifier and XGBoost, the peers of `Keel.Benchmarks train-adult`.

usage: /usr/bin/python3 adult_peers.py <adult.data> [--repeats N] [--keel-split split.json]

Reads adult.data as shipped (no header, ", " separated, "?" missing; label = last column, positive class ">50K").
Splits 80/20 with sklearn's train_test_split(stratify=y, test_size=0.2, random_state=42). That split is NOT the
same rows as Keel's own stratified split (Keel's DataSplit.TrainTest, seed 42, uses .NET's Random); AUCs on different
test rows differ by a few thousandths by chance alone. With --keel-split (written by `train-adult --split-out`),
every model is also fitted once on Keel's exact train rows and scored on Keel's exact test rows.

Each model prints one JSON line: fit seconds (median of --repeats timed fits, preprocessing of the training rows
included, after one untimed warm-up fit) and test ROC AUC. Models:
  hgb_default  HistGradientBoostingClassifier() with native categorical support (ordinal-encoded categories).
               Defaults: max_iter=100, learning_rate=0.1, and early stopping ON for >10,000 rows (10 % held out).
  hgb_mirror   the same with Keel's LightGBM settings where HGB has them: max_iter=300, learning_rate=0.05,
               max_leaf_nodes=31, min_samples_leaf=20, l2_regularization=1, max_bins=255, early_stopping=False.
  xgb_hist     XGBClassifier(tree_method="hist", n_estimators=300, learning_rate=0.05, max_depth=6) on one-hot
               encoded categories (missing "?" its own category), numbers passed through (NaN-aware).
All use every core (n_jobs / OpenMP default) and random_state=42.
"""
import json
import statistics
import sys
import time

import numpy as np
import pandas as pd
import sklearn
import xgboost
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder
from xgboost import XGBClassifier


def option(name, default=None):
    args = sys.argv[2:]
    return args[args.index(name) + 1] if name in args and args.index(name) + 1 < len(args) else default


def models(categorical, numeric):
    n_cat = len(categorical)
    ordinal = ColumnTransformer(
        [("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan), categorical),
         ("num", "passthrough", numeric)])
    mask = [True] * n_cat + [False] * len(numeric)
    yield "hgb_default", lambda: Pipeline([
        ("encode", ordinal),
        ("model", HistGradientBoostingClassifier(categorical_features=mask, random_state=42))])
    yield "hgb_mirror", lambda: Pipeline([
        ("encode", ordinal),
        ("model", HistGradientBoostingClassifier(
            categorical_features=mask, max_iter=300, learning_rate=0.05, max_leaf_nodes=31, min_samples_leaf=20,
            l2_regularization=1.0, max_bins=255, early_stopping=False, random_state=42))])
    onehot = ColumnTransformer(
        [("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical),
         ("num", "passthrough", numeric)])
    yield "xgb_hist", lambda: Pipeline([
        ("encode", onehot),
        ("model", XGBClassifier(tree_method="hist", n_estimators=300, learning_rate=0.05, max_depth=6,
                                random_state=42, n_jobs=0))])


def fit_score(make, x_train, y_train, x_test, y_test):
    model = make()
    start = time.perf_counter()
    model.fit(x_train, y_train)
    seconds = time.perf_counter() - start
    auc = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
    return seconds, auc


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = sys.argv[1]
    repeats = int(option("--repeats", "3"))
    keel_split = option("--keel-split")

    frame = pd.read_csv(path, header=None, skipinitialspace=True, na_values=["?"])
    label = frame.columns[-1]
    y = (frame[label] == ">50K").astype(int).to_numpy()
    x = frame.drop(columns=[label])
    x.columns = [f"column{i + 1}" for i in range(x.shape[1])]
    categorical = [c for c in x.columns if x[c].dtype == object]
    numeric = [c for c in x.columns if c not in categorical]
    x = x[categorical + numeric]

    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, stratify=y, random_state=42)
    keel = None
    if keel_split:
        with open(keel_split) as f:
            split = json.load(f)
        if split["rows"] != len(frame):
            raise SystemExit(f"Keel read {split['rows']} rows, pandas {len(frame)}: the split does not apply")
        keel = (x.iloc[split["train"]], y[split["train"]], x.iloc[split["test"]], y[split["test"]])

    for name, make in models(categorical, numeric):
        fit_score(make, x_train, y_train, x_test, y_test)  # warm-up
        runs = [fit_score(make, x_train, y_train, x_test, y_test) for _ in range(repeats)]
        seconds = [s for s, _ in runs]
        result = {
            "tool": name,
            "mode": "train-adult",
            "split": "sklearn train_test_split(stratify=y, test_size=0.2, random_state=42)",
            "train_rows": len(y_train),
            "test_rows": len(y_test),
            "fit_seconds": seconds,
            "fit_median": statistics.median(seconds),
            "roc_auc": runs[-1][1],
            "sklearn": sklearn.__version__,
            "xgboost": xgboost.__version__,
        }
        if keel is not None:
            _, result["roc_auc_on_keel_split"] = fit_score(make, *keel)
        with open("/proc/loadavg") as f:
            result["load_average_end"] = float(f.read().split()[0])
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
