# t311-extract-text-encodings: legacy text without font information is
# detected (windows-1258, TCVN3, VNI) and decoded; UTF-16 with a BOM.
. "$ROOT/tests/cli/lib.sh"
need_shared legacy-encodings/samples/expected.txt
S=$SHARED/legacy-encodings/samples
for f in sample-cp1258.txt sample-vni.txt; do
    expect_code 0 $THIDUA extract --text "$S/$f"
    grep -v '^$' out >got
    cmp -s got "$S/expected.txt" || { diff "$S/expected.txt" got | head; fail "$f differs"; }
done
# TCVN3 without fonts loses the case of toned capitals (see the README)
expect_code 0 $THIDUA extract --text "$S/sample-tcvn3.txt"
grep -v '^$' out >got
cmp -s got "$S/expected-tcvn3-nofont.txt" || { diff "$S/expected-tcvn3-nofont.txt" got | head; fail "sample-tcvn3.txt differs"; }
printf 'Khối thi đua ký kết giao ước năm 2024\n\nHội nghị diễn ra sáng 22/02/2024.\n' >u8.txt
iconv -f utf-8 -t UTF-16LE u8.txt | { printf '\377\376'; cat; } >u16.txt
expect_code 0 $THIDUA extract --text u16.txt
expect_grep "^Hội nghị diễn ra sáng 22/02/2024.$" out
expect_lines 3 out
