# t804-fuzz-rules-backtracking: inputs that made the leader rules backtrack
# exponentially (a unit of up to 15 words, each word matching two
# alternatives) are read in time by `extract --json`: 450 bytes of
# "tháng 3/" took 6 s with the rules of 4dbc562, 9 KB minutes, and 20000
# capitalized lines 76 s.  A guard against a hang, not a speed test.
. "$ROOT/tests/cli/lib.sh"
F=$ROOT/tests/data/fuzz
{ printf 'Khối thi đua các huyện ký kết giao ước năm 2024.\n\n'; cat "$F/rules-leader-unit-backtracking.txt"
  printf ' là Trưởng khối năm 2024.\n'; } >thang.txt
awk 'BEGIN { print "Khối thi đua các huyện ký kết giao ước năm 2024.\n";
             for (i = 0; i < 20000; i++) print "KHỐI THI ĐUA CÁC HUYỆN KÝ KẾT GIAO ƯỚC NĂM 2024" }' >upper.txt
for f in "$F/rules-leader-unit-backtracking.txt" thang.txt; do
    expect_code 0 timeout 100 $THIDUA extract --json "$f"
    expect_lines 1 out
    expect_grep '^\{"file":' out
    [ ! -s err ] || fail "$f: stderr not empty"
done
# 20000 lines of one shouted headline: a rule may run out of PCRE2's match
# budget on it; then the run says so (one line naming the file and the
# rule, exit 1) and still prints the facts the other rules found
timeout 100 $THIDUA extract --json upper.txt >out 2>err
rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] || fail "upper.txt: exit $rc"
expect_lines 1 out
expect_grep '^\{"file":"upper.txt".*"pledge_year":2024' out
if [ "$rc" -eq 1 ]; then
    expect_lines 1 err
    expect_grep "^thidua: error: 'upper.txt': rule '[a-z_.]+' failed at byte [0-9]+ of the text: match limit exceeded; facts may be incomplete$" err
else
    [ ! -s err ] || fail "upper.txt: exit 0 with stderr"
fi
