# t540-stats: `thidua stats` counts documents by format (readable and
# --json), an empty database counts zero, a missing one exits 3.
. "$ROOT/tests/cli/lib.sh"
docs=$ROOT/tests/search/docs
expect_code 0 $THIDUA --db st.db ingest -q "$docs/s01-khanhhoa-kyket.txt" \
    "$docs/s03-kontum.txt" "$docs/s19-html-dang.html"
expect_code 0 $THIDUA --db st.db stats
expect_grep '^documents  3 \(text 2, html 1\)$' out
expect_grep '^blocs ' out
expect_grep '^facts ' out
expect_grep '^provinces ' out
expect_grep '^years ' out
expect_code 0 $THIDUA --db st.db stats --json
expect_lines 1 out
expect_grep '^\{"documents":3,"formats":\{"text":2,"html":1\},"blocs":[0-9]+,"bloc_documents":[0-9]+,"facts":[0-9]+,"fact_kinds":\{.*\},"provinces":\{.*\},"years":\{.*\}\}$' out
expect_code 2 $THIDUA --db st.db stats extra
expect_code 3 $THIDUA --db missing.db stats
# a database holding no document (its only file was rejected)
printf '' >empty.txt
expect_code 1 $THIDUA --db e.db ingest empty.txt
expect_code 0 $THIDUA --db e.db stats --json
expect_grep '^\{"documents":0,"formats":\{\},"blocs":0,"bloc_documents":0,"facts":0,' out
