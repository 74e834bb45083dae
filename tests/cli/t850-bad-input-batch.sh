# t850-bad-input-batch: one ingest batch mixing good files with bad ones:
# an empty file, a truncated .docx, a .docx that is not a zip (OLE2), an
# HTML page cut off inside its navigation, binary data, UTF-16 text
# without a byte-order mark, a FIFO nobody writes to, and a directory named
# like a document.  Each bad file gets exactly one "thidua: error:" line
# naming it, the good files are stored, the exit code is 1, and running
# the batch again loses nothing already stored.
. "$ROOT/tests/cli/lib.sh"
C=$ROOT/corpus
# a snapshot of the rules: the stored extractor fingerprint covers them, so
# an edit to rules/ between two runs would turn "unchanged" into "replaced"
cp -R "$ROOT/rules" rules || fail "cannot copy the rules"
mkdir in
cp "$C/th2023-mttq-tong-ket.txt" in/good-a.txt
cp "$C/cb2024-noi-chinh-so-ket.html" in/good-b.html
cp "$C/na2022-co-quan-dang-ky-ket.docx" in/good-c.docx
: >in/empty.txt
size=$(wc -c <in/good-c.docx)
head -c $((size / 2)) in/good-c.docx >in/truncated.docx
printf '\320\317\021\340\241\261\032\341\000\000\000\000\000\000\000\000' >in/ole.docx
printf '<html><head><title>Trang</title></head><body><div class="menu"><a href="/">' >in/cut.html
i=0; while [ $i -lt 64 ]; do printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000'; i=$((i + 1)); done >in/binary.txt
iconv -f utf-8 -t UTF-16LE "$ROOT/tests/data/fuzz/fifo-batch.txt" >in/utf16.txt || fail "iconv"
mkfifo in/fifo.txt || fail "mkfifo"
mkdir in/folder.docx

check_errors() {   # err file: one line per bad file, each naming it
    for f in empty.txt truncated.docx ole.docx cut.html binary.txt utf16.txt fifo.txt; do
        n=$(grep -c "^thidua: error: 'in/$f': " "$1")
        [ "$n" -eq 1 ] || { cat "$1"; fail "$f: $n error lines, want 1"; }
    done
    # the directory is walked (it holds no documents): at most one line
    [ "$(grep -c "folder.docx" "$1")" -le 1 ] || fail "folder.docx: more than one line"
    n=$(grep -c '^thidua: error: ' "$1")
    [ "$n" -eq 7 ] || [ "$n" -eq 8 ] || { cat "$1"; fail "$n error lines, want 7 (8 with the directory)"; }
    expect_no_grep 'Sanitizer|runtime error|LeakSanitizer|==[0-9]+==' "$1"
}

expect_code 1 timeout 120 $THIDUA --db b.db ingest --rules rules in
check_errors err
expect_grep "^thidua: error: 'in/empty.txt': empty file$" err
expect_grep "^thidua: error: 'in/truncated.docx': corrupt zip archive" err
expect_grep "^thidua: error: 'in/ole.docx': binary data" err
expect_grep "^thidua: error: 'in/cut.html': no article text found in the page$" err
expect_grep "^thidua: error: 'in/binary.txt': binary data" err
expect_grep "^thidua: error: 'in/utf16.txt': UTF-16 text without a byte-order mark" err
expect_grep "^thidua: error: 'in/fifo.txt': empty file$" err
expect_grep '3 added, 0 replaced, 0 unchanged, 7 failed' err
expect_code 0 $THIDUA --db b.db stats --json
expect_grep '"documents":3,' out
expect_grep '"formats":\{[^}]*"text":1' out
expect_grep '"formats":\{[^}]*"html":1' out
expect_grep '"formats":\{[^}]*"docx":1' out
for f in good-a.txt good-b.html good-c.docx; do
    expect_code 0 $THIDUA --db b.db show "$f"
done

# the same batch again: the good files are unchanged, nothing is lost
expect_code 1 timeout 120 $THIDUA --db b.db ingest --rules rules in
check_errors err
expect_grep '0 added, 0 replaced, 3 unchanged, 7 failed' err
expect_code 0 $THIDUA --db b.db stats --json
expect_grep '"documents":3,' out

# the files named one by one, bad ones first: the same lines, same store
expect_code 1 timeout 120 $THIDUA --db b.db ingest --rules rules in/empty.txt in/ole.docx in/good-c.docx \
    in/truncated.docx in/cut.html in/binary.txt in/utf16.txt in/fifo.txt in/folder.docx \
    in/good-a.txt in/good-b.html
check_errors err
expect_code 0 $THIDUA --db b.db stats --json
expect_grep '"documents":3,' out

# extract --text goes on through the same batch and prints the good ones
expect_code 1 timeout 120 $THIDUA extract --text in
check_errors err
[ "$(grep -c '^==> in/good-' out)" -eq 3 ] || fail "extract --text did not print the 3 good files"
