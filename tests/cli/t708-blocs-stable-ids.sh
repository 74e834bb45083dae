# t708-blocs-stable-ids: canonical bloc ids do not shift.  A new database
# numbers its blocs by province and name; blocs added by a later ingest
# get new ids and the others keep theirs; `blocs --merge 1 2` keeps id 1
# and every other id, `--clear` gives id 2 back; removing a bloc's reports
# frees no id for another bloc, and the bloc gets its id back when they
# return.  Merging blocs of two provinces needs
# --force (a province and the one it joined on 1 July 2025 are one).
. "$ROOT/tests/cli/lib.sh"
mkdir first later
cp "$ROOT"/corpus/na20*.* "$ROOT"/corpus/th20*.* first/
cp "$ROOT"/corpus/bg2022-* "$ROOT"/corpus/cb2024-* "$ROOT"/corpus/sl2022-* later/
ids() { $THIDUA --db s.db blocs --json | jq -r '.[] | "\(.id) \(.province)"' | sort -n; }
expect_code 0 $THIDUA --db s.db ingest -q first
ids >got
printf '1 Nghệ An\n2 Thanh Hóa\n' >want
diff -u want got || fail "first ids"
expect_code 0 $THIDUA --db s.db ingest -q later
ids >got
printf '1 Nghệ An\n2 Thanh Hóa\n3 Bắc Giang\n4 Cao Bằng\n5 Sơn La\n' >want
diff -u want got || fail "the blocs of the first ingest changed ids"
# listed by province and name, whatever their ids
expect_code 0 $THIDUA --db s.db blocs
grep '^#' out | cut -d' ' -f1 | tr '\n' ' ' >order
[ "$(cat order)" = "#3 #4 #1 #5 #2 " ] || fail "blocs not listed by province: $(cat order)"

# blocs of two provinces: refused without --force, nothing recorded
expect_code 2 $THIDUA --db s.db blocs --merge 3 4
expect_grep "^thidua: error: bloc 3 is in Bắc Giang and bloc 4 in Cao Bằng: merging blocs of two provinces needs --force$" err
expect_code 0 $THIDUA --db s.db blocs --overrides
expect_grep '^thidua: no overrides$' err
expect_code 2 $THIDUA --db s.db blocs --force
expect_grep "force goes with --merge" err

expect_code 0 $THIDUA --db s.db blocs --merge --force 3 4
ids >got
printf '1 Nghệ An\n2 Thanh Hóa\n3 Bắc Giang\n5 Sơn La\n' >want
diff -u want got || fail "ids after merging 3 and 4"
expect_code 0 $THIDUA --db s.db blocs --clear 3
ids >got
printf '1 Nghệ An\n2 Thanh Hóa\n3 Bắc Giang\n4 Cao Bằng\n5 Sơn La\n' >want
diff -u want got || fail "ids after clearing the merge"

# the report of bloc 4 removed and a new one ingested: 4 is not reused;
# the report back, its bloc is 4 again
expect_code 0 $THIDUA --db s.db rm -q cb2024-noi-chinh-so-ket.html
mv later/cb2024-noi-chinh-so-ket.html .
cp "$ROOT"/corpus/ht2023-* later/
expect_code 0 $THIDUA --db s.db ingest -q later
ids >got
printf '1 Nghệ An\n2 Thanh Hóa\n3 Bắc Giang\n5 Sơn La\n6 Hà Tĩnh\n' >want
diff -u want got || fail "ids after rm and a new bloc"
mv cb2024-noi-chinh-so-ket.html later/
expect_code 0 $THIDUA --db s.db ingest -q later
ids >got
printf '1 Nghệ An\n2 Thanh Hóa\n3 Bắc Giang\n4 Cao Bằng\n5 Sơn La\n6 Hà Tĩnh\n' >want
diff -u want got || fail "ids after the report came back"
expect_code 0 $THIDUA blocs --help
expect_grep 'blocs of two provinces need --force' out
