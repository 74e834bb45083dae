# t505-search-explain: --tokens shows the tokenizer's token dump (token,
# start, end, colocated; a bare word of a text typed with diacritics has no
# exact form) and --explain the FTS5 expressions a query becomes,
# abbreviations and exact forms included.
. "$ROOT/tests/cli/lib.sh"
expect_code 0 $THIDUA search --tokens "Uỷ ban ĐOÀN KẾT 8.000"
printf 'uy\t0\t4\t0\n=ủy\t0\t4\t1\nban\t5\t8\t0\ndoan\t9\t15\t0\n=đoàn\t9\t15\t1\nket\t16\t21\t0\n=kết\t16\t21\t1\n8000\t22\t27\t0\n' >want
cmp -s out want || { diff want out; fail "token dump differs"; }

printf 'x\n' >x.txt
expect_code 0 $THIDUA --db e.db ingest -q x.txt
expect_code 0 $THIDUA --db e.db --rules "$ROOT/rules" search --explain 'LĐLĐ tỉnh "giao ước" NOT hồi'
expect_grep '^match: \(\("ldld" OR "lien doan lao dong"' out
expect_grep '^exact: \("=lđlđ" OR "=liên =đoàn lao =động"' out
expect_grep '^exact: "giao =ước"$' out
expect_grep '^exact adjacent: "=lđlđ =tỉnh"$' out
expect_no_grep '=hồi' out
expect_grep '^adjacent: "ldld tinh"$' out
expect_code 2 $THIDUA --db e.db search --explain 'a AND'

# abbreviations inside NEAR: one NEAR per form
expect_code 0 $THIDUA --db e.db --rules "$ROOT/rules" search --explain 'NEAR(LĐLĐ "chăm lo", 5)'
expect_grep '^match: \(NEAR\("ldld" "cham lo", 5\) OR NEAR\("lien doan lao dong" "cham lo", 5\)' out
# a mixed query: exact credit only for the word typed with diacritics
expect_code 0 $THIDUA --db e.db --rules "$ROOT/rules" search --explain 'hoi nghị'
expect_grep '^exact: "=nghị"$' out
expect_grep '^exact adjacent: "hoi =nghị"$' out
expect_no_grep '=hoi' out
# province spellings from provinces.tsv that folding cannot join
expect_code 0 $THIDUA --db e.db --rules "$ROOT/rules" search --explain 'Kontum'
expect_grep '^match: \("kon tum" OR "kontum"\)$' out
# Eth (ð), as legacy-font conversions leave it, is đ
expect_code 0 $THIDUA search --tokens "ðoàn"
printf 'doan\t0\t6\t0\n=đoàn\t0\t6\t1\n' >want
cmp -s out want || { diff want out; fail "Eth token dump differs"; }
