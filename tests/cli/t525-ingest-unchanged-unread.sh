# t525-ingest-unchanged-unread: a file whose size and modification time are
# those stored is skipped without being read (its content is not even
# hashed): a file rewritten with new bytes of the same size and given its
# old time back stays as stored, until --force reads it.  A new time with
# the same content is found unchanged by its hash, and recorded.
. "$ROOT/tests/cli/lib.sh"
docs=$ROOT/tests/search/docs
mkdir in
cp "$docs/s04-hoinongdan.txt" "$docs/s10-doanket.txt" in/
printf 'Khối thi đua các sở ký kết giao ước thi đua năm 2024, từ khoá alphaword.\n' >in/a.txt
touch -d @1600000000 in/*
expect_code 0 $THIDUA --db m.db ingest --jobs 2 in
expect_grep '3 added, 0 replaced, 0 unchanged, 0 failed$' err
mt() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select mtime from documents where path = ?", (sys.argv[2],)).fetchone()[0])' m.db "$1"; }
[ "$(mt in/a.txt)" = 1600000000000000000 ] || fail "mtime stored: $(mt in/a.txt)"
# same size, same time, other bytes: not read
sed 's/alphaword/omegaword/' in/a.txt >a2 && cat a2 >in/a.txt
touch -d @1600000000 in/a.txt
expect_code 0 $THIDUA --db m.db ingest in
expect_grep '0 added, 0 replaced, 3 unchanged, 0 failed$' err
expect_code 0 $THIDUA --db m.db search --json alphaword
expect_lines 1 out
expect_code 0 $THIDUA --db m.db search --json omegaword
expect_lines 0 out
# --force reads it
expect_code 0 $THIDUA --db m.db ingest --force --json in/a.txt
expect_grep '^\{"file":"in/a.txt","status":"replaced","error":null\}$' out
expect_code 0 $THIDUA --db m.db search --json omegaword
expect_lines 1 out
# another time, same bytes: hashed, unchanged, the new time recorded
touch -d @1500000000 in/s04-hoinongdan.txt
expect_code 0 $THIDUA --db m.db ingest --json in
expect_grep '^\{"file":"in/s04-hoinongdan.txt","status":"unchanged","error":null\}$' out
[ "$(mt in/s04-hoinongdan.txt)" = 1500000000000000000 ] || fail "new mtime not recorded"
# a time too recent to trust is not stored: the file is read next time
touch in/s10-doanket.txt
expect_code 0 $THIDUA --db m.db ingest in
expect_grep '0 added, 0 replaced, 3 unchanged, 0 failed$' err
[ "$(mt in/s10-doanket.txt)" = None ] || fail "a racy mtime was stored: $(mt in/s10-doanket.txt)"
