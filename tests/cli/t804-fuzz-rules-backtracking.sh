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
for f in "$F/rules-leader-unit-backtracking.txt" thang.txt upper.txt; do
    expect_code 0 timeout 100 $THIDUA extract --json "$f"
    expect_lines 1 out
    expect_grep '^\{"file":' out
    [ ! -s err ] || fail "$f: stderr not empty"
done
