"""Optuna's TPE and random search on the synthetic objective of
src/tuning/synthetic-objective.ts, as the tuning section's peer.

Reads {"seeds": [...], "trials": N} on stdin; writes
{"optuna": version, "tpe": [[best so far per trial] per seed], "random": [...],
 "suggestMs": median milliseconds per TPE trial after the startup trials}.
Runs in .tools/optuna (bash scripts/ensure-venv-tool.sh optuna 'optuna==4.9.0').
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)


def synthetic_objective(p: dict) -> float:
    """The same formula as src/tuning/synthetic-objective.ts."""
    value = 0.8
    value -= 0.03 * (math.log10(p.get("learningRate", 1e-3)) + 2.5) ** 2
    value -= 0.004 * (math.log10(p.get("l2", 1e-4)) + 4) ** 2
    value -= 0.002 * (math.log2(p.get("batchSize", 256)) - 7) ** 2
    if p.get("classWeighting") == "balanced":
        value += 0.004
    if p.get("modelFamily") == "logreg":
        return value + 0.03
    layers = p.get("layers", 2)
    units_penalty = sum((math.log2(p.get(f"units_l{i}", 64)) - 6) ** 2 for i in range(1, layers + 1))
    return value + 0.045 - 0.01 * (layers - 2) ** 2 - 0.0015 * units_penalty / layers - 0.06 * (p.get("dropout", 0.2) - 0.2) ** 2


def suggest_space(trial: optuna.Trial) -> dict:
    """tuning/search-space.yaml, in the order src/tuning samples it."""
    p = {"modelFamily": trial.suggest_categorical("modelFamily", ["dnn", "logreg"])}
    p["learningRate"] = trial.suggest_float("learningRate", 1e-4, 3e-2, log=True)
    p["batchSize"] = trial.suggest_categorical("batchSize", [64, 128, 256, 512])
    p["l2"] = trial.suggest_float("l2", 1e-6, 1e-2, log=True)
    p["classWeighting"] = trial.suggest_categorical("classWeighting", ["balanced", "none"])
    if p["modelFamily"] == "dnn":
        p["layers"] = trial.suggest_int("layers", 1, 3)
        for i in range(1, p["layers"] + 1):
            p[f"units_l{i}"] = trial.suggest_int(f"units_l{i}", 8, 128, log=True)
        p["dropout"] = trial.suggest_float("dropout", 0.0, 0.5)
    return p


def main() -> None:
    request = json.load(sys.stdin)
    out: dict = {"optuna": optuna.__version__, "tpe": [], "random": []}
    timings: list[float] = []
    for kind in ["tpe", "random"]:
        for seed in request["seeds"]:
            sampler = optuna.samplers.TPESampler(seed=seed) if kind == "tpe" else optuna.samplers.RandomSampler(seed=seed)
            study = optuna.create_study(direction="maximize", sampler=sampler)
            curve: list[float] = []
            for n in range(request["trials"]):
                started = time.perf_counter()
                trial = study.ask()
                params = suggest_space(trial)
                if kind == "tpe" and n >= 10:
                    timings.append((time.perf_counter() - started) * 1000)
                value = synthetic_objective(params)
                study.tell(trial, value)
                curve.append(max(value, curve[-1] if curve else -math.inf))
            out[kind].append(curve)
    out["suggestMs"] = statistics.median(timings) if timings else None
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
