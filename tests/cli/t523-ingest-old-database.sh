# t523-ingest-old-database: a database made before documents were keyed by
# their file (schema 3: path UNIQUE, no realpath; the same file could be
# stored under `in/x`, `./in/x` and `/abs/in/x`) is upgraded, and the next
# ingest resolves its paths: each file keeps its oldest row and id, the
# other rows of it are dropped (one warning with the count), a file renamed
# since is found as moved.
. "$ROOT/tests/cli/lib.sh"
docs=$ROOT/tests/search/docs
mkdir in
cp "$docs/s04-hoinongdan.txt" "$docs/s10-doanket.txt" "$docs/s13-danang.txt" in/
expect_code 0 $THIDUA --db o.db ingest -q in
# make it a schema-3 database holding s10 three times
python3 - "$PWD" <<'PY' || fail "cannot make the old database"
import sqlite3, sys
c = sqlite3.connect("o.db")
c.execute("PRAGMA legacy_alter_table = ON")
cols = "id, path, hash, format, encoding, title, published, author, size, text, ingested_at, extractor, source_url, source_given, province_site"
c.executescript("""
CREATE TABLE documents_v3 (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL, format TEXT NOT NULL, encoding TEXT, title TEXT, published TEXT,
  author TEXT, size INTEGER NOT NULL, text TEXT NOT NULL,
  ingested_at TEXT NOT NULL DEFAULT (datetime('now')), extractor TEXT, source_url TEXT,
  source_given TEXT, province_site TEXT);
INSERT INTO documents_v3(%s) SELECT %s FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v3 RENAME TO documents;
UPDATE meta SET value = '3' WHERE key = 'schema_version';
""" % (cols, cols))
rest = cols.split(", ", 2)[2]
for i, p in ((10, "./in/s10-doanket.txt"), (11, sys.argv[1] + "/in/s10-doanket.txt")):
    c.execute("INSERT INTO documents(id, path, %s) SELECT ?, ?, %s FROM documents WHERE path = 'in/s10-doanket.txt'" % (rest, rest), (i, p))
c.commit()
PY
keep=$(python3 -c 'import sqlite3; print(sqlite3.connect("o.db").execute("select id from documents where path = ?", ("in/s10-doanket.txt",)).fetchone()[0])')
dn=$(python3 -c 'import sqlite3; print(sqlite3.connect("o.db").execute("select id from documents where path = ?", ("in/s13-danang.txt",)).fetchone()[0])')
# queries read it (upgraded on open) and still see the three copies
expect_code 0 $THIDUA --db o.db stats --json
expect_grep '"documents":5,' out
mv in/s13-danang.txt in/danang.txt
expect_code 0 $THIDUA --db o.db ingest in
expect_grep "^thidua: warning: 2 documents stored again under another path of the same file dropped" err
expect_grep '0 added, 0 replaced, 2 unchanged, 1 moved, 0 failed$' err
expect_code 0 $THIDUA --db o.db stats --json
expect_grep '"documents":3,' out
expect_code 0 $THIDUA --db o.db show --json in/s10-doanket.txt
expect_grep "^\{\"id\":$keep," out
expect_code 0 $THIDUA --db o.db show --json in/danang.txt
expect_grep "^\{\"id\":$dn,\"path\":\"in/danang.txt\"" out
python3 -c 'import sqlite3; print(sqlite3.connect("o.db").execute("select count(*) from documents where realpath is null").fetchone()[0])' >nulls
[ "$(cat nulls)" = 0 ] || fail "rows left without a realpath"
expect_code 0 $THIDUA --db o.db ingest in
expect_grep '0 added, 0 replaced, 3 unchanged, 0 failed$' err
