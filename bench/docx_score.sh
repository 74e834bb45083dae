#!/bin/sh
# bench/docx_score.sh BINARY [--keep DIR] - score the DOCX reader against
# pandoc on the shared docx-suite: writes `BINARY extract --text` of every
# <suite>/<name>.docx to DIR/<suite>/<name>.txt (empty when the file is
# refused) and runs the suite's score.py with --with-fallback.  A dev tool,
# not a test: `make docx-score`.
set -u
bin=${1:?usage: docx_score.sh BINARY [--keep DIR]}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
suite=${DOCX_SUITE:-${SHARED:-$here/../shared}/docx-suite}
[ -d "$suite" ] || { echo "docx_score: no suite at $suite" >&2; exit 2; }
if [ "${2:-}" = "--keep" ]; then
    out=${3:?--keep needs a directory}
    mkdir -p "$out"
else
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi
failed=0
for f in "$suite"/*/*.docx; do
    s=$(basename "$(dirname "$f")")
    n=$(basename "$f" .docx)
    mkdir -p "$out/$s"
    if ! "$bin" extract --text "$f" >"$out/$s/$n.txt" 2>>"$out/errors.log"; then
        failed=$((failed + 1))
    fi
done
echo "files refused by the reader: $failed (see errors.log with --keep)"
[ -s "$out/errors.log" ] && sed 's/^/  /' "$out/errors.log"
python3 "$suite/score.py" "$out" --ref "$suite/ref-pandoc" --with-fallback --worst "${WORST:-15}"
