#!/usr/bin/env bash
# Runs the whole test suite (unit and end-to-end), installing libcmark first if needed, then the
# browser stage (scripts/browser-check.sh). Arguments go to `swift test` (e.g. --filter X); with
# arguments the browser stage is skipped: run scripts/browser-check.sh on its own.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build --product gongkai
swift test "$@"
if [ $# -eq 0 ]; then
  scripts/browser-check.sh
fi
