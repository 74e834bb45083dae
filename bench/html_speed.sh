#!/bin/sh
# bench/html_speed.sh THIDUA [PAGES] - speed and memory of the HTML reader
# against Mozilla Readability (jsdom) on the same pages in the same run.
# Pages: every 5th page of ../shared/html-bench (300 real pages), else the
# HTML files of corpus/.  Each tool reads all pages in one process, three
# times; the median wall time gives pages/s, /usr/bin/time the peak RSS.
# Readability is installed with npm into $BENCH_NODE (default
# ~/.cache/thidua-bench, outside the repository) when node and npm are
# present; otherwise its line says why it is missing.
# Targets: thidua >= 50x Readability's pages/s; thidua peak RSS <= 50 MiB.
# Exits 1 when a target is missed.
set -u
bin=${1:?usage: html_speed.sh THIDUA [PAGES]}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${HTML_BENCH:-${SHARED:-$root/../shared}/html-bench}
node_dir=${BENCH_NODE:-$HOME/.cache/thidua-bench}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/p"
if [ -d "$bench/pages" ]; then
    k=0
    for f in "$bench"/pages/*.html.gz; do
        [ $((k % 5)) -eq 0 ] && gzip -dc "$f" >"$work/p/$(basename "$f" .gz)"
        k=$((k + 1))
    done
    what="html-bench (every 5th page)"
else
    cp "$root"/corpus/*.html "$work/p/" 2>/dev/null
    what="corpus/*.html"
fi
n=$(ls "$work/p" | wc -l)
mb=$(du -sk "$work/p" | awk '{printf "%.1f", $1 / 1024}')
[ "$n" -gt 0 ] || { echo "html-speed: no pages"; exit 1; }

now() { date +%s.%N; }
# run LABEL CMD...: median wall time of three runs in $med, peak RSS (KiB) in $rss
run() {
    label=$1; shift
    ts="" rss=0
    for r in 1 2 3; do
        t0=$(now)
        /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/err"
        t1=$(now)
        ts="$ts $(awk "BEGIN{print $t1 - $t0}")"
        m=$(tail -n 1 "$work/rss")
        [ "$m" -gt "$rss" ] 2>/dev/null && rss=$m
    done
    med=$(echo $ts | tr ' ' '\n' | sort -n | sed -n 2p)
    printf "  %-26s %8.1f pages/s  %6.1f MB/s  peak RSS %4d MiB\n" "$label" \
        "$(awk "BEGIN{print $n / $med}")" "$(awk "BEGIN{print $mb / $med}")" $((rss / 1024))
}
echo "HTML reader: $n pages, $mb MB from $what"
run "thidua extract --text" "$bin" -q extract --text "$work"/p/*.html
ours=$med ours_rss=$rss
fail=0
peer=""
if command -v node >/dev/null 2>&1; then
    if [ ! -d "$node_dir/node_modules/@mozilla/readability" ] && command -v npm >/dev/null 2>&1; then
        mkdir -p "$node_dir"
        (cd "$node_dir" && npm install --silent --no-audit --no-fund @mozilla/readability jsdom) \
            >/dev/null 2>&1 || echo "  (npm could not install @mozilla/readability and jsdom)"
    fi
    if [ -d "$node_dir/node_modules/@mozilla/readability" ]; then
        NODE_PATH=$node_dir/node_modules run "Readability.js (jsdom)" node "$root/bench/readability.js" "$work"/p/*.html
        peer=$med
    fi
else
    echo "  Readability.js: not measured (node is not installed)"
fi
if [ -n "$peer" ]; then
    ratio=$(awk "BEGIN{printf \"%.1f\", $peer / $ours}")
    echo "  thidua / Readability.js: ${ratio}x the pages per second"
    awk "BEGIN{exit !($ratio < 50)}" && { echo "html-speed: MISSED speed target (>= 50x Readability.js)"; fail=1; }
fi
[ "$ours_rss" -gt $((50 * 1024)) ] && { echo "html-speed: MISSED memory target (<= 50 MiB)"; fail=1; }
exit $fail
