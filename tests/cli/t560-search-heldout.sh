# t560-search-heldout: the second search battery (tests/search-heldout/,
# format at the top of its queries.tsv).  Prints recall@10 over the cases
# with expected documents and the exact-diacritic preference over the
# cases with a FOLDONLY list; fails below 1.0 and 0.95, or on any other
# failed case.
. "$ROOT/tests/cli/lib.sh"
B=$ROOT/tests/search-heldout
db=$TMP_DIR/heldout.db
expect_code 0 $THIDUA --db "$db" --rules "$ROOT/rules" ingest -q "$B/docs"
tab=$(printf '\t')
: >failures
nrec=0 okrec=0 nex=0 okex=0 bad=0 line=0
pos_of() { echo "$got" | tr ' ' '\n' | grep -n "^$1\$" | cut -d: -f1; }
while IFS="$tab" read -r kind query docs fold opts; do
    line=$((line + 1))
    case "$kind" in ''|'#'*) continue ;; esac
    eval "set -- $opts"   # options may quote: --province "Gia Lai"
    $THIDUA --db "$db" --rules "$ROOT/rules" search --json --limit 50 "$@" -- "$query" >out 2>err
    rc=$?
    got=$(grep -o '"path":"[^"]*"' out | sed 's/.*\/\(h[0-9]*\)-.*/\1/' | tr '\n' ' ' | sed 's/ $//')
    [ "$docs" = "-" ] && docs=
    why=
    case "$kind" in
    q|only)
        nrec=$((nrec + 1))
        top=$(echo "$got" | tr ' ' '\n' | head -10 | tr '\n' ' ')
        miss=
        for d in $docs; do
            case " $top" in *" $d "*) ;; *) miss="$miss $d" ;; esac
        done
        if [ "$rc" -eq 0 ] && [ -z "$miss" ]; then
            okrec=$((okrec + 1))
        else
            why="recall: missing${miss:- (exit $rc)}"
        fi
        if [ "$kind" = only ]; then
            a=$(echo "$got" | tr ' ' '\n' | sort | tr '\n' ' ')
            b=$(echo "$docs" | tr ' ' '\n' | sort | tr '\n' ' ')
            [ "$a" = "$b" ] || why="$why${why:+; }hits differ"
        fi ;;
    none)
        [ "$rc" -eq 0 ] && [ -z "$got" ] || why="should match nothing" ;;
    *)
        why="unknown kind '$kind'" ;;
    esac
    if [ "$fold" != "-" ] && [ -n "$fold" ]; then
        nex=$((nex + 1))
        if [ "$fold" = "*" ]; then
            fold=
            for d in $got; do
                case " $docs " in *" $d "*) ;; *) fold="$fold $d" ;; esac
            done
        fi
        # the last hit holding the exact form must come before the first
        # hit matching only after folding
        lastx=0 firstf=1000
        for d in $got; do
            p=$(pos_of "$d")
            case " $fold " in
            *" $d "*) [ "$p" -lt "$firstf" ] && firstf=$p ;;
            *) [ "$p" -gt "$lastx" ] && lastx=$p ;;
            esac
        done
        if [ "$lastx" -lt "$firstf" ]; then
            okex=$((okex + 1))
        else
            why="$why${why:+; }exact-diacritic order"
        fi
    fi
    if [ -n "$why" ]; then
        bad=$((bad + 1))
        { echo "queries.tsv:$line: $kind '$query' ${opts:+($opts) }want [$docs] fold-only [$fold], got [$got]: $why"
          sed 's/^/    stderr: /' err | head -2; } >>failures
    fi
done <"$B/queries.tsv"
awk -v a="$okrec" -v b="$nrec" 'BEGIN { printf "held-out recall@10: %d/%d = %.3f\n", a, b, b ? a / b : 0 }'
awk -v a="$okex" -v b="$nex" 'BEGIN { printf "held-out exact-diacritic preference: %d/%d = %.3f\n", a, b, b ? a / b : 0 }'
[ -s failures ] && cat failures
[ "$nrec" -ge 120 ] || fail "the battery has only $nrec recall cases"
[ "$okrec" -eq "$nrec" ] || fail "recall@10 is below 1.0"
[ "$((okex * 100))" -ge "$((nex * 95))" ] || fail "exact-diacritic preference is below 0.95"
[ "$bad" -eq 0 ] || fail "$bad held-out cases failed"
