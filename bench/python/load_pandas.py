"""Peer of bench/steps/load.ts: pandas `read_csv` with its defaults (the C
parser, dtype inference), as a user would load the file. No validation.

Usage: load_pandas.py '{"csv": "...", "engine": null}'
"""

from __future__ import annotations

import time

from common import args, emit, rss_mb

import pandas as pd  # noqa: E402


def main() -> None:
    a = args()
    engine = a.get("engine")
    before = rss_mb()
    t0 = time.perf_counter()
    frame = pd.read_csv(a["csv"], **({"engine": engine} if engine else {}))
    load_ms = (time.perf_counter() - t0) * 1000
    emit({"rows": len(frame), "columns": frame.shape[1], "loadMs": load_ms, "rssBeforeMb": before})


if __name__ == "__main__":
    main()
