#!/bin/sh
# docx_seeds.sh DIR DOCX... - turn .docx files into seeds for fuzz_docx:
# their XML parts joined by "--PART--" lines in the harness's order.
out=$1; shift
mkdir -p "$out" || exit 1
for f in "$@"; do
    name=$(printf '%s' "$f" | cksum | cut -d' ' -f1)
    {
        first=1
        for p in word/document.xml word/styles.xml word/numbering.xml \
                 word/footnotes.xml word/endnotes.xml docProps/core.xml \
                 word/theme/theme1.xml word/fontTable.xml; do
            [ $first = 1 ] || printf '\n--PART--\n'
            first=0
            unzip -p "$f" "$p" 2>/dev/null
        done
    } >"$out/$name"
done
