# t510-search-battery: ingest tests/search/docs and run every case of
# tests/search/queries.tsv (format described at its top) through
# `thidua search --json`: folding, tones, NFD, abbreviations, phrases,
# prefixes, operators, columns, exact-diacritic ranking, malformed queries.
. "$ROOT/tests/cli/lib.sh"
db=$TMP_DIR/battery.db
expect_code 0 $THIDUA --db "$db" --rules "$ROOT/rules" ingest -q "$ROOT/tests/search/docs"
tab=$(printf '\t')
n=0 bad=0 line=0
while IFS="$tab" read -r kind query docs opts; do
    line=$((line + 1))
    case "$kind" in ''|'#'*) continue ;; esac
    n=$((n + 1))
    # shellcheck disable=SC2086
    $THIDUA --db "$db" --rules "$ROOT/rules" search --json --limit 50 $opts -- "$query" >out 2>err
    rc=$?
    [ "$docs" = "-" ] && docs=
    got=$(grep -o '"path":"[^"]*"' out | sed 's/.*\/\(s[0-9]*\)-.*/\1/' | tr '\n' ' ' | sed 's/ $//')
    ok=1
    case "$kind" in
    set)
        a=$(echo "$got" | tr ' ' '\n' | sort | tr '\n' ' ')
        b=$(echo "$docs" | tr ' ' '\n' | sort | tr '\n' ' ')
        [ "$rc" -eq 0 ] && [ "$a" = "$b" ] || ok=0 ;;
    order)
        prev=0
        for d in $docs; do
            pos=$(echo "$got" | tr ' ' '\n' | grep -n "^$d\$" | cut -d: -f1)
            if [ -z "$pos" ] || [ "$pos" -le "$prev" ]; then ok=0; break; fi
            prev=$pos
        done ;;
    top)
        [ "$rc" -eq 0 ] && [ "${got%% *}" = "$docs" ] || ok=0 ;;
    none)
        [ "$rc" -eq 0 ] && [ -z "$got" ] && grep -q 'no documents match' err || ok=0 ;;
    error)
        [ "$rc" -eq 2 ] && [ ! -s out ] && [ "$(wc -l <err)" -eq 1 ] &&
            grep -q '^thidua: error: malformed query: ' err || ok=0 ;;
    *)
        echo "queries.tsv:$line: unknown kind '$kind'"; ok=0 ;;
    esac
    if [ $ok -eq 0 ]; then
        bad=$((bad + 1))
        echo "queries.tsv:$line: $kind '$query' ${opts:+($opts) }want [$docs], got [$got] (exit $rc)"
        sed 's/^/    stderr: /' err | head -3
    fi
done <"$ROOT/tests/search/queries.tsv"
echo "search battery: $((n - bad)) of $n cases passed"
[ "$n" -gt 50 ] || fail "the battery has only $n cases"
[ "$bad" -eq 0 ] || fail "$bad search cases failed"
