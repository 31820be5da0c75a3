#!/usr/bin/env python3
"""Writes src/test/resources/golden/metrics.json from scikit-learn (Debian's python3-sklearn): every metric of
sklearn.metrics that jtorch mirrors, for several label and score sets (ties, classes never predicted, a single
class, labels other than 0/1, zero_division settings), and the error messages for bad arguments.
Run from the repository root:  /usr/bin/python3 src/test/python/gen_metrics_golden.py [--out FILE]
"""
import json
import math
import os
import sys
import warnings

from reference_blas import blas_in_use, pin_reference_blas  # noqa: E402

pin_reference_blas()

import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.metrics import (accuracy_score, auc, average_precision_score, classification_report,
                             confusion_matrix, f1_score, fbeta_score, mean_absolute_error, mean_squared_error,
                             multilabel_confusion_matrix, precision_recall_curve, precision_recall_fscore_support,
                             precision_score, r2_score, recall_score, roc_auc_score, roc_curve)


def num(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def floats(a):
    return [num(v) for v in np.asarray(a, dtype=np.float64).reshape(-1).tolist()]


def ints(a):
    return [int(v) for v in np.asarray(a).reshape(-1).tolist()]


def value(v):
    """Scalars as numbers, arrays as (nested) lists, None as null."""
    if v is None:
        return None
    if isinstance(v, str):
        return v
    a = np.asarray(v)
    if a.ndim == 0:
        return int(a) if a.dtype.kind in "iub" else num(a)
    if a.dtype.kind in "iub":
        return a.tolist()
    return [value(x) for x in a]


ZD = {"warn": "warn", "0": 0, "1": 1}


def quiet(f, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return f(*args, **kw)


def classification_results(y_true, y_pred, pos_label=1, labels=None):
    r = {}
    r["accuracy"] = value(accuracy_score(y_true, y_pred))
    r["accuracy_count"] = value(accuracy_score(y_true, y_pred, normalize=False))
    binary = len(np.union1d(y_true, y_pred)) <= 2
    averages = (["binary"] if binary else []) + ["micro", "macro", "weighted", None]
    for zd_name, zd in ZD.items():
        for avg in averages:
            kw = dict(average=avg, zero_division=zd, pos_label=pos_label)
            p, rc, f, s = quiet(precision_recall_fscore_support, y_true, y_pred, **kw)
            r["prfs|%s|%s" % (avg, zd_name)] = {"p": value(p), "r": value(rc), "f": value(f), "s": value(s)}
            if avg is not None:
                r["precision|%s|%s" % (avg, zd_name)] = value(quiet(precision_score, y_true, y_pred, **kw))
                r["recall|%s|%s" % (avg, zd_name)] = value(quiet(recall_score, y_true, y_pred, **kw))
                r["f1|%s|%s" % (avg, zd_name)] = value(quiet(f1_score, y_true, y_pred, **kw))
            if labels is not None and avg != "binary":
                kw["labels"] = labels
                p, rc, f, s = quiet(precision_recall_fscore_support, y_true, y_pred, **kw)
                r["prfs_labels|%s|%s" % (avg, zd_name)] = {"p": value(p), "r": value(rc), "f": value(f),
                                                           "s": value(s)}
    for beta in (0.5, 2.0):
        for avg in (["binary"] if binary else []) + ["macro", "weighted"]:
            r["fbeta|%s|%s" % (beta, avg)] = value(quiet(fbeta_score, y_true, y_pred, beta=beta, average=avg,
                                                          pos_label=pos_label))
    r["confusion"] = value(confusion_matrix(y_true, y_pred))
    for norm in ("true", "pred", "all"):
        r["confusion|" + norm] = value(quiet(confusion_matrix, y_true, y_pred, normalize=norm))
    r["mcm"] = value(multilabel_confusion_matrix(y_true, y_pred))
    if labels is not None:
        r["confusion_labels"] = value(confusion_matrix(y_true, y_pred, labels=labels))
        r["mcm_labels"] = value(multilabel_confusion_matrix(y_true, y_pred, labels=labels))
        r["report_labels"] = quiet(classification_report, y_true, y_pred, labels=labels)
    r["report|2|warn"] = quiet(classification_report, y_true, y_pred)
    r["report|4|0"] = quiet(classification_report, y_true, y_pred, digits=4, zero_division=0)
    r["report|3|1"] = quiet(classification_report, y_true, y_pred, digits=3, zero_division=1)
    names = ["class %s" % l for l in np.union1d(y_true, y_pred)]
    names[0] = "a much longer class name"
    r["report_names"] = quiet(classification_report, y_true, y_pred, target_names=names)
    r["report_names_list"] = names
    return r


def ranking_results(y_true, y_score, pos_label=None):
    r = {}
    for drop in (True, False):
        fpr, tpr, thr = quiet(roc_curve, y_true, y_score, pos_label=pos_label, drop_intermediate=drop)
        r["roc|%s" % drop] = {"fpr": value(fpr), "tpr": value(tpr), "thresholds": value(thr)}
    p, rc, thr = quiet(precision_recall_curve, y_true, y_score, pos_label=pos_label)
    r["pr_curve"] = {"precision": value(p), "recall": value(rc), "thresholds": value(thr)}
    r["ap"] = value(quiet(average_precision_score, y_true, y_score, pos_label=1 if pos_label is None else pos_label))
    if len(np.unique(y_true)) == 2:
        r["roc_auc"] = value(roc_auc_score(y_true, y_score))
        for max_fpr in (0.3, 0.05, 0.5):
            r["roc_auc|%s" % max_fpr] = value(roc_auc_score(y_true, y_score, max_fpr=max_fpr))
        fpr, tpr, _ = roc_curve(y_true, y_score, pos_label=pos_label)
        r["auc_of_roc"] = value(auc(fpr, tpr))
    return r


def classification_cases():
    rs = np.random.RandomState(0)
    cases = []

    def add(name, y_true, y_pred, y_score=None, pos_label=1, labels=None, curve_pos_label=None):
        y_true = np.asarray(y_true)
        y_pred = np.asarray(y_pred)
        c = {"name": name, "y_true": ints(y_true), "y_pred": ints(y_pred), "pos_label": pos_label,
             "labels": labels, "results": classification_results(y_true, y_pred, pos_label, labels)}
        if y_score is not None:
            c["y_score"] = floats(y_score)
            c["curve_pos_label"] = curve_pos_label
            c["ranking"] = ranking_results(y_true, np.asarray(y_score), curve_pos_label)
        cases.append(c)

    add("binary_basic", [0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1], [0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1],
        [0.1, 0.9, 0.4, 0.35, 0.8, 0.7, 0.6, 0.2, 0.65, 0.05, 0.45, 0.99], labels=[1, 0])
    y = rs.randint(2, size=40)
    score = np.round(np.clip(0.35 * y + 0.65 * rs.random_sample(40), 0, 1), 1)
    add("binary_ties", y, (score >= 0.5).astype(int), score)
    y = rs.randint(2, size=400)
    score = np.clip(0.3 * y + 0.7 * rs.random_sample(400), 0, 1)
    add("binary_random_400", y, (score > 0.5).astype(int), score)
    add("binary_all_predicted_negative", [0, 1, 0, 1, 1, 0], [0, 0, 0, 0, 0, 0], [0.2, 0.4, 0.1, 0.3, 0.45, 0.05])
    add("binary_single_class_true", [0, 0, 0, 0, 0], [0, 1, 0, 0, 1], [0.1, 0.7, 0.3, 0.2, 0.9])
    add("binary_labels_3_7", [3, 7, 7, 3, 7, 3, 3, 7], [3, 7, 3, 3, 7, 7, 3, 7],
        [0.2, 0.8, 0.4, 0.1, 0.9, 0.6, 0.3, 0.7], pos_label=7, curve_pos_label=7)
    add("binary_minus1_1", [-1, 1, 1, -1, 1, -1, -1], [-1, 1, -1, -1, 1, 1, -1],
        [-2.0, 1.5, 0.0, -0.5, 3.0, 0.0, -1.0])
    X, y001 = make_classification(n_samples=1000, n_features=2, n_informative=2, n_redundant=0,
                                  n_clusters_per_class=1, random_state=42)
    logits = 1.7 * X[:200, 0] - 0.4 * X[:200, 1]
    prob = 1 / (1 + np.exp(-logits))
    add("seed001_first200", y001[:200], (prob > 0.5).astype(int), prob)
    add("multiclass_never_predicted", [0, 1, 2, 2, 1, 0, 2, 1, 0, 2], [0, 1, 1, 0, 1, 0, 1, 1, 0, 0],
        labels=[2, 0, 5])
    y = rs.randint(4, size=60)
    pred = np.where(rs.random_sample(60) < 0.7, y, rs.randint(4, size=60))
    add("multiclass_random", y, pred, labels=[3, 1])
    add("multiclass_large_labels", [10, 20, 30, 10, 20, 30, 30], [10, 20, 20, 30, 20, 30, 10])
    add("all_equal", [1, 1, 1], [1, 1, 1])
    return cases


def multiclass_auc_cases():
    rs = np.random.RandomState(3)
    out = []
    for name, n, k in [("ovr_4class", 50, 4), ("ovr_3class", 30, 3)]:
        y = rs.randint(k, size=n)
        y[:k] = np.arange(k)
        logits = rs.standard_normal((n, k)) + 1.5 * np.eye(k)[y]
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        out.append({"name": name, "y_true": ints(y), "y_score": [floats(row) for row in p],
                    "macro": value(roc_auc_score(y, p, multi_class="ovr", average="macro")),
                    "weighted": value(roc_auc_score(y, p, multi_class="ovr", average="weighted")),
                    "micro": value(roc_auc_score(y, p, multi_class="ovr", average="micro"))})
    return out


def regression_cases():
    out = []

    def add(name, y_true, y_pred):
        y_true = np.asarray(y_true, dtype=np.float64)
        y_pred = np.asarray(y_pred, dtype=np.float64)
        out.append({"name": name, "y_true": floats(y_true), "y_pred": floats(y_pred), **reg(y_true, y_pred)})

    add("small", [3.0, -0.5, 2.0, 7.0], [2.5, 0.0, 2.0, 8.0])
    add("perfect", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    add("constant_true_perfect", [2.0, 2.0, 2.0], [2.0, 2.0, 2.0])
    add("constant_true", [2.0, 2.0, 2.0], [1.0, 2.0, 3.0])
    add("single", [1.5], [2.0])
    rs = np.random.RandomState(8)
    add("random_50", rs.standard_normal(50) * 3, rs.standard_normal(50) * 3)
    generated = []
    for seed, n in [(5, 1000), (6, 20000), (7, 7)]:
        g = np.random.RandomState(seed)
        y_true = g.uniform(-10.0, 10.0, n)
        y_pred = y_true + g.uniform(-1.0, 1.0, n)
        generated.append({"seed": seed, "n": n, **reg(y_true, y_pred)})
    return out, generated


def reg(y_true, y_pred):
    return {"mse": value(mean_squared_error(y_true, y_pred)),
            "rmse": value(mean_squared_error(y_true, y_pred, squared=False)),
            "mae": value(mean_absolute_error(y_true, y_pred)),
            "r2": value(quiet(r2_score, y_true, y_pred)),
            "r2_not_finite": value(quiet(r2_score, y_true, y_pred, force_finite=False))}


def error_cases():
    def msg(f):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                f()
        except (ValueError, TypeError) as e:
            return str(e)
        raise AssertionError("no error")

    return {
        "binary_average_on_multiclass": msg(lambda: precision_score([0, 1, 2], [0, 1, 1])),
        "pos_label_not_present": msg(lambda: precision_score([0, 1, 1], [0, 1, 1], pos_label=2)),
        "inconsistent_lengths": msg(lambda: accuracy_score([0, 1], [0, 1, 1])),
        "confusion_empty_labels": msg(lambda: confusion_matrix([0, 1], [0, 1], labels=[])),
        "confusion_labels_not_in_y_true": msg(lambda: confusion_matrix([0, 1], [0, 1], labels=[5])),
        "fbeta_negative": msg(lambda: fbeta_score([0, 1], [0, 1], beta=-1)),
        "report_target_names": msg(lambda: classification_report([0, 1], [0, 1], target_names=["a"])),
        "roc_auc_single_class": msg(lambda: roc_auc_score([0, 0, 0], [0.1, 0.2, 0.3])),
        "roc_auc_multiclass_1d": msg(lambda: roc_auc_score([0, 1, 2], [0.1, 0.2, 0.3])),
        "roc_curve_multiclass": msg(lambda: roc_curve([0, 1, 2], [0.1, 0.2, 0.3])),
        "roc_curve_pos_label": msg(lambda: roc_curve([1, 2, 2], [0.1, 0.2, 0.3])),
        "roc_curve_nan": msg(lambda: roc_curve([0, 1], [0.1, np.nan])),
        "roc_curve_inf": msg(lambda: roc_curve([0, 1], [0.1, np.inf])),
        "ap_pos_label": msg(lambda: average_precision_score([0, 1, 1], [0.1, 0.2, 0.3], pos_label=2)),
        "ap_multiclass": msg(lambda: average_precision_score([0, 1, 2], [0.1, 0.2, 0.3])),
        "auc_one_point": msg(lambda: auc([0.0], [1.0])),
        "auc_not_monotonic": msg(lambda: auc([0.0, 1.0, 0.5], [1.0, 2.0, 3.0])),
        "roc_auc_max_fpr": msg(lambda: roc_auc_score([0, 1, 1], [0.1, 0.2, 0.3], max_fpr=1.5)),
        "roc_auc_ovr_not_probabilities": msg(lambda: roc_auc_score([0, 1, 2, 1], [[0.1, 0.2, 0.3]] * 4,
                                                                   multi_class="ovr")),
        "mse_inconsistent": msg(lambda: mean_squared_error([1.0, 2.0], [2.0])),
    }


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    target = os.path.join(root, "src", "test", "resources", "golden", "metrics.json")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    regression, generated = regression_cases()
    data = {"generator": "src/test/python/gen_metrics_golden.py", "numpy_version": np.__version__,
            "sklearn_version": sklearn.__version__, "blas": blas_in_use(),
            "classification": classification_cases(), "multiclass_roc_auc": multiclass_auc_cases(),
            "regression": regression, "regression_generated": generated, "errors": error_cases()}
    with open(target, "w") as f:
        json.dump(data, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", target, file=sys.stderr)


if __name__ == "__main__":
    main()
