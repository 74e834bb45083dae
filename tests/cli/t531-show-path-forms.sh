# t531-show-path-forms: `thidua show` finds a document by the path it was
# ingested from written another way: with or without a leading "./", by
# the real path of the file (absolute, or relative from elsewhere), and
# by a unique end of the path after a '/'.  An end no document has, or
# one that several have, still fails (exit 1).
. "$ROOT/tests/cli/lib.sh"
mkdir -p w/corpus w/other
printf 'Khối thi đua các huyện ký kết giao ước thi đua năm 2024\n' >w/corpus/huyen-ky-ket.txt
printf 'Khối thi đua các sở ký kết giao ước thi đua năm 2024\n' >w/other/so-ky-ket.txt
(cd w && $THIDUA --db ../d.db ingest -q corpus/huyen-ky-ket.txt ./other/so-ky-ket.txt) ||
    fail "ingest failed"
expect_code 0 $THIDUA --db d.db show 1
expect_grep '^document 1: corpus/huyen-ky-ket.txt$' out
cp out one
expect_code 0 $THIDUA --db d.db show 2
expect_grep '^document 2: \./other/so-ky-ket.txt$' out
cp out two
here=$PWD
for d in corpus/huyen-ky-ket.txt ./corpus/huyen-ky-ket.txt .//corpus/huyen-ky-ket.txt \
         huyen-ky-ket.txt w/corpus/huyen-ky-ket.txt "$here/w/corpus/huyen-ky-ket.txt"; do
    expect_code 0 $THIDUA --db d.db show "$d"
    cmp -s out one || fail "show '$d' is not document 1"
done
for d in other/so-ky-ket.txt ./other/so-ky-ket.txt so-ky-ket.txt "$here/w/other/so-ky-ket.txt"; do
    expect_code 0 $THIDUA --db d.db show "$d"
    cmp -s out two || fail "show '$d' is not document 2"
done
# from another directory, a relative path to the same file
mkdir elsewhere
(cd elsewhere && $THIDUA --db ../d.db show ../w/corpus/huyen-ky-ket.txt) >out 2>err ||
    fail "show ../w/corpus/huyen-ky-ket.txt: $(cat err)"
cmp -s out one || fail "show ../w/corpus/huyen-ky-ket.txt is not document 1"
# not an end after a '/', or no such path: no document
for d in ky-ket.txt nothing.txt w/nothing/huyen-ky-ket.txt.bak; do
    expect_code 1 $THIDUA --db d.db show "$d"
done
expect_grep "^thidua: error: no document 'w/nothing/huyen-ky-ket.txt.bak' in the database" err
