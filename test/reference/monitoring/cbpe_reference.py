#!/usr/bin/env python3
"""Reference numbers for src/monitoring/cbpe, computed with NannyML's CBPE.

Writes cbpe-reference.fixture.json beside this file: fixed inputs (drawn
from fixed numpy seeds, then stored explicitly so the tests need no Python)
and what NannyML 0.13.1 returns for them. The jest tests in src/monitoring
load that file and compare with explicit tolerances, so the TypeScript CBPE is
checked against NannyML itself rather than against numbers typed by hand.

Regenerate (from the repository root):

    bash scripts/ensure-venv-tool.sh nannyml nannyml==0.13.1 statsmodels==0.15.0 \
      pandas==3.1.1 numpy==2.4.6 scipy==1.17.1 scikit-learn==1.9.1
    .tools/nannyml/bin/python test/reference/monitoring/cbpe_reference.py

(nannyml 0.13.1 imports statsmodels without declaring it; numpy, pandas, scipy
and scikit-learn are pinned too because the numbers are theirs as much as
NannyML's. The script runs prettier on the fixture when npx is on PATH.)

What is computed, and how:
- whole-estimator cases: `nannyml.CBPE(problem_type='classification_binary')`
  fitted on a reference set (labels, scores, predictions at 0.5) and run on an
  analysis set, with roc_auc, accuracy, f1, precision, recall and the
  (unnormalised) confusion matrix; every chunk's estimate, sampling error,
  confidence band, alert thresholds, alert flag and realized value (the
  analysis sets carry labels, so NannyML reports realized performance too),
  for reference and analysis chunks; plus the estimator's internals: whether it
  calibrated, the isotonic calibrator's thresholds, the calibrated analysis
  scores, and every metric's sampling-error components;
- the calibration decision (`nannyml.calibration.needs_calibration`),
  replayed step by step with NannyML's own helpers to record the expected
  calibration error before and after calibration. NannyML sorts by score with
  numpy's default (unstable) argsort; calibrated scores are full of ties, and
  the order of tied rows with different labels moves rows across ECE bins, so
  the "after" ECE depends on numpy's sort internals (SIMD sorts differ per CPU).
  The script therefore also records both ECEs under a stable sort, which is
  what the TypeScript code computes; the decision must agree with NannyML's;
- building blocks: numpy's legacy RandomState(42) permutations (MT19937, as
  scikit-learn's StratifiedShuffleSplit uses it), StratifiedShuffleSplit
  indices, scikit-learn's IsotonicRegression (thresholds and predictions), and
  NannyML's ECE bin edges;
- JSON has no NaN or Infinity: non-finite floats are written as the strings
  "NaN", "Infinity" and "-Infinity".
Uncalibrated scores are drawn from continuous distributions and checked to
have no ties: NannyML also sorts them with an unstable argsort (ROC AUC
estimate, AUROC sampling error), which is only well-defined without ties.
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

# NannyML sends usage statistics unless told not to (and this machine has no network).
os.environ["NML_DISABLE_USAGE_LOGGING"] = "1"
warnings.simplefilter("ignore")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
from sklearn.isotonic import IsotonicRegression  # noqa: E402
from sklearn.model_selection import StratifiedShuffleSplit  # noqa: E402

import nannyml  # noqa: E402
from nannyml.calibration import (  # noqa: E402
    IsotonicCalibrator,
    _calculate_expected_calibration_error,
    _get_bin_index_edges,
    needs_calibration,
)

ROOT = Path(__file__).resolve().parents[3]
OUT = Path(__file__).resolve().parent / "cbpe-reference.fixture.json"

METRICS = ["roc_auc", "accuracy", "f1", "precision", "recall", "confusion_matrix"]
# The column names NannyML reports (the confusion matrix is four of them).
RESULT_METRICS = [
    "roc_auc",
    "accuracy",
    "f1",
    "precision",
    "recall",
    "true_positive",
    "true_negative",
    "false_positive",
    "false_negative",
]
RESULT_FIELDS = [
    "value",
    "sampling_error",
    "realized",
    "upper_confidence_boundary",
    "lower_confidence_boundary",
    "upper_threshold",
    "lower_threshold",
    "alert",
]
THRESHOLD = 0.5


def num(value):
    """A JSON-safe float (NaN and infinities as strings) or None."""
    if value is None:
        return None
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def nums(values):
    return [num(v) for v in values]


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def draw(rng, n, shift, true_slope, model_slope, model_bias, noise):
    """Labels from a logistic concept on a latent x, and a model's (miscalibrated) scores."""
    x = rng.normal(shift, 1.0, size=n)
    y = (rng.random(n) < sigmoid(true_slope * x)).astype(int)
    score = sigmoid(model_slope * x + model_bias + rng.normal(0.0, noise, size=n))
    return y, score


def no_ties(scores, what):
    if len(np.unique(scores)) != len(scores):
        raise SystemExit(f"{what}: scores have ties; pick another seed")


def replay_needs_calibration(y_true, scores):
    """NannyML's needs_calibration, step by step, with its ECEs (numpy's sort and a stable sort)."""
    y_true = np.asarray(y_true)
    scores = np.asarray(scores)
    decision = needs_calibration(y_true=pd.Series(y_true), y_pred_proba=pd.Series(scores), calibrator=IsotonicCalibrator())
    out = {"decision": bool(decision), "shortcut": None}
    if len(np.unique(y_true)) == 1:
        out["shortcut"] = "single_class"
        out["stableDecision"] = bool(decision)
        return out
    from sklearn.metrics import roc_auc_score

    if roc_auc_score(y_true, scores) > 0.999:
        out["shortcut"] = "auc_above_0.999"
        out["stableDecision"] = bool(decision)
        return out
    calibrator = IsotonicCalibrator()
    sss = StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42)
    ys, before, after = [], [], []
    for train, test in sss.split(scores, y_true):
        calibrator.fit(scores[train], y_true[train])
        ys.append(y_true[test])
        before.append(scores[test])
        after.append(calibrator.calibrate(scores[test]))
    ys, before, after = np.concatenate(ys), np.concatenate(before), np.concatenate(after)
    edges = _get_bin_index_edges(len(before), 10)

    def stable_ece(y, p):
        order = np.argsort(p, kind="stable")
        p, y = p[order], y[order]
        return float(sum(len(p[a:b]) / len(p) * abs(np.mean(p[a:b]) - np.mean(y[a:b])) for a, b in edges))

    out.update(
        {
            "eceBefore": num(_calculate_expected_calibration_error(ys, before, edges)),
            "eceAfter": num(_calculate_expected_calibration_error(ys, after, edges)),
            "eceBeforeStable": num(stable_ece(ys, before)),
            "eceAfterStable": num(stable_ece(ys, after)),
        }
    )
    if (out["eceBefore"] > out["eceAfter"]) != decision:
        raise SystemExit("replayed needs_calibration disagrees with NannyML's")
    # True when NannyML's decision hangs on how numpy's sort orders tied calibrated scores.
    out["stableDecision"] = bool(out["eceBeforeStable"] > out["eceAfterStable"])
    return out


def results_table(result_df, period):
    rows = result_df[result_df[("chunk", "period")] == period]
    chunks = []
    for _, row in rows.iterrows():
        chunk = {
            "key": row[("chunk", "key")],
            "startIndex": int(row[("chunk", "start_index")]),
            "endIndex": int(row[("chunk", "end_index")]),
            "metrics": {},
        }
        for metric in RESULT_METRICS:
            entry = {}
            for field in RESULT_FIELDS:
                value = row[(metric, field)]
                if field == "alert":
                    entry[field] = None if pd.isna(value) else bool(value)
                else:
                    entry[field] = num(None if value is None else value)
            chunk["metrics"][metric] = entry
        chunks.append(chunk)
    return chunks


def sampling_components(estimator):
    out = {}
    for metric in estimator.metrics:
        if metric.name == "confusion_matrix":
            for part in ["true_positive", "true_negative", "false_positive", "false_negative"]:
                std, proportion, _norm = getattr(metric, f"_{part}_sampling_error_components")
                out[part] = [num(std), num(proportion)]
        else:
            out[metric.name] = [num(c) for c in metric._sampling_error_components]
    return out


def cbpe_case(name, description, reference, analysis, chunking, keep_calibrated=False):
    ref_y, ref_p = reference
    ana_y, ana_p = analysis
    no_ties(ref_p, f"{name} reference")
    no_ties(ana_p, f"{name} analysis")
    ref = pd.DataFrame({"y_true": ref_y, "y_pred_proba": ref_p, "y_pred": (ref_p >= THRESHOLD).astype(int)})
    ana = pd.DataFrame({"y_true": ana_y, "y_pred_proba": ana_p, "y_pred": (ana_p >= THRESHOLD).astype(int)})
    estimator = nannyml.CBPE(
        y_pred_proba="y_pred_proba",
        y_pred="y_pred",
        y_true="y_true",
        problem_type="classification_binary",
        metrics=METRICS,
        **chunking,
    )
    estimator.fit(ref)
    result = estimator.estimate(ana).to_df()
    calibrated = estimator.calibrator.calibrate(ana_p) if estimator.needs_calibration else ana_p
    regressor = estimator.calibrator._regressor
    return {
        "name": name,
        "description": description,
        "chunking": {k: v for k, v in chunking.items()},
        "reference": {"labels": [int(v) for v in ref_y], "scores": nums(ref_p)},
        "analysis": {"labels": [int(v) for v in ana_y], "scores": nums(ana_p)},
        "expected": {
            "needsCalibration": bool(estimator.needs_calibration),
            "calibration": replay_needs_calibration(ref_y, ref_p),
            "calibrator": (
                {"x": nums(regressor.X_thresholds_), "y": nums(regressor.y_thresholds_)}
                if estimator.needs_calibration
                else None
            ),
            # (kept for one case only, to keep the fixture small)
            "calibratedAnalysisScores": nums(calibrated) if keep_calibrated else None,
            "samplingErrorComponents": sampling_components(estimator),
            "referenceChunks": results_table(result, "reference"),
            "analysisChunks": results_table(result, "analysis"),
        },
    }


def build_cases():
    cases = []

    rng = np.random.default_rng(20260115)
    reference = draw(rng, 1600, 0.0, 1.6, 2.6, -0.4, 0.3)
    analysis = draw(rng, 2400, 0.35, 1.6, 2.6, -0.4, 0.3)
    cases.append(
        cbpe_case(
            "overconfident-shifted",
            "overconfident scores (isotonic calibration helps), analysis shifted towards positives, chunks of 400",
            reference,
            analysis,
            {"chunk_size": 400},
            keep_calibrated=True,
        )
    )

    rng = np.random.default_rng(7)
    reference = draw(rng, 1500, 0.0, 1.2, 1.2, 0.0, 0.0)
    analysis = draw(rng, 1800, -0.3, 1.2, 1.2, 0.0, 0.0)
    cases.append(
        cbpe_case(
            "calibrated",
            "scores equal to the true probabilities: isotonic calibration does not lower the ECE, so none is applied",
            reference,
            analysis,
            {"chunk_size": 300},
        )
    )

    rng = np.random.default_rng(11)
    reference = draw(rng, 1237, 0.9, 1.4, 0.9, 0.5, 0.4)
    analysis = draw(rng, 1111, 0.5, 1.4, 0.9, 0.5, 0.4)
    cases.append(
        cbpe_case(
            "majority-positive-count-chunks",
            "most labels are 1 (AUROC sampling error flips classes), underconfident scores, 7 chunks by count with a kept incomplete chunk",
            reference,
            analysis,
            {"chunk_number": 7},
        )
    )

    rng = np.random.default_rng(3)
    y, p = draw(rng, 437, -0.6, 2.0, 1.5, -0.8, 0.5)
    low = int(np.argmin(p))
    y[low] = 1  # the lowest-scored reference row is a positive: NannyML's AUROC components drop its rank 0
    ana_y, ana_p = draw(rng, 500, -1.4, 2.0, 1.5, -0.8, 0.5)
    cases.append(
        cbpe_case(
            "default-chunker-low-positive",
            "NannyML's default chunker (10 chunks of 43 and one of 7), lowest-scored reference row positive, "
            "an analysis population with few positive predictions",
            (y, p),
            (ana_y, ana_p),
            {},
        )
    )

    rng = np.random.default_rng(5)
    n = 800
    y = (rng.random(n) < 0.4).astype(int)
    p = np.where(y == 1, rng.uniform(0.62, 0.99, n), rng.uniform(0.01, 0.38, n))
    ana_y = (rng.random(600) < 0.4).astype(int)
    ana_p = np.where(ana_y == 1, rng.uniform(0.55, 0.99, 600), rng.uniform(0.01, 0.45, 600))
    ana_p[:200] = rng.uniform(0.01, 0.45, 200)  # a first chunk with no positive prediction at all
    cases.append(
        cbpe_case(
            "separable",
            "perfectly separated reference (AUC > 0.999, so no calibration), thresholds at the [0, 1] limits, "
            "a chunk without positive predictions",
            (y, p),
            (ana_y, ana_p),
            {"chunk_size": 200},
        )
    )
    return cases


def building_blocks():
    permutations = []
    for n in [1, 2, 3, 10, 17, 100, 1000]:
        rs = np.random.RandomState(42)
        first = rs.permutation(n)
        second = rs.permutation(n)
        permutations.append({"n": n, "first": [int(v) for v in first], "second": [int(v) for v in second]})

    splits = []
    for name, seed, n, rate in [("small-imbalanced", 1, 37, 0.3), ("medium", 2, 401, 0.45), ("large", 3, 2000, 0.25)]:
        rng = np.random.default_rng(seed)
        y = (rng.random(n) < rate).astype(int)
        sss = StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42)
        folds = [
            {"train": [int(v) for v in train] if n <= 401 else None, "test": [int(v) for v in test]}
            for train, test in sss.split(np.zeros(n), y)
        ]
        splits.append({"name": name, "labels": [int(v) for v in y], "folds": folds})

    isotonic = []
    rng = np.random.default_rng(9)
    x = np.round(rng.random(300), 2)  # many duplicate x values
    y = (rng.random(300) < x).astype(float)
    queries = np.concatenate([[-0.5, 0.0, 1.0, 1.5], np.unique(x)[:20], rng.random(40)])
    reg = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(x, y)
    isotonic.append(
        {
            "name": "duplicates-and-out-of-bounds",
            "x": nums(x),
            "y": nums(y),
            "thresholdsX": nums(reg.X_thresholds_),
            "thresholdsY": nums(reg.y_thresholds_),
            "queries": nums(queries),
            "predictions": nums(reg.predict(queries)),
        }
    )
    x = rng.random(500)
    y = (rng.random(500) < x**2).astype(float)
    queries = rng.random(60)
    reg = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(x, y)
    isotonic.append(
        {
            "name": "continuous",
            "x": nums(x),
            "y": nums(y),
            "thresholdsX": nums(reg.X_thresholds_),
            "thresholdsY": nums(reg.y_thresholds_),
            "queries": nums(queries),
            "predictions": nums(reg.predict(queries)),
        }
    )

    bin_edges = [
        {"length": n, "bins": 10, "edges": [[int(a), int(b)] for a, b in _get_bin_index_edges(n, 10)]}
        for n in [20, 21, 22, 99, 100, 105, 119, 200, 2000]
    ]
    return {"permutations": permutations, "splits": splits, "isotonic": isotonic, "binEdges": bin_edges}


def main():
    fixture = {
        "generatedBy": "test/reference/monitoring/cbpe_reference.py",
        "versions": {
            "nannyml": nannyml.__version__,
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "scipy": scipy.__version__,
            "sklearn": sklearn.__version__,
            "python": platform.python_version(),
        },
        "threshold": THRESHOLD,
        "cases": build_cases(),
        "blocks": building_blocks(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, allow_nan=False) + "\n")
    npx = shutil.which("npx")
    if npx:
        subprocess.run([npx, "prettier", "--write", str(OUT)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    for case in fixture["cases"]:
        print(
            f"{case['name']}: needs_calibration={case['expected']['needsCalibration']} "
            f"({case['expected']['calibration']}), {len(case['expected']['analysisChunks'])} analysis chunks",
            file=sys.stderr,
        )
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1024:.0f} KiB)", file=sys.stderr)


if __name__ == "__main__":
    main()
