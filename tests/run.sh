#!/bin/sh
# tests/run.sh - run every test suite and print one closing line that CI
# reads: "total: N passed, N failed, N skipped".  Each suite prints its own
# "<suite>: N passed, N failed[, N skipped]" line, which this script adds
# up.  A skipped test (one that cannot run here: ../shared or a tool
# missing) is counted as skipped, never as passed.  The run fails when a
# test fails, when a suite prints no summary, and when a suite runs no
# test at all (every test skipped, or none found).
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
        echo "0 1 0" >>"$log"
        status=1
        return
    fi
    p=$(echo "$line" | sed -E 's/^[^0-9]*([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    s=0
    case $line in *" skipped"*) s=$(echo "$line" | sed -E 's/.* ([0-9]+) skipped.*/\1/') ;; esac
    echo "$p $f $s" >>"$log"
    if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then status=1; fi
    if [ $((p + f)) -eq 0 ]; then
        echo "$name: FAIL: the suite ran no test ($s skipped)"
        echo "0 1 0" >>"$log"
        status=1
    fi
}

suite unit $TEST_UNIT
suite rules $THIDUA test-rules
suite normalize $THIDUA test-norm tests/normalize
suite cli sh tests/cli/run.sh

awk '{p+=$1; f+=$2; s+=$3} END {printf "total: %d passed, %d failed, %d skipped\n", p, f, s}' "$log"
rm -f "$log.out"
exit $status
