#!/usr/bin/python3
"""The AutoML benchmark's tables: held-out ROC AUC with bootstrap intervals and ranks, and how far tuning moved each
trainer from its defaults.

usage: /usr/bin/python3 automl_table.py <results folder> [set ...] [--data <work folder>] [--seed 42] [--resamples 1000]

Reads, for each set (the sets found under <results folder> when none is named):
  <work>/<set>/test.csv, split.json     the held-out rows and their labels (automl_prepare.py; --data defaults to
                                        <results folder>/data)
  <results>/<set>/peers_predictions.csv one probability column per peer system (automl_peers.py), peers.json
  <results>/<set>/keel_predictions.csv  `keel predict` output: its column probability_<positive class>
  <results>/<set>/keel.json             `keel automl --json` output (its `trainers` and `heldOut`)
  <results>/<set>/keel_time.json        wall seconds of `keel automl` (written by benchmarks/automl.sh)
A missing Keel file leaves Keel out of that set's rows and says so; the peers' rows still print.

ROC AUC: sklearn.metrics.roc_auc_score of the positive-class probability on all test rows.
95 % interval: percentile bootstrap, --resamples resamples of the test rows drawn with replacement from
numpy.random.default_rng(seed); the SAME resample indices for every system of a set (a resample with one class only
would be skipped, for every system alike, and counted).
Rank: system A beats system B when A's AUC is at least 0.002 higher AND the paired bootstrap difference A - B (on
the same resamples) has its 2.5th percentile above 0. A system's rank is 1 + the number of systems that beat it, so
systems sharing a rank are tied ("1=" is tied-first). The paired rule is used rather than "the intervals overlap":
every system is scored on the same rows, so their AUCs move together across resamples, and overlapping marginal
intervals would call almost everything a tie on 200 test rows.

Prints the tables as markdown on standard output and writes them to <results>/tables.md, the numbers to
<results>/summary.json.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

MIN_DIFFERENCE = 0.002
SYSTEMS = [("keel", "Keel `automl`"), ("hgb_default", "HGB defaults"), ("xgb_default", "XGBoost defaults"),
           ("hgb_random", "HGB random search"), ("xgb_random", "XGBoost random search")]
LABELS = dict(SYSTEMS)
READ = dict(keep_default_na=False, na_values=[""])


def read_json(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        text = f.read()
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        return None
    try:
        return json.loads(text[start:end + 1])
    except json.JSONDecodeError:
        return None


def find_key(obj, names):
    """The first value under one of `names` (case-insensitive, any depth) in a JSON object."""
    wanted = {n.lower() for n in names}
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key.lower() in wanted:
                return value
        for value in obj.values():
            found = find_key(value, names)
            if found is not None:
                return found
    elif isinstance(obj, list):
        for value in obj:
            found = find_key(value, names)
            if found is not None:
                return found
    return None


def metric_value(obj, name):
    """A metric in Keel's JSON: {"roc_auc": x}, {"roc_auc": {"value": x}} or a list of {"name": .., "value": x}."""
    if isinstance(obj, dict):
        if str(obj.get("name", "")).lower() == name and isinstance(obj.get("value"), (int, float)):
            return obj["value"]
        for key, value in obj.items():
            if key.lower() in (name, name.replace("_", "")):
                return value if isinstance(value, (int, float)) else metric_value(value, name) or \
                    (value.get("value") if isinstance(value, dict) else None)
        for value in obj.values():
            found = metric_value(value, name)
            if found is not None:
                return found
    elif isinstance(obj, list):
        for value in obj:
            found = metric_value(value, name)
            if found is not None:
                return found
    return None


def weighted_auc(y, p, counts):
    """ROC AUC of every bootstrap resample at once: row i counted counts[r, i] times in resample r (ties count half,
    as in roc_auc_score). O(resamples x rows) instead of one sort per resample."""
    order = np.argsort(p, kind="stable")
    sorted_p = p[order]
    starts = np.flatnonzero(np.r_[True, sorted_p[1:] != sorted_p[:-1]])
    c = counts[:, order].astype(float)
    pos = np.add.reduceat(c * y[order], starts, axis=1)
    neg = np.add.reduceat(c * (1 - y[order]), starts, axis=1)
    below = np.cumsum(neg, axis=1) - neg
    return (pos * (below + 0.5 * neg)).sum(axis=1) / (pos.sum(axis=1) * neg.sum(axis=1))


def keel_probabilities(folder, test, label, positive, notes):
    path = os.path.join(folder, "keel_predictions.csv")
    if not os.path.exists(path):
        notes.append("no keel_predictions.csv: Keel left out")
        return None
    preds = pd.read_csv(path, **READ)
    column = f"probability_{positive}"
    if column not in preds.columns:
        notes.append(f"keel_predictions.csv has no column {column!r} (columns: {list(preds.columns)}): Keel left out")
        return None
    if len(preds) != len(test):
        notes.append(f"keel_predictions.csv has {len(preds)} rows, test.csv {len(test)}: Keel left out")
        return None
    if label in preds.columns and not (preds[label].astype(str).to_numpy() == test[label].astype(str).to_numpy()).all():
        notes.append("keel_predictions.csv's label column is not test.csv's, row by row: Keel left out")
        return None
    return preds[column].to_numpy(dtype=float)


def score_set(name, results, data, seed, resamples):
    folder = os.path.join(results, name)
    with open(os.path.join(data, name, "split.json")) as f:
        info = json.load(f)
    label, positive = info["label"], info["positive"]
    test = pd.read_csv(os.path.join(data, name, "test.csv"), **READ)
    y = (test[label].astype(str) == positive).to_numpy(dtype=int)
    notes = []
    scores, seconds = {}, {}
    keel = keel_probabilities(folder, test, label, positive, notes)
    keel_json = read_json(os.path.join(folder, "keel.json"))
    keel_time = read_json(os.path.join(folder, "keel_time.json")) or {}
    if keel is not None:
        scores["keel"] = keel
        seconds["keel"] = keel_time.get("automl_seconds")
    peers = read_json(os.path.join(folder, "peers.json"))
    peer_preds = os.path.join(folder, "peers_predictions.csv")
    if peers is not None and os.path.exists(peer_preds):
        frame = pd.read_csv(peer_preds)
        for key, _ in SYSTEMS[1:]:
            if key in frame.columns:
                scores[key] = frame[key].to_numpy(dtype=float)
                seconds[key] = peers["systems"][key]["fit_seconds"]
    else:
        notes.append("no peers_predictions.csv / peers.json: peers left out")
    for key, p in scores.items():
        if len(p) != len(y) or not np.isfinite(p).all():
            raise SystemExit(f"{name}: {key}'s predictions have {len(p)} rows for {len(y)} test rows or are not finite")

    rng = np.random.default_rng(seed)
    indices = rng.integers(0, len(y), size=(resamples, len(y)))
    counts = np.stack([np.bincount(i, minlength=len(y)) for i in indices])
    positives = counts @ y
    usable = (positives > 0) & (positives < len(y))
    counts = counts[usable]
    auc = {k: roc_auc_score(y, p) for k, p in scores.items()}
    boot = {k: weighted_auc(y, p, counts) for k, p in scores.items()}
    for k in scores:  # the weighted formula is roc_auc_score on the resampled rows; check it on the first resample
        first = indices[np.argmax(usable)]
        if abs(boot[k][0] - roc_auc_score(y[first], scores[k][first])) > 1e-9:
            raise SystemExit(f"{name}: the bootstrap AUC of {k} disagrees with roc_auc_score")
    interval = {k: (float(np.percentile(b, 2.5)), float(np.percentile(b, 97.5))) for k, b in boot.items()}

    def beats(a, b):
        return auc[a] - auc[b] >= MIN_DIFFERENCE and np.percentile(boot[a] - boot[b], 2.5) > 0

    rank = {k: 1 + sum(bool(beats(o, k)) for o in scores if o != k) for k in scores}
    rows = []
    for key in sorted(scores, key=lambda k: (rank[k], -auc[k])):
        shared = sum(1 for o in scores if rank[o] == rank[key]) > 1
        rows.append({"system": key, "auc": float(auc[key]), "low": interval[key][0], "high": interval[key][1],
                     "rank": int(rank[key]), "tied": bool(shared), "fit_seconds": seconds.get(key)})
    trainers = []
    for t in (find_key(keel_json, ["trainers"]) or []) if keel_json else []:
        if isinstance(t, dict):
            trials = t.get("trials")
            if trials is not None and t.get("pruned") is not None:
                trials = f"{trials} ({t.get('complete')} complete, {t.get('pruned')} pruned, {t.get('failed', 0)} failed)"
            trainers.append({"who": "Keel", "trainer": t.get("trainer"), "default_cv": t.get("defaultCv"),
                             "best_cv": t.get("bestCv"), "trials": trials})
    if keel_json is not None and not trainers:
        notes.append("keel.json has no `trainers` list")
    if peers is not None:
        for key, title in (("hgb_random", "HGB"), ("xgb_random", "XGBoost")):
            s = peers["systems"].get(key)
            if s:
                trials = f"{s['trials_completed']}" + (f" (+{s['trials_discarded']} stopped at the budget)"
                                                       if s["trials_discarded"] else "")
                trainers.append({"who": "peer", "trainer": title, "default_cv": s["default_cv"],
                                 "best_cv": s["best_cv"], "trials": trials})
    held_out = metric_value(find_key(keel_json, ["heldOut"]), "roc_auc") if keel_json else None
    if keel_json is not None and keel_json.get("chosen") is not None:
        elapsed = keel_json.get("elapsedSeconds")
        notes.append(f"Keel chose {keel_json['chosen']}"
                     + (f" (search and ensembling {elapsed:.1f} s)" if isinstance(elapsed, (int, float)) else ""))
    return {"set": name, "test_rows": len(y), "test_positives": int(y.sum()), "positive": positive,
            "resamples_used": int(usable.sum()), "rows": rows, "trainers": trainers,
            "keel_held_out_auc": held_out, "notes": notes}


def fmt(value, digits=4):
    return "–" if value is None else f"{value:.{digits}f}"


def tables(sets, budget):
    out = []
    out.append(f"### Held-out ROC AUC{f' (budget {budget})' if budget else ''}\n")
    out.append("| data set (test rows, positives) | system | ROC AUC | 95 % interval | rank | fit s |")
    out.append("|---|---|---|---|---|---|")
    for s in sets:
        first = True
        for r in s["rows"]:
            where = f"{s['set']} ({s['test_rows']:,}, {s['test_positives']:,} `{s['positive']}`)" if first else ""
            rank = f"{r['rank']}{'=' if r['tied'] else ''}"
            name = LABELS[r["system"]]
            if r["system"] == "keel":
                name = f"**{name}**"
            out.append(f"| {where} | {name} | {fmt(r['auc'])} | {fmt(r['low'])} – {fmt(r['high'])} | {rank} | "
                       f"{fmt(r['fit_seconds'], 1)} |")
            first = False
    out.append("")
    out.append(f"Rank: A beats B when A's AUC is ≥ {MIN_DIFFERENCE} higher and the 2.5th percentile of the paired "
               "bootstrap difference A − B is above 0; rank = 1 + the number of systems that beat it; `=` marks a "
               "shared rank. Fit s: wall seconds of training (Keel: the whole `keel automl` process).")
    verdicts = []
    for s in sets:
        keel = next((r for r in s["rows"] if r["system"] == "keel"), None)
        if keel is not None:
            verdicts.append(f"{s['set']}: Keel rank {keel['rank']}{'=' if keel['tied'] else ''}")
    if verdicts:
        out.append("")
        out.append("Keel first or tied-first: " + "; ".join(verdicts) + ".")
    out.append("")
    out.append("### Tuning: cross-validated ROC AUC of each trainer's defaults and of its best configuration\n")
    out.append("| data set | trainer | defaults (CV AUC) | best (CV AUC) | change | trials |")
    out.append("|---|---|---|---|---|---|")
    for s in sets:
        for t in s["trainers"]:
            who = f"Keel {t['trainer']}" if t["who"] == "Keel" else f"{t['trainer']} random search (peer)"
            change = None if t["default_cv"] is None or t["best_cv"] is None else t["best_cv"] - t["default_cv"]
            sign = "" if change is None or change < 0 else "+"
            out.append(f"| {s['set']} | {who} | {fmt(t['default_cv'])} | {fmt(t['best_cv'])} | "
                       f"{sign}{fmt(change)} | {t['trials'] if t['trials'] is not None else '–'} |")
    notes = [f"{s['set']}: {n}" for s in sets for n in s["notes"]]
    for s in sets:
        keel = next((r for r in s["rows"] if r["system"] == "keel"), None)
        reported = s["keel_held_out_auc"]
        if keel is not None and isinstance(reported, (int, float)):
            same = abs(reported - keel["auc"]) < 1e-6
            notes.append(f"{s['set']}: Keel's own held-out ROC AUC in keel.json, {reported:.6f}, "
                         + ("agrees with the AUC of `keel predict`'s probabilities" if same else
                            f"DIFFERS from the AUC of `keel predict`'s probabilities ({keel['auc']:.6f})"))
    notes += [f"{s['set']}: {s['resamples_used']} usable resamples" for s in sets if s["resamples_used"] < 1000]
    if notes:
        out.append("")
        out.extend(f"- {n}" for n in notes)
    return "\n".join(out) + "\n"


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    options = {}
    for name in ("--data", "--seed", "--resamples", "--budget"):
        if name in args:
            i = args.index(name)
            options[name] = args[i + 1]
            del args[i:i + 2]
    results, names = args[0], args[1:]
    data = options.get("--data", os.path.join(results, "data"))
    seed = int(options.get("--seed", "42"))
    resamples = int(options.get("--resamples", "1000"))
    if not names:
        names = [n for n in ("adult", "german_credit", "telco_churn", "bank_marketing")
                 if os.path.isdir(os.path.join(results, n))]
    if not names:
        print(f"no set folders under {results}", file=sys.stderr)
        return 2
    sets = [score_set(n, results, data, seed, resamples) for n in names]
    text = tables(sets, options.get("--budget"))
    print(text)
    with open(os.path.join(results, "tables.md"), "w") as f:
        f.write(text)
    with open(os.path.join(results, "summary.json"), "w") as f:
        json.dump({"seed": seed, "resamples": resamples, "min_difference": MIN_DIFFERENCE, "sets": sets}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
