/* schema.c - the database schema, its versioned migrations, open and close.
 *
 * Every connection gets the "thidua" tokenizer and a td_fold() SQL function
 * before anything else runs.  The schema below is stable: later code
 * (src/canon/) builds derived, cross-document tables from the
 * per-document ones, so change it only through a new migration.
 *
 * Opening reads the file before writing anything: another application's
 * SQLite file is refused untouched.  Creation and migration run under the
 * write lock and look at the file again once they hold it, so concurrent
 * ingests create the schema once.  Queries open with query_only, or
 * read-only (immutable when not even WAL's -shm file can be made) when the
 * file cannot be written, and write only to upgrade an older file.
 *
 * Schema (version 5):
 *
 *   meta(key PRIMARY KEY, value)
 *       'schema_version', 'tokenizer_version' (INDEX_TOKENIZER_VERSION;
 *       when it differs on open, the FTS index is rebuilt).  Every
 *       migration also sets PRAGMA application_id to INDEX_APP_ID.
 *   documents(id, path, realpath UNIQUE, hash, format, encoding, title,
 *             published, author, size, text, ingested_at, extractor,
 *             source_url, source_given, province_site)
 *       One row per stored file, keyed by realpath (version 4), the
 *       file's resolved path: `corpus/x`, `./corpus/x` and `/abs/corpus/x`
 *       are one document.  path is the path it was last stored or moved
 *       under, as given (what is shown).  Rows from before version 4 have
 *       a NULL realpath until the next ingest resolves them.
 *       text is the NFC text (blocks joined by "\n\n"): every offset
 *       below is a byte offset into it.  hash is td_hash_hex of the raw
 *       file; format "docx"|"html"|"text".  A changed file keeps its id;
 *       its other rows are replaced.  A file moved (same content, old path
 *       gone) keeps its id and rows; only path and realpath change.
 *       extractor (version 2) fingerprints the program and rules that made
 *       its facts.
       mtime (version 5) is the file's modification time (nanoseconds
       since the epoch) when it was read, NULL when not known or too recent
       to trust: a file whose size and mtime match is not read again.
 *       source_url (version 3) is where the file came from: the address the
 *       caller gave (ingest --sources/--source-url, then also in
 *       source_given) or the page's own canonical link / og:url;
 *       province_site the province of that site (never from the text).
 *   fts(title, body) USING fts5, tokenize='thidua', rowid = documents.id
 *       body is documents.text; tokens are folded, with colocated exact
 *       forms ('=' + NFC lowercase, canonical tones).
 *   evidence(id, doc_id, fact, value, extra, year, num, rule, span_start,
 *            span_end, sent_start, sent_end, sentence, block)
 *       One row per td_fact: fact is td_fact_name(kind) ("province",
 *       "leaders", ...), value/extra/year/num as in td_fact, rule the rule
 *       id, span_* the matched span, sent_* and sentence the sentence that
 *       holds it, block the index of the block (-1 unknown).
 *   blocs(id, doc_id, name, level, province, event, pledge_year,
 *         reviewed_year, meeting_date, member_count, evidence_id)
 *       One row per distinct bloc name of a document (one row with a NULL
 *       name when the document has document-level facts but no bloc); the
 *       document-level facts (province, event, years, date, count) are
 *       copied into each row.  evidence_id is the bloc fact's evidence.
 *   members(id, doc_id, unit, evidence_id)
 *   leaders(id, doc_id, unit, role, year, evidence_id)   role truong_khoi|pho_khoi
 *   goals(id, doc_id, text, evidence_id)
 *   officials(id, doc_id, name, title, evidence_id)
 *   errors(file PRIMARY KEY, path, reason, at)   (version 5)
 *       The files the latest ingests could not store, or stored with a
 *       failed rule: file is the resolved path (the absolute path when it
 *       resolves to nothing), path as given, reason the message, at the
 *       time (UTC).  A file stored cleanly later loses its row.
 *
 * Every fact table has doc_id (documents.id) and evidence_id (evidence.id).
 */
#include "index/index_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "normalize/names.h"
#include "normalize/normalize.h"

/* migrations[i] takes the schema from version i to version i + 1 */
static const char *const migrations[] = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE documents (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  path TEXT NOT NULL UNIQUE,\n"
    "  hash TEXT NOT NULL,\n"
    "  format TEXT NOT NULL,\n"
    "  encoding TEXT,\n"
    "  title TEXT,\n"
    "  published TEXT,\n"
    "  author TEXT,\n"
    "  size INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  ingested_at TEXT NOT NULL DEFAULT (datetime('now')));\n"
    "CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='thidua');\n"
    "CREATE TABLE evidence (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),\n"
    "  fact TEXT NOT NULL, value TEXT, extra TEXT, year INTEGER, num INTEGER,\n"
    "  rule TEXT, span_start INTEGER, span_end INTEGER,\n"
    "  sent_start INTEGER, sent_end INTEGER, sentence TEXT, block INTEGER);\n"
    "CREATE INDEX evidence_doc ON evidence(doc_id);\n"
    "CREATE TABLE blocs (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id),\n"
    "  name TEXT, level TEXT, province TEXT, event TEXT,\n"
    "  pledge_year INTEGER, reviewed_year INTEGER, meeting_date TEXT,\n"
    "  member_count INTEGER, evidence_id INTEGER REFERENCES evidence(id));\n"
    "CREATE INDEX blocs_doc ON blocs(doc_id);\n"
    "CREATE TABLE members (id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id), unit TEXT NOT NULL,\n"
    "  evidence_id INTEGER REFERENCES evidence(id));\n"
    "CREATE INDEX members_doc ON members(doc_id);\n"
    "CREATE TABLE leaders (id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id), unit TEXT NOT NULL,\n"
    "  role TEXT, year INTEGER, evidence_id INTEGER REFERENCES evidence(id));\n"
    "CREATE INDEX leaders_doc ON leaders(doc_id);\n"
    "CREATE TABLE goals (id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id), text TEXT NOT NULL,\n"
    "  evidence_id INTEGER REFERENCES evidence(id));\n"
    "CREATE INDEX goals_doc ON goals(doc_id);\n"
    "CREATE TABLE officials (id INTEGER PRIMARY KEY,\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id), name TEXT NOT NULL,\n"
    "  title TEXT, evidence_id INTEGER REFERENCES evidence(id));\n"
    "CREATE INDEX officials_doc ON officials(doc_id);\n",
    /* 1 -> 2: the extractor fingerprint (program version + rules) each
     * document's facts came from, so a rule change re-extracts it */
    "ALTER TABLE documents ADD COLUMN extractor TEXT;\n",
    /* 2 -> 3: where the document came from (the caller's address or the
     * page's own), the address the caller gave (so a new one re-extracts)
     * and the province of that site */
    "ALTER TABLE documents ADD COLUMN source_url TEXT;\n"
    "ALTER TABLE documents ADD COLUMN source_given TEXT;\n"
    "ALTER TABLE documents ADD COLUMN province_site TEXT;\n",
    /* 3 -> 4: a document is its file, whatever path named it: realpath
     * (the resolved path) is the key, path only what is shown.  SQLite
     * cannot drop path's UNIQUE, so the table is copied.  Old rows have no
     * realpath yet: the next ingest resolves them (index_resolve_paths). */
    "CREATE TABLE documents_v4 (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  path TEXT NOT NULL,\n"
    "  realpath TEXT,\n"
    "  hash TEXT NOT NULL,\n"
    "  format TEXT NOT NULL,\n"
    "  encoding TEXT,\n"
    "  title TEXT,\n"
    "  published TEXT,\n"
    "  author TEXT,\n"
    "  size INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  ingested_at TEXT NOT NULL DEFAULT (datetime('now')),\n"
    "  extractor TEXT, source_url TEXT, source_given TEXT, province_site TEXT);\n"
    "INSERT INTO documents_v4(id, path, hash, format, encoding, title, published, author,"
    " size, text, ingested_at, extractor, source_url, source_given, province_site)"
    " SELECT id, path, hash, format, encoding, title, published, author, size, text,"
    " ingested_at, extractor, source_url, source_given, province_site FROM documents;\n"
    "DROP TABLE documents;\n"
    "ALTER TABLE documents_v4 RENAME TO documents;\n"
    "CREATE UNIQUE INDEX documents_realpath ON documents(realpath);\n"
    "CREATE INDEX documents_path ON documents(path);\n"
    "CREATE INDEX documents_hash ON documents(hash);\n",
    /* 4 -> 5: the file's modification time, so that an unchanged file is
     * skipped without being read; the failures of ingests, for `errors` */
    "ALTER TABLE documents ADD COLUMN mtime INTEGER;\n"
    "CREATE TABLE IF NOT EXISTS errors (file TEXT PRIMARY KEY, path TEXT NOT NULL,\n"
    "  reason TEXT NOT NULL, at TEXT NOT NULL DEFAULT (datetime('now')));\n",
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

/* PRAGMA application_id of a thidua database ("thdu"), written with every
 * schema change; databases made before it have 0 and are known by their
 * tables. */
#define INDEX_APP_ID 0x74686475

/* How long a connection waits for another one's write lock: an ingest holds
 * it for one batch (about a second), or for a whole canonical rebuild. */
#define INDEX_BUSY_MS 30000

/* The errno behind the connection's last I/O error, 0 when unknown.
 * sqlite3_system_errno reads errno after the fact, which later calls may
 * have reset; the files keep their own: the journal or WAL (where a
 * transaction writes first), then the database. */
static int io_errno(sqlite3 *c)
{
    int en = sqlite3_system_errno(c);
    sqlite3_file *j = NULL;
    if (!en && sqlite3_file_control(c, "main", SQLITE_FCNTL_JOURNAL_POINTER, &j) == SQLITE_OK &&
        j && j->pMethods && j->pMethods->xFileControl)
        j->pMethods->xFileControl(j, SQLITE_FCNTL_LAST_ERRNO, &en);
    if (!en)
        sqlite3_file_control(c, "main", SQLITE_FCNTL_LAST_ERRNO, &en);
    return en;
}

/* 1 when the connection's last error says there is no room left: SQLite
 * reports a short write as SQLITE_FULL, and a refused one (a quota, the
 * file size limit) as an I/O error whose errno tells. */
static int db_full(sqlite3 *c)
{
    int x = sqlite3_extended_errcode(c);
    if ((x & 0xff) == SQLITE_FULL)
        return 1;
    if ((x & 0xff) != SQLITE_IOERR)
        return 0;
    int en = io_errno(c);
#ifdef EDQUOT
    if (en == EDQUOT)
        return 1;
#endif
    return en == ENOSPC || en == EFBIG;
}

int index_db_error(index_db *db, td_err *e, const char *what)
{
    if (db && db->db && db_full(db->db)) {
        int io = (sqlite3_extended_errcode(db->db) & 0xff) == SQLITE_IOERR;
        return td_err_set(e, TD_EFULL, "%s: no space left for the database (%s)", what,
                          io ? strerror(io_errno(db->db)) : sqlite3_errmsg(db->db));
    }
    return td_err_set(e, TD_EDB, "%s: %s", what,
                      db && db->db ? sqlite3_errmsg(db->db) : "no database");
}

/* td_fold(x): the folded form of x (NULL stays NULL), for filters. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *s = sqlite3_value_text(argv[0]);
    if (!s) {
        sqlite3_result_null(ctx);
        return;
    }
    td_buf b = TD_BUF_INIT;
    norm_fold((const char *)s, (size_t)sqlite3_value_bytes(argv[0]), &b, NULL);
    sqlite3_result_text(ctx, b.ptr, (int)b.len, SQLITE_TRANSIENT);
    td_buf_free(&b);
}

/* Integer meta value, or -1 when absent (or no meta table yet). */
static int meta_get(index_db *db, const char *key)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(db->db, "SELECT value FROM meta WHERE key = ?1", -1,
                           &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int meta_set(index_db *db, const char *key, int v)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->db,
                                "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, v);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    return rc;
}

/* What a file holds, read before anything is written to it. */
typedef struct db_look {
    int tables;         /* tables, SQLite's own excluded */
    int thidua;         /* meta and documents are among them */
    int app_id;         /* PRAGMA application_id */
    int version;        /* meta 'schema_version', 0 when none */
    int tokv;           /* meta 'tokenizer_version', -1 when none */
    char some[160];     /* the first table names, for messages */
} db_look;

/* Fill *l from the file.  Returns an SQLite code: this is the first read,
 * so a WAL database that cannot be read here fails now. */
static int look(index_db *db, db_look *l)
{
    memset(l, 0, sizeof *l);
    l->tokv = -1;
    sqlite3_stmt *st = NULL;
    int has_meta = 0, has_docs = 0, s = SQLITE_DONE;
    int rc = sqlite3_prepare_v2(db->db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
                                -1, &st, NULL);
    while (rc == SQLITE_OK && (s = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (!name)
            continue;
        l->tables++;
        has_meta |= strcmp(name, "meta") == 0;
        has_docs |= strcmp(name, "documents") == 0;
        /* another application's names may hold anything: keep one line */
        size_t n = strlen(l->some), k = strlen(name);
        if (n + k + 8 < sizeof l->some) {
            snprintf(l->some + n, sizeof l->some - n, "%s%s", n ? ", " : "", name);
            for (char *p = l->some + n; *p; p++)
                if ((unsigned char)*p < 0x20 || *p == 0x7f)
                    *p = '?';
        } else if (n + 6 < sizeof l->some && !strstr(l->some, ", ...")) {
            snprintf(l->some + n, sizeof l->some - n, ", ...");
        }
    }
    if (rc == SQLITE_OK && s != SQLITE_DONE)
        rc = s;
    sqlite3_finalize(st);
    st = NULL;
    if (rc == SQLITE_OK &&
        (rc = sqlite3_prepare_v2(db->db, "PRAGMA application_id", -1, &st, NULL)) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        l->app_id = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc == SQLITE_OK && has_meta && has_docs) {
        l->thidua = 1;
        l->version = meta_get(db, "schema_version");
        l->tokv = meta_get(db, "tokenizer_version");
    }
    if (l->version < 0)
        l->version = 0;
    return rc;
}

/* TD_OK when the file is empty or a thidua database this program reads;
 * otherwise one line saying why (nothing has been written to it). */
static int check_look(const db_look *l, td_err *e)
{
    if (l->app_id != 0 && l->app_id != INDEX_APP_ID)
        return td_err_set(e, TD_EDB, "not a thidua database: another application's file "
                          "(application_id 0x%08x); refused, the file was not changed",
                          (unsigned)l->app_id);
    if (l->tables > 0 && (!l->thidua || l->version <= 0))
        return td_err_set(e, TD_EDB, "not a thidua database: it holds another "
                          "application's tables (%s); refused, the file was not changed",
                          l->some);
    if (l->version > SCHEMA_VERSION)
        return td_err_set(e, TD_EDB, "database schema version %d is newer than "
                          "this thidua understands (%d)", l->version, SCHEMA_VERSION);
    return TD_OK;
}

static int needs_upgrade(const db_look *l)
{
    return l->version < SCHEMA_VERSION || l->tokv != INDEX_TOKENIZER_VERSION;
}

/* Bring the schema to SCHEMA_VERSION and the FTS index to the current
 * tokenizer, in one transaction.  The file is looked at again once the
 * write lock is held: another process may have created or upgraded it
 * while this one waited. */
static int migrate(index_db *db, td_err *e)
{
    if (sqlite3_exec(db->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return index_db_error(db, e, "cannot upgrade the database");
    db_look l;
    int r = look(db, &l) == SQLITE_OK ? check_look(&l, e)
                                      : index_db_error(db, e, "cannot upgrade the database");
    if (r == TD_OK && needs_upgrade(&l)) {
        int rc = SQLITE_OK;
        for (int v = l.version; v < SCHEMA_VERSION && rc == SQLITE_OK; v++)
            rc = sqlite3_exec(db->db, migrations[v], NULL, NULL, NULL);
        if (rc == SQLITE_OK && l.version > 0 && l.tokv != INDEX_TOKENIZER_VERSION)
            rc = sqlite3_exec(db->db, "INSERT INTO fts(fts) VALUES('rebuild')",
                              NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            rc = meta_set(db, "schema_version", SCHEMA_VERSION);
        if (rc == SQLITE_OK)
            rc = meta_set(db, "tokenizer_version", INDEX_TOKENIZER_VERSION);
        if (rc == SQLITE_OK) {
            char sql[64];
            snprintf(sql, sizeof sql, "PRAGMA application_id = %d", INDEX_APP_ID);
            rc = sqlite3_exec(db->db, sql, NULL, NULL, NULL);
        }
        if (rc != SQLITE_OK)
            r = index_db_error(db, e, "cannot upgrade the database");
    }
    if (r == TD_OK && sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        r = index_db_error(db, e, "cannot upgrade the database");
    if (r != TD_OK)
        sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
    return r;
}

/* Open name as db->db with flags, and give the connection what every
 * statement needs: the tokenizer, td_fold, a busy timeout. */
static int db_connect(index_db *db, const char *name, int flags, td_err *e)
{
    if (sqlite3_open_v2(name, &db->db, flags, NULL) != SQLITE_OK)
        return index_db_error(db, e, "cannot open");
    sqlite3_busy_timeout(db->db, INDEX_BUSY_MS);
    sqlite3_extended_result_codes(db->db, 1);
    if (index_tokenizer_register(db->db) != SQLITE_OK)
        return index_db_error(db, e, "cannot register the tokenizer (SQLite without FTS5?)");
    sqlite3_create_function(db->db, "td_fold", 1,
                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_fold,
                            NULL, NULL);
    return TD_OK;
}

/* path as an SQLite URI that opens it immutable: read as the file stands,
 * without locks and without the -shm file a WAL database wants beside it.
 * Malloc'd. */
static char *immutable_uri(const char *path)
{
    td_buf b = TD_BUF_INIT;
    /* an empty authority, so that "//x" stays a path */
    td_buf_puts(&b, path[0] == '/' ? "file://" : "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
            td_buf_printf(&b, "%%%02X", *p);
        else
            td_buf_putc(&b, (char)*p);
    }
    td_buf_puts(&b, "?immutable=1");
    return td_buf_detach(&b);
}

/* An SQLite code saying the file cannot be written or locked here. */
static int cannot_write(int rc)
{
    return (rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN;
}

static void set_wal(index_db *db)
{
    /* WAL with synchronous=NORMAL: a crash may lose the last documents
     * stored but never corrupts the database, and ingest does not wait for
     * a disk flush per document.  Failing to switch (another process holds
     * the file) leaves the journal as it was, which is only slower. */
    sqlite3_exec(db->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    sqlite3_exec(db->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
}

/* Connect db to db->path, refuse what is not thidua's, create or upgrade
 * the schema when it must and can.  See index_open. */
static int open_file(index_db *db, td_err *e)
{
    int rc = db_connect(db, db->path, SQLITE_OPEN_READWRITE |
                        (db->writable ? SQLITE_OPEN_CREATE : 0), e);
    if (rc != TD_OK)
        return rc;
    /* a query writes nothing unless it must (index_allow_writes) */
    if (!db->writable)
        sqlite3_exec(db->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
    db_look l;
    int src = look(db, &l);
    if (!db->writable && cannot_write(src)) {
        /* a WAL database in a directory this process cannot write (a
         * read-only share or mount) has no -shm file to coordinate readers:
         * read the file as it stands */
        sqlite3_close(db->db);
        db->db = NULL;
        char *uri = immutable_uri(db->path);
        rc = db_connect(db, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, e);
        free(uri);
        if (rc != TD_OK)
            return rc;
        src = look(db, &l);
    }
    if (src != SQLITE_OK) {
        if (db->writable && cannot_write(src))
            return td_err_set(e, TD_EDB, "ingest cannot write it: the file or its "
                              "directory is read-only");
        return index_db_error(db, e, "cannot read it");
    }
    db->readonly = sqlite3_db_readonly(db->db, "main") == 1;
    /* nothing can reach the file now; temporary tables (a canonical view
     * built for this run) stay possible */
    if (db->readonly)
        sqlite3_exec(db->db, "PRAGMA query_only = 0", NULL, NULL, NULL);
    if ((rc = check_look(&l, e)) != TD_OK)
        return rc;
    if (!db->writable && l.tables == 0)
        return td_err_set(e, TD_EDB, "it holds no thidua database yet (run 'thidua "
                          "ingest' first)");
    if (db->writable && db->readonly)
        return td_err_set(e, TD_EDB, "ingest cannot write it: the file or its disk "
                          "is read-only");
    if (!needs_upgrade(&l)) {
        if (db->writable)
            set_wal(db);
        return TD_OK;
    }
    if (db->readonly)
        return td_err_set(e, TD_EDB, "it was made by an older thidua (schema %d, "
                          "tokenizer %d; this one needs %d, %d) and is read-only here: "
                          "upgrade it by running 'thidua ingest' on it where it can be "
                          "written",
                          l.version, l.tokv, SCHEMA_VERSION, INDEX_TOKENIZER_VERSION);
    if ((rc = index_allow_writes(db, e)) != TD_OK)
        return rc;
    if (db->writable)
        set_wal(db);
    return migrate(db, e);
}

int index_open(const char *path, int writable, index_db **out, td_err *e)
{
    *out = NULL;
    if (!writable && access(path, F_OK) != 0)
        return td_err_set(e, TD_EDB, "no database at '%s' (run 'thidua ingest' first)",
                          path);
    index_db *db = td_xcalloc(1, sizeof *db);
    db->errors_empty = -1;
    db->writable = writable;
    db->path = td_xstrdup(path);
    int rc = open_file(db, e);
    if (rc != TD_OK) {
        index_close(db);
        return rc;
    }
    *out = db;
    return TD_OK;
}

int index_allow_writes(index_db *db, td_err *e)
{
    if (db->readonly)
        return td_err_set(e, TD_EDB, "'%s' is read-only here (the file, its directory "
                          "or its disk)", db->path);
    if (!db->writable &&
        sqlite3_exec(db->db, "PRAGMA query_only = 0", NULL, NULL, NULL) != SQLITE_OK)
        return index_db_error(db, e, "cannot write");
    return TD_OK;
}

int index_is_readonly(index_db *db)
{
    return db->readonly;
}

void index_close(index_db *db)
{
    if (!db)
        return;
    sqlite3_close(db->db);
    names_free(db->names);
    index_abbrev_free(db->abbrev);
    free(db->rules_dir);
    free(db->extractor);
    free(db->path);
    free(db);
}

sqlite3 *index_sqlite(index_db *db)
{
    return db->db;
}

int index_set_rules_dir(index_db *db, const char *rules_dir, td_err *e)
{
    index_abbrev *ab = NULL;
    int rc = index_abbrev_load(rules_dir, &ab, e);
    if (rc != TD_OK)
        return rc;
    index_abbrev_free(db->abbrev);
    db->abbrev = ab;
    free(db->rules_dir);
    db->rules_dir = td_xstrdup(rules_dir);
    return TD_OK;
}
