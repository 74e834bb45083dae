# t321-extract-html-intl-f1: main-text extraction on pages imitating
# international news and blog layouts (tests/data/html/intl-*.html: a big
# newspaper, a wire story, WordPress, Medium-like markup, a live blog, ad
# slots, a related <article>, an interview, tables, lists, a brief with a
# huge footer, <br><br> paragraphs), in English, German, French, Spanish
# and Portuguese.  Scored like the public benchmarks: word-token F1 of
# `extract --text` against the hand-written body in <page>.expected
# (headline first, then the body; no captions of the lead picture, pull
# quotes, bylines, timestamps, link boxes or rails).  Each page must reach
# MIN; the mean is printed.  The headline must come first, once.
. "$ROOT/tests/cli/lib.sh"
D=$ROOT/tests/data/html
MIN=0.90


n=0 bad=0
: >scores
for page in "$D"/intl-*.html; do
    name=$(basename "$page" .html)
    [ -f "$D/$name.expected" ] || fail "$name: no .expected"
    expect_code 0 $THIDUA extract --text "$page"
    cp out "$name.got"
    set -- $(f1 "$D/$name.expected" "$name.got")
    echo "$name: F1 $1 (P $2, R $3)"
    echo "$1" >>scores
    n=$((n + 1))
    if ! awk -v f="$1" -v m="$MIN" 'BEGIN { exit !(f >= m) }'; then
        diff "$D/$name.expected" "$name.got" | head -20
        bad=$((bad + 1))
    fi
    title=$(head -n 1 "$D/$name.expected")
    [ "$(head -n 1 "$name.got")" = "$title" ] || fail "$name: title not first: $(head -n 1 "$name.got")"
    [ "$(grep -cxF "$title" "$name.got")" -eq 1 ] || fail "$name: title printed more than once"
done
[ "$n" -ge 12 ] || fail "only $n scored pages"
awk -v n="$n" '{ s += $1 } END { printf "mean F1 over %d pages: %.3f\n", n, s / n }' scores
[ "$bad" -eq 0 ] || fail "$bad pages below F1 $MIN"
