/* query.c - the queries behind compare, leaders and blocs: each canonical
 * bloc with its years (leader, deputy, members, goals, reports) and the
 * names it was written under.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon/canon_int.h"

static void free_bloc_members(canon_bloc *b);

static char **column_list(index_db *db, const char *sql, long bloc, int year,
                          size_t *n)
{
    sqlite3_stmt *st = NULL;
    char **l = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(index_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_int64(st, 1, bloc);
    sqlite3_bind_int(st, 2, year);
    while (sqlite3_step(st) == SQLITE_ROW) {
        l = td_xrealloc(l, (*n + 1) * sizeof *l);
        l[(*n)++] = td_xstrdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return l;
}

static char *leader_of(index_db *db, long bloc, int year, const char *role)
{
    sqlite3_stmt *st = NULL;
    char *r = NULL;
    /* several reports may name a leader for the year: prefer the one
     * stated with its year, then the most reports, then the latest */
    if (sqlite3_prepare_v2(index_sqlite(db),
                           "SELECT unit FROM canon_leader WHERE bloc_id = ?1 AND year = ?2 "
                           "AND role = ?3 GROUP BY unit_key ORDER BY max(explicit) DESC, "
                           "count(*) DESC, max(doc_id) DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_int64(st, 1, bloc);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        r = canon_col_dup(st, 0);
    sqlite3_finalize(st);
    return r;
}

static int fill_years(index_db *db, canon_bloc *b, td_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = canon_prep(db,
        "SELECT year FROM canon_bloc_year WHERE bloc_id = ?1 UNION "
        "SELECT year FROM canon_leader WHERE bloc_id = ?1 ORDER BY 1", &st, e);
    if (rc != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, b->id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        b->years = td_xrealloc(b->years, (b->nyears + 1) * sizeof *b->years);
        canon_year *y = &b->years[b->nyears++];
        memset(y, 0, sizeof *y);
        y->year = sqlite3_column_int(st, 0);
        y->member_count = -1;
    }
    sqlite3_finalize(st);
    st = NULL;
    rc = canon_prep(db, "SELECT event, meeting_date, member_count, doc_id FROM canon_bloc_year "
                  "WHERE bloc_id = ?1 AND year = ?2 "
                  "ORDER BY coalesce(meeting_date, ''), doc_id", &st, e);
    for (size_t i = 0; rc == TD_OK && i < b->nyears; i++) {
        canon_year *y = &b->years[i];
        sqlite3_bind_int64(st, 1, b->id);
        sqlite3_bind_int(st, 2, y->year);
        while (sqlite3_step(st) == SQLITE_ROW) {
            /* the latest report of the year describes it */
            free(y->event);
            free(y->meeting_date);
            y->event = canon_col_dup(st, 0);
            y->meeting_date = canon_col_dup(st, 1);
            if (sqlite3_column_type(st, 2) != SQLITE_NULL)
                y->member_count = (long)sqlite3_column_int64(st, 2);
            long doc = (long)sqlite3_column_int64(st, 3);
            if (!y->ndocs || y->docs[y->ndocs - 1] != doc) {
                y->docs = td_xrealloc(y->docs, (y->ndocs + 1) * sizeof *y->docs);
                y->docs[y->ndocs++] = doc;
            }
        }
        sqlite3_reset(st);
        y->leader = leader_of(db, b->id, y->year, "truong_khoi");
        y->deputy = leader_of(db, b->id, y->year, "pho_khoi");
        y->members = column_list(db, "SELECT unit FROM canon_member WHERE "
                                     "bloc_id = ?1 AND year = ?2 GROUP BY unit_key ORDER BY unit_key",
                                 b->id, y->year, &y->nmembers);
        y->paths = column_list(db, "SELECT path FROM documents WHERE id IN (SELECT "
                                   "doc_id FROM canon_bloc_year WHERE bloc_id = ?1 AND "
                                   "year = ?2) ORDER BY id", b->id, y->year, &y->npaths);
        y->goals = column_list(db, "SELECT text FROM canon_goal WHERE bloc_id = ?1 "
                                   "AND year = ?2 ORDER BY doc_id, rowid",
                               b->id, y->year, &y->ngoals);
    }
    sqlite3_finalize(st);
    return rc;
}

static int fill_variants(index_db *db, canon_bloc *b, td_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = canon_prep(db, "SELECT name, province, confidence, how, docs, why FROM canon_variant "
                      "WHERE bloc_id = ?1 ORDER BY how = 'self' DESC, docs DESC, name",
                  &st, e);
    if (rc != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, b->id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        b->variants = td_xrealloc(b->variants, (b->nvariants + 1) * sizeof *b->variants);
        canon_variant *v = &b->variants[b->nvariants++];
        v->name = canon_col_dup(st, 0);
        v->province = canon_col_dup(st, 1);
        v->confidence = sqlite3_column_double(st, 2);
        v->how = canon_col_dup(st, 3);
        v->docs = sqlite3_column_int(st, 4);
        v->why = canon_col_dup(st, 5);
    }
    sqlite3_finalize(st);
    return TD_OK;
}

/* 1 when the bloc matches the user's --bloc argument. */
static int bloc_matches(const names_table *t, const char *arg, long id,
                        const char *name, const char *province)
{
    char *end;
    long want = strtol(arg, &end, 10);
    if (*arg && !*end)
        return want == id;
    /* a bloc of a former province does not ask for its new province's bloc */
    const char *ap = names_province_in(t, arg, NULL);
    if (ap && province && strcmp(ap, province) != 0)
        return 0;
    if (names_bloc_confidence(t, arg, NULL, name, NULL) >= NAMES_BLOC_THRESHOLD)
        return 1;
    char *fa = names_words(t, arg), *fn = names_words(t, name);
    int r = *fa && strstr(fn, fa) != NULL;
    free(fa);
    free(fn);
    return r;
}

int canon_bloc_count(index_db *db, const char *rules_dir, long *n, td_err *e)
{
    *n = 0;
    int rc = canon_ensure(db, rules_dir, e);
    sqlite3_stmt *st = NULL;
    if (rc == TD_OK)
        rc = canon_prep(db, "SELECT count(*) FROM canon_bloc", &st, e);
    if (rc == TD_OK && sqlite3_step(st) == SQLITE_ROW)
        *n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

int canon_blocs(index_db *db, const char *rules_dir,
                const canon_filter *f, canon_bloc **out, size_t *n,
                td_err *e)
{
    *out = NULL;
    *n = 0;
    int rc = canon_ensure(db, rules_dir, e);
    if (rc != TD_OK)
        return rc;
    names_table *t = NULL;
    if ((rc = names_load(rules_dir, &t, e)) != TD_OK)
        return rc;
    const char *prov = NULL;
    if (f && f->province) {
        prov = names_province(t, f->province, NULL);
        if (!prov) {
            names_free(t);
            return td_err_set(e, TD_EUSAGE, "unknown province '%s'", f->province);
        }
    }
    sqlite3_stmt *st = NULL;
    /* by province (unknown last), then name: ids are stable, not ordered */
    rc = canon_prep(db, "SELECT id, name, province FROM canon_bloc "
                  "ORDER BY province IS NULL, province, name, id", &st, e);
    canon_bloc *l = NULL;
    size_t nl = 0;
    while (rc == TD_OK && sqlite3_step(st) == SQLITE_ROW) {
        long id = (long)sqlite3_column_int64(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *bp = (const char *)sqlite3_column_text(st, 2);
        const char *part_of = NULL;
        if (prov) {
            if (!bp)
                continue;
            if (strcmp(bp, prov) != 0) {
                if (!names_province_is_part(t, prov, bp))
                    continue;
                part_of = prov;
            }
        }
        if (f && f->bloc && !bloc_matches(t, f->bloc, id, name, bp))
            continue;
        canon_bloc b;
        memset(&b, 0, sizeof b);
        b.id = id;
        b.name = td_xstrdup(name);
        b.province = bp ? td_xstrdup(bp) : NULL;
        b.part_of = part_of ? td_xstrdup(part_of) : NULL;
        if ((rc = fill_years(db, &b, e)) == TD_OK)
            rc = fill_variants(db, &b, e);
        if (rc != TD_OK || (f && f->year && !canon_bloc_year_get(&b, f->year))) {
            free_bloc_members(&b);
            continue;
        }
        l = td_xrealloc(l, (nl + 1) * sizeof *l);
        l[nl++] = b;
    }
    sqlite3_finalize(st);
    names_free(t);
    if (rc != TD_OK) {
        canon_blocs_free(l, nl);
        return rc;
    }
    *out = l;
    *n = nl;
    return TD_OK;
}

static void free_list(char **l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

static void free_bloc_members(canon_bloc *b)
{
    free(b->name);
    free(b->province);
    free(b->part_of);
    for (size_t i = 0; i < b->nyears; i++) {
        canon_year *y = &b->years[i];
        free(y->event);
        free(y->meeting_date);
        free(y->leader);
        free(y->deputy);
        free_list(y->members, y->nmembers);
        free_list(y->goals, y->ngoals);
        free(y->docs);
        free_list(y->paths, y->npaths);
    }
    free(b->years);
    for (size_t i = 0; i < b->nvariants; i++) {
        free(b->variants[i].name);
        free(b->variants[i].province);
        free(b->variants[i].how);
        free(b->variants[i].why);
    }
    free(b->variants);
}

void canon_blocs_free(canon_bloc *b, size_t n)
{
    if (!b)
        return;
    for (size_t i = 0; i < n; i++)
        free_bloc_members(&b[i]);
    free(b);
}

const canon_year *canon_bloc_year_get(const canon_bloc *b, int year)
{
    for (size_t i = 0; i < b->nyears; i++)
        if (b->years[i].year == year)
            return &b->years[i];
    return NULL;
}
