#!/bin/sh
# bench/scale.sh THIDUA SEARCH_BENCH SIZE... - thidua at scale against its
# peers, on a generated corpus, in one table (`make bench`).
#
# For each SIZE, bench/gen_corpus.py writes SIZE made-up reports (TXT,
# HTML, DOCX; one in 150 of 100-500 KB) into $BENCH_DIR (default: a
# mktemp -d directory, removed at the end unless BENCH_KEEP=1; never the
# repository).  The corpus is deterministic and each size is a prefix of
# the next.  Then, in the same run on the same files:
#  - ingest, one format after the other into a fresh database: documents/s,
#    MB/s, peak RSS (/usr/bin/time), milliseconds per document;
#  - the floor for indexing: the sqlite3 shell inserting the plain text of
#    the same documents into a bare FTS5 table (unicode61
#    remove_diacritics 2), documents/s and MB/s;
#  - reading, on the first $PEER_FILES DOCX and HTML files (default 100):
#    thidua extract --text (one process, and one process per file) against
#    pandoc -t plain and docx2txt (a process per file, as they are used),
#    and Readability.js (jsdom, one process; bench/html_speed.sh installs
#    it) when node is there;
#  - on the largest SIZE only (every SIZE with SEARCH_AT=all): the queries
#    of bench/queries.txt, in process (SEARCH_BENCH: index_search timed
#    around the call, 5 runs after a warm-up) and with process start
#    (`thidua search`, 3 runs; one when the first took over a second): the
#    median of each query's runs, then p50 and p95 over the queries (each
#    counts once); and rg -i -F of each query's words over the plain text,
#    a process per query, the same way.
# A peer that is not installed prints "not installed".  Ratios (peer time
# over ours, so > 1 means thidua is faster) are what count on a shared
# machine.  Exits 0; targets are not checked here.
set -u
bin=${1:?usage: scale.sh THIDUA SEARCH_BENCH SIZE...}
sbench=${2:?usage: scale.sh THIDUA SEARCH_BENCH SIZE...}
shift 2
[ $# -gt 0 ] || set -- 1000 10000
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
case $sbench in /*) ;; *) sbench=$PWD/$sbench ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
peer_files=${PEER_FILES:-100}
node_dir=${BENCH_NODE:-$HOME/.cache/thidua-bench}
queries=$root/bench/queries.txt
if [ -n "${BENCH_DIR:-}" ]; then
    work=$BENCH_DIR
    mkdir -p "$work"
else
    work=$(mktemp -d)
fi
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
res=$work/results            # lines: SIZE<TAB>KEY<TAB>VALUE
: >"$res"
last=$(for s in "$@"; do echo "$s"; done | sort -n | tail -n 1)

now() { date +%s.%N; }
put() { printf '%s\t%s\t%s\n' "$size" "$1" "$2" >>"$res"; }
say() { echo "scale: $*" >&2; }
# timed CMD...: wall seconds in $t, peak RSS KiB in $rss
timed() {
    t0=$(now)
    /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/err"
    t1=$(now)
    t=$(awk "BEGIN{print $t1 - $t0}")
    rss=$(tail -n 1 "$work/rss")
}
# per_file LIST CMD...: wall seconds in $t to run CMD FILE for each line of LIST
per_file() {
    list=$1; shift
    t0=$(now)
    while IFS= read -r f; do "$@" "$f" >/dev/null 2>&1; done <"$list"
    t1=$(now)
    t=$(awk "BEGIN{print $t1 - $t0}")
}
rate() { awk "BEGIN{printf \"%.1f\", $1 / $2}"; }
rate2() { awk "BEGIN{printf \"%.2f\", $1 / $2}"; }
# pct FILE Q: the Q-quantile (nearest rank) of the numbers in FILE
pct() { sort -n "$1" | awk -v q="$2" '{a[NR]=$1} END{k=int(q*NR+0.999999); if(k<1)k=1; printf "%.1f\n", a[k]}'; }
# query lines of bench/queries.txt
qlines() { grep -v '^#' "$queries" | grep -v '^[[:space:]]*$'; }

for size in "$@"; do
    c=$work/c$size
    rm -rf "$c"
    say "$size: generating"
    t0=$(now)
    python3 "$root/bench/gen_corpus.py" "$size" "$c" || exit 1
    put gen_s "$(awk "BEGIN{printf \"%.0f\", $(now) - $t0}")"
    total_mb=$(awk -F'\t' '{s+=$4} END{printf "%.1f", s/1048576}' "$c/manifest.tsv")
    put corpus "$(awk -F'\t' '{n[$2]++} END{printf "%d/%d/%d", n["txt"], n["html"], n["docx"]}' "$c/manifest.tsv") docs, $total_mb MB"

    # ingest, format by format, into one database
    db=$c/b.db
    tt=0 rss_max=0
    for fmt in txt html docx; do
        n=$(awk -F'\t' -v f=$fmt '$2==f' "$c/manifest.tsv" | wc -l)
        mb=$(awk -F'\t' -v f=$fmt '$2==f{s+=$4} END{print s/1048576}' "$c/manifest.tsv")
        [ "$n" -gt 0 ] || continue
        say "$size: ingest $fmt ($n files)"
        timed "$bin" --db "$db" -q ingest "$c/$fmt"
        put "ingest_$fmt" "$(rate "$n" "$t") docs/s, $(rate2 "$mb" "$t") MB/s"
        tt=$(awk "BEGIN{print $tt + $t}")
        [ "$rss" -gt "$rss_max" ] && rss_max=$rss
    done
    put ingest_all "$(rate "$size" "$tt") docs/s, $(rate2 "$total_mb" "$tt") MB/s"
    put ms_per_doc "$(awk "BEGIN{printf \"%.1f\", 1000 * $tt / $size}")"
    put rss "$((rss_max / 1024)) MiB"
    put db_mb "$(du -k "$db" | awk '{printf "%.0f MB", $1 / 1024}')"

    # the floor: a bare FTS5 insert of the same text
    plain_mb=$(du -sk "$c/plain" | awk '{print $1 / 1024}')
    if command -v sqlite3 >/dev/null 2>&1; then
        rm -f "$c/fts.db"
        say "$size: bare FTS5 insert"
        timed sqlite3 "$c/fts.db" \
            "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2');
             BEGIN; INSERT INTO t SELECT readfile(name) FROM fsdir('$c/plain') WHERE mode & 0x8000;
             COMMIT;"
        if [ -s "$work/err" ]; then
            put fts5 "failed: $(head -n 1 "$work/err")"
        else
            put fts5 "$(rate "$size" "$t") docs/s, $(rate "$plain_mb" "$t") MB/s"
            put ratio_fts5 "thidua takes $(awk "BEGIN{printf \"%.1fx\", $tt / $t}") its time"
        fi
    else
        put fts5 "not installed (sqlite3)"
    fi

    # reading: the first PEER_FILES DOCX and HTML files
    awk -F'\t' -v f=docx -v m="$peer_files" '$2==f && k++<m {print d "/" $3}' d="$c" "$c/manifest.tsv" >"$work/docx.list"
    awk -F'\t' -v f=html -v m="$peer_files" '$2==f && k++<m {print d "/" $3}' d="$c" "$c/manifest.tsv" >"$work/html.list"
    nd=$(wc -l <"$work/docx.list") nh=$(wc -l <"$work/html.list")
    say "$size: reading peers on $nd DOCX and $nh HTML files"
    # shellcheck disable=SC2046
    timed "$bin" -q extract --text $(cat "$work/docx.list")
    put read_docx "$(rate "$nd" "$t") files/s (1 process)"
    per_file "$work/docx.list" "$bin" -q extract --text
    ours_pf=$t
    put read_docx_pf "$(rate "$nd" "$t") files/s"
    if command -v pandoc >/dev/null 2>&1; then
        per_file "$work/docx.list" pandoc -t plain
        put pandoc "$(rate "$nd" "$t") files/s ($(awk "BEGIN{printf \"%.1fx\", $t / $ours_pf}") our time)"
    else
        put pandoc "not installed"
    fi
    if command -v docx2txt >/dev/null 2>&1; then
        # Debian's docx2txt writes FILE.txt beside FILE; '-' sends it to stdout
        t0=$(now)
        while IFS= read -r f; do docx2txt "$f" - >/dev/null 2>&1; done <"$work/docx.list"
        t=$(awk "BEGIN{print $(now) - $t0}")
        put docx2txt "$(rate "$nd" "$t") files/s ($(awk "BEGIN{printf \"%.1fx\", $t / $ours_pf}") our time)"
    else
        put docx2txt "not installed"
    fi
    # shellcheck disable=SC2046
    timed "$bin" -q extract --text $(cat "$work/html.list")
    ours_h=$t
    put read_html "$(rate "$nh" "$t") files/s, peak RSS $((rss / 1024)) MiB (1 process)"
    if ! command -v node >/dev/null 2>&1; then
        put readability "not installed (node)"
    else
        if [ ! -d "$node_dir/node_modules/@mozilla/readability" ] && command -v npm >/dev/null 2>&1; then
            mkdir -p "$node_dir"
            (cd "$node_dir" && npm install --silent --no-audit --no-fund @mozilla/readability jsdom) \
                >/dev/null 2>&1
        fi
        if [ -d "$node_dir/node_modules/@mozilla/readability" ]; then
            # shellcheck disable=SC2046
            timed env NODE_PATH="$node_dir/node_modules" node "$root/bench/readability.js" $(cat "$work/html.list")
            put readability "$(rate "$nh" "$t") files/s, peak RSS $((rss / 1024)) MiB ($(awk "BEGIN{printf \"%.1fx\", $t / $ours_h}") our time)"
        else
            put readability "not installed (npm could not install it)"
        fi
    fi

    # search
    if [ "$size" = "$last" ] || [ "${SEARCH_AT:-}" = all ]; then
        say "$size: search in process"
        "$sbench" "$db" "$queries" 5 >"$work/sb.out" 2>"$work/err" || say "search_bench: $(head -n 1 "$work/err")"
        cp "$work/sb.out" "$work/search-$size.txt"
        line=$(tail -n 1 "$work/sb.out")
        case $line in
        all:*) put search_in "$(echo "$line" | awk '{printf "p50 %s ms, p95 %s ms", $5, $8}')" ;;
        *) put search_in "failed" ;;
        esac
        say "$size: search with process start"
        : >"$work/cli.ms"
        qlines | while IFS= read -r q; do
            : >"$work/one.ms"
            for r in 1 2 3; do
                t0=$(now)
                "$bin" --db "$db" search --limit 10 -- "$q" >/dev/null 2>&1
                ms=$(awk "BEGIN{print 1000 * ($(now) - $t0)}")
                echo "$ms" >>"$work/one.ms"
                awk "BEGIN{exit !($ms > 1000)}" && break
            done
            pct "$work/one.ms" .5 >>"$work/cli.ms"
        done
        put search_cli "p50 $(pct "$work/cli.ms" .5) ms, p95 $(pct "$work/cli.ms" .95) ms"
        if command -v rg >/dev/null 2>&1; then
            say "$size: rg -i"
            : >"$work/rg.ms"
            qlines | while IFS= read -r q; do
                # the query's words as one literal string
                w=$(printf '%s' "$q" | sed 's/title://; s/NEAR(//; s/, *[0-9]*)//; s/["*]//g')
                : >"$work/one.ms"
                for r in 1 2 3; do
                    t0=$(now)
                    rg -i -F -l -- "$w" "$c/plain" >/dev/null 2>&1
                    echo "$(awk "BEGIN{print 1000 * ($(now) - $t0)}")" >>"$work/one.ms"
                done
                pct "$work/one.ms" .5 >>"$work/rg.ms"
            done
            put rg "p50 $(pct "$work/rg.ms" .5) ms, p95 $(pct "$work/rg.ms" .95) ms ($(awk "BEGIN{printf \"%.2fx\", $(pct "$work/rg.ms" .5) / $(pct "$work/cli.ms" .5)}") our time at p50)"
        else
            put rg "not installed"
        fi
    fi
    [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$c"
done

# the table: one row a measure, one column a size
echo "thidua scale bench, $(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); ratios are peer time / ours"
awk -F'\t' -v sizes="$*" '
BEGIN {
    ns = split(sizes, S, " ")
    nr = split("corpus gen_s ingest_txt ingest_html ingest_docx ingest_all ms_per_doc rss db_mb " \
               "fts5 ratio_fts5 read_docx read_docx_pf pandoc docx2txt read_html readability " \
               "search_in search_cli rg", R, " ")
    L["corpus"] = "corpus (txt/html/docx)"; L["gen_s"] = "generator, s"
    L["ingest_txt"] = "ingest TXT"; L["ingest_html"] = "ingest HTML"; L["ingest_docx"] = "ingest DOCX"
    L["ingest_all"] = "ingest, all formats"; L["ms_per_doc"] = "ingest, ms per document"
    L["rss"] = "ingest, peak RSS"; L["db_mb"] = "database size"
    L["fts5"] = "floor: bare FTS5 insert"; L["ratio_fts5"] = "ingest / FTS5 floor"
    L["read_docx"] = "read DOCX: thidua extract"; L["read_docx_pf"] = "read DOCX: thidua, a process each"
    L["pandoc"] = "read DOCX: pandoc -t plain"; L["docx2txt"] = "read DOCX: docx2txt"
    L["read_html"] = "read HTML: thidua extract"; L["readability"] = "read HTML: Readability.js"
    L["search_in"] = "search, in process"; L["search_cli"] = "search, with process start"
    L["rg"] = "search: rg -i over plain text"
}
{ V[$1, $2] = $3 }
END {
    printf "%-34s", ""
    for (i = 1; i <= ns; i++) printf " | %-48s", S[i] " documents"
    printf "\n"
    for (j = 1; j <= nr; j++) {
        printf "%-34s", L[R[j]]
        for (i = 1; i <= ns; i++) {
            v = ((S[i], R[j]) in V) ? V[S[i], R[j]] : "-"
            printf " | %-48s", v
        }
        printf "\n"
    }
}' "$res"
for s in "$@"; do
    [ -f "$work/search-$s.txt" ] || continue
    echo "in-process search per query at $s documents (median of runs):"
    sed '$d' "$work/search-$s.txt" | awk '{printf "  %9.1f ms  %s\n", $1 / 1000, substr($0, index($0, "hits") + 6)}'
done
exit 0
