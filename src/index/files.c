/* files.c - documents by the file they stand for: which row a file is,
 * moves, and the rows whose files are gone.
 *
 * A document is its file: rows are keyed by the file's resolved path
 * (realpath), so every path that leads to one file finds one row.  A file
 * whose realpath has no row but whose content (hash) is that of a row whose
 * file is gone was moved: the row takes the new path and keeps its id.
 * This is the one place of the index that looks at the file system (it
 * resolves paths and asks whether files still exist; it never reads them).
 */
#include "index/index_int.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "normalize/normalize.h"

/* Same address given by the caller (NULL = none)? */
static int same_given(const unsigned char *stored, const char *given)
{
    const char *a = stored ? (const char *)stored : "", *b = given ? given : "";
    return strcmp(a, b) == 0;
}

/* 1 when the file a row stands for is gone: its realpath (for a row stored
 * before realpaths, its path) names nothing.  A file that cannot be looked
 * at (a directory without permission) is not gone. */
static int file_gone(const char *real, const char *path)
{
    struct stat st;
    const char *p = real ? real : path;
    if (!p || lstat(p, &st) == 0)
        return 0;
    return errno == ENOENT || errno == ENOTDIR;
}

/* See index_int.h. */
int index_find_row(index_db *db, const char *path, const char *real, const char *hash,
                   const char *given, index_doc_row *r)
{
    static const char *const sql[] = {
        "SELECT id, hash, extractor, source_given, path, realpath FROM documents "
        "WHERE realpath = ?1",
        "SELECT id, hash, extractor, source_given, path, realpath FROM documents "
        "WHERE realpath IS NULL AND path = ?2",
        "SELECT id, hash, extractor, source_given, path, realpath FROM documents "
        "WHERE hash = ?3 ORDER BY id",
    };
    memset(r, 0, sizeof *r);
    int rc = SQLITE_OK;
    for (int k = 0; k < 3 && !r->id && rc == SQLITE_OK; k++) {
        if ((k == 0 || k == 2) && !real)
            continue;
        sqlite3_stmt *st = NULL;
        rc = sqlite3_prepare_v2(db->db, sql[k], -1, &st, NULL);
        if (rc != SQLITE_OK)
            break;
        if (real)
            sqlite3_bind_text(st, 1, real, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, path, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, hash, -1, SQLITE_TRANSIENT);
        int s;
        while ((s = sqlite3_step(st)) == SQLITE_ROW) {
            const char *p = (const char *)sqlite3_column_text(st, 4);
            const char *rp = (const char *)sqlite3_column_text(st, 5);
            if (k == 2 && !file_gone(rp, p))
                continue;
            const char *h = (const char *)sqlite3_column_text(st, 1);
            const char *x = (const char *)sqlite3_column_text(st, 2);
            r->id = sqlite3_column_int64(st, 0);
            r->moved = k == 2;
            r->same = h && strcmp(h, hash) == 0 &&
                      same_given(sqlite3_column_text(st, 3), given);
            /* facts from another extractor (rules or program) are stale */
            if (db->extractor && (!x || strcmp(x, db->extractor) != 0))
                r->same = 0;
            break;
        }
        if (s != SQLITE_ROW && s != SQLITE_DONE)
            rc = s;
        sqlite3_finalize(st);
    }
    return rc;
}

int index_is_current(index_db *db, const char *path, const char *hash,
                     const char *source_given)
{
    if (db->force)
        return 0;
    char *real = realpath(path, NULL);
    index_doc_row r;
    int rc = index_find_row(db, path, real, hash, source_given, &r);
    free(real);
    return rc == SQLITE_OK && r.id && !r.moved && r.same;
}

int index_move(index_db *db, const char *path, const char *hash,
               const char *source_given, int *moved, td_err *e)
{
    *moved = 0;
    if (db->force)
        return TD_OK;
    char *real = realpath(path, NULL);
    if (!real)
        return TD_OK;
    if (index_tx_begin(db) != SQLITE_OK) {
        free(real);
        return index_db_error(db, e, "cannot start a transaction");
    }
    index_doc_row r;
    int rc = index_find_row(db, path, real, hash, source_given, &r);
    if (rc == SQLITE_OK && r.id && r.moved && r.same) {
        sqlite3_stmt *st = NULL;
        rc = sqlite3_prepare_v2(db->db, "UPDATE documents SET path = ?1, realpath = ?2 "
                                        "WHERE id = ?3", -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 2, real, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(st, 3, r.id);
            rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        }
        sqlite3_finalize(st);
        *moved = rc == SQLITE_OK;
    }
    free(real);
    if (rc == SQLITE_OK && index_tx_commit(db) == SQLITE_OK)
        return TD_OK;
    *moved = 0;
    rc = index_db_error(db, e, "cannot record the move");
    index_tx_rollback(db);
    return rc;
}

/* ---- documents whose files moved or are gone --------------------------- */

/* Append id to a growing array. */
static void push_id(sqlite3_int64 **v, size_t *n, sqlite3_int64 id)
{
    *v = td_xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = id;
}

int index_resolve_paths(index_db *db, size_t *merged, td_err *e)
{
    *merged = 0;
    sqlite3_stmt *st = NULL, *find = NULL, *set = NULL;
    sqlite3_int64 *dup = NULL;
    size_t ndup = 0;
    int rc = TD_OK;
    if (index_tx_begin(db) != SQLITE_OK)
        return index_db_error(db, e, "cannot resolve the stored paths");
    if (sqlite3_prepare_v2(db->db, "SELECT id, path FROM documents WHERE realpath IS NULL "
                                   "ORDER BY id", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db->db, "SELECT id FROM documents WHERE realpath = ?1", -1,
                           &find, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db->db, "UPDATE documents SET realpath = ?1 WHERE id = ?2", -1,
                           &set, NULL) != SQLITE_OK)
        rc = index_db_error(db, e, "cannot resolve the stored paths");
    /* the oldest row of a file keeps it; the others were the same file
     * stored again under another path */
    int s = SQLITE_DONE;
    while (rc == TD_OK && (s = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        char *real = realpath((const char *)sqlite3_column_text(st, 1), NULL);
        if (!real)
            continue;     /* gone, or stored from another directory */
        sqlite3_bind_text(find, 1, real, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(find) == SQLITE_ROW) {
            push_id(&dup, &ndup, id);
        } else {
            sqlite3_bind_text(set, 1, real, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(set, 2, id);
            if (sqlite3_step(set) != SQLITE_DONE)
                rc = index_db_error(db, e, "cannot resolve the stored paths");
            sqlite3_reset(set);
        }
        sqlite3_reset(find);
        free(real);
    }
    if (rc == TD_OK && s != SQLITE_DONE)
        rc = index_db_error(db, e, "cannot resolve the stored paths");
    sqlite3_finalize(st);
    sqlite3_finalize(find);
    sqlite3_finalize(set);
    if (rc == TD_OK && index_tx_commit(db) != SQLITE_OK)
        rc = index_db_error(db, e, "cannot resolve the stored paths");
    if (rc != TD_OK)
        index_tx_rollback(db);
    if (rc == TD_OK && (rc = index_drop_docs(db, dup, ndup, "cannot drop a duplicate", e)) == TD_OK)
        *merged = ndup;
    free(dup);
    return rc;
}

/* path made absolute (from the working directory) and without "." and ".."
 * components, lexically: for a path that names nothing any more.  Malloc'd. */
static char *abs_lexical(const char *path)
{
    td_buf in = TD_BUF_INIT, out = TD_BUF_INIT;
    if (path[0] != '/') {
        char cwd[PATH_MAX];
        if (getcwd(cwd, sizeof cwd))
            td_buf_puts(&in, cwd);
        td_buf_putc(&in, '/');
    }
    td_buf_puts(&in, path);
    td_buf_putc(&in, '\0');
    char *save = NULL;
    for (char *c = strtok_r(in.ptr, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
        if (strcmp(c, ".") == 0)
            continue;
        if (strcmp(c, "..") == 0) {
            while (out.len && out.ptr[out.len - 1] != '/')
                out.len--;
            if (out.len)
                out.len--;
            continue;
        }
        td_buf_putc(&out, '/');
        td_buf_puts(&out, c);
    }
    if (!out.len)
        td_buf_putc(&out, '/');
    td_buf_free(&in);
    return td_buf_detach(&out);
}

/* 1 when loc is root or lies below it. */
static int under(const char *loc, const char *root)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return loc[0] == '/';
    return strncmp(loc, root, n) == 0 && (loc[n] == '\0' || loc[n] == '/');
}

int index_prune(index_db *db, char *const *roots, size_t nroots, size_t *dropped,
                td_err *e)
{
    *dropped = 0;
    char **rr = td_xcalloc(nroots ? nroots : 1, sizeof *rr);
    for (size_t i = 0; i < nroots; i++) {
        rr[i] = realpath(roots[i], NULL);
        if (!rr[i])     /* a tree that is gone altogether */
            rr[i] = abs_lexical(roots[i]);
    }
    sqlite3_stmt *st = NULL;
    sqlite3_int64 *gone = NULL;
    size_t ngone = 0;
    int rc = TD_OK;
    if (sqlite3_prepare_v2(db->db, "SELECT id, path, realpath FROM documents ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        rc = index_db_error(db, e, "cannot prune");
    int s = SQLITE_DONE;
    while (rc == TD_OK && (s = sqlite3_step(st)) == SQLITE_ROW) {
        const char *path = (const char *)sqlite3_column_text(st, 1);
        const char *real = (const char *)sqlite3_column_text(st, 2);
        char *loc = real ? td_xstrdup(real) : abs_lexical(path ? path : "");
        int in = 0;
        for (size_t i = 0; i < nroots && !in; i++)
            in = under(loc, rr[i]);
        if (in && file_gone(real, path))
            push_id(&gone, &ngone, sqlite3_column_int64(st, 0));
        free(loc);
    }
    if (rc == TD_OK && s != SQLITE_DONE)
        rc = index_db_error(db, e, "cannot prune");
    sqlite3_finalize(st);
    if (rc == TD_OK && (rc = index_drop_docs(db, gone, ngone, "cannot prune", e)) == TD_OK)
        *dropped = ngone;
    free(gone);
    for (size_t i = 0; i < nroots; i++)
        free(rr[i]);
    free(rr);
    return rc;
}

int index_remove(index_db *db, const long *ids, size_t n, td_err *e)
{
    int rc = index_allow_writes(db, e);
    if (rc != TD_OK)
        return rc;
    sqlite3_int64 *v = td_xcalloc(n ? n : 1, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = ids[i];
    rc = index_drop_docs(db, v, n, "cannot remove the documents", e);
    free(v);
    return rc;
}
