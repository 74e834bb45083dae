# t524-ingest-jobs-identity: `ingest --jobs N` stores the same rows and
# prints the same lines whatever N: corpus/ with --jobs 1 and --jobs 4 gives
# the same summary, --json lines, ids, search, show --json and blocs
# --json.  `-` reads the files from standard input (lines or NUL-separated).
. "$ROOT/tests/cli/lib.sh"
cp -r "$ROOT/corpus" in
: >in/zz-empty.txt
for n in 1 4; do
    expect_code 1 $THIDUA --db j$n.db ingest --jobs $n --json in
    cp out ingest$n.out
    sed "s/'j$n.db'/'jN.db'/" err >ingest$n.err
done
cmp -s ingest1.out ingest4.out || { diff ingest1.out ingest4.out | head; fail "--json lines differ"; }
cmp -s ingest1.err ingest4.err || { diff ingest1.err ingest4.err | head; fail "messages differ"; }
expect_grep "^ingested 23 files into 'jN.db': 22 added, 0 replaced, 0 unchanged, 1 failed$" ingest4.err
dump() {
    $THIDUA --db "$1" search --json --limit 50 "giao uoc thi dua"
    $THIDUA --db "$1" search --json --limit 50 "Khánh Hòa"
    $THIDUA --db "$1" blocs --json
    $THIDUA --db "$1" leaders --json
    for id in $(seq 1 22); do $THIDUA --db "$1" show --json "$id"; done
}
dump j1.db | sed 's/"ingested_at":"[^"]*"//' >d1
dump j4.db | sed 's/"ingested_at":"[^"]*"//' >d4
[ "$(grep -c '^{"id":' d1)" -eq 22 ] || fail "show --json did not find 22 documents"
cmp -s d1 d4 || { diff d1 d4 | cut -c1-200 | head; fail "--jobs 1 and --jobs 4 stored different rows"; }
# ids follow the order of the files
expect_code 0 $THIDUA --db j4.db show --json 1
expect_grep '^\{"id":1,"path":"in/bg2022-ngan-hang-ky-ket.txt"' out
expect_code 0 $THIDUA --db j4.db show --json 22
expect_grep '^\{"id":22,"path":"in/tn2023-huyen-thi-ky-ket.txt"' out

# a list on standard input, one a line or NUL-separated
ls in/*.txt >list
expect_code 1 sh -c "$THIDUA --db s.db ingest --jobs 2 - <list"
expect_grep "^ingested 9 files into 's.db': 8 added, 0 replaced, 0 unchanged, 1 failed$" err
find in -name '*.htm*' -print0 >list0
nh=$(find in -name '*.htm*' | wc -l)
expect_code 0 sh -c "$THIDUA --db s.db ingest - in/tn2023-huyen-thi-ky-ket.txt <list0"
expect_grep "^ingested $((nh + 1)) files into 's.db': $nh added, 0 replaced, 1 unchanged, 0 failed$" err
printf 'in/ht2023-khoi-10-so-ket.txt\r\n\nin/nothere.txt\n' >list
expect_code 1 sh -c "$THIDUA --db s.db ingest - <list"
expect_grep "^thidua: error: 'in/nothere.txt': No such file or directory$" err
expect_grep "^ingested 1 file into 's.db': 0 added, 0 replaced, 1 unchanged, 1 failed$" err

# usage
expect_code 2 $THIDUA --db s.db ingest --jobs 0 in
expect_grep "^thidua: error: --jobs wants a number from 1 to 256, not '0'$" err
expect_code 2 $THIDUA --db s.db ingest --jobs x in
expect_code 2 sh -c "$THIDUA --db s.db ingest - - </dev/null"
expect_grep "named twice" err
