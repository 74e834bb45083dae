# tests/cli/lib.sh - helpers for CLI test scripts (sourced).
#   expect_code N cmd...   run cmd, fail unless it exits N (stdout -> out, stderr -> err)
#   expect_grep PATTERN FILE   fail unless FILE matches the extended regex
#   expect_no_grep PATTERN FILE
#   expect_lines N FILE    fail unless FILE has exactly N lines
#   fail MSG
#   skip REASON            this test cannot run here: exit 77, counted as skipped
#   need_shared PATH...    skip unless every $SHARED/PATH exists (../shared)
#   skip_part REASON       a part of the test cannot run here: note it and go on;
#   have_shared PATH       (0 when $SHARED/PATH exists, else skip_part and 1)
#   end_parts              last line of a test with such parts: skip (77) when
#                          one was not run, so the test is never counted passed
#   check_key_facts DIR N TABLE  key facts of held-out reports (see below)
#   f1 EXPECTED GOT        word-token F1 of GOT against EXPECTED: prints "f1 precision recall"
set -u
fail() { echo "FAIL: $*"; exit 1; }
# The skip protocol (automake's): exit 77 and a line "SKIP: reason".
# tests/cli/run.sh counts such a test as skipped, never as passed.
skip() { echo "SKIP: $*"; exit 77; }
need_shared() {
    for p; do
        [ -e "${SHARED:-}/$p" ] || skip "${SHARED:-../shared}/$p not found (set SHARED)"
    done
}
skipped_parts=
skip_part() { echo "skipped part: $*"; skipped_parts="$skipped_parts${skipped_parts:+; }$*"; }
have_shared() {
    [ -e "${SHARED:-}/$1" ] && return 0
    skip_part "${SHARED:-../shared}/$1 not found (set SHARED)"
    return 1
}
end_parts() { [ -z "$skipped_parts" ] || skip "$skipped_parts"; }
expect_code() {
    want=$1; shift
    "$@" >out 2>err
    got=$?
    [ "$got" -eq "$want" ] || { echo "--- stdout"; head -20 out; echo "--- stderr"; head -20 err; fail "'$*' exited $got, want $want"; }
}
expect_grep() { grep -Eq -- "$1" "$2" || { echo "--- $2"; head -30 "$2"; fail "'$2' does not match /$1/"; }; }
expect_no_grep() { ! grep -Eq -- "$1" "$2" || { echo "--- $2"; head -30 "$2"; fail "'$2' matches /$1/"; }; }
expect_lines() { n=$(wc -l <"$2"); [ "$n" -eq "$1" ] || fail "'$2' has $n lines, want $1"; }

words() {   # file -> one lowercase word per line
    LC_ALL=C awk '{ $0 = tolower($0); gsub(/[^a-z0-9\200-\377]+/, " ");
                    for (i = 1; i <= NF; i++) print $i }' "$1"
}
f1() {
    words "$1" >want.w
    words "$2" >got.w
    LC_ALL=C awk 'FNR == NR { w[$0]++; nw++; next }
                  { ng++; if (w[$0] > 0) { w[$0]--; tp++ } }
                  END { p = ng ? tp / ng : 0; r = nw ? tp / nw : 0;
                        f = p + r > 0 ? 2 * p * r / (p + r) : 0;
                        printf "%.3f %.3f %.3f\n", f, p, r }' want.w got.w
}

# check_key_facts DIR N TABLE: `extract --json` on each DIR/<file>.txt named
# by the N rows of TABLE ("file|province|pledge_year|event|leaders", leaders
# as unit:role:year;...; "-" a null province, "?" a field not checked)
# gives that province, pledge year, event and exactly those leaders.
check_key_facts() {
dir=$1 want_files=$2 table=$3
rm -f count
echo "$table" | while IFS='|' read -r f prov year event leaders; do
    [ -f "$dir/$f.txt" ] || { echo "missing $f.txt"; exit 1; }
    (cd "$dir" && $THIDUA extract --json "$f.txt") >out 2>err || { echo "$f: extract exited $?: $(head -3 err)"; exit 1; }
    sed -E 's/,"evidence":\[.*\]\}$/}/' out >facts
    if [ "$prov" != "?" ]; then
        if [ "$prov" = "-" ]; then want='"province":null'; else want="\"province\":\"$prov\""; fi
        grep -qF "$want" facts || { echo "$f: want $want"; grep -o '"province":[^,]*' facts; exit 1; }
    fi
    grep -qF "\"pledge_year\":$year," facts || { echo "$f: want pledge_year $year"; grep -o '"pledge_year":[^,]*' facts; exit 1; }
    grep -qF "\"event\":\"$event\"" facts || { echo "$f: want event $event"; grep -o '"event":[^,]*' facts; exit 1; }
    if [ "$leaders" != "?" ]; then
        got=$(grep -o '{"unit":"[^"]*","role":"[^"]*","year":[0-9a-z]*}' facts | wc -l)
        want_n=0
        oldifs=$IFS; IFS=';'
        for l in $leaders; do
            IFS=$oldifs
            u=${l%%:*}; r=${l#*:}; y=${r#*:}; r=${r%%:*}
            grep -qF "{\"unit\":\"$u\",\"role\":\"$r\",\"year\":$y}" facts ||
                { echo "$f: leader $u $r $y missing"; grep -o '"leaders":\[[^]]*\]' facts; exit 1; }
            want_n=$((want_n + 1))
            IFS=';'
        done
        IFS=$oldifs
        [ "$got" -eq "$want_n" ] || { echo "$f: $got leaders, want $want_n"; grep -o '"leaders":\[[^]]*\]' facts; exit 1; }
    fi
    echo ok >>count
done || fail "held-out facts differ (see above)"
n=$(wc -l <count)
[ "$n" -eq "$want_files" ] || fail "checked $n files, want $want_files"
[ "$(ls "$dir"/*.txt | wc -l)" -eq "$want_files" ] || fail "$dir holds other .txt files than the table"
}

# serve_start DB [ARGS...]: start `thidua serve` on a free loopback port
# (--port 0) in the background; sets srv_pid, port and base
# (http://127.0.0.1:PORT).  Skips (77) when curl is missing.
# serve_stop: SIGTERM, then the server must exit 0 within 20 s.
serve_start() {
    command -v curl >/dev/null || skip "curl missing"
    db=$1; shift
    $THIDUA --db "$db" serve --port 0 "$@" >srv.out 2>srv.err &
    srv_pid=$!
    trap 'kill -TERM $srv_pid 2>/dev/null' EXIT
    i=0
    while ! grep -q 'http://' srv.out 2>/dev/null; do
        i=$((i + 1))
        if [ $i -gt 300 ] || ! kill -0 $srv_pid 2>/dev/null; then
            cat srv.out srv.err; kill $srv_pid 2>/dev/null; fail "serve did not start"
        fi
        sleep 0.1
    done
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' srv.out)
    [ -n "$port" ] || fail "no port in: $(cat srv.out)"
    base=http://127.0.0.1:$port
    echo "serve: port $port"
}
serve_stop() {
    kill -TERM $srv_pid
    i=0
    while kill -0 $srv_pid 2>/dev/null; do
        i=$((i + 1)); [ $i -gt 200 ] && { kill -KILL $srv_pid; fail "serve did not stop on SIGTERM"; }
        sleep 0.1
    done
    wait $srv_pid; rc=$?
    trap - EXIT
    [ $rc -eq 0 ] || { cat srv.err; fail "serve exited $rc after SIGTERM"; }
    grep -q 'stopped (SIGTERM)' srv.out || fail "no 'stopped' line: $(cat srv.out)"
}
# get PATH [STATUS]: fetch $base$PATH into body, fail unless the status is
# STATUS (default 200)
get() {
    code=$(curl -s -o body -w '%{http_code}' "$base$1") || fail "curl failed on $1"
    [ "$code" = "${2:-200}" ] || { head -c 600 body; fail "GET $1: status $code, want ${2:-200}"; }
}
