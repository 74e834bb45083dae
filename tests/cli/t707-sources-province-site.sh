# t707-sources-province-site: a report that never names its province gets
# the province of the site it came from (--source-url, ingest --sources, or
# a saved page's canonical link), kept apart from the text's province; blocs
# with the same generic name merge only within one province or site.
. "$ROOT/tests/cli/lib.sh"
# three reports of a "Khối thi đua Văn hóa - Xã hội" that name no province
cat >a2023.txt <<'X'
Khối thi đua Văn hóa - Xã hội tổng kết công tác thi đua năm 2023

Chiều 10/1/2024, Khối thi đua Văn hóa - Xã hội tổ chức hội nghị tổng kết công tác thi đua năm 2023. Khối gồm 5 đơn vị: Sở Y tế, Sở Giáo dục và Đào tạo, Sở Lao động - Thương binh và Xã hội, Sở Văn hóa, Thể thao và Du lịch, Đài Phát thanh và Truyền hình.
X
cat >a2024.txt <<'X'
Khối thi đua Văn hóa - Xã hội ký kết giao ước thi đua năm 2024

Sáng 5/3/2024, các đơn vị trong Khối thi đua Văn hóa - Xã hội đã ký kết giao ước thi đua năm 2024.
X
cat >b2024.txt <<'X'
Khối thi đua Văn hóa - Xã hội ký kết giao ước thi đua năm 2024

Ngày 20/2/2024, Khối thi đua Văn hóa - Xã hội tổ chức hội nghị ký kết giao ước thi đua năm 2024.
X
# extract: the site's province is reported apart
expect_code 0 $THIDUA extract --json --source-url 'https://sonoivu.backan.gov.vn/tin-tuc/12?id=3' a2024.txt
expect_grep '"province":null,"province_site":"Bắc Kạn","province_source":"site","source_url":"https://sonoivu.backan.gov.vn/tin-tuc/12\?id=3"' out
expect_code 0 $THIDUA extract --json --source-url https://www.baoninhthuan.com.vn/news/1.htm b2024.txt
expect_grep '"province_site":"Ninh Thuận"' out
# a national paper tells no province; no address, no site province
expect_code 0 $THIDUA extract --json --source-url https://vnexpress.net/a-1.html b2024.txt
expect_grep '"province":null,"province_site":null,"province_source":null' out
expect_code 0 $THIDUA extract --json a2024.txt
expect_grep '"province_site":null,"province_source":null,"source_url":null' out
# a saved page's own canonical link
cat >page.html <<'X'
<html><head><title>Khối thi đua Văn hóa - Xã hội ký kết giao ước</title>
<link rel="canonical" href="https://baoquangninh.vn/khoi-thi-dua-vhxh-123.html"></head>
<body><article><h1>Khối thi đua Văn hóa - Xã hội ký kết giao ước thi đua năm 2024</h1>
<p>Ngày 20/2/2024, Khối thi đua Văn hóa - Xã hội tổ chức hội nghị ký kết giao ước thi đua năm 2024 với sự tham dự của lãnh đạo các sở, ngành.</p></article></body></html>
X
expect_code 0 $THIDUA extract --json page.html
expect_grep '"province_site":"Quảng Ninh","province_source":"site","source_url":"https://baoquangninh.vn/khoi-thi-dua-vhxh-123.html"' out
# without addresses the three same-name reports stay apart: a name alone ties nothing
expect_code 0 $THIDUA --db n.db ingest -q a2023.txt a2024.txt b2024.txt
expect_code 0 $THIDUA --db n.db blocs --json
[ "$(grep -o '"id":' out | wc -l)" -eq 3 ] || fail "without sources: want 3 blocs, got $(grep -o '"id":' out | wc -l)"
expect_grep 'province unknown, kept apart' out
# with their addresses: a2023 and a2024 come from Bắc Kạn, b2024 from Ninh Thuận
printf 'a2023.txt\thttps://sonoivu.backan.gov.vn/tin/1\n# a comment\n\n%s/a2024.txt\thttps://backan.gov.vn/tin/2\nb2024.txt\thttps://baoninhthuan.com.vn/news/3.htm\n' "$PWD" >sources.tsv
expect_code 0 $THIDUA --db s.db ingest --sources sources.tsv a2023.txt a2024.txt b2024.txt
expect_code 0 $THIDUA --db s.db blocs --json
[ "$(grep -o '"id":' out | wc -l)" -eq 2 ] || fail "with sources: want 2 blocs"
expect_grep '"province":"Bắc Kạn","years":\[2023,2024\]' out
expect_grep '"province":"Ninh Thuận","years":\[2024\]' out
expect_grep '"why":"2 reports: same name, same province \(from the site\)"' out
# leaders/compare see the site's province too
expect_code 0 $THIDUA --db s.db blocs --province "Bắc Kạn"
expect_grep 'Văn hóa - Xã hội' out
# a new address re-extracts; the same one does not
expect_code 0 $THIDUA --db s.db ingest --sources sources.tsv a2023.txt a2024.txt b2024.txt
expect_grep '0 added, 0 replaced, 3 unchanged' err
expect_code 0 $THIDUA --db s.db ingest --source-url https://baolaocai.vn/x.html b2024.txt
expect_grep '0 added, 1 replaced, 0 unchanged' err
# a malformed sources file is named, nothing is done
printf 'a2023.txt https://no-tab.vn/\n' >bad.tsv
expect_code 3 $THIDUA --db s.db ingest --sources bad.tsv a2023.txt
expect_grep "^thidua: error: 'bad.tsv': line 1 is not 'path<TAB>url'$" err
expect_code 2 $THIDUA --db s.db ingest --sources sources.tsv --source-url https://x.vn a2023.txt
