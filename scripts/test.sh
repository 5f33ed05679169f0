#!/usr/bin/env bash
# Runs the whole test suite (unit and end-to-end), installing libcmark first if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build --product gongkai
swift test "$@"
