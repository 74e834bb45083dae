/* query.c - parse a user's search query and compile it to FTS5 MATCH text.
 *
 * The grammar is ours, not FTS5's, so that a malformed query gets one clear
 * line instead of an SQL error: words, "phrases", prefix*, AND/OR/NOT
 * (upper case; NOT binds tighter than AND, AND than OR; juxtaposition is
 * AND), parentheses, NEAR(a b, N), and title:/body: column filters.  Words are cut and
 * folded by the tokenizer's splitter, abbreviations are expanded (MTTQ ↔
 * Mặt trận Tổ quốc), and each positive term also gets an exact-form
 * expression that ranks documents with the query's own diacritics first.
 */
#include "index/index_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "normalize/normalize.h"

#define MAX_VARIANTS 32   /* phrase variants from abbreviations */
#define MAX_EXACT 16      /* positive terms that get an exact expression */
#define MAX_DEPTH 64      /* nested parentheses */
#define MAX_TERMS 256     /* words and phrases in one query */

typedef enum { Q_TERM, Q_ALT, Q_AND, Q_OR, Q_NOT, Q_NEAR } qkind;

typedef struct qnode qnode;
struct qnode {
    qkind kind;
    int col;               /* 0 any, 1 title, 2 body: applies to the subtree */
    qnode **kids;          /* AND, OR, NEAR: nkids; NOT: 2 (left NOT right) */
    int dist;              /* NEAR: most tokens between the terms (10) */
    size_t nkids;
    char **fw, **xw;       /* TERM: folded words and exact keys */
    size_t nwords;
    int prefix, quoted;    /* TERM: last word is a prefix; written in quotes */
    char **alt_f, **alt_x; /* ALT: equivalent phrases, folded and exact */
    size_t nalt;
    qnode *fallback;       /* ALT: the words as typed, ANDed (or NULL) */
    int marked;            /* ALT: the words were typed with diacritics */
};

typedef enum { T_WORD, T_PHRASE, T_LP, T_RP, T_AND, T_OR, T_NOT, T_COL, T_NEAR,
               T_END } ttype;

typedef struct qtok {
    ttype t;
    const char *s;         /* WORD, PHRASE: the text */
    size_t n;
    int prefix;            /* followed by '*' */
    int col;               /* T_COL: 1 title, 2 body */
} qtok;

typedef struct parser {
    td_arena *arena;
    const index_abbrev *ab;
    qtok *toks;
    size_t ntoks, i;
    td_err *e;
    int failed;
    int depth;             /* parentheses open */
    char **boost;          /* folded phrases of unquoted word runs */
    size_t nboost;
} parser;

static int fail(parser *p, const char *fmt, const char *arg)
{
    if (!p->failed)
        td_err_set(p->e, TD_EUSAGE, fmt, arg);
    p->failed = 1;
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_alpha_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
            return 0;
    return n > 0;
}

/* 1 for "title", 2 for "body" (any case), else 0. */
static int column_of(const char *s, size_t n)
{
    if (n == 5 && strncasecmp(s, "title", 5) == 0)
        return 1;
    return (n == 4 && strncasecmp(s, "body", 4) == 0) ? 2 : 0;
}

static void push_tok(parser *p, qtok t, size_t *cap)
{
    if (p->ntoks == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        p->toks = td_xrealloc(p->toks, *cap * sizeof *p->toks);
    }
    p->toks[p->ntoks++] = t;
}

/* Cut q into tokens.  Returns 0 (and sets the error) on a lexical error. */
static int lex(parser *p, const char *q)
{
    size_t cap = 0, n = strlen(q), i = 0;
    while (i < n) {
        char c = q[i];
        if (is_space(c)) {
            i++;
        } else if (c == '(' || c == ')') {
            push_tok(p, (qtok){c == '(' ? T_LP : T_RP, q + i, 1, 0, 0}, &cap);
            i++;
        } else if (c == '*') {
            return fail(p, "'*' must follow a word directly, as in khanh*%s", "");
        } else if (c == '"') {
            const char *close = memchr(q + i + 1, '"', n - i - 1);
            if (!close)
                return fail(p, "unterminated quote: a phrase needs a closing '\"'%s", "");
            qtok t = {T_PHRASE, q + i + 1, (size_t)(close - q - i - 1), 0, 0};
            i = (size_t)(close - q) + 1;
            if (i < n && q[i] == '*') {
                t.prefix = 1;
                i++;
            }
            push_tok(p, t, &cap);
        } else {
            size_t s = i;
            while (i < n && !is_space(q[i]) && q[i] != '(' && q[i] != ')' &&
                   q[i] != '"' && q[i] != '*') {
                if (q[i] == ':' && is_alpha_ascii(q + s, i - s) &&
                    ((i + 1 < n && !is_space(q[i + 1])) || column_of(q + s, i - s)))
                    break;
                i++;
            }
            if (i < n && q[i] == ':') {
                /* a column filter: name:term */
                size_t len = i - s;
                int col = column_of(q + s, len);
                if (!col) {
                    char name[64];
                    snprintf(name, sizeof name, "%.*s", (int)(len < 60 ? len : 60), q + s);
                    return fail(p, "unknown column '%s' (use title: or body:)", name);
                }
                push_tok(p, (qtok){T_COL, q + s, len, 0, col}, &cap);
                i++;
                continue;
            }
            qtok t = {T_WORD, q + s, i - s, 0, 0};
            if (i < n && q[i] == '*') {
                t.prefix = 1;
                i++;
            }
            size_t k = i;
            while (k < n && is_space(q[k]))
                k++;
            if (!t.prefix && k < n && q[k] == ':' && column_of(t.s, t.n)) {
                /* FTS5 also writes "title : word" */
                push_tok(p, (qtok){T_COL, t.s, t.n, 0, column_of(t.s, t.n)}, &cap);
                i = k + 1;
                continue;
            }
            if (!t.prefix && t.n == 4 && memcmp(t.s, "NEAR", 4) == 0 && i < n &&
                q[i] == '(') {
                push_tok(p, (qtok){T_NEAR, t.s, t.n, 0, 0}, &cap);
                continue;
            }
            if (!t.prefix && t.n == 3 && memcmp(t.s, "AND", 3) == 0)
                t.t = T_AND;
            else if (!t.prefix && t.n == 2 && memcmp(t.s, "OR", 2) == 0)
                t.t = T_OR;
            else if (!t.prefix && t.n == 3 && memcmp(t.s, "NOT", 3) == 0)
                t.t = T_NOT;
            push_tok(p, t, &cap);
        }
    }
    push_tok(p, (qtok){T_END, q + n, 0, 0, 0}, &cap);
    size_t terms = 0;
    for (size_t k = 0; k < p->ntoks; k++)
        terms += p->toks[k].t == T_WORD || p->toks[k].t == T_PHRASE;
    if (terms > MAX_TERMS)
        return fail(p, "the query is too long (more than %s words and phrases)", "256");
    return 1;
}

/* ---- building nodes -------------------------------------------------------- */

static qnode *new_node(parser *p, qkind k)
{
    qnode *nd = td_arena_alloc(p->arena, sizeof *nd);
    nd->kind = k;
    return nd;
}

typedef struct words {
    parser *p;
    char **fw, **xw;
    size_t n, cap;
} words;

static int collect_word(void *ctx, const char *f, size_t nf, const char *x,
                        size_t nx, size_t start, size_t end)
{
    (void)start; (void)end;
    words *w = ctx;
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

/* A term from text, or NULL when the text holds no word. */
static qnode *make_term(parser *p, const char *s, size_t n, int prefix, int quoted)
{
    words w = {p, NULL, NULL, 0, 0};
    index_split(s, n, collect_word, &w);
    if (w.n == 0) {
        free(w.fw);
        free(w.xw);
        return NULL;
    }
    qnode *t = new_node(p, Q_TERM);
    t->fw = td_arena_alloc(p->arena, w.n * sizeof *t->fw);
    t->xw = td_arena_alloc(p->arena, w.n * sizeof *t->xw);
    memcpy(t->fw, w.fw, w.n * sizeof *t->fw);
    memcpy(t->xw, w.xw, w.n * sizeof *t->xw);
    t->nwords = w.n;
    t->prefix = prefix;
    t->quoted = quoted;
    free(w.fw);
    free(w.xw);
    return t;
}

static qnode *word_term(parser *p, char *f, char *x)
{
    qnode *t = new_node(p, Q_TERM);
    t->fw = td_arena_alloc(p->arena, sizeof *t->fw);
    t->xw = td_arena_alloc(p->arena, sizeof *t->xw);
    t->fw[0] = f;
    t->xw[0] = x;
    t->nwords = 1;
    return t;
}

static qnode *make_list(parser *p, qkind k, qnode **kids, size_t n)
{
    if (n == 1)
        return kids[0];
    qnode *nd = new_node(p, k);
    nd->kids = td_arena_alloc(p->arena, n * sizeof *nd->kids);
    memcpy(nd->kids, kids, n * sizeof *kids);
    nd->nkids = n;
    return nd;
}

/* 1 when one of the words w[0..n) was typed with diacritics. */
static int words_marked(char **fw, char **xw, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(fw[i], xw[i]) != 0)
            return 1;
    return 0;
}

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
    qnode *alt = new_node(p, Q_ALT);
    alt->col = t->col;
    alt->marked = words_marked(t->fw, t->xw, t->nwords);
    alt->alt_f = td_arena_alloc(p->arena, nv * sizeof *alt->alt_f);
    alt->alt_x = td_arena_alloc(p->arena, nv * sizeof *alt->alt_x);
    memcpy(alt->alt_f, vf, nv * sizeof *vf);
    memcpy(alt->alt_x, vx, nv * sizeof *vx);
    alt->nalt = nv;
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
            if (mlen[j]) {
                qnode *alt = new_node(p, Q_ALT);
                const char *const *ff, *const *fx;
                size_t nf = index_abbrev_forms(p->ab, mgroup[j], &ff, &fx);
                alt->alt_f = td_arena_alloc(p->arena, nf * sizeof *alt->alt_f);
                alt->alt_x = td_arena_alloc(p->arena, nf * sizeof *alt->alt_x);
                for (size_t a = 0; a < nf; a++) {
                    alt->alt_f[a] = td_arena_strdup(p->arena, ff[a]);
                    alt->alt_x[a] = td_arena_strdup(p->arena, fx[a]);
                }
                alt->nalt = nf;
                alt->marked = words_marked(fw + j, xw + j, mlen[j]);
                if (mlen[j] > 1) {
                    /* unquoted words keep matching wherever they stand */
                    qnode *kids[64];
                    size_t nk = 0;
                    for (size_t x = j; x < j + mlen[j] && nk < 64; x++)
                        kids[nk++] = word_term(p, fw[x], xw[x]);
                    alt->fallback = make_list(p, Q_AND, kids, nk);
                }
                out[(*nout)++] = alt;
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
 * side by side, as typed, rank above those holding them apart. */
static void add_boost(parser *p, qnode **ops, size_t n)
{
    if (p->nboost >= MAX_EXACT)
        return;
    td_buf b = TD_BUF_INIT;
    td_buf_putc(&b, '"');
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < ops[i]->nwords; j++) {
            if (b.len > 1)
                td_buf_putc(&b, ' ');
            td_buf_puts(&b, ops[i]->fw[j]);
        }
    td_buf_putc(&b, '"');
    if (!p->boost)
        p->boost = td_xcalloc(MAX_EXACT, sizeof *p->boost);
    p->boost[p->nboost++] = td_buf_detach(&b);
}

/* Operands of one AND chain, with abbreviations expanded. */
static qnode *make_and(parser *p, qnode **ops, size_t n)
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
            if (p->ab) {
                expand_run(p, ops, i, e, out, &nout);
            } else {
                memcpy(out + nout, ops + i, (e - i) * sizeof *out);
                nout += e - i;
            }
            i = e;
        } else {
            out[nout++] = ops[i]->kind == Q_TERM ? expand_phrase(p, ops[i]) : ops[i];
            i++;
        }
    }
    qnode *r = nout ? make_list(p, Q_AND, out, nout) : NULL;
    free(out);
    return r;
}

/* ---- the parser ------------------------------------------------------------ */

static const qtok *peek(parser *p)
{
    return &p->toks[p->i];
}

static int starts_term(ttype t)
{
    return t == T_WORD || t == T_PHRASE || t == T_LP || t == T_COL || t == T_NEAR;
}

static const char *op_name(ttype t)
{
    return t == T_AND ? "AND" : t == T_OR ? "OR" : "NOT";
}

static qnode *parse_or(parser *p, int *empty);

/* Check that a term follows operator op; sets the error otherwise. */
static int need_term_after(parser *p, ttype op)
{
    ttype t = peek(p)->t;
    if (starts_term(t))
        return 1;
    if (t == T_END || t == T_RP)
        fail(p, "'%s' at the end needs a term after it", op_name(op));
    else
        fail(p, "'%s' needs a term after it", op_name(op));
    return 0;
}

/* NEAR(term term ... [, N]): the terms within N tokens of each other. */
static qnode *parse_near(parser *p, int *empty)
{
    p->i += 2;   /* NEAR ( */
    qnode *kids[64];
    size_t nk = 0;
    int dist = 10, have_dist = 0;
    for (;;) {
        const qtok *t = peek(p);
        if (t->t == T_RP)
            break;
        if (t->t != T_WORD && t->t != T_PHRASE) {
            fail(p, "NEAR(...) takes words and \"phrases\" and a ')'%s", "");
            return NULL;
        }
        const char *s = t->s;
        size_t n = t->n;
        p->i++;
        /* ", 5" ends the list with a distance */
        const char *comma = t->t == T_WORD ? memchr(s, ',', n) : NULL;
        if (comma) {
            char num[16] = "";
            size_t after = n - (size_t)(comma - s) - 1;
            if (after > 0 && after < sizeof num)
                memcpy(num, comma + 1, after), num[after] = '\0';
            else if (after == 0 && peek(p)->t == T_WORD && peek(p)->n < sizeof num)
                memcpy(num, peek(p)->s, peek(p)->n), num[peek(p)->n] = '\0', p->i++;
            char *end;
            long d = strtol(num, &end, 10);
            if (!num[0] || *end || d < 0 || d > 1000 || peek(p)->t != T_RP) {
                fail(p, "NEAR(...) ends with ', N' where N is a number of words%s", "");
                return NULL;
            }
            dist = (int)d;
            have_dist = 1;
            n = (size_t)(comma - s);
        }
        qnode *term = n ? make_term(p, s, n, t->prefix, t->t == T_PHRASE) : NULL;
        if (term && nk < 64)
            kids[nk++] = term;
        if (have_dist)
            break;
    }
    p->i++;   /* ) */
    *empty = nk == 0;
    if (nk == 0)
        return NULL;
    if (nk == 1)
        return kids[0];
    qnode *nd = make_list(p, Q_NEAR, kids, nk);
    nd->dist = dist;
    return nd;
}

static qnode *parse_primary(parser *p, int *empty)
{
    const qtok *t = peek(p);
    *empty = 0;
    switch (t->t) {
    case T_WORD:
    case T_PHRASE: {
        p->i++;
        qnode *nd = make_term(p, t->s, t->n, t->prefix, t->t == T_PHRASE);
        if (!nd)
            *empty = 1;
        return nd;
    }
    case T_LP: {
        p->i++;
        if (++p->depth > MAX_DEPTH) {
            fail(p, "the query nests parentheses too deeply%s", "");
            return NULL;
        }
        if (peek(p)->t == T_RP) {
            fail(p, "empty parentheses%s", "");
            return NULL;
        }
        qnode *nd = parse_or(p, empty);
        if (p->failed)
            return NULL;
        if (peek(p)->t != T_RP) {
            fail(p, "unbalanced parentheses: missing ')'%s", "");
            return NULL;
        }
        p->i++;
        p->depth--;
        return nd;
    }
    case T_NEAR:
        return parse_near(p, empty);
    case T_RP:
        fail(p, "unbalanced parentheses: ')' without '('%s", "");
        return NULL;
    case T_AND: case T_OR: case T_NOT:
        fail(p, "'%s' needs a term before it", op_name(t->t));
        return NULL;
    default:
        fail(p, "the query is empty%s", "");
        return NULL;
    }
}

static qnode *parse_unary(parser *p, int *empty)
{
    if (peek(p)->t != T_COL)
        return parse_primary(p, empty);
    int col = peek(p)->col;
    const char *name = col == 1 ? "title:" : "body:";
    p->i++;
    ttype t = peek(p)->t;
    if (t != T_WORD && t != T_PHRASE && t != T_LP && t != T_NEAR) {
        fail(p, "'%s' needs a word, a \"phrase\" or (...) right after it", name);
        return NULL;
    }
    qnode *nd = parse_primary(p, empty);
    if (nd)
        nd->col = col;
    return nd;
}

static qnode *parse_not(parser *p, int *empty)
{
    qnode *left = parse_unary(p, empty);
    while (!p->failed && peek(p)->t == T_NOT) {
        if (!left) {
            fail(p, "'NOT' needs a term before it, as in: thi dua NOT khen thuong%s", "");
            return NULL;
        }
        p->i++;
        if (!need_term_after(p, T_NOT))
            return NULL;
        int e2;
        qnode *right = parse_unary(p, &e2);
        if (p->failed)
            return NULL;
        if (right) {
            /* both sides get their abbreviations expanded, as in AND */
            qnode *nd = new_node(p, Q_NOT);
            left = make_and(p, &left, 1);
            right = make_and(p, &right, 1);
            nd->kids = td_arena_alloc(p->arena, 2 * sizeof *nd->kids);
            nd->kids[0] = left;
            nd->kids[1] = right;
            nd->nkids = 2;
            left = nd;
        }
    }
    return left;
}

static qnode *parse_and(parser *p, int *empty)
{
    qnode **ops = NULL;
    size_t n = 0, cap = 0;
    *empty = 1;
    for (;;) {
        int e1;
        qnode *nd = parse_not(p, &e1);
        if (p->failed)
            break;
        if (nd) {
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                ops = td_xrealloc(ops, cap * sizeof *ops);
            }
            ops[n++] = nd;
        }
        ttype t = peek(p)->t;
        if (t == T_AND) {
            p->i++;
            if (!need_term_after(p, T_AND))
                break;
        } else if (!starts_term(t)) {
            break;
        }
    }
    qnode *r = NULL;
    if (!p->failed && n > 0) {
        *empty = 0;
        r = make_and(p, ops, n);
    }
    free(ops);
    return r;
}

static qnode *parse_or(parser *p, int *empty)
{
    qnode **kids = NULL;
    size_t n = 0, cap = 0;
    *empty = 1;
    for (;;) {
        int e1;
        qnode *nd = parse_and(p, &e1);
        if (p->failed)
            break;
        if (nd) {
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                kids = td_xrealloc(kids, cap * sizeof *kids);
            }
            kids[n++] = nd;
        }
        if (peek(p)->t != T_OR)
            break;
        p->i++;
        if (!need_term_after(p, T_OR))
            break;
    }
    qnode *r = NULL;
    if (!p->failed && n > 0) {
        *empty = 0;
        r = make_list(p, Q_OR, kids, n);
    }
    free(kids);
    return r;
}

/* ---- rendering ------------------------------------------------------------- */

static void render(const qnode *nd, int exact, td_buf *b);

static void render_phrase(const char *words, int exact, int prefix, td_buf *b)
{
    td_buf_putc(b, '"');
    if (exact)
        td_buf_putc(b, INDEX_EXACT_MARK);
    td_buf_puts(b, words);
    td_buf_putc(b, '"');
    if (prefix)
        td_buf_putc(b, '*');
}

static void render_inner(const qnode *nd, int exact, td_buf *b)
{
    switch (nd->kind) {
    case Q_TERM: {
        td_buf_putc(b, '"');
        if (exact)
            td_buf_putc(b, INDEX_EXACT_MARK);
        for (size_t i = 0; i < nd->nwords; i++) {
            if (i)
                td_buf_putc(b, ' ');
            td_buf_puts(b, exact ? nd->xw[i] : nd->fw[i]);
        }
        td_buf_putc(b, '"');
        if (nd->prefix)
            td_buf_putc(b, '*');
        break;
    }
    case Q_ALT:
        td_buf_putc(b, '(');
        for (size_t i = 0; i < nd->nalt; i++) {
            if (i)
                td_buf_puts(b, " OR ");
            render_phrase(exact ? nd->alt_x[i] : nd->alt_f[i], exact, 0, b);
        }
        if (nd->fallback) {
            td_buf_puts(b, " OR ");
            render(nd->fallback, exact, b);
        }
        td_buf_putc(b, ')');
        break;
    case Q_NEAR:
        td_buf_puts(b, "NEAR(");
        for (size_t i = 0; i < nd->nkids; i++) {
            if (i)
                td_buf_putc(b, ' ');
            render_inner(nd->kids[i], exact, b);
        }
        td_buf_printf(b, ", %d)", nd->dist);
        break;
    case Q_AND: case Q_OR: case Q_NOT: {
        const char *op = nd->kind == Q_AND ? " AND " : nd->kind == Q_OR ? " OR " : " NOT ";
        td_buf_putc(b, '(');
        for (size_t i = 0; i < nd->nkids; i++) {
            if (i)
                td_buf_puts(b, op);
            render(nd->kids[i], exact, b);
        }
        td_buf_putc(b, ')');
        break;
    }
    }
}

static void render(const qnode *nd, int exact, td_buf *b)
{
    if (nd->col) {
        td_buf_puts(b, nd->col == 1 ? "title : " : "body : ");
        if (nd->kind == Q_TERM) {
            render_inner(nd, exact, b);
        } else {
            td_buf_putc(b, '(');
            render_inner(nd, exact, b);
            td_buf_putc(b, ')');
        }
    } else {
        render_inner(nd, exact, b);
    }
}

/* 1 when a positive term of the tree was typed with diacritics. */
static int has_diacritics(const qnode *nd)
{
    switch (nd->kind) {
    case Q_TERM:
        return words_marked(nd->fw, nd->xw, nd->nwords);
    case Q_ALT:
        return nd->marked;
    case Q_NEAR:
        for (size_t i = 0; i < nd->nkids; i++)
            if (has_diacritics(nd->kids[i]))
                return 1;
        return 0;
    case Q_NOT:
        return has_diacritics(nd->kids[0]);
    default:
        for (size_t i = 0; i < nd->nkids; i++)
            if (has_diacritics(nd->kids[i]))
                return 1;
        return 0;
    }
}

/* The exact expressions of the positive leaves under nd. */
static void collect_exact(const qnode *nd, int col, index_query *q,
                          const index_abbrev *ab)
{
    if (nd->col)
        col = nd->col;
    if (nd->kind == Q_TERM || nd->kind == Q_ALT || nd->kind == Q_NEAR) {
        if (q->nexact >= MAX_EXACT)
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
        collect_exact(nd->kids[i], col, q, ab);
}

int index_query_compile(const char *q, const index_abbrev *ab,
                        index_query *out, td_err *e)
{
    memset(out, 0, sizeof *out);
    /* one normalization form, and no control bytes, whatever was pasted */
    td_buf raw = TD_BUF_INIT, nfc = TD_BUF_INIT;
    norm_nfc(q, strlen(q), &raw);
    for (size_t i = 0; i < raw.len; i++) {
        unsigned char c = (unsigned char)raw.ptr[i];
        /* curly and guillemet quotes, pasted from documents, quote too */
        if (c == 0xE2 && i + 2 < raw.len && (unsigned char)raw.ptr[i + 1] == 0x80 &&
            ((unsigned char)raw.ptr[i + 2] == 0x9C || (unsigned char)raw.ptr[i + 2] == 0x9D ||
             (unsigned char)raw.ptr[i + 2] == 0x9E)) {
            td_buf_putc(&nfc, '"');
            i += 2;
        } else if (c == 0xC2 && i + 1 < raw.len &&
                   ((unsigned char)raw.ptr[i + 1] == 0xAB ||
                    (unsigned char)raw.ptr[i + 1] == 0xBB)) {
            td_buf_putc(&nfc, '"');
            i += 1;
        } else {
            td_buf_putc(&nfc, c < 0x20 ? ' ' : (char)c);
        }
    }
    td_buf_free(&raw);
    if (!nfc.ptr)
        td_buf_append(&nfc, "", 0);
    parser p = {td_arena_new(), ab, NULL, 0, 0, e, 0, 0, NULL, 0};
    qnode *root = NULL;
    int empty = 1;
    if (lex(&p, nfc.ptr)) {
        root = parse_or(&p, &empty);
        if (!p.failed && peek(&p)->t == T_RP)
            fail(&p, "unbalanced parentheses: ')' without '('%s", "");
        else if (!p.failed && peek(&p)->t != T_END)
            fail(&p, "cannot parse the query near '%s'", peek(&p)->s);
        else if (!p.failed && !root)
            fail(&p, "the query has no words to search for%s", "");
    }
    int rc = TD_OK;
    if (p.failed) {
        rc = TD_EUSAGE;
        for (size_t i = 0; i < p.nboost; i++)
            free(p.boost[i]);
        free(p.boost);
    } else {
        out->boost = p.boost;
        out->nboost = p.nboost;
        td_buf b = TD_BUF_INIT;
        render(root, 0, &b);
        out->match = td_buf_detach(&b);
        out->exact = td_xcalloc(MAX_EXACT, sizeof *out->exact);
        if (has_diacritics(root))
            collect_exact(root, 0, out, ab);
    }
    free(p.toks);
    td_arena_free(p.arena);
    td_buf_free(&nfc);
    return rc;
}

void index_query_free(index_query *q)
{
    free(q->match);
    for (size_t i = 0; i < q->nexact; i++)
        free(q->exact[i]);
    free(q->exact);
    for (size_t i = 0; i < q->nboost; i++)
        free(q->boost[i]);
    free(q->boost);
    memset(q, 0, sizeof *q);
}
