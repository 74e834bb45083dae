# t863-html-internal-dtd: a page whose doctype carries an internal subset,
# <!DOCTYPE html [<!ENTITY x "...">]>, shows none of it as text (libxml2's
# HTML parser ended the doctype at the first '>'), whether the subset has
# one or several declarations, quoted '>' and ']' or a comment; its
# entities are not expanded, and the facts are found as without it.
. "$ROOT/tests/cli/lib.sh"
body='<html><head><title>Trang</title></head><body><article><p>Khối thi đua các cơ quan Đảng tỉnh Nghệ An tổ chức hội nghị ký kết giao ước thi đua năm 2024, với sự tham gia của mười hai đơn vị thành viên trong khối.</p><p>&x; &y;</p></article></body></html>'
printf '<!DOCTYPE html [<!ENTITY x "dtdleak1">]>\n%s\n' "$body" >one.html
printf '<!DOCTYPE html [\n<!ENTITY x "dtdleak1">\n<!ENTITY y "dtdleak2">\n]>\n%s\n' "$body" >two.html
printf '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd" [<!ENTITY x "a ]> dtdleak3"> <!-- ]> dtdleak4 --> <!ENTITY y '"'"'dtdleak5'"'"'>\n]  >\n%s\n' "$body" >quoted.html
printf '<!doctype html [<!ELEMENT p ANY><!ATTLIST p class CDATA "dtdleak6">]><html><body><p>Khối thi đua các cơ quan Đảng tỉnh Nghệ An tổ chức hội nghị ký kết giao ước thi đua năm 2024, với sự tham gia của mười hai đơn vị thành viên trong khối.</p></body></html>\n' >lower.html
for f in one.html two.html quoted.html lower.html; do
    expect_code 0 $THIDUA extract --text "$f"
    expect_no_grep 'dtdleak|ENTITY|ELEMENT|ATTLIST|\]>' out
    expect_grep '^Khối thi đua các cơ quan Đảng tỉnh Nghệ An tổ chức hội nghị' out
    expect_code 0 $THIDUA extract --json "$f"
    expect_no_grep 'dtdleak' out
    expect_grep '"province":"Nghệ An"' out
    expect_grep '"event":"ky_ket","pledge_year":2024,' out
done
