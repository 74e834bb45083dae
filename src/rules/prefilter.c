/* prefilter.c - skip the costly rule patterns where they cannot match.
 *
 * Profiling (perf, per-rule clocks) showed nearly all the time of the
 * rules in PCRE2 running doc-scope patterns that open with a long name
 * group, {UNIT} (up to 15 words, a lookahead at each) or {PNAME}: PCRE2
 * tries that group at every byte of the sentence, and ~92% of that time
 * is spent in runs that find no match at all.
 *
 * Such a pattern P = G S (G its leading top-level groups, S the rest)
 * gets a probe: S compiled alone, with the same options.  A match of P
 * starting at p is G matching [p, u) then S matching from u >= p, over the
 * same subject, so lookarounds and callouts inside S see what they saw in
 * P.  Hence when S has no match starting at or after the start offset,
 * neither has P, and P is not run.  S opens with the literal words after
 * the name, which PCRE2 finds fast.  A probe is only made when the
 * pattern has no top-level alternation, no back reference or subroutine
 * call (S must not refer to G) and no option setting at top level.
 *
 * (Vectorscan in prefilter mode was tried first: it rejects start offsets
 * in prefilter mode, and compiling these Unicode patterns took 0.1-3 s
 * each, over 10 s for most {UNIT} ones, so it cannot be built at load.)
 *
 * The probes are compiled once at load and only read afterwards: any
 * number of threads may share them.
 */
#include "rules/rules_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a leading group this long (expanded bytes) is worth probing around */
#define PF_MIN_GROUP 200

typedef struct pf_probe {
    const pcre2_code *re;      /* the pattern */
    pcre2_code *probe;         /* what must match after its leading groups */
} pf_probe;

struct rules_pf {
    pf_probe *v;               /* sorted by re */
    size_t n;
};

/* Length of the group opening at p, to its closing parenthesis included
 * (escapes and classes skipped); 0 when it does not close. */
static size_t group_len(const char *p)
{
    int depth = 0, incls = 0;
    for (const char *q = p; *q; q++) {
        if (*q == '\\' && q[1]) {
            q++;
            continue;
        }
        if (incls) {
            if (*q == '[' && q[1] == ':') {          /* [:alpha:] */
                const char *z = strstr(q, ":]");
                if (z)
                    q = z + 1;
                continue;
            }
            if (*q == ']')
                incls = 0;
            continue;
        }
        if (*q == '[') {
            incls = 1;
            if (q[1] == '^')
                q++;
            if (q[1] == ']')
                q++;
        } else if (*q == '(') {
            depth++;
        } else if (*q == ')' && --depth == 0) {
            return (size_t)(q - p) + 1;
        }
    }
    return 0;
}

/* Length of a quantifier at p (with its lazy/possessive mark), 0 if none. */
static size_t quant_len(const char *p)
{
    size_t k = 0;
    if (*p == '*' || *p == '+' || *p == '?') {
        k = 1;
    } else if (*p == '{') {
        const char *q = p + 1;
        while ((*q >= '0' && *q <= '9') || *q == ',')
            q++;
        if (*q == '}' && q > p + 1 && (p[1] != ',' || q > p + 2))
            k = (size_t)(q - p) + 1;
    }
    if (k && (p[k] == '?' || p[k] == '+'))
        k++;
    return k;
}

/* Anything in src that could tie the rest of a pattern to its leading
 * groups, or make a split unsound: back references, subroutine calls,
 * recursion, branch reset, verbs, \K. */
static int unsplittable(const char *src)
{
    for (const char *p = src; *p; p++) {
        if (*p == '\\' && p[1]) {
            if (strchr("gkK123456789", p[1]))
                return 1;
            p++;
            continue;
        }
        if (p[0] == '(' && p[1] == '*')
            return 1;
        if (p[0] == '(' && p[1] == '?' &&
            (strchr("PR&|+-0123456789", p[2]) != NULL))
            return 1;
    }
    return 0;
}

/* Where the probe of src starts (the offset after its long leading
 * groups), or 0 for no probe. */
static size_t split_at(const char *src)
{
    if (unsplittable(src))
        return 0;
    size_t off = 0;
    for (;;) {
        const char *p = src + off;
        if (p[0] != '(')
            break;
        /* a capturing or non-capturing group; not a lookaround, an
         * option setting or a conditional */
        int plain = p[1] != '?' || p[2] == ':' ||
                    (p[2] == '<' && p[3] != '=' && p[3] != '!') || p[2] == '\'';
        if (!plain)
            break;
        size_t g = group_len(p);
        if (g < PF_MIN_GROUP)
            break;
        off += g + quant_len(p + g);
    }
    if (off == 0 || !src[off])
        return 0;
    /* the rest must be one branch: a top-level | would bind G to its
     * first alternative only */
    for (const char *p = src + off; *p;) {
        if (*p == '\\' && p[1]) {
            p += 2;
            continue;
        }
        if (*p == '(') {
            size_t g = group_len(p);
            if (!g)
                return 0;
            p += g;
            continue;
        }
        if (*p == '[') {                  /* a class: skip it like a group */
            const char *q = p + 1;
            if (*q == '^')
                q++;
            if (*q == ']')
                q++;
            while (*q && *q != ']') {
                if (*q == '\\' && q[1])
                    q++;
                else if (*q == '[' && q[1] == ':') {
                    const char *z = strstr(q, ":]");
                    if (z)
                        q = z + 1;
                }
                q++;
            }
            if (!*q)
                return 0;
            p = q + 1;
            continue;
        }
        if (*p == '|' || *p == ')')
            return 0;
        p++;
    }
    /* and so must the part before it */
    for (const char *p = src; p < src + off;) {
        size_t g = group_len(p);
        if (!g)
            return 0;
        p += g + quant_len(p + g);
    }
    return off;
}

static int cmp_probe(const void *a, const void *b)
{
    const pf_probe *x = a, *y = b;
    return x->re < y->re ? -1 : x->re > y->re;
}

static int debug_on(void)
{
    const char *d = getenv("THIDUA_PREFILTER_DEBUG");
    return d && *d && strcmp(d, "0") != 0;
}

int rules_pf_build(rules_set *rs, td_err *e)
{
    (void)e;
    const char *off = getenv("THIDUA_NO_PREFILTER");
    if (off && *off && strcmp(off, "0") != 0)
        return TD_OK;
    int dbg = debug_on();
    rules_pf *pf = td_xcalloc(1, sizeof *pf);
    size_t cap = 0, npat = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        const rule *r = &rs->rules[i];
        if (r->scope != SCOPE_DOC || r->kind == TD_FACT_TITLE)
            continue;       /* the others run on a block or a span, anchored */
        for (size_t k = 0; k < r->npats; k++) {
            npat++;
            td_buf x = TD_BUF_INIT;
            char err[300];
            if (!rules_expand(rs, r->srcs[k], &x, err, sizeof err) || !x.ptr) {
                td_buf_free(&x);
                continue;   /* cannot happen: it compiled */
            }
            size_t at = split_at(x.ptr);
            pcre2_code *probe = NULL;
            if (at) {
                int ec;
                PCRE2_SIZE eo;
                probe = pcre2_compile((PCRE2_SPTR)x.ptr + at, x.len - at, RULES_PCRE2_OPTIONS,
                                      &ec, &eo, NULL);
                if (probe)
                    pcre2_jit_compile(probe, PCRE2_JIT_COMPLETE);
            }
            if (dbg)
                fprintf(stderr, "prefilter: %s #%zu: %s\n", r->id, k + 1,
                        !at ? "run alone" : probe ? "probed" : "probe does not compile, run alone");
            td_buf_free(&x);
            if (!probe)
                continue;
            if (pf->n == cap) {
                cap = cap ? 2 * cap : 32;
                pf->v = td_xrealloc(pf->v, cap * sizeof *pf->v);
            }
            pf->v[pf->n++] = (pf_probe){r->pats[k], probe};
        }
    }
    if (dbg)
        fprintf(stderr, "prefilter: %zu of %zu doc-scope patterns probed\n", pf->n, npat);
    if (pf->n)
        qsort(pf->v, pf->n, sizeof *pf->v, cmp_probe);
    rs->pf = pf;
    return TD_OK;
}

void rules_pf_free(rules_pf *pf)
{
    if (!pf)
        return;
    for (size_t i = 0; i < pf->n; i++)
        pcre2_code_free(pf->v[i].probe);
    free(pf->v);
    free(pf);
}

static const pcre2_code *probe_of(const rules_pf *pf, const pcre2_code *re)
{
    size_t lo = 0, hi = pf ? pf->n : 0;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (pf->v[mid].re < re)
            lo = mid + 1;
        else
            hi = mid;
    }
    return pf && lo < pf->n && pf->v[lo].re == re ? pf->v[lo].probe : NULL;
}

int rules_pf_match(const docinfo *di, const pcre2_code *re, size_t e, size_t start,
                   uint32_t opts, pcre2_match_data *md)
{
    const PCRE2_SPTR f = (PCRE2_SPTR)di->d->fold;
    const pcre2_code *probe = probe_of(di->rs->pf, re);
    /* anchored, the probe may start anywhere after start: no gain */
    if (probe && !(opts & PCRE2_ANCHORED) &&
        pcre2_match(probe, f, e, start, opts, md, di->mctx) == PCRE2_ERROR_NOMATCH)
        return PCRE2_ERROR_NOMATCH;
    return pcre2_match(re, f, e, start, opts, md, di->mctx);
}
