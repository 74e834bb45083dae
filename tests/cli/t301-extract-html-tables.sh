# t301-extract-html-tables: a 2000s table layout (menu column, content
# cell with <br><br> paragraphs, "Tin khác" column, counter, footer row).
. "$ROOT/tests/cli/lib.sh"
D=$ROOT/tests/data/html
expect_code 0 $THIDUA extract --text "$D/table2000.html"
cmp -s out "$D/table2000.expected" || { diff "$D/table2000.expected" out | head -20; fail "table2000.html text differs"; }
expect_grep "^Ngày 02/3/2007, Khối thi đua các sở, ngành Nội chính" out
expect_grep "^Theo Báo Đông Sơn$" out
for s in "Tin khác" "Bắc Hà" "Tây Giang" "Nam Lâm" "Lượt truy cập" "0123456" "In bài viết" \
         "Gửi email" "Giới thiệu chung" "Hỏi đáp" "Địa chỉ" "Ghi rõ nguồn" "Trang chủ"; do
    [ "$(grep -c -- "$s" out)" -eq 0 ] || fail "boilerplate '$s' kept"
done
# a malformed page (unclosed tags everywhere) still gives its article,
# its list items and its data table
expect_code 0 $THIDUA extract --text "$D/malformed.html"
head -n 1 out | grep -q "^Khối thi đua Mặt trận và các đoàn thể sơ kết 6 tháng đầu năm 2023$" || fail "malformed: title"
expect_grep "^Đẩy mạnh chuyển đổi số trong công tác Hội$" out
expect_grep "^Tỉnh đoàn$" out
expect_grep "^Nguyễn Hà$" out
for s in "Đắk Lắk" "Gia Lai" "Lê Duẩn" "Liên hệ" "Tin mới"; do
    [ "$(grep -c -- "$s" out)" -eq 0 ] || fail "malformed: boilerplate '$s' kept"
done
