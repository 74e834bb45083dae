#!/bin/sh
# tests/cli/run.sh - run every tests/cli/tNNN-*.sh script.  Each script is
# run with $THIDUA set and a fresh scratch directory in $TMP_DIR (cwd); it
# exits 0 on success and prints what went wrong otherwise.
cd "$(dirname "$0")" || exit 2
here=$PWD
root=$(cd ../.. && pwd)
export ROOT="$root" SHARED="$root/../shared"
passed=0 failed=0
for t in t[0-9]*.sh; do
    [ -e "$t" ] || continue
    tmp=$(mktemp -d)
    if (cd "$tmp" && TMP_DIR="$tmp" sh "$here/$t") >"$tmp.log" 2>&1; then
        passed=$((passed + 1))
        # measurements the scripts print (recall, F1, ...) are worth seeing
        grep -Ei '^[a-z -]*(recall|preference|f1)[^a-z]' "$tmp.log" | sed "s/^/    $t: /" 
    else
        failed=$((failed + 1))
        echo "FAIL $t"
        sed 's/^/    /' "$tmp.log" | head -40
    fi
    rm -rf "$tmp" "$tmp.log"
done
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
