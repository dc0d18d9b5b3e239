#!/usr/bin/env bash
# Runs the pipeline end to end on the bundled dataset:
#   installs what is missing, builds, starts a Temporal dev server (unless
#   TEMPORAL_ADDRESS points at one), starts a worker, starts a retrain and follows
#   it: training progress, the comparison with production, the approval request.
# Extra arguments go to `legalaid-mlops retrain` (see `npm run cli -- retrain --help`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/ensure-deps.sh
npm run --silent build

temporal="$(PATH="$PATH:$root/.tools/temporal/bin" command -v temporal)"
state="$root/.temporal"
mkdir -p "$state"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

if [[ -z "${TEMPORAL_ADDRESS:-}" ]]; then
  export TEMPORAL_ADDRESS="localhost:7233"
  if "$temporal" operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; then
    echo "Using the Temporal server already running at $TEMPORAL_ADDRESS"
  else
    echo "Starting the Temporal dev server (data: .temporal/dev.sqlite, UI: http://localhost:8233, log: .temporal/server.log)"
    # shellcheck disable=SC2046 # the flags are words on purpose
    "$temporal" server start-dev --db-filename "$state/dev.sqlite" --port 7233 --ui-port 8233 \
      --log-level warn $(node dist/scripts/search-attribute-flags.js) >"$state/server.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 60); do
      "$temporal" operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1 && break
      sleep 0.5
    done
    "$temporal" operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null || {
      echo "The dev server did not come up; see .temporal/server.log" >&2
      exit 1
    }
    # The CLI links workflows in the UI only when it knows the UI belongs to the server in use.
    export TEMPORAL_UI_URL="${TEMPORAL_UI_URL:-http://localhost:8233}"
  fi
fi

echo "Starting the worker (log: .temporal/worker.log)"
node dist/worker.js >"$state/worker.log" 2>&1 &
pids+=($!)

node dist/client/cli.js retrain --dataset data/matchmaking_dataset.csv --follow "$@"

# The seed's evaluate stage: production on the held-out split, as text, JSON and an HTML report.
if [[ -e "${MLOPS_MODELS_DIR:-models}/production" ]]; then
  node dist/client/cli.js evaluate --dataset data/matchmaking_dataset.csv
fi
