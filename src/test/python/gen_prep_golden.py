#!/usr/bin/env python3
"""Writes src/test/resources/golden/prep.json from NumPy and scikit-learn (Debian's python3-numpy and
python3-sklearn): numpy.random.RandomState streams, make_classification, train_test_split, the cross-validators
and StandardScaler, and the error messages for bad arguments.
Run from the repository root:  /usr/bin/python3 src/test/python/gen_prep_golden.py [--out FILE]
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
from sklearn.model_selection import (KFold, ShuffleSplit, StratifiedKFold, StratifiedShuffleSplit,
                                     train_test_split)
from sklearn.preprocessing import StandardScaler


def num(v):
    """A float for JSON, with nan and infinities spelled out."""
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


def matrix(a):
    a = np.asarray(a, dtype=np.float64)
    return [floats(row) for row in a]


def random_state_cases():
    out = []
    for seed in [0, 1, 7, 42, 123, 2**32 - 1]:
        rs = np.random.RandomState(seed)
        c = {"seed": seed}
        c["random_sample"] = floats(rs.random_sample(10))
        c["randint_10"] = ints(rs.randint(10, size=20))
        c["randint_range"] = ints(rs.randint(-5, 1000, size=10))
        c["randint_big"] = ints(rs.randint(0, 2**40, size=5))
        c["randint_full32"] = ints(rs.randint(0, 2**32, size=3))
        c["randint_scalar"] = [int(rs.randint(7)) for _ in range(5)]
        c["randint_one"] = ints(rs.randint(3, 4, size=3))
        c["standard_normal"] = floats(rs.standard_normal(11))
        c["normal"] = floats(rs.normal(3.0, 2.0, size=5))
        c["uniform"] = floats(rs.uniform(-2.0, 5.0, size=5))
        c["rand_2x3"] = floats(rs.rand(2, 3))
        c["permutation"] = ints(rs.permutation(15))
        arr = np.arange(10) * 1.5
        rs.shuffle(arr)
        c["shuffle"] = floats(arr)
        c["choice"] = ints(rs.choice(20, 5, replace=False))
        c["choice_replace"] = ints(rs.choice(7, 6, replace=True))
        c["choice_array"] = ints(rs.choice(np.array([10, 20, 30, 40]), 3, replace=False))
        c["permutation_big"] = ints(rs.permutation(300))[:20]
        state = rs.get_state()
        c["state_pos"] = int(state[2])
        c["state_has_gauss"] = int(state[3])
        c["state_gauss"] = num(state[4])
        c["state_key_head"] = ints(state[1][:8])
        c["next_after"] = floats(rs.random_sample(3))
        out.append(c)
    # A long Gaussian stream, and the full state of a generator in the middle of one.
    rs = np.random.RandomState(2024)
    normals = floats(rs.standard_normal(4001))
    state = rs.get_state()
    long_stream = {"seed": 2024, "standard_normal": normals, "state_key": ints(state[1]), "state_pos": int(state[2]),
                   "state_has_gauss": int(state[3]), "state_gauss": num(state[4])}
    return out, long_stream


def make_classification_cases():
    cases = []
    for seed in [42, 0, 7, 123]:
        kw = dict(n_samples=1000, n_features=2, n_informative=2, n_redundant=0, n_clusters_per_class=1,
                  random_state=seed)
        cases.append(("seed001_rs%d" % seed, kw))
    cases += [
        ("defaults_rs0", dict(random_state=0)),
        ("multiclass_weights_rs7", dict(n_samples=200, n_features=10, n_informative=5, n_redundant=2, n_repeated=1,
                                        n_classes=4, n_clusters_per_class=2, weights=[0.1, 0.2, 0.3], flip_y=0.05,
                                        class_sep=2.0, random_state=7)),
        ("no_hypercube_random_shift_scale_rs123", dict(n_samples=150, n_features=6, n_informative=3, n_redundant=1,
                                                       n_classes=3, n_clusters_per_class=1, hypercube=False,
                                                       shift=None, scale=None, random_state=123)),
        ("no_shuffle_rs42", dict(n_samples=50, n_features=4, n_informative=2, n_redundant=1, shuffle=False,
                                 random_state=42)),
        ("many_informative_rs0", dict(n_samples=120, n_features=14, n_informative=12, n_redundant=0, n_classes=3,
                                      n_clusters_per_class=2, flip_y=0.0, random_state=0)),
        ("over_30_informative_rs1", dict(n_samples=40, n_features=35, n_informative=35, n_redundant=0,
                                         random_state=1)),
        ("one_informative_rs5", dict(n_samples=30, n_features=3, n_informative=1, n_redundant=0,
                                     n_clusters_per_class=1, flip_y=0.2, random_state=5)),
        ("array_shift_scale_rs3", dict(n_samples=25, n_features=3, n_informative=2, n_redundant=1,
                                       shift=np.array([1.0, -2.0, 0.5]), scale=np.array([2.0, 0.5, 10.0]),
                                       weights=[0.7], random_state=3)),
    ]
    out = []
    for name, kw in cases:
        X, y = make_classification(**kw)
        args = {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in kw.items()}
        out.append({"name": name, "args": args, "X": matrix(X), "y": ints(y)})
    return out


def seed001_labels():
    return make_classification(n_samples=1000, n_features=2, n_informative=2, n_redundant=0, n_clusters_per_class=1,
                               random_state=42)


def split_cases():
    X001, y001 = seed001_labels()
    y3 = np.array([0] * 12 + [1] * 7 + [2] * 11)
    np.random.RandomState(9).shuffle(y3)
    tts = []
    for name, n, kw in [
        ("seed001", 1000, dict(test_size=0.2, random_state=42)),
        ("default_size_rs0", 10, dict(random_state=0)),
        ("int_sizes_rs1", 10, dict(test_size=3, train_size=5, random_state=1)),
        ("train_fraction_rs7", 17, dict(train_size=0.6, random_state=7)),
        ("no_shuffle", 10, dict(test_size=0.3, shuffle=False)),
        ("stratified_3class_rs42", 30, dict(test_size=0.2, random_state=42, stratify=y3)),
        ("stratified_seed001_rs0", 1000, dict(test_size=0.25, random_state=0, stratify=y001)),
        ("stratified_fractions_rs5", 30, dict(test_size=0.3, train_size=0.5, random_state=5, stratify=y3)),
    ]:
        train, test = train_test_split(np.arange(n), **kw)
        args = {k: (ints(v) if isinstance(v, np.ndarray) else v) for k, v in kw.items()}
        tts.append({"name": name, "n_samples": n, "args": args, "train": ints(train), "test": ints(test)})

    def splits(cv, *xy):
        return [{"train": ints(tr), "test": ints(te)} for tr, te in cv.split(*xy)]

    kfold = []
    for name, n, kw in [("n10_k3", 10, dict(n_splits=3)),
                        ("n11_k4_shuffle_rs42", 11, dict(n_splits=4, shuffle=True, random_state=42)),
                        ("n1000_k5_shuffle_rs0", 1000, dict(n_splits=5, shuffle=True, random_state=0)),
                        ("n7_k7", 7, dict(n_splits=7))]:
        kfold.append({"name": name, "n_samples": n, "args": kw, "splits": splits(KFold(**kw), np.zeros((n, 1)))})

    y_mixed = np.array([2, 0, 1, 2, 2, 0, 1, 1, 2, 0, 2, 2, 1, 0, 2, 5, 5, 5, 0, 1, 2, 2, 5, 1])
    y_neg = np.array([7, -1, 3, 3, 7, -1, -1, 3, 7, 7, 3, -1, 3, 3])
    skf = []
    for name, y, kw in [("mixed_k3", y_mixed, dict(n_splits=3)),
                        ("mixed_k3_shuffle_rs42", y_mixed, dict(n_splits=3, shuffle=True, random_state=42)),
                        ("seed001_k5_shuffle_rs7", y001, dict(n_splits=5, shuffle=True, random_state=7)),
                        ("negative_labels_k4_shuffle_rs1", y_neg, dict(n_splits=4, shuffle=True, random_state=1)),
                        ("three_class_k5", y3, dict(n_splits=5))]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            s = splits(StratifiedKFold(**kw), np.zeros((len(y), 1)), y)
        skf.append({"name": name, "y": ints(y), "args": kw, "splits": s})

    ss = []
    for name, n, kw in [("n20_rs0", 20, dict(n_splits=3, test_size=0.25, random_state=0)),
                        ("n10_default_rs3", 10, dict(random_state=3)),
                        ("n15_int_sizes_rs8", 15, dict(n_splits=2, test_size=4, train_size=6, random_state=8))]:
        ss.append({"name": name, "n_samples": n, "args": kw, "splits": splits(ShuffleSplit(**kw), np.zeros((n, 1)))})
    sss = []
    for name, y, kw in [("three_class_rs1", y3, dict(n_splits=3, test_size=0.3, random_state=1)),
                        ("mixed_rs11", y_mixed, dict(n_splits=2, test_size=8, train_size=10, random_state=11))]:
        sss.append({"name": name, "y": ints(y), "args": kw,
                    "splits": splits(StratifiedShuffleSplit(**kw), np.zeros((len(y), 1)), y)})
    return tts, kfold, skf, ss, sss


def scaler_case(name, X, X_new=None, dtype=np.float64, **kw):
    X = np.asarray(X, dtype=dtype)
    sc = StandardScaler(**kw)
    Z = sc.fit_transform(X)
    c = {"name": name, "dtype": np.dtype(dtype).name, "args": kw, "X": matrix(X),
         "mean": None if sc.mean_ is None else floats(sc.mean_),
         "var": None if sc.var_ is None else floats(sc.var_),
         "scale": None if sc.scale_ is None else floats(sc.scale_),
         "n_samples_seen": ints(np.broadcast_to(sc.n_samples_seen_, (X.shape[1],))),
         "transformed": matrix(Z), "transformed_dtype": Z.dtype.name,
         "inverse": matrix(sc.inverse_transform(Z))}
    if X_new is not None:
        X_new = np.asarray(X_new, dtype=dtype)
        c["X_new"] = matrix(X_new)
        c["X_new_transformed"] = matrix(sc.transform(X_new))
    return c


def scaler_cases():
    out = []
    # Seed 001's pipeline: float32 features split 80/20, fitted on the training rows.
    X, y = seed001_labels()
    X32 = X.astype(np.float32)
    X_train, X_test = train_test_split(X32, test_size=0.2, random_state=42)
    out.append(scaler_case("seed001_float32", X_train, X_test, dtype=np.float32))
    rs = np.random.RandomState(11)
    out.append(scaler_case("float64_3features", rs.uniform(-3, 8, size=(50, 3)) * [1.0, 100.0, 0.01],
                           rs.uniform(-3, 8, size=(4, 3))))
    out.append(scaler_case("constant_columns", [[1.0, 5.0, 0.1], [1.0, 6.0, 0.1], [1.0, 7.0, 0.1], [1.0, 9.0, 0.1]],
                           [[2.0, 5.0, 0.2]]))
    out.append(scaler_case("with_nan", [[1.0, math.nan], [2.0, 3.0], [math.nan, 5.0], [4.0, 6.0], [0.5, 1.0]],
                           [[math.nan, 2.0], [3.0, math.nan]]))
    out.append(scaler_case("without_mean", [[1.0, -2.0], [3.0, 4.0], [5.0, 7.5]], with_mean=False))
    out.append(scaler_case("without_std", [[1.0, -2.0], [3.0, 4.0], [5.0, 7.5]], with_std=False))
    out.append(scaler_case("neither", [[1.0, -2.0], [3.0, 4.0], [5.0, 7.5]], with_mean=False, with_std=False))
    # Data NumPy sums pairwise (a single column) or in 8192-value blocks; regenerated in Java from the recipe.
    big = []
    for seed, n, k, lo, hi in [(3, 20000, 1, -100.0, 300.0), (4, 9000, 2, -1e6, 1e6), (5, 777, 1, 0.0, 1e-3)]:
        Xb = np.random.RandomState(seed).uniform(lo, hi, size=(n, k))
        sc = StandardScaler().fit(Xb)
        big.append({"seed": seed, "n_samples": n, "n_features": k, "low": lo, "high": hi, "mean": floats(sc.mean_),
                    "var": floats(sc.var_), "scale": floats(sc.scale_), "transformed_head": matrix(sc.transform(Xb[:20]))})
    # partial_fit over three batches.
    rs = np.random.RandomState(21)
    batches = [rs.uniform(-1, 4, size=(n, 2)) for n in (5, 9, 3)]
    sc = StandardScaler()
    steps = []
    for b in batches:
        sc.partial_fit(b)
        steps.append({"batch": matrix(b), "mean": floats(sc.mean_), "var": floats(sc.var_), "scale": floats(sc.scale_),
                      "n_samples_seen": int(sc.n_samples_seen_)})
    return out, big, steps


def error_cases():
    def msg(f):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                f()
        except (ValueError, TypeError) as e:
            return str(e)
        raise AssertionError("no error")

    a10 = np.arange(10)
    return {
        "test_size_1_5": msg(lambda: train_test_split(a10, test_size=1.5)),
        "test_size_0": msg(lambda: train_test_split(a10, test_size=0.0)),
        "test_size_int_too_big": msg(lambda: train_test_split(a10, test_size=10)),
        "train_empty": msg(lambda: train_test_split(a10, test_size=0.95)),
        "sizes_sum": msg(lambda: train_test_split(a10, test_size=0.6, train_size=0.6)),
        "sizes_sum_int": msg(lambda: train_test_split(a10, test_size=6, train_size=6)),
        "inconsistent": msg(lambda: train_test_split(np.zeros((10, 2)), np.zeros(8))),
        "stratify_no_shuffle": msg(lambda: train_test_split(a10, shuffle=False, stratify=a10 % 2)),
        "stratify_singleton": msg(lambda: train_test_split(a10, stratify=[0] * 9 + [1])),
        "stratify_test_too_small": msg(lambda: train_test_split(a10, test_size=1, stratify=a10 % 2)),
        "kfold_1": msg(lambda: KFold(1)),
        "kfold_random_state_no_shuffle": msg(lambda: KFold(3, random_state=1)),
        "kfold_too_many_splits": msg(lambda: list(KFold(5).split(np.zeros((3, 1))))),
        "skfold_too_many_splits": msg(lambda: list(StratifiedKFold(4).split(np.zeros((6, 1)), [0, 0, 0, 1, 1, 1]))),
        "make_classification_features": msg(lambda: make_classification(n_features=3, n_informative=2,
                                                                         n_redundant=2)),
        "make_classification_hypercube": msg(lambda: make_classification(n_features=5, n_informative=1,
                                                                          n_redundant=0, n_classes=2,
                                                                          n_clusters_per_class=2)),
        "make_classification_weights": msg(lambda: make_classification(weights=[0.2, 0.3, 0.5])),
        "scaler_features": msg(lambda: StandardScaler().fit(np.zeros((3, 2))).transform(np.zeros((2, 3)))),
        "scaler_inf": msg(lambda: StandardScaler().fit(np.array([[1.0], [np.inf]]))),
        "random_state_seed": msg(lambda: np.random.RandomState(-1)),
        "randint_low_high": msg(lambda: np.random.RandomState(0).randint(5, 5)),
        "choice_too_many": msg(lambda: np.random.RandomState(0).choice(3, 5, replace=False)),
    }


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    target = os.path.join(root, "src", "test", "resources", "golden", "prep.json")
    if len(sys.argv) > 2 and sys.argv[1] == "--out":
        target = sys.argv[2]
    rs_cases, long_stream = random_state_cases()
    tts, kfold, skf, ss, sss = split_cases()
    scalers, big, steps = scaler_cases()
    data = {"generator": "src/test/python/gen_prep_golden.py", "numpy_version": np.__version__,
            "sklearn_version": sklearn.__version__, "blas": blas_in_use(),
            "random_state": rs_cases, "random_state_long": long_stream,
            "make_classification": make_classification_cases(),
            "train_test_split": tts, "kfold": kfold, "stratified_kfold": skf, "shuffle_split": ss,
            "stratified_shuffle_split": sss,
            "standard_scaler": scalers, "standard_scaler_big": big, "standard_scaler_partial_fit": steps,
            "errors": error_cases()}
    with open(target, "w") as f:
        json.dump(data, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", target, file=sys.stderr)


if __name__ == "__main__":
    main()
