/* index_int.h - what the files of src/index/ share and nobody else sees.
 *
 * The database handle, the tokenizer's word splitter (used by the FTS5
 * tokenizer and by the query parser, so both cut words the same way), the
 * abbreviation table and the query compiler.  Fenced per file, in the
 * manner of fts5Int.h.
 */
#ifndef INDEX_INT_H
#define INDEX_INT_H

#include <sqlite3.h>

#include "index/index.h"

/* ---- interface to code in tokenizer.c ---------------------------------- */

/* Bumped whenever the tokens change (folding, number handling, exact
 * forms): schema.c then rebuilds the FTS index on open. */
#define INDEX_TOKENIZER_VERSION 5

/* Prefix byte of exact (diacritics kept) tokens, so that they can never
 * collide with folded ones, which hold only letters and digits. */
#define INDEX_EXACT_MARK '='

/* One word of text.  folded is lowercase without marks (đ→d, ký = kí);
 * exact is NFC lowercase with canonical tone placement, or NULL for words
 * without letters (numbers).  Both are valid only during the callback.  start and
 * end are byte offsets into the text given to index_split. */
typedef int (*index_word_fn)(void *ctx, const char *folded, size_t nfolded,
                             const char *exact, size_t nexact,
                             size_t start, size_t end);

/* Cut s (n bytes of UTF-8) into words: runs of letters, digits and
 * combining marks; "8.000" is one word "8000", "1,5" one word "1,5",
 * "02" is "2".
 * Stops and returns the first non-zero value cb returns; else 0. */
int index_split(const char *s, size_t n, index_word_fn cb, void *ctx);

/* Register the "thidua" tokenizer and the td_snippet() function on db.
 * Returns an SQLite code. */
int index_tokenizer_register(sqlite3 *db);

/* ---- interface to code in snippet.c ------------------------------------ */

/* Register td_snippet(fts, col, open, close, ellipsis, ntokens): NULL for a
 * column of up to 16384 tokens (FTS5's snippet() then does it), else a
 * window of ntokens words (64 at most) around the first phrase instance in
 * the column's first 65536 tokens, at a cost that does not grow with the
 * column.  Returns an SQLite code. */
int index_snippet_register(fts5_api *api);

/* ---- end of interface to code in tokenizer.c --------------------------- */

/* ---- interface to code in abbrev.c ------------------------------------- */

typedef struct index_abbrev index_abbrev;

/* Load rules_dir/abbrev.tsv.  A missing file gives an empty table (TD_OK);
 * a malformed line gives TD_ERULE naming the line.  *out is NULL on
 * failure; free with index_abbrev_free (accepts NULL). */
int index_abbrev_load(const char *rules_dir, index_abbrev **out, td_err *e);
void index_abbrev_free(index_abbrev *ab);

/* Number of equivalence groups. */
size_t index_abbrev_count(const index_abbrev *ab);

/* Find, at words[i..n) (folded words), the longest form of any group.
 * Returns the number of words it covers (0 when none) and sets *group. */
size_t index_abbrev_match(const index_abbrev *ab, char *const *words,
                          size_t n, size_t i, size_t *group);

/* The same, among forms of at most max words. */
size_t index_abbrev_match_max(const index_abbrev *ab, char *const *words,
                              size_t n, size_t i, size_t max, size_t *group);

/* The forms equivalent to group g: every form of the group plus the
 * one-word forms of groups whose forms contain one of g's (UBMTTQ for
 * MTTQ).  *folded receives the folded phrases (words separated by one
 * space), *exact the same forms with diacritics (exact keys), in the same
 * order.  The arrays and strings belong to ab. */
size_t index_abbrev_forms(const index_abbrev *ab, size_t g,
                          const char *const **folded,
                          const char *const **exact);

/* ---- end of interface to code in abbrev.c ------------------------------ */

/* ---- interface to code in query.c -------------------------------------- */

/* A compiled search query: the FTS5 MATCH expression on folded tokens;
 * the pairs of words typed side by side in their exact form (a document
 * with the diacritics at the matched spot ranks first); the exact-form
 * expressions, one per positive term typed with diacritics, whose hits
 * rank a document up next; and the folded phrases of words typed side by
 * side, next.  A long query of plain words matches documents holding most
 * of them (cover, need), those holding more ranking first.  Strings are
 * owned by the struct. */
typedef struct index_query {
    char *match;       /* FTS5 expression over folded tokens: the folded
                        * reading */
    char *strict;      /* the strict reading (words typed with diacritics
                        * match those or none), or NULL when the query has
                        * no such word and it would be match */
    char **exact;      /* exact-form expressions (may be empty) */
    size_t nexact;
    char **boost;      /* phrases of unquoted words: adjacency ranks up */
    size_t nboost;
    char **xboost;     /* neighbour pairs of those words with the diacritics
                        * typed (words typed without stay folded): each pair
                        * found ranks up first */
    size_t nxboost;
    char **cover;      /* long plain queries: one folded expression per
                        * word or phrase; match is their OR */
    size_t ncover;
    char **scover;     /* the same in the strict reading (when strict) */
    size_t need;       /* ... and a hit holds at least need of them */
} index_query;

/* Parse the user's query q (any normalization form) into *out.  A
 * malformed query gives TD_EUSAGE and a one-line message in e, and leaves
 * *out zeroed.  ab may be NULL (no abbreviations). */
int index_query_compile(const char *q, const index_abbrev *ab,
                        index_query *out, td_err *e);
void index_query_free(index_query *q);

/* ---- end of interface to code in query.c ------------------------------- */

/* ---- interface to code in files.c -------------------------------------- */

/* The stored document a file stands for. */
typedef struct index_doc_row {
    sqlite3_int64 id;       /* 0: none */
    int moved;              /* found by content: its own file is gone */
    int same;               /* same content, extractor and given address */
} index_doc_row;

/* Find the row of the file at path (real: its resolved path, NULL when it
 * cannot be resolved), with content hash and the caller's address given:
 * by realpath; else a row stored before realpaths under this very path;
 * else (the file exists) a row with the same content whose file is gone.
 * Returns an SQLite code. */
int index_find_row(index_db *db, const char *path, const char *real, const char *hash,
                   const char *given, index_doc_row *r);

/* ---- end of interface to code in files.c ------------------------------- */

/* ---- interface to code in store.c -------------------------------------- */

/* Delete documents ids[0..n) and every row of theirs, in one transaction;
 * on failure e says why, starting with what. */
int index_drop_docs(index_db *db, const sqlite3_int64 *ids, size_t n, const char *what,
                    td_err *e);

/* ---- end of interface to code in store.c ------------------------------- */

/* ---- interface to code in schema.c ------------------------------------- */

struct index_db {
    sqlite3 *db;            /* the connection, tokenizer registered */
    char *path;             /* the file, as the caller named it */
    int writable;           /* opened for writing (ingest): created, migrated */
    int readonly;           /* the file cannot be written here (its mode,
                             * directory or disk): opened read-only */
    index_abbrev *abbrev;   /* query-side abbreviations, NULL until loaded */
    char *rules_dir;        /* where abbrev.tsv is read from, or NULL */
    int force;              /* re-extract: store even unchanged content */
    char *extractor;        /* fingerprint stored with each document, or NULL */
    struct names_table *names; /* provinces for --province, loaded on first
                            * use from rules_dir (NULL until then) */
    int names_tried;        /* names_load was attempted */
    int batch;              /* a batch transaction is open: each document
                             * goes in a savepoint of it (store.c) */
    int errors_empty;       /* the errors table was found empty: nothing
                             * to clear (-1: not looked yet) */
};

/* ---- end of interface to code in schema.c ------------------------------ */

/* ---- interface to code in batch.c -------------------------------------- */

/* One document's writes: BEGIN IMMEDIATE ... COMMIT, or inside an open
 * batch a savepoint of it.  begin and commit return an SQLite code;
 * rollback undoes the document's writes only (in a batch that SQLite has
 * rolled back by itself, nothing is left to undo: index_batch_lost). */
int index_tx_begin(index_db *db);
int index_tx_commit(index_db *db);
void index_tx_rollback(index_db *db);

/* ---- end of interface to code in batch.c ------------------------------- */

#endif
