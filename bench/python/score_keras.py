"""Peer of bench/steps/score.ts: Keras `model.predict` (batch 4096) over the
same encoded matrix, after one warm-up batch.

Usage: score_keras.py '{"matrixDir": "...", "threads": null}'
"""

from __future__ import annotations

import time

from common import args, emit

from keras_model import build_model, configure_threads  # noqa: E402
from matrices import read_matrix  # noqa: E402

BATCH = 4096


def main() -> None:
    a = args()
    threads = configure_threads(a.get("threads"))
    x, _ = read_matrix(a["matrixDir"], "train")
    model = build_model(x.shape[1])
    model.predict(x[:BATCH], batch_size=BATCH, verbose=0)  # traces the predict function
    t0 = time.perf_counter()
    p = model.predict(x, batch_size=BATCH, verbose=0)
    score_ms = (time.perf_counter() - t0) * 1000
    assert p.shape[0] == x.shape[0]
    emit({"threads": threads, "rows": int(x.shape[0]), "scoreMs": score_ms, "rowsPerSecond": x.shape[0] / (score_ms / 1000)})


if __name__ == "__main__":
    main()
