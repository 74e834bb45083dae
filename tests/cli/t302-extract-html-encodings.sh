# t302-extract-html-encodings: windows-1258 pages (declared and guessed),
# .VnTime/.VnTimeH fonts on a page declared windows-1252 (font tags, inline
# CSS, <style> classes, entities decoded before the legacy mapping), and a
# page saved as UTF-16.
. "$ROOT/tests/cli/lib.sh"
D=$ROOT/tests/data/html
S=$SHARED/legacy-encodings/samples
expect_code 0 $THIDUA extract --text "$D/vntime.html"
cmp -s out "$D/vntime.expected" || { diff "$D/vntime.expected" out; fail "vntime.html differs"; }
# the shared windows-1258 sample gives exactly the expected paragraphs (its
# bare <title> "Mau van ban" is not used; the headline comes first, once)
if have_shared legacy-encodings/samples/sample-cp1258.html; then
    expect_code 0 $THIDUA extract --text "$S/sample-cp1258.html"
    grep -v '^$' out >body
    title=$(head -n 1 body)
    [ "$title" = "BIÊN BẢN KỲ HỌP THỨ MƯỜI HAI, HỘI ĐỒNG NHÂN DÂN TỈNH KHÓA XVII" ] ||
        fail "sample-cp1258.html: title '$title' not first"
    { echo "$title"; grep -vxF "$title" "$S/expected.txt"; } >want
    cmp -s body want || { diff want body | head; fail "sample-cp1258.html differs"; }
fi
for f in cp1258.html cp1258-nodecl.html; do
    expect_code 0 $THIDUA extract --text "$D/$f"
    expect_grep "^Khối gồm 8 đơn vị: Sở Kế hoạch và Đầu tư, Sở Tài chính" out
    expect_grep "nội dung đã ký kết – nhất là cải cách hành chính.$" out
    [ "$(grep -c -e "Bản quyền" -e "Thời sự" out)" -eq 0 ] || fail "$f: boilerplate kept"
done
iconv -f utf-8 -t UTF-16 "$D/portal.html" >p16.html || fail "iconv"
expect_code 0 $THIDUA extract --text p16.html
cmp -s out "$D/portal.expected" || fail "UTF-16 page differs from its UTF-8 original"
end_parts
