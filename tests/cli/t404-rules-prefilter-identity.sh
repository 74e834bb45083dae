# t404-rules-prefilter-identity: the rule prefilter (src/rules/prefilter.c:
# costly patterns are not run where their probe cannot match) changes no
# fact.  `extract --json` over corpus/ and the report files of tests/data
# gives byte-identical output, stderr and exit status with the prefilter
# and without it (THIDUA_NO_PREFILTER=1); and the prefilter is really on.
. "$ROOT/tests/cli/lib.sh"
THIDUA_PREFILTER_DEBUG=1 $THIDUA -q extract --json "$ROOT/corpus/README.md" >/dev/null 2>dbg
expect_grep '^prefilter: [1-9][0-9]* of [0-9]+ doc-scope patterns probed$' dbg
for d in corpus tests/data/text tests/data/html tests/data/docx tests/data/heldout \
         tests/data/heldout2 tests/data/multiyear tests/data/fuzz; do
    $THIDUA -q extract --json "$ROOT/$d" >on.out 2>on.err
    on=$?
    THIDUA_NO_PREFILTER=1 $THIDUA -q extract --json "$ROOT/$d" >off.out 2>off.err
    off=$?
    [ "$on" -eq "$off" ] || fail "$d: exit $on with the prefilter, $off without"
    [ -s off.out ] || fail "$d: no output"
    if ! cmp -s off.out on.out; then
        diff off.out on.out | head -10
        fail "$d: facts differ with the prefilter"
    fi
    cmp -s off.err on.err || fail "$d: stderr differs with the prefilter"
done
