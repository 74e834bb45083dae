/* canon.c - derived canonical tables (see canon.h) and the queries of
 * compare, leaders and blocs.
 *
 * The rebuild reads the per-document rows of the canonical documents
 * (dedup.c), turns each bloc name as written into a "variant", groups the
 * variants into blocs (user overrides first, then automatic merges by
 * descending confidence, never across provinces), and files every member,
 * leader and goal of a document under its bloc and year.
 */
#include "canon/canon.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/index_int.h"
#include "normalize/names.h"
#include "normalize/normalize.h"

#define CANON_VERSION 3

/* The user's overrides, and the id each variant's bloc was given: kept
 * across rebuilds (see assign_ids). */
static const char canon_override_sql[] =
    "CREATE TABLE IF NOT EXISTS canon_override (id INTEGER PRIMARY KEY,\n"
    "  kind TEXT NOT NULL, a TEXT NOT NULL, b TEXT,\n"
    "  created_at TEXT NOT NULL DEFAULT (datetime('now')));\n"
    "CREATE TABLE IF NOT EXISTS canon_bloc_key (vkey TEXT PRIMARY KEY,\n"
    "  bloc_id INTEGER NOT NULL);\n";

static const char canon_drop_sql[] =
    "DROP TABLE IF EXISTS canon_doc;\n"
    "DROP TABLE IF EXISTS canon_bloc;\n"
    "DROP TABLE IF EXISTS canon_variant;\n"
    "DROP TABLE IF EXISTS canon_bloc_year;\n"
    "DROP TABLE IF EXISTS canon_member;\n"
    "DROP TABLE IF EXISTS canon_leader;\n"
    "DROP TABLE IF EXISTS canon_goal;\n"
    "DROP TABLE IF EXISTS canon_name;\n";

/* The derived tables.  On a read-only file they are made TEMP (each
 * "CREATE TABLE" becomes "CREATE TEMP TABLE"): unqualified names then find
 * them before the file's own, and their indexes follow them into temp. */
static const char canon_tables_sql[] =
    "CREATE TABLE canon_doc (doc_id INTEGER PRIMARY KEY, canon_id INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL, similarity REAL NOT NULL);\n"
    "CREATE INDEX canon_doc_canon ON canon_doc(canon_id);\n"
    "CREATE TABLE canon_bloc (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
    "  province TEXT, key TEXT NOT NULL);\n"
    "CREATE TABLE canon_variant (bloc_id INTEGER NOT NULL, name TEXT NOT NULL,\n"
    "  province TEXT, vkey TEXT NOT NULL, confidence REAL NOT NULL,\n"
    "  how TEXT NOT NULL, docs INTEGER NOT NULL, why TEXT);\n"
    "CREATE TABLE canon_bloc_year (bloc_id INTEGER NOT NULL, year INTEGER NOT NULL,\n"
    "  event TEXT, meeting_date TEXT, member_count INTEGER,\n"
    "  doc_id INTEGER NOT NULL, evidence_id INTEGER);\n"
    "CREATE TABLE canon_member (bloc_id INTEGER NOT NULL, year INTEGER NOT NULL,\n"
    "  unit TEXT NOT NULL, unit_key TEXT NOT NULL, doc_id INTEGER NOT NULL,\n"
    "  evidence_id INTEGER);\n"
    "CREATE TABLE canon_leader (bloc_id INTEGER NOT NULL, year INTEGER NOT NULL,\n"
    "  role TEXT NOT NULL, unit TEXT NOT NULL, unit_key TEXT NOT NULL,\n"
    "  explicit INTEGER NOT NULL, doc_id INTEGER NOT NULL, evidence_id INTEGER);\n"
    "CREATE TABLE canon_goal (bloc_id INTEGER NOT NULL, year INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL, doc_id INTEGER NOT NULL, evidence_id INTEGER);\n"
    "CREATE TABLE canon_name (bloc_id INTEGER NOT NULL, vkey TEXT NOT NULL,\n"
    "  year INTEGER NOT NULL, doc_id INTEGER NOT NULL, evidence_id INTEGER);\n"
    "CREATE INDEX canon_member_bloc ON canon_member(bloc_id, year);\n"
    "CREATE INDEX canon_name_bloc ON canon_name(bloc_id, vkey);\n"
    "CREATE INDEX canon_leader_bloc ON canon_leader(bloc_id, year);\n"
    "CREATE INDEX canon_goal_bloc ON canon_goal(bloc_id, year);\n"
    "CREATE INDEX canon_year_bloc ON canon_bloc_year(bloc_id, year);\n";

/* Files whose content decides the canonical names. */
static const char *const name_files[] = {
    "abbrev.aliases", "units.aliases", "blocs.aliases", "provinces.tsv", "text.stop",
};

/* ---- small helpers ----------------------------------------------------- */

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s && *s ? td_xstrdup((const char *)s) : NULL;
}

static int exec(index_db *db, const char *sql, td_err *e)
{
    if (sqlite3_exec(index_sqlite(db), sql, NULL, NULL, NULL) != SQLITE_OK)
        return index_db_error(db, e, "canonical tables");
    return TD_OK;
}

static int prep(index_db *db, const char *sql, sqlite3_stmt **st, td_err *e)
{
    if (sqlite3_prepare_v2(index_sqlite(db), sql, -1, st, NULL) != SQLITE_OK)
        return index_db_error(db, e, "canonical tables");
    return TD_OK;
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static int year_of(const char *iso)
{
    if (iso && strlen(iso) >= 4 && isdigit((unsigned char)iso[0]) &&
        isdigit((unsigned char)iso[1]) && isdigit((unsigned char)iso[2]) &&
        isdigit((unsigned char)iso[3]))
        return atoi(iso);
    return 0;
}

/* Fingerprint of the stored documents, the name rules and the overrides:
 * a rebuild is needed when it changes. */
static void fingerprint(index_db *db, const char *rules_dir, char out[17])
{
    td_buf b = TD_BUF_INIT;
    sqlite3_stmt *st = NULL;
    td_buf_printf(&b, "canon %d\n", CANON_VERSION);
    if (sqlite3_prepare_v2(index_sqlite(db), "SELECT id, hash FROM documents ORDER BY id",
                           -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW)
            td_buf_printf(&b, "%lld %s\n", (long long)sqlite3_column_int64(st, 0),
                          (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    st = NULL;
    /* fact rows normally change only with their document, but a tool may
     * write them directly */
    if (sqlite3_prepare_v2(index_sqlite(db),
                           "SELECT (SELECT count(*) || '.' || max(id) FROM blocs),"
                           " (SELECT count(*) || '.' || max(id) FROM members),"
                           " (SELECT count(*) || '.' || max(id) FROM leaders),"
                           " (SELECT count(*) || '.' || max(id) FROM goals)",
                           -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        for (int i = 0; i < 4; i++)
            td_buf_printf(&b, "%s ", sqlite3_column_text(st, i)
                                         ? (const char *)sqlite3_column_text(st, i) : "-");
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(index_sqlite(db), "SELECT kind, a, b FROM canon_override ORDER BY id",
                           -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW)
            td_buf_printf(&b, "%s %s %s\n", (const char *)sqlite3_column_text(st, 0),
                          (const char *)sqlite3_column_text(st, 1),
                          sqlite3_column_text(st, 2) ? (const char *)sqlite3_column_text(st, 2) : "");
    sqlite3_finalize(st);
    for (size_t i = 0; i < sizeof name_files / sizeof *name_files; i++) {
        char path[1200], *data = NULL, h[17];
        size_t len = 0;
        td_err e2;
        snprintf(path, sizeof path, "%s/%s", rules_dir, name_files[i]);
        if (td_read_file(path, 4u << 20, &data, &len, &e2) == TD_OK) {
            td_hash_hex(data, len, h);
            td_buf_printf(&b, "%s %s\n", name_files[i], h);
        }
        free(data);
    }
    td_hash_hex(b.ptr, b.len, out);
    td_buf_free(&b);
}

static char *meta_text(index_db *db, const char *key)
{
    sqlite3_stmt *st = NULL;
    char *v = NULL;
    if (sqlite3_prepare_v2(index_sqlite(db), "SELECT value FROM meta WHERE key = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = col_dup(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int meta_put(index_db *db, const char *key, const char *value, td_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = prep(db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", &st, e);
    if (rc != TD_OK)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = index_db_error(db, e, "canonical tables");
    sqlite3_finalize(st);
    return rc;
}

/* ---- bloc variants and their grouping ---------------------------------- */

typedef struct variant {
    char *name;         /* longest spelling seen */
    char *province;     /* canonical or NULL */
    char *vkey;         /* names_words(name) "|" province */
    int docs;           /* documents using it */
    long last_doc;      /* to count documents once */
    size_t parent;      /* union-find */
    int isolated;       /* split override: no automatic merge */
    int via_override;   /* joined its bloc through a merge override */
    double conf;        /* best automatic edge inside its bloc */
    long bloc_id;
    char *level;        /* tinh, huyen, ... of its first row, or NULL */
    char *origin;       /* with no province: the site's host, else NULL */
    int prov_site;      /* the province comes from the site, not the text */
    char why[160];      /* how its documents and its best edge were tied */
    char **units;       /* unit keys of its documents' members and leaders */
    size_t nunits;
} variant;

typedef struct edge {
    size_t a, b;
    double conf;
    size_t why;         /* index of its reason */
} edge;

typedef struct ovr {
    char *kind, *a, *b;
} ovr;

static size_t vfind(variant *v, size_t i)
{
    while (v[i].parent != i) {
        v[i].parent = v[v[i].parent].parent;
        i = v[i].parent;
    }
    return i;
}

/* Number of ASCII capitals in s (a cheap measure of "written in caps"). */
static size_t capitals(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s >= 'A' && *s <= 'Z';
    return n;
}

static char *make_vkey(const names_table *t, const char *name, const char *prov)
{
    char *w = names_words(t, name);
    td_buf b = TD_BUF_INIT;
    td_buf_printf(&b, "%s|%s", w, prov ? prov : "");
    free(w);
    return td_buf_detach(&b);
}

/* The key of a name with no province, tied to where it was published
 * ("#<doc id>" when that is unknown too). */
static char *make_vkey_origin(const names_table *t, const char *name, const char *origin)
{
    char *w = names_words(t, name);
    td_buf b = TD_BUF_INIT;
    td_buf_printf(&b, "%s|?%s", w, origin);
    free(w);
    return td_buf_detach(&b);
}

static long vindex(variant *v, size_t n, const char *vkey)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].vkey, vkey) == 0)
            return (long)i;
    return -1;
}

/* The province of a cluster, NULL when none of its variants knows it. */
static const char *cluster_province(variant *v, size_t n, size_t root)
{
    for (size_t i = 0; i < n; i++)
        if (vfind(v, i) == root && v[i].province)
            return v[i].province;
    return NULL;
}

static int forbidden(variant *v, size_t n, const ovr *o, size_t no, size_t ra,
                     size_t rb)
{
    for (size_t k = 0; k < no; k++) {
        if (strcmp(o[k].kind, "split") != 0 || !o[k].b)
            continue;
        long x = vindex(v, n, o[k].a), y = vindex(v, n, o[k].b);
        if (x < 0 || y < 0)
            continue;
        size_t fx = vfind(v, (size_t)x), fy = vfind(v, (size_t)y);
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
static void cluster(const names_table *t, variant *v, size_t n, const ovr *o,
                    size_t no)
{
    for (size_t k = 0; k < no; k++) {
        long x = vindex(v, n, o[k].a);
        if (x < 0)
            continue;
        if (strcmp(o[k].kind, "split") == 0 && !o[k].b)
            v[x].isolated = 1;
        if (strcmp(o[k].kind, "merge") == 0 && o[k].b) {
            long y = vindex(v, n, o[k].b);
            if (y < 0)
                continue;
            size_t rx = vfind(v, (size_t)x), ry = vfind(v, (size_t)y);
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
        size_t ra = vfind(v, a), rb = vfind(v, b);
        if (ra != rb) {
            const char *pa = cluster_province(v, n, ra), *pb = cluster_province(v, n, rb);
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

/* ---- the rebuild ------------------------------------------------------- */

typedef struct brow {
    long doc_id, evidence_id;
    char *name, *event, *meeting_date;
    int year;              /* the year the document reports on */
    int reviewed_year;
    long member_count;     /* -1 unknown */
    size_t variant;
} brow;

typedef struct docbloc {
    long doc_id, bloc_id;
    int year;
} docbloc;

/* The primary bloc of doc_id; pb is sorted by doc_id (rows come in
 * document order). */
static const docbloc *doc_primary(const docbloc *pb, size_t n, long doc_id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pb[mid].doc_id < doc_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && pb[lo].doc_id == doc_id ? &pb[lo] : NULL;
}

static int load_overrides(index_db *db, ovr **out, size_t *n, td_err *e)
{
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    int rc = prep(db, "SELECT kind, a, b FROM canon_override ORDER BY id", &st, e);
    if (rc != TD_OK)
        return rc;
    while (sqlite3_step(st) == SQLITE_ROW) {
        *out = td_xrealloc(*out, (*n + 1) * sizeof **out);
        ovr *o = &(*out)[(*n)++];
        o->kind = col_dup(st, 0);
        o->a = col_dup(st, 1);
        o->b = col_dup(st, 2);
        if (!o->kind)
            o->kind = td_xstrdup("");
        if (!o->a)
            o->a = td_xstrdup("");
    }
    sqlite3_finalize(st);
    return TD_OK;
}

static void free_overrides(ovr *o, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(o[i].kind);
        free(o[i].a);
        free(o[i].b);
    }
    free(o);
}

/* Sort order of blocs: province (unknown last), then name. */
typedef struct bsort {
    size_t root, best;   /* cluster root, variant giving the display name */
    const char *name, *province;
} bsort;

static int cmp_bsort(const void *a, const void *b)
{
    const bsort *x = a, *y = b;
    if ((x->province == NULL) != (y->province == NULL))
        return x->province ? -1 : 1;
    int c = x->province ? strcmp(x->province, y->province) : 0;
    return c ? c : strcmp(x->name, y->name);
}

/* A cluster's claim on an id it had: some of its variants were filed
 * under that id before. */
typedef struct claim {
    long id;
    size_t k;            /* the cluster (index into the sorted bsort) */
    int weight;          /* documents of those variants */
    sqlite3_int64 first; /* the earliest record among them (rowid) */
} claim;

static int cmp_claim_key(const void *a, const void *b)
{
    const claim *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

static int cmp_claim(const void *a, const void *b)
{
    const claim *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

/* Give each of the nb clusters (bs, in display order) a stable id in
 * ids[]: canon_bloc_key remembers the id every variant was filed under.  A
 * cluster keeps an id one of its variants had (the smallest it can: two
 * blocs merged keep the smaller id, and the other ids do not move); when
 * two clusters claim one id (a bloc split), the one with more of the
 * documents filed under it wins, then the one holding its first name.  A
 * cluster with no id gets a new one above every id ever given, in display
 * order, so a new database numbers its blocs 1, 2, ... by province and
 * name.  Unless temp (a read-only file), the ids are recorded: a new
 * variant under its cluster's id, a variant whose id went to another
 * cluster under its new one; the others keep theirs, so that a merge
 * undone gives the old ids back. */
static int assign_ids(index_db *db, variant *v, size_t n, const bsort *bs, size_t nb,
                      int temp, long *ids, td_err *e)
{
    sqlite3_stmt *get = NULL, *put = NULL, *mx = NULL;
    long maxid = 0;
    long *rec = td_xcalloc(n ? n : 1, sizeof *rec);
    sqlite3_int64 *row = td_xcalloc(n ? n : 1, sizeof *row);
    size_t *clus = td_xcalloc(n ? n : 1, sizeof *clus);
    claim *cl = NULL;
    size_t ncl = 0;
    int rc = prep(db, "SELECT bloc_id, rowid FROM canon_bloc_key WHERE vkey = ?1", &get, e);
    if (rc == TD_OK)
        rc = prep(db, "SELECT coalesce(max(bloc_id), 0) FROM canon_bloc_key", &mx, e);
    if (rc == TD_OK && sqlite3_step(mx) == SQLITE_ROW)
        maxid = (long)sqlite3_column_int64(mx, 0);
    size_t *kof = td_xcalloc(n ? n : 1, sizeof *kof);   /* root -> cluster */
    for (size_t k = 0; k < nb; k++) {
        ids[k] = 0;
        kof[bs[k].root] = k;
    }
    for (size_t j = 0; rc == TD_OK && j < n; j++) {
        clus[j] = kof[vfind(v, j)];
        sqlite3_bind_text(get, 1, v[j].vkey, -1, SQLITE_STATIC);
        if (sqlite3_step(get) == SQLITE_ROW) {
            rec[j] = (long)sqlite3_column_int64(get, 0);
            row[j] = sqlite3_column_int64(get, 1);
        }
        sqlite3_reset(get);
        if (rec[j]) {
            cl = td_xrealloc(cl, (ncl + 1) * sizeof *cl);
            cl[ncl++] = (claim){rec[j], clus[j], v[j].docs, row[j]};
        }
    }
    /* one claim per cluster and id: the variants' documents summed */
    if (ncl > 1)
        qsort(cl, ncl, sizeof *cl, cmp_claim_key);
    size_t m = 0;
    for (size_t c = 0; c < ncl; c++) {
        if (m && cl[m - 1].id == cl[c].id && cl[m - 1].k == cl[c].k) {
            cl[m - 1].weight += cl[c].weight;
            if (cl[c].first < cl[m - 1].first)
                cl[m - 1].first = cl[c].first;
        } else {
            cl[m++] = cl[c];
        }
    }
    ncl = m;
    if (ncl > 1)
        qsort(cl, ncl, sizeof *cl, cmp_claim);
    /* claims come by id: an id is taken by the first claim on it whose
     * cluster has none yet; owner[] keeps who took which (in id order) */
    claim *owner = td_xcalloc(ncl ? ncl : 1, sizeof *owner);
    size_t nowner = 0;
    for (size_t c = 0; c < ncl; c++) {
        if (ids[cl[c].k] || (nowner && owner[nowner - 1].id == cl[c].id))
            continue;
        ids[cl[c].k] = cl[c].id;
        owner[nowner++] = cl[c];
    }
    for (size_t k = 0; k < nb; k++)
        if (!ids[k])
            ids[k] = ++maxid;
    if (rc == TD_OK && !temp)
        rc = prep(db, "INSERT OR REPLACE INTO canon_bloc_key(vkey, bloc_id) VALUES (?1, ?2)",
                  &put, e);
    for (size_t j = 0; rc == TD_OK && !temp && j < n; j++) {
        long id = ids[clus[j]];
        int lost = 0;
        if (rec[j] && rec[j] != id) {
            size_t lo = 0, hi = nowner;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (owner[mid].id < rec[j])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            lost = lo < nowner && owner[lo].id == rec[j];
        }
        if (rec[j] && !lost)
            continue;
        sqlite3_bind_text(put, 1, v[j].vkey, -1, SQLITE_STATIC);
        sqlite3_bind_int64(put, 2, id);
        if (sqlite3_step(put) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_bloc_key");
        sqlite3_reset(put);
    }
    sqlite3_finalize(get);
    sqlite3_finalize(put);
    sqlite3_finalize(mx);
    free(rec);
    free(row);
    free(clus);
    free(kof);
    free(owner);
    free(cl);
    return rc;
}

/* Insert the blocs and variants; sets every variant's bloc_id. */
static int store_blocs(index_db *db, const names_table *t, variant *v, size_t n,
                       int temp, td_err *e)
{
    sqlite3_stmt *ib = NULL, *iv = NULL;
    int rc = prep(db, "INSERT INTO canon_bloc(id, name, province, key) VALUES (?1, ?2, ?3, ?4)",
                  &ib, e);
    if (rc == TD_OK)
        rc = prep(db, "INSERT INTO canon_variant(bloc_id, name, province, vkey, "
                      "confidence, how, docs, why) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  &iv, e);
    bsort *bs = td_xcalloc(n ? n : 1, sizeof *bs);
    size_t nb = 0;
    for (size_t i = 0; rc == TD_OK && i < n; i++) {
        if (vfind(v, i) != i)
            continue;
        /* display: the spelling most documents use, the longer on a tie */
        size_t best = i;
        for (size_t j = 0; j < n; j++)
            if (vfind(v, j) == i &&
                (v[j].docs > v[best].docs ||
                 (v[j].docs == v[best].docs && strlen(v[j].name) > strlen(v[best].name))))
                best = j;
        bs[nb++] = (bsort){i, best, v[best].name, cluster_province(v, n, i)};
    }
    if (nb > 1)
        qsort(bs, nb, sizeof *bs, cmp_bsort);
    long *ids = td_xcalloc(nb ? nb : 1, sizeof *ids);
    if (rc == TD_OK)
        rc = assign_ids(db, v, n, bs, nb, temp, ids, e);
    for (size_t k = 0; rc == TD_OK && k < nb; k++) {
        long id = ids[k];
        char *key = names_bloc_key(t, bs[k].name);
        sqlite3_bind_int64(ib, 1, id);
        sqlite3_bind_text(ib, 2, bs[k].name, -1, SQLITE_TRANSIENT);
        bind_text_or_null(ib, 3, bs[k].province);
        sqlite3_bind_text(ib, 4, key, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ib) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_bloc");
        sqlite3_reset(ib);
        free(key);
        for (size_t j = 0; rc == TD_OK && j < n; j++) {
            if (vfind(v, j) != bs[k].root)
                continue;
            v[j].bloc_id = id;
            int self = j == bs[k].best;
            const char *how = self ? "self" : v[j].via_override ? "override" : "auto";
            double conf = self ? 1.0 : v[j].via_override ? 1.0 : v[j].conf;
            sqlite3_bind_int64(iv, 1, id);
            sqlite3_bind_text(iv, 2, v[j].name, -1, SQLITE_TRANSIENT);
            bind_text_or_null(iv, 3, v[j].province);
            sqlite3_bind_text(iv, 4, v[j].vkey, -1, SQLITE_TRANSIENT);
            sqlite3_bind_double(iv, 5, conf);
            sqlite3_bind_text(iv, 6, how, -1, SQLITE_STATIC);
            sqlite3_bind_int(iv, 7, v[j].docs);
            /* why this name's documents are one bloc, and why it joined */
            char why[400];
            /* what ties the reports that write this name, then the merge */
            char tie[160] = "";
            if (v[j].docs > 1)
                snprintf(tie, sizeof tie, "%d reports: same name, %s", v[j].docs,
                         v[j].province ? (v[j].prov_site ? "same province (from the site)"
                                                         : "same province")
                                       : "same site");
            else if (!v[j].province)
                snprintf(tie, sizeof tie, "province unknown%s",
                         v[j].origin ? ", kept to its site" : ", kept apart");
            const char *merge = self ? "" : v[j].via_override ? "merged by override" : v[j].why;
            snprintf(why, sizeof why, "%s%s%s", merge, *merge && *tie ? "; " : "", tie);
            bind_text_or_null(iv, 8, why[0] ? why : NULL);
            if (sqlite3_step(iv) != SQLITE_DONE)
                rc = index_db_error(db, e, "cannot write canon_variant");
            sqlite3_reset(iv);
        }
    }
    free(bs);
    free(ids);
    sqlite3_finalize(ib);
    sqlite3_finalize(iv);
    return rc;
}

/* File members, leaders and goals of every canonical document under the
 * document's primary bloc (its first bloc row) and year. */
static int store_facts(index_db *db, const names_table *t, const docbloc *pb,
                       size_t npb, td_err *e)
{
    sqlite3_stmt *sel = NULL, *ins = NULL;
    int rc = TD_OK;
    /* members */
    rc = prep(db, "SELECT doc_id, unit, evidence_id FROM members ORDER BY id", &sel, e);
    if (rc == TD_OK)
        rc = prep(db, "INSERT INTO canon_member(bloc_id, year, unit, unit_key, doc_id, "
                      "evidence_id) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS "
                      "(SELECT 1 FROM canon_member WHERE bloc_id = ?1 AND year = ?2 "
                      "AND unit_key = ?4 AND doc_id = ?5)", &ins, e);
    while (rc == TD_OK && sqlite3_step(sel) == SQLITE_ROW) {
        const docbloc *p = doc_primary(pb, npb, (long)sqlite3_column_int64(sel, 0));
        if (!p || !p->year)
            continue;
        char *disp, *key;
        names_unit(t, (const char *)sqlite3_column_text(sel, 1), &disp, &key);
        sqlite3_bind_int64(ins, 1, p->bloc_id);
        sqlite3_bind_int(ins, 2, p->year);
        sqlite3_bind_text(ins, 3, disp, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 4, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins, 5, p->doc_id);
        sqlite3_bind_value(ins, 6, sqlite3_column_value(sel, 2));
        if (*key && sqlite3_step(ins) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_member");
        sqlite3_reset(ins);
        free(disp);
        free(key);
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    sel = ins = NULL;
    /* leaders: the year next to the role wins over the document's year */
    if (rc == TD_OK)
        rc = prep(db, "SELECT doc_id, unit, role, year, evidence_id FROM leaders ORDER BY id",
                  &sel, e);
    if (rc == TD_OK)
        rc = prep(db, "INSERT INTO canon_leader(bloc_id, year, role, unit, unit_key, "
                      "explicit, doc_id, evidence_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  &ins, e);
    while (rc == TD_OK && sqlite3_step(sel) == SQLITE_ROW) {
        const docbloc *p = doc_primary(pb, npb, (long)sqlite3_column_int64(sel, 0));
        const char *role = (const char *)sqlite3_column_text(sel, 2);
        int y = sqlite3_column_int(sel, 3);
        if (!p || !role || (!y && !p->year))
            continue;
        char *disp, *key;
        names_unit(t, (const char *)sqlite3_column_text(sel, 1), &disp, &key);
        sqlite3_bind_int64(ins, 1, p->bloc_id);
        sqlite3_bind_int(ins, 2, y ? y : p->year);
        sqlite3_bind_text(ins, 3, role, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 4, disp, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 5, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 6, y != 0);
        sqlite3_bind_int64(ins, 7, p->doc_id);
        sqlite3_bind_value(ins, 8, sqlite3_column_value(sel, 4));
        if (*key && sqlite3_step(ins) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_leader");
        sqlite3_reset(ins);
        free(disp);
        free(key);
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    sel = ins = NULL;
    if (rc == TD_OK)
        rc = prep(db, "SELECT doc_id, text, evidence_id FROM goals ORDER BY id", &sel, e);
    if (rc == TD_OK)
        rc = prep(db, "INSERT INTO canon_goal(bloc_id, year, text, doc_id, evidence_id) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)", &ins, e);
    while (rc == TD_OK && sqlite3_step(sel) == SQLITE_ROW) {
        const docbloc *p = doc_primary(pb, npb, (long)sqlite3_column_int64(sel, 0));
        if (!p || !p->year)
            continue;
        sqlite3_bind_int64(ins, 1, p->bloc_id);
        sqlite3_bind_int(ins, 2, p->year);
        sqlite3_bind_value(ins, 3, sqlite3_column_value(sel, 1));
        sqlite3_bind_int64(ins, 4, p->doc_id);
        sqlite3_bind_value(ins, 5, sqlite3_column_value(sel, 2));
        if (sqlite3_step(ins) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_goal");
        sqlite3_reset(ins);
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    /* one display per unit key: the spelling used most */
    if (rc == TD_OK)
        rc = exec(db,
            "CREATE TEMP TABLE canon_unit_pick AS SELECT unit_key, unit FROM ("
            " SELECT unit_key, unit, row_number() OVER (PARTITION BY unit_key"
            "  ORDER BY count(*) DESC, length(unit) DESC, unit) AS r FROM ("
            "  SELECT unit_key, unit FROM canon_member UNION ALL"
            "  SELECT unit_key, unit FROM canon_leader) GROUP BY unit_key, unit)"
            " WHERE r = 1;"
            "UPDATE canon_member SET unit = (SELECT unit FROM canon_unit_pick p"
            " WHERE p.unit_key = canon_member.unit_key);"
            "UPDATE canon_leader SET unit = (SELECT unit FROM canon_unit_pick p"
            " WHERE p.unit_key = canon_leader.unit_key);"
            "DROP TABLE canon_unit_pick;", e);
    return rc;
}

/* Give every variant the unit keys of its documents (their first bloc
 * row's variant), the evidence may_merge() needs. */
static int collect_units(index_db *db, const names_table *t, const brow *rows,
                         size_t nrows, variant *v, td_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = prep(db, "SELECT doc_id, unit FROM members UNION ALL "
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

/* 1 when the database (or this connection's temp schema) has the table. */
static int has_table(index_db *db, const char *name)
{
    sqlite3_stmt *st = NULL;
    int have = 0;
    if (sqlite3_prepare_v2(index_sqlite(db), "SELECT 1 FROM sqlite_master WHERE type = 'table'"
                           " AND name = ?1 UNION ALL SELECT 1 FROM sqlite_temp_master"
                           " WHERE type = 'table' AND name = ?1", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        have = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return have;
}

/* canon_tables_sql with every table made TEMP.  Malloc'd. */
static char *temp_tables_sql(void)
{
    td_buf b = TD_BUF_INIT;
    const char *p = canon_tables_sql, *q;
    while ((q = strstr(p, "CREATE TABLE ")) != NULL) {
        td_buf_append(&b, p, (size_t)(q - p));
        td_buf_puts(&b, "CREATE TEMP TABLE ");
        p = q + strlen("CREATE TABLE ");
    }
    td_buf_puts(&b, p);
    return td_buf_detach(&b);
}

/* Create the derived tables (dropping the old ones first, or as TEMP
 * tables when temp), then fill them. */
static int rebuild_in_tx(index_db *db, const names_table *t, int temp, td_err *e)
{
    int rc;
    int had_keys = has_table(db, "canon_bloc_key");
    if (temp) {
        char *sql = temp_tables_sql();
        rc = exec(db, sql, e);
        free(sql);
        /* empty override and id tables when the file has none */
        if (rc == TD_OK && !has_table(db, "canon_override"))
            rc = exec(db, "CREATE TEMP TABLE canon_override (id INTEGER PRIMARY KEY,"
                          " kind TEXT NOT NULL, a TEXT NOT NULL, b TEXT, created_at TEXT)", e);
        if (rc == TD_OK && !had_keys)
            rc = exec(db, "CREATE TEMP TABLE canon_bloc_key (vkey TEXT PRIMARY KEY,"
                          " bloc_id INTEGER NOT NULL)", e);
    } else {
        rc = exec(db, canon_override_sql, e);
        /* blocs built before ids were kept: their ids as they were shown */
        if (rc == TD_OK && !had_keys && has_table(db, "canon_variant"))
            rc = exec(db, "INSERT OR IGNORE INTO canon_bloc_key(vkey, bloc_id)"
                          " SELECT vkey, min(bloc_id) FROM canon_variant GROUP BY vkey", e);
        if (rc == TD_OK)
            rc = exec(db, canon_drop_sql, e);
        if (rc == TD_OK)
            rc = exec(db, canon_tables_sql, e);
    }
    if (rc == TD_OK)
        rc = index_dedup_build(db, e);
    if (rc != TD_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    brow *rows = NULL;
    size_t nrows = 0;
    variant *v = NULL;
    size_t nv = 0;
    docbloc *pb = NULL;
    size_t npb = 0;
    ovr *o = NULL;
    size_t no = 0;
    rc = prep(db,
              "SELECT b.doc_id, b.name, b.province, b.event, b.pledge_year, "
              "b.reviewed_year, b.meeting_date, b.member_count, b.evidence_id, "
              "d.published, b.level, d.province_site, d.source_url "
              "FROM blocs b JOIN documents d ON d.id = b.doc_id "
              "JOIN canon_doc c ON c.doc_id = b.doc_id AND c.canon_id = c.doc_id "
              "WHERE b.name IS NOT NULL AND b.name != '' ORDER BY b.doc_id, b.id",
              &st, e);
    while (rc == TD_OK && sqlite3_step(st) == SQLITE_ROW) {
        rows = td_xrealloc(rows, (nrows + 1) * sizeof *rows);
        brow *r = &rows[nrows++];
        memset(r, 0, sizeof *r);
        r->doc_id = (long)sqlite3_column_int64(st, 0);
        r->name = col_dup(st, 1);
        char *prov_raw = col_dup(st, 2);
        r->event = col_dup(st, 3);
        int pledge = sqlite3_column_int(st, 4);
        r->reviewed_year = sqlite3_column_int(st, 5);
        r->meeting_date = col_dup(st, 6);
        r->member_count = sqlite3_column_type(st, 7) == SQLITE_NULL
                              ? -1 : (long)sqlite3_column_int64(st, 7);
        r->evidence_id = sqlite3_column_type(st, 8) == SQLITE_NULL
                             ? 0 : (long)sqlite3_column_int64(st, 8);
        char *published = col_dup(st, 9);
        const char *date = r->meeting_date ? r->meeting_date : published;
        /* the year a report is about: its pledge year, else the year under
         * review, else the year it was held or published */
        r->year = pledge ? pledge : r->reviewed_year ? r->reviewed_year
                  : year_of(r->meeting_date) ? year_of(r->meeting_date)
                                             : year_of(published);
        const char *prov = prov_raw ? names_province(t, prov_raw, date) : NULL;
        if (!prov)
            prov = names_province_in(t, r->name, date);
        /* the text is silent: the site the report came from */
        char *site_raw = col_dup(st, 11);
        int from_site = 0;
        if (!prov && site_raw && (prov = names_province(t, site_raw, date)) != NULL)
            from_site = 1;
        free(site_raw);
        /* no province at all: the name ties reports of one site only, and a
         * report from nowhere known stands alone */
        char *url = col_dup(st, 12);
        char origin[300];
        if (!td_url_host(url, origin, sizeof origin))
            snprintf(origin, sizeof origin, "#%ld", r->doc_id);
        free(url);
        char *vkey = prov ? make_vkey(t, r->name, prov) : make_vkey_origin(t, r->name, origin);
        long vi = vindex(v, nv, vkey);
        if (vi < 0) {
            v = td_xrealloc(v, (nv + 1) * sizeof *v);
            variant *x = &v[nv];
            memset(x, 0, sizeof *x);
            x->name = td_xstrdup(r->name);
            x->province = prov ? td_xstrdup(prov) : NULL;
            x->vkey = vkey;
            x->parent = nv;
            x->last_doc = -1;
            x->level = col_dup(st, 10);
            x->prov_site = from_site;
            if (!prov && origin[0] != '#')
                x->origin = td_xstrdup(origin);
            vi = (long)nv++;
        } else {
            free(vkey);
            /* the same name written out in full reads better than MTTQ,
             * and a headline in capitals worse than running text */
            size_t ln = strlen(r->name), lv = strlen(v[vi].name);
            if (ln > lv || (ln == lv && capitals(r->name) < capitals(v[vi].name))) {
                free(v[vi].name);
                v[vi].name = td_xstrdup(r->name);
            }
        }
        if (v[vi].last_doc != r->doc_id) {
            v[vi].docs++;
            v[vi].last_doc = r->doc_id;
        }
        r->variant = (size_t)vi;
        free(prov_raw);
        free(published);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == TD_OK)
        rc = collect_units(db, t, rows, nrows, v, e);
    if (rc == TD_OK)
        rc = load_overrides(db, &o, &no, e);
    if (rc == TD_OK) {
        cluster(t, v, nv, o, no);
        rc = store_blocs(db, t, v, nv, temp, e);
    }
    if (rc == TD_OK)
        rc = prep(db, "INSERT INTO canon_bloc_year(bloc_id, year, event, meeting_date, "
                      "member_count, doc_id, evidence_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                  &st, e);
    sqlite3_stmt *in = NULL;
    if (rc == TD_OK)
        rc = prep(db, "INSERT INTO canon_name(bloc_id, vkey, year, doc_id, evidence_id) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)", &in, e);
    for (size_t i = 0; rc == TD_OK && i < nrows; i++) {
        brow *r = &rows[i];
        long bloc = v[r->variant].bloc_id;
        /* where each name was written, for `blocs --evidence` */
        sqlite3_bind_int64(in, 1, bloc);
        sqlite3_bind_text(in, 2, v[r->variant].vkey, -1, SQLITE_STATIC);
        sqlite3_bind_int(in, 3, r->year);
        sqlite3_bind_int64(in, 4, r->doc_id);
        if (r->evidence_id)
            sqlite3_bind_int64(in, 5, r->evidence_id);
        else
            sqlite3_bind_null(in, 5);
        if (sqlite3_step(in) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_name");
        sqlite3_reset(in);
        if (!doc_primary(pb, npb, r->doc_id)) {
            pb = td_xrealloc(pb, (npb + 1) * sizeof *pb);
            pb[npb++] = (docbloc){r->doc_id, bloc, r->year};
        }
        for (int pass = 0; pass < 2 && rc == TD_OK; pass++) {
            /* a review of year Y held with the pledge for Y+1 reports on both */
            int y = pass == 0 ? r->year : r->reviewed_year;
            if (!y || (pass == 1 && y == r->year))
                continue;
            sqlite3_bind_int64(st, 1, bloc);
            sqlite3_bind_int(st, 2, y);
            bind_text_or_null(st, 3, r->event);
            bind_text_or_null(st, 4, r->meeting_date);
            if (pass == 0 && r->member_count >= 0)
                sqlite3_bind_int64(st, 5, r->member_count);
            else
                sqlite3_bind_null(st, 5);
            sqlite3_bind_int64(st, 6, r->doc_id);
            if (r->evidence_id)
                sqlite3_bind_int64(st, 7, r->evidence_id);
            else
                sqlite3_bind_null(st, 7);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = index_db_error(db, e, "cannot write canon_bloc_year");
            sqlite3_reset(st);
        }
    }
    sqlite3_finalize(st);
    sqlite3_finalize(in);
    if (rc == TD_OK)
        rc = store_facts(db, t, pb, npb, e);
    for (size_t i = 0; i < nrows; i++) {
        free(rows[i].name);
        free(rows[i].event);
        free(rows[i].meeting_date);
    }
    free(rows);
    for (size_t i = 0; i < nv; i++) {
        free(v[i].name);
        free(v[i].province);
        free(v[i].vkey);
        free(v[i].level);
        free(v[i].origin);
        for (size_t k = 0; k < v[i].nunits; k++)
            free(v[i].units[k]);
        free(v[i].units);
    }
    free(v);
    free(pb);
    free_overrides(o, no);
    return rc;
}

int index_canon_rebuild(index_db *db, const char *rules_dir, td_err *e)
{
    int rc = index_allow_writes(db, e);
    if (rc != TD_OK)
        return rc;
    names_table *t = NULL;
    if ((rc = names_load(rules_dir, &t, e)) != TD_OK)
        return rc;
    char fp[17];
    if ((rc = exec(db, "BEGIN IMMEDIATE", e)) != TD_OK) {
        names_free(t);
        return rc;
    }
    rc = rebuild_in_tx(db, t, 0, e);
    if (rc == TD_OK) {
        char ver[16];
        snprintf(ver, sizeof ver, "%d", CANON_VERSION);
        rc = meta_put(db, "canon_version", ver, e);
    }
    if (rc == TD_OK) {
        fingerprint(db, rules_dir, fp);
        rc = meta_put(db, "canon_fingerprint", fp, e);
    }
    if (rc == TD_OK)
        rc = exec(db, "COMMIT", e);
    if (rc != TD_OK)
        sqlite3_exec(index_sqlite(db), "ROLLBACK", NULL, NULL, NULL);
    names_free(t);
    return rc;
}

/* The rebuild as TEMP tables, for this connection only: the file is read
 * as it is and never written. */
static int rebuild_temp(index_db *db, const char *rules_dir, td_err *e)
{
    names_table *t = NULL;
    int rc = names_load(rules_dir, &t, e);
    if (rc != TD_OK)
        return rc;
    if ((rc = exec(db, "BEGIN", e)) == TD_OK)
        rc = rebuild_in_tx(db, t, 1, e);
    if (rc == TD_OK)
        rc = exec(db, "COMMIT", e);
    if (rc != TD_OK)
        sqlite3_exec(index_sqlite(db), "ROLLBACK", NULL, NULL, NULL);
    else
        db->canon_temp = 1;
    names_free(t);
    return rc;
}

int index_canon_ensure(index_db *db, const char *rules_dir, td_err *e)
{
    if (db->canon_temp)
        return TD_OK;
    char fp[17];
    fingerprint(db, rules_dir, fp);
    char *have = meta_text(db, "canon_fingerprint");
    int fresh = have && strcmp(have, fp) == 0;
    free(have);
    if (fresh)
        return TD_OK;
    if (!index_is_readonly(db)) {
        int rc = index_canon_rebuild(db, rules_dir, e);
        /* a full disk still leaves room for this run's own copy */
        if (rc != TD_EFULL)
            return rc;
    }
    return rebuild_temp(db, rules_dir, e);
}

/* ---- overrides --------------------------------------------------------- */

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
                r = col_dup(st, 0);
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
            *prov = col_dup(st, 1);
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

int index_canon_override(index_db *db, const char *rules_dir,
                         const char *kind, const char *a, const char *b,
                         int force, td_err *e)
{
    int rc = index_allow_writes(db, e);
    if (rc == TD_OK)
        rc = index_canon_ensure(db, rules_dir, e);
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
        rc = prep(db, "DELETE FROM canon_override WHERE a = ?1 OR b = ?1", &st, e);
        if (rc == TD_OK) {
            sqlite3_bind_text(st, 1, ka, -1, SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = index_db_error(db, e, "cannot clear overrides");
        }
    } else if (strcmp(kind, "merge") == 0 || strcmp(kind, "split") == 0) {
        if (strcmp(kind, "merge") == 0 && !kb)
            rc = td_err_set(e, TD_EUSAGE, "merge needs two blocs");
        if (rc == TD_OK)
            rc = prep(db, "INSERT INTO canon_override(kind, a, b) VALUES (?1, ?2, ?3)", &st, e);
        if (rc == TD_OK) {
            sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, ka, -1, SQLITE_STATIC);
            bind_text_or_null(st, 3, kb);
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
        rc = index_canon_rebuild(db, rules_dir, e);
    return rc;
}

/* ---- queries ----------------------------------------------------------- */

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
        r = col_dup(st, 0);
    sqlite3_finalize(st);
    return r;
}

static int fill_years(index_db *db, canon_bloc *b, td_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = prep(db,
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
    rc = prep(db, "SELECT event, meeting_date, member_count, doc_id FROM canon_bloc_year "
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
            y->event = col_dup(st, 0);
            y->meeting_date = col_dup(st, 1);
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
    int rc = prep(db, "SELECT name, province, confidence, how, docs, why FROM canon_variant "
                      "WHERE bloc_id = ?1 ORDER BY how = 'self' DESC, docs DESC, name",
                  &st, e);
    if (rc != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, b->id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        b->variants = td_xrealloc(b->variants, (b->nvariants + 1) * sizeof *b->variants);
        canon_variant *v = &b->variants[b->nvariants++];
        v->name = col_dup(st, 0);
        v->province = col_dup(st, 1);
        v->confidence = sqlite3_column_double(st, 2);
        v->how = col_dup(st, 3);
        v->docs = sqlite3_column_int(st, 4);
        v->why = col_dup(st, 5);
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

int index_canon_bloc_count(index_db *db, const char *rules_dir, long *n, td_err *e)
{
    *n = 0;
    int rc = index_canon_ensure(db, rules_dir, e);
    sqlite3_stmt *st = NULL;
    if (rc == TD_OK)
        rc = prep(db, "SELECT count(*) FROM canon_bloc", &st, e);
    if (rc == TD_OK && sqlite3_step(st) == SQLITE_ROW)
        *n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

int index_canon_blocs(index_db *db, const char *rules_dir,
                      const canon_filter *f, canon_bloc **out, size_t *n,
                      td_err *e)
{
    *out = NULL;
    *n = 0;
    int rc = index_canon_ensure(db, rules_dir, e);
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
    rc = prep(db, "SELECT id, name, province FROM canon_bloc "
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
        index_canon_blocs_free(l, nl);
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

void index_canon_blocs_free(canon_bloc *b, size_t n)
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

/* ---- sources ----------------------------------------------------------- */

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
        int rc = prep(db, src_sql[k], &s->st[k], e);
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
        x->path = col_dup(st, 2);
        x->written = col_dup(st, 3);
        x->sentence = col_dup(st, 4);
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
