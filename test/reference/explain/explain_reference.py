#!/usr/bin/env python3
"""Reference numbers for src/explain, computed with shap and scikit-learn.

Writes test/reference/explain/explain-reference.fixture.json from the fixture in
test/reference/explain/fixture/ (a model trained by the project's own trainer
and its rows, written by make-fixture.ts):

1. the model's forward pass rebuilt in numpy from model.json, weights.bin and
   preprocessor.json (numpy_model.py), checked against the probabilities tfjs
   computed for every fixture row: the script stops when they differ by more
   than 1e-6;
2. shap's KernelExplainer values for each explained row against the 50-row
   background, with full enumeration: nsamples = 2**14 (shap caps it at the
   2**M - 2 coalitions of the M varying columns, so every subset size is
   enumerated; the script asserts that it was) and l1_reg=False. shap 0.51's
   default is l1_reg="num_features(10)", which would keep only 10 of the 14
   columns; `solve` skips the selection only when l1_reg is "auto", False or 0
   (and "auto" is deprecated), so False it is. With every coalition present,
   KernelSHAP's weighted regression gives the exact Shapley values of
   v(S) = mean over background rows of f(x on S, background elsewhere);
3. scikit-learn's permutation_importance of the same model on the 600
   held-out rows (scoring="roc_auc", n_repeats=5, random_state=0), and the
   permutations it applied, exported so the TypeScript code can be fed the
   same ones (its own generator is not numpy's). sklearn permutes the column
   it already permuted, with one RandomState seeded identically for every
   column; the permutation applied to the ORIGINAL column at repeat r is the
   composition of the first r shuffles. The script recomputes every
   importance from those exported permutations and asserts that it gets
   sklearn's numbers, so the export is exactly what sklearn did.

Regenerate (from the repository root):

    bash scripts/ensure-venv-tool.sh shap 'shap==0.51.0'
    npx tsx test/reference/explain/make-fixture.ts      # only to change the model
    .tools/shap/bin/python test/reference/explain/explain_reference.py

The shap venv resolves numpy 2.4.6, scipy 1.17.1, scikit-learn 1.9.1 and
pandas 3.1.1 (recorded in the JSON). The script runs prettier on the JSON.
"""

from __future__ import annotations

import hashlib
import json
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shap
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.inspection import permutation_importance
from sklearn.metrics import roc_auc_score
from sklearn.utils import check_random_state

sys.path.insert(0, str(Path(__file__).resolve().parent))
from numpy_model import RAW_COLUMNS, NumpyMatchModel, RawCodec  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
FIXTURE = Path(__file__).resolve().parent / "fixture"
OUT = Path(__file__).resolve().parent / "explain-reference.fixture.json"
FILES = {"background": "background.csv", "explained": "explained.csv", "heldOut": "held-out.csv"}
LABEL = "match_success"
FORWARD_TOLERANCE = 1e-6
NSAMPLES = 2**14
PERMUTATION_SEED = 0
N_REPEATS = 5


class ProbabilityClassifier(ClassifierMixin, BaseEstimator):
    """A fitted binary classifier around the numpy model, as sklearn's roc_auc scorer calls it."""

    def __init__(self, model=None):
        self.model = model

    def fit(self, X, y):  # noqa: N803 - sklearn's signature
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X):  # noqa: N803
        p = self.model(np.asarray(X, dtype=np.float64))
        return np.column_stack([1.0 - p, p])

    def predict(self, X):  # noqa: N803
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_forward(model: NumpyMatchModel, codec: RawCodec, frames: dict[str, pd.DataFrame]) -> float:
    tfjs = json.loads((FIXTURE / "tfjs-probabilities.json").read_text())
    worst = 0.0
    for name, frame in frames.items():
        ours = model(codec.encode(frame))
        diff = float(np.max(np.abs(ours - np.asarray(tfjs[name], dtype=np.float64))))
        print(f"forward pass, {name}: max |numpy - tfjs| = {diff:.3g}")
        worst = max(worst, diff)
    if worst > FORWARD_TOLERANCE:
        sys.exit(f"the numpy forward pass differs from tfjs by {worst} > {FORWARD_TOLERANCE}; fix numpy_model.py first")
    return worst


def shap_values(model: NumpyMatchModel, codec: RawCodec, frames: dict[str, pd.DataFrame]) -> dict:
    background = codec.encode(frames["background"])
    explained = codec.encode(frames["explained"])
    explainer = shap.KernelExplainer(model, background)
    rows = []
    for i in range(explained.shape[0]):
        started = time.perf_counter()
        values = explainer.shap_values(explained[i], nsamples=NSAMPLES, l1_reg=False, silent=True)
        seconds = time.perf_counter() - started
        m = int(explainer.M)
        # Full enumeration: every coalition of the varying columns but the empty and full ones.
        assert explainer.nsamples == 2**m - 2 and explainer.nsamplesAdded == 2**m - 2, (m, explainer.nsamplesAdded)
        fx = float(model(explained[i : i + 1])[0])
        total = float(explainer.expected_value) + float(np.sum(values))
        assert abs(total - fx) < 1e-9, (total, fx)
        rows.append(
            {
                "row": i,
                "varyingColumns": m,
                "coalitions": int(explainer.nsamplesAdded),
                "expectedValue": float(explainer.expected_value),
                "prediction": fx,
                "values": [float(v) for v in values],
                "seconds": round(seconds, 3),
            }
        )
        print(f"shap row {i}: M = {m}, f(x) = {fx:.6f}, {seconds:.1f} s")
    return {"nsamples": NSAMPLES, "l1Reg": False, "link": "identity", "columns": RAW_COLUMNS, "rows": rows}


def sklearn_permutations(n_rows: int) -> list[np.ndarray]:
    """The permutations of the original column that permutation_importance applies, per repeat."""
    random_state = check_random_state(PERMUTATION_SEED)
    random_seed = random_state.randint(np.iinfo(np.int32).max + 1)
    column_state = check_random_state(random_seed)
    shuffling_idx = np.arange(n_rows)
    applied = np.arange(n_rows)
    out = []
    for _ in range(N_REPEATS):
        column_state.shuffle(shuffling_idx)
        applied = applied[shuffling_idx]
        out.append(applied.copy())
    return out


def permutation_reference(model: NumpyMatchModel, codec: RawCodec, frame: pd.DataFrame) -> dict:
    X = codec.encode(frame)  # noqa: N806
    y = frame[LABEL].to_numpy(dtype=np.int64)
    estimator = ProbabilityClassifier(model).fit(X, y)
    result = permutation_importance(
        estimator, X, y, scoring="roc_auc", n_repeats=N_REPEATS, random_state=PERMUTATION_SEED
    )
    baseline = float(roc_auc_score(y, model(X)))
    permutations = sklearn_permutations(X.shape[0])
    recomputed = np.empty((X.shape[1], N_REPEATS))
    for j in range(X.shape[1]):
        for r, perm in enumerate(permutations):
            permuted = X.copy()
            permuted[:, j] = X[perm, j]
            recomputed[j, r] = baseline - roc_auc_score(y, model(permuted))
    gap = float(np.max(np.abs(recomputed - result.importances)))
    assert gap < 1e-12, f"the exported permutations do not reproduce sklearn's importances ({gap})"
    print(f"permutation importance: baseline ROC AUC {baseline:.6f}; exported permutations reproduce sklearn (gap {gap:.1g})")
    return {
        "scoring": "roc_auc",
        "nRepeats": N_REPEATS,
        "randomState": PERMUTATION_SEED,
        "columns": RAW_COLUMNS,
        "baselineScore": baseline,
        "permutations": [[int(i) for i in p] for p in permutations],
        "importances": [[float(v) for v in row] for row in result.importances],
        "importancesMean": [float(v) for v in result.importances_mean],
        "importancesStd": [float(v) for v in result.importances_std],
    }


def main() -> None:
    frames = {name: pd.read_csv(FIXTURE / file, keep_default_na=False) for name, file in FILES.items()}
    codec = RawCodec(list(frames.values()))
    model = NumpyMatchModel(FIXTURE, codec)
    forward_gap = check_forward(model, codec, frames)
    reference = {
        "generatedBy": "test/reference/explain/explain_reference.py",
        "versions": {
            "shap": shap.__version__,
            "sklearn": sklearn.__version__,
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "python": platform.python_version(),
        },
        "fixture": {
            name: sha256(FIXTURE / name)
            for name in ["model.json", "weights.bin", "preprocessor.json", *FILES.values()]
        },
        "forwardPass": {"maxAbsDiffVsTfjs": forward_gap, "tolerance": FORWARD_TOLERANCE},
        "shap": shap_values(model, codec, frames),
        "permutationImportance": permutation_reference(model, codec, frames["heldOut"]),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(reference, indent=2) + "\n")
    npx = shutil.which("npx")
    if npx:
        subprocess.run([npx, "prettier", "--write", str(OUT)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"written {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
