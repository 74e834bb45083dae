# t526-errors: ingest records each file it fails on (file, reason, time)
# and `thidua errors` lists them, readable or --json, --since filtering;
# a file stored cleanly later is no longer listed; a rule failure is
# listed though the document is stored.
. "$ROOT/tests/cli/lib.sh"
mkdir in
cp "$ROOT/tests/search/docs/s04-hoinongdan.txt" in/
: >in/empty.txt
printf 'PK\003\004broken' >in/broken.docx
expect_code 1 $THIDUA --db e.db ingest --jobs 2 in
expect_code 0 $THIDUA --db e.db errors
expect_lines 2 out
expect_grep '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}  in/broken.docx: zip archive without word/document.xml: not a DOCX file$' out
expect_grep '^[0-9-]{10} [0-9:]{8}  in/empty.txt: empty file$' out
expect_code 0 $THIDUA --db e.db errors --json
expect_lines 2 out
jq -e -s 'map(.file) == ["in/broken.docx", "in/empty.txt"] and (.[1].reason == "empty file") and (.[0].at | test("^[0-9-]{10} [0-9:]{8}$"))' out >/dev/null ||
    fail "errors --json: $(cat out)"
expect_code 0 $THIDUA --db e.db errors --since 2000-01-01
expect_lines 2 out
expect_code 0 $THIDUA --db e.db errors --since '2999-01-01 00:00'
expect_lines 0 out
expect_grep '^thidua: no errors since 2999-01-01 00:00$' err
expect_code 2 $THIDUA --db e.db errors --since yesterday
expect_code 2 $THIDUA --db e.db errors extra
# fixed: no longer listed; the other stays
printf 'Khối thi đua các sở ký kết giao ước thi đua năm 2024.\n' >in/empty.txt
expect_code 1 $THIDUA --db e.db ingest in
expect_code 0 $THIDUA --db e.db errors --json
expect_lines 1 out
expect_grep '"file":"in/broken.docx"' out
rm in/broken.docx
expect_code 0 $THIDUA --db e.db ingest --prune in
expect_code 0 $THIDUA --db e.db errors --json
expect_lines 1 out
# a rule that fails is listed, and the document is stored
awk 'BEGIN { for (i = 0; i < 4000; i++) printf "Khối thi đua Khối thi đua gồm gồm các các đơn vị, "; print "" }' >in/big.txt
$THIDUA --db e.db ingest in >out 2>err
if grep -q "rule '.*' failed" err; then
    expect_code 0 $THIDUA --db e.db errors
    expect_grep "in/big.txt: rule '.*' failed" out
fi
# a database from before the errors table (schema 4) is upgraded by a query
python3 - <<'PY' || fail "cannot make a schema-4 database"
import sqlite3
c = sqlite3.connect("e.db")
c.executescript("DROP TABLE errors; ALTER TABLE documents DROP COLUMN mtime; UPDATE meta SET value = '4' WHERE key = 'schema_version';")
c.commit()
PY
expect_code 0 $THIDUA --db e.db errors
expect_lines 0 out
