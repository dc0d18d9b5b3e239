#!/usr/bin/env bash
# Checks with the real `dvc` tool that dataset snapshots written by the project
# (createSnapshot + writeDvcPointer) are accepted by DVC 3:
#   1. snapshots folder as DVC's cache: `dvc checkout` restores the bytes, `dvc status` is clean;
#   2. snapshots folder as a DVC remote: `dvc pull` restores the bytes, `dvc status -c` is in sync;
#   3. our .dvc pointer is byte-identical to what `dvc add` writes for the same file.
# Not part of the jest suite. Needs dvc 3 on PATH, e.g.:
#   python3 -m venv /tmp/dvc-venv && /tmp/dvc-venv/bin/pip install dvc && PATH=/tmp/dvc-venv/bin:$PATH
# Usage: test/reference/dvc/check_dvc.sh   (from anywhere; exits 0 when skipped)
set -euo pipefail

if ! command -v dvc >/dev/null 2>&1; then
  echo "SKIP: dvc is not on PATH (pip install dvc into a venv and add its bin/ to PATH)"
  exit 0
fi
here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../../.." && pwd)"
work="$(mktemp -d /tmp/check-dvc-XXXXXX)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
export DVC_NO_ANALYTICS=1

run() { echo "\$ $*"; "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

echo "dvc $(dvc --version)"
snapshots="$work/snapshots"

echo "== 1. snapshots folder as the DVC cache"
mkdir "$work/cache-repo" && cd "$work/cache-repo"
git init -q && run dvc init -q
run dvc cache dir "$snapshots"
md5="$(cd "$project" && node --require tsx/cjs "$here/make-snapshot-and-pointer.ts" "$work" "$snapshots" "$work/cache-repo/data/matchmaking.csv")"
echo "snapshot md5 $md5"
run cat data/matchmaking.csv.dvc
run dvc checkout
cmp data/matchmaking.csv "$work/source.csv" || fail "checked-out file differs from the source"
status="$(dvc status)"; echo "\$ dvc status"; echo "$status"
[[ "$status" == "Data and pipelines are up to date." ]] || fail "dvc status is not clean"

echo "== 2. snapshots folder as a DVC remote"
mkdir -p "$work/remote-repo/data" && cd "$work/remote-repo"
git init -q && run dvc init -q
run dvc remote add -d snapshots "$snapshots"
cp "$work/cache-repo/data/matchmaking.csv.dvc" data/
run dvc pull
cmp data/matchmaking.csv "$work/source.csv" || fail "pulled file differs from the source"
status="$(dvc status -c)"; echo "\$ dvc status -c"; echo "$status"
[[ "$status" == *"in sync"* ]] || fail "cache and remote are not in sync"

echo "== 3. our pointer vs dvc add"
mkdir -p "$work/add-repo/data" && cd "$work/add-repo"
git init -q && dvc init -q
cp "$work/source.csv" data/matchmaking.csv
run dvc add -q data/matchmaking.csv
run cmp data/matchmaking.csv.dvc "$work/cache-repo/data/matchmaking.csv.dvc" || fail "pointer differs from dvc add's"
echo "OK: dvc $(dvc --version) accepts the snapshots and the pointer is byte-identical to dvc add's"
