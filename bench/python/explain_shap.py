"""Peer of bench/steps/explain.ts: shap 0.51's KernelExplainer timed on the same
inputs — the fixture model of test/reference/explain (its forward pass rebuilt
in numpy by numpy_model.py, checked there against tfjs to 1e-6), the same
50-row background, the same held-out pairs — with l1_reg=False as the
reference script runs it.

Sampled: `nsamples` coalitions, each scored against all 50 background rows, so
nsamples = 256 gives the 12,800 model rows per explanation that the project's
default sampled estimate scores (256 coalitions per background row). Exact:
nsamples = 2**14, which shap caps at the 2**14 - 2 coalitions of the 14 columns
(full enumeration; asserted). Runs with the shap venv's python
(.tools/shap/bin/python), not the bench venv.

Usage: explain_shap.py '{"pairs": 10, "warmUp": 2, "exactPairs": 2, "nsamples": 256}'
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

from common import args, emit

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import shap  # noqa: E402

warnings.simplefilter("ignore")

FIXTURE_DIR = Path(__file__).resolve().parents[2] / "test" / "reference" / "explain"
sys.path.insert(0, str(FIXTURE_DIR))
from numpy_model import NumpyMatchModel, RawCodec  # noqa: E402

FILES = {"background": "background.csv", "explained": "explained.csv", "heldOut": "held-out.csv"}
EXACT_NSAMPLES = 2**14


def main() -> None:
    a = args()
    pairs, warm_up, exact_pairs, nsamples = a["pairs"], a["warmUp"], a["exactPairs"], a["nsamples"]
    fixture = FIXTURE_DIR / "fixture"
    frames = {name: pd.read_csv(fixture / file, keep_default_na=False) for name, file in FILES.items()}
    codec = RawCodec(list(frames.values()))
    model = NumpyMatchModel(fixture, codec)
    background = codec.encode(frames["background"])
    held_out = codec.encode(frames["heldOut"])
    rows = held_out.shape[0]
    explainer = shap.KernelExplainer(model, background)

    def explain(row: int, n: int) -> float:
        started = time.perf_counter()
        explainer.shap_values(held_out[row], nsamples=n, l1_reg=False, silent=True)
        return (time.perf_counter() - started) * 1000

    for i in range(warm_up):
        explain(rows - 1 - i, nsamples)
    sampled_ms = [explain(row, nsamples) for row in range(pairs)]
    exact_ms = []
    for row in range(exact_pairs):
        exact_ms.append(explain(row, EXACT_NSAMPLES))
        m = int(explainer.M)
        assert explainer.nsamplesAdded == 2**m - 2, (m, explainer.nsamplesAdded)
    emit(
        {
            "shap": shap.__version__,
            "numpy": np.__version__,
            "backgroundRows": int(background.shape[0]),
            "nsamples": nsamples,
            "sampledMs": sampled_ms,
            "exactMs": exact_ms,
            "exactCoalitions": int(explainer.nsamplesAdded) if exact_pairs > 0 else None,
        }
    )


if __name__ == "__main__":
    main()
