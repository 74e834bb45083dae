# t902-ingest-disk-full: a full disk stops the batch at the first document
# that does not fit, with one error line (not one per remaining file) and
# exit 3; the documents stored before it stay, queryable.
#
# The disk is filled without root or a small filesystem: `ulimit -f` caps
# the size of any file the process writes (RLIMIT_FSIZE), and with SIGXFSZ
# ignored a write past the cap fails with EFBIG, which SQLite reports like
# a write to a full disk (an I/O error on write, or SQLITE_FULL for a short
# write).  The database is made first without the cap; the capped ingest
# then writes its documents to the write-ahead log, which starts empty: the
# cap (400 blocks: 200 KiB, or 400 KiB where a block is 1 KiB) leaves room
# there for a few of the 36 documents, and no other file written comes
# near it.  Ingest writes its documents in batches (one transaction each,
# where every page is written once): each file gets ~9 KB of lines of its
# own, so that the batch of all 36 cannot fit either.
. "$ROOT/tests/cli/lib.sh"
docs=$ROOT/tests/search/docs
filler() {   # n: lines of words found in no other file
    awk -v n="$1" 'BEGIN { for (k = 1; k <= 200; k++) printf "Dòng phụ lục pl%sx%d của tài liệu.\n", n, k }'
}
mkdir in
i=1
for f in "$docs"/s0*.txt "$docs"/s1*.txt; do
    # a distinct word per file, and file names sorted as they are numbered
    n=$(printf '%02d' $i)
    { cat "$f"; printf '\nMã tài liệu tailieu%s.\n' "$n"; filler "$n"; } >in/d$n.txt
    i=$((i + 1))
done
for f in "$docs"/s0*.txt "$docs"/s1*.txt; do
    n=$(printf '%02d' $i)
    { cat "$f"; printf '\nMã tài liệu tailieu%s, bản sao.\n' "$n"; filler "$n"; } >in/d$n.txt
    i=$((i + 1))
done
total=$(ls in | wc -l)
[ "$total" -ge 30 ] || fail "only $total input files"
mkdir seed
cp "$docs/s01-khanhhoa-kyket.txt" "$docs/s02-khanhhoa-tongket.txt" "$docs/s03-kontum.txt" seed/
expect_code 0 $THIDUA --db f.db ingest -q seed

(ulimit -f 400 && trap '' XFSZ && exec $THIDUA --db f.db ingest in) >out 2>err
rc=$?
[ "$rc" -eq 3 ] || { head -20 err; fail "ingest exited $rc, want 3"; }
[ "$(grep -c '^thidua: error' err)" -eq 1 ] || { head -20 err; fail "want exactly one error line"; }
expect_grep "^thidua: error: cannot write to database 'f\.db': .*no space left for the database.*; ingest stopped at 'in/d[0-9]+\.txt', [0-9]+ files? not stored$" err
expect_no_grep 'warning' err
expect_grep "^ingested [0-9]+ of $total files into 'f\.db': [0-9]+ added, 0 replaced, 0 unchanged, 0 failed; stopped, the database is full$" err
added=$(sed -n 's/.*files into .*: \([0-9]*\) added.*/\1/p' err)
[ "$added" -ge 1 ] && [ "$added" -lt "$total" ] || fail "$added of $total stored: the cap does not fit this test"
stop=$(sed -n "s/.*ingest stopped at 'in\/d\([0-9]*\)\.txt'.*/\1/p" err)
notstored=$(sed -n 's/.*, \([0-9]*\) files\{0,1\} not stored$/\1/p' err)
[ "$((added + notstored))" -eq "$total" ] || fail "$added stored + $notstored not stored != $total"

# what was stored stays, and is found; the file that did not fit is not
expect_code 0 $THIDUA --db f.db stats --json
expect_grep "\"documents\":$((added + 3))," out
expect_code 0 $THIDUA --db f.db search --json tailieu01
expect_lines 1 out
expect_code 0 $THIDUA --db f.db search --json "tailieu$stop"
expect_lines 0 out
expect_code 0 $THIDUA --db f.db leaders
[ -s out ] || fail "leaders printed nothing"

# with room again, the rest goes in
expect_code 0 $THIDUA --db f.db ingest in
expect_grep "$((total - added)) added, 0 replaced, $added unchanged, 0 failed" err
