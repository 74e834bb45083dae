# t701-compare-years: compare 2023/2024, 2024/2025 and 2025/2026 on the
# multi-year corpus, every name and number: leader and deputy rotate,
# Hội Cựu chiến binh leaves in 2024 and comes back in 2025, Liên minh HTX
# joins in 2024 and leaves in 2026; goals matched by their words ("trong
# hoạt động" / "trong công tác" tuyên truyền is the same goal); the
# Văn hóa - Xã hội bloc reported in 2023 only; the republished copy of the
# 2024 report is not among the sources.
# Depends on extraction (rules/): everything the multi-year corpus states.
. "$ROOT/tests/cli/lib.sh"
# the evidence of each fact (checked in t706) is left out of the exact
# comparisons below
strip_evidence() {
    perl -pe 's/,"evidence":(\{(?:[^{}"]++|"(?:[^"\\]|\\.)*+"|(?1))*+\})//g' out >out.x &&
        mv out.x out
}
cp -r "$ROOT/tests/data/multiyear" multiyear
expect_code 0 $THIDUA --db db ingest -q multiyear
expect_code 0 $THIDUA --db db compare 2023 2024
cat >expect <<'X'
#1 Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa (Khánh Hòa)
            2023                     2024
  reported  yes                      yes
  leader    Hội Cựu chiến binh tỉnh  Hội Liên hiệp Phụ nữ tỉnh
  deputy    Hội Nông dân tỉnh        Liên đoàn Lao động tỉnh
  members   6                        6
  joined (1): Liên minh Hợp tác xã tỉnh
  left (1): Hội Cựu chiến binh tỉnh
  kept (5): Đoàn TNCS Hồ Chí Minh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Liên đoàn Lao động tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
  goals new (1): hỗ trợ phụ nữ khởi nghiệp
  goals dropped (1): tham gia xây dựng Đảng, chính quyền vững mạnh
  goals kept (2): đẩy mạnh chuyển đổi số trong công tác tuyên truyền; chăm lo đời sống đoàn viên, hội viên

#2 Khối thi đua Văn hóa - Xã hội tỉnh Khánh Hòa (Khánh Hòa)
            2023                    2024
  reported  yes                     no
  leader    Sở Y tế                 -
  deputy    Sở Giáo dục và Đào tạo  -
  members   4                       -

reported in 2023 only (1): Khối thi đua Văn hóa - Xã hội tỉnh Khánh Hòa
reported in 2024 only (0)

(--evidence shows the sentence behind each fact)
X
diff -u expect out || fail "compare 2023 2024 table differs"

expect_code 0 $THIDUA --db db compare --json 2023 2024
strip_evidence
cat >expect <<'X'
{"year1":2023,"year2":2024,"blocs":[{"id":1,"bloc":"Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa","province":"Khánh Hòa","leader":{"2023":"Hội Cựu chiến binh tỉnh","2024":"Hội Liên hiệp Phụ nữ tỉnh"},"deputy":{"2023":"Hội Nông dân tỉnh","2024":"Liên đoàn Lao động tỉnh"},"member_count":{"2023":6,"2024":6},"members":{"joined":["Liên minh Hợp tác xã tỉnh"],"left":["Hội Cựu chiến binh tỉnh"],"kept":["Đoàn TNCS Hồ Chí Minh tỉnh","Hội Liên hiệp Phụ nữ tỉnh","Hội Nông dân tỉnh","Liên đoàn Lao động tỉnh","Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]},"members_listed":{"2023":true,"2024":true},"goals":{"new":["hỗ trợ phụ nữ khởi nghiệp"],"dropped":["tham gia xây dựng Đảng, chính quyền vững mạnh"],"kept":["đẩy mạnh chuyển đổi số trong công tác tuyên truyền","chăm lo đời sống đoàn viên, hội viên"]},"goals_listed":{"2023":true,"2024":true},"sources":{"2023":["multiyear/kh2023-mttq-ky-ket.txt"],"2024":["multiyear/kh2024-mttq-ky-ket.txt","multiyear/kh2025-mttq-tong-ket.txt"]},"present":["2023","2024"]},{"id":2,"bloc":"Khối thi đua Văn hóa - Xã hội tỉnh Khánh Hòa","province":"Khánh Hòa","leader":{"2023":"Sở Y tế","2024":null},"deputy":{"2023":"Sở Giáo dục và Đào tạo","2024":null},"member_count":{"2023":4,"2024":null},"members":{"joined":[],"left":[],"kept":[]},"members_listed":{"2023":true,"2024":false},"goals":{"new":[],"dropped":[],"kept":[]},"goals_listed":{"2023":false,"2024":false},"sources":{"2023":["multiyear/kh2023-vhxh-ky-ket.txt"],"2024":[]},"present":["2023"]}]}
X
diff -u expect out || fail "compare --json 2023 2024 differs"
expect_lines 1 out

expect_code 0 $THIDUA --db db compare --json 2024 2025 --bloc 1
strip_evidence
cat >expect <<'X'
{"year1":2024,"year2":2025,"blocs":[{"id":1,"bloc":"Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa","province":"Khánh Hòa","leader":{"2024":"Hội Liên hiệp Phụ nữ tỉnh","2025":"Liên đoàn Lao động tỉnh"},"deputy":{"2024":"Liên đoàn Lao động tỉnh","2025":"Đoàn TNCS Hồ Chí Minh tỉnh"},"member_count":{"2024":6,"2025":7},"members":{"joined":["Hội Cựu chiến binh tỉnh"],"left":[],"kept":["Đoàn TNCS Hồ Chí Minh tỉnh","Hội Liên hiệp Phụ nữ tỉnh","Hội Nông dân tỉnh","Liên đoàn Lao động tỉnh","Liên minh Hợp tác xã tỉnh","Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]},"members_listed":{"2024":true,"2025":true},"goals":{"new":["giám sát và phản biện xã hội","chuẩn bị đại hội các cấp nhiệm kỳ mới"],"dropped":["chăm lo đời sống đoàn viên, hội viên","hỗ trợ phụ nữ khởi nghiệp"],"kept":["đẩy mạnh chuyển đổi số trong công tác tuyên truyền"]},"goals_listed":{"2024":true,"2025":true},"sources":{"2024":["multiyear/kh2024-mttq-ky-ket.txt","multiyear/kh2025-mttq-tong-ket.txt"],"2025":["multiyear/kh2025-mttq-tong-ket.txt"]},"present":["2024","2025"]}]}
X
diff -u expect out || fail "compare --json 2024 2025 --bloc 1 differs"

expect_code 0 $THIDUA --db db compare --csv 2025 2026 --bloc "Khối MTTQ và các đoàn thể"
cat >expect <<'X'
id,bloc,province,present_2025,present_2026,leader_2025,leader_2026,deputy_2025,deputy_2026,member_count_2025,member_count_2026,members_joined,members_left,members_kept,goals_new,goals_dropped,goals_kept
1,Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa,Khánh Hòa,yes,yes,Liên đoàn Lao động tỉnh,Đoàn TNCS Hồ Chí Minh tỉnh,Đoàn TNCS Hồ Chí Minh tỉnh,Hội Cựu chiến binh tỉnh,7,6,,Liên minh Hợp tác xã tỉnh,Đoàn TNCS Hồ Chí Minh tỉnh; Hội Cựu chiến binh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Liên đoàn Lao động tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh,,,
3,Khối thi đua MTTQ và các đoàn thể tỉnh Ninh Thuận,Ninh Thuận,yes,no,Hội Nông dân tỉnh,,Đoàn TNCS Hồ Chí Minh tỉnh,,5,,,,,,,
X
diff -u expect out || fail "compare --csv 2025 2026 differs"

# the table prints the change of the member count (7 -> 6: -1) and flags a
# former province under the merged one
expect_code 0 $THIDUA --db db compare 2025 2026 --province 'Khánh Hòa'
cat >expect <<'X'
#1 Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa (Khánh Hòa)
            2025                        2026
  reported  yes                         yes
  leader    Liên đoàn Lao động tỉnh     Đoàn TNCS Hồ Chí Minh tỉnh
  deputy    Đoàn TNCS Hồ Chí Minh tỉnh  Hội Cựu chiến binh tỉnh
  members   7                           6 (-1)
  joined (0)
  left (1): Liên minh Hợp tác xã tỉnh
  kept (6): Đoàn TNCS Hồ Chí Minh tỉnh; Hội Cựu chiến binh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Liên đoàn Lao động tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh

#3 Khối thi đua MTTQ và các đoàn thể tỉnh Ninh Thuận (Ninh Thuận, now part of Khánh Hòa)
            2025                        2026
  reported  yes                         no
  leader    Hội Nông dân tỉnh           -
  deputy    Đoàn TNCS Hồ Chí Minh tỉnh  -
  members   5                           -

reported in 2025 only (1): Khối thi đua MTTQ và các đoàn thể tỉnh Ninh Thuận
reported in 2026 only (0)

(--evidence shows the sentence behind each fact)
X
diff -u expect out || fail "compare 2025 2026 --province Khánh Hòa table differs"

# no bloc in either year is not an error
expect_code 0 $THIDUA --db db compare 2019 2020
expect_grep '^thidua: no blocs match$' err
expect_no_grep 'no blocs match' out
