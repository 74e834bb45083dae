# t527-ingest-progress: on a terminal ingest redraws a progress line on
# stderr (files done/total, files/s, ETA, failures), cleared before the
# summary; nothing of it when stderr is not a terminal or with --quiet.
. "$ROOT/tests/cli/lib.sh"
python3 -c 'import pty' 2>/dev/null || skip "python3 without pty"
cp -r "$ROOT/corpus" in
onpty() {   # run argv with stderr (and stdout) on a pseudo-terminal; print what it wrote
    python3 - "$@" <<'PY'
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        b = os.read(fd, 65536)
    except OSError:
        break
    if not b:
        break
    out += b
_, st = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.WEXITSTATUS(st))
PY
}
onpty $THIDUA --db p.db ingest --jobs 2 in >tty.out || fail "ingest on a terminal failed: $(cat tty.out)"
grep -Eq "[0-9]+/22 files, [0-9.]+ files/s, ETA [0-9:?]+, 0 failed" tty.out || fail "no progress line: $(od -c tty.out | head)"
grep -q "$(printf '\r')" tty.out || fail "the progress line is not redrawn in place"
grep -q "ingested 22 files into 'p.db': 22 added" tty.out || fail "no summary"
onpty $THIDUA --db p.db --quiet ingest in >q.out || fail "ingest --quiet failed"
[ ! -s q.out ] || fail "--quiet printed: $(cat q.out)"
expect_code 0 $THIDUA --db p.db ingest --force in
expect_no_grep 'files/s' err
expect_lines 1 err
