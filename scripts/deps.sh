#!/usr/bin/env bash
# Installs what Gongkai needs beyond Swift: libcmark (Markdown), libqrencode (QR codes on printed
# notices) and pkg-config to find them.
#   scripts/deps.sh --browser   also what the browser stage needs (scripts/browser-check.sh): Debian's
#                               chromium, chromium-driver, a Java runtime (Nu checker), zbar-tools, poppler-utils,
#                               qrencode (QR codes for its self-test)
set -euo pipefail
need=()
pkg-config --exists libcmark libqrencode 2>/dev/null || need+=(libcmark-dev libqrencode-dev pkg-config)
if [ "${1:-}" = "--browser" ]; then
  command -v chromium >/dev/null || need+=(chromium)
  command -v chromedriver >/dev/null || need+=(chromium-driver)
  command -v java >/dev/null || need+=(default-jre-headless)
  command -v zbarimg >/dev/null || need+=(zbar-tools)
  command -v qrencode >/dev/null || need+=(qrencode)
  { command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null; } || need+=(poppler-utils)
fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "安装 ${need[*]} ……" >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
