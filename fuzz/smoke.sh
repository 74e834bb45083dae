#!/bin/sh
# smoke.sh [NAME...] - `make fuzz-smoke`: build every libFuzzer harness and
# run each for FUZZ_SMOKE_TIME seconds (default 7; the eight harnesses take
# about a minute in all) from its seeds (fuzz/seeds.sh).  Prints one line
# per harness and "fuzz-smoke: N passed, N failed"; exits 1 when a harness
# crashed, leaked, hung (FUZZ_SMOKE_TIMEOUT, default 25 s for one input) or
# did not build, leaving the input in build-fuzz/crash-NAME-*.  Without
# clang or its libFuzzer runtime it says so and exits 0: a machine that
# cannot fuzz skips the smoke run, it does not fail it.
# Run from the repository root (the Makefile does).
T=${FUZZ_SMOKE_TIME:-7}
TO=${FUZZ_SMOKE_TIMEOUT:-25}
names=${*:-docx html text rules search extract pipeline normalize}
B=build-fuzz

skip() {
    echo "fuzz-smoke: SKIP: $1; no harness was run"
    exit 0
}
command -v clang >/dev/null 2>&1 || skip "clang not found (install clang and libclang-rt-dev)"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$tmp/t.c"
clang -fsanitize=fuzzer,address,undefined "$tmp/t.c" -o "$tmp/t" >"$tmp/log" 2>&1 ||
    skip "clang cannot link -fsanitize=fuzzer here (libFuzzer runtime missing: install libclang-rt-dev): $(head -n 1 "$tmp/log")"

bins=
for n in $names; do bins="$bins $B/fuzz_$n"; done
if ! ${MAKE:-make} --no-print-directory fuzz-build FUZZ_BINS="$bins" >"$tmp/build" 2>&1; then
    cat "$tmp/build"
    echo "fuzz-smoke: 0 passed, 1 failed   (the harnesses did not build)"
    exit 1
fi

passed=0 failed=0
for n in $names; do
    rm -rf "$B/seeds-$n" "$B/smoke-$n"
    sh fuzz/seeds.sh "$n" "$B/seeds-$n" && mkdir -p "$B/smoke-$n" || exit 2
    start=$(date +%s)
    THIDUA_RULES=$PWD/rules ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        "$B/fuzz_$n" -max_total_time="$T" -timeout="$TO" -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$B/crash-$n-" \
        "$B/smoke-$n" "$B/seeds-$n" >"$tmp/log" 2>&1
    rc=$?
    secs=$(($(date +%s) - start))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/log" | tail -n 1)
    if [ "$rc" -eq 0 ]; then
        echo "fuzz-smoke: $n: ${runs:-?} runs in ${secs}s, no crash"
        passed=$((passed + 1))
    else
        grep -E 'ERROR|runtime error|SUMMARY|Test unit written|fuzz_[a-z]+:' "$tmp/log" | head -n 20
        echo "fuzz-smoke: $n: FAILED (exit $rc after ${secs}s, ${runs:-?} runs); input in $B/crash-$n-*"
        failed=$((failed + 1))
    fi
done
echo "fuzz-smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
