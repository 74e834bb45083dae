# t541-stats-blocs-agree: `stats` counts blocs as `blocs` lists them (the
# reports of one bloc over the years merged into one), and says beside it
# how many documents name a bloc; readable and --json agree.  On corpus/
# the 22 reports name 13 blocs.
. "$ROOT/tests/cli/lib.sh"
check() {   # db
    expect_code 0 $THIDUA --db "$1" blocs --json
    listed=$(jq length out)
    expect_code 0 $THIDUA --db "$1" stats --json
    counted=$(jq .blocs out)
    named=$(jq .bloc_documents out)
    [ "$counted" -eq "$listed" ] || fail "stats counts $counted blocs, blocs lists $listed"
    expect_code 0 $THIDUA --db "$1" stats
    expect_grep "^blocs +$listed \\(named in $named documents?\\)\$" out
}
expect_code 0 $THIDUA --db c.db ingest -q "$ROOT/corpus"
check c.db
[ "$listed" -eq 13 ] && [ "$named" -eq 22 ] ||
    fail "corpus/: $listed blocs named in $named documents, want 13 in 22"
# several reports of one bloc over the years
expect_code 0 $THIDUA --db m.db ingest -q "$ROOT/tests/data/multiyear"
check m.db
[ "$listed" -lt "$named" ] || fail "multiyear: $listed blocs for $named documents"
