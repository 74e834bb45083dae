# t000-help: every subcommand answers --help on stdout with exit 0, and
# misuse exits 2 with a hint on stderr (git's t0012-help).  The commands
# are read from `thidua --help`; finding none (its layout changed) fails.
. "$ROOT/tests/cli/lib.sh"
expect_code 0 $THIDUA --help
expect_grep '^usage: thidua' out
sed -n 's/^  \([a-z][a-z-]*\)  *[a-zA-Z(].*/\1/p' out >cmds
n=$(grep -c . cmds)
[ "$n" -ge 9 ] || { cat out; fail "found $n commands in 'thidua --help', want 9 or more"; }
checked=0
for cmd in $(cat cmds); do
    expect_code 0 $THIDUA $cmd --help
    expect_grep "usage: thidua $cmd" out
    expect_code 0 $THIDUA help $cmd
    expect_grep "usage: thidua $cmd" out
    checked=$((checked + 1))
done
[ "$checked" -eq "$n" ] || fail "checked $checked of $n commands"
expect_code 2 $THIDUA no-such-command
expect_grep "unknown command 'no-such-command'" err
expect_code 2 $THIDUA extract --no-such-option x
expect_grep "try 'thidua extract --help'" err
expect_code 2 $THIDUA
