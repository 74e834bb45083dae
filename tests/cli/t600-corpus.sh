# t600-corpus: the bundled sample corpus is complete and readable.
#   - every document in corpus/ is non-empty;
#   - every corpus/<name>.docx is built from corpus/src/<name>/, every
#     legacy-encoded page from corpus/src/legacy/<file>.utf8, and all are up
#     to date (tools/mkdocx.py --check; needs python3);
#   - corpus/expected.jsonl holds exactly one valid line per document;
#   - `thidua extract --text` reads every document, and the text it prints
#     holds the title, the bloc name, the leading units and the officials
#     that expected.jsonl records (whitespace-insensitive).
. "$ROOT/tests/cli/lib.sh"
C=$ROOT/corpus
docs=$(cd "$C" && ls *.txt *.html *.docx 2>/dev/null)
n=$(echo "$docs" | grep -c .)
[ "$n" -ge 20 ] || fail "corpus/ has $n documents, want at least 20"

for f in $docs; do
    [ -s "$C/$f" ] || fail "corpus/$f is empty"
done

# DOCX sources and built files pair up one to one; so do the UTF-8
# sources of legacy-encoded pages (src/legacy/<file>.utf8) and their files.
for d in "$C"/src/*/; do
    name=$(basename "$d")
    [ "$name" = legacy ] && continue
    [ -f "$C/$name.docx" ] || fail "corpus/src/$name has no corpus/$name.docx"
    [ -f "$d/word/document.xml" ] || fail "corpus/src/$name has no word/document.xml"
done
for f in "$C"/*.docx; do
    [ -d "$C/src/$(basename "$f" .docx)" ] || fail "$(basename "$f") has no source in corpus/src"
done

for s in "$C"/src/legacy/*.utf8; do
    [ -e "$s" ] || continue
    f=$(basename "$s" .utf8)
    [ -s "$C/$f" ] || fail "corpus/src/legacy/$f.utf8 has no corpus/$f"
done

have_py=0
command -v python3 >/dev/null 2>&1 && have_py=1
if [ $have_py = 1 ]; then
    python3 "$ROOT/tools/mkdocx.py" --check >out 2>err || { cat out err; fail "corpus files are stale: run tools/mkdocx.py"; }
else
    skip_part "python3 not found: DOCX rebuild check not run"
fi

# expected.jsonl: one line per document, ids match the files.
lines=$(grep -c . "$C/expected.jsonl")
[ "$lines" -eq "$n" ] || fail "expected.jsonl has $lines lines for $n documents"
sed -n 's/^{"id": "\([^"]*\)".*/\1/p' "$C/expected.jsonl" | sort >ids
echo "$docs" | sort >files
cmp -s ids files || { diff ids files; fail "expected.jsonl ids differ from the corpus files"; }

# Every document reads; keep the text for the content check.
mkdir -p text
for f in $docs; do
    if ! $THIDUA extract --text "$C/$f" >"text/$f.txt" 2>err; then
        cat err
        fail "thidua extract --text $f failed"
    fi
    [ -s "text/$f.txt" ] || fail "thidua extract --text $f printed nothing"
done

[ $have_py = 1 ] || { skip_part "python3 not found: content check not run"; end_parts; }
python3 - "$C/expected.jsonl" text <<'EOF' || fail "extracted text misses facts recorded in expected.jsonl"
import json, os, re, sys
def squash(s):
    return re.sub(r"\s+", " ", s)
bad = 0
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    path = os.path.join(sys.argv[2], d["id"] + ".txt")
    text = squash(open(path, encoding="utf-8").read())
    # An HTML reader may prefer og:title to the visible headline, so the
    # title only has to open the text with the same first six words.
    first = " ".join(d["title"].split()[:6])
    if squash(d["title"]) not in text and not text.startswith(first):
        print("%s: title %r not in the extracted text" % (d["id"], d["title"]))
        bad += 1
    want = [("bloc", d["bloc"])]
    want += [("leader", l["unit"]) for l in d["leaders"]]
    want += [("official", o["name"]) for o in d["officials"]]
    for kind, s in want:
        if s and squash(s) not in text:
            print("%s: %s %r not in the extracted text" % (d["id"], kind, s))
            bad += 1
# Deleted tracked changes must not be read.
p = os.path.join(sys.argv[2], "na2025-co-quan-dang-tong-ket.docx.txt")
if os.path.exists(p):
    t = squash(open(p, encoding="utf-8").read())
    for gone in ("Ban Nội chính Tỉnh ủy làm Khối phó", "có 10 đơn vị", "văn hóa công sở"):
        if gone in t:
            print("na2025-co-quan-dang-tong-ket.docx: deleted text %r was read" % gone)
            bad += 1
sys.exit(1 if bad else 0)
EOF
exit 0
