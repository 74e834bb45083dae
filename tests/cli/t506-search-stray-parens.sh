# t506-search-stray-parens: stray parentheses are forgiven, as README and
# `search --help` say: a '(' left open with nothing after it ('thi ('),
# an empty group ('thi ( )', '(( ))') and a ')' without '(' are dropped;
# a query of nothing but parentheses has no words (exit 2).
. "$ROOT/tests/cli/lib.sh"
docs=$ROOT/tests/search/docs
expect_code 0 $THIDUA --db s.db ingest -q "$docs/s01-khanhhoa-kyket.txt" "$docs/s03-kontum.txt"
expect_code 0 $THIDUA --db s.db search --json thi
cp out want
for q in 'thi (' 'thi ((' 'thi ( )' 'thi (( ))' '(( )) thi' 'thi )' 'thi OR (' '(thi'; do
    expect_code 0 $THIDUA --db s.db search --json "$q"
    cmp -s out want || { diff want out; fail "search '$q' differs from search 'thi'"; }
    [ ! -s err ] || fail "search '$q' wrote to stderr: $(cat err)"
done
expect_code 0 $THIDUA --db s.db search --explain 'thi ('
expect_grep '^match: "thi"$' out
for q in '(' '()' '(( ))' ')'; do
    expect_code 2 $THIDUA --db s.db search "$q"
    expect_grep '^thidua: error: malformed query: ' err
done
