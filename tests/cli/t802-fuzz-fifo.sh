# t802-fuzz-fifo: a named pipe with a document name in a walked directory
# (nobody writes to it) is not waited on: it reads as an empty file, gets
# one error line, and the batch goes on (td.c: td_read_file opened it with
# a blocking fopen and hung forever).  A FIFO cannot live in git, so it is
# made here; tests/data/fuzz/fifo-batch.txt is the good file beside it.
. "$ROOT/tests/cli/lib.sh"
mkdir in
cp "$ROOT/tests/data/fuzz/fifo-batch.txt" in/a.txt
mkfifo in/b.txt || fail "mkfifo"
expect_code 1 timeout 60 $THIDUA extract --text in
expect_lines 1 err
expect_grep "^thidua: error: 'in/b.txt': empty file$" err
expect_grep '^Khối thi đua các huyện miền núi ký kết giao ước thi đua năm 2024\.$' out
expect_code 1 timeout 60 $THIDUA --db f.db ingest in
expect_grep "^thidua: error: 'in/b.txt': empty file$" err
expect_grep '1 added, 0 replaced, 0 unchanged, 1 failed' err
# a pipe with a writer is still read
expect_code 0 timeout 60 sh -c "cat in/a.txt | $THIDUA extract --text /dev/stdin"
expect_grep '^Khối thi đua các huyện miền núi ký kết giao ước thi đua năm 2024\.$' out
