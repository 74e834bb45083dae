# t001-help-lists-all: `thidua --help` lists every command (the README's
# command table, test-rules and test-norm included) and every global
# option (--db, --rules, --quiet, --version, --help), and each global
# option works before the command.
. "$ROOT/tests/cli/lib.sh"
expect_code 0 $THIDUA --help
cp out help
expect_grep '^usage: thidua \[--db PATH\] \[--rules DIR\] \[--quiet\] <command>' help
sed -n 's/^  \([a-z][a-z-]*\)  *[a-zA-Z(].*/\1/p' help | sort >listed
# the table under '| command | what it does |', to its first non-table line
awk '/^\| command \| what it does \|$/ { t = 1; next } t && !/^\|/ { exit } t' "$ROOT/README.md" |
    sed -n 's/^| `\([a-z][a-z-]*\).*` | .*/\1/p' | sort >readme
[ -s readme ] || fail "no command table found in README.md"
diff readme listed >d || { cat d; fail "thidua --help and README's command table list different commands"; }
for c in test-rules test-norm; do
    grep -qx "$c" listed || fail "thidua --help does not list $c"
done
for c in $(cat listed); do
    expect_code 0 $THIDUA help "$c"
    expect_grep "^usage: thidua $c" out
done
for o in '--db PATH' '--rules DIR' '-q, --quiet' '--version' '-h, --help'; do
    grep -qF -- "  $o " help || fail "thidua --help does not describe '$o'"
done
# the global options before a command
printf 'Khối thi đua các sở ký kết giao ước thi đua năm 2024\n' >a.txt
expect_code 0 $THIDUA --quiet --db g.db --rules "$ROOT/rules" ingest a.txt
[ ! -s err ] || fail "ingest --quiet printed '$(cat err)'"
expect_code 0 $THIDUA -q --db=g.db --rules="$ROOT/rules" stats
expect_grep '^documents  1 ' out
expect_code 0 $THIDUA --version
expect_grep '^thidua ' out
