#!/usr/bin/env bash
# Benchmark: gongkai side by side with Hugo on the same synthetic notices (bench/gen.py).
#
#   bench/run.sh [SIZES...]        default: 1000 10000   (e.g. bench/run.sh 1000 10000 50000)
#   RUNS=5        clean builds of each tool per size (medians are reported)
#   REST=2        seconds to rest (after sync) before every timed run
#   BENCH_DIR=/tmp/gongkai-bench   where the sites are generated and built
#
# For each size: generate the township (once; regenerated when bench/ changes), check that both
# sites build (untimed; the first gongkai build also writes Content/publication-record.yaml, as a
# township's first publication would), then RUNS rounds of, alternating:
#   Hugo clean build      public/ and resources/ removed before the run (not timed)
#   gongkai clean build   Site/, any .Site.* temporaries and the cache .gongkai-cache/ removed
#                         before the run (not timed)
#   gongkai no-op         the same build again, nothing changed (the cache says so)
#   gongkai one-edit      one notice's body edited (with its correction record), build again;
#                         the notice and the publication record are restored afterwards
# Each run is timed with /usr/bin/time (wall, user+sys CPU, peak RSS); the table shows medians,
# the ratios gongkai/Hugo, and the rebuilds as ratios of gongkai's clean build.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-5}"
REST="${REST:-2}"
WORK="${BENCH_DIR:-/tmp/gongkai-bench}"
DATE=2026-11-30
SIZES=("$@")
[ $# -eq 0 ] && SIZES=(1000 10000)
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"

command -v hugo >/dev/null || { echo "需要 hugo（sudo apt-get install hugo）" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "需要 /usr/bin/time（sudo apt-get install time）" >&2; exit 1; }
"$ROOT/scripts/deps.sh"
echo "building the release gongkai (swift build -c release --product gongkai) ..." >&2
(cd "$ROOT" && swift build -c release --product gongkai >&2)
BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/gongkai"

rest() { sync; sleep "$REST"; }

# measure LOG CMD...: runs CMD with its output in LOG, prints "wall cpu peak_kb"; stops on failure.
measure() {
  local log="$1"; shift
  if ! /usr/bin/time -o "$WORK/time.txt" -f "%e %U %S %M" "$@" >"$log" 2>&1; then
    echo "FAILED: $*" >&2; tail -40 "$log" >&2; exit 1
  fi
  awk 'END {printf "%.3f %.3f %d\n", $1, $2 + $3, $4}' "$WORK/time.txt"
}

# median FILE COLUMN
median() { awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f×", (b > 0 ? a / b : 0)}'; }
count() { find "$1" -type f -name "$2" | wc -l; }

gongkai_build() { # OUT_DIR LOG
  measure "$2" "$BIN" build --content "$dir/Content" --templates "$ROOT/Templates" --output "$1" --date "$DATE"
}
hugo_build() { # LOG
  measure "$1" hugo --source "$dir/hugo" --destination "$dir/public" --quiet
}

STAMP="$(cat "$ROOT/bench/gen.py" $(find "$ROOT/bench/hugo" -type f | sort) | sha256sum | cut -c1-16)"
TABLE="$WORK/table.md"
{
  echo "gongkai vs Hugo, $(date -u '+%Y-%m-%d %H:%M UTC'); medians of $RUNS runs each, alternating Hugo and gongkai"
  echo
  src_rev="$(cd "$ROOT" && git log -1 --format=%h -- Sources Package.swift Package.resolved 2>/dev/null || echo '?')"
  dirty="$(cd "$ROOT" && git status --porcelain -- Sources Package.swift 2>/dev/null | head -1)"
  echo "- gongkai: sources of $src_rev${dirty:+ plus uncommitted changes} (release build), $(swift --version 2>&1 | grep -o 'Swift version [0-9.]*' | head -1)"
  echo "- Hugo: $(hugo version | cut -d' ' -f1-2)"
  echo "- machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo
  echo "| notices | build | wall s | CPU s | peak MiB | ratio (wall / CPU / memory) | output |"
  echo "|---|---|---|---|---|---|---|"
} >"$TABLE"

for n in "${SIZES[@]}"; do
  dir="$WORK/n$n"
  if [ "$(cat "$dir/stamp" 2>/dev/null)" != "$STAMP" ]; then
    rm -rf "$dir"; mkdir -p "$dir"
    python3 "$ROOT/bench/gen.py" "$dir" "$n" >&2
    echo "$STAMP" >"$dir/stamp"
  fi
  cd "$dir"
  # Validation (not timed). Start from the record of a first publication: a fresh record each time.
  rm -rf Site .Site.* .gongkai-cache public hugo/resources Content/publication-record.yaml
  echo "n=$n: validation builds (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  gongkai_build "$dir/Site" gongkai-first.log >/dev/null
  errors=$(grep -c ': 错误: ' gongkai-first.log || true)
  warnings=$(grep -c ': 警告: ' gongkai-first.log || true)
  hugo_build hugo-first.log >/dev/null
  hugo_warn=$(grep -ci 'warn' hugo-first.log || true)
  g_html=$(count Site '*.html'); g_xml=$(count Site '*.xml'); g_all=$(count Site '*')
  h_html=$(count public '*.html'); h_xml=$(count public '*.xml'); h_all=$(count public '*')
  h_alias=$(grep -rl --include='*.html' 'http-equiv="refresh"' public | wc -l)   # page/1/ → list redirects
  notices=$(find Content/notices -name '*.md' | wc -l)
  cp Content/publication-record.yaml record.orig
  target="Content/$(cat edit-target)"
  cp "$target" edit.orig
  : >hugo.txt; : >clean.txt; : >noop.txt; : >edit.txt
  for r in $(seq "$RUNS"); do
    echo "n=$n: round $r/$RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    rm -rf public hugo/resources; rest
    hugo_build hugo.log >>hugo.txt
    rm -rf Site .Site.* .gongkai-cache; rest
    gongkai_build "$dir/Site" clean.log >>clean.txt
    rest
    gongkai_build "$dir/Site" noop.log >>noop.txt
    # One edit: a sentence added to the body, recorded as a correction (a published notice may
    # not change silently; without the record the build rightly fails).
    awk -v d="$DATE" '/^---$/ && ++k == 2 {print "corrections:"; print "  - { date: " d ", what: 正文末尾补充一段说明, why: 原稿漏写 }"}
      {print} END {print ""; print "补充说明：经村务监督委员会核对，对以上情况作补充说明。"}' edit.orig >"$target"
    rest
    gongkai_build "$dir/Site" edit.log >>edit.txt
    cp edit.orig "$target"; cp record.orig Content/publication-record.yaml
  done
  same_noop=$(grep -o '其中 [0-9]* 个与上次相同' noop.log | grep -o '[0-9]*' || echo '?')
  grep -q '网站已是最新' noop.log && same_noop="all (up to date: nothing parsed or written);"
  same_edit=$(grep -o '其中 [0-9]* 个与上次相同' edit.log | grep -o '[0-9]*' || echo '?')
  hw=$(median hugo.txt 1); hc=$(median hugo.txt 2); hm=$(median hugo.txt 3)
  gw=$(median clean.txt 1); gc=$(median clean.txt 2); gm=$(median clean.txt 3)
  nw=$(median noop.txt 1); nc=$(median noop.txt 2); nm=$(median noop.txt 3)
  ew=$(median edit.txt 1); ec=$(median edit.txt 2); em=$(median edit.txt 3)
  mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
  {
    echo "| $n | Hugo clean | $hw | $hc | $(mib "$hm") | | $h_html html ($h_alias of them redirects), $h_xml xml, $h_all files |"
    echo "| $n | gongkai clean | $gw | $gc | $(mib "$gm") | gongkai/Hugo: $(ratio "$gw" "$hw") / $(ratio "$gc" "$hc") / $(ratio "$gm" "$hm") | $g_html html, $g_xml xml, $g_all files; $notices notices, $errors errors, $warnings warnings |"
    echo "| $n | gongkai no-op rebuild | $nw | $nc | $(mib "$nm") | of clean: $(ratio "$nw" "$gw") / $(ratio "$nc" "$gc") / $(ratio "$nm" "$gm") | $same_noop files unchanged |"
    echo "| $n | gongkai one-edit rebuild | $ew | $ec | $(mib "$em") | of clean: $(ratio "$ew" "$gw") / $(ratio "$ec" "$gc") / $(ratio "$em" "$gm") | $same_edit files unchanged |"
  } >>"$TABLE"
  [ "$hugo_warn" = 0 ] || echo "note: Hugo printed $hugo_warn warning line(s) at n=$n, see $dir/hugo-first.log" >&2
  echo "n=$n: raw runs (wall cpu peak_kb) in $dir/{hugo,clean,noop,edit}.txt" >&2
done
echo >>"$TABLE"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$TABLE"
cat "$TABLE"
