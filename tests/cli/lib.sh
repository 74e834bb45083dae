# tests/cli/lib.sh - helpers for CLI test scripts (sourced).
#   expect_code N cmd...   run cmd, fail unless it exits N (stdout -> out, stderr -> err)
#   expect_grep PATTERN FILE   fail unless FILE matches the extended regex
#   expect_no_grep PATTERN FILE
#   expect_lines N FILE    fail unless FILE has exactly N lines
#   fail MSG
set -u
fail() { echo "FAIL: $*"; exit 1; }
expect_code() {
    want=$1; shift
    "$@" >out 2>err
    got=$?
    [ "$got" -eq "$want" ] || { echo "--- stdout"; head -20 out; echo "--- stderr"; head -20 err; fail "'$*' exited $got, want $want"; }
}
expect_grep() { grep -Eq -- "$1" "$2" || { echo "--- $2"; head -30 "$2"; fail "'$2' does not match /$1/"; }; }
expect_no_grep() { ! grep -Eq -- "$1" "$2" || { echo "--- $2"; head -30 "$2"; fail "'$2' matches /$1/"; }; }
expect_lines() { n=$(wc -l <"$2"); [ "$n" -eq "$1" ] || fail "'$2' has $n lines, want $1"; }
