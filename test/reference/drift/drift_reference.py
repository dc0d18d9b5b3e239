#!/usr/bin/env python3
"""Reference numbers for src/drift, computed with Evidently and scipy.

Writes test/reference/drift/drift-reference.fixture.json: fixed input sets (built
from fixed numpy seeds, then stored explicitly so the tests need no numpy),
and what Evidently and scipy return for them. The jest tests in src/drift
load that file and compare with explicit tolerances, so the TypeScript code
is checked against Evidently and scipy themselves rather than against
numbers typed by hand.

Regenerate (from the repository root). Evidently 0.7.x does not import with
pandas 3, so use a virtual environment with pandas 2:

    python3 -m venv /tmp/drift-venv
    /tmp/drift-venv/bin/pip install "pandas<3" "evidently==0.7.23" scipy numpy
    /tmp/drift-venv/bin/python test/reference/drift/drift_reference.py
    npx prettier --write test/reference/drift/drift-reference.fixture.json

(The script runs the prettier step itself when npx is on PATH; the fixture
must be prettier-formatted because `npm run verify` checks formatting.)

What is computed, and how:
- per-column cases: Evidently's own stat-test objects, picked exactly as
  `get_one_column_drift` picks them (`registry.get_stattest`, default or by
  name) and called with the column type and threshold; the score and the
  drift flag are Evidently's;
- dataset cases: Evidently's legacy `DataDriftTable` + `DatasetDriftMetric`
  report with an explicit ColumnMapping, cross-checked against the new
  `DataDriftPreset` (the script asserts both give the same scores);
- building blocks: scipy's ks_2samp (statistic, p-value, and which p-value
  method `auto` chose), wasserstein_distance, jensenshannon, chisquare,
  kstwo.sf, special.smirnov, chdtrc, gammaln, gammainc(c), ndtr, and
  numpy's histogram_bin_edges(bins='sturges');
- JSON has no NaN or Infinity, so non-finite floats are written as the
  strings "NaN", "Infinity" and "-Infinity".
Samples are stored as run lengths ({"values"|"categories": [...], "counts": [...]})
to keep the file small: every statistic here depends only on the multiset of
a column's values (and every column is tested on its own), so row order is
not needed. The tests expand them back to unsorted arrays.
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
from scipy import special, stats
from scipy.spatial import distance

warnings.simplefilter("ignore")

# Evidently orders categories by Python set iteration, which follows string hashing, so sums
# over categories change in the last bit from run to run. Fix the hash seed (re-running this
# script under it) so the fixture is byte-for-byte reproducible.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})

import evidently  # noqa: E402
from evidently import DataDefinition, Dataset, Report  # noqa: E402
from evidently.legacy.calculations.stattests import registry  # noqa: E402
from evidently.legacy.core import ColumnType  # noqa: E402
from evidently.legacy.metrics import DataDriftTable, DatasetDriftMetric  # noqa: E402
from evidently.legacy.pipeline.column_mapping import ColumnMapping  # noqa: E402
from evidently.legacy.report import Report as LegacyReport  # noqa: E402
from evidently.presets import DataDriftPreset  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "test" / "reference" / "drift" / "drift-reference.fixture.json"

CASE_TYPES = ["family", "housing", "immigration", "employment", "criminal", "consumer"]
LANGUAGES = ["english", "spanish", "mandarin", "arabic", "french", "vietnamese"]


def num(x):
    """A float for JSON: non-finite values as strings."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def values_json(series) -> dict:
    """A sample as run lengths: every statistic here depends on the multiset of values only.

    Numbers as {"values": ascending distinct values, "counts": [...]} (ints stay ints),
    strings as {"categories": sorted distinct values, "counts": [...]}.
    """
    series = pd.Series(series)
    counts = series.value_counts(sort=False).sort_index()
    if pd.api.types.is_numeric_dtype(series):
        cast = int if pd.api.types.is_integer_dtype(series) else num
        return {"values": [cast(v) for v in counts.index], "counts": [int(c) for c in counts]}
    return {"categories": [str(v) for v in counts.index], "counts": [int(c) for c in counts]}


# ---------------------------------------------------------------- columns
COLUMN_CASES = []


def column_case(name, description, ref, cur, ctype, method=None, threshold=None):
    """Runs Evidently's stat test for one column exactly as get_one_column_drift does."""
    ref = pd.Series(ref)
    cur = pd.Series(cur)
    column_type = ColumnType.Numerical if ctype == "numeric" else ColumnType.Categorical
    test = registry.get_stattest(ref, cur, column_type, method)
    result = test(ref, cur, column_type, threshold)
    COLUMN_CASES.append(
        {
            "name": name,
            "description": description,
            "type": ctype,
            "integerValued": bool(pd.api.types.is_integer_dtype(ref) and pd.api.types.is_integer_dtype(cur)),
            "method": method,
            "threshold": threshold,
            "reference": values_json(ref),
            "current": values_json(cur),
            "expected": {
                "method": test.name,
                "score": num(result.drift_score),
                "drifted": bool(result.drifted),
                "threshold": num(result.actual_threshold),
            },
        }
    )


def build_column_cases():
    rng = np.random.default_rng(20240601)
    r2 = lambda a: np.round(a, 2)  # noqa: E731  short decimals keep the file small and add ties

    # --- small reference (<= 1000 rows): p-value tests
    column_case(
        "ks-exact-equal-sizes",
        "200 vs 200 normals, shifted: exact KS, n1 = n2 (outside-square formula)",
        r2(rng.normal(0, 1, 200)),
        r2(rng.normal(0.35, 1, 200)),
        "numeric",
    )
    column_case(
        "ks-exact-unequal-sizes",
        "300 vs 450 normals, same distribution: exact KS, n1 != n2 (inside-band recursion)",
        r2(rng.normal(10, 3, 300)),
        r2(rng.normal(10, 3, 450)),
        "numeric",
    )
    column_case(
        "ks-ties",
        "500 vs 700 integers 16..40 with many ties: exact KS on right-continuous ECDFs",
        rng.integers(16, 41, 500),
        rng.integers(18, 41, 700),
        "numeric",
    )
    column_case(
        "ks-asymptotic-drift",
        "800 vs 10500 (max > 10000): asymptotic KS, drifted (upper tail: 2 x Smirnov)",
        np.round(rng.normal(50, 10, 800), 1),
        np.round(rng.normal(52, 10, 10500), 1),
        "numeric",
    )
    column_case(
        "ks-asymptotic-no-drift",
        "120 vs 10200: asymptotic KS with n = round(en) <= 140 (Durbin / Pomeranz region)",
        np.round(rng.normal(50, 10, 120), 1),
        np.round(rng.normal(50, 10, 10200), 1),
        "numeric",
    )
    column_case(
        "ks-constant-reference",
        "constant reference, varied current (6 values in total): KS",
        np.full(150, 3.0),
        rng.integers(1, 7, 90).astype(float),
        "numeric",
    )
    column_case(
        "ks-reference-1000-rows",
        "exactly 1000 reference rows is still 'small': KS",
        r2(rng.normal(0, 1, 1000)),
        r2(rng.normal(0.1, 1, 900)),
        "numeric",
    )
    column_case(
        "chisquare-numeric-few-values",
        "numeric with 4 distinct values in reference and current: chi-squared on value counts",
        rng.choice([1, 2, 3, 4], 300, p=[0.1, 0.2, 0.3, 0.4]),
        rng.choice([1, 2, 3, 4], 400, p=[0.25, 0.25, 0.25, 0.25]),
        "numeric",
    )
    column_case(
        "chisquare-numeric-5-values-with-one-only-in-current",
        "4 values in reference + 1 new in current = 5 in total: still chi-squared; new value -> p = 0",
        rng.choice([0, 1, 2, 3], 250),
        rng.choice([0, 1, 2, 3, 4], 260),
        "numeric",
    )
    column_case(
        "z-numeric-binary",
        "numeric 0/1: two-proportion Z-test",
        rng.binomial(1, 0.3, 400),
        rng.binomial(1, 0.36, 500),
        "numeric",
    )
    column_case(
        "chisquare-categorical",
        "six case types, 500 vs 600 rows, mild shift",
        rng.choice(CASE_TYPES, 500, p=[0.25, 0.2, 0.15, 0.15, 0.15, 0.1]),
        rng.choice(CASE_TYPES, 600, p=[0.2, 0.2, 0.2, 0.15, 0.15, 0.1]),
        "categorical",
    )
    column_case(
        "chisquare-one-sided-categories",
        "a category only in reference and another only in current: expected 0 -> chi2 = inf, p = 0",
        rng.choice(["a", "b", "c"], 300),
        rng.choice(["a", "b", "d"], 300),
        "categorical",
    )
    column_case(
        "chisquare-category-only-in-reference",
        "a category seen only in reference: it adds its expected count, no infinity",
        rng.choice(["a", "b", "c", "d"], 400, p=[0.4, 0.3, 0.2, 0.1]),
        rng.choice(["a", "b", "c"], 350, p=[0.45, 0.35, 0.2]),
        "categorical",
    )
    column_case(
        "z-categorical",
        "two languages, 600 vs 700 rows",
        rng.choice(["english", "spanish"], 600, p=[0.7, 0.3]),
        rng.choice(["english", "spanish"], 700, p=[0.64, 0.36]),
        "categorical",
    )
    column_case(
        "z-constant-same-value",
        "both sides hold one and the same value: Evidently returns p = 1",
        ["english"] * 50,
        ["english"] * 80,
        "categorical",
    )
    column_case(
        "z-constant-different-values",
        "reference all 'a', current all 'b': Z-test with p1 = 0, p2 = 1",
        ["a"] * 60,
        ["b"] * 40,
        "categorical",
    )
    column_case(
        "z-one-sided-category",
        "reference one value, current two: Z-test",
        ["no"] * 100,
        ["no"] * 90 + ["yes"] * 10,
        "categorical",
    )

    # --- large reference (> 1000 rows): distances
    column_case(
        "wasserstein",
        "2000 vs 1500 normals, shifted by 0.15 sd: normalised Wasserstein",
        r2(rng.normal(100, 20, 2000)),
        r2(rng.normal(103, 20, 1500)),
        "numeric",
    )
    column_case(
        "wasserstein-reference-1001-rows",
        "1001 reference rows is 'large': Wasserstein, no drift",
        r2(rng.normal(0, 1, 1001)),
        r2(rng.normal(0, 1, 1100)),
        "numeric",
    )
    column_case(
        "wasserstein-constant-reference",
        "constant reference: std 0 -> divided by Evidently's floor 0.001",
        np.full(1200, 4.5),
        r2(rng.normal(4.5, 0.01, 1200)),
        "numeric",
    )
    column_case(
        "wasserstein-integer-ties",
        "integer years of experience with ties, 1500 vs 1300",
        rng.integers(0, 41, 1500),
        rng.integers(2, 45, 1300),
        "numeric",
    )
    column_case(
        "jensenshannon-categorical",
        "six case types, 2500 vs 2000 rows, shifted",
        rng.choice(CASE_TYPES, 2500, p=[0.3, 0.2, 0.15, 0.15, 0.1, 0.1]),
        rng.choice(CASE_TYPES, 2000, p=[0.15, 0.2, 0.15, 0.15, 0.15, 0.2]),
        "categorical",
    )
    column_case(
        "jensenshannon-one-sided-categories",
        "categories present on one side only: JS has no zero substitution (feel_zeroes=False)",
        rng.choice(["a", "b", "c"], 1500),
        rng.choice(["b", "c", "d"], 1400),
        "categorical",
    )
    column_case(
        "jensenshannon-numeric-few-values",
        "numeric with 3 distinct values, large reference: JS on value counts",
        rng.choice([1, 2, 3], 1800, p=[0.5, 0.3, 0.2]),
        rng.choice([1, 2, 3], 1600, p=[0.45, 0.3, 0.25]),
        "numeric",
    )
    column_case(
        "jensenshannon-binary",
        "binary 0/1 as a categorical, large reference",
        rng.binomial(1, 0.5, 1500),
        rng.binomial(1, 0.55, 1500),
        "categorical",
    )

    # --- overrides (method by name, threshold)
    shifted_ref = r2(rng.normal(0, 1, 1500))
    shifted_cur = r2(rng.normal(1.5, 1, 1200))
    column_case(
        "psi-numeric-histogram",
        "PSI by choice on a numeric column with > 20 values: Sturges bins over both, empty bins filled",
        shifted_ref,
        shifted_cur,
        "numeric",
        method="psi",
    )
    column_case(
        "jensenshannon-numeric-histogram",
        "JS by choice on a numeric column with > 20 values: Sturges bins, empty bins stay 0",
        shifted_ref,
        shifted_cur,
        "numeric",
        method="jensenshannon",
    )
    column_case(
        "psi-numeric-histogram-no-drift",
        "PSI on two samples of one distribution (2048 = 2^11 rows pooled: Sturges bin count edge)",
        r2(rng.normal(5, 2, 1024)),
        r2(rng.normal(5, 2, 1024)),
        "numeric",
        method="psi",
    )
    column_case(
        "psi-integer-histogram",
        "PSI on integer ages 16..90 (int dtype), 1200 vs 1300",
        rng.integers(16, 91, 1200),
        rng.integers(16, 80, 1300),
        "numeric",
        method="psi",
    )
    column_case(
        "psi-numeric-value-counts-union",
        "PSI on a numeric column with <= 20 reference values but many current values: union of values",
        rng.integers(0, 10, 300).astype(float),
        r2(rng.uniform(0, 10, 200)),
        "numeric",
        method="psi",
    )
    column_case(
        "psi-categorical-one-sided",
        "PSI on categories present on one side only (fill 0.0001 or min/1e6)",
        rng.choice(["a", "b", "c"], 800),
        rng.choice(["b", "c", "d"], 700),
        "categorical",
        method="psi",
    )
    column_case(
        "psi-categorical-tiny-share",
        "PSI where the smallest share is <= 0.0001, so empty bins get min/1e6",
        np.array(["a"] * 12000 + ["b"]),
        np.array(["a"] * 500 + ["c"] * 20),
        "categorical",
        method="psi",
    )
    column_case(
        "ks-asymptotic-large-n",
        "KS by choice on large samples (10001 vs 3000): asymptotic with n = 2308 (Pelz-Good region)",
        np.round(rng.normal(0, 1, 10001), 2),
        np.round(rng.normal(0.02, 1, 3000), 2),
        "numeric",
        method="ks",
    )
    column_case(
        "wasserstein-small-reference",
        "Wasserstein by choice on a small reference",
        r2(rng.normal(0, 1, 200)),
        r2(rng.normal(0.2, 1, 300)),
        "numeric",
        method="wasserstein",
    )
    column_case(
        "chisquare-large-reference",
        "chi-squared by choice on a large categorical reference",
        rng.choice(LANGUAGES, 2000),
        rng.choice(LANGUAGES, 1500),
        "categorical",
        method="chisquare",
    )
    column_case(
        "chisquare-single-category",
        "chi-squared by choice with one category on both sides: scipy p = NaN, Evidently 'no drift'",
        ["a"] * 30,
        ["a"] * 20,
        "categorical",
        method="chisquare",
    )
    column_case(
        "ks-threshold-override",
        "KS with threshold 0.5 instead of 0.05: p is between the two, so only the override drifts",
        r2(np.random.default_rng(0).normal(0, 1, 150)),
        r2(np.random.default_rng(0).normal(0, 1, 300)[150:] + 0.1),
        "numeric",
        threshold=0.5,
    )
    column_case(
        "jensenshannon-threshold-override",
        "JS with threshold 0.01",
        rng.choice(CASE_TYPES, 1500),
        rng.choice(CASE_TYPES, 1500),
        "categorical",
        threshold=0.01,
    )


# ---------------------------------------------------------------- dataset
def dataset_frames(seed, n_ref, n_cur, shift):
    rng = np.random.default_rng(seed)

    def frame(n, s):
        languages = ["|".join(sorted(rng.choice(LANGUAGES, rng.integers(1, 3), replace=False))) for _ in range(n)]
        return pd.DataFrame(
            {
                "client_case_type": rng.choice(CASE_TYPES, n, p=[0.3 - 0.1 * s, 0.2, 0.15, 0.15, 0.1, 0.1 + 0.1 * s]),
                "client_urgency": rng.choice(["low", "medium", "high", "critical"], n),
                "client_age": rng.integers(16, 90 + int(8 * s), n),
                "lawyer_years_experience": rng.integers(0, 40, n),
                "lawyer_rating": np.round(rng.uniform(1 + s, 5, n), 1),
                "lawyer_caseload": rng.choice([10, 20, 30, 40], n),
                "lawyer_languages": languages,
                "lawyer_pro_bono": rng.binomial(1, 0.3 + 0.2 * s, n),
                "distance_km": np.round(rng.exponential(20 + 10 * s, n), 2),
            }
        )

    return frame(n_ref, 0.0), frame(n_cur, shift)


NUMERICAL = ["client_age", "lawyer_years_experience", "lawyer_rating", "lawyer_caseload", "distance_km"]
CATEGORICAL = ["client_case_type", "client_urgency", "lawyer_languages", "lawyer_pro_bono"]


def dataset_case(name, description, ref, cur):
    mapping = ColumnMapping(
        numerical_features=NUMERICAL, categorical_features=CATEGORICAL, target=None, prediction=None
    )
    report = LegacyReport(metrics=[DatasetDriftMetric(), DataDriftTable()])
    report.run(reference_data=ref, current_data=cur, column_mapping=mapping)
    result = report.as_dict()
    dataset = result["metrics"][0]["result"]
    by_column = result["metrics"][1]["result"]["drift_by_columns"]

    # Cross-check: the new DataDriftPreset gives the same scores and the same drifted count.
    definition = DataDefinition(numerical_columns=NUMERICAL, categorical_columns=CATEGORICAL)
    snapshot = Report([DataDriftPreset()]).run(
        Dataset.from_pandas(cur, data_definition=definition), Dataset.from_pandas(ref, data_definition=definition)
    )
    preset = snapshot.dict()["metrics"]
    assert preset[0]["value"]["count"] == dataset["number_of_drifted_columns"], name
    for metric in preset[1:]:
        column = metric["config"]["column"]
        assert math.isclose(metric["value"], by_column[column]["drift_score"], rel_tol=1e-12, abs_tol=1e-300), column

    return {
        "name": name,
        "description": description,
        "numerical": NUMERICAL,
        "categorical": CATEGORICAL,
        "reference": {c: values_json(ref[c]) for c in ref.columns},
        "current": {c: values_json(cur[c]) for c in cur.columns},
        "expected": {
            "driftShare": dataset["drift_share"],
            "numberOfColumns": dataset["number_of_columns"],
            "numberOfDriftedColumns": dataset["number_of_drifted_columns"],
            "shareOfDriftedColumns": num(dataset["share_of_drifted_columns"]),
            "datasetDrift": bool(dataset["dataset_drift"]),
            "columns": {
                c: {
                    "stattest": v["stattest_name"],
                    "score": num(v["drift_score"]),
                    "drifted": bool(v["drift_detected"]),
                    "threshold": num(v["stattest_threshold"]),
                }
                for c, v in by_column.items()
            },
        },
    }


# ---------------------------------------------------------------- building blocks
def ks_cases():
    rng = np.random.default_rng(7)
    cases = []
    pairs = [
        ("tiny", [1.0, 2.0, 3.0], [2.5, 4.0]),
        ("identical", [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]),
        ("disjoint", [1.0, 2.0, 3.0], [10.0, 11.0, 12.0, 13.0]),
        ("all-tied-mixed", [5.0] * 10, [5.0] * 6 + [6.0] * 4),
        ("equal-sizes-60", np.round(rng.normal(0, 1, 60), 3), np.round(rng.normal(0.5, 1, 60), 3)),
        ("coprime-sizes", np.round(rng.normal(0, 1, 37), 3), np.round(rng.normal(0.3, 1, 91), 3)),
        ("one-element", [0.5], np.round(rng.uniform(0, 1, 25), 3)),
        ("half-integer-en", np.round(rng.normal(0, 1, 10001), 2), np.round(rng.normal(0, 1, 10001), 2)),
    ]
    for name, a, b in pairs:
        a = np.asarray(a, dtype=float)
        b = np.asarray(b, dtype=float)
        exact = stats.ks_2samp(a, b)
        n1, n2 = len(a), len(b)
        method = "exact" if max(n1, n2) <= 10000 else "asymp"
        cases.append(
            {
                "name": name,
                "reference": values_json(a),
                "current": values_json(b),
                "statistic": num(exact.statistic),
                "pValue": num(exact.pvalue),
                "method": method,
            }
        )
    return cases


def special_values():
    gammaln = [[x, num(special.gammaln(x))] for x in [1e-8, 0.1, 0.5, 1, 1.5, 2, 2.5, 3, 7.5, 14.9, 15, 30.5, 100, 1234.5, 1e5]]
    gamma_pairs = [
        (0.5, 0.01), (0.5, 0.5), (0.5, 2), (0.5, 30), (0.5, 600),
        (1, 1e-3), (1, 3), (1.5, 0.7), (2.5, 4), (3, 0.1), (3, 10), (5, 2),
        (10, 9), (10, 25), (25, 20), (25, 40), (100, 95), (100, 130), (500, 480), (500, 600),
    ]
    gammainc = [[a, x, num(special.gammainc(a, x)), num(special.gammaincc(a, x))] for a, x in gamma_pairs]
    ndtr = [[z, num(special.ndtr(z))] for z in [-40, -10, -8.3, -5, -3, -1.5, -1.4142, -1, -0.5, 0, 0.3, 1, 1.41, 1.5, 2, 3.5, 5, 8, 8.3, 9, 40]]
    chi2 = [
        [x, df, num(stats.chi2.sf(x, df))]
        for x, df in [(0.5, 1), (3.84, 1), (10, 1), (100, 1), (1, 2), (5.99, 2), (50, 2), (2, 3), (7.81, 3), (30, 3),
                      (4, 5), (11.07, 5), (80, 5), (20, 10), (200, 10), (60, 50), (500, 50), (1, 0.5)]
    ]
    kstwo = []
    for n in [1, 2, 3, 5, 10, 50, 100, 140, 141, 500, 769, 1000, 2308, 5000, 20000, 100000, 100001]:
        for x in [0.5 / n * 0.9, 0.75 / n, 1.0 / n, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6, 0.9, 1 - 0.5 / n]:
            if 0 < x < 1:
                kstwo.append([n, x, num(stats.kstwo.sf(x, n))])
    smirnov = []
    for n in [1, 2, 3, 5, 10, 11, 50, 140, 500, 1000, 5000]:
        for x in [0.0, 0.5 / n, 1.0 / n, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.7, 1 - 1.0 / n, 1.0]:
            smirnov.append([n, x, num(special.smirnov(n, x))])
    return {"gammaln": gammaln, "gammainc": gammainc, "ndtr": ndtr, "chi2Sf": chi2, "kstwoSf": kstwo, "smirnovSf": smirnov}


def distance_cases():
    rng = np.random.default_rng(11)
    wasserstein = []
    for name, u, v in [
        ("tiny", [0.0, 1.0, 3.0], [5.0, 6.0, 8.0]),
        ("ties", [1.0, 1.0, 2.0, 2.0, 2.0], [1.0, 2.0, 2.0, 3.0]),
        ("identical", [1.0, 2.0], [2.0, 1.0]),
        ("normals", np.round(rng.normal(0, 1, 300), 3), np.round(rng.normal(0.4, 1.3, 170), 3)),
    ]:
        u = np.asarray(u, dtype=float)
        v = np.asarray(v, dtype=float)
        wasserstein.append(
            {
                "name": name,
                "u": [num(x) for x in u],
                "v": [num(x) for x in v],
                "distance": num(stats.wasserstein_distance(u, v)),
                "stdU": num(np.std(u)),
            }
        )
    jensenshannon = []
    for name, p, q in [
        ("identical", [0.2, 0.3, 0.5], [0.2, 0.3, 0.5]),
        ("unnormalised", [1, 2, 3], [3, 2, 1]),
        ("disjoint", [1, 0], [0, 1]),
        ("zero-in-one", [0.5, 0.5, 0.0], [0.25, 0.25, 0.5]),
    ]:
        jensenshannon.append({"name": name, "p": p, "q": q, "distance": num(distance.jensenshannon(p, q))})
    chisquare = []
    for name, obs, exp in [
        ("uniform", [10, 12, 8, 10], [10, 10, 10, 10]),
        ("skewed", [30, 5, 5], [13.3, 13.3, 13.4]),
    ]:
        r = stats.chisquare(obs, exp)
        chisquare.append({"name": name, "observed": obs, "expected": exp, "statistic": num(r.statistic), "pValue": num(r.pvalue)})
    return {"wasserstein": wasserstein, "jensenshannon": jensenshannon, "chisquare": chisquare}


def histogram_cases():
    rng = np.random.default_rng(3)
    cases = []
    for name, a, b in [
        ("floats", np.round(rng.normal(0, 1, 300), 3), np.round(rng.normal(1, 1, 200), 3)),
        ("power-of-two-size", np.round(rng.normal(0, 1, 512), 3), np.round(rng.normal(0, 1, 512), 3)),
        ("constant", np.full(10, 2.0), np.full(5, 2.0)),
        ("integers-width-below-1", rng.integers(0, 6, 100), rng.integers(0, 6, 80)),
        ("integers-wide", rng.integers(16, 91, 400), rng.integers(16, 91, 300)),
        ("floats-width-below-1", np.round(rng.uniform(0, 5, 100), 0), np.round(rng.uniform(0, 5, 80), 0)),
    ]:
        combined = np.concatenate([a, b])
        edges = np.histogram_bin_edges(combined, bins="sturges")
        cases.append(
            {
                "name": name,
                "integer": bool(np.issubdtype(combined.dtype, np.integer)),
                "a": [num(x) for x in a],
                "b": [num(x) for x in b],
                "edges": [num(x) for x in edges],
                "countsA": [int(c) for c in np.histogram(a, edges)[0]],
                "countsB": [int(c) for c in np.histogram(b, edges)[0]],
            }
        )
    return cases


def main():
    build_column_cases()
    ref_small, cur_small = dataset_frames(5, 600, 700, 1.0)
    ref_large, cur_large = dataset_frames(6, 1300, 1400, 0.3)
    fixture = {
        "generatedBy": "test/reference/drift/drift_reference.py",
        "regenerate": "/tmp/drift-venv/bin/python test/reference/drift/drift_reference.py "
        "&& npx prettier --write test/reference/drift/drift-reference.fixture.json",
        "versions": {
            "evidently": evidently.__version__,
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "python": platform.python_version(),
        },
        "evidentlySource": "evidently package (stat tests and reports run directly)",
        "columns": COLUMN_CASES,
        "datasets": [
            dataset_case("small-reference", "600 vs 700 rows, strong shift: p-value tests", ref_small, cur_small),
            dataset_case("large-reference", "1300 vs 1400 rows, mild shift: distances", ref_large, cur_large),
        ],
        "ks": ks_cases(),
        "special": special_values(),
        "distances": distance_cases(),
        "histograms": histogram_cases(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, allow_nan=False) + "\n")
    npx = shutil.which("npx")
    if npx:
        subprocess.run([npx, "prettier", "--write", str(OUT)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    size = OUT.stat().st_size
    print(f"wrote {OUT.relative_to(ROOT)} ({size / 1024:.0f} KiB, {len(COLUMN_CASES)} column cases)", file=sys.stderr)


if __name__ == "__main__":
    main()
