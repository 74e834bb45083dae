# t861-walk-symlinks: a directory holding a link to itself (loop -> .), a
# link to its parent (up -> ..), a link to a file outside it, a second link
# to a file inside it, a hard link and a dangling link.  Without
# --follow-symlinks ingest stores only the tree's own file, once, finishes
# at once, says what it skipped (one warning line per link) and the outside
# file is not searchable; with --follow-symlinks the outside file is read,
# but the loops still end and nothing is stored twice.  extract walks the
# same way.
. "$ROOT/tests/cli/lib.sh"
C=$ROOT/corpus
cp -R "$ROOT/rules" rules || fail "cannot copy the rules"
# the tree's parent holds nothing else that --follow-symlinks could take
mkdir w && cd w || fail "cannot make w"
printf 'Tệp ngoài thư mục: mật khẩu quản trị xyzzysecret không được lộ ra.\n' >secret.txt
mkdir -p tree/sub
cp "$C/th2023-mttq-tong-ket.txt" tree/report.txt
ln -s . tree/loop
ln -s .. tree/up
ln -s ../secret.txt tree/leak.txt
ln -s ../report.txt tree/sub/again.txt
ln tree/report.txt tree/sub/hard.txt || fail "cannot make a hard link"
ln -s nowhere.txt tree/dangling.txt

# the broken link is the only error: exit 1, the others are warnings
expect_code 1 timeout 60 $THIDUA --db a.db ingest --rules ../rules tree
expect_grep '^ingested 1 file into .a\.db.: 1 added, 0 replaced, 0 unchanged, 1 failed$' err
expect_grep "^thidua: warning: 'tree/loop': skipped: same directory as 'tree'$" err
expect_grep "^thidua: warning: 'tree/up': skipped: symbolic link out of 'tree' \(--follow-symlinks follows it\)$" err
expect_grep "^thidua: warning: 'tree/leak.txt': skipped: symbolic link out of 'tree' \(--follow-symlinks follows it\)$" err
expect_grep "^thidua: warning: 'tree/sub/again.txt': skipped: same file as 'tree/report.txt'$" err
expect_grep "^thidua: warning: 'tree/sub/hard.txt': skipped: same file as 'tree/report.txt'$" err
expect_grep "^thidua: error: 'tree/dangling.txt': cannot follow symbolic link: " err
[ "$(grep -c '^thidua: warning: ' err)" -eq 5 ] || { cat err; fail "want 5 warnings, one per link"; }
[ "$(grep -c '^thidua: error: ' err)" -eq 1 ] || { cat err; fail "want 1 error"; }
expect_code 0 $THIDUA --db a.db stats --json
expect_grep '"documents":1,' out
expect_code 0 $THIDUA --db a.db search xyzzysecret
[ ! -s out ] || fail "the file outside the tree was stored"
expect_code 0 $THIDUA --db a.db show tree/report.txt

# the same tree named twice, and under another spelling: walked once
expect_code 1 timeout 60 $THIDUA --db a.db ingest --rules ../rules tree ./tree/
expect_grep "^thidua: warning: '\./tree/': skipped: same directory as 'tree'$" err
expect_grep ' 0 added, 0 replaced, 1 unchanged, 1 failed$' err

# --follow-symlinks: the outside file is read, loops end, nothing twice
rm tree/dangling.txt
expect_code 0 timeout 60 $THIDUA --db b.db ingest --rules ../rules --follow-symlinks tree
expect_grep '^ingested 2 files into .b\.db.: 2 added, 0 replaced, 0 unchanged, 0 failed$' err
expect_no_grep 'symbolic link out of' err
expect_grep "^thidua: warning: 'tree/up/tree': skipped: same directory as 'tree'$" err
expect_grep "^thidua: warning: 'tree/up/secret.txt': skipped: same file as 'tree/leak.txt'$" err
expect_code 0 $THIDUA --db b.db stats --json
expect_grep '"documents":2,' out
expect_code 0 $THIDUA --db b.db search xyzzysecret
expect_grep '^1\. tree/leak\.txt ' out
[ "$(grep -c '^[0-9]*\. ' out)" -eq 1 ] || fail "the outside file is listed more than once"

# extract walks the same way
expect_code 0 timeout 60 $THIDUA extract --text tree
[ "$(grep -c '^==> ' out)" -eq 0 ] || fail "extract --text: one file expected, no headers"
expect_no_grep 'xyzzysecret' out
expect_grep "symbolic link out of 'tree'" err
expect_code 0 timeout 60 $THIDUA extract --text --follow-symlinks tree
[ "$(grep -c '^==> ' out)" -eq 2 ] || { cat out | grep '==>'; fail "extract --text --follow-symlinks: want 2 files"; }
expect_grep 'xyzzysecret' out
