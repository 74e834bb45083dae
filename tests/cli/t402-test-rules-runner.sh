# t402-test-rules-runner: `thidua test-rules DIR` reports a failing case
# with file:line and a diff, counts malformed cases as failed, checks that
# evidence is in the input and that each file has a "(none)" case, and
# exits 1; on the real rules it passes.
. "$ROOT/tests/cli/lib.sh"
mkdir r
cp "$ROOT"/rules/*.rules "$ROOT"/rules/provinces.tsv r/
cat >r/leader.test <<'T'
# a passing case, a wrong expectation, a malformed line, bad evidence
=== ok
Năm 2024, Hội Nông dân tỉnh làm Trưởng khối.
---
leader role=truong_khoi unit="Hội Nông dân tỉnh" year=2024

=== wrong unit
Năm 2024, Hội Nông dân tỉnh làm Trưởng khối.
---
leader role=truong_khoi unit="Hội Phụ nữ tỉnh" year=2024

=== malformed
Năm 2024, Hội Nông dân tỉnh làm Trưởng khối.
---
leader role=truong_khoi unit="unterminated

=== evidence not in the input
Năm 2024, Hội Nông dân tỉnh làm Trưởng khối.
---
leader role=truong_khoi unit="Hội Nông dân tỉnh" year=2024 evidence="Hội Cựu chiến binh"
T
expect_code 1 $THIDUA test-rules r
expect_grep '^leader.test:7: wrong unit$' out
expect_grep '^  - leader role="truong_khoi" unit="Hội Phụ nữ tỉnh" year="2024"$' out
expect_grep '^  \+ leader role="truong_khoi" unit="Hội Nông dân tỉnh" year="2024"$' out
expect_grep '^leader.test:12: malformed$' out
expect_grep 'unterminated quote' out
expect_grep 'evidence "Hội Cựu chiến binh" is not in the input' out
expect_grep '^leader.test: no "\(none\)" case$' out
expect_grep "rule 'leader.handover' has no positive case" out
expect_grep '^rules: 1 passed, [0-9]+ failed$' out
tail -n 1 out | grep -Eq '^rules: [0-9]+ passed, [0-9]+ failed$' || fail "last line is not the summary"
# a rule file that does not compile: exit 3, file and line named
printf 'rule x.bad\n  fact leader\n  pattern (unclosed\n' >r/zz.rules
expect_code 3 $THIDUA test-rules r
expect_grep "zz.rules:3: pattern does not compile" err
# the real rules pass
expect_code 0 $THIDUA test-rules "$ROOT/rules"
expect_grep '^rules: [0-9]+ passed, 0 failed$' out
