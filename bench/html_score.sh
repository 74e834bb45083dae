#!/bin/sh
# bench/html_score.sh BINARY [--keep DIR] - score the HTML reader on the
# shared html-bench (1,499 real pages from five public extraction
# datasets, hand-labelled main text): writes `BINARY extract --text` of
# every page to DIR/<id>.txt (empty when the page is refused) and runs the
# bench's score.py, which prints P/R/F1 per source and overall, and the
# pages that score worst.  A dev tool, not a test: `make html-score`.
set -u
bin=${1:?usage: html_score.sh BINARY [--keep DIR]}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${HTML_BENCH:-${SHARED:-$here/../shared}/html-bench}
[ -d "$bench/pages" ] || { echo "html_score: no benchmark at $bench" >&2; exit 2; }
if [ "${2:-}" = "--keep" ]; then
    out=${3:?--keep needs a directory}
    mkdir -p "$out"
else
    out=$(mktemp -d)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; [ "${2:-}" = "--keep" ] || rm -rf "$out"' EXIT
: >"$out/errors.log"
refused=0
for f in "$bench"/pages/*.html.gz; do
    id=$(basename "$f" .html.gz)
    gzip -dc "$f" >"$tmp/$id.html"
    if ! "$bin" extract --text "$tmp/$id.html" >"$out/$id.txt" 2>>"$out/errors.log"; then
        refused=$((refused + 1))
    fi
    rm -f "$tmp/$id.html"
done
echo "pages refused by the reader: $refused"
python3 "$bench/score.py" "$out" --worst "${WORST:-15}"
