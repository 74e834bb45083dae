# t303-extract-html-bad: an empty file, a page without article text and a
# page nested 100000 deep each give one error line; the batch goes on.
. "$ROOT/tests/cli/lib.sh"
D=$ROOT/tests/data/html
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 100000; i++) printf "<div>";
             printf "Văn bản rất sâu."; for (i = 0; i < 100000; i++) printf "</div>";
             print "</body></html>" }' >deep.html
expect_code 1 $THIDUA extract --text "$D/empty.html" "$D/nobody.html" deep.html "$D/portal.html"
expect_lines 3 err
expect_grep "^thidua: error: '.*empty.html': .*empty" err
expect_grep "^thidua: error: '.*nobody.html': no article text found in the page" err
expect_grep "^thidua: error: 'deep.html': .*nested" err
expect_grep "^Sáng 22/02/2024, Khối thi đua các Hội đặc thù" out
