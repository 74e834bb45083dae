# t805-fuzz-json-filename: a file name that is not UTF-8 (a legacy code
# page: "báo cáo" in windows-1258 bytes) still gives valid UTF-8 JSON from
# extract --json and ingest --json, the bad bytes as U+FFFD (td.c:
# td_json_strn copied them raw, and JSON readers rejected the line).
. "$ROOT/tests/cli/lib.sh"
mkdir in
name=$(printf 'in/b\341o c\341o.txt')
cp "$ROOT/tests/data/fuzz/fifo-batch.txt" "$name"
expect_code 0 $THIDUA extract --json in
expect_lines 1 out
iconv -f UTF-8 -t UTF-8 out >/dev/null 2>&1 || fail "extract --json printed invalid UTF-8"
expect_grep '^\{"file":"in/b\\ufffdo c\\ufffdo\.txt",' out
expect_code 0 $THIDUA --db j.db ingest --json in
iconv -f UTF-8 -t UTF-8 out >/dev/null 2>&1 || fail "ingest --json printed invalid UTF-8"
expect_grep '^\{"file":"in/b\\ufffdo c\\ufffdo\.txt","status":"added","error":null\}$' out
# valid UTF-8 names are kept as they are
cp "$ROOT/tests/data/fuzz/fifo-batch.txt" "in/báo cáo.txt"
expect_code 0 $THIDUA extract --json "in/báo cáo.txt"
expect_grep '^\{"file":"in/báo cáo\.txt",' out
