# t202-extract-docx-legacy: runs typed in TCVN3 (.VnTime, .VnTimeH) or VNI
# fonts come out as Unicode, with fonts set on runs directly, through
# docDefaults and paragraph/character styles, or split over runs (VNI).
. "$ROOT/tests/cli/lib.sh"
need_shared legacy-encodings/samples/expected.txt
s=$SHARED/legacy-encodings/samples
for f in unicode tcvn3 tcvn3-styles vni; do
    expect_code 0 $THIDUA extract --text "$s/sample-$f.docx"
    grep -v '^$' out >got.txt
    cmp -s got.txt "$s/expected.txt" || { diff got.txt "$s/expected.txt" | head; fail "sample-$f.docx"; }
done
