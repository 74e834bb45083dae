/* batch.c - an ingest's batches, the file state that lets it skip unchanged
 * files unread, and the failures it records (the errors table).
 *
 * A batch is one write transaction holding many documents, each in a
 * savepoint of its own: a document is in the batch whole or not at all, a
 * failed one is rolled back alone, and a crash loses at most the open batch
 * (WAL: committed batches stay).  Outside a batch every document is its own
 * transaction, as before.  Which documents go in which batch is the
 * caller's business (cmd_ingest.c).  Schema: see schema.c.
 */
#include "index/index_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int index_tx_begin(index_db *db)
{
    return sqlite3_exec(db->db, db->batch ? "SAVEPOINT doc" : "BEGIN IMMEDIATE", NULL, NULL,
                        NULL);
}

int index_tx_commit(index_db *db)
{
    return sqlite3_exec(db->db, db->batch ? "RELEASE doc" : "COMMIT", NULL, NULL, NULL);
}

void index_tx_rollback(index_db *db)
{
    if (!db->batch) {
        sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
        return;
    }
    /* SQLite rolls the whole transaction back by itself after some errors
     * (a full disk, an I/O error): the batch is gone then, and
     * index_batch_lost says so */
    if (!sqlite3_get_autocommit(db->db))
        sqlite3_exec(db->db, "ROLLBACK TO doc; RELEASE doc", NULL, NULL, NULL);
}

int index_batch_begin(index_db *db, td_err *e)
{
    if (db->batch)
        return TD_OK;
    if (sqlite3_exec(db->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return index_db_error(db, e, "cannot start a transaction");
    db->batch = 1;
    return TD_OK;
}

int index_batch_commit(index_db *db, td_err *e)
{
    if (!db->batch)
        return TD_OK;
    db->batch = 0;
    if (sqlite3_get_autocommit(db->db))
        return td_err_set(e, TD_EDB, "cannot store the documents: the transaction was "
                          "rolled back");
    if (sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return TD_OK;
    int rc = index_db_error(db, e, "cannot store the documents");
    sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

void index_batch_rollback(index_db *db)
{
    if (!db->batch)
        return;
    db->batch = 0;
    if (!sqlite3_get_autocommit(db->db))
        sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
}

int index_batch_lost(index_db *db)
{
    return db->batch && sqlite3_get_autocommit(db->db);
}

/* ---- the stored state of a file ----------------------------------------- */

int index_file_get(index_db *db, const char *path, const char *source_given,
                   index_file *f, td_err *e)
{
    memset(f, 0, sizeof *f);
    char *real = realpath(path, NULL);
    if (!real)
        return TD_OK;
    sqlite3_stmt *st = NULL;
    int rc = TD_OK;
    if (sqlite3_prepare_v2(db->db, "SELECT id, hash, extractor, source_given, size, mtime "
                                   "FROM documents WHERE realpath = ?1", -1, &st,
                           NULL) != SQLITE_OK) {
        free(real);
        return index_db_error(db, e, "cannot look the file up");
    }
    sqlite3_bind_text(st, 1, real, -1, SQLITE_TRANSIENT);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        const char *h = (const char *)sqlite3_column_text(st, 1);
        const char *x = (const char *)sqlite3_column_text(st, 2);
        const char *g = (const char *)sqlite3_column_text(st, 3);
        f->id = sqlite3_column_int64(st, 0);
        snprintf(f->hash, sizeof f->hash, "%s", h ? h : "");
        f->size = sqlite3_column_int64(st, 4);
        f->mtime = sqlite3_column_int64(st, 5);
        /* what index_is_current asks besides the content */
        f->current = !db->force && strcmp(g ? g : "", source_given ? source_given : "") == 0 &&
                     (!db->extractor || (x && strcmp(x, db->extractor) == 0));
    } else if (s != SQLITE_DONE) {
        rc = index_db_error(db, e, "cannot look the file up");
    }
    sqlite3_finalize(st);
    free(real);
    return rc;
}

int index_touch(index_db *db, long long id, long long mtime, td_err *e)
{
    if (index_tx_begin(db) != SQLITE_OK)
        return index_db_error(db, e, "cannot start a transaction");
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->db, "UPDATE documents SET mtime = ?1 WHERE id = ?2", -1,
                                &st, NULL);
    if (rc == SQLITE_OK) {
        if (mtime)
            sqlite3_bind_int64(st, 1, mtime);
        sqlite3_bind_int64(st, 2, id);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_OK && index_tx_commit(db) == SQLITE_OK)
        return TD_OK;
    rc = index_db_error(db, e, "cannot record the file's time");
    index_tx_rollback(db);
    return rc;
}

/* ---- failures ----------------------------------------------------------- */

/* The errors key of path: its resolved path, else the path made absolute.
 * Malloc'd. */
static char *error_key(const char *path)
{
    char *real = realpath(path, NULL);
    if (real)
        return real;
    if (path[0] == '/')
        return td_xstrdup(path);
    char cwd[PATH_MAX];
    td_buf b = TD_BUF_INIT;
    if (getcwd(cwd, sizeof cwd))
        td_buf_printf(&b, "%s/", cwd);
    td_buf_puts(&b, path);
    return td_buf_detach(&b);
}

/* Run sql with ?1 = the key of path and ?2, ?3 = a, b (when not NULL), in
 * a transaction (or savepoint) of its own. */
static int error_exec(index_db *db, const char *sql, const char *path, const char *a,
                      const char *b, td_err *e)
{
    if (index_tx_begin(db) != SQLITE_OK)
        return index_db_error(db, e, "cannot start a transaction");
    char *key = error_key(path);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
        if (a)
            sqlite3_bind_text(st, 2, a, -1, SQLITE_TRANSIENT);
        if (b)
            sqlite3_bind_text(st, 3, b, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    free(key);
    if (rc == SQLITE_OK && index_tx_commit(db) == SQLITE_OK)
        return TD_OK;
    rc = index_db_error(db, e, "cannot record the failure");
    index_tx_rollback(db);
    return rc;
}

int index_error_note(index_db *db, const char *path, const char *reason, td_err *e)
{
    db->errors_empty = 0;
    return error_exec(db, "INSERT OR REPLACE INTO errors(file, path, reason) "
                          "VALUES (?1, ?2, ?3)", path, path, reason, e);
}

int index_error_clear(index_db *db, const char *path, td_err *e)
{
    /* most ingests have nothing to clear: look once, and then only read */
    if (db->errors_empty < 0) {
        sqlite3_stmt *st = NULL;
        db->errors_empty = 1;
        if (sqlite3_prepare_v2(db->db, "SELECT 1 FROM errors LIMIT 1", -1, &st,
                               NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            db->errors_empty = 0;
        sqlite3_finalize(st);
    }
    if (db->errors_empty)
        return TD_OK;
    char *key = error_key(path);
    sqlite3_stmt *st = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(db->db, "SELECT 1 FROM errors WHERE file = ?1", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
        found = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    free(key);
    if (!found)
        return TD_OK;
    return error_exec(db, "DELETE FROM errors WHERE file = ?1", path, NULL, NULL, e);
}

int index_errors_list(index_db *db, const char *since, index_error **out, size_t *n,
                      td_err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "SELECT path, reason, at FROM errors "
                                   "WHERE ?1 IS NULL OR at >= ?1 ORDER BY at, path", -1,
                           &st, NULL) != SQLITE_OK)
        return index_db_error(db, e, "cannot list the failures");
    if (since)
        sqlite3_bind_text(st, 1, since, -1, SQLITE_TRANSIENT);
    index_error *v = NULL;
    size_t cap = 0;
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            v = td_xrealloc(v, cap * sizeof *v);
        }
        const char *p = (const char *)sqlite3_column_text(st, 0);
        const char *r = (const char *)sqlite3_column_text(st, 1);
        const char *a = (const char *)sqlite3_column_text(st, 2);
        v[*n].path = td_xstrdup(p ? p : "");
        v[*n].reason = td_xstrdup(r ? r : "");
        v[*n].at = td_xstrdup(a ? a : "");
        (*n)++;
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE) {
        index_errors_free(v, *n);
        *n = 0;
        return index_db_error(db, e, "cannot list the failures");
    }
    *out = v;
    return TD_OK;
}

void index_errors_free(index_error *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].path);
        free(v[i].reason);
        free(v[i].at);
    }
    free(v);
}
