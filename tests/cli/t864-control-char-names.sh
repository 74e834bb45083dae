# t864-control-char-names: file names holding a newline (one forged an
# extra "thidua: error:" line), ESC sequences (one cleared the terminal,
# one set its title), a C1 control and DEL are printed escaped (\n, \x1b,
# \xc2\x9b, \x7f) everywhere a name is printed: error lines, ingest's
# summary, extract's headers and facts, search, show, blocs --evidence, norm
# detect, test-rules.  Each bad file still gets exactly one error line, and no raw
# control byte reaches stdout or stderr; JSON escapes them as \u001b.
. "$ROOT/tests/cli/lib.sh"
C=$ROOT/corpus
cp -R "$ROOT/rules" rules || fail "cannot copy the rules"
mkdir in
nl=$(printf 'in/evil\nthidua: error: forged.txt')
esc=$(printf 'in/clear\033[2J.txt')
c1=$(printf 'in/csi\302\233m.txt')
good=$(printf 'in/good\033]0;owned\007\177.txt')
: >"$nl"
: >"$esc"
: >"$c1"
cp "$C/th2023-mttq-tong-ket.txt" "$good"
cp "$C/th2025-mttq-tong-ket.txt" in/plain.txt

clean() {   # fail when FILE holds a control byte other than the line breaks
    if tr -d '\n' <"$1" | LC_ALL=C grep -q '[[:cntrl:]]'; then
        od -c "$1" | grep -E '\\[0-9]{3}|\\[abtfrv]|033' | head -5
        fail "$1: a raw control character was printed"
    fi
    ! grep -q "$(printf '\302\233')" "$1" || fail "$1: a raw C1 control was printed"
}

expect_code 1 $THIDUA --db a.db ingest --rules rules in
clean err
[ "$(grep -c '^thidua: error: ' err)" -eq 3 ] || { cat err; fail "want 3 error lines, one per empty file"; }
expect_lines 4 err
grep -qxF "thidua: error: 'in/evil\\nthidua: error: forged.txt': empty file" err || { cat err; fail "newline not escaped"; }
grep -qxF "thidua: error: 'in/clear\\x1b[2J.txt': empty file" err || { cat err; fail "ESC not escaped"; }
grep -qxF "thidua: error: 'in/csi\\xc2\\x9bm.txt': empty file" err || { cat err; fail "C1 not escaped"; }
expect_grep ' 2 added, 0 replaced, 0 unchanged, 3 failed$' err

# a database named with a control character: its name is escaped too
expect_code 0 $THIDUA --db "$(printf 'x\033.db')" ingest --rules rules in/plain.txt
clean err
grep -qF "into 'x\\x1b.db'" err || { cat err; fail "database name not escaped"; }

expect_code 1 $THIDUA --db a.db ingest --rules rules --json in
clean out
clean err
grep -qF '{"file":"in/good\u001b]0;owned\u0007\u007f.txt","status":"unchanged"' out || { cat out; fail "JSON escapes"; }
grep -qF '{"file":"in/evil\nthidua: error: forged.txt","status":"failed"' out || { cat out; fail "JSON newline"; }
grep -qF '"in/csi\u009bm.txt"' out || { cat out; fail "JSON C1"; }

expect_code 1 $THIDUA extract --rules rules --text in
clean out
clean err
grep -qxF '==> in/good\x1b]0;owned\x07\x7f.txt <==' out || { grep '==>' out; fail "extract --text header not escaped"; }
[ "$(grep -c '^thidua: error: ' err)" -eq 3 ] || fail "extract: want 3 error lines"
expect_code 0 $THIDUA extract --rules rules "$good"
clean out
grep -qxF 'in/good\x1b]0;owned\x07\x7f.txt (text)' out || { head -3 out; fail "extract facts header not escaped"; }

expect_code 0 $THIDUA --db a.db search 'giao ước'
clean out
expect_grep '^[0-9]+\. in/good\\x1b\]0;owned\\x07\\x7f\.txt  \[text, doc ' out
expect_code 0 $THIDUA --db a.db show "$good"
clean out
grep -qF 'document 1: in/good\x1b]0;owned\x07\x7f.txt' out || { head -3 out; fail "show not escaped"; }
expect_code 0 $THIDUA --db a.db blocs --evidence
clean out
expect_grep 'doc [0-9]+  in/good\\x1b' out
expect_code 0 $THIDUA norm detect "$good" in/plain.txt
clean out
grep -qxF 'in/good\x1b]0;owned\x07\x7f.txt: utf-8 1.000' out || { cat out; fail "norm detect not escaped"; }

# a name given on the command line that does not exist
expect_code 1 $THIDUA extract --text "$(printf 'in/no\033[2Jsuch.txt')"
clean err
expect_lines 1 err

# test-rules names the .test and .rules files it reads: a rules folder
# holding a file named with ESC gets its name escaped, never raw
cp rules/date.test "$(printf 'rules/da\033[2Jte.test')"
expect_code 1 $THIDUA --rules rules test-rules
clean out
grep -qF 'da\x1b[2Jte.test: no companion da\x1b[2Jte.rules with rules' out ||
    { grep -a companion out; fail "test-rules names not escaped"; }
