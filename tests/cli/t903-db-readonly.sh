# t903-db-readonly: a database that cannot be written (file and directory
# read-only, as on a share or a read-only mount) answers every read-only
# command as the writable original does, even when its canonical tables are
# stale (they are rebuilt for the run only), and is not changed; ingest and
# an override on it fail with one line saying it is read-only, and a
# database from an older thidua says it must be upgraded by an ingest where
# it can be written.
#
# chmod does not stop root, and the tests may run as root: then every
# command on the read-only copies runs as the unprivileged uid 65534
# through setpriv.  Without setpriv, root can only check that the queries
# leave the (still writable) file unchanged.
. "$ROOT/tests/cli/lib.sh"
docs=$ROOT/tests/search/docs
mkdir in
cp "$docs/s01-khanhhoa-kyket.txt" "$docs/s02-khanhhoa-tongket.txt" "$docs/s03-kontum.txt" \
   "$docs/s04-hoinongdan.txt" in/
expect_code 0 $THIDUA --db w.db ingest -q in

AS=
real=1
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv >/dev/null 2>&1; then
        AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
        chmod 755 "$TMP_DIR"    # the unprivileged uid reads below it
    else
        skip_part "root without setpriv: the copies stay writable to root, refusals not checked"
        real=0
    fi
fi

# ro/: a copy as it was left by ingest; stale/: its canonical tables out of
# date; old/: a full-text index from an older tokenizer
mkdir ro stale old
cp w.db ro/t.db
cp w.db stale/t.db
cp w.db old/t.db
python3 - <<'PY' || fail "python3 sqlite3"
import sqlite3
c = sqlite3.connect("stale/t.db")
c.execute("UPDATE meta SET value = 'stale' WHERE key = 'canon_fingerprint'")
c.commit()
c.close()
c = sqlite3.connect("old/t.db")
c.execute("UPDATE meta SET value = '1' WHERE key = 'tokenizer_version'")
c.commit()
c.close()
PY
ls ro stale old >before.ls
chmod a-w ro/t.db stale/t.db old/t.db ro stale old
sum_ro=$(cksum <ro/t.db)
sum_stale=$(cksum <stale/t.db)

check_same() {   # dir, command...: same output as on w.db, exit 0
    dir=$1; shift
    $THIDUA --db w.db "$@" >want 2>/dev/null || fail "'$*' on w.db exited $?"
    expect_code 0 $AS $THIDUA --db "$dir/t.db" "$@"
    [ -s out ] || fail "'$*' on $dir printed nothing"
    cmp -s want out || { diff want out | head -20; fail "'$*' on $dir differs from w.db"; }
    expect_no_grep 'error|warning' err
}
for dir in ro stale; do
    [ "$dir" = stale ] && [ "$real" -eq 0 ] && continue   # root would rebuild it in place
    check_same $dir stats
    check_same $dir stats --json
    check_same $dir search "thi đua"
    check_same $dir search --json "Kon Tum"
    check_same $dir show 1
    check_same $dir show --json 3
    check_same $dir blocs
    check_same $dir blocs --json
    check_same $dir leaders
    check_same $dir compare 2023 2024
done
[ "$(cksum <ro/t.db)" = "$sum_ro" ] || fail "ro/t.db changed"
[ "$(cksum <stale/t.db)" = "$sum_stale" ] || fail "stale/t.db changed"

if [ "$real" -eq 1 ]; then
    ls ro stale old >after.ls
    cmp -s before.ls after.ls || { diff before.ls after.ls; fail "files appeared beside the read-only copies"; }
    # a writer is refused at once, with one line
    expect_code 3 $AS $THIDUA --db ro/t.db ingest in
    expect_lines 1 err
    expect_grep "^thidua: error: cannot open database 'ro/t\.db': .*read-only" err
    expect_code 3 $AS $THIDUA --db ro/t.db blocs --merge 1 2
    expect_lines 1 err
    expect_grep "^thidua: error: 'ro/t\.db' is read-only" err
    # an older index cannot be upgraded here: say how
    expect_code 3 $AS $THIDUA --db old/t.db search "thi đua"
    expect_lines 1 err
    expect_grep "^thidua: error: cannot open database 'old/t\.db': it was made by an older thidua .*read-only here: upgrade it by running 'thidua ingest'" err
    [ "$(cksum <ro/t.db)" = "$sum_ro" ] || fail "ro/t.db changed"
fi

# where it can be written, the older index is upgraded by a query as before
chmod u+w old old/t.db
expect_code 0 $THIDUA --db old/t.db search --json "Kon Tum"
expect_lines 1 out
end_parts
