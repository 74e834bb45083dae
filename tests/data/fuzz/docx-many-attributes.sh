#!/bin/sh
# docx-many-attributes.sh N OUT.docx - write a DOCX whose one w:p carries N
# attributes.  The reader takes time quadratic in N inside libxml2's
# xmlTextReader (xmlNewNsPropEatName appends each attribute at the end of
# a list): N=20000 takes ~2 s, 40000 ~13 s, 300000 (a 700 KB file) hours.
n=${1:-40000}; out=${2:-many-attributes.docx}
root=$(cd "$(dirname "$0")/../../.." && pwd)
tmp=$(mktemp -d) || exit 1
cp -R "$root/tests/data/docx/_common/." "$tmp/" && mkdir -p "$tmp/word" || exit 1
awk -v n="$n" 'BEGIN {
    printf "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p"
    for (i = 0; i < n; i++) printf " a%d=\"x\"", i
    print "><w:r><w:t>Khối thi đua</w:t></w:r></w:p></w:body></w:document>" }' >"$tmp/word/document.xml"
case $out in /*) ;; *) out=$PWD/$out ;; esac
(cd "$tmp" && zip -q -X -r "$out" .)
rc=$?
rm -rf "$tmp"
exit $rc
