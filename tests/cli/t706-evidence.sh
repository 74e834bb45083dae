# t706-evidence: compare, leaders and blocs trace each canonical fact to its
# report: --evidence prints the document (id and path) and the sentence with
# the matched words [marked]; --json always carries the same as "evidence"
# beside the values (parallel lists for members and goals).  The 2026
# leader is canonical "Đoàn TNCS Hồ Chí Minh tỉnh" but written "Tỉnh đoàn".
# Depends on extraction (rules/): leaders, members, goals, member counts.
. "$ROOT/tests/cli/lib.sh"
cp -r "$ROOT/tests/data/multiyear" multiyear
expect_code 0 $THIDUA --db db ingest -q multiyear
expect_code 0 $THIDUA --db db show --json multiyear/kh2023-mttq-ky-ket.txt
d2023=$(jq .id out)
expect_code 0 $THIDUA --db db show --json multiyear/kh2026-mttq-ky-ket.txt
d2026=$(jq .id out)
expect_code 0 $THIDUA --db db show --json multiyear/kh2024-mttq-ky-ket.txt
d2024=$(jq .id out)

# ---- leaders --evidence: the fact, its document, its sentence marked
expect_code 0 $THIDUA --db db leaders --evidence --bloc 1
cat >expect <<X
#1 2023 leader: Hội Cựu chiến binh tỉnh
  doc $d2023  multiyear/kh2023-mttq-ky-ket.txt
    Năm 2023, [Hội Cựu chiến binh tỉnh làm Trưởng khối], Hội Nông dân tỉnh làm Phó khối.
X
grep -A2 '^#1 2023 leader:' out >got
diff -u expect got || fail "leaders --evidence 2023 leader differs"
cat >expect <<X
#1 2026 leader: Đoàn TNCS Hồ Chí Minh tỉnh
  doc $d2026  multiyear/kh2026-mttq-ky-ket.txt
    Năm 2026, [Tỉnh đoàn làm Trưởng khối], Hội Cựu chiến binh tỉnh làm Phó khối.
X
grep -A2 '^#1 2026 leader:' out >got
diff -u expect got || fail "leaders --evidence 2026 leader differs"
# every leader and deputy of the table has a source (4 years x 2 roles)
[ "$(grep -c '^#1 20[0-9][0-9] \(leader\|deputy\): ' out)" -eq 8 ] || fail "not 8 facts"
[ "$(grep -c '^  doc [0-9]*  multiyear/' out)" -eq 8 ] || fail "not 8 sources"
expect_no_grep "$(printf '\033')" out
expect_no_grep 'evidence shows' out

# the plain table ends with the hint, once
expect_code 0 $THIDUA --db db leaders
[ "$(grep -c '^(--evidence shows the sentence behind each fact)$' out)" -eq 1 ] ||
    fail "leaders: hint not printed once"

# ---- leaders --json: "evidence" beside "years"; the sentence holds the unit
expect_code 0 $THIDUA --db db leaders --json --bloc 1
[ "$(jq -r '.[0].evidence["2023"].truong_khoi[0].path' out)" = multiyear/kh2023-mttq-ky-ket.txt ] ||
    fail "leaders --json: 2023 leader path"
[ "$(jq '.[0].evidence["2023"].truong_khoi[0].doc' out)" = "$d2023" ] ||
    fail "leaders --json: 2023 leader doc"
jq -e '.[0].years["2023"].truong_khoi as $u
       | .[0].evidence["2023"].truong_khoi[0].sentence | contains($u)' out >/dev/null ||
    fail "leaders --json: the sentence does not name the 2023 leader"
[ "$(jq -r '.[0].evidence["2026"].truong_khoi[0].written' out)" = "Tỉnh đoàn" ] ||
    fail "leaders --json: 2026 leader as written"
# every leader and deputy value has at least one source naming it as written
jq -e '[.[] | .years as $y | .evidence | to_entries[] | .key as $k | .value
        | to_entries[] | select($y[$k][.key] != null) | .value
        | length > 0 and all(.[]; .written as $w | .sentence | contains($w))]
       | length == 8 and all' out >/dev/null || fail "leaders --json: a value without evidence"
# the shape of issue 6 is unchanged
jq -e '.[0] | has("bloc") and has("province") and (.years["2024"] | keys == ["pho_khoi", "truong_khoi"])' \
    out >/dev/null || fail "leaders --json: shape changed"

# ---- compare --evidence: joined, left, kept, count, goals each traced
expect_code 0 $THIDUA --db db compare --evidence 2023 2024 --bloc 1
cat >expect <<X
  joined 2024: Liên minh Hợp tác xã tỉnh
    doc $d2024  multiyear/kh2024-mttq-ky-ket.txt
      Khối gồm 6 đơn vị: Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Đoàn TNCS Hồ Chí Minh tỉnh, Hội Liên hiệp Phụ nữ tỉnh, LĐLĐ tỉnh, Hội Nông dân tỉnh và [Liên minh HTX tỉnh].
  left 2023: Hội Cựu chiến binh tỉnh
    doc $d2023  multiyear/kh2023-mttq-ky-ket.txt
      Khối gồm 6 đơn vị: Ủy ban MTTQ tỉnh, Tỉnh đoàn, Hội LHPN tỉnh, Liên đoàn Lao động tỉnh, Hội Nông dân tỉnh và [Hội Cựu chiến binh tỉnh].
X
grep -A5 '^  joined 2024:' out >got
diff -u expect got || fail "compare --evidence joined/left differ"
cat >expect <<X
  member count 2023: 6
    doc $d2023  multiyear/kh2023-mttq-ky-ket.txt
      Khối [gồm 6 đơn vị]: Ủy ban MTTQ tỉnh, Tỉnh đoàn, Hội LHPN tỉnh, Liên đoàn Lao động tỉnh, Hội Nông dân tỉnh và Hội Cựu chiến binh tỉnh.
X
grep -A2 '^  member count 2023:' out >got
diff -u expect got || fail "compare --evidence member count differs"
# a goal kept in other words: both wordings, both reports
expect_grep '^  goal kept 2023, 2024: đẩy mạnh chuyển đổi số trong công tác tuyên truyền \(2023: đẩy mạnh chuyển đổi số trong hoạt động tuyên truyền\)$' out
grep -A4 '^  goal kept 2023, 2024: đẩy mạnh' out >got
expect_grep '\[đẩy mạnh chuyển đổi số trong hoạt động tuyên truyền\]' got
expect_grep '\[đẩy mạnh chuyển đổi số trong công tác tuyên truyền\]' got
# five kept members, each from both years' reports
[ "$(grep -c '^  kept 2023, 2024: ' out)" -eq 5 ] || fail "not 5 kept members"
[ "$(grep -A4 '^  kept 2023, 2024: ' out | grep -c '^    doc ')" -eq 10 ] || fail "kept: not 2 sources each"
expect_no_grep 'no source recorded' out

# ---- compare --json: one parallel source list per item, values in sentences
expect_code 0 $THIDUA --db db compare --json 2023 2024
jq -e '.blocs[] | (.members.joined | length) == (.evidence.members.joined | length)
       and (.members.left | length) == (.evidence.members.left | length)
       and (.members.kept | length) == (.evidence.members.kept | length)
       and (.goals.new | length) == (.evidence.goals.new | length)
       and (.goals.dropped | length) == (.evidence.goals.dropped | length)
       and (.goals.kept | length) == (.evidence.goals.kept | length)' out >/dev/null ||
    fail "compare --json: evidence lists not parallel"
[ "$(jq -r '.blocs[0].evidence.members.joined[0][0].path' out)" = multiyear/kh2024-mttq-ky-ket.txt ] ||
    fail "compare --json: joined member path"
jq -e '.blocs[0] | .leader["2023"] as $u | .evidence.leader["2023"][0].sentence | contains($u)' \
    out >/dev/null || fail "compare --json: leader sentence"
jq -e '.blocs[0] | (.member_count["2024"] | tostring) as $n
       | .evidence.member_count["2024"][0].sentence | contains("gồm " + $n + " đơn vị")' \
    out >/dev/null || fail "compare --json: member count sentence"
# every source's span, read back from its sentence (bytes), holds the value
# as written
python3 - out <<'PY' || fail "compare --json: a span does not hold its value"
import json, sys
d = json.load(open(sys.argv[1]))
n = 0
def walk(x):
    global n
    if isinstance(x, dict):
        if "sentence_start" in x and x["sentence"]:
            s = x["sentence"].encode()
            span = s[x["start"] - x["sentence_start"]:x["end"] - x["sentence_start"]].decode()
            assert x["written"] in span, (x["written"], span)
            n += 1
        for v in x.values():
            walk(v)
    elif isinstance(x, list):
        for v in x:
            walk(v)
for b in d["blocs"]:
    walk(b["evidence"])
assert n >= 30, n
PY

# ---- blocs --evidence and --json
expect_code 0 $THIDUA --db db blocs --evidence --bloc 3
expect_grep '^  member 2025: Đoàn TNCS Hồ Chí Minh tỉnh$' out
grep -A2 '^  member 2025: Đoàn TNCS' out >got
expect_grep '^    doc [0-9]+  multiyear/nt2025-mttq-ky-ket.txt$' got
expect_grep '^      Khối gồm 5 đơn vị: Ủy ban MTTQ tỉnh, \[Tỉnh đoàn\], Hội LHPN tỉnh' got
expect_code 0 $THIDUA --db db blocs --json --bloc 3
jq -e '.[0] | (.members["2025"] | length) == (.evidence.members["2025"] | length)
       and .evidence.member_count["2025"][0].written == "5"
       and (.evidence.years["2025"][0].sentence | startswith("Khối thi đua MTTQ"))' \
    out >/dev/null || fail "blocs --json: evidence"

# the reports behind each name of a merged bloc (what --merge/--split decide on)
expect_code 0 $THIDUA --db db blocs --evidence --bloc 1
sed -n '/^  name: Khối Mặt trận Tổ quốc và các đoàn thể/,/^  [a-z]/p' out >got
expect_grep '^    doc [0-9]+  multiyear/kh2024-mttq-ky-ket.txt$' got
expect_grep '^      \[Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hoà\] ký kết' got
expect_grep '^    doc [0-9]+  multiyear/kh2025-mttq-tong-ket.txt$' got
expect_grep '^      \[Khối MTTQ và các đoàn thể tỉnh Khánh Hòa\] tổng kết' got
expect_no_grep 'kh2023|kh2026|dang-lai' got
expect_code 0 $THIDUA --db db blocs --json
jq -e 'all(.[]; .names as $n | (.evidence.names | length) == ($n | length)
       and all(.evidence.names | to_entries[]; (.value | length) == $n[.key].docs))' \
    out >/dev/null || fail "blocs --json: a name's sources are not its documents"

# --evidence is for the table
expect_code 2 $THIDUA --db db compare --evidence --csv 2023 2024
expect_grep 'evidence is for the table' err

# on a terminal the span is bold, as in `show`; NO_COLOR keeps [brackets]
if command -v script >/dev/null 2>&1; then
    (unset NO_COLOR; script -qec "$THIDUA --db db leaders --evidence --bloc 2" /dev/null) >tty.out 2>&1
    grep -q "$(printf '\033')\[1mSở Y tế làm Trưởng khối$(printf '\033')\[0m" tty.out ||
        fail "leaders --evidence on a terminal: no bold span"
    NO_COLOR=1 script -qec "$THIDUA --db db leaders --evidence --bloc 2" /dev/null >tty.out 2>&1
    grep -q '\[Sở Y tế làm Trưởng khối\]' tty.out || fail "NO_COLOR: no [brackets]"
    expect_no_grep "$(printf '\033')" tty.out
else
    skip_part "script (util-linux) not found: bold spans on a terminal not checked"
fi
end_parts
