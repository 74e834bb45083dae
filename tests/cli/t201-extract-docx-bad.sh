# t201-extract-docx-bad: refused DOCX input gives one lowercase line naming
# the file and the reason, exit 1, and the batch goes on: truncated and
# non-zip files, a zip bomb (by size and by ratio), encrypted entries,
# malformed XML, external entities, deep nesting, empty files.
. "$ROOT/tests/cli/lib.sh"
fx=$ROOT/tests/data/docx

mkdocx() {   # case -> ./case.docx
    rm -rf "pkg-$1" && mkdir "pkg-$1" &&
    cp -R "$fx/_common/." "pkg-$1/" && cp -R "$fx/$1/." "pkg-$1/" &&
    rm -f "pkg-$1/expect.txt" &&
    (cd "pkg-$1" && zip -q -X -r "../$1.docx" .) || fail "cannot build $1.docx"
}
refused() {   # file, message regex
    expect_code 1 $THIDUA extract --text "$1"
    expect_lines 1 err
    expect_grep "^thidua: error: '$1': $2" err
    [ ! -s out ] || fail "$1: refused file printed text"
}

mkdocx features
mkdocx tables

# truncated zip: the central directory is gone
size=$(wc -c <features.docx)
head -c $((size / 2)) features.docx >truncated.docx
refused truncated.docx 'corrupt zip archive \(libzip: .*\)$'

# not a zip at all: an OLE2 header (old .doc or an encrypted Office file)
printf '\320\317\021\340\241\261\032\341\000\000\000\000\000\000\000\000' >ole.docx
refused ole.docx 'binary data'

# empty file
: >empty.docx
refused empty.docx 'empty file$'

# a zip with word/ parts but no word/document.xml
mkdir -p nodoc/word && echo '<x/>' >nodoc/word/other.xml
(cd nodoc && zip -q -X -r ../nodoc.docx .)
refused nodoc.docx 'zip archive without word/document.xml: not a DOCX file$'

# zip bomb by size: 100 MB of zeros as word/document.xml (about 100 KB zipped)
mkdir -p bomb/word && cp -R "$fx/_common/." bomb/
head -c 100000000 /dev/zero >bomb/word/document.xml
(cd bomb && zip -q -X -r ../bomb.docx .)
rm -rf bomb
refused bomb.docx "zip entry 'word/document.xml' expands beyond 64 MiB: refused as a possible zip bomb$"

# zip bomb by ratio: 8 MB of zeros compress about 1000:1
mkdir -p ratio/word && cp -R "$fx/_common/." ratio/
head -c 8000000 /dev/zero >ratio/word/document.xml
(cd ratio && zip -q -X -r ../ratio.docx .)
rm -rf ratio
refused ratio.docx "zip entry 'word/document.xml' is compressed more than 200:1: refused as a possible zip bomb$"

# encrypted entries
(cd pkg-features && zip -q -X -r -P secret ../encrypted.docx .)
refused encrypted.docx "zip entry '.*' is encrypted$"

# malformed XML names the part and the line
mkdocx malformed
refused malformed.docx "malformed xml in 'word/document.xml' \(line 4: .*\)$"

# nesting deeper than the limit (256)
mkdir -p deep/word && cp -R "$fx/_common/." deep/
{
    printf '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
    i=0; while [ $i -lt 300 ]; do printf '<w:sdt><w:sdtContent>'; i=$((i + 1)); done
    printf '<w:r><w:t>sâu</w:t></w:r>'
    i=0; while [ $i -lt 300 ]; do printf '</w:sdtContent></w:sdt>'; i=$((i + 1)); done
    printf '</w:p></w:body></w:document>'
} >deep/word/document.xml
(cd deep && zip -q -X -r ../deep.docx .)
refused deep.docx "xml in 'word/document.xml' nests deeper than 256 elements$"

# external entities are never read: neither /etc/passwd nor a file next
# to the input or in the current directory
mkdocx xxe
echo SECRET-XXE >secret.txt
mkdir -p word && echo SECRET-XXE >word/secret.txt
expect_code 0 $THIDUA extract --text xxe.docx
expect_grep '^Trước +sau$' out
expect_no_grep 'root:|SECRET-XXE|LOCAL-ENTITY' out

# a batch goes on after a refused file and exits 1
expect_code 1 $THIDUA extract --text features.docx bomb.docx tables.docx
expect_lines 1 err
expect_grep "^thidua: error: 'bomb.docx': .*zip bomb" err
expect_grep '^==> features.docx <==$' out
expect_grep '^==> tables.docx <==$' out
expect_grep '^Báo cáo tổng kết năm 2024$' out
expect_grep '^98,5 - hạng Nhất$' out

# billion laughs: internal entities are never expanded, so the file is
# either refused by libxml2's amplification check or read without them
mkdir -p lol/word && cp -R "$fx/_common/." lol/
{
    echo '<?xml version="1.0"?>'
    echo '<!DOCTYPE w:document ['
    echo '<!ENTITY l0 "lollollollollollollollollollol">'
    i=1; while [ $i -le 12 ]; do
        printf '<!ENTITY l%d "' $i; j=0; while [ $j -lt 10 ]; do printf '&l%d;' $((i - 1)); j=$((j + 1)); done; echo '">'
        i=$((i + 1))
    done
    echo ']>'
    echo '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Trước &l12; sau</w:t></w:r></w:p></w:body></w:document>'
} >lol/word/document.xml
(cd lol && zip -q -X -r ../lol.docx .)
$THIDUA extract --text lol.docx >out 2>err
rc=$?
[ $rc -le 1 ] || fail "billion laughs: exit $rc"
[ "$(wc -c <out)" -lt 1000 ] || fail "billion laughs: entities were expanded"
[ "$(wc -l <err)" -le 1 ] || fail "billion laughs: more than one line on stderr"
