/* query.c - parse a user's search query and compile it to FTS5 MATCH text.
 *
 * The grammar is ours, not FTS5's, so that a malformed query gets one clear
 * line instead of an SQL error: words, "phrases", prefix*, AND/OR/NOT
 * (upper case; NOT binds tighter than AND, AND than OR; juxtaposition is
 * AND), parentheses, NEAR(a b, N), and title:/body: column filters.  Words
 * are cut and folded by the tokenizer's splitter; qnode.c expands
 * abbreviations and renders the tree in two readings: the strict one (a
 * word typed with diacritics matches those, or a text typed without any)
 * and the folded one (every word any way), which search.c falls back to
 * when the strict one finds fewer than a handful.  Each positive term
 * typed with diacritics also gets an exact-form expression that ranks
 * documents with the query's own diacritics first.  Operators are upper case only: a
 * lower-case and/or/not is a word.  A long query of plain words is
 * relaxed to most of its words.
 */
#include "index/query_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "normalize/normalize.h"

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
    int depth = 0;
    /* Stray punctuation is forgiven, not an error: a ')' without '(' and
     * an empty "()" are dropped, a '(' left open closes at the end (and
     * is dropped when nothing follows it, in parse_primary), and a
     * '*' that follows no word is ignored.  A '"' left open is an error:
     * typed, it is syntax (pasted curly quotes without a pair are dropped
     * before, in index_query_compile). */
    while (i < n) {
        char c = q[i];
        if (is_space(c)) {
            i++;
        } else if (c == '(' || c == ')') {
            size_t k = i + 1;
            while (k < n && is_space(q[k]))
                k++;
            int near = p->ntoks && p->toks[p->ntoks - 1].t == T_NEAR;
            if (c == '(' && k < n && q[k] == ')' && !near) {
                i = k + 1;
                continue;
            }
            if (c == ')' && depth == 0) {
                i++;
                continue;
            }
            depth += c == '(' ? 1 : -1;
            push_tok(p, (qtok){c == '(' ? T_LP : T_RP, q + i, 1, 0, 0}, &cap);
            i++;
        } else if (c == '*') {
            i++;
        } else if (c == '"') {
            const char *close = memchr(q + i + 1, '"', n - i - 1);
            if (!close)
                return fail(p, "unterminated quote: a phrase needs a closing '\"'%s", "");
            qtok t = {T_PHRASE, q + i + 1, (size_t)(close - q - i - 1), 0, 0};
            i = (size_t)(close - q) + 1;
            /* "giao u*": the star may also sit inside the quotes */
            while (t.n > 0 && is_space(t.s[t.n - 1]))
                t.n--;
            if (t.n > 0 && t.s[t.n - 1] == '*') {
                t.n--;
                t.prefix = 1;
            }
            if (i < n && q[i] == '*') {
                t.prefix = 1;
                i++;
            }
            push_tok(p, t, &cap);
        } else {
            size_t s = i;
            while (i < n && !is_space(q[i]) && q[i] != '(' && q[i] != ')' &&
                   q[i] != '"' && q[i] != '*') {
                /* only title: and body: filter; any other colon is
                 * punctuation between words (khanh:hoa, "Kết quả:tốt") */
                if (q[i] == ':' && column_of(q + s, i - s))
                    break;
                i++;
            }
            if (i < n && q[i] == ':') {
                /* a column filter: name:term */
                size_t len = i - s;
                int col = column_of(q + s, len);
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
    for (; depth > 0; depth--)
        push_tok(p, (qtok){T_RP, q + n, 0, 0, 0}, &cap);
    push_tok(p, (qtok){T_END, q + n, 0, 0, 0}, &cap);
    size_t terms = 0;
    for (size_t k = 0; k < p->ntoks; k++)
        terms += p->toks[k].t == T_WORD || p->toks[k].t == T_PHRASE;
    if (terms > MAX_TERMS)
        return fail(p, "the query is too long (more than %s words and phrases)", "256");
    return 1;
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
        qnode *term = n ? index_qnode_term(p, s, n, t->prefix, t->t == T_PHRASE) : NULL;
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
    return index_qnode_near(p, kids, nk, dist);
}

static qnode *parse_primary(parser *p, int *empty)
{
    const qtok *t = peek(p);
    *empty = 0;
    switch (t->t) {
    case T_WORD:
    case T_PHRASE: {
        p->i++;
        qnode *nd = index_qnode_term(p, t->s, t->n, t->prefix, t->t == T_PHRASE);
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
            /* "thi (" and "(( ))": a group left empty is dropped, as the
             * lexer drops "()" */
            p->i++;
            p->depth--;
            *empty = 1;
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
            qnode *nd = index_qnode_new(p, Q_NOT);
            left = index_qnode_and(p, &left, 1);
            right = index_qnode_and(p, &right, 1);
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
        r = index_qnode_and(p, ops, n);
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
        r = index_qnode_list(p, Q_OR, kids, n);
    }
    free(kids);
    return r;
}

/* 1 when the query is only words and phrases, no operator, NEAR, column
 * or parenthesis: text typed or pasted as it comes. */
static int plain_words(const parser *p)
{
    for (size_t i = 0; i < p->ntoks; i++)
        if (p->toks[i].t != T_WORD && p->toks[i].t != T_PHRASE && p->toks[i].t != T_END)
            return 0;
    return 1;
}

int index_query_compile(const char *q, const index_abbrev *ab,
                        index_query *out, td_err *e)
{
    memset(out, 0, sizeof *out);
    /* one normalization form, and no control bytes, whatever was pasted */
    td_buf raw = TD_BUF_INIT, nfc = TD_BUF_INIT;
    norm_nfc(q, strlen(q), &raw);
    /* pasted curly quotes and guillemets quote when they pair up; an odd
     * one out is punctuation and they all become spaces */
    size_t curly = 0;
    for (size_t i = 0; i + 1 < raw.len; i++) {
        unsigned char c = (unsigned char)raw.ptr[i], d = (unsigned char)raw.ptr[i + 1];
        curly += (c == 0xE2 && d == 0x80 && i + 2 < raw.len &&
                  ((unsigned char)raw.ptr[i + 2] == 0x9C || (unsigned char)raw.ptr[i + 2] == 0x9D ||
                   (unsigned char)raw.ptr[i + 2] == 0x9E)) ||
                 (c == 0xC2 && (d == 0xAB || d == 0xBB));
    }
    char qc = curly % 2 ? ' ' : '"';
    for (size_t i = 0; i < raw.len; i++) {
        unsigned char c = (unsigned char)raw.ptr[i];
        /* curly and guillemet quotes, pasted from documents, quote too */
        if (c == 0xE2 && i + 2 < raw.len && (unsigned char)raw.ptr[i + 1] == 0x80 &&
            ((unsigned char)raw.ptr[i + 2] == 0x9C || (unsigned char)raw.ptr[i + 2] == 0x9D ||
             (unsigned char)raw.ptr[i + 2] == 0x9E)) {
            td_buf_putc(&nfc, qc);
            i += 2;
        } else if (c == 0xC2 && i + 1 < raw.len &&
                   ((unsigned char)raw.ptr[i + 1] == 0xAB ||
                    (unsigned char)raw.ptr[i + 1] == 0xBB)) {
            td_buf_putc(&nfc, qc);
            i += 1;
        } else {
            td_buf_putc(&nfc, c < 0x20 ? ' ' : (char)c);
        }
    }
    td_buf_free(&raw);
    if (!nfc.ptr)
        td_buf_append(&nfc, "", 0);
    parser p = {td_arena_new(), ab, NULL, 0, 0, e, 0, 0, NULL, 0, NULL, 0};
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
        for (size_t i = 0; i < p.nxboost; i++)
            free(p.xboost[i]);
        free(p.xboost);
    } else {
        out->boost = p.boost;
        out->nboost = p.nboost;
        out->xboost = p.xboost;
        out->nxboost = p.nxboost;
        td_buf b = TD_BUF_INIT, sb = TD_BUF_INIT;
        if (plain_words(&p) && root->kind == Q_AND && root->nkids >= RELAX_MIN) {
            /* a long query of plain words: a document may miss a few of
             * them (a "của" or "năm" the report does not write); those
             * holding more of the words rank first */
            out->cover = td_xcalloc(root->nkids, sizeof *out->cover);
            out->scover = td_xcalloc(root->nkids, sizeof *out->scover);
            td_buf_putc(&b, '(');
            td_buf_putc(&sb, '(');
            for (size_t i = 0; i < root->nkids; i++) {
                td_buf c = TD_BUF_INIT, sc = TD_BUF_INIT;
                index_qnode_render(root->kids[i], R_FOLD, &c);
                index_qnode_render(root->kids[i], R_STRICT, &sc);
                td_buf_printf(&b, "%s%s", i ? " OR " : "", c.ptr);
                td_buf_printf(&sb, "%s%s", i ? " OR " : "", sc.ptr);
                out->cover[out->ncover] = td_buf_detach(&c);
                out->scover[out->ncover++] = td_buf_detach(&sc);
            }
            td_buf_putc(&b, ')');
            td_buf_putc(&sb, ')');
            out->need = root->nkids - root->nkids / RELAX_MIN;
        } else {
            index_qnode_render(root, R_FOLD, &b);
            index_qnode_render(root, R_STRICT, &sb);
        }
        out->match = td_buf_detach(&b);
        out->strict = td_buf_detach(&sb);
        if (strcmp(out->strict, out->match) == 0) {
            /* no word typed with diacritics: one reading */
            free(out->strict);
            out->strict = NULL;
            for (size_t i = 0; i < out->ncover; i++)
                free(out->scover[i]);
            free(out->scover);
            out->scover = NULL;
        }
        out->exact = td_xcalloc(MAX_EXACT, sizeof *out->exact);
        if (index_qnode_marked(root))
            index_qnode_exact(root, 0, out);
    }
    free(p.toks);
    td_arena_free(p.arena);
    td_buf_free(&nfc);
    return rc;
}

void index_query_free(index_query *q)
{
    free(q->match);
    free(q->strict);
    for (size_t i = 0; q->scover && i < q->ncover; i++)
        free(q->scover[i]);
    free(q->scover);
    for (size_t i = 0; i < q->nexact; i++)
        free(q->exact[i]);
    free(q->exact);
    for (size_t i = 0; i < q->nboost; i++)
        free(q->boost[i]);
    free(q->boost);
    for (size_t i = 0; i < q->nxboost; i++)
        free(q->xboost[i]);
    free(q->xboost);
    for (size_t i = 0; i < q->ncover; i++)
        free(q->cover[i]);
    free(q->cover);
    memset(q, 0, sizeof *q);
}
