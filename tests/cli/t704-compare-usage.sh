# t704-compare-usage: usage errors of compare, leaders and blocs exit 2 with
# a hint; a missing database exits 3.  Does not depend on extraction.
. "$ROOT/tests/cli/lib.sh"
expect_code 3 $THIDUA --db nothing.db compare 2023 2024
expect_grep "cannot open database 'nothing.db'" err
expect_code 2 $THIDUA --db nothing.db compare 2023
expect_grep "compare needs two years" err
expect_grep "try 'thidua compare --help'" err
expect_code 2 $THIDUA --db nothing.db compare 2023 twenty
expect_grep "'twenty' is not a year" err
expect_code 2 $THIDUA --db nothing.db compare 2023 2023
expect_code 2 $THIDUA --db nothing.db compare --json --csv 2023 2024
expect_grep "exclude each other" err
expect_code 2 $THIDUA --db nothing.db compare --province
expect_code 2 $THIDUA --db nothing.db leaders extra
expect_grep "unexpected argument 'extra'" err
expect_code 2 $THIDUA --db nothing.db blocs --year 20x4
expect_grep "'20x4' is not a year" err
expect_code 2 $THIDUA --db nothing.db blocs --split
expect_grep "split needs one or two blocs" err
expect_code 2 $THIDUA --db nothing.db leaders --evidence --csv
expect_grep "evidence is for the table" err
expect_code 2 $THIDUA --db nothing.db blocs --csv --evidence
expect_grep "evidence is for the table" err
expect_code 3 $THIDUA --db nothing.db blocs
[ ! -e nothing.db ] || fail "a query created the database"
