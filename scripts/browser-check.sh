#!/usr/bin/env bash
# The browser stage of the test suite (issue 11): the sample site in headless Chromium at 360 and
# 1280 px (axe-core, phone-reading rules), the Nu checker on every page, print to PDF and QR codes.
# Installs what it needs (scripts/deps.sh --browser; the pinned scripts/browser-requirements.txt into
# .build-browser/venv), builds the CLI, then runs scripts/browser-check.py; screenshots and PDFs go
# to Site-checks/. Known failures: scripts/browser-known-failures.txt (it may only shrink).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --browser
VENV=.build-browser/venv
REQ=scripts/browser-requirements.txt
STAMP="$VENV/requirements.sha256"
if [ ! -f "$STAMP" ] || ! sha256sum --status -c "$STAMP" 2>/dev/null; then
  echo "安装浏览器检查用的 Python 包 / installing the browser stage's Python packages……" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r "$REQ"
  sha256sum "$REQ" > "$STAMP"
fi
swift build --product gongkai
BIN="$(swift build --product gongkai --show-bin-path)/gongkai"
AXE="$("$VENV/bin/python" -c 'import axe_playwright_python, pathlib; print(pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js")')"
# Selenium Manager never downloads a driver here: Debian's chromedriver is named explicitly.
export SE_OFFLINE=true PATH="$PWD/$VENV/bin:$PATH"
exec "$VENV/bin/python" scripts/browser-check.py --self-test --gongkai "$BIN" --axe "$AXE" "$@"
