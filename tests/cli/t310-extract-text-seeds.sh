# t310-extract-text-seeds: the five seed reports (pages flattened to text)
# give every paragraph, and the title a careful reader takes (gold.jsonl).
. "$ROOT/tests/cli/lib.sh"
need_shared seeds/gold.jsonl
G=$SHARED/seeds/gold.jsonl
[ -f "$G" ] || fail "no $G"
# trim spaces and no-break spaces, drop empty lines
norm() { sed 's/\xc2\xa0/ /g; s/^[[:space:]]*//; s/[[:space:]]*$//' "$1" | grep -v '^$'; }
for f in "$SHARED"/seeds/0*.txt; do
    expect_code 0 $THIDUA extract --text "$f"
    norm "$f" >want
    norm out >got
    cmp -s want got || { diff want got | head; fail "$(basename "$f"): paragraphs differ"; }
done
# (lib.sh's expect_code uses $want, hence $title)
for f in "$SHARED"/seeds/0*.txt; do
    id=$(basename "$f")
    title=$(grep "\"id\": \"$id\"" "$G" | sed 's/^[^}]*"id": "[^"]*", "title": "\([^"]*\)".*/\1/')
    [ -n "$title" ] || fail "$id: no gold title"
    expect_code 0 $THIDUA extract --json "$f"
    grep -qF "\"title\":\"$title\"" out || { head -c 300 out; fail "$id: title is not '$title'"; }
done
