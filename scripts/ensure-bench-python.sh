#!/usr/bin/env bash
# Installs the Python peers of `npm run bench` (Keras on TensorFlow CPU, pandas,
# Evidently) into a project-local virtual environment, .tools/bench-venv, from
# the pinned bench/python/requirements.txt. Idempotent: a stamp holding the
# requirements' sha256 says the venv is complete and current, so a second run
# returns at once; a changed requirements file or an interrupted install gives a
# fresh venv. Prints the venv's python path on stdout when it succeeds; progress
# and errors go to stderr. Exit status is non-zero when the install fails.
#
#   BENCH_PYTHON=python3.11 bash scripts/ensure-bench-python.sh   # another interpreter
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tools/bench-venv"
requirements="$root/bench/python/requirements.txt"
python="${BENCH_PYTHON:-python3}"
stamp="$venv/.installed"

want="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$venv/bin/python" ]]; then
  echo "$venv/bin/python"
  exit 0
fi

command -v "$python" >/dev/null || { echo "ensure-bench-python: $python not found" >&2; exit 1; }
# tensorflow-cpu 2.20 has wheels for CPython 3.9–3.13.
if ! "$python" -c 'import sys; sys.exit(0 if (3, 9) <= sys.version_info[:2] <= (3, 13) else 1)'; then
  echo "ensure-bench-python: $python is $("$python" -V 2>&1); tensorflow-cpu 2.20 needs Python 3.9 to 3.13" >&2
  exit 1
fi

mkdir -p "$root/.tools"
exec 9>"$root/.tools/bench-venv.lock"
flock 9 # two benches started together install once
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "$venv/bin/python"
  exit 0
fi

echo "Installing the bench's Python peers into $venv (tensorflow-cpu, pandas, evidently; about 2.5 GB, once)" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary=:all:)
if ! "${pip[@]}" -r "$requirements" >&2; then
  # The full lock was resolved on CPython 3.11; another minor version may need other
  # transitive wheels, so fall back to the direct pins (the lines before "# transitive").
  echo "ensure-bench-python: the full lock did not install; trying the direct pins only" >&2
  direct="$(sed '/^# transitive/q' "$requirements" | grep -v '^#' | grep -v '^$')"
  # shellcheck disable=SC2086 # one requirement per word
  "${pip[@]}" $direct >&2
fi
"$venv/bin/python" -c 'import tensorflow, pandas, evidently, psutil' 2>/dev/null ||
  { echo "ensure-bench-python: the venv was installed but its packages do not import" >&2; exit 1; }
echo "$want" >"$stamp"
echo "$venv/bin/python"
