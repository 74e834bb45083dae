# t300-extract-html-portal: a news-portal page gives its article and
# nothing else: no menus, sidebars ("Tin mới", "Đọc nhiều" about other
# provinces), counters, share bar, rating, poll, comment form or footer.
. "$ROOT/tests/cli/lib.sh"
D=$ROOT/tests/data/html
expect_code 0 $THIDUA extract --text "$D/portal.html"
cmp -s out "$D/portal.expected" || { diff "$D/portal.expected" out | head -20; fail "portal.html text differs"; }
# the title is the first block and appears once
[ "$(head -n 1 out)" = "Khối thi đua các Hội đặc thù tỉnh ký kết giao ước thi đua năm 2024" ] || fail "title not first"
[ "$(grep -c 'Hội đặc thù tỉnh ký kết giao ước thi đua năm 2024' out)" -eq 1 ] || fail "title twice"
for s in "Sáng 22/02/2024, Khối thi đua" "Quang cảnh Hội nghị" "Hội Luật gia tỉnh làm Phó khối" \
         "chuyển đổi số trong hoạt động của các Hội" "^Mai Thảo$"; do
    expect_grep "$s" out
done
for s in "Điện Biên" "Sơn La" "Quảng Trị" "Kon Tum" "Hải Dương" "Quảng Ninh" "Tin mới" \
         "Đọc nhiều" "Bài viết liên quan" "Lượt truy cập" "Đang truy cập" "Khảo sát" "OCOP" \
         "Bình chọn" "Tổng số điểm" "Chia sẻ" "A- A A+" "In bài viết" "Ý kiến bạn đọc" \
         "Họ và tên" "Mã xác nhận" "Trang chủ" "Cơ quan chủ quản" "Địa chỉ" "Bản quyền" \
         "ĐOÀN KẾT" "_gaq"; do
    [ "$(grep -c -- "$s" out)" -eq 0 ] || fail "boilerplate '$s' kept"
done
# title, date and byline reach the facts
expect_code 0 $THIDUA extract --json "$D/portal.html"
expect_grep '"title":"Khối thi đua các Hội đặc thù tỉnh ký kết giao ước thi đua năm 2024"' out
expect_grep '"published":"2024-02-23"' out
