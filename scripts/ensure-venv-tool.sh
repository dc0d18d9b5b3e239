#!/usr/bin/env bash
# Installs one pinned PyPI tool into its own project-local virtual environment,
# .tools/<name>, unless that exact pin is there already. The tests use the
# stock tools this way (dvc for test/dvc-compat.test.ts, the mlflow server for
# test/mlflow.test.ts); the pipeline itself needs neither. Safe to run again.
# Further requirements pin what the tool's own metadata leaves open (Evidently
# 0.7 allows pandas 3 but does not import with it).
#
#   bash scripts/ensure-venv-tool.sh dvc dvc==3.67.1
#   bash scripts/ensure-venv-tool.sh evidently evidently==0.7.23 pandas==2.3.3
set -euo pipefail
if (($# < 2)); then
  echo "usage: $0 <name> <requirement> [more requirements]   e.g. $0 dvc dvc==3.67.1" >&2
  exit 2
fi
name="$1"
shift
requirements=("$@")
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tools/$name"
stamp="$venv/.installed-$(
  IFS=+
  echo "${requirements[*]}"
)"
if [[ ! -f "$stamp" ]]; then
  echo "Installing ${requirements[*]} into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  # (the grep drops this machine's pip notes about absent local mirrors)
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${requirements[@]}" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2) >&2
  touch "$stamp"
fi
