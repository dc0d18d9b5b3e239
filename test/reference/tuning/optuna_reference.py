#!/usr/bin/env python3
"""Reference numbers for src/tuning, computed with Optuna itself.

Writes test/reference/tuning/optuna-reference.fixture.json: Optuna's truncated-normal
functions, Parzen estimators (mixture weights, kernel centres and bandwidths,
log densities), trial splits, TPE acquisition values on a real study state,
median-pruner decisions, and the best values its TPE and random samplers reach
on the synthetic objective of src/tuning/synthetic-objective.ts. The jest tests
in src/tuning compare with an explicit tolerance.

What is compared exactly and what is not: every deterministic function is
compared (to 1e-9 or better). Random draws are not: Optuna draws from numpy's
Mersenne Twister, src/tuning from mulberry32 with per-parameter seeds, so the
same seed gives other numbers; the samplers are compared by behaviour (best
value reached over 10 seeds) instead.

Regenerate (from the repository root):

    bash scripts/ensure-venv-tool.sh optuna 'optuna==4.9.0'
    .tools/optuna/bin/python test/reference/tuning/optuna_reference.py
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers._tpe import _truncnorm
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import _split_trials, default_gamma, default_weights
from optuna.trial import TrialState, create_trial

optuna.logging.set_verbosity(optuna.logging.ERROR)
ROOT = Path(__file__).resolve().parents[3]
OUT = Path(__file__).resolve().parent / "optuna-reference.fixture.json"


def num(x: float) -> float | str:
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


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
    """The default search space (tuning/search-space.yaml), in the order src/tuning samples it."""
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


def dist_json(d) -> dict:
    if isinstance(d, CategoricalDistribution):
        return {"type": "categorical", "choices": list(d.choices)}
    kind = "int" if isinstance(d, IntDistribution) else "float"
    out = {"type": kind, "low": d.low, "high": d.high, "log": d.log}
    if d.step is not None:
        out["step"] = d.step
    return out


PARAMS = _ParzenEstimatorParameters(
    prior_weight=1.0,
    consider_magic_clip=True,
    consider_endpoints=False,
    weights=default_weights,
    multivariate=False,
    categorical_distance_func={},
)


def truncnorm_cases() -> list:
    bounds = [(-1.0, 1.0), (-30.0, -20.0), (20.0, 30.0), (-50.0, 0.5), (0.2, 40.0), (-3.0, 3.0), (-0.5, 60.0)]
    qs = [0.0, 1e-6, 0.001, 0.3, 0.5, 0.77, 0.999, 1.0]
    out = []
    for a, b in bounds:
        xs = np.linspace(a, b, 5)
        out.append(
            {
                "a": a,
                "b": b,
                "logGaussMass": num(_truncnorm._log_gauss_mass(np.array([a]), np.array([b]))[0]),
                "q": qs,
                "ppf": [num(v) for v in _truncnorm.ppf(np.array(qs), a, b)],
                "x": [float(x) for x in xs],
                "logPdf": [num(v) for v in _truncnorm.logpdf(xs, a, b, loc=0.3, scale=1.7)],
            }
        )
    return out


def parzen_cases() -> list:
    rng = np.random.RandomState(7)
    cases = [
        ("float-empty", FloatDistribution(0.0, 10.0), []),
        ("float-one", FloatDistribution(0.0, 10.0), [3.0]),
        ("float-five", FloatDistribution(0.0, 10.0), [1.0, 2.0, 2.0, 7.0, 9.5]),
        ("float-thirty", FloatDistribution(0.0, 10.0), list(rng.uniform(0, 10, 30))),
        ("float-log", FloatDistribution(1e-4, 3e-2, log=True), [2e-4, 1e-3, 3e-3, 2.9e-2, 5e-3]),
        ("float-step", FloatDistribution(0.0, 1.0, step=0.1), [0.1, 0.5, 0.5, 0.9]),
        ("int", IntDistribution(1, 3), [1, 2, 2, 3]),
        ("int-log", IntDistribution(8, 128, log=True), [8, 16, 100, 64, 64]),
        ("categorical", CategoricalDistribution(["a", "b", "c", "d"]), ["a", "c", "c", "d"]),
        ("categorical-empty", CategoricalDistribution([64, 128, 256, 512]), []),
    ]
    out = []
    for name, dist, obs in cases:
        internal = np.asarray([dist.to_internal_repr(v) for v in obs], dtype=float)
        pe = _ParzenEstimator({"x": internal}, {"x": dist}, PARAMS)
        mix = pe._mixture_distribution
        kernels = mix.distributions[0]
        if isinstance(dist, CategoricalDistribution):
            points = list(range(len(dist.choices)))
            kernel_json = {"rows": kernels.weights.tolist()}
        else:
            if isinstance(dist, IntDistribution) or dist.step is not None:
                step = dist.step
                count = int(round((dist.high - dist.low) / step)) + 1
                points = [dist.low + i * step for i in range(count)][:40]
            elif dist.log:
                points = list(np.exp(np.linspace(math.log(dist.low), math.log(dist.high), 9)))
            else:
                points = list(np.linspace(dist.low, dist.high, 9))
            kernel_json = {"mus": kernels.mu.tolist(), "sigmas": kernels.sigma.tolist()}
        log_pdf = pe.log_pdf({"x": np.asarray(points, dtype=float)})
        out.append(
            {
                "name": name,
                "distribution": dist_json(dist),
                "observations": internal.tolist(),
                "weights": mix.weights.tolist(),
                **kernel_json,
                "points": [float(p) for p in points],
                "logPdf": [num(v) for v in log_pdf],
            }
        )
    return out


def trial_json(t) -> dict:
    steps = max(t.intermediate_values.keys(), default=0)
    inter = [t.intermediate_values.get(s) for s in range(1, steps + 1)]
    return {
        "number": t.number,
        "state": {TrialState.COMPLETE: "complete", TrialState.PRUNED: "pruned", TrialState.FAIL: "failed"}[t.state],
        "params": t.params,
        **({"value": t.value} if t.state == TrialState.COMPLETE else {}),
        "intermediate": [None if v is None or math.isnan(v) else v for v in inter],
    }


def split_case() -> dict:
    study = optuna.create_study(direction="maximize")
    dist = {"x": FloatDistribution(0, 1)}
    values = [0.5, 0.9, 0.9, 0.1, 0.7, 0.3, 0.95, 0.2, 0.6, 0.8, 0.85, 0.4]
    for i, v in enumerate(values):
        study.add_trial(create_trial(state=TrialState.COMPLETE, value=v, params={"x": i / 20}, distributions=dist))
    pruned = [{1: 0.5, 2: 0.6}, {1: 0.7}, {1: 0.4, 2: 0.65, 3: float("nan")}, {}, {1: 0.9, 2: 0.8}]
    for i, inter in enumerate(pruned):
        study.add_trial(
            create_trial(state=TrialState.PRUNED, params={"x": 0.5 + i / 20}, distributions=dist, intermediate_values=inter)
        )
    trials = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE, TrialState.PRUNED))
    splits = []
    for n_below in [0, 1, 2, 5, 12, 14, 17, 20]:
        below, above = _split_trials(study, trials, n_below, False)
        splits.append({"nBelow": n_below, "below": [t.number for t in below], "above": [t.number for t in above]})
    return {"trials": [trial_json(t) for t in trials], "splits": splits}


def acquisition_case() -> dict:
    """A real TPE study state on the synthetic objective, then Optuna's candidates and scores per parameter."""
    sampler = optuna.samplers.TPESampler(seed=3)
    study = optuna.create_study(direction="maximize", sampler=sampler)
    study.optimize(lambda t: synthetic_objective(suggest_space(t)), n_trials=40)
    trials = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE, TrialState.PRUNED))
    below, above = _split_trials(study, trials, default_gamma(len(trials)), False)
    rng = np.random.RandomState(11)
    params = []
    for name in ["modelFamily", "learningRate", "batchSize", "l2", "classWeighting", "layers", "units_l1", "units_l2", "dropout"]:
        dist = next(t.distributions[name] for t in trials if name in t.distributions)
        space = {name: dist}
        mpe_below = sampler._build_parzen_estimator(study, space, below, handle_below=True)
        mpe_above = sampler._build_parzen_estimator(study, space, above, handle_below=False)
        samples = mpe_below.sample(rng, 24)
        acq = sampler._compute_acquisition_func(samples, mpe_below, mpe_above)
        chosen = sampler._compare(samples, acq)[name]
        params.append(
            {
                "name": name,
                "distribution": dist_json(dist),
                "candidates": samples[name].tolist(),
                "acquisition": [num(v) for v in acq],
                "chosen": chosen,
            }
        )
    return {"trials": [trial_json(t) for t in trials], "below": [t.number for t in below], "params": params}


def pruner_cases() -> list:
    completed = [
        [0.60, 0.70, 0.75, 0.78, 0.80, 0.81],
        [0.55, 0.65, 0.72, 0.74],
        [0.62, 0.71, 0.73, 0.76, 0.79, 0.80, 0.80],
        [0.50, float("nan"), 0.70, 0.77, 0.79],
        [0.58, 0.69, 0.74, 0.77, 0.78, 0.79],
        [0.61, 0.72, 0.76],
    ]
    candidates = [
        [0.50, 0.60, 0.65, 0.70, 0.71, 0.72],
        [0.63, 0.72, 0.78, 0.80, 0.82, 0.83],
        [0.59, 0.69, 0.74, 0.765, 0.785, 0.79, 0.81],
        [float("nan"), float("nan"), 0.70],
        [0.40, 0.90, 0.50, 0.55],
    ]
    settings = [
        {"nStartupTrials": 5, "nWarmupSteps": 0, "intervalSteps": 1, "nMinTrials": 1},
        {"nStartupTrials": 5, "nWarmupSteps": 3, "intervalSteps": 2, "nMinTrials": 1},
        {"nStartupTrials": 5, "nWarmupSteps": 1, "intervalSteps": 3, "nMinTrials": 4},
        {"nStartupTrials": 7, "nWarmupSteps": 0, "intervalSteps": 1, "nMinTrials": 1},
    ]
    out = []
    for s in settings:
        pruner = optuna.pruners.MedianPruner(
            n_startup_trials=s["nStartupTrials"],
            n_warmup_steps=s["nWarmupSteps"],
            interval_steps=s["intervalSteps"],
            n_min_trials=s["nMinTrials"],
        )
        study = optuna.create_study(direction="maximize", pruner=pruner)
        for values in completed:
            study.add_trial(
                create_trial(
                    state=TrialState.COMPLETE,
                    value=values[-1],
                    intermediate_values={i + 1: v for i, v in enumerate(values)},
                )
            )
        decisions = []
        for values in candidates:
            trial = study.ask()
            per_step = []
            for i, v in enumerate(values):
                trial.report(v, i + 1)
                per_step.append(bool(trial.should_prune()))
            study.tell(trial, state=TrialState.FAIL)
            decisions.append(per_step)
        out.append({"settings": s, "decisions": decisions})
    return {
        "completed": [[None if math.isnan(v) else v for v in c] for c in completed],
        "candidates": [[None if math.isnan(v) else v for v in c] for c in candidates],
        "cases": out,
    }


def behaviour() -> dict:
    """Best value after 25 and 50 trials of Optuna's TPE and random search, 10 seeds."""
    runs = {}
    for kind in ["tpe", "random"]:
        curves = []
        for seed in range(10):
            sampler = optuna.samplers.TPESampler(seed=seed) if kind == "tpe" else optuna.samplers.RandomSampler(seed=seed)
            study = optuna.create_study(direction="maximize", sampler=sampler)
            study.optimize(lambda t: synthetic_objective(suggest_space(t)), n_trials=50)
            values = [t.value for t in study.trials]
            curves.append([max(values[: i + 1]) for i in range(len(values))])
        runs[kind] = curves
    return runs


def main() -> None:
    objective_checks = []
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.RandomSampler(seed=5))
    for _ in range(6):
        trial = study.ask()
        params = suggest_space(trial)
        objective_checks.append({"params": params, "value": synthetic_objective(params)})
        study.tell(trial, 0.0)
    fixture = {
        "versions": {"optuna": optuna.__version__, "numpy": np.__version__, "python": sys.version.split()[0]},
        "defaults": {
            "gamma": {str(n): default_gamma(n) for n in [0, 1, 9, 10, 11, 50, 249, 250, 251, 1000]},
            "weights": {str(n): default_weights(n).tolist() for n in [0, 1, 24, 25, 26, 30]},
        },
        "truncnorm": truncnorm_cases(),  # q = 0 and 1 make numpy warn; the results are the bounds
        "parzen": parzen_cases(),
        "split": split_case(),
        "acquisition": acquisition_case(),
        "pruner": pruner_cases(),
        "objective": objective_checks,
        "behaviour": behaviour(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture) + "\n")
    if shutil.which("npx"):
        subprocess.run(["npx", "prettier", "--write", str(OUT)], cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore", RuntimeWarning)  # log(0) at q = 0 and an all-NaN trial, both intended
    with np.errstate(all="ignore"):
        main()
