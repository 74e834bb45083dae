# t401-extract-evidence: every fact of `extract --json` carries evidence
# (rule id, byte span, sentence), the spans point into `extract --text`,
# and the readable summary marks the evidence span in its sentence.
. "$ROOT/tests/cli/lib.sh"
need_shared seeds/003_14a171652df8b132.txt
seed="$SHARED/seeds/003_14a171652df8b132.txt"
expect_code 0 $THIDUA extract --json "$seed"
for f in province bloc event pledge_year meeting_date member_count members leaders goals; do
    expect_grep "\"fact\":\"$f\",\"rule\":\"[a-z_.]+\",\"start\":[0-9]+,\"end\":[0-9]+,\"sentence\":\"" out
done
# the province's evidence span, cut out of the text, is the province name
span=$(grep -o '"fact":"province","rule":"[^"]*","start":[0-9]*,"end":[0-9]*' out | sed -E 's/.*"start":([0-9]+),"end":([0-9]+)/\1 \2/')
set -- $span
expect_code 0 $THIDUA extract --text "$seed"
got=$(head -c "$2" out | tail -c "$(($2 - $1))")
[ "$got" = "Hải Dương" ] || fail "province evidence [$1,$2) is '$got'"
# the summary names the rule and marks the span
expect_code 0 $THIDUA extract "$seed"
expect_grep '^  province +Hải Dương +\[province.in_bloc [0-9]+-[0-9]+\]$' out
expect_grep '»Hải Dương«' out
expect_grep '^  leaders +Hội Cựu chiến binh tỉnh \(truong_khoi, 2024\)' out
# a text with no facts still prints its header and says so
printf 'Xin chào.\n' >plain.txt
expect_code 0 $THIDUA extract plain.txt
expect_grep 'no facts found' out
expect_code 0 $THIDUA extract --json plain.txt
expect_grep '"province":null,"province_site":null,"province_source":null,"source_url":null,"bloc":null,"event":null,"pledge_year":null' out
expect_grep '"members":\[\],"leaders":\[\],"goals":\[\],"officials":\[\],"evidence":\[\]' out
