#!/usr/bin/env bash
# Builds and installs the gongkai CLI (scripts/install.sh, PREFIX as there), then the sample site (Content/ → Site/).
#   scripts/build-site.sh            build Site/
#   scripts/build-site.sh --serve    build, then preview on http://127.0.0.1:8000 with rebuild on change
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
BIN="$(swift build -c release --show-bin-path)/gongkai"
if [ "${1:-}" = "--serve" ]; then
  shift
  exec "$BIN" serve "$@"
fi
"$BIN" build "$@"
echo "打开 file://$PWD/Site/index.html 查看，或运行 scripts/build-site.sh --serve 预览。"
