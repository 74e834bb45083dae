# t870-large-document: a long document costs time in proportion to its
# size, and a search whose hit is a long document is as quick as any.
# Not a timed test: each step runs under a CPU-seconds limit (ulimit -t)
# far above what the linear code needs (well under a second for the search,
# a few seconds for the ingest, under ASan on a busy machine) and far below
# what quadratic code needs: FTS5's snippet() scores every window against
# every instance of the phrase, and this page holds about 110,000 of them
# (over 10^10 steps, minutes of CPU), so the limit only trips on a
# regression of that order.  SIGXCPU ends the command, and expect_code then
# fails.
. "$ROOT/tests/cli/lib.sh"
# about 1 MB: a headline, then 5,000 paragraphs of 21 "thi đua" each,
# their numbers and units varied
awk 'BEGIN {
    print "Khối thi đua các cơ quan tỉnh Tây Ninh tổng kết năm 2024\n";
    split("Sở Tài chính|Sở Nội vụ|Sở Y tế|Hội Nông dân tỉnh|Liên đoàn Lao động tỉnh", u, "|");
    for (i = 0; i < 5000; i++) {
        s = "Năm " (2015 + i % 10) ", " u[1 + i % 5] " hưởng ứng phong trào thi đua";
        for (k = 0; k < 20; k++) s = s ", thi đua";
        print s " đợt " i ".\n";
    }
}' >big.txt
[ "$(wc -c <big.txt)" -gt 1000000 ] || fail "big.txt is too small"
(ulimit -t 300; exec $THIDUA --db t.db -q ingest big.txt) >out 2>err ||
    { cat err; fail "ingest of a 1 MB document exceeded 300 s of CPU or failed"; }
(ulimit -t 60; exec $THIDUA --db t.db search "thi dua") >out 2>err ||
    { cat err; fail "search on a 1 MB document exceeded 60 s of CPU or failed"; }
expect_grep '^1\. big\.txt' out
# the snippet: the document's start, the phrase marked, 24 words
expect_grep '^   Khối \[thi đua\] các cơ quan tỉnh Tây Ninh tổng kết năm 2024 Năm 2015, Sở Tài chính hưởng ứng phong trào \[thi đua\]…$' out
# a phrase found far into the page: its own window, marked
(ulimit -t 60; exec $THIDUA --db t.db search '"dot 1000"') >out 2>err ||
    { cat err; fail "search on a 1 MB document exceeded 60 s of CPU or failed"; }
expect_grep '^   …đua, thi đua, thi đua, thi đua, thi đua, thi đua \[đợt 1000\]\. Năm 2016, Sở Nội vụ hưởng ứng phong trào thi đua…$' out
