# t411-extract-heldout-titles: on the held-out reports (whose first lines
# are site names, menus, bylines or sidebar links), `extract --json` gives
# the headline as the title: the one in tests/data/heldout/expected.jsonl.
. "$ROOT/tests/cli/lib.sh"
dir="$ROOT/tests/data/heldout"
n=0
while IFS= read -r line; do
    id=$(printf '%s\n' "$line" | sed -E 's/^\{"id": "([^"]*)".*/\1/')
    want=$(printf '%s\n' "$line" | sed -E 's/.*"title": "([^"]*)", "province".*/\1/')
    [ -f "$dir/$id" ] || fail "missing $id"
    (cd "$dir" && $THIDUA extract --json "$id") >out 2>err || fail "$id: extract exited $?: $(head -3 err)"
    grep -qF "\"title\":\"$want\"," out || { grep -o '"title":"[^"]*"' out; fail "$id: want title '$want'"; }
    n=$((n + 1))
done <"$dir/expected.jsonl"
[ "$n" -ge 45 ] || fail "checked $n titles"
