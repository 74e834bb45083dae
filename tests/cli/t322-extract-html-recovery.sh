# t322-extract-html-recovery: pages where the first reading keeps too
# little, each recovered by one part of the reader (tests/data/html/
# recover-*.html, scored like t321 against <page>.expected):
#   negclass         the article sits in a box named like a widget: the
#                    retry without furniture names finds it (Readability's
#                    second pass)
#   jsonld           the body is built by a script; the text is the JSON-LD
#                    articleBody (with \u escapes and \n paragraphs)
#   script-first     the file opens with a long <script>, no <html>: it is
#                    still read as HTML, not as text
#   header-unclosed  an unclosed <header> wraps the whole page
#   head-misnested   markup the parser leaves inside <head>
#   title-open       a <title> never closed (a page spliced by a crawler)
#   after-body       the article after a stray </body>
#   two-roots        a broken <html ...> tag: the page in a second root
# Each must reach MIN; none may come out empty.
. "$ROOT/tests/cli/lib.sh"
D=$ROOT/tests/data/html
MIN=0.95
n=0 bad=0
for name in negclass jsonld script-first header-unclosed head-misnested \
            title-open after-body two-roots; do
    page=$D/recover-$name.html
    [ -f "$D/recover-$name.expected" ] || fail "$name: no .expected"
    expect_code 0 $THIDUA extract --text "$page"
    cp out "$name.got"
    set -- $(f1 "$D/recover-$name.expected" "$name.got")
    echo "$name: F1 $1 (P $2, R $3)"
    n=$((n + 1))
    if ! awk -v f="$1" -v m="$MIN" 'BEGIN { exit !(f >= m) }'; then
        diff "$D/recover-$name.expected" "$name.got" | head -20
        bad=$((bad + 1))
    fi
done
[ "$n" -eq 8 ] || fail "only $n scored pages"
[ "$bad" -eq 0 ] || fail "$bad pages below F1 $MIN"
# the JSON-LD text carries the facts: the bloc and its leader are found
expect_code 0 $THIDUA extract --json "$D/recover-jsonld.html"
expect_grep '"truong_khoi"' out
