"""Peer of bench/steps/drift.ts: Evidently's data drift on the same two CSVs,
all 15 columns typed as the TypeScript side types them (integer and number
columns numerical, the rest categorical), default methods and thresholds.

`api`: "preset" runs the current API, `Report([DataDriftPreset()])`;
"legacy" runs `evidently.legacy`'s `DatasetDriftMetric` + `DataDriftTable`
(the pair test/reference/drift/drift_reference.py checks src/drift against).
Times loading (pandas read_csv of both files) and the drift computation
(building the report and reading its numbers) separately.

Usage: drift_evidently.py '{"reference": "...", "current": "...", "api": "preset"}'
"""

from __future__ import annotations

import time
import warnings

from common import args, emit, rss_mb

import evidently  # noqa: E402
import pandas as pd  # noqa: E402

warnings.simplefilter("ignore")

NUMERICAL = ["client_age", "lawyer_years_experience", "lawyer_rating", "lawyer_caseload", "distance_km"]


def preset_drift(reference: pd.DataFrame, current: pd.DataFrame) -> tuple[int, int]:
    from evidently import DataDefinition, Dataset, Report
    from evidently.presets import DataDriftPreset

    categorical = [c for c in reference.columns if c not in NUMERICAL]
    definition = DataDefinition(numerical_columns=NUMERICAL, categorical_columns=categorical)
    snapshot = Report([DataDriftPreset()]).run(
        Dataset.from_pandas(current, data_definition=definition),
        Dataset.from_pandas(reference, data_definition=definition),
    )
    metrics = snapshot.dict()["metrics"]
    return int(metrics[0]["value"]["count"]), len(metrics) - 1


def legacy_drift(reference: pd.DataFrame, current: pd.DataFrame) -> tuple[int, int]:
    from evidently.legacy.metrics import DataDriftTable, DatasetDriftMetric
    from evidently.legacy.pipeline.column_mapping import ColumnMapping
    from evidently.legacy.report import Report as LegacyReport

    categorical = [c for c in reference.columns if c not in NUMERICAL]
    mapping = ColumnMapping(
        numerical_features=NUMERICAL, categorical_features=categorical, target=None, prediction=None
    )
    report = LegacyReport(metrics=[DatasetDriftMetric(), DataDriftTable()])
    report.run(reference_data=reference, current_data=current, column_mapping=mapping)
    result = report.as_dict()["metrics"][0]["result"]
    return int(result["number_of_drifted_columns"]), int(result["number_of_columns"])


def main() -> None:
    a = args()
    api = a.get("api", "preset")
    before = rss_mb()
    t0 = time.perf_counter()
    reference = pd.read_csv(a["reference"])
    current = pd.read_csv(a["current"])
    t1 = time.perf_counter()
    drifted, columns = (preset_drift if api == "preset" else legacy_drift)(reference, current)
    t2 = time.perf_counter()
    emit(
        {
            "api": api,
            "evidently": evidently.__version__,
            "referenceRows": len(reference),
            "currentRows": len(current),
            "columns": columns,
            "driftedColumns": drifted,
            "loadMs": (t1 - t0) * 1000,
            "driftMs": (t2 - t1) * 1000,
            "rssBeforeMb": before,
        }
    )


if __name__ == "__main__":
    main()
