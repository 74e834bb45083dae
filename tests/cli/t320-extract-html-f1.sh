# t320-extract-html-f1: main-text extraction on pages imitating real CMS
# layouts (tests/data/html/cms-*.html), scored like the public article
# extraction benchmarks: word-token F1 of `extract --text` against the
# hand-written main text in <page>.expected (bag of words: lower-cased
# ASCII, any run of letters, digits or UTF-8 bytes is a word).  Each page
# must reach 0.9; the mean is printed.  The title must come first, once.
. "$ROOT/tests/cli/lib.sh"
D=$ROOT/tests/data/html
MIN=0.90


n=0
: >scores
for page in "$D"/cms-*.html; do
    name=$(basename "$page" .html)
    [ -f "$D/$name.expected" ] || fail "$name: no .expected"
    expect_code 0 $THIDUA extract --text "$page"
    cp out "$name.got"
    set -- $(f1 "$D/$name.expected" "$name.got")
    echo "$name: F1 $1 (P $2, R $3)"
    echo "$1" >>scores
    n=$((n + 1))
    awk -v f="$1" -v m="$MIN" 'BEGIN { exit !(f >= m) }' ||
        { diff "$D/$name.expected" "$name.got" | head -20; fail "$name: F1 $1 below $MIN"; }
    title=$(head -n 1 "$D/$name.expected")
    [ "$(head -n 1 "$name.got")" = "$title" ] || fail "$name: title not first: $(head -n 1 "$name.got")"
    [ "$(grep -cxF "$title" "$name.got")" -eq 1 ] || fail "$name: title printed more than once"
done
[ "$n" -ge 10 ] || fail "only $n scored pages"
awk -v n="$n" '{ s += $1 } END { printf "mean F1 over %d pages: %.3f\n", n, s / n }' scores
