#!/bin/sh
# bench/run.sh - speed and memory of thidua on a scaled copy of corpus/.
#   sh bench/run.sh ./build/thidua [COPIES]
# Copies every corpus file COPIES times (default 20) under distinct names,
# ingests them into a fresh database three times, and reports the median
# wall time, documents per second and peak RSS; then times a set of
# searches; then the HTML reader against Readability.js (html_speed.sh).
# Targets (checked here, never in tests): ingest >= 20 docs/s, peak RSS
# <= 256 MiB, median search <= 100 ms; HTML reader >= 50x Readability.js,
# <= 50 MiB.  Exits 1 when a target is missed.
set -u
bin=${1:?usage: bench/run.sh THIDUA [COPIES]}
copies=${2:-20}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
n=0
i=0
while [ $i -lt "$copies" ]; do
    for f in "$root"/corpus/*.txt "$root"/corpus/*.html "$root"/corpus/*.docx; do
        [ -f "$f" ] || continue
        b=$(basename "$f")
        cp "$f" "$work/in/$i-$b"
        n=$((n + 1))
    done
    i=$((i + 1))
done
[ "$n" -gt 0 ] || { echo "bench: no corpus files"; exit 1; }

now() { date +%s.%N; }
times=""
rss_max=0
for run in 1 2 3; do
    rm -f "$work/b.db"
    t0=$(now)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f %M -o "$work/rss" "$bin" --db "$work/b.db" -q ingest "$work/in" >/dev/null 2>&1
        rss=$(tail -n 1 "$work/rss")
        [ "$rss" -gt "$rss_max" ] && rss_max=$rss
    else
        "$bin" --db "$work/b.db" -q ingest "$work/in" >/dev/null 2>&1
    fi
    t1=$(now)
    times="$times $(echo "$t1 - $t0" | bc -l 2>/dev/null || awk "BEGIN{print $t1-$t0}")"
done
median=$(echo $times | tr ' ' '\n' | sort -n | sed -n 2p)
rate=$(awk "BEGIN{printf \"%.1f\", $n/$median}")
echo "ingest: $n documents, median $(printf %.3f "$median") s, $rate docs/s, peak RSS $((rss_max / 1024)) MiB"

qt=""
for q in "giao uoc thi dua" "Khánh Hoà" "truong khoi" "MTTQ" "hội nghị tổng kết" "doan ket" "khanh*" '"ky ket giao uoc"'; do
    t0=$(now)
    "$bin" --db "$work/b.db" search --limit 10 "$q" >/dev/null 2>&1
    t1=$(now)
    qt="$qt $(awk "BEGIN{print $t1-$t0}")"
done
qmed=$(echo $qt | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
echo "search: median $(awk "BEGIN{printf \"%.1f\", $qmed*1000}") ms per query (process start included)"

fail=0
awk "BEGIN{exit !($rate < 20)}" && { echo "bench: MISSED ingest target (>= 20 docs/s)"; fail=1; }
[ "$rss_max" -gt $((256 * 1024)) ] && { echo "bench: MISSED memory target (<= 256 MiB)"; fail=1; }
awk "BEGIN{exit !($qmed > 0.1)}" && { echo "bench: MISSED search target (<= 100 ms)"; fail=1; }
# the HTML reader against Readability.js on real pages (its own targets)
sh "$root/bench/html_speed.sh" "$bin" || fail=1
[ $fail -eq 0 ] && echo "bench: all targets met"
exit $fail
