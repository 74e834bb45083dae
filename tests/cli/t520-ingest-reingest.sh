# t520-ingest-reingest: an unchanged file is skipped, a changed one replaces
# its rows (same document id, old words no longer found), and a bad file in
# the middle of a batch is named on stderr while the others are stored
# (rows counted with `stats --json` before and after).
. "$ROOT/tests/cli/lib.sh"
docs=$ROOT/tests/search/docs
mkdir in
cp "$docs/s04-hoinongdan.txt" "$docs/s10-doanket.txt" "$docs/s13-danang.txt" in/
expect_code 0 $THIDUA --db r.db ingest in
expect_grep '3 added, 0 replaced, 0 unchanged, 0 failed' err
expect_code 0 $THIDUA --db r.db stats --json
expect_grep '"documents":3,' out

expect_code 0 $THIDUA --db r.db ingest in
expect_grep '0 added, 0 replaced, 3 unchanged, 0 failed' err
expect_code 0 $THIDUA --db r.db stats --json
expect_grep '"documents":3,' out

id=$($THIDUA --db r.db search --json "Đà Nẵng" | sed -n 's/.*"doc":\([0-9]*\).*/\1/p')
[ -n "$id" ] || fail "Đà Nẵng not found before the change"
printf 'Khối thi đua các huyện miền núi\n\nCác huyện miền núi sơ kết phong trào thi đua.\n' >in/s13-danang.txt
expect_code 0 $THIDUA --db r.db ingest in
expect_grep '0 added, 1 replaced, 2 unchanged, 0 failed' err
expect_code 0 $THIDUA --db r.db search "Đà Nẵng"
[ ! -s out ] || fail "old text still found after the file changed"
expect_code 0 $THIDUA --db r.db search --json "miền núi"
expect_lines 1 out
expect_grep "\"doc\":$id," out
expect_code 0 $THIDUA --db r.db stats --json
expect_grep '"documents":3,' out

# a bad file between two good ones
mkdir in2
cp "$docs/s01-khanhhoa-kyket.txt" in2/a.txt
printf 'PK\003\004 this is not a zip archive' >in2/b.docx
cp "$docs/s03-kontum.txt" in2/c.txt
expect_code 1 $THIDUA --db r.db ingest in2
expect_grep "^thidua: error: 'in2/b.docx': " err
expect_grep '2 added, 0 replaced, 0 unchanged, 1 failed' err
[ "$(grep -c '^thidua: error' err)" -eq 1 ] || fail "more than one error line"
expect_code 0 $THIDUA --db r.db stats --json
expect_grep '"documents":5,' out
expect_code 0 $THIDUA --db r.db search --json "kon tum"
expect_lines 1 out
