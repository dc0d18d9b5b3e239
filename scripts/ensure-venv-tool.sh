#!/usr/bin/env bash
# Installs one pinned PyPI tool into its own project-local virtual environment,
# .tools/<name>, unless that exact pin is there already. The tests use the
# stock tools this way (dvc for test/dvc-compat.test.ts, the mlflow server for
# test/mlflow.test.ts); the pipeline itself needs neither. Safe to run again.
#
#   bash scripts/ensure-venv-tool.sh dvc dvc==3.67.1
set -euo pipefail
if (($# != 2)); then
  echo "usage: $0 <name> <requirement>   e.g. $0 dvc dvc==3.67.1" >&2
  exit 2
fi
name="$1"
requirement="$2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tools/$name"
stamp="$venv/.installed-$requirement"
if [[ ! -f "$stamp" ]]; then
  echo "Installing $requirement into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  # (the grep drops this machine's pip notes about absent local mirrors)
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$requirement" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2) >&2
  touch "$stamp"
fi
