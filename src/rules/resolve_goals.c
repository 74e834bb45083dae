/* resolve_goals.c - the goals pledged, one fact per goal.
 *
 * Goal regions from the rules are split into items; a weaker region inside
 * a stronger one, a quoted movement repeated inside another goal and
 * clauses that are never goals are dropped.  Part of resolve.c's work
 * (resolve_int.h).
 */
#include "rules/resolve_int.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "normalize/normalize.h"

/* ---- goals --------------------------------------------------------------- */

typedef struct gitem { size_t s, e; const cand *c; int drop; size_t rs, re; } gitem;

static int cmp_gitem(const void *a, const void *b)
{
    const gitem *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    return x->e > y->e ? -1 : x->e < y->e;
}

static int cmp_region(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->s < y->s ? -1 : x->s > y->s;
}

static int cmp_int_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x > y ? -1 : x < y;
}

/* Inside the region of a stronger rule only that rule's items count
 * (quoted movement names excepted: they replace their container): drop
 * every item that overlaps the region of an item of a higher priority.
 * For each priority the stronger regions are sorted by start, with the
 * furthest end reached so far, so each item is one binary search. */
static void drop_weaker_goals(gitem *g, size_t n)
{
    if (n < 2)
        return;
    int *prios = td_xmalloc(n * sizeof *prios);
    for (size_t i = 0; i < n; i++)
        prios[i] = g[i].c->r->prio;
    qsort(prios, n, sizeof *prios, cmp_int_desc);
    span *reg = td_xmalloc(n * sizeof *reg);
    size_t *reach = td_xmalloc(n * sizeof *reach);
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && prios[k] == prios[k - 1])
            continue;
        int p = prios[k];
        size_t nr = 0;
        for (size_t j = 0; j < n; j++)
            if (g[j].c->r->prio > p)
                reg[nr++] = (span){g[j].rs, g[j].re};
        if (!nr)
            continue;
        qsort(reg, nr, sizeof *reg, cmp_region);
        for (size_t j = 0; j < nr; j++)
            reach[j] = j && reach[j - 1] > reg[j].e ? reach[j - 1] : reg[j].e;
        for (size_t i = 0; i < n; i++) {
            if (g[i].c->r->prio != p || g[i].c->r->split == SPLIT_QUOTED)
                continue;
            size_t lo = 0, hi = nr;   /* regions starting before the item's end */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (reg[mid].s < g[i].e)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo && reach[lo - 1] > g[i].s)
                g[i].drop = 1;
        }
    }
    free(prios);
    free(reg);
    free(reach);
}

void rules_res_goals(ctx *x)
{
    docinfo *di = x->di;
    gitem *g = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        if (c->r->kind != TD_FACT_GOAL)
            continue;
        size_t s, e;
        if (!rules_cand_group(c, "list", &s, &e) && !rules_cand_group(c, "text", &s, &e))
            continue;
        /* goals fronted by a year ("Năm 2024, các đơn vị tập trung ...")
         * are pledges only for the pledge year; others report the past */
        long gy = rules_res_year_of(x, c, "year");
        /* ... or, at a review, for the year after the one reviewed */
        if (gy && gy != x->pledge_year && !(x->reviewed_year && gy == x->reviewed_year + 1))
            continue;
        span_list items = {0};
        if (c->r->split == SPLIT_NONE) {
            rules_trim_span(di->d->fold, &s, &e);
            if (e > s)
                rules_span_push(&items, s, e);
        } else {
            rules_split_goals(di, c->r->split, s, e, c->r->cont, &items);
        }
        for (size_t k = 0; k < items.n; k++) {
            if (n == cap) {
                cap = cap ? 2 * cap : 16;
                g = td_xrealloc(g, cap * sizeof *g);
            }
            g[n++] = (gitem){items.v[k].s, items.v[k].e, c, 0, s, e};
        }
        free(items.v);
    }
    drop_weaker_goals(g, n);
    if (n)
        qsort(g, n, sizeof *g, cmp_gitem);
    /* a goal that holds two or more others is a container: keep the parts;
     * one that holds a single other is kept and the part dropped; partial
     * overlaps keep the first.  In start order (then longest first) the
     * goals a goal holds come right after it, and the ones it overlaps
     * too: the scans stop at its end. */
    for (size_t i = 0; i < n; i++) {
        if (g[i].drop)
            continue;
        size_t inner = 0;
        for (size_t j = i + 1; j < n && g[j].s <= g[i].e && inner < 2; j++)
            if (!g[j].drop && g[j].e <= g[i].e && !(g[j].s == g[i].s && g[j].e == g[i].e))
                inner++;
        if (inner >= 2) {
            g[i].drop = 1;
            continue;
        }
        for (size_t j = i + 1; j < n && g[j].s < g[i].e; j++)
            g[j].drop = 1;
    }
    /* a quoted movement name that another goal states with its words
     * ("đẩy mạnh phong trào thi đua “X” năm 2024") or that is quoted again
     * is that goal, not a second one */
    const char *f = di->d->fold;
    for (size_t i = 0; i < n; i++) {
        if (g[i].drop || g[i].c->r->split != SPLIT_QUOTED)
            continue;
        size_t a = g[i].s, z = g[i].e;
        while (a < z && (f[a] == '"' || f[a] == ' '))
            a++;
        while (z > a && (f[z - 1] == '"' || f[z - 1] == ' '))
            z--;
        size_t len = z - a;
        for (size_t j = 0; j < n && !g[i].drop && len; j++) {
            if (j == i || g[j].drop || g[j].e - g[j].s < len)
                continue;
            if (g[j].c->r->split == SPLIT_QUOTED && g[j].s > g[i].s)
                continue;          /* of two equal names, the first stays */
            for (size_t q = g[j].s; q + len <= g[j].e; q++)
                if (memcmp(f + q, f + a, len) == 0) {
                    g[i].drop = 1;
                    break;
                }
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (g[i].drop)
            continue;
        const char *v = rules_orig_str(di, g[i].s, g[i].e);
        if (rules_res_fact_known(x, TD_FACT_GOAL, v))
            continue;
        size_t ss, se;
        rules_di_sentence(di, g[i].s, &ss, &se);
        rules_res_add_fact(x, TD_FACT_GOAL, v, NULL, 0, 0, g[i].c->r->id, g[i].s, g[i].e, ss,
                 se > g[i].e ? se : g[i].e);
    }
    free(g);
}
