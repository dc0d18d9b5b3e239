"""Peer of bench/steps/train.ts: Keras (TensorFlow CPU) trains the production
architecture on the same encoded matrices with the same settings — batch 256,
balanced class weights, a fresh shuffle every epoch, the validation rows scored
after every epoch with exact ROC AUC, early stopping on validation ROC AUC
(patience 5, min delta 1e-4, at most 40 epochs) and the best epoch's weights
restored. `epochs` makes it a fixed-epoch run, as on the TypeScript side.

Keras' fastest configuration (issue 13, "Fair benchmarks"): the model is
built, compiled and its training and scoring functions traced before the clock
starts (one warm-up batch, then the initial weights and the optimizer's initial
state — step count and Adam moments — are put back, so the timed run starts
from the same point); validation is scored with one `predict_on_batch` call per
epoch (no per-call dataset iterator) and nothing else is computed per epoch.
What it does not do that the TypeScript trainer does: write a checkpoint every
epoch.

Usage: train_keras.py '{"matrixDir": "...", "epochs": 2, "threads": 1}'
"""

from __future__ import annotations

import time

from common import args, emit

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras_model import build_model, configure_threads  # noqa: E402
from matrices import read_matrix, read_meta  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402


class EarlyStoppingOnValidationAuc(keras.callbacks.Callback):
    """Scores the validation rows after each epoch; stops and restores like the TypeScript trainer."""

    def __init__(self, x_val, y_val, patience: int, min_delta: float):
        super().__init__()
        self.x_val, self.y_val = x_val, y_val
        self.patience, self.min_delta = patience, min_delta
        self.best_auc: float | None = None
        self.best_epoch = 0
        self.best_weights = None
        self.wait = 0
        self.epoch_ms: list[float] = []
        self._started = 0.0

    def on_epoch_begin(self, epoch, logs=None):
        self._started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        p = np.asarray(self.model.predict_on_batch(self.x_val)).ravel()
        auc = roc_auc_score(self.y_val, p)
        if self.best_auc is None or auc > self.best_auc + self.min_delta:
            self.best_auc, self.best_epoch, self.wait = auc, epoch + 1, 0
            self.best_weights = self.model.get_weights()
        else:
            self.wait += 1
            if self.wait >= self.patience:
                self.model.stop_training = True
        self.epoch_ms.append((time.perf_counter() - self._started) * 1000)

    def on_train_end(self, logs=None):
        if self.best_weights is not None:
            self.model.set_weights(self.best_weights)


def warmed_up_model(features: int, x, y, x_val, weights: dict[int, float]) -> keras.Model:
    """A compiled model whose train and predict functions are already traced, at its initial state."""
    model = build_model(features)
    model.optimizer.build(model.trainable_variables)
    initial = model.get_weights()
    initial_optimizer = [v.numpy() for v in model.optimizer.variables]
    sample_weight = np.vectorize(weights.get)(y[:256]).astype("float32")
    model.train_on_batch(x[:256], y[:256], sample_weight=sample_weight)
    model.predict_on_batch(x_val)
    model.set_weights(initial)
    for variable, value in zip(model.optimizer.variables, initial_optimizer, strict=True):
        variable.assign(value)
    return model


def main() -> None:
    a = args()
    threads = configure_threads(a.get("threads"))
    meta = read_meta(a["matrixDir"])
    x, y = read_matrix(a["matrixDir"], "train")
    x_val, y_val = read_matrix(a["matrixDir"], "validation")
    fixed = a.get("epochs")
    epochs = fixed or 40
    stopper = EarlyStoppingOnValidationAuc(x_val, y_val, patience=fixed or 5, min_delta=1e-4)
    weights = {int(k): float(v) for k, v in meta["classWeights"].items()}
    model = warmed_up_model(x.shape[1], x, y, x_val, weights)

    t0 = time.perf_counter()
    model.fit(
        x,
        y,
        batch_size=256,
        epochs=epochs,
        shuffle=True,
        class_weight=weights,
        callbacks=[stopper],
        verbose=0,
    )
    train_ms = (time.perf_counter() - t0) * 1000
    epochs_run = len(stopper.epoch_ms)
    emit(
        {
            "backend": f"keras {keras.__version__} (TensorFlow CPU)",
            "threads": threads,
            "trainRows": int(x.shape[0]),
            "features": int(x.shape[1]),
            "fixedEpochs": fixed is not None,
            "epochs": epochs_run,
            "bestEpoch": stopper.best_epoch,
            "trainMs": train_ms,
            "samplesPerSecond": x.shape[0] * epochs_run / (train_ms / 1000),
            "epochMs": stopper.epoch_ms,
            "bestValRocAuc": stopper.best_auc,
        }
    )


if __name__ == "__main__":
    main()
