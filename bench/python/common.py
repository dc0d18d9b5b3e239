"""Shared by the bench's Python peers: arguments, memory, and the one JSON line
each script prints last (the contract of bench/lib/child.ts)."""

from __future__ import annotations

import json
import os
import resource
import sys

# Quiet TensorFlow's C++ start-up logs before anything imports it.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def args() -> dict:
    """The JSON object passed as the first command-line argument."""
    return json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}


def rss_mb() -> float:
    """Resident set size now, in MiB (from /proc/self/statm)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (getrusage maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(result: dict) -> None:
    """Prints the result with the peak RSS as one JSON line."""
    print(json.dumps({**result, "peakRssMb": peak_rss_mb()}), flush=True)
