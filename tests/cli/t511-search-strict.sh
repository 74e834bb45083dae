# t511-search-strict: ingest tests/search-strict/docs and run every case of
# tests/search-strict/queries.tsv (format at its top): a word typed with
# diacritics finds that word (any tone placement, form, case, or a report
# typed without diacritics) and not words with other diacritics; the
# fallback to the folded reading, its note and the --json fields; --fold.
. "$ROOT/tests/cli/lib.sh"
B=$ROOT/tests/search-strict
db=$TMP_DIR/strict.db
expect_code 0 $THIDUA --db "$db" --rules "$ROOT/rules" ingest -q "$B/docs"
tab=$(printf '\t')
n=0 bad=0 line=0
while IFS="$tab" read -r kind query docs opts; do
    line=$((line + 1))
    case "$kind" in ''|'#'*) continue ;; esac
    n=$((n + 1))
    # shellcheck disable=SC2086
    $THIDUA --db "$db" --rules "$ROOT/rules" search --json --limit 50 $opts -- "$query" >out 2>err
    rc=$?
    got=$(grep -o '"path":"[^"]*"' out | sed 's/.*\/\(d[0-9]*\)-.*/\1/' | tr '\n' ' ' | sed 's/ $//')
    sorted=$(echo "$got" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')
    want=$(echo "$docs" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')
    ok=1
    case "$kind" in
    strict|folded|fallback)
        [ "$rc" -eq 0 ] && [ "$sorted" = "$want" ] || ok=0
        r=strict f=false
        [ "$kind" = strict ] || r=folded
        [ "$kind" = fallback ] && f=true
        [ "$(grep -c "\"reading\":\"$r\",\"fallback\":$f}" out)" -eq "$(wc -l <out)" ] || ok=0
        if [ "$kind" = fallback ]; then
            grep -q "exact match.* for '$query' — showing results without diacritics" err || ok=0
        else
            [ ! -s err ] || ok=0
        fi ;;
    order)
        prev=0
        for d in $docs; do
            pos=$(echo "$got" | tr ' ' '\n' | grep -n "^$d\$" | cut -d: -f1)
            if [ -z "$pos" ] || [ "$pos" -le "$prev" ]; then ok=0; break; fi
            prev=$pos
        done ;;
    *)
        echo "queries.tsv:$line: unknown kind '$kind'"; ok=0 ;;
    esac
    if [ $ok -eq 0 ]; then
        bad=$((bad + 1))
        echo "queries.tsv:$line: $kind '$query' ${opts:+($opts) }want [$docs], got [$got] (exit $rc)"
        sed 's/^/    stderr: /' err | head -3
    fi
done <"$B/queries.tsv"
echo "strict battery: $((n - bad)) of $n cases passed"
[ "$n" -ge 30 ] || fail "the battery has only $n cases"
[ "$bad" -eq 0 ] || fail "$bad strict search cases failed"
