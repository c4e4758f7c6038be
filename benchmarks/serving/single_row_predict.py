#!/usr/bin/python3
"""Single-row prediction cost of the serving peers, without HTTP.

usage: /usr/bin/python3 single_row_predict.py [--calls N]   (default 2000)

Trains the two models of peer_server.py (adult_models.py) on samples/data/adult.data and times one-row predictions
on the first Adult row: N timed calls after 200 warm-up calls, one JSON line per model with the median, p90 and p99
in milliseconds.
  hgb  pipeline.predict_proba(one-row DataFrame): ordinal encoding plus the 500 trees, as a FastAPI + sklearn
       service calls it; also the trees alone (HistGradientBoostingClassifier.predict_proba on the encoded row).
  xgb  Booster.inplace_predict on the one-hot encoded numpy row; also encode + predict, as peer_server.py does.
"""
import argparse
import json
import statistics
import time

import numpy as np
import pandas as pd
import sklearn
import xgboost

from adult_models import HgbModel, XgbModel, load_adult, request_columns

WARM_UP = 200


def time_calls(call, calls):
    """Milliseconds of each of `calls` calls, after WARM_UP untimed ones."""
    for _ in range(WARM_UP):
        call()
    times = []
    for _ in range(calls):
        start = time.perf_counter_ns()
        call()
        times.append((time.perf_counter_ns() - start) / 1e6)
    return times


def summary(times):
    cuts = statistics.quantiles(times, n=100)
    return {"median_ms": round(statistics.median(times), 4), "p90_ms": round(cuts[89], 4),
            "p99_ms": round(cuts[98], 4)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=2000)
    calls = parser.parse_args().calls
    x, y = load_adult()
    columns = request_columns(x.iloc[:1])
    versions = {"sklearn": sklearn.__version__, "xgboost": xgboost.__version__, "calls": calls}

    hgb = HgbModel(x, y)
    frame = pd.DataFrame(columns)
    encoded = hgb.pipeline["encode"].transform(frame)
    trees = hgb.pipeline["model"]
    print(json.dumps({"model": "hgb", "call": "pipeline.predict_proba(one-row DataFrame)",
                      **summary(time_calls(lambda: hgb.pipeline.predict_proba(frame), calls)),
                      "trees_only": summary(time_calls(lambda: trees.predict_proba(encoded), calls)),
                      "p_positive": float(hgb.predict_proba(columns)[0, 1]), **versions}), flush=True)

    xgb = XgbModel(x, y)
    row = xgb.encode(columns)
    print(json.dumps({"model": "xgb", "call": "booster.inplace_predict(one-row numpy)",
                      **summary(time_calls(lambda: xgb.booster.inplace_predict(row), calls)),
                      "encode_and_predict": summary(time_calls(lambda: xgb.predict_proba(columns), calls)),
                      "p_positive": float(np.asarray(xgb.booster.inplace_predict(row))[0]), **versions}),
          flush=True)


if __name__ == "__main__":
    main()
