#!/usr/bin/env python3
"""Reference numbers for `drift compare` on CSVs that are not the matchmaking schema.

Generates a few foreign tables from fixed numpy seeds and writes them as CSV
files into test/reference/drift/foreign-tables/ (committed: the tests read the
very bytes pandas read here), then runs Evidently 0.7.23 on them exactly as a
user would: `pd.read_csv` of each file, `Dataset.from_pandas` with no data
definition (so Evidently infers every column's type from the current file),
`Report([DataDriftPreset()]).run(current, reference)`. Writes what pandas and
Evidently return to test/reference/drift/foreign-tables.fixture.json:

- per table: the dtype pandas gives every column in each file, the type
  Evidently infers (numerical / categorical / text / unknown), and the
  preset's per-column method, threshold, score and verdict plus the dataset
  verdict; where a table needs column types (ids compared as categories), the
  run uses an explicit DataDefinition holding the inferred types with those
  overrides, as `drift compare --column-type` does;
- tables Evidently refuses or skips: its error message, or the column its
  preset leaves out;
- a corpus of single cells: the dtype and values `pd.read_csv` gives them
  (missing-value markers, booleans, integers with leading zeros or spaces,
  infinities, overflow...), which pins src/data/csv-column-dtype.ts to pandas.

The legacy DataDriftTable report is run with the same column types as a
cross-check (the script asserts the same scores and verdicts, except where
infinities make the legacy report differ; see run_preset).

Regenerate (from the repository root), in the pinned venv:

    bash scripts/ensure-venv-tool.sh evidently evidently==0.7.23 pandas==2.3.3 numpy==2.4.6 scipy==1.17.1
    .tools/evidently/bin/python test/reference/drift/foreign_tables.py

(it runs prettier on the JSON when npx is on PATH: `npm run verify` checks formatting).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy

warnings.simplefilter("ignore")

# Evidently orders categories by Python set iteration, which follows string hashing: fix the
# hash seed (re-running under it) so the fixture is byte-for-byte reproducible.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})

import evidently  # noqa: E402
from evidently import DataDefinition, Dataset, Report  # noqa: E402
from evidently.core.datasets import infer_column_type  # noqa: E402
from evidently.legacy.metrics import DataDriftTable  # noqa: E402
from evidently.legacy.pipeline.column_mapping import ColumnMapping  # noqa: E402
from evidently.legacy.report import Report as LegacyReport  # noqa: E402
from evidently.presets import DataDriftPreset  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
TABLES = HERE / "foreign-tables"
OUT = HERE / "foreign-tables.fixture.json"


def num(x):
    """A float for JSON: non-finite values as strings."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


# ---------------------------------------------------------------- writing CSV files
def write_csv(name: str, columns: dict[str, list[str]], *, bom=False, crlf=False) -> str:
    """Writes cell texts (already formatted) as CSV; quotes only where needed, as pandas does."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if crlf else "\n")
    names = list(columns)
    writer.writerow(names)
    for row in zip(*(columns[n] for n in names)):
        writer.writerow(row)
    text = ("\ufeff" if bom else "") + buffer.getvalue()
    path = TABLES / name
    path.write_bytes(text.encode("utf-8"))
    return name


def fmt(values, pattern):
    return [pattern.format(v) for v in values]


def with_gaps(rng, cells, share, markers):
    """Replaces a share of the cells with missing-value markers, chosen at random."""
    cells = list(cells)
    for i in np.flatnonzero(rng.random(len(cells)) < share):
        cells[i] = markers[int(rng.integers(0, len(markers)))]
    return cells


REGIONS = ["north, coastal", "south", 'the "east"', "west", "centre"]
PLANS = ["free", "basic", "pro", "enterprise"]
CITIES = ["Lisbon", "Porto", "Braga", "Coimbra", "Faro", "Évora"]


def mixed_small(rng, n, shift):
    return {
        "income": fmt(np.round(rng.normal(52 + 6 * shift, 12, n), 2), "{:.2f}"),
        "age": fmt(rng.integers(18, 91 - int(10 * shift), n), "{}"),
        "household_size": fmt(rng.integers(1, 7, n), "{}"),
        "region": list(rng.choice(REGIONS, n, p=[0.3 - 0.1 * shift, 0.2, 0.2, 0.2, 0.1 + 0.1 * shift])),
        "has_car": list(rng.choice(["True", "False"], n, p=[0.4 + 0.2 * shift, 0.6 - 0.2 * shift])),
        "rating": fmt(rng.integers(1, 6, n).astype(float), "{:.1f}"),
        "zip": fmt(rng.integers(1000, 1040, n), "0{}"),
    }


def missing_values(rng, n, shift, side):
    amount = fmt(np.round(rng.lognormal(3 + 0.2 * shift, 0.5, n), 2), "{:.2f}")
    visits = fmt(rng.integers(0, 5, n), "{}")
    tier = fmt(rng.choice([1, 2, 3], n, p=[0.5, 0.3, 0.2]), "{}")
    channel = list(rng.choice(["web", "phone", "walk-in", "referral"], n))
    opted_in = list(rng.choice(["true", "false"], n, p=[0.5 + 0.1 * shift, 0.5 - 0.1 * shift]))
    score = fmt(np.round(rng.normal(0, 1, n), 3), "{:.3f}")
    for i in rng.choice(n, 4, replace=False):
        score[i] = ["inf", "-inf", "Infinity", "-Infinity"][i % 4]
    return {
        "amount": with_gaps(rng, amount, 0.1, ["", "NA", "nan"]),
        # int64 in the reference, float64 in the current (gaps): Evidently types it from the current
        "visits": with_gaps(rng, visits, 0.05, [""]) if side == "current" else visits,
        # float64 in the reference (gaps), int64 with 3 values in the current: categorical
        "tier": with_gaps(rng, tier, 0.05, ["NULL"]) if side == "reference" else tier,
        "channel": with_gaps(rng, channel, 0.08, ["", "null", "None", "N/A"]),
        # booleans with gaps in the reference (pandas: object), without in the current (bool)
        "opted_in": with_gaps(rng, opted_in, 0.05, [""]) if side == "reference" else opted_in,
        "score": score,
    }


def large_distances(rng, n, shift):
    weight = fmt(np.round(rng.normal(70 + 3 * shift, 12, n), 1), "{:.1f}")
    return {
        "latency_ms": fmt(np.round(rng.gamma(2.0, 40 + 8 * shift, n), 3), "{:.3f}"),
        "requests": fmt(rng.poisson(120 + 15 * shift, n), "{}"),
        "plan": list(rng.choice(PLANS, n, p=[0.4 - 0.1 * shift, 0.3, 0.2, 0.1 + 0.1 * shift])),
        "is_mobile": list(rng.choice(["TRUE", "FALSE"], n, p=[0.55, 0.45])),
        "retries": fmt(rng.choice([0, 1, 2, 3], n, p=[0.7, 0.2, 0.07, 0.03]), "{}"),
        "load": fmt(rng.choice([0.5, 1.0, 1.5], n), "{:.1f}"),
        "weight": with_gaps(rng, weight, 0.03, [""]),
    }


def ids_and_overrides(rng, n, shift):
    return {
        "customer_id": [f"C{v:06d}" for v in rng.choice(10**6, n, replace=False)],
        "visits": fmt(rng.integers(0, 7 + int(2 * shift), n), "{}"),
        "grade": fmt(rng.choice([1.5, 2.5, 3.5], n, p=[0.3, 0.4 - 0.1 * shift, 0.3 + 0.1 * shift]), "{:.1f}"),
        "city": list(rng.choice(CITIES, n)),
    }


# ---------------------------------------------------------------- running Evidently
PRESET_METHODS = {
    "K-S p_value": "ks",
    "chi-square p_value": "chisquare",
    "Z-test p_value": "z",
    "Wasserstein distance (normed)": "wasserstein",
    "Jensen-Shannon distance": "jensenshannon",
    "PSI": "psi",
}
EVIDENTLY_TYPES = {
    "num": "numerical",
    "cat": "categorical",
    "text": "text",
    "unknown": "unknown",
    "datetime": "datetime",
    "list": "list",
}


def evidently_type(series: pd.Series) -> str:
    return EVIDENTLY_TYPES[infer_column_type(series).value]


def run_preset(ref: pd.DataFrame, cur: pd.DataFrame, overrides: dict[str, str]) -> dict:
    """DataDriftPreset on the two frames; types inferred from the current frame, then overridden."""
    if overrides:
        types = {c: evidently_type(cur[c]) for c in cur.columns}
        types.update({c: {"num": "numerical", "cat": "categorical"}[t] for c, t in overrides.items()})
        definition = DataDefinition(
            numerical_columns=[c for c, t in types.items() if t == "numerical"],
            categorical_columns=[c for c, t in types.items() if t == "categorical"],
            text_columns=[c for c, t in types.items() if t == "text"],
        )
        current, reference = Dataset.from_pandas(cur, definition), Dataset.from_pandas(ref, definition)
    else:
        current, reference = Dataset.from_pandas(cur), Dataset.from_pandas(ref)
    definition = current.data_definition
    numerical = list(definition.get_numerical_columns())
    categorical = list(definition.get_categorical_columns())
    snapshot = Report([DataDriftPreset()], include_tests=True).run(current, reference).dict()
    metrics = snapshot["metrics"]
    drifted = {
        t["metric_config"]["params"]["column"]: t["status"] == "FAIL"
        for t in snapshot["tests"]
        if t["id"] == "drift"
    }
    columns = {}
    for metric in metrics[1:]:
        config = metric["config"]
        columns[config["column"]] = {
            "method": PRESET_METHODS[config["method"]],
            "score": num(metric["value"]),
            "drifted": drifted[config["column"]],
            "threshold": num(config["threshold"]),
        }
    count = metrics[0]["value"]
    [share_test] = [t for t in snapshot["tests"] if t["id"] == "lt"]

    # Cross-check with the legacy report on the same column types. One known difference: the
    # legacy report drops infinities only from columns that also have NaN (its `is_contains_nans`
    # looks at isnull(), which inf is not), while the preset always drops them; columns with
    # infinities are left out of the cross-check.
    mapping = ColumnMapping(
        numerical_features=numerical, categorical_features=categorical, target=None, prediction=None
    )
    legacy = LegacyReport(metrics=[DataDriftTable()])
    legacy.run(reference_data=ref, current_data=cur, column_mapping=mapping)
    by_column = legacy.as_dict()["metrics"][0]["result"]["drift_by_columns"]
    for column, expected in columns.items():
        if column in numerical and (np.isinf(ref[column]).any() or np.isinf(cur[column]).any()):
            continue
        other = by_column[column]
        assert other["drift_detected"] == expected["drifted"], column
        assert math.isclose(other["drift_score"], float(expected["score"]), rel_tol=1e-12, abs_tol=1e-300), column

    return {
        "numerical": numerical,
        "categorical": categorical,
        "driftShare": metrics[0]["config"]["drift_share"],
        "numberOfColumns": len(columns),
        "numberOfDriftedColumns": int(count["count"]),
        "shareOfDriftedColumns": num(count["share"]),
        "datasetDrift": share_test["status"] == "FAIL",
        "columns": columns,
    }


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def table_case(name, description, reference, current, overrides=None, expect_error=False):
    ref = pd.read_csv(TABLES / reference)
    cur = pd.read_csv(TABLES / current)
    case = {
        "name": name,
        "description": description,
        "reference": f"foreign-tables/{reference}",
        "current": f"foreign-tables/{current}",
        "md5": {"reference": md5(TABLES / reference), "current": md5(TABLES / current)},
        "dtypes": {
            "reference": {c: str(ref[c].dtype) for c in ref.columns},
            "current": {c: str(cur[c].dtype) for c in cur.columns},
        },
        "inferredTypes": {c: evidently_type(cur[c]) for c in cur.columns},
        "columnTypes": overrides or {},
    }
    if expect_error:
        try:
            run_preset(ref, cur, overrides or {})
        except ValueError as error:
            case["evidentlyError"] = str(error)
        else:
            raise AssertionError(f"{name}: Evidently was expected to refuse this table")
    else:
        case["expected"] = run_preset(ref, cur, overrides or {})
    return case


def build_tables():
    TABLES.mkdir(parents=True, exist_ok=True)
    cases = []

    rng = np.random.default_rng(20261130)
    write_csv("mixed-small-reference.csv", mixed_small(rng, 600, 0.0))
    current = mixed_small(rng, 700, 1.0)
    # another column order, a UTF-8 byte-order mark and CRLF line ends: the same table to pandas
    order = ["zip", "region", "income", "has_car", "age", "rating", "household_size"]
    write_csv("mixed-small-current.csv", {c: current[c] for c in order}, bom=True, crlf=True)
    cases.append(
        table_case(
            "mixed-small",
            "600 vs 700 rows (p-value tests): floats, wide and narrow integers, quoted strings with commas "
            "and quotes, True/False, 1.0-style floats with 5 values, zero-padded integers; the current file "
            "has a BOM, CRLF and another column order",
            "mixed-small-reference.csv",
            "mixed-small-current.csv",
        )
    )

    rng = np.random.default_rng(7)
    write_csv("missing-values-reference.csv", missing_values(rng, 400, 0.0, "reference"))
    write_csv("missing-values-current.csv", missing_values(rng, 450, 1.0, "current"))
    cases.append(
        table_case(
            "missing-values",
            "400 vs 450 rows with gaps ('', NA, nan, NULL, null, None, N/A) and infinities: an integer column "
            "that the current file's gaps make float64 (numerical), one that only the reference's gaps make "
            "float64 (categorical, typed from the current), booleans with gaps in the reference only",
            "missing-values-reference.csv",
            "missing-values-current.csv",
        )
    )

    rng = np.random.default_rng(11)
    write_csv("large-distances-reference.csv", large_distances(rng, 1500, 0.0))
    write_csv("large-distances-current.csv", large_distances(rng, 1300, 1.0))
    cases.append(
        table_case(
            "large-distances",
            "1500 vs 1300 rows (distances): gamma and Poisson numbers, strings, TRUE/FALSE, integers with 4 "
            "values, floats with 3 values, floats with gaps",
            "large-distances-reference.csv",
            "large-distances-current.csv",
        )
    )

    rng = np.random.default_rng(5)
    write_csv("ids-reference.csv", ids_and_overrides(rng, 300, 0.0))
    write_csv("ids-current.csv", ids_and_overrides(rng, 320, 1.0))
    cases.append(
        table_case(
            "ids-with-types",
            "300 vs 320 rows: an id column Evidently infers as text, compared as categories by a given type; "
            "integers with 7-9 values given as numbers; floats with 3 values given as categories",
            "ids-reference.csv",
            "ids-current.csv",
            overrides={"customer_id": "cat", "visits": "num", "grade": "cat"},
        )
    )

    rng = np.random.default_rng(3)
    reference = {"x": fmt(np.round(rng.normal(0, 1, 40), 2), "{:.2f}"), "blank": fmt(rng.integers(0, 3, 40), "{}")}
    current = {"x": fmt(np.round(rng.normal(0, 1, 50), 2), "{:.2f}"), "blank": [""] * 25 + ["NA"] * 25}
    write_csv("empty-column-reference.csv", reference)
    write_csv("empty-column-current.csv", current)
    cases.append(
        table_case(
            "empty-column",
            "a column with no value in the current file: pandas reads it as float64 of NaN, Evidently refuses it",
            "empty-column-reference.csv",
            "empty-column-current.csv",
            expect_error=True,
        )
    )

    rng = np.random.default_rng(4)
    flags = lambda n: list(rng.choice(["True", "False"], n))  # noqa: E731
    reference = {"x": fmt(np.round(rng.normal(0, 1, 60), 2), "{:.2f}"), "flag": flags(60)}
    current = {"x": fmt(np.round(rng.normal(0, 1, 70), 2), "{:.2f}"), "flag": with_gaps(rng, flags(70), 0.1, [""])}
    write_csv("boolean-gaps-reference.csv", reference)
    write_csv("boolean-gaps-current.csv", current)
    cases.append(
        table_case(
            "boolean-gaps",
            "True/False with gaps in the current file: pandas keeps them as objects, Evidently types the "
            "column Unknown and its preset leaves it out",
            "boolean-gaps-reference.csv",
            "boolean-gaps-current.csv",
        )
    )
    return cases


# ---------------------------------------------------------------- pandas' typing of single cells
DTYPE_CELLS = [
    ["1", "2"], ["007", "8"], [" 3", "4 "], ["+4", "-0"], ["\t5", "6"],
    ["1.0", "2.0"], ["1.", ".5"], ["1e3", "2"], ["1E-2", "+.5"], ["5.e3", "-0.0"], ["1.5", "-0"],
    ["1", ""], ["1", "NA"], ["1.5", "nan"], ["", ""], ["NA", "null"],
    ["inf", "1"], ["-Infinity", "2.5"], ["iNf", "+INF"], [" inf", "1"], ["inf ", "1"],
    ["True", "False"], ["TRUE", "false"], ["true", "FALSE"], ["True", ""], ["True", "1"], [" True", "False"],
    ["t", "f"], ["yes", "no"], ["1_000", "2"], ["0x10", "2"], ["1 000", "2"], ["1e", "2"], ["1e400", "2"],
    ["1e-400", "2"], ["NAN", "2"], ["Nan", "x"], ["-nan", "2"], ["#N/A", "x"], ["<NA>", "3"], ["None", "x"],
    ["n/a", "N/A"], ["  ", "x"], ["  ", "3"], ["x ", "x"], ["٣", "2"], ["9223372036854775807", "1"],
    ["9007199254740993", "1"], ["99999999999999999999", "1"], ["-9223372036854775809", "1"],
]


def dtype_cases():
    cases = []
    for cells in DTYPE_CELLS:
        text = "a,b\n" + "".join(f"{cell},1\n" for cell in cells)
        series = pd.read_csv(io.StringIO(text))["a"]
        dtype = str(series.dtype)
        values = []
        for v in series.tolist():
            if isinstance(v, float) and math.isnan(v):
                values.append(None)
            elif isinstance(v, (bool, np.bool_)):
                values.append(bool(v))
            elif isinstance(v, str):
                values.append(v)
            elif dtype in ("int64", "uint64") or isinstance(v, int):
                values.append(str(v))  # exact, even beyond 2^53
            else:
                values.append(num(v))
        cases.append({"csv": text, "dtype": dtype, "values": values, "evidentlyType": evidently_type(series)})
    return cases


def main():
    fixture = {
        "generatedBy": "test/reference/drift/foreign_tables.py",
        "regenerate": ".tools/evidently/bin/python test/reference/drift/foreign_tables.py",
        "versions": {
            "evidently": evidently.__version__,
            "pandas": pd.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "python": platform.python_version(),
        },
        "tables": build_tables(),
        "dtypeCases": dtype_cases(),
    }
    OUT.write_text(json.dumps(fixture, ensure_ascii=False, allow_nan=False) + "\n")
    npx = shutil.which("npx")
    if npx:
        subprocess.run([npx, "prettier", "--write", str(OUT)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"wrote {OUT.relative_to(ROOT)} and {len(list(TABLES.glob('*.csv')))} CSV files", file=sys.stderr)


if __name__ == "__main__":
    main()
