# t530-show: `thidua show` by id and by path, readable and --json, and
# the exit codes for an unknown document and for misuse.
. "$ROOT/tests/cli/lib.sh"
doc=$ROOT/tests/search/docs/s19-html-dang.html
expect_code 0 $THIDUA --db d.db ingest -q "$doc"
expect_code 0 $THIDUA --db d.db show 1
expect_grep "^document 1: .*s19-html-dang.html\$" out
expect_grep '^  title: +Khối các cơ quan Đảng ký kết thi đua$' out
expect_grep '^  format: +html, ' out
expect_grep '^  ingested: ' out
cp out by-id
expect_code 0 $THIDUA --db d.db show "$doc"
cmp -s out by-id || fail "show by path differs from show by id"
expect_code 0 $THIDUA --db d.db show --json 1
expect_lines 1 out
for k in id path title format encoding size hash published author ingested_at facts; do
    expect_grep "\"$k\":" out
done
expect_grep '"id":1,' out
expect_grep '"format":"html"' out
expect_code 1 $THIDUA --db d.db show 999
expect_grep "^thidua: error: no document '999' in the database" err
expect_code 2 $THIDUA --db d.db show
expect_code 3 $THIDUA --db missing.db show 1
# a path suffix names a document when it is unique
expect_code 0 $THIDUA --db d.db show s19-html-dang.html
cmp -s out by-id || fail "show by file name differs from show by id"
expect_code 0 $THIDUA --db d.db show docs/s19-html-dang.html
cmp -s out by-id || fail "show by path suffix differs from show by id"
expect_code 1 $THIDUA --db d.db show html-dang.html
mkdir a b
printf 'Khối thi đua A\n' >a/same.txt
printf 'Khối thi đua B\n' >b/same.txt
expect_code 0 $THIDUA --db d.db ingest -q a b
expect_code 1 $THIDUA --db d.db show same.txt
expect_grep "'same.txt' names several documents" err
expect_code 0 $THIDUA --db d.db show b/same.txt
expect_grep '^document [0-9]+: b/same.txt$' out
# a republished copy of the same article is listed (and in --json)
mkdir c
cp "$doc" c/republished.html
expect_code 0 $THIDUA --db d.db ingest -q c
expect_code 0 $THIDUA --db d.db show 1
expect_grep '^copies of the same article \(1\):$' out
expect_grep '^  doc [0-9]+  c/republished.html  exact copy' out
expect_code 0 $THIDUA --db d.db show --json c/republished.html
expect_grep '"copies":\[\{"doc":1,"path":"[^"]*s19-html-dang.html","kind":"[a-z]+","similarity":1.000,"canonical":true\}\]' out
