/* query_int.h - the parsed form of a search query, shared by query.c (the
 * lexer and parser) and qnode.c (nodes, abbreviation expansion, FTS5
 * rendering).  Nothing outside src/index/query*.c and qnode.c uses it.
 */
#ifndef QUERY_INT_H
#define QUERY_INT_H

#include "index/index_int.h"

#define MAX_VARIANTS 32   /* phrase variants from abbreviations */
#define MAX_EXACT 16      /* positive terms that get an exact expression */
#define MAX_DEPTH 64      /* nested parentheses */
#define MAX_TERMS 256     /* words and phrases in one query */
#define RELAX_MIN 5       /* plain words from which a document may miss one
                           * in RELAX_MIN of them */

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
    int marked;            /* ALT, unit: the words were typed with diacritics */
    int unit;              /* OR of one term's variants (NEAR with an
                            * abbreviation): one term for exact ranking */
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
    td_arena *arena;       /* nodes and their strings, freed at the end */
    const index_abbrev *ab; /* abbreviations, or NULL */
    qtok *toks;            /* the query's tokens, T_END last */
    size_t ntoks, i;       /* count, and the next one to read */
    td_err *e;             /* where a syntax error goes */
    int failed;            /* an error was reported */
    int depth;             /* parentheses open */
    char **boost;          /* folded phrases of unquoted word runs */
    size_t nboost;
    char **xboost;         /* the same runs with their diacritics, when typed */
    size_t nxboost;
} parser;

/* A new zeroed node from the parser's arena. */
qnode *index_qnode_new(parser *p, qkind k);

/* A term for the words of s (a bare word or a phrase's text), or NULL
 * when s holds no word. */
qnode *index_qnode_term(parser *p, const char *s, size_t n, int prefix, int quoted);

/* kids[0] when n is 1, else a node of kind k over kids[0..n). */
qnode *index_qnode_list(parser *p, qkind k, qnode **kids, size_t n);

/* The AND of ops[0..n) with abbreviations expanded (MTTQ and Mặt trận Tổ
 * quốc both ways) and word runs recorded for the adjacency ranking; NULL
 * when n is 0. */
qnode *index_qnode_and(parser *p, qnode **ops, size_t n);

/* NEAR(kids[0..n), dist) with abbreviations expanded: the OR of the NEARs
 * of every combination of the kids' equivalent forms (at most
 * MAX_VARIANTS; beyond, the kids as typed). */
qnode *index_qnode_near(parser *p, qnode **kids, size_t n, int dist);

/* Append the FTS5 expression of nd over folded tokens (exact = 0) or over
 * exact forms (exact = 1), its column filter included. */
void index_qnode_render(const qnode *nd, int exact, td_buf *b);

/* 1 when a positive term under nd was typed with diacritics. */
int index_qnode_marked(const qnode *nd);

/* Append to q->exact the exact-form expression of every positive term
 * under nd (col: the column filter in force, 0 for none). */
void index_qnode_exact(const qnode *nd, int col, index_query *q);

#endif
