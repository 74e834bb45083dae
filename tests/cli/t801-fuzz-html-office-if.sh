# t801-fuzz-html-office-if: MS Office conditionals "<![if" with no ']>'
# before the next '>' are left as text, and a run of two million of them is
# read in time (html.c: blank_office_markup searched for the '>' again
# from every one, quadratic; it now reuses the '>' it found).
. "$ROOT/tests/cli/lib.sh"
F=$ROOT/tests/data/fuzz
expect_code 0 $THIDUA extract --text "$F/html-office-if-run.html"
[ ! -s err ] || fail "stderr not empty"
expect_grep '^Các đơn vị 1\. thống nhất<!\[if <!\[if <!\[if x> nội dung\.$' out
expect_grep '^Năm 2024 các đơn vị thi đua hoàn thành nhiệm vụ\.$' out
awk 'BEGIN { printf "<html><body><p>Khối thi đua các huyện ký kết giao ước."
             for (i = 0; i < 2000000; i++) printf "<![if "; print "x></p></body></html>" }' >big.html
# a guard against a hang, not a speed test: the fixed reader needs ~2 s (before: minutes)
expect_code 0 timeout 120 $THIDUA extract --text big.html
expect_grep '^Khối thi đua các huyện ký kết giao ước\.<!\[if ' out
[ ! -s err ] || fail "stderr not empty"
