/* store.c - write one document, its facts and their evidence; drop
 * documents with all their rows.
 *
 * Each document goes in its own transaction (or its own savepoint of an
 * ingest's batch, batch.c): a changed file keeps its id
 * and has every old row (FTS included) deleted first; any failure rolls
 * back that document only.  Strings are copied into SQLite (TRANSIENT), so
 * nothing points into the td_doc afterwards.  Schema: see schema.c.  Which
 * row a file stands for is files.c's to say.
 */
#include "index/index_int.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "normalize/normalize.h"

/* A statement run with a sticky result code: once *rc is set, nothing
 * more happens (the FTS5 pRc style). */
typedef struct run {
    index_db *db;
    int rc;             /* SQLITE_OK until something fails */
    const char *what;   /* the step that failed */
} run;

static sqlite3_stmt *prep(run *r, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (r->rc != SQLITE_OK)
        return NULL;
    r->rc = sqlite3_prepare_v2(r->db->db, sql, -1, &st, NULL);
    if (r->rc != SQLITE_OK)
        r->what = sql;
    return st;
}

/* Step st to completion, finalize it; returns the last insert rowid. */
static sqlite3_int64 done(run *r, sqlite3_stmt *st)
{
    if (!st)
        return 0;
    if (r->rc == SQLITE_OK) {
        int s = sqlite3_step(st);
        if (s != SQLITE_DONE && s != SQLITE_ROW) {
            r->rc = s;
            r->what = sqlite3_sql(st);
        }
    }
    sqlite3_finalize(st);
    return sqlite3_last_insert_rowid(r->db->db);
}

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
    if (!st)
        return;
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void bind_strn(sqlite3_stmt *st, int i, const char *s, size_t n)
{
    if (st)
        sqlite3_bind_text(st, i, s, (int)n, SQLITE_TRANSIENT);
}

static void bind_int(sqlite3_stmt *st, int i, long v, int null_if_zero)
{
    if (!st)
        return;
    if (null_if_zero && v == 0)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, v);
}

static void delete_rows(run *r, sqlite3_int64 id)
{
    static const char *const sql[] = {
        "DELETE FROM blocs WHERE doc_id = ?1",
        "DELETE FROM members WHERE doc_id = ?1",
        "DELETE FROM leaders WHERE doc_id = ?1",
        "DELETE FROM goals WHERE doc_id = ?1",
        "DELETE FROM officials WHERE doc_id = ?1",
        "DELETE FROM evidence WHERE doc_id = ?1",
        "DELETE FROM fts WHERE rowid = ?1",
        "DELETE FROM documents WHERE id = ?1",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        sqlite3_stmt *st = prep(r, sql[i]);
        if (st)
            sqlite3_bind_int64(st, 1, id);
        done(r, st);
    }
}

/* The first fact of kind k, or NULL. */
static const td_fact *first_fact(const td_doc *d, td_fact_kind k)
{
    for (size_t i = 0; i < d->nfacts; i++)
        if (d->facts[i].kind == k)
            return &d->facts[i];
    return NULL;
}

static const char *fact_value(const td_doc *d, td_fact_kind k)
{
    const td_fact *f = first_fact(d, k);
    return f ? f->value : NULL;
}

static long fact_num(const td_doc *d, td_fact_kind k)
{
    const td_fact *f = first_fact(d, k);
    return f ? f->num : 0;
}

static sqlite3_int64 store_evidence(run *r, const td_doc *d, sqlite3_int64 id,
                                    const td_fact *f)
{
    sqlite3_stmt *st = prep(r,
        "INSERT INTO evidence(doc_id, fact, value, extra, year, num, rule,"
        " span_start, span_end, sent_start, sent_end, sentence, block)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    size_t tl = d->text_len;
    size_t ss = f->sent_start <= tl ? f->sent_start : tl;
    size_t se = f->sent_end <= tl && f->sent_end >= ss ? f->sent_end : ss;
    if (se == ss && f->end > f->start && f->end <= tl) {
        /* no sentence given: the evidence span stands for it */
        ss = f->start;
        se = f->end;
    }
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        bind_str(st, 2, td_fact_name(f->kind));
        bind_str(st, 3, f->value);
        bind_str(st, 4, f->extra);
        bind_int(st, 5, f->year, 1);
        bind_int(st, 6, f->num, 0);
        bind_str(st, 7, f->rule);
        bind_int(st, 8, (long)f->start, 0);
        bind_int(st, 9, (long)f->end, 0);
        bind_int(st, 10, (long)ss, 0);
        bind_int(st, 11, (long)se, 0);
        if (d->text)
            bind_strn(st, 12, d->text + ss, se - ss);
        bind_int(st, 13, td_doc_block_at(d, f->start), 0);
    }
    return done(r, st);
}

/* One blocs row per distinct (folded) bloc name, or one nameless row when
 * there are document-level facts but no bloc. */
static void store_blocs(run *r, const td_doc *d, sqlite3_int64 id,
                        const sqlite3_int64 *ev)
{
    int any = 0, nblocs = 0;
    for (size_t i = 0; i < d->nfacts; i++) {
        td_fact_kind k = d->facts[i].kind;
        if (k == TD_FACT_PROVINCE || k == TD_FACT_BLOC || k == TD_FACT_EVENT ||
            k == TD_FACT_PLEDGE_YEAR || k == TD_FACT_REVIEWED_YEAR ||
            k == TD_FACT_MEETING_DATE || k == TD_FACT_MEMBER_COUNT)
            any = 1;
    }
    if (!any)
        return;
    char **seen = td_xcalloc(d->nfacts + 1, sizeof *seen);
    for (size_t i = 0; i <= d->nfacts && r->rc == SQLITE_OK; i++) {
        const td_fact *f = i < d->nfacts ? &d->facts[i] : NULL;
        if (f && (f->kind != TD_FACT_BLOC || !f->value))
            continue;
        if (!f && nblocs > 0)
            break;
        if (f) {
            char *key = norm_fold_str(f->value);
            int dup = 0;
            for (int j = 0; j < nblocs; j++)
                dup |= strcmp(seen[j], key) == 0;
            if (dup) {
                free(key);
                continue;
            }
            seen[nblocs++] = key;
        }
        sqlite3_stmt *st = prep(r,
            "INSERT INTO blocs(doc_id, name, level, province, event, pledge_year,"
            " reviewed_year, meeting_date, member_count, evidence_id)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        if (st) {
            sqlite3_bind_int64(st, 1, id);
            bind_str(st, 2, f ? f->value : NULL);
            bind_str(st, 3, f ? f->extra : NULL);
            bind_str(st, 4, fact_value(d, TD_FACT_PROVINCE));
            bind_str(st, 5, fact_value(d, TD_FACT_EVENT));
            bind_int(st, 6, fact_num(d, TD_FACT_PLEDGE_YEAR), 1);
            bind_int(st, 7, fact_num(d, TD_FACT_REVIEWED_YEAR), 1);
            bind_str(st, 8, fact_value(d, TD_FACT_MEETING_DATE));
            bind_int(st, 9, fact_num(d, TD_FACT_MEMBER_COUNT), 1);
            if (f)
                sqlite3_bind_int64(st, 10, ev[f - d->facts]);
        }
        done(r, st);
    }
    for (int j = 0; j < nblocs; j++)
        free(seen[j]);
    free(seen);
}

static void store_fact_rows(run *r, const td_doc *d, sqlite3_int64 id,
                            const sqlite3_int64 *ev)
{
    for (size_t i = 0; i < d->nfacts && r->rc == SQLITE_OK; i++) {
        const td_fact *f = &d->facts[i];
        if (!f->value)
            continue;
        sqlite3_stmt *st = NULL;
        switch (f->kind) {
        case TD_FACT_MEMBER:
            st = prep(r, "INSERT INTO members(doc_id, unit, evidence_id)"
                         " VALUES (?1, ?2, ?3)");
            bind_str(st, 2, f->value);
            bind_int(st, 3, (long)ev[i], 0);
            break;
        case TD_FACT_LEADER:
            st = prep(r, "INSERT INTO leaders(doc_id, unit, role, year, evidence_id)"
                         " VALUES (?1, ?2, ?4, ?5, ?3)");
            bind_str(st, 2, f->value);
            bind_int(st, 3, (long)ev[i], 0);
            bind_str(st, 4, f->extra);
            bind_int(st, 5, f->year, 1);
            break;
        case TD_FACT_GOAL:
            st = prep(r, "INSERT INTO goals(doc_id, text, evidence_id)"
                         " VALUES (?1, ?2, ?3)");
            bind_str(st, 2, f->value);
            bind_int(st, 3, (long)ev[i], 0);
            break;
        case TD_FACT_OFFICIAL:
            st = prep(r, "INSERT INTO officials(doc_id, name, title, evidence_id)"
                         " VALUES (?1, ?2, ?4, ?3)");
            bind_str(st, 2, f->value);
            bind_int(st, 3, (long)ev[i], 0);
            bind_str(st, 4, f->extra);
            break;
        default:
            continue;
        }
        if (st)
            sqlite3_bind_int64(st, 1, id);
        done(r, st);
    }
}

int index_store(index_db *db, const td_doc *d, int *status, td_err *e)
{
    if (status)
        *status = 0;
    if (!d->text)
        return td_err_set(e, TD_EEMPTY, "document has no normalized text");
    run r = {db, SQLITE_OK, NULL};
    if (index_tx_begin(db) != SQLITE_OK)
        return index_db_error(db, e, "cannot start a transaction");

    char *real = realpath(d->path, NULL);
    index_doc_row row;
    r.rc = index_find_row(db, d->path, real, d->hash, d->source_given ? d->source_url : NULL,
                    &row);
    if (r.rc != SQLITE_OK)
        r.what = "find the document";
    sqlite3_int64 old = row.id;
    sqlite3_stmt *st = NULL;
    if (r.rc == SQLITE_OK && old && row.same && !db->force) {
        /* unchanged; a moved file only takes its new path */
        if (row.moved) {
            st = prep(&r, "UPDATE documents SET path = ?1, realpath = ?2 WHERE id = ?3");
            bind_str(st, 1, d->path);
            bind_str(st, 2, real);
            if (st)
                sqlite3_bind_int64(st, 3, old);
            done(&r, st);
        }
        free(real);
        if (r.rc == SQLITE_OK && index_tx_commit(db) == SQLITE_OK) {
            if (status)
                *status = row.moved ? INDEX_MOVED : INDEX_UNCHANGED;
            return TD_OK;
        }
        int rc = index_db_error(db, e, "cannot record the move");
        index_tx_rollback(db);
        return rc;
    }
    if (old)
        delete_rows(&r, old);

    /* the rules' title fact has seen the whole text (a reader may have
     * taken a site name or a menu line); the reader's title is the fallback */
    const char *title = fact_value(d, TD_FACT_TITLE);
    if (!title)
        title = d->title;
    const char *published = d->published ? d->published
                                         : fact_value(d, TD_FACT_PUBLISHED);
    const char *author = d->author ? d->author : fact_value(d, TD_FACT_BYLINE);
    st = prep(&r, "INSERT INTO documents(id, path, hash, format, encoding, title,"
                  " published, author, size, text, extractor, source_url, source_given,"
                  " province_site, realpath, mtime)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                  " ?16)");
    if (st) {
        if (old)
            sqlite3_bind_int64(st, 1, old);
        bind_str(st, 2, d->path);
        bind_str(st, 3, d->hash);
        bind_str(st, 4, td_format_name(d->format));
        bind_str(st, 5, d->encoding);
        bind_str(st, 6, title);
        bind_str(st, 7, published);
        bind_str(st, 8, author);
        bind_int(st, 9, (long)d->size, 0);
        bind_strn(st, 10, d->text, d->text_len);
        bind_str(st, 11, db->extractor);
        bind_str(st, 12, d->source_url);
        bind_str(st, 13, d->source_given ? d->source_url : NULL);
        bind_str(st, 14, d->site_province);
        bind_str(st, 15, real);
        if (d->mtime)
            sqlite3_bind_int64(st, 16, d->mtime);
    }
    free(real);
    sqlite3_int64 id = done(&r, st);

    st = prep(&r, "INSERT INTO fts(rowid, title, body) VALUES (?1, ?2, ?3)");
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        bind_str(st, 2, title ? title : "");
        bind_strn(st, 3, d->text, d->text_len);
    }
    done(&r, st);

    sqlite3_int64 *ev = td_xcalloc(d->nfacts + 1, sizeof *ev);
    for (size_t i = 0; i < d->nfacts && r.rc == SQLITE_OK; i++)
        ev[i] = store_evidence(&r, d, id, &d->facts[i]);
    store_blocs(&r, d, id, ev);
    store_fact_rows(&r, d, id, ev);
    free(ev);

    if (r.rc == SQLITE_OK &&
        index_tx_commit(db) != SQLITE_OK)
        r.rc = SQLITE_ERROR, r.what = "COMMIT";
    if (r.rc != SQLITE_OK) {
        /* read the error before ROLLBACK clears it: a full disk is TD_EFULL */
        int rc = index_db_error(db, e, "cannot store the document");
        index_tx_rollback(db);
        return rc;
    }
    if (status)
        *status = !old ? INDEX_ADDED : row.moved ? INDEX_MOVED : INDEX_REPLACED;
    return TD_OK;
}

void index_set_force(index_db *db, int force)
{
    db->force = force;
}

void index_set_extractor(index_db *db, const char *fp)
{
    free(db->extractor);
    db->extractor = fp ? td_xstrdup(fp) : NULL;
}

/* See index_int.h. */
int index_drop_docs(index_db *db, const sqlite3_int64 *ids, size_t n, const char *what,
                    td_err *e)
{
    if (n == 0)
        return TD_OK;
    run r = {db, SQLITE_OK, NULL};
    if (index_tx_begin(db) != SQLITE_OK)
        return index_db_error(db, e, what);
    for (size_t i = 0; i < n && r.rc == SQLITE_OK; i++)
        delete_rows(&r, ids[i]);
    if (r.rc == SQLITE_OK && index_tx_commit(db) == SQLITE_OK)
        return TD_OK;
    int rc = index_db_error(db, e, what);
    index_tx_rollback(db);
    return rc;
}
