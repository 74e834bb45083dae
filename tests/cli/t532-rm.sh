# t532-rm: `thidua rm DOC...` removes documents found as `show` finds them
# (id, path, another path to the file, a unique end of a path); an unknown
# DOC is named and exits 1 while the others go; search, stats and the
# canonical tables (blocs, leaders) no longer see them.
. "$ROOT/tests/cli/lib.sh"
expect_code 0 $THIDUA --db d.db ingest -q "$ROOT/tests/data/multiyear"
expect_code 0 $THIDUA --db d.db stats --json
n0=$(sed -n 's/.*"documents":\([0-9]*\),.*/\1/p' out)
expect_code 0 $THIDUA --db d.db blocs --csv
expect_grep '^3,Khối thi đua MTTQ và các đoàn thể tỉnh Ninh Thuận,' out
# the Ninh Thuận reports, by id and by an absolute path
expect_code 0 $THIDUA --db d.db search --json --province "Ninh Thuận" "thi đua"
ids=$(sed -n 's/.*"doc":\([0-9]*\),.*/\1/p' out)
nt=$(echo "$ids" | wc -l)
[ "$nt" -ge 1 ] || fail "no Ninh Thuận report"
first=$(echo "$ids" | head -1)
firstpath=$(sed -n '1s/.*"path":"\([^"]*\)".*/\1/p' out)
rest=$(echo "$ids" | sed 1d)

expect_code 1 $THIDUA --db d.db rm "$(cd "$(dirname "$firstpath")" && pwd)/$(basename "$firstpath")" $rest no-such-doc
expect_grep "^removed document $first: $firstpath\$" out
expect_lines "$nt" out
expect_grep "^thidua: error: no document 'no-such-doc' in the database\$" err
expect_grep "^removed $nt documents? from 'd.db'\$" err
expect_code 0 $THIDUA --db d.db stats --json
expect_grep "\"documents\":$((n0 - nt))," out
expect_code 0 $THIDUA --db d.db search --province "Ninh Thuận" "thi đua"
[ ! -s out ] || fail "a removed document is still found"
expect_code 1 $THIDUA --db d.db show "$first"
# the canonical tables follow, and the other blocs keep their ids
expect_code 0 $THIDUA --db d.db blocs --csv
expect_no_grep 'Ninh Thuận' out
expect_grep '^1,Khối thi đua Mặt trận Tổ quốc' out
expect_grep '^2,Khối thi đua Văn hóa - Xã hội tỉnh Khánh Hòa,' out

# by a unique end of a path, with --json
expect_code 0 $THIDUA --db d.db rm --json kh2023-vhxh-ky-ket.txt
expect_grep '^\{"doc":[0-9]+,"path":"[^"]*kh2023-vhxh-ky-ket.txt"\}$' out
expect_code 2 $THIDUA --db d.db rm
expect_grep "no document given" err
expect_code 3 $THIDUA --db nothing.db rm 1
# listed by --help
expect_code 0 $THIDUA --help
expect_grep '^  rm +remove stored documents' out
expect_code 0 $THIDUA rm --help
expect_grep '^usage: thidua rm ' out
