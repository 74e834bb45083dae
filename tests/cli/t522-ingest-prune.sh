# t522-ingest-prune: `ingest --prune` drops the documents whose files are
# gone, only under the trees named in this ingest, and says how many; a
# moved file is not pruned; a tree that is gone altogether can be pruned
# by naming it.  Without --prune nothing is dropped and the summary line
# is as before.
. "$ROOT/tests/cli/lib.sh"
docs=$ROOT/tests/search/docs
mkdir -p a b
cp "$docs/s01-khanhhoa-kyket.txt" "$docs/s03-kontum.txt" "$docs/s04-hoinongdan.txt" a/
cp "$docs/s10-doanket.txt" "$docs/s13-danang.txt" b/
expect_code 0 $THIDUA --db p.db ingest a b
expect_grep '5 added, 0 replaced, 0 unchanged, 0 failed$' err
rm a/s03-kontum.txt b/s10-doanket.txt
mv a/s04-hoinongdan.txt a/renamed.txt

expect_code 0 $THIDUA --db p.db ingest a
expect_grep '0 added, 0 replaced, 1 unchanged, 1 moved, 0 failed$' err
expect_code 0 $THIDUA --db p.db stats --json
expect_grep '"documents":5,' out

# only under a/: b/s10-doanket.txt is gone too, but b/ is not named
expect_code 0 $THIDUA --db p.db ingest --prune a
expect_grep '^ingested 2 files into .p\.db.: 0 added, 0 replaced, 2 unchanged, 0 failed, 1 pruned$' err
expect_code 0 $THIDUA --db p.db stats --json
expect_grep '"documents":4,' out
expect_code 0 $THIDUA --db p.db search "kon tum"
[ ! -s out ] || fail "a pruned document is still found"
expect_code 0 $THIDUA --db p.db search --json "hội nông dân"
expect_grep '"path":"a/renamed.txt"' out

# nothing more to prune under a/ (said as 0); then b/, named another way
expect_code 0 $THIDUA --db p.db ingest --prune ./a/
expect_grep ', 0 pruned$' err
expect_code 0 $THIDUA --db p.db ingest --prune "$PWD/b"
expect_grep '0 added, 0 replaced, 1 unchanged, 0 failed, 1 pruned$' err
expect_code 0 $THIDUA --db p.db stats --json
expect_grep '"documents":3,' out

# a tree gone altogether: named, it is an error, and its documents go
rm -r b
expect_code 1 $THIDUA --db p.db ingest --prune b
expect_grep "^thidua: error: 'b': No such file or directory$" err
expect_grep ', 1 failed, 1 pruned$' err
expect_code 0 $THIDUA --db p.db stats --json
expect_grep '"documents":2,' out

# the canonical tables follow: no bloc is left from a pruned report
expect_code 0 $THIDUA --db p.db blocs --json
expect_no_grep 'Kon Tum' out
expect_code 0 $THIDUA ingest --help
expect_grep '^  --prune ' out
