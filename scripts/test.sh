#!/usr/bin/env bash
# The project's test command: installs what is missing, then format check,
# lint, type-check and every jest test (unit tests and workflow tests against
# real Temporal servers that the suite starts itself).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/ensure-deps.sh
bash scripts/ensure-venv-tool.sh dvc dvc==3.67.1       # the stock dvc, for test/dvc-compat.test.ts
bash scripts/ensure-venv-tool.sh mlflow mlflow==3.17.2 # the stock mlflow server, for test/mlflow.test.ts
bash scripts/ensure-venv-tool.sh moto 'moto[server]==5.2.5' # the S3-compatible server, for test/storage/
bash scripts/ensure-venv-tool.sh dvc-s3 dvc==3.67.1 dvc-s3==3.3.0 # stock dvc with its S3 remote, for test/storage/dvc-pull-from-bucket.test.ts
bash scripts/ensure-venv-tool.sh tritonclient 'tritonclient[http]==2.73.0' # a real v2 client, for test/serving/triton-client.test.ts
npm run --silent verify -- "$@"
