/* schema.c - the database schema, its versioned migrations, open and close.
 *
 * Every connection gets the "thidua" tokenizer and a td_fold() SQL function
 * before anything else runs.  The schema below is stable: later code
 * (src/index/canon.c) builds derived, cross-document tables from the
 * per-document ones, so change it only through a new migration.
 *
 * Schema (version 3):
 *
 *   meta(key PRIMARY KEY, value)
 *       'schema_version', 'tokenizer_version' (INDEX_TOKENIZER_VERSION;
 *       when it differs on open, the FTS index is rebuilt).
 *   documents(id, path UNIQUE, hash, format, encoding, title, published,
 *             author, size, text, ingested_at, extractor, source_url,
 *             source_given, province_site)
 *       One row per stored file.  text is the NFC text (blocks joined by
 *       "\n\n"): every offset below is a byte offset into it.  hash is
 *       td_hash_hex of the raw file; format "docx"|"html"|"text".  A changed
 *       file keeps its id; its other rows are replaced.  extractor
 *       (version 2) fingerprints the program and rules that made its facts.
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
 *
 * Every fact table has doc_id (documents.id) and evidence_id (evidence.id).
 */
#include "index/index_int.h"

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
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

int index_db_error(index_db *db, td_err *e, const char *what)
{
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

/* Bring the schema to SCHEMA_VERSION and the FTS index to the current
 * tokenizer, in one transaction. */
static int migrate(index_db *db, td_err *e)
{
    int version = meta_get(db, "schema_version");
    int tokv = meta_get(db, "tokenizer_version");
    if (version < 0)
        version = 0;
    if (version > SCHEMA_VERSION)
        return td_err_set(e, TD_EDB, "database schema version %d is newer than "
                          "this thidua understands (%d)", version, SCHEMA_VERSION);
    if (version == SCHEMA_VERSION && tokv == INDEX_TOKENIZER_VERSION)
        return TD_OK;
    if (sqlite3_exec(db->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return index_db_error(db, e, "cannot upgrade the database");
    int rc = SQLITE_OK;
    for (int v = version; v < SCHEMA_VERSION && rc == SQLITE_OK; v++)
        rc = sqlite3_exec(db->db, migrations[v], NULL, NULL, NULL);
    if (rc == SQLITE_OK && version > 0 && tokv != INDEX_TOKENIZER_VERSION)
        rc = sqlite3_exec(db->db, "INSERT INTO fts(fts) VALUES('rebuild')",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = meta_set(db, "schema_version", SCHEMA_VERSION);
    if (rc == SQLITE_OK)
        rc = meta_set(db, "tokenizer_version", INDEX_TOKENIZER_VERSION);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        index_db_error(db, e, "cannot upgrade the database");
        sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
        return TD_EDB;
    }
    return TD_OK;
}

int index_open(const char *path, int writable, index_db **out, td_err *e)
{
    *out = NULL;
    if (!writable && access(path, F_OK) != 0)
        return td_err_set(e, TD_EDB, "no database at '%s' (run 'thidua ingest' first)",
                          path);
    index_db *db = td_xcalloc(1, sizeof *db);
    db->writable = writable;
    /* read-write even for queries: an old index may need a rebuild */
    int flags = SQLITE_OPEN_READWRITE | (writable ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &db->db, flags, NULL) != SQLITE_OK) {
        index_db_error(db, e, "cannot open");
        index_close(db);
        return TD_EDB;
    }
    sqlite3_busy_timeout(db->db, 5000);
    sqlite3_extended_result_codes(db->db, 1);
    if (index_tokenizer_register(db->db) != SQLITE_OK) {
        index_db_error(db, e, "cannot register the tokenizer (SQLite without FTS5?)");
        index_close(db);
        return TD_EDB;
    }
    sqlite3_create_function(db->db, "td_fold", 1,
                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_fold,
                            NULL, NULL);
    int rc = TD_OK;
    /* WAL with synchronous=NORMAL: a crash may lose the last documents
     * stored but never corrupts the database, and ingest does not wait for
     * a disk flush per document */
    if (writable &&
        sqlite3_exec(db->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
                     NULL, NULL, NULL) != SQLITE_OK)
        rc = index_db_error(db, e, "cannot open");
    if (rc == TD_OK && !writable && meta_get(db, "schema_version") < 0)
        rc = td_err_set(e, TD_EDB, "'%s' is not a thidua database", path);
    if (rc == TD_OK)
        rc = migrate(db, e);
    if (rc != TD_OK) {
        index_close(db);
        return rc;
    }
    *out = db;
    return TD_OK;
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
