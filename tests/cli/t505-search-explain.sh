# t505-search-explain: --tokens shows the tokenizer's token dump (token,
# start, end, colocated; a bare word of a text typed with diacritics has no
# exact form) and --explain the FTS5 expressions a query becomes,
# abbreviations and exact forms included.
. "$ROOT/tests/cli/lib.sh"
# a whole line of out, as written
expect_line() { grep -qxF -- "$1" out || { echo "--- out"; cat out; fail "no line '$1'"; }; }
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
expect_no_grep '^exact.*=hồi' out
expect_grep '^adjacent: "ldld tinh"$' out
# the strict reading runs first: a word typed with diacritics is its exact
# form or a bare word of a text typed without diacritics, also in phrases
# and after NOT; the abbreviation stays as it was; the folded reading is
# the fallback
expect_line 'match: (("ldld" OR "lien doan lao dong") AND ("=tỉnh" OR "=tinh") AND (("giao =ước" OR "giao =uoc") NOT ("=hồi" OR "=hoi")))'
expect_line 'fallback (fewer than 3 documents): (("ldld" OR "lien doan lao dong") AND "tinh" AND ("giao uoc" NOT "hoi"))'
# --fold: the folded reading only
expect_code 0 $THIDUA --db e.db --rules "$ROOT/rules" search --fold --explain 'LĐLĐ tỉnh "giao ước" NOT hồi'
expect_line 'match: (("ldld" OR "lien doan lao dong") AND "tinh" AND ("giao uoc" NOT "hoi"))'
expect_no_grep '^fallback' out
# prefixes, NEAR and columns; i or y after k (ký/kí) in either spelling
expect_code 0 $THIDUA --db e.db --rules "$ROOT/rules" search --explain 'Hoà* NEAR(hội "ký kết", 5) title:hội'
expect_line 'match: (("=hòa"* OR "=hoà"* OR "=hoa"*) AND (NEAR("=hội" "=ký =kết", 5) OR NEAR("=hội" "=kí =kết", 5) OR NEAR("=hoi" "=ki =ket", 5)) AND title : ("=hội" OR "=hoi"))'
expect_code 2 $THIDUA --db e.db search --explain 'a AND'

# abbreviations inside NEAR: one NEAR per form; the forms stay folded in
# the strict reading, whatever diacritics the expansion has
expect_code 0 $THIDUA --db e.db --rules "$ROOT/rules" search --explain 'NEAR(LĐLĐ "chăm lo", 5)'
expect_grep '^fallback \(fewer than 3 documents\): \(NEAR\("ldld" "cham lo", 5\) OR NEAR\("lien doan lao dong" "cham lo", 5\)' out
expect_line 'match: ((NEAR("ldld" "=chăm lo", 5) OR NEAR("ldld" "=cham lo", 5)) OR (NEAR("lien doan lao dong" "=chăm lo", 5) OR NEAR("lien doan lao dong" "=cham lo", 5)))'
# a mixed query: exact credit only for the word typed with diacritics
expect_code 0 $THIDUA --db e.db --rules "$ROOT/rules" search --explain 'hoi nghị'
expect_grep '^exact: "=nghị"$' out
expect_grep '^exact adjacent: "hoi =nghị"$' out
expect_line 'match: ("hoi" AND ("=nghị" OR "=nghi"))'
expect_no_grep '=hoi' out
# province spellings from provinces.tsv that folding cannot join
expect_code 0 $THIDUA --db e.db --rules "$ROOT/rules" search --explain 'Kontum'
expect_grep '^match: \("kon tum" OR "kontum"\)$' out
# Eth (ð), as legacy-font conversions leave it, is đ
expect_code 0 $THIDUA search --tokens "ðoàn"
printf 'doan\t0\t6\t0\n=đoàn\t0\t6\t1\n' >want
cmp -s out want || { diff want out; fail "Eth token dump differs"; }
