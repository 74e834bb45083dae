/* overrides.c - the user's decisions about bloc merges (canon_override):
 * read for the rebuild, and recorded by `thidua blocs --merge/--split/
 * --clear`, which then rebuilds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon/canon_int.h"

int canon_load_overrides(index_db *db, ovr **out, size_t *n, td_err *e)
{
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    int rc = canon_prep(db, "SELECT kind, a, b FROM canon_override ORDER BY id", &st, e);
    if (rc != TD_OK)
        return rc;
    while (sqlite3_step(st) == SQLITE_ROW) {
        *out = td_xrealloc(*out, (*n + 1) * sizeof **out);
        ovr *o = &(*out)[(*n)++];
        o->kind = canon_col_dup(st, 0);
        o->a = canon_col_dup(st, 1);
        o->b = canon_col_dup(st, 2);
        if (!o->kind)
            o->kind = td_xstrdup("");
        if (!o->a)
            o->a = td_xstrdup("");
    }
    sqlite3_finalize(st);
    return TD_OK;
}

void canon_free_overrides(ovr *o, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(o[i].kind);
        free(o[i].a);
        free(o[i].b);
    }
    free(o);
}
/* The variant key a user argument stands for: a bloc id (its display
 * variant), or a variant whose name folds like arg, or whose name as
 * written equals it.  Malloc'd, or NULL when none. */
static char *resolve_variant(index_db *db, const names_table *t, const char *arg)
{
    sqlite3_stmt *st = NULL;
    char *r = NULL;
    char *end;
    long id = strtol(arg, &end, 10);
    if (*arg && !*end) {
        if (sqlite3_prepare_v2(index_sqlite(db),
                               "SELECT v.vkey FROM canon_variant v JOIN canon_bloc b "
                               "ON b.id = v.bloc_id WHERE b.id = ?1 "
                               "ORDER BY v.name = b.name DESC, v.docs DESC LIMIT 1",
                               -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, id);
            if (sqlite3_step(st) == SQLITE_ROW)
                r = canon_col_dup(st, 0);
        }
        sqlite3_finalize(st);
        return r;
    }
    char *w = names_words(t, arg);
    if (sqlite3_prepare_v2(index_sqlite(db),
                           "SELECT vkey, name FROM canon_variant ORDER BY docs DESC, name",
                           -1, &st, NULL) == SQLITE_OK) {
        while (!r && sqlite3_step(st) == SQLITE_ROW) {
            const char *vk = (const char *)sqlite3_column_text(st, 0);
            const char *bar = strrchr(vk, '|');
            size_t wl = strlen(w);
            if ((bar && (size_t)(bar - vk) == wl && strncmp(vk, w, wl) == 0) ||
                strcmp((const char *)sqlite3_column_text(st, 1), arg) == 0)
                r = td_xstrdup(vk);
        }
    }
    sqlite3_finalize(st);
    free(w);
    return r;
}

/* The id and province of the bloc holding variant vkey (*prov malloc'd,
 * NULL when unknown); 0 when none. */
static long bloc_of_variant(index_db *db, const char *vkey, char **prov)
{
    sqlite3_stmt *st = NULL;
    long id = 0;
    *prov = NULL;
    if (sqlite3_prepare_v2(index_sqlite(db), "SELECT b.id, b.province FROM canon_variant v "
                           "JOIN canon_bloc b ON b.id = v.bloc_id WHERE v.vkey = ?1", -1,
                           &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, vkey, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            id = (long)sqlite3_column_int64(st, 0);
            *prov = canon_col_dup(st, 1);
        }
    }
    sqlite3_finalize(st);
    return id;
}

/* TD_OK when the blocs of variants ka and kb may be merged without force:
 * their provinces are the same, unknown, or one was merged into the other
 * on 1 July 2025 (the same province since).  Else TD_EUSAGE naming both. */
static int merge_provinces_ok(index_db *db, const names_table *t, const char *ka,
                              const char *kb, td_err *e)
{
    char *pa, *pb;
    long ia = bloc_of_variant(db, ka, &pa), ib = bloc_of_variant(db, kb, &pb);
    int rc = TD_OK;
    if (pa && pb && strcmp(pa, pb) != 0) {
        const char *sa = names_province_successor(t, pa);
        const char *sb = names_province_successor(t, pb);
        if (!sa || !sb || strcmp(sa, sb) != 0)
            rc = td_err_set(e, TD_EUSAGE, "bloc %ld is in %s and bloc %ld in %s: merging "
                            "blocs of two provinces needs --force", ia, pa, ib, pb);
    }
    free(pa);
    free(pb);
    return rc;
}

int canon_override(index_db *db, const char *rules_dir,
                   const char *kind, const char *a, const char *b,
                   int force, td_err *e)
{
    int rc = index_allow_writes(db, e);
    if (rc == TD_OK)
        rc = canon_ensure(db, rules_dir, e);
    if (rc != TD_OK)
        return rc;
    names_table *t = NULL;
    if ((rc = names_load(rules_dir, &t, e)) != TD_OK)
        return rc;
    char *ka = resolve_variant(db, t, a);
    char *kb = b ? resolve_variant(db, t, b) : NULL;
    sqlite3_stmt *st = NULL;
    if (!ka || (b && !kb)) {
        rc = td_err_set(e, TD_EUSAGE, "no bloc '%s' (give an id or a name "
                        "shown by 'thidua blocs')", !ka ? a : b);
    } else if (strcmp(kind, "merge") == 0 && kb && !force &&
               merge_provinces_ok(db, t, ka, kb, e) != TD_OK) {
        rc = TD_EUSAGE;
    } else if (strcmp(kind, "clear") == 0) {
        rc = canon_prep(db, "DELETE FROM canon_override WHERE a = ?1 OR b = ?1", &st, e);
        if (rc == TD_OK) {
            sqlite3_bind_text(st, 1, ka, -1, SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = index_db_error(db, e, "cannot clear overrides");
        }
    } else if (strcmp(kind, "merge") == 0 || strcmp(kind, "split") == 0) {
        if (strcmp(kind, "merge") == 0 && !kb)
            rc = td_err_set(e, TD_EUSAGE, "merge needs two blocs");
        if (rc == TD_OK)
            rc = canon_prep(db, "INSERT INTO canon_override(kind, a, b) VALUES (?1, ?2, ?3)", &st, e);
        if (rc == TD_OK) {
            sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, ka, -1, SQLITE_STATIC);
            canon_bind_text(st, 3, kb);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = index_db_error(db, e, "cannot record the override");
        }
    } else {
        rc = td_err_set(e, TD_EUSAGE, "unknown override '%s'", kind);
    }
    sqlite3_finalize(st);
    names_free(t);
    free(ka);
    free(kb);
    if (rc == TD_OK)
        rc = canon_rebuild(db, rules_dir, e);
    return rc;
}
