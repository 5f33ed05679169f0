#!/usr/bin/env bash
# Builds the gongkai CLI (release, Swift runtime linked in) and installs it as $PREFIX/bin/gongkai.
#   scripts/install.sh                       PREFIX: /usr/local when writable (e.g. as root), else ~/.local
#   PREFIX=$HOME/tools scripts/install.sh    any folder you can write
# The default theme is built into the binary: the installed gongkai works in any township folder.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product gongkai --static-swift-stdlib
BIN="$(swift build -c release --show-bin-path)/gongkai"
if [ -z "${PREFIX:-}" ]; then
  if [ -w /usr/local/bin ] || { [ ! -e /usr/local/bin ] && [ -w /usr/local ]; }; then PREFIX=/usr/local; else PREFIX="$HOME/.local"; fi
fi
mkdir -p "$PREFIX/bin"
install -m 755 "$BIN" "$PREFIX/bin/gongkai"
echo "已安装 $("$PREFIX/bin/gongkai" --version)：$PREFIX/bin/gongkai"
case ":$PATH:" in
  *":$PREFIX/bin:"*) ;;
  *) echo "注意：$PREFIX/bin 还不在 PATH 里。把这一行加到 ~/.bashrc 再重新打开终端：export PATH=\"$PREFIX/bin:\$PATH\"" ;;
esac
