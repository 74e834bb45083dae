# t403-rules-fail-loudly: a macro the program reads that is missing or does
# not compile stops the run naming the macro (exit 3); a pattern that hits
# PCRE2's match limit on a document gives an error naming the rule and the
# file, keeps the other facts, exits 1, and fails `test-rules`; a rule with
# two not-sentence (sentence, within) lines is refused, not half-applied.
. "$ROOT/tests/cli/lib.sh"
printf 'Khối thi đua các cơ quan Đảng tỉnh Hà Nam ký kết giao ước thi đua năm 2024.\n' >doc.txt
# 1. a required macro missing
mkdir r1
cp "$ROOT"/rules/*.rules "$ROOT"/rules/provinces.tsv r1/
sed -i '/^define GOAL_DROP /d' r1/*.rules
expect_code 3 $THIDUA --rules r1 extract doc.txt
expect_grep 'macro \{GOAL_DROP\} is not defined' err
expect_code 3 $THIDUA --rules r1 test-rules r1
expect_grep GOAL_DROP err
# 2. a required macro that does not compile
mkdir r2
cp "$ROOT"/rules/*.rules "$ROOT"/rules/provinces.tsv r2/
printf 'define ORDINAL (unclosed\n' >r2/zz.rules
expect_code 3 $THIDUA --rules r2 extract doc.txt
expect_grep 'macro \{ORDINAL\}: pattern does not compile' err
# 3. a catastrophic pattern hits the match limit on one document
mkdir r3
cp "$ROOT"/rules/*.rules "$ROOT"/rules/*.test "$ROOT"/rules/provinces.tsv r3/
cat >r3/zz.rules <<'R'
rule zz.slow
  fact byline
  pattern (?<text>(?:x+x+)+y)
R
cat >r3/zz.test <<'R'
=== slow: a byline of x
xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-y
---
(none)
R
printf 'Khối thi đua các cơ quan Đảng tỉnh Hà Nam ký kết giao ước thi đua năm 2024.\n\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-y\n' >slow.txt
expect_code 1 $THIDUA --rules r3 extract --json slow.txt doc.txt
expect_grep "^thidua: error: 'slow.txt': rule 'zz.slow' failed at byte [0-9]+ of the text: .*limit" err
expect_lines 1 err
# the other rules' facts are still there, and the clean file is untouched
expect_grep '"file":"slow.txt".*"pledge_year":2024' out
expect_grep '"file":"doc.txt"' out
# ingest stores it, says so, exits 1
expect_code 1 $THIDUA --rules r3 --db t.db ingest slow.txt doc.txt
expect_grep "'slow.txt': rule 'zz.slow'" err
expect_grep '2 added, 0 replaced, 0 unchanged, 1 failed' err
# test-rules fails on it
expect_code 1 $THIDUA test-rules r3
expect_grep "^zz.test:1: slow: a byline of x$" out
expect_grep "rule 'zz.slow' failed" out
# 4. a second not-sentence line would silently replace the first
mkdir r4
cp "$ROOT"/rules/*.rules "$ROOT"/rules/provinces.tsv r4/
cat >r4/zz.rules <<'R'
rule zz.twice
  fact byline
  pattern (?<text>theo [a-z]+)
  not-sentence quang cao
  not-sentence tai tro
R
expect_code 3 $THIDUA --rules r4 extract doc.txt
expect_grep "zz.rules:5: rule 'zz.twice' has a second 'not-sentence' line" err
