#!/bin/sh
# tests/cli/run.sh - run every tests/cli/tNNN-*.sh script.  Each script is
# run with $THIDUA set and a fresh scratch directory in $TMP_DIR (cwd); it
# exits 0 on success, 77 when it cannot run here (automake's skip code,
# with a "SKIP: reason" line; see skip in lib.sh), and anything else, with
# what went wrong, on failure.  Ends with "cli: N passed, N failed, N
# skipped"; a skipped script is never counted as passed.
cd "$(dirname "$0")" || exit 2
here=$PWD
root=$(cd ../.. && pwd)
export ROOT="$root" SHARED="${SHARED:-$root/../shared}"   # ../shared unless set
passed=0 failed=0 skipped=0
for t in t[0-9]*.sh; do
    [ -e "$t" ] || continue
    tmp=$(mktemp -d)
    (cd "$tmp" && TMP_DIR="$tmp" sh "$here/$t") >"$tmp.log" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        # measurements the scripts print (recall, F1, ...) are worth seeing
        grep -Ei '^[a-z -]*(recall|preference|f1)[^a-z]' "$tmp.log" | sed "s/^/    $t: /"
    elif [ "$rc" -eq 77 ]; then
        skipped=$((skipped + 1))
        echo "SKIP $t: $(sed -n 's/^SKIP: //p' "$tmp.log" | tail -n 1)"
    else
        failed=$((failed + 1))
        echo "FAIL $t (exit $rc)"
        sed 's/^/    /' "$tmp.log" | head -40
    fi
    rm -rf "$tmp" "$tmp.log"
done
echo "cli: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
