#!/usr/bin/env bash
# Installs the pinned `dvc` into a project-local virtual environment
# (.tools/dvc), so the tests can check the dataset snapshots and their `.dvc`
# pointers with the stock tool (test/dvc-compat.test.ts). Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tools/dvc"
DVC_VERSION="3.67.1"
stamp="$venv/.installed-$DVC_VERSION"
if [[ ! -f "$stamp" ]]; then
  echo "Installing dvc==$DVC_VERSION into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  # (the grep drops this machine's pip notes about absent local mirrors)
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "dvc==$DVC_VERSION" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2) >&2
  touch "$stamp"
fi
