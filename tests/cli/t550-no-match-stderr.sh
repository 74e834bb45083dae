# t550-no-match-stderr: one convention for "nothing matched", in every
# command and output form: stdout holds results only (nothing, an empty
# JSON list or the CSV header), one note on stderr says so
# ("thidua: no ... match"), and the exit status is 0.
. "$ROOT/tests/cli/lib.sh"
expect_code 0 $THIDUA --db db ingest -q "$ROOT/corpus/th2022-mttq-ky-ket.html"
none() {   # note-regex stdout-regex-or-empty cmd...
    note=$1 stdout_re=$2; shift 2
    expect_code 0 $THIDUA --db db "$@"
    expect_lines 1 err
    expect_grep "^thidua: $note\$" err
    expect_no_grep 'match|overrides' out
    if [ -z "$stdout_re" ]; then
        [ ! -s out ] || fail "'$*' printed '$(head -3 out)' on stdout"
    else
        expect_lines 1 out
        expect_grep "$stdout_re" out
    fi
}
none "no documents match 'zzzqqq'" '' search zzzqqq
none "no documents match 'zzzqqq'" '' search --json zzzqqq
none "no blocs match" '' blocs --year 1990
none "no blocs match" '' blocs --evidence --year 1990
none "no blocs match" '^\[\]$' blocs --json --year 1990
none "no blocs match" '^id,bloc,' blocs --csv --year 1990
none "no blocs match" '' leaders --province 'Cà Mau'
none "no blocs match" '^\[\]$' leaders --json --province 'Cà Mau'
none "no blocs match" '^id,bloc,' leaders --csv --province 'Cà Mau'
none "no blocs match" '^\{"year1":1990,"year2":1991,"blocs":\[\]\}$' compare --json 1990 1991
none "no blocs match" '^id,bloc,' compare --csv 1990 1991
none "no overrides" '' blocs --overrides
# compare's table still says which blocs each year alone has (none here)
expect_code 0 $THIDUA --db db compare 1990 1991
expect_grep '^thidua: no blocs match$' err
expect_grep '^reported in 1990 only \(0\)$' out
# with a match, stderr stays empty
for c in "search thi" "blocs" "leaders"; do
    expect_code 0 $THIDUA --db db $c
    [ ! -s err ] || fail "'$c' wrote to stderr: $(cat err)"
done
