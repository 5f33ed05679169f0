#!/usr/bin/env bash
# Installs what Gongkai needs beyond Swift: libcmark (Markdown) and libqrencode (QR codes on printed
# notices), and pkg-config to find them.
set -euo pipefail
if pkg-config --exists libcmark libqrencode 2>/dev/null; then exit 0; fi
echo "安装 libcmark-dev（Markdown 解析库）和 libqrencode-dev（二维码库）……" >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libcmark-dev libqrencode-dev pkg-config >/dev/null
