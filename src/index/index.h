/* index.h - stage 3: normalized rows in SQLite and an FTS5 index.
 *
 * One database file holds the documents, their facts as rows, evidence,
 * and a full-text index built with thidua's Vietnamese tokenizer.  Every
 * document is stored in its own transaction, so a failure loses nothing
 * already stored.  Query code (search, show, compare) lives beside this.
 */
#ifndef INDEX_H
#define INDEX_H

#include "core/td.h"

typedef struct index_db index_db;

enum {
    INDEX_ADDED = 1,      /* a new document */
    INDEX_UNCHANGED,      /* same file and content hash: nothing written */
    INDEX_REPLACED,       /* same file, new content: old rows replaced */
    INDEX_MOVED           /* the content of a document whose file is gone,
                           * under a new path: same id, new path */
};

/* Open the database at path.  writable (ingest): create it when missing,
 * upgrade its schema, refuse a read-only file.  Otherwise (queries): the
 * file must exist; it is opened so that nothing is written to it (query_only,
 * or read-only and immutable when its directory cannot be written), the
 * schema is upgraded only when it is older and the file can be written, and
 * an older read-only file is refused with the advice to upgrade it.  Either
 * way an SQLite file that is not thidua's (another application's tables or
 * application_id) is refused untouched, and a schema newer than this
 * program's too.  On success *out is a handle the caller closes with
 * index_close; on failure *out is NULL and e says why in one line that does
 * not repeat the path (TD_EDB). */
int index_open(const char *path, int writable, index_db **out, td_err *e);

/* Close the handle.  Accepts NULL. */
void index_close(index_db *db);

/* A document is its file: the row of a file is found by its resolved path
 * (realpath), so `corpus/x`, `./corpus/x` and `/abs/corpus/x` are one
 * document; path, as given, is only what is shown.  A row stored before
 * realpaths were kept (schema 3) is found by its path until
 * index_resolve_paths gives it its realpath. */

/* 1 when the file at path is already stored with this content hash (from
 * the same caller-given source address, NULL for none, and the same
 * extractor), so ingest can skip extraction; 0 otherwise. */
int index_is_current(index_db *db, const char *path, const char *hash,
                     const char *source_given);

/* When no document is stored for the file at path, but one with the same
 * content (hash, source address and extractor) whose file is gone is: the
 * file was moved or renamed.  That document takes path (its id, text and
 * facts stay) and *moved is set to 1; else nothing changes and *moved is 0
 * (always 0 in --force mode).  TD_EDB or TD_EFULL on failure. */
int index_move(index_db *db, const char *path, const char *hash,
               const char *source_given, int *moved, td_err *e);

/* Store d (normalized, facts applied) in one transaction, replacing an
 * older version of the same file (or of a moved one, as index_move finds
 * it: its id is kept).  *status (may be NULL) receives one of INDEX_ADDED,
 * INDEX_UNCHANGED, INDEX_REPLACED, INDEX_MOVED.  On failure nothing of d
 * is stored and e says why: TD_EFULL when no room was left to write (a full
 * disk or quota, the file size limit: later documents will not fit either),
 * TD_EDB for any other database error. */
int index_store(index_db *db, const td_doc *d, int *status, td_err *e);

/* ---- batches (ingest) -------------------------------------------------- */

/* Open a batch: one write transaction (it holds the write lock until
 * committed) in which index_store, index_move, index_touch and the
 * index_error_ calls each write one savepoint, whole or not at all.  TD_OK
 * when one is open already.  TD_EDB or TD_EFULL on failure. */
int index_batch_begin(index_db *db, td_err *e);

/* Commit the open batch (TD_OK when none is open).  On failure everything
 * written since index_batch_begin is rolled back, no batch is open, and e
 * says why: TD_EFULL when no room was left, else TD_EDB. */
int index_batch_commit(index_db *db, td_err *e);

/* Roll the open batch back (nothing when none is open). */
void index_batch_rollback(index_db *db);

/* 1 when a batch is open but SQLite has rolled it back by itself (after a
 * full disk or an I/O error): everything written in it is gone, and the
 * caller must roll it back and store its documents again. */
int index_batch_lost(index_db *db);

/* What is stored for the file at path (found by its realpath only). */
typedef struct index_file {
    long long id;          /* 0: no document for this file */
    char hash[17];         /* content hash stored */
    long long size;        /* file size stored */
    long long mtime;       /* modification time stored (ns), 0 when none */
    int current;           /* same extractor and caller-given address, and
                            * not --force: unchanged when the content is */
} index_file;

/* Fill *f for the file at path (source_given: the caller's address for it,
 * or NULL).  A file that cannot be resolved, or has no row, gives f->id 0.
 * TD_EDB on failure. */
int index_file_get(index_db *db, const char *path, const char *source_given,
                   index_file *f, td_err *e);

/* Record mtime (ns; 0 for none) as the modification time of document id,
 * whose content was found unchanged.  TD_EDB or TD_EFULL on failure. */
int index_touch(index_db *db, long long id, long long mtime, td_err *e);

/* ---- failures ---------------------------------------------------------- */

/* Record that the file at path failed for reason (replacing an older
 * failure of the same file).  TD_EDB or TD_EFULL on failure. */
int index_error_note(index_db *db, const char *path, const char *reason, td_err *e);

/* Forget the failure of the file at path, if any (it was stored cleanly).
 * Writes only when there is one. */
int index_error_clear(index_db *db, const char *path, td_err *e);

typedef struct index_error {
    char *path;            /* as given to the ingest that failed on it */
    char *reason;          /* the message */
    char *at;              /* UTC, "YYYY-MM-DD HH:MM:SS" */
} index_error;

/* The recorded failures, oldest first (at least as recent as since, a
 * "YYYY-MM-DD[ HH:MM:SS]" UTC prefix, when it is not NULL).  *out is a
 * malloc'd array of *n (free with index_errors_free).  TD_EDB on failure. */
int index_errors_list(index_db *db, const char *since, index_error **out, size_t *n,
                      td_err *e);
void index_errors_free(index_error *v, size_t n);

/* Give the rows stored before realpaths were kept their realpath, each
 * path resolved from the working directory (rows whose path resolves to
 * nothing stay as they are).  When several rows resolve to one file, the
 * oldest keeps it and the others are dropped; *merged receives how many.
 * TD_EDB or TD_EFULL on failure. */
int index_resolve_paths(index_db *db, size_t *merged, td_err *e);

/* Drop the documents whose files are gone (realpath, else path, names
 * nothing) and that lie under one of roots[0..nroots) (files or
 * directories; a root that is itself gone is taken as written, made
 * absolute).  *dropped receives how many.  One transaction. */
int index_prune(index_db *db, char *const *roots, size_t nroots, size_t *dropped,
                td_err *e);

/* Drop documents ids[0..n) with all their rows, in one transaction.  The
 * canonical tables are then stale (canon_ensure rebuilds them). */
int index_remove(index_db *db, const long *ids, size_t n, td_err *e);

/* The id of the document doc names: an id ("12"), the path it was stored
 * under, any path to its file, or a unique end of a stored path ("x.txt"
 * for "corpus/x.txt").  TD_EUSAGE ("no document ...", or several) when
 * none or more than one; TD_EDB on database failure. */
int index_find_doc(index_db *db, const char *doc, long *id, td_err *e);

/* Re-extract mode: when force is set, index_is_current answers 0 and
 * index_store replaces a document even when its content is unchanged
 * (ingest --force, or after the rules changed). */
void index_set_force(index_db *db, int force);

/* The fingerprint of the extractor (program version and rules) that the
 * documents stored from now on come from; it is stored with each document,
 * and index_is_current treats a document stored by another extractor as
 * stale, so facts follow rule changes.  fp is copied; NULL disables it. */
void index_set_extractor(index_db *db, const char *fp);

/* Where search reads abbrev.tsv (abbreviations and their expansions).
 * Loads it at once: TD_OK (a missing file means no abbreviations), or
 * TD_ERULE naming the bad line; the old table is kept on failure. */
int index_set_rules_dir(index_db *db, const char *rules_dir, td_err *e);

/* ---- for the stages built on the database (canon/) -------------------- */

/* The SQLite connection behind db (for code that builds derived tables
 * from the per-document ones, see schema.c).  Owned by db. */
struct sqlite3;
struct sqlite3 *index_sqlite(index_db *db);

/* Set e from the connection's last error: "what: sqlite message", and
 * return its code: TD_EFULL when no room was left to write (a full disk or
 * quota, the file size limit), TD_EDB otherwise.  Call it before a
 * ROLLBACK, which clears the error. */
int index_db_error(index_db *db, td_err *e, const char *what);

/* Let a connection opened for queries write (a migration, the canonical
 * tables, an override): TD_OK, or TD_EDB when the file is read-only here. */
int index_allow_writes(index_db *db, td_err *e);

/* 1 when the file cannot be written here (opened read-only), else 0. */
int index_is_readonly(index_db *db);

/* ---- search ------------------------------------------------------------ */

typedef struct index_search_opts {
    const char *query;     /* user query; NULL or "" lists by filters only */
    const char *province;  /* folded substring of the bloc's province, or NULL */
    const char *bloc;      /* folded substring of the bloc's name, or NULL */
    const char *format;    /* "docx", "html", "text", or NULL */
    int year;              /* pledge, reviewed or meeting year; 0 = any */
    int limit;             /* at most this many hits (> 0) */
    const char *mark_open; /* put around matched words in snippets */
    const char *mark_close;
    int fold;              /* 1: the folded reading only (--fold) */
} index_search_opts;

/* How a search read the words typed with diacritics.  INDEX_STRICT: they
 * matched those diacritics, their other tone placements, Unicode forms and
 * cases, or a column typed without diacritics ("hồi" finds Hồi, hồi and a
 * bare "hoi", never "hội").  INDEX_FOLDED: every word matched however it is
 * written (the query has no diacritics, or opts.fold).  INDEX_FALLBACK: the
 * strict reading found fewer than INDEX_FALLBACK_MIN documents and the
 * folded one more, so the hits are the folded reading's. */
typedef enum { INDEX_FOLDED, INDEX_STRICT, INDEX_FALLBACK } index_reading;

#define INDEX_FALLBACK_MIN 3

typedef struct index_hit {
    long id;               /* document id */
    char *path, *title, *format;
    double score;          /* bm25 (lower is better), title weighted 10x */
    int exact;             /* query terms matched with their exact diacritics */
    char *snippet;         /* original text around the matches, marked */
    char *province, *bloc; /* from the facts, NULL when unknown */
    int year;              /* 0 when unknown */
} index_hit;

/* Run a search.  On success *hits is a malloc'd array of *nhits ranked
 * hits (free with index_hits_free); none found is success with 0 hits.
 * *reading (when reading is not NULL) says how the query was read, and
 * *nstrict how many documents the strict reading found, up to
 * INDEX_FALLBACK_MIN (when nstrict is not NULL).  A malformed query gives
 * TD_EUSAGE with a one-line message; a database failure TD_EDB.  On
 * failure *hits is NULL. */
int index_search(index_db *db, const index_search_opts *o, index_hit **hits,
                 size_t *nhits, index_reading *reading, size_t *nstrict, td_err *e);
void index_hits_free(index_hit *hits, size_t n);

/* ---- show and stats ---------------------------------------------------- */

typedef struct index_fact_row {
    char *fact;            /* td_fact_name of the kind ("leaders", ...) */
    char *value, *extra;   /* extra may be NULL */
    int year;
    long num;
    char *rule;            /* id of the rule that produced it */
    long start, end;       /* evidence span, bytes in the document text */
    long sent_start;       /* the sentence holding it */
    char *sentence;
    long block;            /* block index, -1 when unknown */
} index_fact_row;

typedef struct index_docinfo {
    long id;
    char *path, *hash, *format, *encoding, *title, *published, *author;
    char *ingested_at;     /* UTC, "YYYY-MM-DD HH:MM:SS" */
    long size;             /* source bytes */
    long text_len;         /* bytes of normalized text */
    index_fact_row *facts; /* in text order */
    size_t nfacts;
} index_docinfo;

/* Look up a document by id ("12") or path: as stored, with or without a
 * leading "./", the real path of the file, or a unique end of the stored
 * path after a '/' ("x.txt" for "corpus/x.txt").  *out is a new record (free
 * with index_docinfo_free) or NULL when there is no such document
 * (TD_EUSAGE, "no document ..."); TD_EDB on database failure. */
int index_show(index_db *db, const char *doc, index_docinfo **out, td_err *e);
void index_docinfo_free(index_docinfo *di);

typedef struct index_count {
    char *key;
    long n;
} index_count;

typedef struct index_stats {
    long documents;
    long bloc_docs;        /* documents that name a bloc (canon: how many blocs) */
    long facts;
    index_count *formats, *provinces, *years, *kinds;
    size_t nformats, nprovinces, nyears, nkinds;
} index_stats;

/* Count what the database holds.  Fills *st (free with index_stats_free). */
int index_stats_get(index_db *db, index_stats *st, td_err *e);
void index_stats_free(index_stats *st);

/* Append to out how query would be run, one line each: "match: " and the
 * FTS5 expression that runs (the strict reading when the query has words
 * typed with diacritics and fold is 0, else the folded one); with the
 * strict reading, "fallback (...): " and the folded expression; then
 * "exact: " lines (the terms that rank exact-diacritic matches first) and
 * "adjacent: " lines (word runs that rank up when side by side).  A
 * malformed query gives TD_EUSAGE. */
int index_explain(index_db *db, const char *query, int fold, td_buf *out, td_err *e);

/* The stored (normalized) text of document id: *text is malloc'd, *len
 * bytes plus a NUL (fact offsets are bytes in it).  TD_EUSAGE when there
 * is no such document, TD_EDB on database failure. */
int index_doc_text(index_db *db, long id, char **text, size_t *len, td_err *e);

typedef struct index_recent_doc {
    long id;
    char *path, *title;    /* title may be NULL */
    char *ingested_at;     /* UTC, "YYYY-MM-DD HH:MM:SS" */
} index_recent_doc;

/* The limit documents ingested last, newest first: *out is malloc'd (free
 * with index_recent_free).  TD_EDB on failure. */
int index_recent(index_db *db, size_t limit, index_recent_doc **out, size_t *n, td_err *e);
void index_recent_free(index_recent_doc *v, size_t n);

/* ---- tests ------------------------------------------------------------- */

/* Run the "thidua" FTS5 tokenizer over text as for a document (query = 0)
 * or a query phrase (query = 1) and append one line per token to out:
 * "token TAB start TAB end TAB colocated(0|1)". */
void index_token_dump(const char *text, size_t n, int query, td_buf *out);

#endif
