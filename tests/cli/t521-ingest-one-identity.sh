# t521-ingest-one-identity: a document is its file.  `in/`, `./in/`, an
# absolute path and a symbolic link to the tree store each file once (one
# hit per search, `show` finds it by any of those paths); a renamed or
# moved file keeps its id and its facts (same evidence rows), and is
# counted "moved"; with --force or a changed extractor it is re-extracted
# under the same id.
. "$ROOT/tests/cli/lib.sh"
docs=$ROOT/tests/search/docs
mkdir in
cp "$docs/s04-hoinongdan.txt" "$docs/s10-doanket.txt" "$docs/s13-danang.txt" in/
ln -s in link
expect_code 0 $THIDUA --db r.db ingest in/
expect_grep '3 added, 0 replaced, 0 unchanged, 0 failed$' err
for p in ./in/ "$PWD/in" "$PWD/./in/" link; do
    expect_code 0 $THIDUA --db r.db ingest "$p"
    expect_grep '0 added, 0 replaced, 3 unchanged, 0 failed$' err
done
expect_code 0 $THIDUA --db r.db stats --json
expect_grep '"documents":3,' out
expect_code 0 $THIDUA --db r.db search --json "Đà Nẵng"
expect_lines 1 out
expect_grep '"path":"in/s13-danang.txt"' out
id=$(sed -n 's/.*"doc":\([0-9]*\).*/\1/p' out)
for p in in/s13-danang.txt ./in/s13-danang.txt "$PWD/in/s13-danang.txt" link/s13-danang.txt s13-danang.txt; do
    expect_code 0 $THIDUA --db r.db show --json "$p"
    expect_grep "^\{\"id\":$id,\"path\":\"in/s13-danang.txt\"" out
done
ev() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("select group_concat(id) from (select id from evidence where doc_id=? order by id)", (int(sys.argv[2]),)).fetchone()[0])' r.db "$id"; }
before=$(ev)
[ -n "$before" ] || fail "no evidence rows for doc $id"

# renamed, and moved to another directory: same id, same fact rows
mv in/s13-danang.txt in/danang-renamed.txt
expect_code 0 $THIDUA --db r.db ingest --json in
expect_grep '^\{"file":"in/danang-renamed.txt","status":"moved","error":null\}$' out
expect_code 0 $THIDUA --db r.db ingest in
expect_grep '0 added, 0 replaced, 3 unchanged, 0 failed$' err
mkdir other
mv in/danang-renamed.txt other/
expect_code 0 $THIDUA --db r.db ingest in other
expect_grep '0 added, 0 replaced, 2 unchanged, 1 moved, 0 failed$' err
expect_code 0 $THIDUA --db r.db search --json "Đà Nẵng"
expect_lines 1 out
expect_grep "\"doc\":$id,\"path\":\"other/danang-renamed.txt\"" out
[ "$(ev)" = "$before" ] || fail "the moved document's facts were rewritten"
expect_code 0 $THIDUA --db r.db stats --json
expect_grep '"documents":3,' out

# a copy whose original is still there is a new document, not a move
cp other/danang-renamed.txt in/copy.txt
expect_code 0 $THIDUA --db r.db ingest in
expect_grep '1 added, 0 replaced, 2 unchanged, 0 failed$' err

# moved under --force: re-extracted, same id
mv in/copy.txt in/copy2.txt
expect_code 0 $THIDUA --db r.db ingest --force --json in
expect_grep '^\{"file":"in/copy2.txt","status":"moved","error":null\}$' out
expect_code 0 $THIDUA --db r.db stats --json
expect_grep '"documents":4,' out
