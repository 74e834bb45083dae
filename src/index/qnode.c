/* qnode.c - query nodes: building them, expanding abbreviations, and
 * rendering them as FTS5 MATCH text over folded or exact tokens.
 *
 * A bare word run, a phrase or a NEAR term that names an abbreviation or
 * one of its expansions (rules/abbrev.tsv, province spellings) becomes the
 * OR of every equivalent form; unquoted words also keep matching one by
 * one.  A date written d/m/y or "d tháng m năm y" becomes both.  In exact
 * expressions only the words typed with diacritics ask for their exact
 * form.  In the strict reading (R_STRICT) such a word matches its exact
 * form, its other i/y spelling (ký/kí) or its bare form in a text typed
 * without diacritics: a term becomes the OR of those phrases (FTS5 phrases
 * hold no OR), a NEAR the OR of those NEARs; abbreviation forms and dates
 * stay folded.  The parser is query.c.
 *
 * One file although it passes 600 lines: building, expanding and rendering
 * work on one node tree and share its helpers (a phrase is expanded into
 * rendered forms, render_word serves both, key_marked decides exact forms
 * in each), so a split would export most of the statics.
 */
#include "index/query_int.h"

#include <stdlib.h>
#include <string.h>

#include "normalize/normalize.h"

/* mgroup value of a date written in words (plus its kind), not a group */
#define DATE_GROUP ((size_t)-8)

/* ---- building nodes -------------------------------------------------------- */

qnode *index_qnode_new(parser *p, qkind k)
{
    qnode *nd = td_arena_alloc(p->arena, sizeof *nd);
    nd->kind = k;
    return nd;
}

typedef struct words {
    parser *p;
    char **fw, **xw;
    size_t n, cap;
    size_t start, end;   /* where the last word stands in the text */
} words;

static int collect_word(void *ctx, const char *f, size_t nf, const char *x,
                        size_t nx, size_t start, size_t end)
{
    words *w = ctx;
    w->start = start;
    w->end = end;
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 8;
        w->fw = td_xrealloc(w->fw, w->cap * sizeof *w->fw);
        w->xw = td_xrealloc(w->xw, w->cap * sizeof *w->xw);
    }
    w->fw[w->n] = td_arena_strndup(w->p->arena, f, nf);
    w->xw[w->n] = x ? td_arena_strndup(w->p->arena, x, nx) : w->fw[w->n];
    w->n++;
    return 0;
}

/* The number a folded word holds, or -1 when it is not all digits. */
static long number_of(const char *w)
{
    if (!*w || strspn(w, "0123456789") != strlen(w) || strlen(w) > 6)
        return -1;
    return strtol(w, NULL, 10);
}

/* Which date the numbers w[0..n) written d/m/y, d/m or m/y make: 3 for
 * d/m/y, 2 for d/m, 1 for m/y, 0 for none. */
static int date_kind(char **w, size_t n)
{
    long a = n >= 2 ? number_of(w[0]) : -1, b = n >= 2 ? number_of(w[1]) : -1;
    if (a < 0 || b < 0 || n > 3)
        return 0;
    if (n == 3)
        return a >= 1 && a <= 31 && b >= 1 && b <= 12 && number_of(w[2]) >= 0 ? 3 : 0;
    if (a >= 1 && a <= 31 && b >= 1 && b <= 12)
        return 2;
    return a >= 1 && a <= 12 && b >= 1900 && b <= 2100 ? 1 : 0;
}

/* A date written with slashes (22/02/2024, 14/7, 02/2024) or in words
 * (22 tháng 2 năm 2024) is found either way: the ALT of both phrases.
 * fw holds its numbers (nw of them, kind from date_kind). */
static qnode *date_alt(parser *p, char **fw, int kind)
{
    td_buf a = TD_BUF_INIT, b = TD_BUF_INIT;
    if (kind == 3) {
        td_buf_printf(&a, "%s %s %s", fw[0], fw[1], fw[2]);
        td_buf_printf(&b, "%s thang %s nam %s", fw[0], fw[1], fw[2]);
    } else if (kind == 2) {
        td_buf_printf(&a, "%s %s", fw[0], fw[1]);
        td_buf_printf(&b, "%s thang %s", fw[0], fw[1]);
    } else {
        td_buf_printf(&a, "%s %s", fw[0], fw[1]);
        td_buf_printf(&b, "thang %s nam %s", fw[0], fw[1]);
    }
    qnode *alt = index_qnode_new(p, Q_ALT);
    alt->alt_f = td_arena_alloc(p->arena, 2 * sizeof *alt->alt_f);
    alt->alt_x = td_arena_alloc(p->arena, 2 * sizeof *alt->alt_x);
    alt->alt_f[0] = alt->alt_x[0] = td_arena_strdup(p->arena, a.ptr);
    alt->alt_f[1] = alt->alt_x[1] = td_arena_strdup(p->arena, b.ptr);
    alt->nalt = 2;
    td_buf_free(&a);
    td_buf_free(&b);
    return alt;
}

/* The length of a date written in words at fw[i..n) ("22 thang 2",
 * "22 thang 2 nam 2024", "thang 2 nam 2024") and its kind, or 0. */
static size_t date_words_at(char **fw, size_t n, size_t i, int *kind, char **num)
{
    if (i + 3 <= n && strcmp(fw[i], "thang") != 0 && strcmp(fw[i + 1], "thang") == 0) {
        num[0] = fw[i];
        num[1] = fw[i + 2];
        if (i + 5 <= n && strcmp(fw[i + 3], "nam") == 0) {
            num[2] = fw[i + 4];
            if ((*kind = date_kind(num, 3)) == 3)
                return 5;
        }
        if ((*kind = date_kind(num, 2)) == 2)
            return 3;
    }
    if (i + 4 <= n && strcmp(fw[i], "thang") == 0 && strcmp(fw[i + 2], "nam") == 0) {
        num[0] = fw[i + 1];
        num[1] = fw[i + 3];
        if ((*kind = date_kind(num, 2)) == 1)
            return 4;
    }
    return 0;
}

static int key_marked(const char *x);

/* A term from text, or NULL when the text holds no word. */
qnode *index_qnode_term(parser *p, const char *s, size_t n, int prefix, int quoted)
{
    words w = {p, NULL, NULL, 0, 0, 0, 0};
    index_split(s, n, collect_word, &w);
    if (w.n == 0) {
        free(w.fw);
        free(w.xw);
        return NULL;
    }
    int kind = prefix || strspn(s, "0123456789/-.") < n ? 0 : date_kind(w.fw, w.n);
    if (kind) {
        qnode *alt = date_alt(p, w.fw, kind);
        free(w.fw);
        free(w.xw);
        return alt;
    }
    qnode *t = index_qnode_new(p, Q_TERM);
    t->fw = td_arena_alloc(p->arena, w.n * sizeof *t->fw);
    t->xw = td_arena_alloc(p->arena, w.n * sizeof *t->xw);
    memcpy(t->fw, w.fw, w.n * sizeof *t->fw);
    memcpy(t->xw, w.xw, w.n * sizeof *t->xw);
    t->nwords = w.n;
    t->prefix = prefix;
    t->quoted = quoted;
    if (prefix && key_marked(w.xw[w.n - 1])) {
        /* the start of a word typed with diacritics, lowercase NFC as
         * typed: its key placed the tone as in a complete syllable */
        td_buf raw = TD_BUF_INIT;
        norm_lower(s + w.start, w.end - w.start, &raw);
        if (raw.ptr && strcmp(raw.ptr, w.xw[w.n - 1]) != 0)
            t->praw = td_arena_strdup(p->arena, raw.ptr);
        td_buf_free(&raw);
    }
    free(w.fw);
    free(w.xw);
    return t;
}

static qnode *word_term(parser *p, char *f, char *x)
{
    qnode *t = index_qnode_new(p, Q_TERM);
    t->fw = td_arena_alloc(p->arena, sizeof *t->fw);
    t->xw = td_arena_alloc(p->arena, sizeof *t->xw);
    t->fw[0] = f;
    t->xw[0] = x;
    t->nwords = 1;
    return t;
}

qnode *index_qnode_list(parser *p, qkind k, qnode **kids, size_t n)
{
    if (n == 1)
        return kids[0];
    qnode *nd = index_qnode_new(p, k);
    nd->kids = td_arena_alloc(p->arena, n * sizeof *nd->kids);
    memcpy(nd->kids, kids, n * sizeof *kids);
    nd->nkids = n;
    return nd;
}

/* 1 when the exact key x of a word holds a diacritic (or đ): the words a
 * user typed "with diacritics", whose exact form ranks documents. */
static int key_marked_n(const char *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)x[i] >= 0x80)
            return 1;
    return 0;
}

static int key_marked(const char *x)
{
    return key_marked_n(x, strlen(x));
}

/* 1 when one of the words w[0..n) was typed with diacritics. */
static int words_marked(char **fw, char **xw, size_t n)
{
    (void)fw;
    for (size_t i = 0; i < n; i++)
        if (key_marked(xw[i]))
            return 1;
    return 0;
}

static void render_word(const char *f, size_t nf, const char *x, size_t nx,
                        int exact, td_buf *b);

/* ---- abbreviations --------------------------------------------------------- */

/* A quoted phrase holding an abbreviation or an expansion becomes the OR
 * of its variants (each match replaced by each equivalent form). */
static qnode *expand_phrase(parser *p, qnode *t)
{
    if (!p->ab || t->prefix)
        return t;
    char *vf[MAX_VARIANTS], *vx[MAX_VARIANTS];
    size_t nv = 1, any = 0;
    vf[0] = vx[0] = NULL;
    td_buf bf = TD_BUF_INIT, bx = TD_BUF_INIT;
    for (size_t i = 0; i < t->nwords;) {
        size_t g = 0, m = index_abbrev_match(p->ab, t->fw, t->nwords, i, &g);
        const char *const *ff, *const *fx;
        size_t nf = 1;
        const char *one_f = t->fw[i], *one_x = t->xw[i];
        if (m > 0) {
            nf = index_abbrev_forms(p->ab, g, &ff, &fx);
            if (nv * nf > MAX_VARIANTS)
                m = 0, nf = 1;
        }
        if (m == 0) {
            ff = &one_f;
            fx = &one_x;
            m = 1;
        } else {
            any = 1;
        }
        char *nvf[MAX_VARIANTS], *nvx[MAX_VARIANTS];
        size_t nn = 0;
        for (size_t a = 0; a < nv; a++) {
            for (size_t k = 0; k < nf; k++) {
                td_buf_clear(&bf);
                td_buf_clear(&bx);
                if (vf[a]) {
                    td_buf_puts(&bf, vf[a]);
                    td_buf_putc(&bf, ' ');
                    td_buf_puts(&bx, vx[a]);
                    td_buf_putc(&bx, ' ');
                }
                td_buf_puts(&bf, ff[k]);
                td_buf_puts(&bx, fx[k]);
                nvf[nn] = td_arena_strdup(p->arena, bf.ptr);
                nvx[nn] = td_arena_strdup(p->arena, bx.ptr);
                nn++;
            }
        }
        memcpy(vf, nvf, nn * sizeof *vf);
        memcpy(vx, nvx, nn * sizeof *vx);
        nv = nn;
        i += m;
    }
    td_buf_free(&bf);
    td_buf_free(&bx);
    if (!any)
        return t;
    qnode *alt = index_qnode_new(p, Q_ALT);
    alt->col = t->col;
    alt->marked = words_marked(t->fw, t->xw, t->nwords);
    alt->alt_f = td_arena_alloc(p->arena, nv * sizeof *alt->alt_f);
    alt->alt_x = td_arena_alloc(p->arena, nv * sizeof *alt->alt_x);
    memcpy(alt->alt_f, vf, nv * sizeof *vf);
    memcpy(alt->alt_x, vx, nv * sizeof *vx);
    alt->nalt = nv;
    return alt;
}

static qnode *alt_of(parser *p, size_t g, char **fw, char **xw, size_t m);

/* Unquoted words covered by a form keep matching wherever they stand: the
 * AND of the n words fw/xw, shorter abbreviations inside still expanded
 * ("Đoàn TNCS": đoàn, and TNCS or Thanh niên Cộng sản). */
static qnode *fallback(parser *p, char **fw, char **xw, size_t n)
{
    qnode *kids[64];
    size_t nk = 0;
    for (size_t i = 0; i < n && nk < 64;) {
        size_t g = 0, m = index_abbrev_match_max(p->ab, fw, n, i, n - 1, &g);
        if (m == 0) {
            kids[nk++] = word_term(p, fw[i], xw[i]);
            i++;
        } else {
            kids[nk++] = alt_of(p, g, fw + i, xw + i, m);
            i += m;
        }
    }
    return index_qnode_list(p, Q_AND, kids, nk);
}

/* The alternatives of group g for the m words fw/xw that matched it. */
static qnode *alt_of(parser *p, size_t g, char **fw, char **xw, size_t m)
{
    qnode *alt = index_qnode_new(p, Q_ALT);
    const char *const *ff, *const *fx;
    size_t nf = index_abbrev_forms(p->ab, g, &ff, &fx);
    alt->alt_f = td_arena_alloc(p->arena, nf * sizeof *alt->alt_f);
    alt->alt_x = td_arena_alloc(p->arena, nf * sizeof *alt->alt_x);
    for (size_t a = 0; a < nf; a++) {
        alt->alt_f[a] = td_arena_strdup(p->arena, ff[a]);
        alt->alt_x[a] = td_arena_strdup(p->arena, fx[a]);
    }
    alt->nalt = nf;
    alt->marked = words_marked(fw, xw, m);
    if (m > 1)
        alt->fallback = fallback(p, fw, xw, m);
    return alt;
}

static int is_bare(const qnode *t)
{
    return t->kind == Q_TERM && !t->quoted && !t->prefix && t->col == 0;
}

/* Expand abbreviations in the run ops[s..e) of bare terms, appending the
 * resulting operands to out. */
static void expand_run(parser *p, qnode **ops, size_t s, size_t e,
                       qnode **out, size_t *nout)
{
    size_t total = 0;
    for (size_t i = s; i < e; i++)
        total += ops[i]->nwords;
    char **fw = td_xmalloc((total + 1) * sizeof *fw);
    char **xw = td_xmalloc((total + 1) * sizeof *xw);
    size_t *mlen = td_xcalloc(total + 1, sizeof *mlen);
    size_t *mgroup = td_xcalloc(total + 1, sizeof *mgroup);
    char *covered = td_xcalloc(total + 1, 1);
    size_t k = 0;
    for (size_t i = s; i < e; i++)
        for (size_t j = 0; j < ops[i]->nwords; j++, k++) {
            fw[k] = ops[i]->fw[j];
            xw[k] = ops[i]->xw[j];
        }
    for (size_t i = 0; i < total;) {
        size_t g = 0, m = index_abbrev_match(p->ab, fw, total, i, &g);
        char *num[3];
        int kind = 0;
        size_t dm = date_words_at(fw, total, i, &kind, num);
        if (dm > m) {
            m = dm;
            g = DATE_GROUP + (size_t)kind;
        }
        if (m == 0) {
            i++;
            continue;
        }
        mlen[i] = m;
        mgroup[i] = g;
        memset(covered + i, 1, m);
        i += m;
    }
    size_t w = 0;
    for (size_t i = s; i < e; i++) {
        size_t first = w, last = w + ops[i]->nwords;
        int touched = 0;
        for (size_t j = first; j < last; j++)
            touched |= covered[j];
        if (!touched) {
            out[(*nout)++] = ops[i];
            w = last;
            continue;
        }
        for (size_t j = first; j < last; j++) {
            if (mlen[j] && mgroup[j] >= DATE_GROUP) {
                char *num[3];
                int kind = 0;
                date_words_at(fw, total, j, &kind, num);
                out[(*nout)++] = date_alt(p, num, kind);
            } else if (mlen[j]) {
                out[(*nout)++] = alt_of(p, mgroup[j], fw + j, xw + j, mlen[j]);
            } else if (!covered[j]) {
                out[(*nout)++] = word_term(p, fw[j], xw[j]);
            }
        }
        w = last;
    }
    free(fw);
    free(xw);
    free(mlen);
    free(mgroup);
    free(covered);
}

/* Record the words of ops[0..n) as a phrase: documents holding the words
 * side by side, as typed, rank above those holding them apart.  When some
 * were typed with diacritics, each pair of neighbours holding one is also
 * recorded in that exact form: documents with the diacritics at the
 * matched spot rank first ("hội nghị", not "thu hồi. Nghị" and a "Hội"
 * elsewhere), pairs rather than the whole run so that a long query still
 * tells them apart. */
static void add_boost(parser *p, qnode **ops, size_t n)
{
    if (p->nboost >= MAX_EXACT)
        return;
    td_buf b = TD_BUF_INIT, x = TD_BUF_INIT;
    const char *pf = NULL, *px = NULL;
    td_buf_putc(&b, '"');
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < ops[i]->nwords; j++) {
            const char *f = ops[i]->fw[j], *k = ops[i]->xw[j];
            if (b.len > 1)
                td_buf_putc(&b, ' ');
            td_buf_puts(&b, f);
            if (pf && (key_marked(px) || key_marked(k)) && p->nxboost < MAX_EXACT) {
                td_buf_clear(&x);
                td_buf_putc(&x, '"');
                render_word(pf, strlen(pf), px, strlen(px), 1, &x);
                td_buf_putc(&x, ' ');
                render_word(f, strlen(f), k, strlen(k), 1, &x);
                td_buf_putc(&x, '"');
                int dup = 0;
                for (size_t d = 0; d < p->nxboost && !dup; d++)
                    dup = strcmp(p->xboost[d], x.ptr) == 0;
                if (!dup) {
                    if (!p->xboost)
                        p->xboost = td_xcalloc(MAX_EXACT, sizeof *p->xboost);
                    p->xboost[p->nxboost++] = td_xstrdup(x.ptr);
                }
            }
            pf = f;
            px = k;
        }
    td_buf_putc(&b, '"');
    if (!p->boost)
        p->boost = td_xcalloc(MAX_EXACT, sizeof *p->boost);
    p->boost[p->nboost++] = td_buf_detach(&b);
    td_buf_free(&x);
}

/* A term for one abbreviation form: folded and exact words, each joined
 * by single spaces. */
static qnode *form_term(parser *p, const char *f, const char *x)
{
    size_t n = 1;
    for (const char *c = f; *c; c++)
        n += *c == ' ';
    qnode *t = index_qnode_new(p, Q_TERM);
    t->fw = td_arena_alloc(p->arena, n * sizeof *t->fw);
    t->xw = td_arena_alloc(p->arena, n * sizeof *t->xw);
    for (size_t i = 0; i < n; i++) {
        size_t nf = strcspn(f, " "), nx = strcspn(x, " ");
        t->fw[i] = td_arena_strndup(p->arena, f, nf);
        t->xw[i] = td_arena_strndup(p->arena, x, nx);
        f += nf + (f[nf] == ' ');
        x += nx + (x[nx] == ' ');
    }
    t->nwords = n;
    t->quoted = 1;
    t->form = 1;
    return t;
}

qnode *index_qnode_near(parser *p, qnode **kids, size_t n, int dist)
{
    qnode *alt[64];
    size_t total = 1;
    int marked = 0;
    for (size_t i = 0; i < n && i < 64; i++) {
        alt[i] = kids[i]->kind == Q_TERM ? expand_phrase(p, kids[i]) : kids[i];
        if (alt[i]->kind == Q_ALT && total <= MAX_VARIANTS)
            total *= alt[i]->nalt;
        marked |= index_qnode_marked(kids[i]);
    }
    qnode *nd;
    if (total == 1 || total > MAX_VARIANTS || n > 64) {
        nd = index_qnode_list(p, Q_NEAR, kids, n);
        nd->dist = dist;
        return nd;
    }
    qnode **ors = td_arena_alloc(p->arena, total * sizeof *ors);
    for (size_t c = 0; c < total; c++) {
        qnode **ks = td_arena_alloc(p->arena, n * sizeof *ks);
        size_t r = c;
        for (size_t i = 0; i < n; i++) {
            if (alt[i]->kind != Q_ALT) {
                ks[i] = alt[i];
                continue;
            }
            size_t v = r % alt[i]->nalt;
            r /= alt[i]->nalt;
            ks[i] = form_term(p, alt[i]->alt_f[v], alt[i]->alt_x[v]);
        }
        ors[c] = index_qnode_list(p, Q_NEAR, ks, n);
        ors[c]->dist = dist;
    }
    nd = index_qnode_list(p, Q_OR, ors, total);
    nd->unit = 1;
    nd->marked = marked;
    return nd;
}

/* Operands of one AND chain, with abbreviations expanded. */
qnode *index_qnode_and(parser *p, qnode **ops, size_t n)
{
    size_t cap = 0;
    for (size_t i = 0; i < n; i++)
        cap += ops[i]->kind == Q_TERM ? ops[i]->nwords : 1;
    qnode **out = td_xmalloc((cap + 1) * sizeof *out);
    size_t nout = 0;
    for (size_t i = 0; i < n;) {
        if (is_bare(ops[i])) {
            size_t e = i;
            while (e < n && is_bare(ops[e]))
                e++;
            if (e - i >= 2)
                add_boost(p, ops + i, e - i);
            expand_run(p, ops, i, e, out, &nout);
            i = e;
        } else {
            out[nout++] = ops[i]->kind == Q_TERM ? expand_phrase(p, ops[i]) : ops[i];
            i++;
        }
    }
    qnode *r = nout ? index_qnode_list(p, Q_AND, out, nout) : NULL;
    free(out);
    return r;
}

/* ---- rendering ------------------------------------------------------------- */

/* The final i and y (any tone) of an exact key, as pairs: Vietnamese
 * writes either after a consonant (kí/ký, lí/lý, mĩ/mỹ, quí/quý). */
static const char *const iy[][2] = {
    {"i", "y"}, {"\xC3\xAD", "\xC3\xBD"} /* í ý */, {"\xC3\xAC", "\xE1\xBB\xB3"} /* ì ỳ */,
    {"\xE1\xBB\x89", "\xE1\xBB\xB7"} /* ỉ ỷ */, {"\xC4\xA9", "\xE1\xBB\xB9"} /* ĩ ỹ */,
    {"\xE1\xBB\x8B", "\xE1\xBB\xB5"} /* ị ỵ */,
};

/* The length of the final i or y of key x (nx bytes) when the word, folded
 * f (nf bytes), is one Vietnamese writes either way (a single consonant of
 * "hklmstv", or qu, before it: kí/ký, lí/lý, mĩ/mỹ, sĩ/sỹ, tỉ/tỷ, hi/hy,
 * quí/quý; nobody writes "nghỵ" or "chỵ"), and in *other its other
 * spelling; else 0. */
static size_t iy_final(const char *f, size_t nf, const char *x, size_t nx,
                       const char **other)
{
    if (!((nf == 2 && strchr("hklmstv", f[0]) && f[1] == 'i') ||
          (nf == 3 && f[0] == 'q' && f[1] == 'u' && f[2] == 'i')))
        return 0;
    for (size_t k = 0; k < sizeof iy / sizeof iy[0]; k++)
        for (int s = 0; s < 2; s++) {
            size_t m = strlen(iy[k][s]);
            if (nx > m && memcmp(x + nx - m, iy[k][s], m) == 0) {
                *other = iy[k][!s];
                return m;
            }
        }
    return 0;
}

/* One word of a phrase in mode (R_*): a word typed with diacritics is its
 * exact form ('=' + key) in R_EXACT, with its final i/y swapped in
 * R_SWAP, and its bare spelling ('=' + folded) in R_BARE; every other
 * word, and every word in R_FOLD, is folded. */
static void render_word(const char *f, size_t nf, const char *x, size_t nx,
                        int mode, td_buf *b)
{
    if ((mode == R_EXACT || mode == R_TYPED || mode == R_BARE || mode == R_SWAP) && x &&
        key_marked_n(x, nx)) {
        const char *other = NULL;
        size_t m = mode == R_SWAP ? iy_final(f, nf, x, nx, &other) : 0;
        td_buf_putc(b, INDEX_EXACT_MARK);
        if (mode == R_BARE) {
            td_buf_append(b, f, nf);
        } else {
            td_buf_append(b, x, nx - m);
            if (m)
                td_buf_puts(b, other);
        }
        return;
    }
    td_buf_append(b, f, nf);
}

/* 1 when a term (not an abbreviation form) under the TERM or NEAR nd
 * was typed with diacritics: the strict reading is needed. */
static int typed_marked(const qnode *nd)
{
    if (nd->kind == Q_TERM)
        return !nd->form && words_marked(nd->fw, nd->xw, nd->nwords);
    if (nd->kind != Q_NEAR)
        return 0;
    for (size_t i = 0; i < nd->nkids; i++)
        if (typed_marked(nd->kids[i]))
            return 1;
    return 0;
}

/* 1 when a word of the tree typed with diacritics may write its final i
 * as y or back: its strict reading also holds the R_SWAP form. */
static int has_iy(const qnode *nd)
{
    const char *other;
    if (nd->kind == Q_TERM) {
        if (nd->form)
            return 0;
        for (size_t i = 0; i < nd->nwords; i++)
            if (key_marked(nd->xw[i]) && iy_final(nd->fw[i], strlen(nd->fw[i]), nd->xw[i],
                                                  strlen(nd->xw[i]), &other))
                return 1;
        return 0;
    }
    for (size_t i = 0; i < nd->nkids; i++)
        if (has_iy(nd->kids[i]))
            return 1;
    return 0;
}

/* A phrase given as folded words and their exact keys, each joined by
 * single spaces (abbreviation forms). */
static void render_phrase(const char *fw, const char *xw, int mode, int prefix,
                          td_buf *b)
{
    td_buf_putc(b, '"');
    while (*fw) {
        size_t nf = strcspn(fw, " "), nx = strcspn(xw, " ");
        render_word(fw, nf, xw, nx, mode, b);
        fw += nf;
        xw += nx;
        if (*fw == ' ')
            fw++, td_buf_putc(b, ' ');
        if (*xw == ' ')
            xw++;
    }
    td_buf_putc(b, '"');
    if (prefix)
        td_buf_putc(b, '*');
}

/* The words of a term as one phrase in mode (R_FOLD, R_EXACT, R_BARE);
 * raw, when not NULL, stands for the last word's exact key. */
static void render_term(const qnode *nd, int mode, const char *raw, td_buf *b)
{
    td_buf_putc(b, '"');
    for (size_t i = 0; i < nd->nwords; i++) {
        const char *x = i + 1 == nd->nwords && raw ? raw : nd->xw[i];
        if (i)
            td_buf_putc(b, ' ');
        render_word(nd->fw[i], strlen(nd->fw[i]), x, strlen(x), mode, b);
    }
    td_buf_putc(b, '"');
    if (nd->prefix)
        td_buf_putc(b, '*');
}

static void render_inner(const qnode *nd, int mode, td_buf *b)
{
    switch (nd->kind) {
    case Q_TERM:
        if (nd->form && mode != R_EXACT) {
            render_term(nd, R_FOLD, NULL, b);
        } else if (mode == R_STRICT && typed_marked(nd)) {
            /* FTS5 phrases hold no OR: the phrase with the diacritics
             * typed, or as a column typed without any writes it */
            td_buf_putc(b, '(');
            render_term(nd, R_EXACT, NULL, b);
            if (has_iy(nd)) {
                td_buf_puts(b, " OR ");
                render_term(nd, R_SWAP, NULL, b);
            }
            if (nd->praw) {
                /* a prefix: also as typed, before the tone of a complete
                 * syllable was moved (Hoà* finds Hoàng) */
                td_buf_puts(b, " OR ");
                render_term(nd, R_EXACT, nd->praw, b);
            }
            td_buf_puts(b, " OR ");
            render_term(nd, R_BARE, NULL, b);
            td_buf_putc(b, ')');
        } else {
            render_term(nd, mode == R_STRICT ? R_FOLD : mode == R_TYPED ? R_EXACT : mode, NULL, b);
        }
        break;
    case Q_ALT: {
        /* abbreviation forms and dates match as today: folded in the
         * strict reading, whatever diacritics the forms carry */
        int m = mode == R_EXACT ? R_EXACT : R_FOLD;
        td_buf_putc(b, '(');
        for (size_t i = 0; i < nd->nalt; i++) {
            if (i)
                td_buf_puts(b, " OR ");
            render_phrase(nd->alt_f[i], nd->alt_x[i], m, 0, b);
        }
        if (nd->fallback) {
            td_buf_puts(b, " OR ");
            index_qnode_render(nd->fallback, m, b);
        }
        td_buf_putc(b, ')');
        break;
    }
    case Q_NEAR:
        if (mode == R_STRICT && typed_marked(nd)) {
            /* NEAR holds phrases only: all of them with the diacritics
             * typed, or all as a column typed without any writes them */
            td_buf_putc(b, '(');
            render_inner(nd, R_TYPED, b);
            if (has_iy(nd)) {
                td_buf_puts(b, " OR ");
                render_inner(nd, R_SWAP, b);
            }
            td_buf_puts(b, " OR ");
            render_inner(nd, R_BARE, b);
            td_buf_putc(b, ')');
            break;
        }
        td_buf_puts(b, "NEAR(");
        for (size_t i = 0; i < nd->nkids; i++) {
            if (i)
                td_buf_putc(b, ' ');
            render_inner(nd->kids[i], mode == R_STRICT ? R_FOLD : mode, b);
        }
        td_buf_printf(b, ", %d)", nd->dist);
        break;
    case Q_AND: case Q_OR: case Q_NOT: {
        const char *op = nd->kind == Q_AND ? " AND " : nd->kind == Q_OR ? " OR " : " NOT ";
        td_buf_putc(b, '(');
        for (size_t i = 0; i < nd->nkids; i++) {
            if (i)
                td_buf_puts(b, op);
            index_qnode_render(nd->kids[i], mode, b);
        }
        td_buf_putc(b, ')');
        break;
    }
    }
}

void index_qnode_render(const qnode *nd, int mode, td_buf *b)
{
    if (nd->col) {
        td_buf_puts(b, nd->col == 1 ? "title : " : "body : ");
        if (nd->kind == Q_TERM) {
            render_inner(nd, mode, b);
        } else {
            td_buf_putc(b, '(');
            render_inner(nd, mode, b);
            td_buf_putc(b, ')');
        }
    } else {
        render_inner(nd, mode, b);
    }
}

/* 1 when a positive term of the tree was typed with diacritics. */
int index_qnode_marked(const qnode *nd)
{
    if (nd->unit)
        return nd->marked;
    switch (nd->kind) {
    case Q_TERM:
        return words_marked(nd->fw, nd->xw, nd->nwords);
    case Q_ALT:
        return nd->marked;
    case Q_NEAR:
        for (size_t i = 0; i < nd->nkids; i++)
            if (index_qnode_marked(nd->kids[i]))
                return 1;
        return 0;
    case Q_NOT:
        return index_qnode_marked(nd->kids[0]);
    default:
        for (size_t i = 0; i < nd->nkids; i++)
            if (index_qnode_marked(nd->kids[i]))
                return 1;
        return 0;
    }
}

void index_qnode_exact(const qnode *nd, int col, index_query *q)
{
    if (nd->col)
        col = nd->col;
    if (nd->kind == Q_TERM || nd->kind == Q_ALT || nd->kind == Q_NEAR || nd->unit) {
        /* words typed without diacritics say nothing about the exact form */
        if (q->nexact >= MAX_EXACT || !index_qnode_marked(nd))
            return;
        td_buf b = TD_BUF_INIT;
        if (col)
            td_buf_puts(&b, col == 1 ? "title : (" : "body : (");
        render_inner(nd, 1, &b);
        if (col)
            td_buf_putc(&b, ')');
        q->exact[q->nexact++] = td_buf_detach(&b);
        return;
    }
    size_t n = nd->kind == Q_NOT ? 1 : nd->nkids;
    for (size_t i = 0; i < n; i++)
        index_qnode_exact(nd->kids[i], col, q);
}
