#!/usr/bin/env bash
# Installs what Gongkai needs beyond Swift: libcmark (and pkg-config to find it).
set -euo pipefail
if pkg-config --exists libcmark 2>/dev/null; then exit 0; fi
echo "安装 libcmark-dev（Markdown 解析库）……" >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libcmark-dev pkg-config >/dev/null
