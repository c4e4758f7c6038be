#!/usr/bin/python3
"""The peers of `keel automl`: scikit-learn HistGradientBoosting and XGBoost, with defaults and with a random search.

usage: /usr/bin/python3 automl_peers.py <set folder> <out folder> --budget SECONDS [--seed 42] [--threads 2] [--folds 5]

<set folder> holds train.csv, test.csv and split.json as automl_prepare.py writes them. Every model learns from
train.csv alone; test.csv is only predicted. Writes to <out folder>:
  peers_predictions.csv  one column per system, the test rows' probabilities of the positive class, in test.csv order
  peers.json             versions, and per system: fit seconds, and for the searches every trial (parameters, fold
                         AUCs, seconds), the defaults' CV AUC, the best CV AUC and its parameters

Systems (random_state = seed everywhere):
  hgb_default  HistGradientBoostingClassifier() with its defaults (max_iter=100, learning_rate=0.1, 31 leaves,
               early stopping on above 10,000 rows). Categorical columns are ordinal-encoded and declared categorical
               (categorical_features mask, HGB's native categorical splits; scikit-learn >= 0.24); a missing category
               stays missing (NaN), which HGB routes natively; a category unseen in training is treated as missing.
  xgb_default  XGBClassifier() with its defaults (n_estimators=100, learning_rate=0.3, max_depth=6, tree_method
               "auto"). Categorical columns are one-hot encoded (a missing category is its own level "(missing)",
               a level unseen in training is all zeros): XGBoost's own categorical support (enable_categorical) is
               experimental "as of XGBoost 1.6" (its categorical-data tutorial) and needs tree_method hist, approx
               or gpu_hist, while one-hot works with its defaults and is how XGBoost is most commonly used.
               Numbers pass through, NaN-aware.
  hgb_random   random search over HGB's parameters (SPACES below) with the same preprocessing.
  xgb_random   random search over XGBoost's parameters, tree_method "hist", the same one-hot encoding.

The random searches: trial 0 is the defaults (so the search reports the defaults' CV AUC and can only keep or beat
them in CV; for XGBoost the defaults with tree_method "hist", the search's method and XGBoost 2's default: 1.7's
"auto" picks the exact method here, which took 100 s for trial 0's five folds on Adult); each later trial samples
every parameter independently. A trial is the mean ROC AUC over the same
stratified k folds of train.csv (StratifiedKFold(folds, shuffle=True, random_state=seed), the same folds for every
trial and for both searches). No trial starts once --budget seconds have passed since the search began, and a trial
still running then stops before its next fold and is discarded (trial 0 always finishes). The best trial's
parameters are then refitted on all of train.csv. Its fit time is the search plus that refit. Each system uses
--threads threads (n_jobs for XGBoost, OpenMP threads for HGB), with OMP_WAIT_POLICY=PASSIVE unless set.
"""
import json
import math
import os
import sys
import time

THREADS = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 2
os.environ.setdefault("OMP_NUM_THREADS", str(THREADS))  # before numpy/sklearn load OpenMP
# Idle OpenMP threads sleep instead of spinning, as in Keel's default for LightGBM: on a shared 2-core machine spinning
# threads of HGB and XGBoost fight for the cores (a 2-thread XGBoost fit took 5-10x longer than a 1-thread one).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import sklearn  # noqa: E402
import xgboost  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402
from xgboost import XGBClassifier  # noqa: E402


def log_uniform(low, high):
    return lambda rng: float(math.exp(rng.uniform(math.log(low), math.log(high))))


def log_int(low, high):
    """An integer in [low, high], log-uniform (floor of a log-uniform draw in [low, high + 1))."""
    return lambda rng: int(min(high, math.floor(math.exp(rng.uniform(math.log(low), math.log(high + 1))))))


def uniform(low, high):
    return lambda rng: float(rng.uniform(low, high))


def integer(low, high):
    return lambda rng: int(rng.integers(low, high + 1))


# Ranges as in scikit-learn's and Optuna's examples for gradient boosting: learning rate and regularisation on a log
# scale, tree size and rounds on a log-integer scale, row and column sampling uniform.
SPACES = {
    "hgb": {
        "learning_rate": log_uniform(0.01, 0.3),
        "max_iter": log_int(50, 1000),
        "max_leaf_nodes": log_int(8, 256),
        "min_samples_leaf": log_int(5, 200),
        "l2_regularization": log_uniform(1e-8, 10.0),
    },
    "xgb": {
        "n_estimators": log_int(50, 1000),
        "learning_rate": log_uniform(0.01, 0.3),
        "max_depth": integer(2, 10),
        "min_child_weight": log_uniform(0.5, 20.0),
        "subsample": uniform(0.5, 1.0),
        "colsample_bytree": uniform(0.5, 1.0),
        "reg_lambda": log_uniform(1e-3, 10.0),
        "reg_alpha": log_uniform(1e-8, 1.0),
        "gamma": log_uniform(1e-8, 1.0),
    },
}


class Peers:
    def __init__(self, categorical, numeric, seed, threads):
        self.categorical, self.numeric, self.seed, self.threads = categorical, numeric, seed, threads

    def hgb(self, params):
        encode = ColumnTransformer(
            [("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan), self.categorical),
             ("num", "passthrough", self.numeric)])
        mask = [True] * len(self.categorical) + [False] * len(self.numeric)
        model = HistGradientBoostingClassifier(categorical_features=mask if self.categorical else None,
                                               random_state=self.seed, **params)
        return Pipeline([("encode", encode), ("model", model)])

    def xgb(self, params):
        onehot = Pipeline([("fill", SimpleImputer(strategy="constant", fill_value="(missing)")),
                           ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False))])
        encode = ColumnTransformer([("cat", onehot, self.categorical), ("num", "passthrough", self.numeric)])
        model = XGBClassifier(random_state=self.seed, n_jobs=self.threads, **params)
        return Pipeline([("encode", encode), ("model", model)])

    def make(self, family, params):
        return self.hgb(params) if family == "hgb" else self.xgb(params)


def positive_probability(model, x):
    return model.predict_proba(x)[:, list(model.classes_).index(1)]


def fit_default(peers, family, x, y, x_test):
    start = time.perf_counter()
    model = peers.make(family, {}).fit(x, y)
    seconds = time.perf_counter() - start
    return positive_probability(model, x_test), {"fit_seconds": seconds}


def random_search(peers, family, x, y, x_test, budget, folds, seed):
    rng = np.random.default_rng([seed, 0 if family == "hgb" else 1])
    splits = list(StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(x, y))
    start = time.perf_counter()
    deadline = start + budget
    trials, abandoned = [], 0
    params = {} if family == "hgb" else {"tree_method": "hist"}
    index = 0
    while index == 0 or time.perf_counter() < deadline:
        if index > 0:
            params = {name: draw(rng) for name, draw in SPACES[family].items()}
            if family == "xgb":
                params["tree_method"] = "hist"
        trial_start = time.perf_counter()
        aucs = []
        for train_idx, valid_idx in splits:
            if index > 0 and time.perf_counter() >= deadline:
                break
            model = peers.make(family, params).fit(x.iloc[train_idx], y[train_idx])
            aucs.append(roc_auc_score(y[valid_idx], positive_probability(model, x.iloc[valid_idx])))
        seconds = time.perf_counter() - trial_start
        if len(aucs) < len(splits):
            abandoned += 1
            print(f"  {family} trial {index}: stopped at the budget after {len(aucs)} folds, discarded",
                  file=sys.stderr)
            break
        trials.append({"trial": index, "params": params, "fold_auc": aucs, "cv_auc": float(np.mean(aucs)),
                       "seconds": seconds})
        print(f"  {family} trial {index}: cv auc {np.mean(aucs):.4f} in {seconds:.1f}s", file=sys.stderr)
        index += 1
    search_seconds = time.perf_counter() - start
    best = max(trials, key=lambda t: t["cv_auc"])
    refit_start = time.perf_counter()
    model = peers.make(family, best["params"]).fit(x, y)
    refit_seconds = time.perf_counter() - refit_start
    summary = {
        "fit_seconds": search_seconds + refit_seconds, "search_seconds": search_seconds, "refit_seconds": refit_seconds,
        "budget_seconds": budget, "folds": folds, "trials_completed": len(trials), "trials_discarded": abandoned,
        "default_cv": trials[0]["cv_auc"], "best_cv": best["cv_auc"], "best_trial": best["trial"],
        "best_params": best["params"], "trials": trials,
    }
    return positive_probability(model, x_test), summary


def option(args, name, default):
    return args[args.index(name) + 1] if name in args else default


def main():
    args = sys.argv[1:]
    if len(args) < 2 or "--budget" not in args:
        print(__doc__, file=sys.stderr)
        return 2
    folder, out = args[0], args[1]
    budget = float(option(args, "--budget", "0"))
    seed = int(option(args, "--seed", "42"))
    folds = int(option(args, "--folds", "5"))
    with open(os.path.join(folder, "split.json")) as f:
        info = json.load(f)
    label, positive = info["label"], info["positive"]
    read = dict(keep_default_na=False, na_values=[""])
    train = pd.read_csv(os.path.join(folder, "train.csv"), **read)
    test = pd.read_csv(os.path.join(folder, "test.csv"), **read)
    features = [c for c in train.columns if c != label]
    categorical = [c for c in features if train[c].dtype == object]
    numeric = [c for c in features if c not in categorical]
    x, x_test = train[features], test[features]
    y = (train[label] == positive).to_numpy(dtype=int)
    peers = Peers(categorical, numeric, seed, THREADS)
    os.makedirs(out, exist_ok=True)

    predictions, systems = {}, {}
    with threadpool_limits(limits=THREADS):
        for family in ("hgb", "xgb"):
            print(f"{info['set']}: {family} defaults", file=sys.stderr)
            predictions[f"{family}_default"], systems[f"{family}_default"] = fit_default(peers, family, x, y, x_test)
        for family in ("hgb", "xgb"):
            print(f"{info['set']}: {family} random search, {budget:g}s", file=sys.stderr)
            predictions[f"{family}_random"], systems[f"{family}_random"] = random_search(
                peers, family, x, y, x_test, budget, folds, seed)

    pd.DataFrame(predictions).to_csv(os.path.join(out, "peers_predictions.csv"), index=False, float_format="%.10g")
    result = {
        "set": info["set"], "label": label, "positive": positive, "seed": seed, "threads": THREADS,
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "pandas": pd.__version__,
                     "scikit-learn": sklearn.__version__, "xgboost": xgboost.__version__},
        "train_rows": len(train), "test_rows": len(test), "categorical": categorical, "numeric": numeric,
        "systems": systems,
    }
    with open(os.path.join(out, "peers.json"), "w") as f:
        json.dump(result, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
