# t500-search-cli: `thidua search` options, output forms and exit codes:
# marked snippets, --json keys, --limit, no hits (exit 0), malformed
# queries and bad options (exit 2), a missing database (exit 3).
. "$ROOT/tests/cli/lib.sh"
docs=$ROOT/tests/search/docs
expect_code 0 $THIDUA --db s.db ingest -q "$docs/s01-khanhhoa-kyket.txt" \
    "$docs/s02-khanhhoa-tongket.txt" "$docs/s03-kontum.txt" "$docs/s19-html-dang.html"

# readable: rank, path, title, snippet with the matched words marked
expect_code 0 $THIDUA --db s.db search "khánh hoà"
expect_grep '^1\. .*s0[12]-khanhhoa' out
expect_grep '^2\. .*s0[12]-khanhhoa' out
expect_grep '\[Khánh Hoà\]|\[Khánh Hòa\]' out
expect_no_grep 's03-kontum' out
[ ! -s err ] || fail "unexpected stderr: $(cat err)"
# several arguments are one query
expect_code 0 $THIDUA --db s.db search khanh hoa
expect_grep '^2\. ' out

# --json: one object per hit with stable keys, --limit
expect_code 0 $THIDUA --db s.db search --json --limit 1 "KHÁNH HÒA"
expect_lines 1 out
for k in rank doc path title format score exact snippet province year bloc; do
    expect_grep "\"$k\":" out
done
expect_grep '"rank":1,' out
expect_grep '"snippet":"[^"]*\[Khánh H' out

# no hits: exit 0, nothing on stdout, a note on stderr
expect_code 0 $THIDUA --db s.db search "khongtontai"
[ ! -s out ] || fail "stdout not empty"
expect_grep 'no documents match' err

# malformed queries: one line, exit 2, never an SQL error
for q in '"giao uoc' 'thi dua AND' '*' '()' 'NOT a' 'title:' 'title: AND x'; do
    expect_code 2 $THIDUA --db s.db search "$q"
    expect_lines 1 err
    expect_grep '^thidua: error: malformed query: ' err
    expect_no_grep 'fts5|sqlite|SQL' err
done

# bad options and no query
expect_code 2 $THIDUA --db s.db search
expect_grep "try 'thidua search --help'" err
expect_code 2 $THIDUA --db s.db search --limit 0 hoi
expect_code 2 $THIDUA --db s.db search --format pdf hoi
expect_code 2 $THIDUA --db s.db search --year abc hoi
expect_code 2 $THIDUA --db s.db search --no-such-option hoi

# filters without a query list documents; --format
expect_code 0 $THIDUA --db s.db search --json --format html
expect_lines 1 out
expect_grep 's19-html-dang' out

# no database: exit 3, nothing created
expect_code 3 $THIDUA --db none.db search hoi
expect_grep "no database at 'none.db'" err
[ ! -e none.db ] || fail "search created a database"
