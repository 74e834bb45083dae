#!/bin/sh
# tests/real/score.sh - score the current binary on real reports.
#
#   sh tests/real/score.sh THIDUA [BATCH...]
#
# Gold lives in git (facts only): ../shared/real-reports/gold-dev.jsonl
# (split "dev") and tests/real/gold-*.jsonl (split "real", one file per
# annotated batch).  The page texts do not: they are cached outside the
# repository in $REAL_CACHE (default /tmp/real): dev/<id>.txt for the dev
# set, new/<id>.txt for ours.  With BATCH names (A1, B2, dev ...) only
# those are scored; with none, each batch, then all of ours together.
# A missing cache is reported with how to rebuild it; it is not an error,
# so CI (which cannot reach the pages) passes.
thidua=${1:?usage: score.sh THIDUA [BATCH...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}/real-reports
cache=${REAL_CACHE:-/tmp/real}
scorer="$shared/score_facts.py"
errors=${ERRORS:+--errors}

missing_cache() {
    echo "real-score: no cached texts for $1 in $2."
    echo "  Rebuild: for each line of $3, find its page with the search tool"
    echo "  (corpus 'pages', query = search_query; take the result whose url matches)"
    echo "  and write its excerpt unchanged to $2/<id>.txt; then check with"
    echo "  python3 $shared/check_cache.py $3 $2   (see tests/real/README.md)"
}

# score GOLD SPLIT DIR LABEL: extract every cached text named in GOLD, score
score() {
    gold=$1 split=$2 dir=$3 label=$4
    ids=$(python3 -c "import json,sys
for l in open(sys.argv[1], encoding='utf-8'):
    l = l.strip()
    if l:
        o = json.loads(l)
        if o.get('split') == sys.argv[2] and o.get('url'): print(o['id'].split('.')[0])" "$gold" "$split")
    files=""
    for id in $ids; do
        [ -f "$dir/$id.txt" ] && files="$files $dir/$id.txt"
    done
    if [ -z "$files" ]; then
        missing_cache "$label" "$dir" "$gold"
        return 0
    fi
    python3 "$shared/check_cache.py" "$gold" "$dir" >/dev/null 2>&1 ||
        echo "real-score: warning: some texts of $label are missing or differ in length (check_cache.py)"
    pred=$(mktemp)
    # shellcheck disable=SC2086
    "$thidua" --quiet extract --json $files >"$pred" 2>/dev/null
    echo "== $label"
    python3 "$scorer" "$gold" "$pred" --split "$split" $errors
    rm -f "$pred"
}

want() {   # is batch $1 asked for?
    [ -z "$batches" ] && return 0
    for b in $batches; do [ "$b" = "$1" ] && return 0; done
    return 1
}
batches="$*"
want dev && score "$shared/gold-dev.jsonl" dev "$cache/dev" "dev (31 reports, ../shared/real-reports/gold-dev.jsonl)"
n=0
for g in "$here"/gold-*.jsonl; do
    [ -f "$g" ] || continue
    b=$(basename "$g" .jsonl); b=${b#gold-}
    n=$((n + 1))
    want "$b" && score "$g" real "$cache/new" "batch $b"
done
if [ -z "$batches" ] && [ "$n" -gt 1 ]; then
    all=$(mktemp)
    cat "$here"/gold-*.jsonl >"$all"
    score "$all" real "$cache/new" "all our batches ($n files)"
    # the same bloc across reports, ingested with their addresses
    python3 "$here/blocs_score.py" "$thidua" "$cache/new" "$all" ${ERRORS:+--errors}
    rm -f "$all"
fi
exit 0
