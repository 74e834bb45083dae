# t102-test-norm-runner: `thidua test-norm` counts, reports failures with
# file:line, expected and got, and exits 1 when anything failed.
. "$ROOT/tests/cli/lib.sh"
mkdir cases
printf '# a comment\nfold\nKhánh Hoà\nkhanh hoa\n\ntone\nthuỷ\nthủy\n' >cases/good.test
expect_code 0 $THIDUA test-norm cases
expect_grep '^normalize: 2 passed, 0 failed$' out

printf 'fold\nKhánh\\u{A0}Hoà\nkhanh-hoa\n\nfold\nonly two lines\n\nnosuchop\nx\nx\n' >cases/bad.test
expect_code 1 $THIDUA test-norm cases
expect_grep '^FAIL cases/bad.test:1: fold "Khánh\\u\{A0\}Hoà"$' out
expect_grep '^  expected "khanh-hoa"$' out
expect_grep '^  got      "khanh hoa"$' out
expect_grep 'bad.test:5: .*malformed case' out
expect_grep 'bad.test:8: nosuchop .*unknown operation' out
expect_grep '^normalize: 2 passed, 3 failed$' out

# the project's own cases pass
expect_code 0 $THIDUA test-norm "$ROOT/tests/normalize"
expect_grep '^normalize: [0-9]+ passed, 0 failed$' out
expect_code 2 $THIDUA test-norm
