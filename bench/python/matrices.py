"""Reads the feature matrices written by bench/lib/matrix-files.ts: the very
numbers the TypeScript trainer sees."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np


def read_meta(directory: str) -> dict:
    """meta.json: feature names, row counts, balanced class weights."""
    return json.loads((Path(directory) / "meta.json").read_text(encoding="utf-8"))


def read_matrix(directory: str, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) of `train` or `validation`: float32, x row-major (rows, features)."""
    meta = read_meta(directory)
    rows, features = meta[name]["rows"], len(meta["featureNames"])
    x = np.fromfile(Path(directory) / f"{name}.x.f32", dtype="<f4").reshape(rows, features)
    y = np.fromfile(Path(directory) / f"{name}.y.f32", dtype="<f4")
    if y.shape[0] != rows:
        raise ValueError(f"{directory}/{name}: labels do not match meta.json")
    return x, y
