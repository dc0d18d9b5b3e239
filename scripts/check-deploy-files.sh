#!/usr/bin/env bash
# Checks what cannot be run here (no Docker engine, no GitHub runner):
# the GitHub Actions workflows with actionlint, docker-compose.yml against the
# Compose Specification schema, and that the Dockerfile copies only tracked files.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/ensure-python-tools.sh
"$root/.tools/py/bin/actionlint" -shellcheck= .github/workflows/*.yml
PYTHONPATH="$root/.tools/py" python3 -m check_jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
# Every COPY source (outside multi-stage --from copies) must be in the repository.
grep -E '^COPY ' Dockerfile | grep -v -- '--from=' | while read -r _ line; do
  read -ra parts <<<"$line"
  for source in "${parts[@]:0:${#parts[@]}-1}"; do
    if [[ -z "$(git ls-files -- "$source")" ]]; then
      echo "Dockerfile copies $source, which is not tracked by git" >&2
      exit 1
    fi
  done
done
echo "deploy files ok: workflows pass actionlint, docker-compose.yml matches the Compose Specification, Dockerfile copies tracked files"
