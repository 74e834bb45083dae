/* group.c - bloc names as written ("variants") and their grouping into
 * blocs.
 *
 * A variant is a name with its province (or, when no province is known,
 * the site that published it).  Variants group by union-find: merge
 * overrides first, then automatic edges by descending confidence (the
 * similarity of their descriptors, names.h), never across provinces, never
 * when a split override forbids it, and only when something specific ties
 * them (may_merge).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon/canon_int.h"

typedef struct edge {
    size_t a, b;
    double conf;
    size_t why;         /* index of its reason */
} edge;

size_t canon_vfind(variant *v, size_t i)
{
    while (v[i].parent != i) {
        v[i].parent = v[v[i].parent].parent;
        i = v[i].parent;
    }
    return i;
}

char *canon_vkey(const names_table *t, const char *name, const char *prov)
{
    char *w = names_words(t, name);
    td_buf b = TD_BUF_INIT;
    td_buf_printf(&b, "%s|%s", w, prov ? prov : "");
    free(w);
    return td_buf_detach(&b);
}

/* The key of a name with no province, tied to where it was published
 * ("#<doc id>" when that is unknown too). */
char *canon_vkey_origin(const names_table *t, const char *name, const char *origin)
{
    char *w = names_words(t, name);
    td_buf b = TD_BUF_INIT;
    td_buf_printf(&b, "%s|?%s", w, origin);
    free(w);
    return td_buf_detach(&b);
}

long canon_vindex(variant *v, size_t n, const char *vkey)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].vkey, vkey) == 0)
            return (long)i;
    return -1;
}

/* The province of a cluster, NULL when none of its variants knows it. */
const char *canon_cluster_province(variant *v, size_t n, size_t root)
{
    for (size_t i = 0; i < n; i++)
        if (canon_vfind(v, i) == root && v[i].province)
            return v[i].province;
    return NULL;
}

static int forbidden(variant *v, size_t n, const ovr *o, size_t no, size_t ra,
                     size_t rb)
{
    for (size_t k = 0; k < no; k++) {
        if (strcmp(o[k].kind, "split") != 0 || !o[k].b)
            continue;
        long x = canon_vindex(v, n, o[k].a), y = canon_vindex(v, n, o[k].b);
        if (x < 0 || y < 0)
            continue;
        size_t fx = canon_vfind(v, (size_t)x), fy = canon_vfind(v, (size_t)y);
        if ((fx == ra && fy == rb) || (fx == rb && fy == ra))
            return 1;
    }
    return 0;
}

static int cmp_edge(const void *a, const void *b)
{
    const edge *x = a, *y = b;
    if (x->conf != y->conf)
        return x->conf < y->conf ? 1 : -1;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    return (x->b > y->b) - (x->b < y->b);
}

static void add_unit(variant *v, const char *key)
{
    for (size_t i = 0; i < v->nunits; i++)
        if (strcmp(v->units[i], key) == 0)
            return;
    v->units = td_xrealloc(v->units, (v->nunits + 1) * sizeof *v->units);
    v->units[v->nunits++] = td_xstrdup(key);
}

/* Shared unit keys (count). */
static size_t units_shared(const variant *a, const variant *b)
{
    size_t common = 0;
    for (size_t i = 0; i < a->nunits; i++)
        for (size_t j = 0; j < b->nunits; j++)
            if (strcmp(a->units[i], b->units[j]) == 0) {
                common++;
                break;
            }
    return common;
}

/* Shared unit keys over the smaller set; 0 when either is empty. */
static double unit_overlap(const variant *a, const variant *b)
{
    size_t mn = a->nunits < b->nunits ? a->nunits : b->nunits;
    return mn ? (double)units_shared(a, b) / (double)mn : 0;
}

/* Whether two variants may merge automatically at all: same level when both
 * are known; and when a province is missing, the names alone are not
 * enough ("Khối thi đua các cơ quan Đảng" exists in every province and
 * district), so their documents must share units. */
static int same_level(const variant *a, const variant *b)
{
    return !(a->level && b->level && strcmp(a->level, "other") != 0 &&
             strcmp(b->level, "other") != 0 && strcmp(a->level, b->level) != 0);
}

/* Whether two variants may merge automatically, and why (into why):
 * provinces known and equal; else something specific must tie them: the
 * same site, or members in common (at least two, and half of the smaller
 * list).  A name alone never ties blocs whose provinces are unknown. */
static int may_merge(const variant *a, const variant *b, char *why, size_t n)
{
    if (!same_level(a, b))
        return 0;
    if (a->province && b->province) {
        if (strcmp(a->province, b->province) != 0)
            return 0;
        snprintf(why, n, "similar name, same province (%s%s)", a->province,
                 a->prov_site || b->prov_site ? ", from the site" : "");
        return 1;
    }
    if (a->origin && b->origin && strcmp(a->origin, b->origin) == 0) {
        snprintf(why, n, "similar name, same site (%s)", a->origin);
        return 1;
    }
    size_t common = units_shared(a, b);
    if (common >= 2 && unit_overlap(a, b) >= 0.5) {
        snprintf(why, n, "similar name, %zu members in common", common);
        return 1;
    }
    return 0;
}

/* Group the variants into blocs. */
void canon_cluster(const names_table *t, variant *v, size_t n, const ovr *o,
                    size_t no)
{
    for (size_t k = 0; k < no; k++) {
        long x = canon_vindex(v, n, o[k].a);
        if (x < 0)
            continue;
        if (strcmp(o[k].kind, "split") == 0 && !o[k].b)
            v[x].isolated = 1;
        if (strcmp(o[k].kind, "merge") == 0 && o[k].b) {
            long y = canon_vindex(v, n, o[k].b);
            if (y < 0)
                continue;
            size_t rx = canon_vfind(v, (size_t)x), ry = canon_vfind(v, (size_t)y);
            if (rx != ry) {
                v[ry].parent = rx;
                v[y].via_override = 1;
            }
        }
    }
    edge *ed = NULL;
    char (*whys)[160] = NULL;
    size_t ne = 0, cap = 0;
    char **keys = td_xcalloc(n ? n : 1, sizeof *keys);
    for (size_t i = 0; i < n; i++)
        keys[i] = names_bloc_key(t, v[i].name);
    /* a name without a province that fits blocs of two provinces is
     * ambiguous, whatever units it shares: it joins neither */
    const char **fits = td_xcalloc(n ? n : 1, sizeof *fits);
    char *ambiguous = td_xcalloc(n ? n : 1, 1);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            if ((v[i].province == NULL) == (v[j].province == NULL) || !same_level(&v[i], &v[j]))
                continue;
            if (names_key_similarity(keys[i], keys[j]) * 0.9 < NAMES_BLOC_THRESHOLD)
                continue;
            size_t u = v[i].province ? j : i, k = u == i ? j : i;
            if (fits[u] && strcmp(fits[u], v[k].province) != 0)
                ambiguous[u] = 1;
            fits[u] = v[k].province;
        }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            char why[160];
            if (!may_merge(&v[i], &v[j], why, sizeof why))
                continue;
            if ((ambiguous[i] && v[j].province) || (ambiguous[j] && v[i].province))
                continue;
            double c = names_key_similarity(keys[i], keys[j]);
            if ((v[i].province == NULL) != (v[j].province == NULL))
                c *= 0.9;
            if (c < NAMES_BLOC_THRESHOLD)
                continue;
            if (ne == cap) {
                cap = cap ? cap * 2 : 16;
                ed = td_xrealloc(ed, cap * sizeof *ed);
                whys = td_xrealloc(whys, cap * sizeof *whys);
            }
            snprintf(whys[ne], sizeof whys[ne], "%s", why);
            ed[ne] = (edge){i, j, c, ne};
            ne++;
        }
    free(fits);
    free(ambiguous);
    if (ne > 1)
        qsort(ed, ne, sizeof *ed, cmp_edge);
    for (size_t k = 0; k < ne; k++) {
        size_t a = ed[k].a, b = ed[k].b;
        if (v[a].isolated || v[b].isolated)
            continue;
        size_t ra = canon_vfind(v, a), rb = canon_vfind(v, b);
        if (ra != rb) {
            const char *pa = canon_cluster_province(v, n, ra), *pb = canon_cluster_province(v, n, rb);
            if (pa && pb && strcmp(pa, pb) != 0)
                continue;
            if (forbidden(v, n, o, no, ra, rb))
                continue;
            v[rb].parent = ra;
        }
        /* a variant's confidence: its best edge inside its bloc */
        if (ed[k].conf > v[a].conf) {
            v[a].conf = ed[k].conf;
            snprintf(v[a].why, sizeof v[a].why, "%s", whys[ed[k].why]);
        }
        if (ed[k].conf > v[b].conf) {
            v[b].conf = ed[k].conf;
            snprintf(v[b].why, sizeof v[b].why, "%s", whys[ed[k].why]);
        }
    }
    free(whys);
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
    free(ed);
}

/* Give every variant the unit keys of its documents (their first bloc
 * row's variant), the evidence may_merge() needs. */
int canon_collect_units(index_db *db, const names_table *t, const brow *rows,
                         size_t nrows, variant *v, td_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = canon_prep(db, "SELECT doc_id, unit FROM members UNION ALL "
                      "SELECT doc_id, unit FROM leaders", &st, e);
    while (rc == TD_OK && sqlite3_step(st) == SQLITE_ROW) {
        long doc = (long)sqlite3_column_int64(st, 0);
        size_t lo = 0, hi = nrows;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (rows[mid].doc_id < doc)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo >= nrows || rows[lo].doc_id != doc)
            continue;
        char *disp, *key;
        names_unit(t, (const char *)sqlite3_column_text(st, 1), &disp, &key);
        if (*key)
            add_unit(&v[rows[lo].variant], key);
        free(disp);
        free(key);
    }
    sqlite3_finalize(st);
    return rc;
}
