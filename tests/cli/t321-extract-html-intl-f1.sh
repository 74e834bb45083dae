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

words() {   # file -> one word per line
    LC_ALL=C awk '{ $0 = tolower($0); gsub(/[^a-z0-9\200-\377]+/, " ");
                    for (i = 1; i <= NF; i++) print $i }' "$1"
}

# f1 EXPECTED GOT -> "f1 precision recall"
f1() {
    words "$1" >want.w
    words "$2" >got.w
    LC_ALL=C awk 'FNR == NR { w[$0]++; nw++; next }
                  { ng++; if (w[$0] > 0) { w[$0]--; tp++ } }
                  END { p = ng ? tp / ng : 0; r = nw ? tp / nw : 0;
                        f = p + r > 0 ? 2 * p * r / (p + r) : 0;
                        printf "%.3f %.3f %.3f\n", f, p, r }' want.w got.w
}

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
