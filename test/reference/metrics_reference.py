#!/usr/bin/env python3
"""Reference numbers for src/metrics, computed with scikit-learn.

Writes test/reference/sklearn-reference.fixture.json: for each fixed input
set below, the inputs and what scikit-learn returns for every metric and curve
that src/metrics implements. The jest tests in src/metrics load that file and
compare with an explicit tolerance, so the TypeScript code is checked against
scikit-learn itself rather than against numbers typed by hand.

Regenerate (from the repository root):

    pip install scikit-learn numpy
    python3 test/reference/metrics_reference.py
    npx prettier --write test/reference/sklearn-reference.fixture.json

(The script runs the prettier step itself when npx is on PATH; the fixture must
be prettier-formatted because `npm run verify` checks formatting.)

Conventions shared with the TypeScript code:
- a row is predicted positive when score >= threshold (the convention of
  sklearn's roc_curve / precision_recall_curve thresholds);
- precision, recall and F1 use sklearn's default zero_division ("warn"),
  which returns 0.0; the warnings are silenced here;
- log_loss gets labels=[0, 1] so that one-class inputs are scored instead of
  rejected; probabilities are float64, so sklearn clips them to
  [eps, 1 - eps] with eps = np.finfo(np.float64).eps;
- curves use drop_intermediate=False;
- JSON has no NaN or Infinity, so non-finite floats are written as the strings
  "NaN", "Infinity" and "-Infinity".
"""

from __future__ import annotations

import json
import math
import platform
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    confusion_matrix,
    f1_score,
    log_loss,
    precision_recall_curve,
    precision_score,
    recall_score,
    roc_auc_score,
    roc_curve,
)

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test" / "reference" / "sklearn-reference.fixture.json"
THRESHOLD = 0.5
# i / 10, not 0.1 * i: 0.1 * 3 == 0.30000000000000004, whereas a user who
# writes 0.3 gets the double nearest to 3/10.
TABLE_THRESHOLDS = [i / 10 for i in range(1, 10)]
N_BINS = 10


def input_sets() -> list[dict]:
    """Fixed inputs; each one exercises a case named in its description."""
    rng = np.random.default_rng(20240611)
    sets: list[dict] = [
        {
            "name": "basic",
            "description": "ten rows, distinct scores, both classes",
            "labels": [0, 0, 1, 1, 0, 1, 0, 1, 1, 0],
            "scores": [0.1, 0.4, 0.35, 0.8, 0.65, 0.9, 0.2, 0.55, 0.45, 0.05],
        },
        {
            "name": "tied-scores",
            "description": "ties within and across classes",
            "labels": [1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1],
            "scores": [0.7, 0.7, 0.3, 0.3, 0.3, 0.9, 0.1, 0.5, 0.5, 0.5, 0.9, 0.7],
        },
        {
            "name": "all-same-scores",
            "description": "every score 0.5: a single threshold, AUC 0.5",
            "labels": [1, 0, 0, 1, 0, 0],
            "scores": [0.5] * 6,
        },
        {
            "name": "perfect",
            "description": "every positive scores above every negative",
            "labels": [0, 1, 0, 1, 1, 0, 0, 1],
            "scores": [0.2, 0.8, 0.1, 0.95, 0.6, 0.3, 0.45, 0.7],
        },
        {
            "name": "inverted",
            "description": "every positive scores below every negative",
            "labels": [1, 0, 1, 0, 0, 1, 1, 0],
            "scores": [0.2, 0.8, 0.1, 0.95, 0.6, 0.3, 0.45, 0.7],
        },
        {
            "name": "imbalanced",
            "description": "60 rows with 4 positives",
            "labels": [1 if i in (3, 17, 41, 58) else 0 for i in range(60)],
            "scores": [float(x) for x in rng.beta(2.0, 5.0, size=60)],
        },
        {
            "name": "extreme-probabilities",
            "description": "probabilities exactly 0 and 1, some confidently wrong (log loss clipping)",
            "labels": [1, 0, 1, 0, 1, 0, 1, 0],
            "scores": [1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.5, 0.5],
        },
        {
            "name": "only-negatives",
            "description": "one class (0): AUCs undefined, zero-division in precision/recall/F1",
            "labels": [0, 0, 0, 0, 0],
            "scores": [0.1, 0.6, 0.3, 0.9, 0.3],
        },
        {
            "name": "only-positives",
            "description": "one class (1): ROC AUC undefined, AP trivially 1",
            "labels": [1, 1, 1, 1],
            "scores": [0.2, 0.7, 0.7, 0.4],
        },
        {
            "name": "threshold-edges",
            "description": "scores exactly on the table thresholds and calibration bin edges",
            "labels": [0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0],
            "scores": [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 0.5],
        },
    ]
    labels = rng.integers(0, 2, size=400)
    # Noisy but informative scores rounded to 2 decimals, so ties are common.
    noisy = np.clip(0.35 * labels + rng.normal(0.35, 0.2, size=400), 0.0, 1.0)
    sets.append(
        {
            "name": "random-rounded-400",
            "description": "400 rows, informative scores rounded to 0.01 (many ties)",
            "labels": [int(x) for x in labels],
            "scores": [float(x) for x in np.round(noisy, 2)],
        }
    )
    labels = rng.integers(0, 2, size=300)
    sets.append(
        {
            "name": "random-continuous-300",
            "description": "300 rows, full-precision scores from a logistic model",
            "labels": [int(x) for x in labels],
            "scores": [float(x) for x in 1.0 / (1.0 + np.exp(-(1.2 * labels - 0.6 + rng.normal(0, 1, size=300))))],
        }
    )
    return sets


def reference(labels_list: list[int], scores_list: list[float]) -> dict:
    y = np.asarray(labels_list, dtype=np.int64)
    s = np.asarray(scores_list, dtype=np.float64)

    def at(threshold: float) -> dict:
        pred = (s >= threshold).astype(np.int64)
        return {
            "threshold": threshold,
            "precision": float(precision_score(y, pred, labels=[0, 1])),
            "recall": float(recall_score(y, pred, labels=[0, 1])),
            "f1": float(f1_score(y, pred, labels=[0, 1])),
            "positiveRate": float(np.mean(pred)),
        }

    pred = (s >= THRESHOLD).astype(np.int64)
    tn, fp, fn, tp = (int(x) for x in confusion_matrix(y, pred, labels=[0, 1]).ravel())
    fpr, tpr, roc_thresholds = roc_curve(y, s, drop_intermediate=False)
    precision, recall, pr_thresholds = precision_recall_curve(y, s, drop_intermediate=False)
    prob_true, prob_pred = calibration_curve(y, s, n_bins=N_BINS, strategy="uniform")
    # calibration_curve does not return counts; this repeats its own binning
    # (sklearn/calibration.py: searchsorted on the inner edges, then bincount).
    bin_ids = np.searchsorted(np.linspace(0.0, 1.0, N_BINS + 1)[1:-1], s)
    counts = np.bincount(bin_ids, minlength=N_BINS)
    nonzero = np.flatnonzero(counts)
    return {
        "confusion": {"tp": tp, "fp": fp, "tn": tn, "fn": fn},
        "accuracy": float(accuracy_score(y, pred)),
        "precision": float(precision_score(y, pred, labels=[0, 1])),
        "recall": float(recall_score(y, pred, labels=[0, 1])),
        "f1": float(f1_score(y, pred, labels=[0, 1])),
        "rocAuc": float(roc_auc_score(y, s)) if len(np.unique(y)) == 2 else math.nan,
        "averagePrecision": float(average_precision_score(y, s)),
        "logLoss": float(log_loss(y, s, labels=[0, 1])),
        "rocCurve": {"fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": roc_thresholds.tolist()},
        "precisionRecallCurve": {
            "precision": precision.tolist(),
            "recall": recall.tolist(),
            "thresholds": pr_thresholds.tolist(),
        },
        "calibration": {
            "bin": nonzero.tolist(),
            "count": counts[nonzero].tolist(),
            "fractionPositive": prob_true.tolist(),
            "meanPredicted": prob_pred.tolist(),
        },
        "thresholdTable": [at(t) for t in TABLE_THRESHOLDS],
    }


def encode(value):
    """JSON has no NaN/Infinity: write them as strings the tests decode."""
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


def main() -> None:
    cases = []
    with warnings.catch_warnings():
        # One-class and zero-division cases warn by design; their values are
        # what we want to record.
        warnings.simplefilter("ignore")
        for case in input_sets():
            cases.append({**case, "expected": reference(case["labels"], case["scores"])})
    document = {
        "generatedBy": "test/reference/metrics_reference.py",
        "regenerate": "python3 test/reference/metrics_reference.py && "
        "npx prettier --write test/reference/sklearn-reference.fixture.json",
        "versions": {
            "sklearn": sklearn.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
        },
        "threshold": THRESHOLD,
        "tableThresholds": TABLE_THRESHOLDS,
        "calibrationBins": N_BINS,
        "float64Epsilon": float(np.finfo(np.float64).eps),
        "cases": encode(cases),
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(document, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(cases)} cases, sklearn {sklearn.__version__})")
    npx = shutil.which("npx")
    if npx is None:
        print("npx not found: run `npx prettier --write` on the fixture before committing", file=sys.stderr)
        return
    subprocess.run([npx, "prettier", "--write", str(OUTPUT)], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
