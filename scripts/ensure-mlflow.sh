#!/usr/bin/env bash
# Installs the pinned MLflow (tracking server and model registry) into a
# project-local virtual environment (.tools/mlflow), so test/mlflow.test.ts can
# start a real `mlflow server` and check that runs, metrics and the registered
# `champion` version arrive through the REST API. Only the tests use it: the
# pipeline talks to MLflow over HTTP and needs no Python. Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tools/mlflow"
MLFLOW_VERSION="3.17.2"
stamp="$venv/.installed-$MLFLOW_VERSION"
if [[ ! -f "$stamp" ]]; then
  echo "Installing mlflow==$MLFLOW_VERSION into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  # (the grep drops this machine's pip notes about absent local mirrors)
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "mlflow==$MLFLOW_VERSION" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2) >&2
  touch "$stamp"
fi
