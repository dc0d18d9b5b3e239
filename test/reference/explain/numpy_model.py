"""The match model's forward pass in numpy, read from a saved model folder.

A model folder holds what the TypeScript pipeline saves (src/model/artifacts.ts,
src/features/preprocessor-io.ts): ``model.json`` (tfjs layers topology and the
weights manifest), ``weights.bin`` (float32, little-endian, in manifest order)
and ``preprocessor.json`` (the fitted encoders). This module rebuilds both the
preprocessing and the network from those files alone, so Python peers (shap,
scikit-learn) can call the very model the TypeScript code explains.

Raw rows travel as a float64 matrix of *codes*, one column per raw dataset
column in schema order (what shap's KernelExplainer needs: a numeric matrix it
can copy columns between): numeric columns hold their value, categorical and
set-valued columns the index of their cell text in ``RawCodec.levels``.
Encoding then works on whole columns with numpy indexing.

The encoding mirrors src/features/transform-rows.ts: standardised numeric
features ((transform(v) - mean) / std, log1p where the preprocessor says so),
then 0/1 flags (binary columns and the derived pair features), then one-hot and
multi-hot blocks over the fitted vocabularies (an unseen value encodes to all
zeros); the result is rounded to float32 as the TypeScript encoder stores it.
The dense layers then run in float64 on the float32 weights.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

# The dataset's feature columns in schema order (src/data/schema.ts), the label excluded.
RAW_COLUMNS = [
    "client_case_type",
    "client_urgency",
    "client_income_bracket",
    "client_language",
    "client_region",
    "client_age",
    "lawyer_specialization",
    "lawyer_years_experience",
    "lawyer_rating",
    "lawyer_caseload",
    "lawyer_languages",
    "lawyer_pro_bono",
    "lawyer_region",
    "distance_km",
]
NUMERIC_COLUMNS = {
    "client_age",
    "lawyer_years_experience",
    "lawyer_rating",
    "lawyer_caseload",
    "lawyer_pro_bono",
    "distance_km",
}
SET_COLUMN = "lawyer_languages"
SEPARATOR = "|"
# Derived pair features (src/features/derived-features.ts) and the columns they read.
EQUAL_PAIRS = {
    "specialization_match": ("client_case_type", "lawyer_specialization"),
    "region_match": ("client_region", "lawyer_region"),
}
LANGUAGE_MATCH = ("language_match", "client_language", SET_COLUMN)
LANGUAGE_COUNT = "lawyer_language_count"


def parse_set(cell: str) -> set[str]:
    """``english|spanish`` -> {"english", "spanish"} (trimmed, empty parts dropped)."""
    return {part.strip() for part in cell.split(SEPARATOR) if part.strip()}


class RawCodec:
    """Maps raw dataset rows to the numeric code matrix and back."""

    def __init__(self, frames: list[pd.DataFrame]):
        self.levels: dict[str, list[str]] = {}
        for column in RAW_COLUMNS:
            if column not in NUMERIC_COLUMNS:
                values = sorted(set().union(*(set(frame[column].astype(str)) for frame in frames)))
                self.levels[column] = values

    def encode(self, frame: pd.DataFrame) -> np.ndarray:
        """Raw rows -> codes (float64, one column per raw column)."""
        out = np.empty((len(frame), len(RAW_COLUMNS)), dtype=np.float64)
        for j, column in enumerate(RAW_COLUMNS):
            if column in NUMERIC_COLUMNS:
                out[:, j] = frame[column].to_numpy(dtype=np.float64)
            else:
                index = {value: i for i, value in enumerate(self.levels[column])}
                out[:, j] = [index[str(v)] for v in frame[column]]
        return out


class NumpyMatchModel:
    """Preprocessing and network of one saved model version, as numpy arrays."""

    def __init__(self, model_dir: Path, codec: RawCodec):
        self.codec = codec
        self.preprocessor = json.loads((model_dir / "preprocessor.json").read_text())
        self.layers = self._read_layers(model_dir)
        self.feature_count = len(self.preprocessor["featureNames"])
        self._build_tables()

    @staticmethod
    def _read_layers(model_dir: Path) -> list[tuple[np.ndarray, np.ndarray, str]]:
        """Dense layers in order as (kernel, bias, activation); dropout is the identity at inference."""
        model = json.loads((model_dir / "model.json").read_text())
        raw = np.frombuffer((model_dir / "weights.bin").read_bytes(), dtype="<f4")
        weights: dict[str, np.ndarray] = {}
        offset = 0
        for spec in model["weightsManifest"][0]["weights"]:
            assert spec["dtype"] == "float32", spec
            size = int(np.prod(spec["shape"]))
            weights[spec["name"]] = raw[offset : offset + size].reshape(spec["shape"])
            offset += size
        assert offset == raw.size, "weights.bin is not what model.json describes"
        layers = []
        for layer in model["modelTopology"]["config"]["layers"]:
            config = layer["config"]
            if layer["class_name"] == "Dense":
                name = config["name"]
                layers.append((weights[f"{name}/kernel"], weights[f"{name}/bias"], config["activation"]))
            elif layer["class_name"] not in ("Dropout", "SeededDropout"):
                raise ValueError(f"unsupported layer {layer['class_name']}")
        return layers

    def _build_tables(self) -> None:
        """Per-level lookup tables, so encoding is numpy indexing only."""
        levels = self.codec.levels
        self.one_hot = {}
        for block in self.preprocessor["oneHot"] + self.preprocessor["multiHot"]:
            column, vocabulary = block["column"], block["vocabulary"]
            table = np.zeros((len(levels[column]), len(vocabulary)), dtype=np.float32)
            for i, level in enumerate(levels[column]):
                members = parse_set(level) if column == SET_COLUMN else {level}
                for k, word in enumerate(vocabulary):
                    table[i, k] = 1.0 if word in members else 0.0
            self.one_hot[column] = table
        self.equal = {
            name: np.array([[float(a == b) for b in levels[right]] for a in levels[left]])
            for name, (left, right) in EQUAL_PAIRS.items()
        }
        _, client, lawyer = LANGUAGE_MATCH
        self.language_match = np.array([[float(c in parse_set(s)) for s in levels[lawyer]] for c in levels[client]])
        self.language_count = np.array([float(len(parse_set(s))) for s in levels[SET_COLUMN]])

    def _column(self, codes: np.ndarray, column: str) -> np.ndarray:
        return codes[:, RAW_COLUMNS.index(column)]

    def _level(self, codes: np.ndarray, column: str) -> np.ndarray:
        return self._column(codes, column).astype(np.int64)

    def _dense(self, codes: np.ndarray, name: str) -> np.ndarray:
        if name == LANGUAGE_COUNT:
            return self.language_count[self._level(codes, SET_COLUMN)]
        if name in EQUAL_PAIRS:
            left, right = EQUAL_PAIRS[name]
            return self.equal[name][self._level(codes, left), self._level(codes, right)]
        if name == LANGUAGE_MATCH[0]:
            return self.language_match[self._level(codes, LANGUAGE_MATCH[1]), self._level(codes, LANGUAGE_MATCH[2])]
        return self._column(codes, name)

    def encode(self, codes: np.ndarray) -> np.ndarray:
        """Codes -> the model's float32 input, feature order as preprocessor.json's featureNames."""
        out = np.empty((codes.shape[0], self.feature_count), dtype=np.float32)
        k = 0
        for s in self.preprocessor["scaled"]:
            raw = self._dense(codes, s["name"])
            if s["transform"] == "log1p":
                raw = np.log1p(raw)
            out[:, k] = (raw - s["mean"]) / s["std"]  # float64, then rounded to float32 as in TypeScript
            k += 1
        for flag in self.preprocessor["flags"]:
            out[:, k] = self._dense(codes, flag)
            k += 1
        for block in self.preprocessor["oneHot"] + self.preprocessor["multiHot"]:
            table = self.one_hot[block["column"]]
            out[:, k : k + table.shape[1]] = table[self._level(codes, block["column"])]
            k += table.shape[1]
        assert k == self.feature_count
        return out

    def forward(self, features: np.ndarray) -> np.ndarray:
        """Encoded float32 rows -> match probabilities (float64)."""
        h = features.astype(np.float64)
        for kernel, bias, activation in self.layers:
            h = h @ kernel.astype(np.float64) + bias.astype(np.float64)
            if activation == "relu":
                h = np.maximum(h, 0.0)
            elif activation == "sigmoid":
                h = 1.0 / (1.0 + np.exp(-h))
            elif activation != "linear":
                raise ValueError(f"unsupported activation {activation}")
        return h[:, 0]

    def __call__(self, codes: np.ndarray) -> np.ndarray:
        """Codes -> match probabilities: the function shap and scikit-learn call."""
        return self.forward(self.encode(np.asarray(codes, dtype=np.float64)))
