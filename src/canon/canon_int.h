/* canon_int.h - what the files of src/canon/ share and nobody else sees.
 *
 * rebuild.c drives the rebuild and holds the SQLite helpers; group.c turns
 * bloc names into variants and groups them; store.c writes the derived
 * tables; overrides.c reads and records the user's decisions; dedup.c
 * finds republished copies.  query.c and sources.c only read the tables
 * and need nothing from here but the helpers.  Fenced per file, in the
 * manner of fts5Int.h.
 */
#ifndef CANON_INT_H
#define CANON_INT_H

#include <sqlite3.h>

#include "canon/canon.h"
#include "normalize/names.h"

/* A bloc name as written, with its province (or its site): the unit that
 * group.c merges into blocs. */
typedef struct variant {
    char *name;         /* longest spelling seen */
    char *province;     /* canonical or NULL */
    char *vkey;         /* names_words(name) "|" province */
    int docs;           /* documents using it */
    long last_doc;      /* to count documents once */
    size_t parent;      /* union-find */
    int isolated;       /* split override: no automatic merge */
    int via_override;   /* joined its bloc through a merge override */
    double conf;        /* best automatic edge inside its bloc */
    long bloc_id;
    char *level;        /* tinh, huyen, ... of its first row, or NULL */
    char *origin;       /* with no province: the site's host, else NULL */
    int prov_site;      /* the province comes from the site, not the text */
    char why[160];      /* how its documents and its best edge were tied */
    char **units;       /* unit keys of its documents' members and leaders */
    size_t nunits;
} variant;

/* A user override (canon_override row). */
typedef struct ovr {
    char *kind, *a, *b;
} ovr;

/* A bloc row of a canonical document, as the rebuild reads it. */
typedef struct brow {
    long doc_id, evidence_id;
    char *name, *event, *meeting_date;
    int year;              /* the year the document reports on */
    int reviewed_year;
    long member_count;     /* -1 unknown */
    size_t variant;
} brow;

/* A document's primary bloc (its first bloc row) and year. */
typedef struct docbloc {
    long doc_id, bloc_id;
    int year;
} docbloc;

/* ---- interface to code in rebuild.c ------------------------------------ */

/* Column i as a malloc'd string, NULL when NULL or empty. */
char *canon_col_dup(sqlite3_stmt *st, int i);

/* Run sql / prepare it; on failure e says why ("canonical tables: ..."). */
int canon_exec(index_db *db, const char *sql, td_err *e);
int canon_prep(index_db *db, const char *sql, sqlite3_stmt **st, td_err *e);

/* Bind s, or NULL when s is NULL. */
void canon_bind_text(sqlite3_stmt *st, int i, const char *s);

/* ---- end of interface to code in rebuild.c ----------------------------- */

/* ---- interface to code in group.c -------------------------------------- */

/* The root of variant i's bloc (union-find, with path halving). */
size_t canon_vfind(variant *v, size_t i);

/* The key of a variant: names_words(name) "|" province, or, with no
 * province, "|?" and its origin (a site's host, "#<doc id>" when unknown).
 * Malloc'd. */
char *canon_vkey(const names_table *t, const char *name, const char *prov);
char *canon_vkey_origin(const names_table *t, const char *name, const char *origin);

/* The index of the variant with key vkey, or -1. */
long canon_vindex(variant *v, size_t n, const char *vkey);

/* The province of the bloc rooted at root, NULL when none of its variants
 * knows it. */
const char *canon_cluster_province(variant *v, size_t n, size_t root);

/* Group the n variants into blocs, the no overrides o first. */
void canon_cluster(const names_table *t, variant *v, size_t n, const ovr *o,
                   size_t no);

/* Give every variant the unit keys of its documents' members and leaders
 * (rows sorted by doc_id, each document's first row naming its variant). */
int canon_collect_units(index_db *db, const names_table *t, const brow *rows,
                        size_t nrows, variant *v, td_err *e);

/* ---- end of interface to code in group.c ------------------------------- */

/* ---- interface to code in store.c -------------------------------------- */

/* Insert canon_bloc and canon_variant, each bloc under its stable id
 * (canon_bloc_key, recorded unless temp); sets every variant's bloc_id. */
int canon_store_blocs(index_db *db, const names_table *t, variant *v, size_t n,
                      int temp, td_err *e);

/* Insert canon_name and canon_bloc_year from the bloc rows; *pb receives
 * each document's primary bloc, sorted by doc_id (malloc'd, also on
 * failure). */
int canon_store_years(index_db *db, const brow *rows, size_t nrows,
                      const variant *v, docbloc **pb, size_t *npb, td_err *e);

/* Insert canon_member, canon_leader and canon_goal under each document's
 * primary bloc. */
int canon_store_facts(index_db *db, const names_table *t, const docbloc *pb,
                      size_t npb, td_err *e);

/* ---- end of interface to code in store.c ------------------------------- */

/* ---- interface to code in overrides.c ---------------------------------- */

/* The overrides in the order they were given; *out malloc'd (free with
 * canon_free_overrides). */
int canon_load_overrides(index_db *db, ovr **out, size_t *n, td_err *e);
void canon_free_overrides(ovr *o, size_t n);

/* ---- end of interface to code in overrides.c --------------------------- */

/* ---- interface to code in dedup.c -------------------------------------- */

/* Group the documents into duplicates and fill canon_doc (called by the
 * rebuild inside its transaction). */
int canon_dedup_build(index_db *db, td_err *e);

/* ---- end of interface to code in dedup.c ------------------------------- */

#endif
