# t900-ingest-concurrent-create: two ingests started at once on a database
# that does not exist yet both succeed (the second waits for the first's
# schema, then finds it instead of creating it again), ten rounds running;
# the database then holds each document once.
. "$ROOT/tests/cli/lib.sh"
docs=$ROOT/tests/search/docs
mkdir in
cp "$docs/s01-khanhhoa-kyket.txt" "$docs/s02-khanhhoa-tongket.txt" "$docs/s03-kontum.txt" in/
round=1
while [ $round -le 10 ]; do
    rm -f c.db c.db-wal c.db-shm
    $THIDUA --db c.db ingest -q in >out1 2>err1 &
    p1=$!
    $THIDUA --db c.db ingest -q in >out2 2>err2 &
    p2=$!
    wait $p1; rc1=$?
    wait $p2; rc2=$?
    [ "$rc1" -eq 0 ] && [ "$rc2" -eq 0 ] ||
        { cat err1 err2; fail "round $round: the ingests exited $rc1 and $rc2, want 0 and 0"; }
    [ ! -s err1 ] && [ ! -s err2 ] || { cat err1 err2; fail "round $round: messages on stderr"; }
    expect_code 0 $THIDUA --db c.db stats --json
    expect_grep '"documents":3,' out
    expect_code 0 $THIDUA --db c.db search --json "Kon Tum"
    expect_lines 1 out
    round=$((round + 1))
done
