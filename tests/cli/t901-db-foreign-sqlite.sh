# t901-db-foreign-sqlite: another application's SQLite file given as --db
# (tables of its own, or its own application_id) is refused by ingest and
# by the queries with one line naming the file, exit 3, and is left as it
# was: same bytes, same schema, no -wal/-shm beside it.  A file that is not
# SQLite at all is refused too; an empty file may become a thidua database.
. "$ROOT/tests/cli/lib.sh"
docs=$ROOT/tests/search/docs
mkdir in
cp "$docs/s01-khanhhoa-kyket.txt" "$docs/s03-kontum.txt" in/
python3 - <<'PY' || fail "python3 sqlite3"
import sqlite3
c = sqlite3.connect("other.db")
c.executescript("""
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE INDEX people_name ON people(name);
INSERT INTO people(name) VALUES ('An'), ('Bình');
""")
c.commit()
c.close()
c = sqlite3.connect("app.db")
c.execute("PRAGMA application_id = 42")
c.commit()
c.close()
PY
schema() { python3 -c 'import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute("SELECT type, name, sql FROM sqlite_master ORDER BY name"): print(r)' "$1"; }
schema other.db >schema.before
sum_before=$(cksum <other.db)

for cmd in "ingest in" "search thi" "stats" "show 1" "blocs" "leaders"; do
    expect_code 3 $THIDUA --db other.db $cmd
    expect_lines 1 err
    expect_grep "^thidua: error: cannot open database 'other\.db': not a thidua database: .*people" err
done
schema other.db >schema.after
cmp -s schema.before schema.after || { diff schema.before schema.after; fail "the schema of other.db changed"; }
[ "$(cksum <other.db)" = "$sum_before" ] || fail "other.db changed"
[ ! -e other.db-wal ] && [ ! -e other.db-shm ] && [ ! -e other.db-journal ] ||
    fail "files left beside other.db: $(ls other.db*)"

sum_before=$(cksum <app.db)
expect_code 3 $THIDUA --db app.db ingest in
expect_lines 1 err
expect_grep "^thidua: error: cannot open database 'app\.db': not a thidua database: .*application_id 0x0000002a" err
[ "$(cksum <app.db)" = "$sum_before" ] || fail "app.db changed"

printf 'not a database at all, but long enough to hold a header of 100 bytes ..........................\n' >junk.db
expect_code 3 $THIDUA --db junk.db ingest in
expect_lines 1 err
expect_grep "^thidua: error: cannot open database 'junk\.db': .*not a database" err

: >empty.db
expect_code 3 $THIDUA --db empty.db search thi
expect_grep "no thidua database yet" err
expect_code 0 $THIDUA --db empty.db ingest -q in
expect_code 0 $THIDUA --db empty.db stats --json
expect_grep '"documents":2,' out
