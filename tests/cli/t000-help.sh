# t000-help: every subcommand answers --help on stdout with exit 0, and
# misuse exits 2 with a hint on stderr (git's t0012-help).
. "$ROOT/tests/cli/lib.sh"
expect_code 0 $THIDUA --help
expect_grep '^usage: thidua' out
for cmd in $(sed -n 's/^  \([a-z-]*\)  *.*/\1/p' out); do
    expect_code 0 $THIDUA $cmd --help
    expect_grep "usage: thidua $cmd" out
    expect_code 0 $THIDUA help $cmd
    expect_grep "usage: thidua $cmd" out
done
expect_code 2 $THIDUA no-such-command
expect_grep "unknown command 'no-such-command'" err
expect_code 2 $THIDUA extract --no-such-option x
expect_grep "try 'thidua extract --help'" err
expect_code 2 $THIDUA
