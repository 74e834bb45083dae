# t700-blocs-multiyear: the same bloc named four ways over 2023-2026 is one
# bloc; a republished copy counts once; members are canonical (Tỉnh đoàn =
# Đoàn TNCS Hồ Chí Minh tỉnh, Hội LHPN = Hội Liên hiệp Phụ nữ, LĐLĐ, HTX,
# CCB); table, --json and --csv checked in full.
# Depends on extraction (rules/): bloc names, provinces, years, member lists,
# member counts, leaders.
. "$ROOT/tests/cli/lib.sh"
# the evidence of each fact (checked in t706) is left out of the exact
# comparisons below
strip_evidence() {
    perl -pe 's/,"evidence":(\{(?:[^{}"]++|"(?:[^"\\]|\\.)*+"|(?1))*+\})//g' out >out.x &&
        mv out.x out
}
expect_code 0 $THIDUA --db db ingest -q "$ROOT/tests/data/multiyear"
expect_code 0 $THIDUA --db db blocs
cat >expect <<'X'
#1 Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa
  province                  Khánh Hòa
  years                     2023, 2024, 2025, 2026
  names     self  2 docs    Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa  (2 reports: same name, same province)
            1.00  2 docs    Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hoà  (similar name, same province (Khánh Hòa); 2 reports: same name, same province)
  members   2023  6 stated  Đoàn TNCS Hồ Chí Minh tỉnh; Hội Cựu chiến binh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Liên đoàn Lao động tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
            2024  6 stated  Đoàn TNCS Hồ Chí Minh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Liên đoàn Lao động tỉnh; Liên minh Hợp tác xã tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
            2025  7 stated  Đoàn TNCS Hồ Chí Minh tỉnh; Hội Cựu chiến binh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Liên đoàn Lao động tỉnh; Liên minh Hợp tác xã tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
            2026  6 stated  Đoàn TNCS Hồ Chí Minh tỉnh; Hội Cựu chiến binh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Liên đoàn Lao động tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh

#2 Khối thi đua Văn hóa - Xã hội tỉnh Khánh Hòa
  province                  Khánh Hòa
  years                     2023
  names     self  1 doc     Khối thi đua Văn hóa - Xã hội tỉnh Khánh Hòa
  members   2023  4 stated  Sở Giáo dục và Đào tạo; Sở Lao động - Thương binh và Xã hội; Sở Văn hóa và Thể thao; Sở Y tế

#3 Khối thi đua MTTQ và các đoàn thể tỉnh Ninh Thuận
  province                  Ninh Thuận
  years                     2025
  names     self  1 doc     Khối thi đua MTTQ và các đoàn thể tỉnh Ninh Thuận
  members   2025  5 stated  Đoàn TNCS Hồ Chí Minh tỉnh; Hội Cựu chiến binh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh

(--evidence shows the sentence behind each fact)
X
diff -u expect out || fail "blocs table differs"

expect_code 0 $THIDUA --db db blocs --json --bloc 1
strip_evidence
cat >expect <<'X'
[{"id":1,"bloc":"Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa","province":"Khánh Hòa","years":[2023,2024,2025,2026],"members":{"2023":["Đoàn TNCS Hồ Chí Minh tỉnh","Hội Cựu chiến binh tỉnh","Hội Liên hiệp Phụ nữ tỉnh","Hội Nông dân tỉnh","Liên đoàn Lao động tỉnh","Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"],"2024":["Đoàn TNCS Hồ Chí Minh tỉnh","Hội Liên hiệp Phụ nữ tỉnh","Hội Nông dân tỉnh","Liên đoàn Lao động tỉnh","Liên minh Hợp tác xã tỉnh","Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"],"2025":["Đoàn TNCS Hồ Chí Minh tỉnh","Hội Cựu chiến binh tỉnh","Hội Liên hiệp Phụ nữ tỉnh","Hội Nông dân tỉnh","Liên đoàn Lao động tỉnh","Liên minh Hợp tác xã tỉnh","Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"],"2026":["Đoàn TNCS Hồ Chí Minh tỉnh","Hội Cựu chiến binh tỉnh","Hội Liên hiệp Phụ nữ tỉnh","Hội Nông dân tỉnh","Liên đoàn Lao động tỉnh","Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]},"member_count":{"2023":6,"2024":6,"2025":7,"2026":6},"names":[{"name":"Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa","province":"Khánh Hòa","confidence":1.00,"how":"self","docs":2,"why":"2 reports: same name, same province"},{"name":"Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hoà","province":"Khánh Hòa","confidence":1.00,"how":"auto","docs":2,"why":"similar name, same province (Khánh Hòa); 2 reports: same name, same province"}]}]
X
diff -u expect out || fail "blocs --json differs"

expect_code 0 $THIDUA --db db blocs --csv --year 2025
cat >expect <<'X'
id,bloc,province,year,event,meeting_date,member_count,truong_khoi,pho_khoi,members
1,Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa,Khánh Hòa,2023,ky_ket,2023-02-15,6,Hội Cựu chiến binh tỉnh,Hội Nông dân tỉnh,Đoàn TNCS Hồ Chí Minh tỉnh; Hội Cựu chiến binh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Liên đoàn Lao động tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
1,Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa,Khánh Hòa,2024,tong_ket,2025-01-20,6,Hội Liên hiệp Phụ nữ tỉnh,Liên đoàn Lao động tỉnh,Đoàn TNCS Hồ Chí Minh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Liên đoàn Lao động tỉnh; Liên minh Hợp tác xã tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
1,Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa,Khánh Hòa,2025,tong_ket,2025-01-20,7,Liên đoàn Lao động tỉnh,Đoàn TNCS Hồ Chí Minh tỉnh,Đoàn TNCS Hồ Chí Minh tỉnh; Hội Cựu chiến binh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Liên đoàn Lao động tỉnh; Liên minh Hợp tác xã tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
1,Khối thi đua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh Khánh Hòa,Khánh Hòa,2026,ky_ket,2026-03-10,6,Đoàn TNCS Hồ Chí Minh tỉnh,Hội Cựu chiến binh tỉnh,Đoàn TNCS Hồ Chí Minh tỉnh; Hội Cựu chiến binh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Liên đoàn Lao động tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
3,Khối thi đua MTTQ và các đoàn thể tỉnh Ninh Thuận,Ninh Thuận,2025,ky_ket,2025-02-25,5,Hội Nông dân tỉnh,Đoàn TNCS Hồ Chí Minh tỉnh,Đoàn TNCS Hồ Chí Minh tỉnh; Hội Cựu chiến binh tỉnh; Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh; Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh
X
diff -u expect out || fail "blocs --csv --year 2025 differs"
