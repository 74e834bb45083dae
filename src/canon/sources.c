/* sources.c - where each canonical fact comes from: the report rows and
 * evidence sentences behind a leader, member, goal, count or name (compare
 * --evidence, blocs --evidence).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon/canon_int.h"

#define NSRC (CANON_SRC_NAME + 1)

struct canon_sources {
    index_db *db;
    sqlite3_stmt *st[NSRC];   /* one per canon_src_kind */
};

/* Every statement selects doc_id, year, path, written, sentence,
 * span_start, span_end, sent_start; ?1 bloc, ?2 year, ?3 value, ?4 role. */
#define SRC_COLS "SELECT x.doc_id, x.year, d.path, ev.value, ev.sentence, " \
                 "ev.span_start, ev.span_end, ev.sent_start FROM "
#define SRC_JOIN " JOIN documents d ON d.id = x.doc_id " \
                 "LEFT JOIN evidence ev ON ev.id = x.evidence_id "
static const char *const src_sql[NSRC] = {
    [CANON_SRC_BLOC] = SRC_COLS "canon_bloc_year x" SRC_JOIN
        "WHERE x.bloc_id = ?1 AND x.year = ?2 ORDER BY x.doc_id, x.rowid",
    [CANON_SRC_LEADER] = SRC_COLS "canon_leader x" SRC_JOIN
        "WHERE x.bloc_id = ?1 AND x.year = ?2 AND x.unit = ?3 AND x.role = ?4 "
        "ORDER BY x.explicit DESC, x.doc_id, x.rowid",
    [CANON_SRC_DEPUTY] = SRC_COLS "canon_leader x" SRC_JOIN
        "WHERE x.bloc_id = ?1 AND x.year = ?2 AND x.unit = ?3 AND x.role = ?4 "
        "ORDER BY x.explicit DESC, x.doc_id, x.rowid",
    [CANON_SRC_MEMBER] = SRC_COLS "canon_member x" SRC_JOIN
        "WHERE x.bloc_id = ?1 AND x.year = ?2 AND x.unit = ?3 ORDER BY x.doc_id, x.rowid",
    [CANON_SRC_GOAL] = SRC_COLS "canon_goal x" SRC_JOIN
        "WHERE x.bloc_id = ?1 AND x.year = ?2 AND x.text = ?3 ORDER BY x.doc_id, x.rowid",
    /* the bloc row's evidence is its name; the count has its own fact */
    [CANON_SRC_COUNT] = "SELECT x.doc_id, x.year, d.path, ev.value, ev.sentence, "
        "ev.span_start, ev.span_end, ev.sent_start FROM canon_bloc_year x "
        "JOIN documents d ON d.id = x.doc_id LEFT JOIN evidence ev ON ev.id = "
        "(SELECT id FROM evidence WHERE doc_id = x.doc_id AND fact = 'member_count' "
        "AND num = x.member_count ORDER BY id LIMIT 1) "
        "WHERE x.bloc_id = ?1 AND x.year = ?2 AND x.member_count = ?3 "
        "GROUP BY x.doc_id ORDER BY x.doc_id",
    /* the reports (counted ones, not copies) that wrote this name */
    [CANON_SRC_NAME] = SRC_COLS "canon_name x JOIN canon_variant v ON v.bloc_id = "
        "x.bloc_id AND v.vkey = x.vkey" SRC_JOIN "WHERE x.bloc_id = ?1 AND v.name = ?3 "
        "GROUP BY x.doc_id ORDER BY x.doc_id",
};

int canon_sources_open(index_db *db, canon_sources **out, td_err *e)
{
    canon_sources *s = td_xcalloc(1, sizeof *s);
    s->db = db;
    for (int k = 0; k < NSRC; k++) {
        int rc = canon_prep(db, src_sql[k], &s->st[k], e);
        if (rc != TD_OK) {
            canon_sources_close(s);
            *out = NULL;
            return rc;
        }
    }
    *out = s;
    return TD_OK;
}

void canon_sources_close(canon_sources *s)
{
    if (!s)
        return;
    for (int k = 0; k < NSRC; k++)
        sqlite3_finalize(s->st[k]);
    free(s);
}

int canon_sources_get(canon_sources *s, long bloc_id, int year,
                      canon_src_kind kind, const char *value,
                      canon_source **out, size_t *n, td_err *e)
{
    *out = NULL;
    *n = 0;
    if ((int)kind < 0 || (int)kind >= NSRC || (kind != CANON_SRC_BLOC && !value))
        return TD_OK;
    sqlite3_stmt *st = s->st[kind];
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    sqlite3_bind_int64(st, 1, bloc_id);
    sqlite3_bind_int(st, 2, year);
    if (kind == CANON_SRC_COUNT)
        sqlite3_bind_int64(st, 3, strtol(value, NULL, 10));
    else if (kind != CANON_SRC_BLOC)
        sqlite3_bind_text(st, 3, value, -1, SQLITE_TRANSIENT);
    if (kind == CANON_SRC_LEADER || kind == CANON_SRC_DEPUTY)
        sqlite3_bind_text(st, 4, kind == CANON_SRC_LEADER ? "truong_khoi" : "pho_khoi",
                          -1, SQLITE_STATIC);
    int r;
    canon_source *v = NULL;
    size_t nv = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        v = td_xrealloc(v, (nv + 1) * sizeof *v);
        canon_source *x = &v[nv++];
        x->doc_id = (long)sqlite3_column_int64(st, 0);
        x->year = sqlite3_column_int(st, 1);
        x->path = canon_col_dup(st, 2);
        x->written = canon_col_dup(st, 3);
        x->sentence = canon_col_dup(st, 4);
        int has = sqlite3_column_type(st, 5) != SQLITE_NULL;
        x->start = has ? (long)sqlite3_column_int64(st, 5) : -1;
        x->end = has ? (long)sqlite3_column_int64(st, 6) : -1;
        x->sent_start = has ? (long)sqlite3_column_int64(st, 7) : -1;
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE) {
        canon_sources_free(v, nv);
        return index_db_error(s->db, e, "cannot read the sources");
    }
    *out = v;
    *n = nv;
    return TD_OK;
}

void canon_sources_free(canon_source *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].path);
        free(v[i].written);
        free(v[i].sentence);
    }
    free(v);
}
