# t803-fuzz-utf16-nobom: text saved as UTF-16 without a byte-order mark
# is refused with a message that says so (it was "binary data"), while an
# OLE2 file (old .doc) is still binary data.
. "$ROOT/tests/cli/lib.sh"
F=$ROOT/tests/data/fuzz
for f in utf16le-nobom.txt utf16be-nobom.txt; do
    expect_code 1 $THIDUA extract --text "$F/$f"
    expect_lines 1 err
    expect_grep "^thidua: error: '.*/$f': UTF-16 text without a byte-order mark: not read \(save it as UTF-8\)$" err
    [ ! -s out ] || fail "$f: refused file printed text"
done
printf '\320\317\021\340\241\261\032\341\000\000\000\000\000\000\000\000' >ole.txt
expect_code 1 $THIDUA extract --text ole.txt
expect_grep "^thidua: error: 'ole.txt': binary data: not DOCX, HTML or text$" err
