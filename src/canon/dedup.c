/* dedup.c - republished copies of the same article, counted once.
 *
 * News sites republish each other's reports ("Theo Báo ..."), with their
 * own page chrome around the same text.  Two documents are copies when
 * their folded texts are identical (exact) or when their word 5-gram sets
 * overlap enough (near: Jaccard >= 0.8, or one is >= 0.9 inside the
 * other).  Each group keeps one canonical document, whose facts the
 * derived tables count; canon_doc records the grouping for `show`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon/canon_int.h"
#include "normalize/normalize.h"

#define SHINGLE 5          /* words per shingle */
#define SAMPLE 8           /* smallest shingle hashes used to find candidates */
#define NEAR_JACCARD 0.8
#define NEAR_CONTAIN 0.9
#define MIN_SHINGLES 20    /* containment needs this many in the smaller text */

typedef struct ddoc {
    long id;
    char *published;     /* ISO date or NULL */
    char hash[17];       /* of the folded text */
    uint64_t *sh;        /* sorted unique shingle hashes */
    size_t nsh;
    size_t parent;       /* union-find */
} ddoc;

static uint64_t fnv(const char *s, size_t n, uint64_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
}

/* Folded hash and shingles of text. */
static void shingle(ddoc *d, const char *text)
{
    td_buf f = TD_BUF_INIT;
    norm_fold(text, strlen(text), &f, NULL);
    const char *s = f.ptr ? f.ptr : "";
    /* the exact key ignores punctuation and spacing differences too */
    size_t cap = 64, nw = 0;
    size_t *ws = td_xmalloc(cap * sizeof *ws), *we = td_xmalloc(cap * sizeof *we);
    for (size_t i = 0; i < f.len;) {
        while (i < f.len && !word_byte((unsigned char)s[i]))
            i++;
        size_t st = i;
        while (i < f.len && word_byte((unsigned char)s[i]))
            i++;
        if (i > st) {
            if (nw == cap) {
                cap *= 2;
                ws = td_xrealloc(ws, cap * sizeof *ws);
                we = td_xrealloc(we, cap * sizeof *we);
            }
            ws[nw] = st;
            we[nw++] = i;
        }
    }
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t w = 0; w < nw; w++) {
        h = fnv(s + ws[w], we[w] - ws[w], h);
        h = fnv(" ", 1, h);
    }
    snprintf(d->hash, sizeof d->hash, "%016llx", (unsigned long long)h);
    d->nsh = 0;
    d->sh = NULL;
    if (nw >= SHINGLE) {
        d->sh = td_xmalloc((nw - SHINGLE + 1) * sizeof *d->sh);
        for (size_t w = 0; w + SHINGLE <= nw; w++) {
            uint64_t g = 0xcbf29ce484222325ULL;
            for (size_t k = 0; k < SHINGLE; k++) {
                g = fnv(s + ws[w + k], we[w + k] - ws[w + k], g);
                g = fnv(" ", 1, g);
            }
            d->sh[d->nsh++] = g;
        }
        qsort(d->sh, d->nsh, sizeof *d->sh, cmp_u64);
        size_t u = 0;
        for (size_t i = 0; i < d->nsh; i++)
            if (u == 0 || d->sh[u - 1] != d->sh[i])
                d->sh[u++] = d->sh[i];
        d->nsh = u;
    }
    free(ws);
    free(we);
    td_buf_free(&f);
}

static int has(const ddoc *d, uint64_t h)
{
    return bsearch(&h, d->sh, d->nsh, sizeof h, cmp_u64) != NULL;
}

/* Jaccard and containment (shared / smaller) of two shingle sets. */
static void overlap(const ddoc *a, const ddoc *b, double *jac, double *con)
{
    size_t i = 0, j = 0, common = 0;
    while (i < a->nsh && j < b->nsh) {
        if (a->sh[i] == b->sh[j]) {
            common++;
            i++;
            j++;
        } else if (a->sh[i] < b->sh[j]) {
            i++;
        } else {
            j++;
        }
    }
    size_t uni = a->nsh + b->nsh - common;
    size_t mn = a->nsh < b->nsh ? a->nsh : b->nsh;
    *jac = uni ? (double)common / (double)uni : 0;
    *con = mn ? (double)common / (double)mn : 0;
}

static size_t find(ddoc *d, size_t i)
{
    while (d[i].parent != i) {
        d[i].parent = d[d[i].parent].parent;
        i = d[i].parent;
    }
    return i;
}

/* 1 when a should be the canonical copy rather than b: published first
 * (a date beats none), then stored first. */
static int better(const ddoc *a, const ddoc *b)
{
    if (a->published && b->published) {
        int c = strcmp(a->published, b->published);
        if (c != 0)
            return c < 0;
    } else if (a->published != b->published) {
        return a->published != NULL;
    }
    return a->id < b->id;
}

static int near_copy(const ddoc *a, const ddoc *b, double *sim)
{
    if (a->nsh == 0 || b->nsh == 0)
        return 0;
    const ddoc *small = a->nsh <= b->nsh ? a : b, *big = small == a ? b : a;
    /* cheap test first: most of the smaller text's lowest hashes must be
     * in the other text for either threshold to be reachable */
    size_t k = small->nsh < SAMPLE ? small->nsh : SAMPLE, hits = 0;
    for (size_t i = 0; i < k; i++)
        hits += has(big, small->sh[i]);
    if (hits * 2 < k)
        return 0;
    double jac, con;
    overlap(a, b, &jac, &con);
    *sim = jac;
    return jac >= NEAR_JACCARD || (con >= NEAR_CONTAIN && small->nsh >= MIN_SHINGLES);
}

int canon_dedup_build(index_db *db, td_err *e)
{
    sqlite3 *s = index_sqlite(db);
    sqlite3_stmt *st = NULL, *ins = NULL;
    ddoc *d = NULL;
    size_t n = 0, cap = 0;
    int rc = TD_OK;
    if (sqlite3_prepare_v2(s, "SELECT id, text, published FROM documents ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return index_db_error(db, e, "cannot read documents");
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            d = td_xrealloc(d, cap * sizeof *d);
        }
        ddoc *x = &d[n];
        memset(x, 0, sizeof *x);
        x->id = (long)sqlite3_column_int64(st, 0);
        const char *text = (const char *)sqlite3_column_text(st, 1);
        const char *pub = (const char *)sqlite3_column_text(st, 2);
        x->published = pub && *pub ? td_xstrdup(pub) : NULL;
        x->parent = n;
        shingle(x, text ? text : "");
        n++;
    }
    sqlite3_finalize(st);

    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double sim = 0;
            if (strcmp(d[i].hash, d[j].hash) == 0 || near_copy(&d[i], &d[j], &sim)) {
                size_t a = find(d, i), b = find(d, j);
                if (a != b) {
                    /* the root is the group's canonical document */
                    if (better(&d[a], &d[b]))
                        d[b].parent = a;
                    else
                        d[a].parent = b;
                }
            }
        }

    if (sqlite3_prepare_v2(s, "INSERT INTO canon_doc(doc_id, canon_id, kind, similarity) "
                              "VALUES (?1, ?2, ?3, ?4)", -1, &ins, NULL) != SQLITE_OK) {
        rc = index_db_error(db, e, "cannot write canon_doc");
        goto done;
    }
    for (size_t i = 0; i < n && rc == TD_OK; i++) {
        size_t r = find(d, i);
        const char *kind = "self";
        double sim = 1;
        if (r != i) {
            if (strcmp(d[i].hash, d[r].hash) == 0) {
                kind = "exact";
            } else {
                double con;
                overlap(&d[i], &d[r], &sim, &con);
                kind = "near";
            }
        }
        sqlite3_bind_int64(ins, 1, d[i].id);
        sqlite3_bind_int64(ins, 2, d[r].id);
        sqlite3_bind_text(ins, 3, kind, -1, SQLITE_STATIC);
        sqlite3_bind_double(ins, 4, sim);
        if (sqlite3_step(ins) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_doc");
        sqlite3_reset(ins);
    }
done:
    sqlite3_finalize(ins);
    for (size_t i = 0; i < n; i++) {
        free(d[i].published);
        free(d[i].sh);
    }
    free(d);
    return rc;
}

int canon_doc_copies(index_db *db, long doc_id, canon_doc_copy **out,
                     size_t *n, td_err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3 *s = index_sqlite(db);
    sqlite3_stmt *st = NULL;
    const char *sql =
        "SELECT c.doc_id, d.path, c.kind, c.similarity FROM canon_doc c "
        "JOIN documents d ON d.id = c.doc_id "
        "WHERE c.canon_id = (SELECT canon_id FROM canon_doc WHERE doc_id = ?1) "
        "AND c.doc_id != ?1 ORDER BY c.kind = 'self' DESC, c.doc_id";
    if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK) {
        /* no canon tables yet: no copies known */
        if (sqlite3_table_column_metadata(s, NULL, "canon_doc", "doc_id", NULL,
                                          NULL, NULL, NULL, NULL) != SQLITE_OK)
            return TD_OK;
        return index_db_error(db, e, "cannot read copies");
    }
    sqlite3_bind_int64(st, 1, doc_id);
    size_t cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 4;
            *out = td_xrealloc(*out, cap * sizeof **out);
        }
        canon_doc_copy *c = &(*out)[(*n)++];
        c->doc_id = (long)sqlite3_column_int64(st, 0);
        c->path = td_xstrdup((const char *)sqlite3_column_text(st, 1));
        const char *kind = (const char *)sqlite3_column_text(st, 2);
        c->canonical = strcmp(kind, "self") == 0;
        c->similarity = sqlite3_column_double(st, 3);
        if (c->canonical) {
            /* describe the copy relation from doc_id's side */
            sqlite3_stmt *k = NULL;
            c->kind = NULL;
            if (sqlite3_prepare_v2(s, "SELECT kind, similarity FROM canon_doc WHERE doc_id = ?1",
                                   -1, &k, NULL) == SQLITE_OK) {
                sqlite3_bind_int64(k, 1, doc_id);
                if (sqlite3_step(k) == SQLITE_ROW) {
                    c->kind = td_xstrdup((const char *)sqlite3_column_text(k, 0));
                    c->similarity = sqlite3_column_double(k, 1);
                }
            }
            sqlite3_finalize(k);
            if (!c->kind)
                c->kind = td_xstrdup("near");
        } else {
            c->kind = td_xstrdup(kind);
        }
    }
    sqlite3_finalize(st);
    return TD_OK;
}

void canon_doc_copies_free(canon_doc_copy *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(c[i].path);
        free(c[i].kind);
    }
    free(c);
}
