"""The production architecture in Keras, as src/model/architecture.ts builds it
in tfjs: dense 64 (ReLU) → dropout 0.2 → dense 32 (ReLU) → dropout 0.2 →
dense 1 (sigmoid); Glorot-uniform kernels, zero biases, L2 1e-4 on every
kernel; Adam 1e-3; binary cross-entropy."""

from __future__ import annotations

import os

import keras
import tensorflow as tf


def configure_threads(threads: int | None) -> int:
    """Caps TensorFlow's thread pools (None: TensorFlow's default, every core); returns the count used."""
    if threads is not None:
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)
        return threads
    return os.cpu_count() or 1


def build_model(features: int, seed: int = 42) -> keras.Model:
    """Builds and compiles the network."""
    keras.utils.set_random_seed(seed)
    l2 = keras.regularizers.L2(1e-4)
    model = keras.Sequential(
        [
            keras.Input((features,)),
            keras.layers.Dense(64, activation="relu", kernel_regularizer=l2),
            keras.layers.Dropout(0.2),
            keras.layers.Dense(32, activation="relu", kernel_regularizer=l2),
            keras.layers.Dropout(0.2),
            keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=l2),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy")
    return model
