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
    char *praw;            /* TERM with a prefix typed with diacritics: that
                            * word lowercase NFC as typed, when its key
                            * differs (hoà, key hòa), else NULL */
    char **alt_f, **alt_x; /* ALT: equivalent phrases, folded and exact */
    size_t nalt;
    qnode *fallback;       /* ALT: the words as typed, ANDed (or NULL) */
    int marked;            /* ALT, unit: the words were typed with diacritics */
    int unit;              /* OR of one term's variants (NEAR with an
                            * abbreviation): one term for exact ranking */
    int form;              /* TERM: an abbreviation form put in a NEAR:
                            * folded in the strict reading, whatever its
                            * diacritics */
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

/* How a tree is rendered (the exact argument of index_qnode_render):
 *   R_FOLD    every word folded: the folded reading, what matches today;
 *   R_EXACT   words typed with diacritics as their exact form ('=' + key),
 *             the others folded: the expressions that rank exact forms;
 *   R_STRICT  the strict reading: a positive or NOT word typed with
 *             diacritics matches its exact form or, in a column typed
 *             without diacritics, its bare spelling (a term becomes the OR
 *             of its R_EXACT and R_BARE phrases); words typed without
 *             diacritics, abbreviation forms and dates stay folded;
 *   R_BARE    words typed with diacritics as their bare spelling ('=' +
 *             folded word, which only bare columns index), the others
 *             folded;
 *   R_SWAP    R_TYPED with a final i after a consonant written y and
 *             back (ký as kí, mĩ as mỹ): the other spelling of the same
 *             word, which a document writes throughout;
 *   R_TYPED   R_EXACT with abbreviation forms folded: the words the user
 *             typed with diacritics as their exact form (R_SWAP and R_BARE
 *             fold those forms too). */
enum { R_FOLD = 0, R_EXACT = 1, R_STRICT = 2, R_BARE = 3, R_SWAP = 4, R_TYPED = 5 };

/* Append the FTS5 expression of nd in reading mode (R_*), its column
 * filter included. */
void index_qnode_render(const qnode *nd, int mode, td_buf *b);

/* 1 when a positive term under nd was typed with diacritics. */
int index_qnode_marked(const qnode *nd);

/* Append to q->exact the exact-form expression of every positive term
 * under nd (col: the column filter in force, 0 for none). */
void index_qnode_exact(const qnode *nd, int col, index_query *q);

#endif
