# t703-blocs-overrides: a user splits a merged name off, clears it, merges
# two blocs by id, lists the overrides; overrides survive re-ingest.
# Depends on extraction (rules/) for the bloc names and their count.
. "$ROOT/tests/cli/lib.sh"
expect_code 0 $THIDUA --db db ingest -q "$ROOT/tests/data/multiyear"
expect_code 0 $THIDUA --db db blocs --csv
[ "$(cut -d, -f1 out | sort -u | grep -c '^[0-9]')" -eq 3 ] || fail "want 3 blocs before overrides"

expect_code 0 $THIDUA --db db blocs --split 'Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hoà'
expect_grep '^split recorded; blocs rebuilt$' err
expect_grep '^#4 ' out
# the split name is its own bloc, reporting 2024 and 2025, with a new id
# (#4); the other names stay together and keep the bloc's id (#1): ids do
# not shift; Ninh Thuận is not asked for
expect_code 0 $THIDUA --db db leaders --csv --bloc 'Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hoà'
cat >expect <<'X'
id,bloc,province,year,truong_khoi,pho_khoi
4,Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hoà,Khánh Hòa,2024,Hội Liên hiệp Phụ nữ tỉnh,Liên đoàn Lao động tỉnh
4,Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hoà,Khánh Hòa,2025,Liên đoàn Lao động tỉnh,Đoàn TNCS Hồ Chí Minh tỉnh
1,Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa,Khánh Hòa,2023,Hội Cựu chiến binh tỉnh,Hội Nông dân tỉnh
1,Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa,Khánh Hòa,2026,Đoàn TNCS Hồ Chí Minh tỉnh,Hội Cựu chiến binh tỉnh
X
diff -u expect out || fail "leaders after split differ"
expect_code 0 $THIDUA --db db blocs --overrides
expect_grep '^1   split ' out

# re-ingest (a changed file) keeps the override
cp -r "$ROOT/tests/data/multiyear" corpus
echo "Ảnh: T.H" >>corpus/kh2023-vhxh-ky-ket.txt
expect_code 0 $THIDUA --db db ingest -q corpus
expect_code 0 $THIDUA --db db blocs --json
[ "$(grep -o '"id":[0-9]*' out | wc -l)" -eq 4 ] || fail "override lost on re-ingest"

expect_code 0 $THIDUA --db db blocs --clear 'Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hoà'
expect_no_grep '^#4 ' out
expect_code 0 $THIDUA --db db blocs --overrides
expect_grep '^thidua: no overrides$' err
[ ! -s out ] || fail "blocs --overrides printed '$(cat out)' with no override"

# merge the Ninh Thuận bloc (#3) into the Khánh Hòa one (#1): Ninh Thuận
# joined Khánh Hòa on 1 July 2025, so this is no merge across provinces
expect_code 0 $THIDUA --db db blocs --merge 1 3
expect_no_grep '^#3 ' out
expect_code 0 $THIDUA --db db blocs --json --bloc 1
expect_grep '"name":"Khối thi đua MTTQ và các đoàn thể tỉnh Ninh Thuận","province":"Ninh Thuận","confidence":1.00,"how":"override","docs":1' out
expect_grep '"years":\[2023,2024,2025,2026\]' out

expect_code 2 $THIDUA --db db blocs --merge 1 99
expect_grep "no bloc '99'" err
expect_code 2 $THIDUA --db db blocs --merge 1
expect_grep "merge needs two blocs" err
