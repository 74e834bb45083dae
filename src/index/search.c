/* search.c - run a compiled query against the FTS index, with filters.
 *
 * Recall comes from the folded expression (for a long plain query, most
 * of its words: those holding more rank first); order from the pairs of
 * unquoted words found side by side with the diacritics typed (when the
 * query has diacritics), then the number of positive terms typed with diacritics
 * that also match in that exact form, then the unquoted word runs found
 * side by side, then bm25 with the title weighted 10 to 1.
 * Filters look at the per-document fact tables (folded substring match).
 */
#include "index/index_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize/names.h"

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? td_xstrdup((const char *)s) : NULL;
}

static void hit_clear(index_hit *h)
{
    free(h->path);
    free(h->title);
    free(h->format);
    free(h->snippet);
    free(h->province);
    free(h->bloc);
}

void index_hits_free(index_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++)
        hit_clear(&hits[i]);
    free(hits);
}

/* The facts shown with each hit, from the document's first bloc row. */
static const char facts_sql[] =
    "(SELECT province FROM blocs WHERE doc_id = d.id AND province IS NOT NULL"
    " ORDER BY id LIMIT 1),"
    " (SELECT name FROM blocs WHERE doc_id = d.id AND name IS NOT NULL"
    " ORDER BY id LIMIT 1),"
    " (SELECT coalesce(pledge_year, reviewed_year,"
    " CAST(substr(meeting_date, 1, 4) AS INTEGER)) FROM blocs WHERE doc_id = d.id"
    " ORDER BY id LIMIT 1)";

/* td_in_province(p, want): 1 when the province p (as written) is the
 * province want names or, when want is a province of the 2025 set, one of
 * the former provinces merged into it (Bình Định for Gia Lai). */
static void sql_in_province(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    index_db *db = sqlite3_user_data(ctx);
    const char *p = (const char *)sqlite3_value_text(argv[0]);
    const char *want = (const char *)sqlite3_value_text(argv[1]);
    int r = 0;
    if (p && want && db->names) {
        const char *cp = names_province(db->names, p, NULL);
        const char *cw = names_province(db->names, want, NULL);
        r = cp && cw && (strcmp(cp, cw) == 0 || names_province_is_part(db->names, cw, cp));
    }
    sqlite3_result_int(ctx, r);
}

/* Load the province table (once) and register td_in_province. */
static int province_setup(index_db *db, td_err *e)
{
    if (db->names_tried)
        return TD_OK;
    db->names_tried = 1;
    if (db->rules_dir) {
        int rc = names_load(db->rules_dir, &db->names, e);
        if (rc != TD_OK)
            return rc;
    }
    if (sqlite3_create_function(db->db, "td_in_province", 2,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC, db,
                                sql_in_province, NULL, NULL) != SQLITE_OK)
        return index_db_error(db, e, "cannot register td_in_province");
    return TD_OK;
}

/* Parameters: ?101 province, ?102 bloc, ?103 format, ?104 year. */
static void add_filters(td_buf *sql, const index_search_opts *o)
{
    if (o->province && *o->province)
        td_buf_puts(sql, " AND EXISTS (SELECT 1 FROM blocs b WHERE b.doc_id = d.id"
                         " AND (instr(td_fold(b.province), td_fold(?101)) > 0"
                         " OR td_in_province(b.province, ?101)))");
    if (o->bloc && *o->bloc)
        td_buf_puts(sql, " AND EXISTS (SELECT 1 FROM blocs b WHERE b.doc_id = d.id"
                         " AND instr(td_fold(b.name), td_fold(?102)) > 0)");
    if (o->format && *o->format)
        td_buf_puts(sql, " AND d.format = ?103");
    if (o->year)
        td_buf_puts(sql, " AND (EXISTS (SELECT 1 FROM blocs b WHERE b.doc_id = d.id"
                         " AND (b.pledge_year = ?104 OR b.reviewed_year = ?104"
                         " OR CAST(substr(b.meeting_date, 1, 4) AS INTEGER) = ?104))"
                         " OR EXISTS (SELECT 1 FROM leaders l WHERE l.doc_id = d.id"
                         " AND l.year = ?104)"
                         " OR (NOT EXISTS (SELECT 1 FROM blocs b WHERE b.doc_id = d.id)"
                         " AND CAST(substr(d.published, 1, 4) AS INTEGER) = ?104))");
}

static void bind_filters(sqlite3_stmt *st, const index_search_opts *o)
{
    if (o->province && *o->province)
        sqlite3_bind_text(st, 101, o->province, -1, SQLITE_TRANSIENT);
    if (o->bloc && *o->bloc)
        sqlite3_bind_text(st, 102, o->bloc, -1, SQLITE_TRANSIENT);
    if (o->format && *o->format)
        sqlite3_bind_text(st, 103, o->format, -1, SQLITE_TRANSIENT);
    if (o->year)
        sqlite3_bind_int(st, 104, o->year);
}

/* Step st (bound) and append its rows to *hits, at most max of them.
 * Returns TD_OK or a database error. */
static int collect(index_db *db, sqlite3_stmt *st, size_t max, index_hit **hits,
                   size_t *nhits, td_err *e)
{
    size_t cap = 0;
    int s = SQLITE_DONE;
    while (*nhits < max && (s = sqlite3_step(st)) == SQLITE_ROW) {
        if (*nhits == cap) {
            cap = cap ? cap * 2 : 16;
            *hits = td_xrealloc(*hits, cap * sizeof **hits);
        }
        index_hit *h = &(*hits)[(*nhits)++];
        h->id = (long)sqlite3_column_int64(st, 0);
        h->path = col_dup(st, 1);
        h->title = col_dup(st, 2);
        h->format = col_dup(st, 3);
        h->score = sqlite3_column_double(st, 4);
        h->snippet = col_dup(st, 5);
        h->exact = sqlite3_column_int(st, 6);
        h->province = col_dup(st, 7);
        h->bloc = col_dup(st, 8);
        h->year = sqlite3_column_int(st, 9);
    }
    if (*nhits < max && s != SQLITE_DONE) {
        int rc = index_db_error(db, e, "search failed");
        index_hits_free(*hits, *nhits);
        *hits = NULL;
        *nhits = 0;
        return rc;
    }
    return TD_OK;
}

/* The snippets of the hits, one look-up each: ranking needs none, and a
 * snippet costs a pass over its document's tokens, so they are made for
 * the rows shown only (on a query that matches thousands of documents,
 * making them for every row was most of the time).  strict: the reading
 * the hits came from. */
static int add_snippets(index_db *db, const index_query *q, int strict, const char *mo,
                        const char *mc, index_hit *hits, size_t n, td_err *e)
{
    if (!n)
        return TD_OK;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->db,
                           "SELECT coalesce(td_snippet(fts, 1, ?2, ?3, '…', 24),"
                           " snippet(fts, 1, ?2, ?3, '…', 24))"
                           " FROM fts WHERE fts MATCH ?1 AND rowid = ?4",
                           -1, &st, NULL) != SQLITE_OK)
        return index_db_error(db, e, "search failed");
    sqlite3_bind_text(st, 1, strict ? q->strict : q->match, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, mo, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, mc, -1, SQLITE_TRANSIENT);
    int rc = TD_OK;
    for (size_t i = 0; i < n && rc == TD_OK; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 4, hits[i].id);
        int s = sqlite3_step(st);
        if (s == SQLITE_ROW) {
            free(hits[i].snippet);
            hits[i].snippet = col_dup(st, 0);
        } else if (s != SQLITE_DONE) {
            rc = index_db_error(db, e, "search failed");
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Bind the expressions of one reading of q (strict or folded) to st. */
static void bind_reading(sqlite3_stmt *st, const index_query *q, int strict)
{
    sqlite3_bind_text(st, 1, strict ? q->strict : q->match, -1, SQLITE_TRANSIENT);
    for (size_t i = 0; i < q->ncover; i++)
        sqlite3_bind_text(st, (int)(i + 200), strict ? q->scover[i] : q->cover[i], -1,
                          SQLITE_TRANSIENT);
}

int index_search(index_db *db, const index_search_opts *o, index_hit **hits,
                 size_t *nhits, index_reading *reading, size_t *nstrict, td_err *e)
{
    *hits = NULL;
    *nhits = 0;
    if (reading)
        *reading = INDEX_FOLDED;
    if (nstrict)
        *nstrict = 0;
    index_query q;
    memset(&q, 0, sizeof q);
    int has_query = o->query && o->query[strspn(o->query, " \t\r\n")];
    if (o->province && *o->province) {
        int rc = province_setup(db, e);
        if (rc != TD_OK)
            return rc;
    }
    if (has_query) {
        int rc = index_query_compile(o->query, db->abbrev, &q, e);
        if (rc != TD_OK)
            return rc;
    }
    /* the strict reading first, when the query has words typed with
     * diacritics; the folded one when it finds fewer than a handful */
    int strict = has_query && q.strict && !o->fold;
    size_t limit = o->limit > 0 ? (size_t)o->limit : 10;
    size_t want = strict && limit < INDEX_FALLBACK_MIN ? INDEX_FALLBACK_MIN : limit;
    const char *mo = o->mark_open ? o->mark_open : "[";
    const char *mc = o->mark_close ? o->mark_close : "]";
    td_buf sql = TD_BUF_INIT;
    if (has_query) {
        /* ?1 match, ?2 open mark, ?3 close mark, ?4 limit, ?5.. exact */
        td_buf_puts(&sql, "SELECT d.id, d.path, d.title, d.format,"
                          " bm25(fts, 10.0, 1.0), NULL, ");
        if (q.nexact == 0)
            td_buf_puts(&sql, "0");
        for (size_t i = 0; i < q.nexact; i++)
            td_buf_printf(&sql, "%s(fts.rowid IN (SELECT rowid FROM fts"
                                " WHERE fts MATCH ?%zu))", i ? " + " : "", i + 5);
        td_buf_printf(&sql, ", %s, ", facts_sql);
        if (q.nboost == 0)
            td_buf_puts(&sql, "0");
        for (size_t i = 0; i < q.nboost; i++)
            td_buf_printf(&sql, "%s(fts.rowid IN (SELECT rowid FROM fts"
                                " WHERE fts MATCH ?%zu))", i ? " + " : "", i + 5 + q.nexact);
        td_buf_puts(&sql, ", ");
        size_t xb = 5 + q.nexact + q.nboost;
        if (q.nxboost == 0)
            td_buf_puts(&sql, "0");
        for (size_t i = 0; i < q.nxboost; i++)
            td_buf_printf(&sql, "%s(fts.rowid IN (SELECT rowid FROM fts"
                                " WHERE fts MATCH ?%zu))", i ? " + " : "", i + xb);
        /* ?200.. the cover expressions of a long plain query */
        td_buf cover = TD_BUF_INIT;
        td_buf_puts(&cover, "0");
        for (size_t i = 0; i < q.ncover; i++)
            td_buf_printf(&cover, " + (fts.rowid IN (SELECT rowid FROM fts"
                                  " WHERE fts MATCH ?%zu))", i + 200);
        td_buf_printf(&sql, ", %s FROM fts JOIN documents d ON d.id = fts.rowid"
                            " WHERE fts MATCH ?1", cover.ptr);
        if (q.ncover)
            td_buf_printf(&sql, " AND %s >= %zu", cover.ptr, q.need);
        td_buf_free(&cover);
        add_filters(&sql, o);
        td_buf_puts(&sql, " ORDER BY 13 DESC, 12 DESC, 7 DESC, 11 DESC, 5 ASC, d.id"
                          " LIMIT ?4");
    } else {
        td_buf_printf(&sql, "SELECT d.id, d.path, d.title, d.format, 0,"
                            " substr(d.text, 1, 160) || CASE WHEN length(d.text) > 160"
                            " THEN '…' ELSE '' END, 0, %s FROM documents d"
                            " WHERE 1", facts_sql);
        add_filters(&sql, o);
        td_buf_puts(&sql, " ORDER BY d.id LIMIT ?4");
    }
    sqlite3_stmt *st = NULL;
    int rc = TD_OK;
    if (sqlite3_prepare_v2(db->db, sql.ptr, -1, &st, NULL) != SQLITE_OK) {
        rc = index_db_error(db, e, "search failed");
        goto out;
    }
    if (has_query) {
        bind_reading(st, &q, strict);
        sqlite3_bind_text(st, 2, mo, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, mc, -1, SQLITE_TRANSIENT);
        for (size_t i = 0; i < q.nexact; i++)
            sqlite3_bind_text(st, (int)i + 5, q.exact[i], -1, SQLITE_TRANSIENT);
        for (size_t i = 0; i < q.nboost; i++)
            sqlite3_bind_text(st, (int)(i + 5 + q.nexact), q.boost[i], -1,
                              SQLITE_TRANSIENT);
        for (size_t i = 0; i < q.nxboost; i++)
            sqlite3_bind_text(st, (int)(i + 5 + q.nexact + q.nboost), q.xboost[i], -1,
                              SQLITE_TRANSIENT);
    }
    sqlite3_bind_int64(st, 4, (sqlite3_int64)want);
    bind_filters(st, o);
    rc = collect(db, st, want, hits, nhits, e);
    int fell_back = 0;
    if (rc == TD_OK && strict) {
        if (reading)
            *reading = INDEX_STRICT;
        if (nstrict)
            *nstrict = *nhits;
        if (*nhits < INDEX_FALLBACK_MIN) {
            /* fewer than a handful: the folded reading, when it finds more */
            index_hit *fh = NULL;
            size_t nf = 0;
            sqlite3_reset(st);
            bind_reading(st, &q, 0);
            rc = collect(db, st, want, &fh, &nf, e);
            if (rc == TD_OK && nf > *nhits) {
                index_hits_free(*hits, *nhits);
                *hits = fh;
                *nhits = nf;
                fell_back = 1;
                if (reading)
                    *reading = INDEX_FALLBACK;
            } else {
                index_hits_free(fh, nf);
            }
        }
    }
    if (rc == TD_OK && *nhits > limit) {
        /* the rows beyond the limit only counted for the fallback */
        while (*nhits > limit)
            hit_clear(&(*hits)[--*nhits]);
    }
    if (rc == TD_OK && has_query)
        rc = add_snippets(db, &q, strict && !fell_back, mo, mc, *hits, *nhits, e);
    if (rc != TD_OK) {
        index_hits_free(*hits, *nhits);
        *hits = NULL;
        *nhits = 0;
    }
out:
    sqlite3_finalize(st);
    td_buf_free(&sql);
    index_query_free(&q);
    return rc;
}

int index_explain(index_db *db, const char *query, int fold, td_buf *out, td_err *e)
{
    index_query q;
    int rc = index_query_compile(query, db ? db->abbrev : NULL, &q, e);
    if (rc != TD_OK)
        return rc;
    /* the strict reading runs first, the folded one when it finds fewer
     * than a handful */
    int strict = q.strict && !fold;
    td_buf_printf(out, "match: %s\n", strict ? q.strict : q.match);
    if (strict)
        td_buf_printf(out, "fallback (fewer than %d documents): %s\n", INDEX_FALLBACK_MIN,
                      q.match);
    if (q.ncover)
        td_buf_printf(out, "at least %zu of the %zu terms\n", q.need, q.ncover);
    for (size_t i = 0; i < q.nexact; i++)
        td_buf_printf(out, "exact: %s\n", q.exact[i]);
    for (size_t i = 0; i < q.nxboost; i++)
        td_buf_printf(out, "exact adjacent: %s\n", q.xboost[i]);
    for (size_t i = 0; i < q.nboost; i++)
        td_buf_printf(out, "adjacent: %s\n", q.boost[i]);
    index_query_free(&q);
    return TD_OK;
}
