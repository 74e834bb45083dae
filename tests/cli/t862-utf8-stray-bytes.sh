# t862-utf8-stray-bytes: one invalid byte in a UTF-8 text file or in a
# charset-less UTF-8 page (a cut file, a pasted windows-1252 quote) no
# longer turns the whole file into windows-1258: the file stays UTF-8, each
# bad byte becomes U+FFFD, the facts are those of the clean file, and one
# warning line names the file and the count (exit status 0: a warning).
# Files in legacy encodings still decode as before.
. "$ROOT/tests/cli/lib.sh"
C=$ROOT/corpus
# inject FILE BYTES OUT: OUT is FILE with a paragraph of BYTES (printf
# escapes) after the first blank line of its second half
inject() {
    printf "$2" >ins
    n=$(awk -v h=$(($(wc -l <"$1") / 2)) 'NR > h && /^[[:space:]]*$/ { print NR; exit }' "$1")
    [ -n "$n" ] || fail "$1: no blank line in its second half"
    sed "${n}r ins" "$1" >"$3"
}
key() { sed -E 's/^\{"file":"[^"]*",//; s/,"evidence":\[.*\]\}$/}/' "$1"; }

# text: one byte that is not UTF-8
inject "$C/th2023-mttq-tong-ket.txt" 'x\377y\n\n' one.txt
expect_code 0 $THIDUA extract --json "$C/th2023-mttq-tong-ket.txt"
key out >want
expect_code 0 $THIDUA extract --json one.txt
key out >got
expect_lines 1 err
expect_grep "^thidua: warning: 'one.txt': 1 byte not valid UTF-8 replaced by U\+FFFD$" err
expect_grep '"title":"Khối thi đua MTTQ và các tổ chức chính trị - xã hội tỉnh tổng kết năm 2022"' got
expect_grep '"province":"Thanh Hóa"' got
cmp -s want got || { diff want got | head; fail "one.txt: facts differ from the clean file's"; }
expect_code 0 $THIDUA extract --text one.txt
[ "$(grep -c "x$(printf '\357\277\275')y" out)" -eq 1 ] || fail "one.txt: the bad byte is not one U+FFFD"

# text: a pair of windows-1252 quotes pasted into UTF-8
inject "$C/th2025-mttq-tong-ket.txt" 'Theo \223Báo\224 tỉnh.\n\n' quotes.txt
expect_code 0 $THIDUA extract --json "$C/th2025-mttq-tong-ket.txt"
key out >want
expect_code 0 $THIDUA extract --json quotes.txt
key out >got
expect_grep "^thidua: warning: 'quotes.txt': 2 bytes not valid UTF-8 replaced by U\+FFFD$" err
cmp -s want got || { diff want got | head; fail "quotes.txt: facts differ from the clean file's"; }

# HTML without a declared charset, one bad byte near the top
sed 's/<meta charset="utf-8">//' "$C/cb2024-noi-chinh-so-ket.html" >clean.html
grep -qi charset clean.html && fail "clean.html still declares a charset"
printf '<!-- a\223b -->\n' >ins
sed '1r ins' clean.html >page.html
expect_code 0 $THIDUA extract --json clean.html
key out >want
expect_code 0 $THIDUA extract --json page.html
key out >got
expect_lines 1 err
expect_grep "^thidua: warning: 'page.html': 1 byte not valid UTF-8 replaced by U\+FFFD$" err
expect_grep '"title":"Khối thi đua Nội chính tỉnh sơ kết công tác thi đua 6 tháng đầu năm 2024"' got
cmp -s want got || { diff want got | head; fail "page.html: facts differ from the clean page's"; }

# ingest: stored as UTF-8 with the same warning, exit 0
cp -R "$ROOT/rules" rules || fail "cannot copy the rules"
expect_code 0 $THIDUA --db a.db ingest --rules rules one.txt page.html
expect_grep "^thidua: warning: 'one.txt': 1 byte not valid UTF-8" err
expect_grep "^thidua: warning: 'page.html': 1 byte not valid UTF-8" err
for f in one.txt page.html; do
    expect_code 0 $THIDUA --db a.db show --json "$f"
    expect_grep '"encoding":"utf-8"' out
done

# legacy files are still legacy, and warn of nothing
legacy="tcvn3.txt:tcvn3 cp1258.txt:windows-1258 py2022-doanh-nghiep-tong-ket-cp1258.html:windows-1258"
set -- "$ROOT/tests/data/text/tcvn3.txt" "$ROOT/tests/data/text/cp1258.txt" \
    "$C/py2022-doanh-nghiep-tong-ket-cp1258.html"
if have_shared legacy-encodings/samples/sample-vni.txt; then
    set -- "$@" "$SHARED/legacy-encodings/samples/sample-vni.txt"
    legacy="$legacy sample-vni.txt:vni"
fi
expect_code 0 $THIDUA --db a.db ingest --rules rules "$@"
expect_no_grep 'warning' err
for f in $legacy; do
    expect_code 0 $THIDUA --db a.db show --json "${f%%:*}"
    expect_grep "\"encoding\":\"${f#*:}\"" out
done
end_parts
