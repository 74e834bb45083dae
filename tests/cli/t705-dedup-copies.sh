# t705-dedup-copies: the same article republished ("Theo Báo ...", other
# page chrome) or copied byte for byte is counted once in the canonical
# tables.  Depends on extraction (rules/) for the counts it compares.
. "$ROOT/tests/cli/lib.sh"
mkdir corpus
cp "$ROOT/tests/data/multiyear/kh2024-mttq-ky-ket.txt" corpus/a.txt
expect_code 0 $THIDUA --db db ingest -q corpus
expect_code 0 $THIDUA --db db blocs --json
cp out one.json
# an exact copy under another name, and the republished near copy
cp corpus/a.txt corpus/b.txt
cp "$ROOT/tests/data/multiyear/kh2024-mttq-ky-ket-dang-lai.txt" corpus/c.txt
expect_code 0 $THIDUA --db db ingest -q corpus
expect_code 0 $THIDUA --db db blocs --json
diff -u one.json out || fail "copies changed the canonical blocs"
expect_grep '"docs":1' out
expect_grep '"member_count":\{"2024":6\}' out
expect_code 0 $THIDUA --db db stats --json
expect_grep '"documents":3' out
