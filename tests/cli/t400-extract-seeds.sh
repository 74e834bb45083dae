# t400-extract-seeds: `extract --json` on the five seed reports gives exactly
# the facts in tests/data/seeds-expected/ (checked by hand against
# seeds/gold.jsonl; the evidence array is left out of the comparison and
# checked in t401).  The expected files hold one top-level key per line.
. "$ROOT/tests/cli/lib.sh"
need_shared seeds
layout() {
    sed -E 's/,"evidence":\[.*\]\}$/}/; s/,"(format|title|published|byline|province|province_site|province_source|source_url|bloc|event|pledge_year|reviewed_year|meeting_date|member_count|members|leaders|goals|officials)":/,\n"\1":/g' "$1"
}
count=0
for exp in "$ROOT"/tests/data/seeds-expected/*.json; do
    b=$(basename "$exp" .json)
    [ -f "$SHARED/seeds/$b.txt" ] || fail "seed $b.txt is missing"
    here=$PWD
    (cd "$SHARED/seeds" && $THIDUA extract --json "$b.txt") >"$here/out" 2>"$here/err" ||
        fail "extract $b exited $?: $(head -3 err)"
    expect_lines 1 out
    layout out >got
    if ! cmp -s "$exp" got; then
        diff "$exp" got | head -20
        fail "$b: facts differ from $exp"
    fi
    count=$((count + 1))
done
[ "$count" -eq 5 ] || fail "expected 5 seed fixtures, found $count"
