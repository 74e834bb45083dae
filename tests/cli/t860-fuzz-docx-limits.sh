# t860-fuzz-docx-limits: DOCX inputs found by fuzzing.  A table whose
# gridBefore or a list whose start is INT_MAX must not overflow the
# counters (UBSan aborts the test build on signed overflow), and a part with
# tens of thousands of attributes in one tag is refused at once instead of
# costing libxml2 quadratic time.
. "$ROOT/tests/cli/lib.sh"
for f in docx-gridbefore-overflow.docx docx-num-start-overflow.docx; do
    expect_code 0 $THIDUA extract --text "$ROOT/tests/data/fuzz/$f"
    expect_no_grep 'runtime error|Sanitizer' err
    [ -s out ] || fail "$f: no text"
done
sh "$ROOT/tests/data/fuzz/docx-many-attributes.sh" 40000 many.docx || fail "cannot build many.docx"
expect_code 1 $THIDUA extract --text many.docx
expect_lines 1 err
expect_grep "^thidua: error: 'many.docx': xml in 'word/document.xml' has an element with more than [0-9]+ attributes$" err
