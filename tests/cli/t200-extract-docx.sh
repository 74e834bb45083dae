# t200-extract-docx: the DOCX reader on small fixtures built from readable
# XML under tests/data/docx/<case>/ (zipped here): styles and headings,
# inline features, fields, tracked changes, text boxes, alternate content,
# tables, lists, notes, Strict OOXML and odd prefixes.
. "$ROOT/tests/cli/lib.sh"
fx=$ROOT/tests/data/docx

mkdocx() {   # case -> ./case.docx
    rm -rf "pkg-$1" && mkdir "pkg-$1" &&
    cp -R "$fx/_common/." "pkg-$1/" && cp -R "$fx/$1/." "pkg-$1/" &&
    rm -f "pkg-$1/expect.txt" &&
    (cd "pkg-$1" && zip -q -X -r "../$1.docx" .) || fail "cannot build $1.docx"
}

for c in features tables lists notes strict; do
    mkdocx $c
    expect_code 0 $THIDUA extract --text $c.docx
    [ ! -s err ] || fail "$c: unexpected stderr: $(cat err)"
    cmp -s out "$fx/$c/expect.txt" || { diff out "$fx/$c/expect.txt"; fail "$c: text differs"; }
done

# what must never show up: deleted or moved-away text, field instructions,
# comments, headers, footers, properties of content controls and smart tags,
# alt text, the mc:Choice nobody understands, and a text box twice
mkdocx features
$THIDUA extract --text features.docx >out 2>err
expect_no_grep 'XOA-BO|MOVED-AWAY|INSTR-RESULT|PAGE|COMMENT-TEXT|HEADER-TEXT|FOOTER-TEXT' out
expect_no_grep 'NGAY-ALIAS|TAG-ATTR|ALT-TEXT|CHOICE-UNKNOWN-NS|SEPARATOR' out
[ "$(grep -c 'Nội dung hộp văn bản' out)" -eq 1 ] || fail "text box text must appear exactly once"

# notes: separators, an unreferenced note and one whose reference was deleted stay out
mkdocx notes
$THIDUA extract --text notes.docx >out 2>err
expect_no_grep 'UNREFERENCED-NOTE|DELETED-REFERENCE|SEPARATOR' out

# a prefix "w" bound to another namespace is not WordprocessingML
mkdocx strict
$THIDUA extract --text strict.docx >out 2>err
expect_no_grep DECOY out

# the same file twice in a batch gives the same text twice
expect_code 0 $THIDUA extract --text tables.docx tables.docx
[ "$(grep -c '^98,5 - hạng Nhất$' out)" -eq 2 ] || fail "batch output"
