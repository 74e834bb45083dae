/* info.c - read back one document with its facts (show) and count what
 * the database holds (stats).  Plain queries over the tables of schema.c;
 * printing is left to the subcommands.
 */
#include "index/index_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? td_xstrdup((const char *)s) : NULL;
}

void index_docinfo_free(index_docinfo *di)
{
    if (!di)
        return;
    free(di->path);
    free(di->hash);
    free(di->format);
    free(di->encoding);
    free(di->title);
    free(di->published);
    free(di->author);
    free(di->ingested_at);
    for (size_t i = 0; i < di->nfacts; i++) {
        index_fact_row *f = &di->facts[i];
        free(f->fact);
        free(f->value);
        free(f->extra);
        free(f->rule);
        free(f->sentence);
    }
    free(di->facts);
    free(di);
}

/* The id of the one document the query finds for arg, 0 when none;
 * TD_EUSAGE when several, TD_EDB on failure. */
static int one_doc(index_db *db, const char *sql, const char *arg, const char *doc,
                   long *id, td_err *e)
{
    sqlite3_stmt *st = NULL;
    *id = 0;
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
        return index_db_error(db, e, "cannot read the document");
    sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    int n = 0, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW && n < 2) {
        *id = (long)sqlite3_column_int64(st, 0);
        n++;
    }
    sqlite3_finalize(st);
    if (s != SQLITE_ROW && s != SQLITE_DONE)
        return index_db_error(db, e, "cannot read the document");
    if (n > 1) {
        *id = 0;
        return td_err_set(e, TD_EUSAGE, "'%s' names several documents; give "
                          "the full path or the id", doc);
    }
    return TD_OK;
}

int index_find_doc(index_db *db, const char *doc, long *id, td_err *e)
{
    *id = 0;
    char *end = NULL;
    long n = strtol(doc, &end, 10);
    int rc;
    if (*doc && end && *end == '\0') {
        char num[32];
        snprintf(num, sizeof num, "%ld", n);
        rc = one_doc(db, "SELECT id FROM documents WHERE id = CAST(?1 AS INTEGER)", num, doc,
                     id, e);
        if (rc != TD_OK || *id)
            return rc;
        return td_err_set(e, TD_EUSAGE, "no document '%s' in the database", doc);
    }
    /* the path it was stored under, with or without a leading "./" */
    rc = one_doc(db, "SELECT id FROM documents WHERE path = ?1", doc, doc, id, e);
    if (rc != TD_OK || *id)
        return rc;
    const char *rel = doc;
    while (rel[0] == '.' && rel[1] == '/')
        for (rel += 2; *rel == '/'; rel++)
            ;
    if (rel != doc && *rel) {
        rc = one_doc(db, "SELECT id FROM documents WHERE path = ?1", rel, doc, id, e);
        if (rc != TD_OK || *id)
            return rc;
    }
    /* any other path to its file: ./corpus/x, /abs/corpus/x, a link */
    char *real = realpath(doc, NULL);
    if (real) {
        rc = one_doc(db, "SELECT id FROM documents WHERE realpath = ?1", real, doc, id, e);
        free(real);
        if (rc != TD_OK || *id)
            return rc;
    }
    /* a unique path ending in it ("x.txt" for "corpus/x.txt") */
    rc = one_doc(db, "SELECT id FROM documents WHERE substr(path, -length(?1) - 1) = '/' || ?1",
                 rel, doc, id, e);
    if (rc != TD_OK || *id)
        return rc;
    return td_err_set(e, TD_EUSAGE, "no document '%s' in the database", doc);
}

int index_show(index_db *db, const char *doc, index_docinfo **out, td_err *e)
{
    *out = NULL;
    long id;
    int rc = index_find_doc(db, doc, &id, e);
    if (rc != TD_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT id, path, hash, format, encoding, title, published, author,"
                           " ingested_at, size, length(CAST(text AS BLOB)) FROM documents"
                           " WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
        return index_db_error(db, e, "cannot read the document");
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st);
    if (s != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (s != SQLITE_DONE)
            return index_db_error(db, e, "cannot read the document");
        return td_err_set(e, TD_EUSAGE, "no document '%s' in the database", doc);
    }
    index_docinfo *di = td_xcalloc(1, sizeof *di);
    di->id = (long)sqlite3_column_int64(st, 0);
    di->path = col_dup(st, 1);
    di->hash = col_dup(st, 2);
    di->format = col_dup(st, 3);
    di->encoding = col_dup(st, 4);
    di->title = col_dup(st, 5);
    di->published = col_dup(st, 6);
    di->author = col_dup(st, 7);
    di->ingested_at = col_dup(st, 8);
    di->size = (long)sqlite3_column_int64(st, 9);
    di->text_len = (long)sqlite3_column_int64(st, 10);
    sqlite3_finalize(st);

    if (sqlite3_prepare_v2(db->db,
                           "SELECT fact, value, extra, year, num, rule, span_start,"
                           " span_end, sent_start, sentence, block FROM evidence"
                           " WHERE doc_id = ?1 ORDER BY span_start, id",
                           -1, &st, NULL) != SQLITE_OK) {
        index_docinfo_free(di);
        return index_db_error(db, e, "cannot read the facts");
    }
    sqlite3_bind_int64(st, 1, di->id);
    size_t cap = 0;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (di->nfacts == cap) {
            cap = cap ? cap * 2 : 16;
            di->facts = td_xrealloc(di->facts, cap * sizeof *di->facts);
        }
        index_fact_row *f = &di->facts[di->nfacts++];
        f->fact = col_dup(st, 0);
        f->value = col_dup(st, 1);
        f->extra = col_dup(st, 2);
        f->year = sqlite3_column_int(st, 3);
        f->num = (long)sqlite3_column_int64(st, 4);
        f->rule = col_dup(st, 5);
        f->start = (long)sqlite3_column_int64(st, 6);
        f->end = (long)sqlite3_column_int64(st, 7);
        f->sent_start = (long)sqlite3_column_int64(st, 8);
        f->sentence = col_dup(st, 9);
        f->block = (long)sqlite3_column_int64(st, 10);
    }
    sqlite3_finalize(st);
    if (s != SQLITE_DONE) {
        index_docinfo_free(di);
        return index_db_error(db, e, "cannot read the facts");
    }
    *out = di;
    return TD_OK;
}

/* Run a two-column (key, count) query into *v. */
static int counts(index_db *db, const char *sql, index_count **v, size_t *n)
{
    sqlite3_stmt *st = NULL;
    *v = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
        return SQLITE_ERROR;
    size_t cap = 0;
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *v = td_xrealloc(*v, cap * sizeof **v);
        }
        (*v)[*n].key = col_dup(st, 0);
        (*v)[*n].n = (long)sqlite3_column_int64(st, 1);
        (*n)++;
    }
    sqlite3_finalize(st);
    return s == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
}

static long count1(index_db *db, const char *sql, int *rc)
{
    sqlite3_stmt *st = NULL;
    long v = 0;
    if (*rc != SQLITE_OK)
        return 0;
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK) {
        *rc = SQLITE_ERROR;
        return 0;
    }
    if (sqlite3_step(st) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(st, 0);
    else
        *rc = SQLITE_ERROR;
    sqlite3_finalize(st);
    return v;
}

static void free_counts(index_count *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].key);
    free(v);
}

void index_stats_free(index_stats *st)
{
    free_counts(st->formats, st->nformats);
    free_counts(st->provinces, st->nprovinces);
    free_counts(st->years, st->nyears);
    free_counts(st->kinds, st->nkinds);
    memset(st, 0, sizeof *st);
}

int index_stats_get(index_db *db, index_stats *st, td_err *e)
{
    memset(st, 0, sizeof *st);
    int rc = SQLITE_OK;
    st->documents = count1(db, "SELECT count(*) FROM documents", &rc);
    st->bloc_docs = count1(db, "SELECT count(DISTINCT doc_id) FROM blocs"
                               " WHERE name IS NOT NULL", &rc);
    st->facts = count1(db, "SELECT count(*) FROM evidence", &rc);
    if (rc == SQLITE_OK)
        rc = counts(db, "SELECT format, count(*) FROM documents GROUP BY format"
                        " ORDER BY 2 DESC, 1", &st->formats, &st->nformats);
    /* provinces and years count documents; a province is spelled as most
     * often written, mixed case before capitals (p DESC: 'g' > 'G') */
    if (rc == SQLITE_OK)
        rc = counts(db, "WITH s AS (SELECT td_fold(province) AS k, province AS p,"
                        " count(DISTINCT doc_id) AS n FROM blocs"
                        " WHERE province IS NOT NULL GROUP BY 1, 2)"
                        " SELECT (SELECT p FROM s AS s2 WHERE s2.k = s.k"
                        " ORDER BY n DESC, p DESC LIMIT 1),"
                        " (SELECT count(DISTINCT doc_id) FROM blocs"
                        " WHERE td_fold(province) = s.k)"
                        " FROM s GROUP BY k ORDER BY 2 DESC, 1",
                    &st->provinces, &st->nprovinces);
    if (rc == SQLITE_OK)
        rc = counts(db, "SELECT y, count(DISTINCT doc_id) FROM (SELECT doc_id,"
                        " coalesce(pledge_year, reviewed_year,"
                        " CAST(substr(meeting_date, 1, 4) AS INTEGER)) AS y FROM blocs)"
                        " WHERE y IS NOT NULL GROUP BY y ORDER BY y",
                    &st->years, &st->nyears);
    if (rc == SQLITE_OK)
        rc = counts(db, "SELECT fact, count(*) FROM evidence GROUP BY fact"
                        " ORDER BY 1", &st->kinds, &st->nkinds);
    if (rc != SQLITE_OK) {
        index_stats_free(st);
        return index_db_error(db, e, "cannot count");
    }
    return TD_OK;
}

int index_doc_text(index_db *db, long id, char **text, size_t *len, td_err *e)
{
    *text = NULL;
    *len = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db, "SELECT text FROM documents WHERE id = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        return index_db_error(db, e, "cannot read the document text");
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st);
    if (s != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (s != SQLITE_DONE)
            return index_db_error(db, e, "cannot read the document text");
        return td_err_set(e, TD_EUSAGE, "no document %ld in the database", id);
    }
    size_t n = (size_t)sqlite3_column_bytes(st, 0);
    const char *p = (const char *)sqlite3_column_blob(st, 0);
    *text = td_xstrndup(p ? p : "", n);
    *len = n;
    sqlite3_finalize(st);
    return TD_OK;
}

void index_recent_free(index_recent_doc *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].path);
        free(v[i].title);
        free(v[i].ingested_at);
    }
    free(v);
}

int index_recent(index_db *db, size_t limit, index_recent_doc **out, size_t *n, td_err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT id, path, title, ingested_at FROM documents"
                           " ORDER BY ingested_at DESC, id DESC LIMIT ?1", -1, &st,
                           NULL) != SQLITE_OK)
        return index_db_error(db, e, "cannot list the documents");
    sqlite3_bind_int64(st, 1, (sqlite3_int64)limit);
    index_recent_doc *v = td_xcalloc(limit ? limit : 1, sizeof *v);
    size_t k = 0;
    int s;
    while (k < limit && (s = sqlite3_step(st)) == SQLITE_ROW) {
        v[k].id = (long)sqlite3_column_int64(st, 0);
        v[k].path = col_dup(st, 1);
        v[k].title = col_dup(st, 2);
        v[k].ingested_at = col_dup(st, 3);
        k++;
    }
    sqlite3_finalize(st);
    *out = v;
    *n = k;
    return TD_OK;
}
