#!/usr/bin/env bash
# Benchmark: builds synthetic townships of several sizes with the release gongkai binary and
# reports wall time, CPU time and peak memory, each also as a ratio against a reference measured
# in the same run: `cp -r` of the same Content/ (the file-system floor for reading + writing).
#   bench/run.sh [SIZES...]      default: 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product gongkai >/dev/null
BIN="$(swift build -c release --show-bin-path)/gongkai"
WORK="${BENCH_DIR:-/tmp/gongkai-bench}"
SIZES=("${@:-1000 10000}")
[ $# -eq 0 ] && SIZES=(1000 10000)
mkdir -p "$WORK"
measure() { # prints "wall cpu maxrss_kb"
  /usr/bin/time -f "%e %U %S %M" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.2f %.2f %d\n", $1, $2+$3, $4}'
}
printf "%-8s %-28s %-28s %-10s %-10s\n" notices "gongkai wall/cpu/MiB" "cp -r wall/cpu/MiB" "wall×" "cpu×"
for n in "${SIZES[@]}"; do
  dir="$WORK/n$n"
  if [ ! -d "$dir/Content" ]; then rm -rf "$dir"; mkdir -p "$dir"; python3 bench/gen.py "$dir/Content" "$n"; fi
  best_g=""; best_c=""
  for round in 1 2 3; do   # alternate the two commands; keep the median of three
    rm -rf "$dir/Site" "$dir/copy"; sync; sleep 1
    g=$(cd "$dir" && measure "$BIN" build --date 2026-11-22 --templates "$OLDPWD/Templates")
    sync; sleep 1
    c=$(measure cp -r "$dir/Content" "$dir/copy")
    best_g+="$g"$'\n'; best_c+="$c"$'\n'
  done
  mg=$(printf "%s" "$best_g" | sort -n | sed -n 2p); mc=$(printf "%s" "$best_c" | sort -n | sed -n 2p)
  read gw gc gm <<<"$mg"; read cw cc cm <<<"$mc"
  printf "%-8s %-28s %-28s %-10s %-10s\n" "$n" "$gw s / $gc s / $((gm/1024))" "$cw s / $cc s / $((cm/1024))" \
    "$(awk "BEGIN{printf \"%.1f\", $gw/($cw>0?$cw:0.01)}")" "$(awk "BEGIN{printf \"%.1f\", $gc/($cc>0?$cc:0.01)}")"
done
