"""scikit-learn's IsolationForest and LocalOutlierFactor on the six ODDS sets, the peer of `Keel.Benchmarks odds`.

    /usr/bin/python3 benchmarks/peers/odds_sklearn.py <folder with cardio.csv ...> [--seeds 5] > sklearn.json

Each CSV has feature columns and `label` (1 = outlier). Every detector is fitted on all rows and scores the same rows
(the usual unsupervised protocol); the ROC AUC and average precision are of the score where higher = more anomalous
(-score_samples for IsolationForest, -negative_outlier_factor_ for LOF). IsolationForest() keeps its defaults
(100 trees, max_samples="auto" = min(256, n), max_features=1.0, n_jobs=None: one thread), one fit per seed 0..seeds-1;
LocalOutlierFactor(n_neighbors=20) on StandardScaler features (as Keel scales them), which has no randomness. Times are
wall seconds of fit + score (reading the CSV excluded), the best of the seeds for IsolationForest. Prints one JSON object.
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import IsolationForest
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.neighbors import LocalOutlierFactor
from sklearn.preprocessing import StandardScaler

SETS = ["cardio", "ionosphere", "mammography", "pima", "shuttle", "thyroid"]


def main():
    folder = sys.argv[1]
    seeds = int(sys.argv[sys.argv.index("--seeds") + 1]) if "--seeds" in sys.argv else 5
    result = {"peer": "scikit-learn", "version": sklearn.__version__, "seeds": seeds, "sets": {}}
    for name in SETS:
        frame = pd.read_csv(os.path.join(folder, name + ".csv"))
        y = frame["label"].to_numpy().astype(int)
        x = frame.drop(columns=["label"]).to_numpy(dtype=np.float64)
        aucs, aps, times = [], [], []
        for seed in range(seeds):
            start = time.perf_counter()
            forest = IsolationForest(random_state=seed).fit(x)
            score = -forest.score_samples(x)
            times.append(time.perf_counter() - start)
            aucs.append(roc_auc_score(y, score))
            aps.append(average_precision_score(y, score))
        start = time.perf_counter()
        z = StandardScaler().fit_transform(x)
        lof = LocalOutlierFactor(n_neighbors=20).fit(z)
        lof_score = -lof.negative_outlier_factor_
        lof_time = time.perf_counter() - start
        result["sets"][name] = {
            "rows": int(len(y)), "features": int(x.shape[1]), "outliers": int(y.sum()),
            "iforest": {"roc_auc": aucs, "average_precision": aps, "seconds": times,
                        "roc_auc_mean": float(np.mean(aucs)), "average_precision_mean": float(np.mean(aps)), "seconds_best": float(min(times))},
            "lof": {"roc_auc": float(roc_auc_score(y, lof_score)), "average_precision": float(average_precision_score(y, lof_score)), "seconds": lof_time},
        }
        print(f"{name}: iforest auc {np.mean(aucs):.4f}, lof auc {result['sets'][name]['lof']['roc_auc']:.4f}", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
