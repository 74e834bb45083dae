# t702-leaders-rotation: the leading unit of each bloc year by year; the
# Ninh Thuận bloc (before the 1 July 2025 merger) is listed under
# --province Khánh Hòa as a former part, flagged.
# Depends on extraction (rules/): leaders, deputies, years, provinces.
. "$ROOT/tests/cli/lib.sh"
# the evidence of each fact (checked in t706) is left out of the exact
# comparisons below
strip_evidence() {
    perl -pe 's/,"evidence":(\{(?:[^{}"]++|"(?:[^"\\]|\\.)*+"|(?1))*+\})//g' out >out.x &&
        mv out.x out
}
expect_code 0 $THIDUA --db db ingest -q "$ROOT/tests/data/multiyear"
expect_code 0 $THIDUA --db db leaders --province 'Khánh Hoà'
cat >expect <<'X'
id  bloc                                                                            province     year  leader                      deputy
1   Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa  Khánh Hòa    2023  Hội Cựu chiến binh tỉnh     Hội Nông dân tỉnh
                                                                                                 2024  Hội Liên hiệp Phụ nữ tỉnh   Liên đoàn Lao động tỉnh
                                                                                                 2025  Liên đoàn Lao động tỉnh     Đoàn TNCS Hồ Chí Minh tỉnh
                                                                                                 2026  Đoàn TNCS Hồ Chí Minh tỉnh  Hội Cựu chiến binh tỉnh
2   Khối thi đua Văn hóa - Xã hội tỉnh Khánh Hòa                                    Khánh Hòa    2023  Sở Y tế                     Sở Giáo dục và Đào tạo
3   Khối thi đua MTTQ và các đoàn thể tỉnh Ninh Thuận                               Ninh Thuận*  2025  Hội Nông dân tỉnh           Đoàn TNCS Hồ Chí Minh tỉnh
* a former province, now part of Khánh Hòa (merged 1 July 2025)
(--evidence shows the sentence behind each fact)
X
diff -u expect out || fail "leaders table differs"

expect_code 0 $THIDUA --db db leaders --json --province khanh-hoa
strip_evidence
cat >expect <<'X'
[{"id":1,"bloc":"Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa","province":"Khánh Hòa","years":{"2023":{"truong_khoi":"Hội Cựu chiến binh tỉnh","pho_khoi":"Hội Nông dân tỉnh"},"2024":{"truong_khoi":"Hội Liên hiệp Phụ nữ tỉnh","pho_khoi":"Liên đoàn Lao động tỉnh"},"2025":{"truong_khoi":"Liên đoàn Lao động tỉnh","pho_khoi":"Đoàn TNCS Hồ Chí Minh tỉnh"},"2026":{"truong_khoi":"Đoàn TNCS Hồ Chí Minh tỉnh","pho_khoi":"Hội Cựu chiến binh tỉnh"}}},{"id":2,"bloc":"Khối thi đua Văn hóa - Xã hội tỉnh Khánh Hòa","province":"Khánh Hòa","years":{"2023":{"truong_khoi":"Sở Y tế","pho_khoi":"Sở Giáo dục và Đào tạo"}}},{"id":3,"bloc":"Khối thi đua MTTQ và các đoàn thể tỉnh Ninh Thuận","province":"Ninh Thuận","merged_into":"Khánh Hòa","years":{"2025":{"truong_khoi":"Hội Nông dân tỉnh","pho_khoi":"Đoàn TNCS Hồ Chí Minh tỉnh"}}}]
X
diff -u expect out || fail "leaders --json differs"

# the former part alone: no flag, and nothing of Khánh Hòa
expect_code 0 $THIDUA --db db leaders --csv --province 'Ninh Thuận'
cat >expect <<'X'
id,bloc,province,year,truong_khoi,pho_khoi
3,Khối thi đua MTTQ và các đoàn thể tỉnh Ninh Thuận,Ninh Thuận,2025,Hội Nông dân tỉnh,Đoàn TNCS Hồ Chí Minh tỉnh
X
diff -u expect out || fail "leaders --csv --province Ninh Thuận differs"

expect_code 2 $THIDUA --db db leaders --province Atlantis
expect_grep "unknown province 'Atlantis'" err
expect_grep "try 'thidua leaders --help'" err
