# t010-symbols: every global symbol defined by thidua's objects carries a
# module prefix (curl's test1167): td_ core, extract_, norm_, names_,
# rules_, index_, cli_/cmd_/pipeline_ for the command line, serve_ for
# the web server.
. "$ROOT/tests/cli/lib.sh"
objdir=$(dirname "$(echo $THIDUA | awk '{print $NF}')")/src
[ -d "$objdir" ] || skip "no object directory $objdir beside the binary"
command -v nm >/dev/null || skip "nm not found (binutils)"
find "$objdir" -name '*.o' ! -name main.o | xargs nm -g --defined-only 2>/dev/null |
    awk 'NF == 3 {print $3}' | grep -v '^__' | sort -u >syms
[ -s syms ] || fail "no symbols found in $objdir"
grep -Ev '^(td_|extract_|norm_|names_|rules_|index_|canon_|dedup_|cli_|cmd_|pipeline_|serve_)' syms >bad || true
[ ! -s bad ] || { cat bad; fail "global symbols without a module prefix"; }
