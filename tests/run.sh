#!/bin/sh
# tests/run.sh - run every test suite and print one closing line that CI
# reads: "total: N passed, N failed".  Each suite prints its own
# "<suite>: N passed, N failed" line, which this script adds up.
#   THIDUA     the thidua binary (or command) to test
#   TEST_UNIT  the unit-test binary
# Suites: unit tests (C), rule cases (rules/*.test), normalize cases
# (tests/normalize/*.test), and CLI scripts (tests/cli/t*.sh).
cd "$(dirname "$0")/.." || exit 2
: "${THIDUA:=$PWD/build/thidua}" "${TEST_UNIT:=$PWD/build/test_unit}"
export THIDUA
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

suite() {   # name, command...
    name=$1; shift
    echo "== $name"
    "$@" >"$log.out" 2>&1
    rc=$?
    cat "$log.out"
    line=$(grep -E '^[a-z-]*:? ?[0-9]+ passed, [0-9]+ failed' "$log.out" | tail -n 1)
    if [ -z "$line" ]; then
        echo "$name: 0 passed, 1 failed   (suite printed no summary, exit $rc)"
        echo "0 1" >>"$log"
        status=1
        return
    fi
    p=$(echo "$line" | sed -E 's/^[^0-9]*([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    echo "$p $f" >>"$log"
    if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then status=1; fi
}

suite unit $TEST_UNIT
suite rules $THIDUA test-rules
suite normalize $THIDUA test-norm tests/normalize
suite cli sh tests/cli/run.sh

awk '{p+=$1; f+=$2} END {printf "total: %d passed, %d failed\n", p, f}' "$log"
rm -f "$log.out"
exit $status
