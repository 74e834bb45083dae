# t100-norm-ops: `thidua norm OP TEXT...` and from stdin; misuse exits 2.
. "$ROOT/tests/cli/lib.sh"
expect_code 0 $THIDUA norm fold 'Khánh Hoà – “Thi đua”' 'ĐẢNG ỦY'
printf '%s\n' 'khanh hoa - "thi dua"' 'dang uy' >want
cmp -s want out || { diff want out; fail "norm fold output"; }

expect_code 0 $THIDUA norm key 'UỶ BAN  Nhân dân tỉnh Khánh Hoà'
expect_grep '^ủy ban nhân dân tỉnh khánh hòa$' out
expect_code 0 $THIDUA norm tone 'Khoẻ, thuỷ, hoà; hoàn, quả, già'
expect_grep '^Khỏe, thủy, hòa; hoàn, quả, già$' out
expect_code 0 $THIDUA norm number '8.000' '100%' 'gồm 07 đơn vị' 'không'
printf '%s\n' 8000 '100 (from "100")' '7 (from "07")' '(none)' >want
cmp -s want out || { diff want out; fail "norm number output"; }
expect_code 0 $THIDUA norm date 'ngày 3 tháng 3 năm 2024' 'Sáng 22/3, tại' '31/2/2024'
printf '%s\n' 2024-03-03 '0000-03-22 (from "22/3")' '(none)' >want
cmp -s want out || { diff want out; fail "norm date output"; }

# no TEXT: one output line per input line
printf 'Hoà\nTHUỶ\n\n' | $THIDUA norm tone >out 2>err || fail "norm tone from stdin"
printf 'Hòa\nTHỦY\n\n' >want
cmp -s want out || { diff want out; fail "norm tone stdin output"; }

# a TEXT that starts with a dash is text, not an option
expect_code 0 $THIDUA norm fold '- Tự do'
expect_grep '^- tu do$' out

expect_code 2 $THIDUA norm
expect_grep "try 'thidua norm --help'" err
expect_code 2 $THIDUA norm frobnicate x
expect_grep "unknown operation 'frobnicate'" err
expect_code 0 $THIDUA norm --help
expect_grep 'thidua norm fold' out
# --json: one object per TEXT, and per file for detect
expect_code 0 $THIDUA norm --json fold 'Khánh Hoà' 'Đ"x'
expect_lines 2 out
expect_grep '^\{"op":"fold","input":"Khánh Hoà","output":"khanh hoa"\}$' out
expect_grep '^\{"op":"fold","input":"Đ\\"x","output":"d\\"x"\}$' out
if have_shared legacy-encodings/samples/sample-vni.txt; then
    expect_code 0 $THIDUA norm --json detect "$SHARED/legacy-encodings/samples/sample-vni.txt"
    expect_grep '"encoding":"vni","score":1\.000' out
fi
end_parts
