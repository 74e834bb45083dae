#!/bin/sh
# seeds.sh NAME DIR - write the seed inputs of harness fuzz_NAME into DIR,
# all taken from the repository's own files (never from the web):
#   docx       the XML parts of corpus/*.docx, tests/data/**/*.docx and the
#              unzipped documents of tests/data/docx/ (docx_seeds.sh format)
#   html       the .html files of corpus/ and tests/data/
#   text       the .txt files of corpus/ and tests/data/
#   rules      the input of every case of rules/*.test (arrows back to tabs)
#   search     the queries of tests/search/queries.tsv
#   extract, pipeline, normalize   every file of corpus/ and tests/data/
# Run from the repository root.
name=$1 out=$2
[ -n "$name" ] && [ -n "$out" ] || { echo "usage: fuzz/seeds.sh NAME DIR" >&2; exit 2; }
mkdir -p "$out" || exit 1
# copy FILE... into $out, each under a name made from its path
put() {
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$out/$(printf '%s' "$f" | tr '/' '_')"
    done
    return 0
}
case $name in
docx)
    sh fuzz/docx_seeds.sh "$out" $(find corpus tests/data -name "*.docx")
    for d in $(find tests/data/docx -name document.xml -path '*/word/*'); do
        root=${d%/word/document.xml}
        first=1
        {
            for p in word/document.xml word/styles.xml word/numbering.xml \
                     word/footnotes.xml word/endnotes.xml docProps/core.xml \
                     word/theme/theme1.xml word/fontTable.xml; do
                [ $first = 1 ] || printf '\n--PART--\n'
                first=0
                [ -f "$root/$p" ] && cat "$root/$p"
            done
        } >"$out/dir_$(printf '%s' "$root" | tr '/' '_')"
    done ;;
html)
    put $(find corpus tests/data -name '*.html' -o -name '*.htm') ;;
text)
    put $(find corpus tests/data -name '*.txt') ;;
rules)
    for t in rules/*.test; do
        awk -v out="$out" -v base="$(basename "$t" .test)" '
            /^=== / { n++; file = sprintf("%s/%s-%03d", out, base, n); inp = 1; next }
            /^---/  { inp = 0; if (file) close(file); next }
            inp && file && !/^#/ { gsub(/→/, "\t"); print > file }' "$t"
    done ;;
search)
    grep -v '^#' tests/search/queries.tsv | awk -F '\t' -v out="$out" '
        NF >= 2 && $2 != "" { n++; f = sprintf("%s/q%03d", out, n); printf "%s", $2 > f; close(f) }' ;;
extract|pipeline|normalize)
    put $(find corpus tests/data -type f) ;;
*)
    echo "seeds.sh: no harness '$name'" >&2; exit 2 ;;
esac
exit 0
