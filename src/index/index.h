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
    INDEX_UNCHANGED,      /* same path and content hash: nothing written */
    INDEX_REPLACED        /* same path, new content: old rows replaced */
};

/* Open (creating or migrating when writable) the database at path.  On
 * success *out is a handle the caller closes with index_close; on failure
 * *out is NULL and e says why (TD_EDB). */
int index_open(const char *path, int writable, index_db **out, td_err *e);

/* Close the handle.  Accepts NULL. */
void index_close(index_db *db);

/* 1 when a document with this path and content hash is already stored,
 * so ingest can skip extraction; 0 otherwise. */
int index_is_current(index_db *db, const char *path, const char *hash);

/* Store d (normalized, facts applied) in one transaction, replacing an
 * older version of the same path.  *status (may be NULL) receives one of
 * INDEX_ADDED, INDEX_UNCHANGED, INDEX_REPLACED.  On failure nothing of d
 * is stored and e says why. */
int index_store(index_db *db, const td_doc *d, int *status, td_err *e);

#endif
