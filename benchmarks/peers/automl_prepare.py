#!/usr/bin/python3
"""The four AutoML benchmark sets as clean CSVs, each with ONE stratified 80/20 train/test split every system shares.

usage: /usr/bin/python3 automl_prepare.py <data folder> <work folder> [--seed 42] [set ...]

<data folder> is the reference data folder (/work/shared/data); the sets are adult, german_credit, telco_churn and
bank_marketing (all four when none is named). For each set it writes <work>/<set>/train.csv, test.csv and split.json.

Cleaning, the same for every system (nothing else is done: no encoding, no scaling, no imputation):
  adult           adult.data has no header and ", " separators; the UCI column names are given, "?" becomes missing.
                  Label `income`, positive class `>50K`.
  german_credit   credit-g.arff (named categories, read with scipy.io.arff). Label `class`, positive class `bad`.
  telco_churn     Telco-Customer-Churn.csv without `customerID`; the 11 blank `TotalCharges` stay missing.
                  Label `Churn`, positive class `Yes`.
  bank_marketing  bank-full.csv (";" separated). Label `y`, positive class `yes`. `duration` is kept, as in most
                  published results on this set (it is known only after the call; the benchmark compares learners on
                  the same columns, not a deployable model).
Categorical columns keep their raw strings, numbers stay numbers, a missing value is an empty field. The CSVs have a
header and "," separators, quoted where a value needs it.

The split: sklearn.model_selection.train_test_split(test_size=0.2, stratify=label, random_state=seed) over the rows
in file order. split.json records the original row numbers (0-based, in the raw file's data rows) of both parts, the
label, the positive class and the class counts.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from scipy.io import arff
from sklearn.model_selection import train_test_split

ADULT_COLUMNS = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation",
                 "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country",
                 "income"]

# set name -> (label column, positive class)
SETS = {
    "adult": ("income", ">50K"),
    "german_credit": ("class", "bad"),
    "telco_churn": ("Churn", "Yes"),
    "bank_marketing": ("y", "yes"),
}


def read_adult(folder):
    frame = pd.read_csv(os.path.join(folder, "adult", "adult.data"), header=None, names=ADULT_COLUMNS,
                        sep=",", skipinitialspace=True, na_values=["?"], keep_default_na=False)
    return frame.dropna(how="all")


def read_german(folder):
    data, meta = arff.loadarff(os.path.join(folder, "german_credit", "credit-g.arff"))
    frame = pd.DataFrame(data)
    for name in meta.names():
        if meta[name][0] == "nominal":
            frame[name] = frame[name].map(lambda v: v.decode("utf-8") if isinstance(v, bytes) else v)
            frame.loc[frame[name] == "?", name] = np.nan
        elif frame[name].notna().all() and (frame[name] == np.round(frame[name])).all():
            frame[name] = frame[name].astype(np.int64)  # the .arff's numbers are all whole: 6, not 6.0
    return frame


def read_telco(folder):
    frame = pd.read_csv(os.path.join(folder, "telco_churn", "Telco-Customer-Churn.csv"), keep_default_na=False,
                        na_values=[""])
    frame = frame.drop(columns=["customerID"])
    # 11 rows have a blank (one space) TotalCharges: those customers have tenure 0 and no bill yet.
    frame["TotalCharges"] = pd.to_numeric(frame["TotalCharges"].astype(str).str.strip().replace("", np.nan))
    return frame


def read_bank(folder):
    return pd.read_csv(os.path.join(folder, "bank_marketing", "bank-full.csv"), sep=";", keep_default_na=False,
                       na_values=[""])


READERS = {"adult": read_adult, "german_credit": read_german, "telco_churn": read_telco, "bank_marketing": read_bank}


def prepare(name, data_folder, work, seed):
    label, positive = SETS[name]
    frame = READERS[name](data_folder).reset_index(drop=True)
    if positive not in set(frame[label]):
        raise SystemExit(f"{name}: the positive class {positive!r} is not among the labels {sorted(set(frame[label]))}")
    if frame[label].nunique() != 2:
        raise SystemExit(f"{name}: the label {label!r} has {frame[label].nunique()} classes, not 2")
    rows = np.arange(len(frame))
    train_rows, test_rows = train_test_split(rows, test_size=0.2, stratify=frame[label], random_state=seed)
    train_rows, test_rows = np.sort(train_rows), np.sort(test_rows)
    folder = os.path.join(work, name)
    os.makedirs(folder, exist_ok=True)
    frame.iloc[train_rows].to_csv(os.path.join(folder, "train.csv"), index=False, na_rep="")
    frame.iloc[test_rows].to_csv(os.path.join(folder, "test.csv"), index=False, na_rep="")
    info = {
        "set": name, "label": label, "positive": positive, "seed": seed, "rows": len(frame),
        "columns": list(frame.columns),
        "categorical": [c for c in frame.columns if c != label and frame[c].dtype == object],
        "train": {"rows": len(train_rows), "positives": int((frame[label].iloc[train_rows] == positive).sum())},
        "test": {"rows": len(test_rows), "positives": int((frame[label].iloc[test_rows] == positive).sum())},
        "train_rows": train_rows.tolist(), "test_rows": test_rows.tolist(),
    }
    with open(os.path.join(folder, "split.json"), "w") as f:
        json.dump(info, f)
    print(f"{name}: {len(frame)} rows x {frame.shape[1]} columns; train {info['train']['rows']} "
          f"({info['train']['positives']} {positive}), test {info['test']['rows']} ({info['test']['positives']} {positive})",
          file=sys.stderr)


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    seed = 42
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    data_folder, work, names = args[0], args[1], args[2:] or list(SETS)
    unknown = [n for n in names if n not in SETS]
    if unknown:
        print(f"unknown set(s) {unknown}; the sets are {list(SETS)}", file=sys.stderr)
        return 2
    for name in names:
        prepare(name, data_folder, work, seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
