/* canon.h - stage 4, across documents: canonical tables and the queries
 * over them.
 *
 * The per-document rows of index/schema.c (blocs, members, leaders, goals)
 * name things as each report wrote them.  This stage derives one row per
 * real bloc, bloc-year, member, leader and goal: names made canonical
 * (normalize/names.h), the same bloc across years merged (with a
 * confidence, and user overrides), republished copies of an article
 * counted once (dedup.c).  The derived tables can be dropped and rebuilt
 * at any time; only canon_override (and canon_bloc_key, the ids given out)
 * outlive a rebuild.  compare, leaders, blocs, stats and show read them
 * through this header; it works on the database of index.h, through
 * index_sqlite.
 *
 * The files: rebuild.c (schema, staleness, the rebuild), group.c (names
 * into variants, variants into blocs), store.c (writing the tables),
 * overrides.c, dedup.c, query.c (what compare, leaders and blocs list),
 * sources.c (the evidence behind each canonical fact); canon_int.h is
 * what they share.
 *
 * Derived schema (meta key 'canon_version'):
 *   canon_doc(doc_id, canon_id, kind, similarity)   kind 'self'|'exact'|'near'
 *   canon_bloc(id, name, province, key)
 *   canon_variant(bloc_id, name, province, vkey, confidence, how, docs, why)
 *   canon_bloc_year(bloc_id, year, event, meeting_date, member_count, doc_id,
 *                   evidence_id)
 *   canon_member(bloc_id, year, unit, unit_key, doc_id, evidence_id)
 *   canon_leader(bloc_id, year, role, unit, unit_key, explicit, doc_id,
 *                evidence_id)
 *   canon_goal(bloc_id, year, text, doc_id, evidence_id)
 *   canon_name(bloc_id, vkey, year, doc_id, evidence_id)  a name's reports
 *   canon_override(id, kind, a, b, created_at)       kind 'merge'|'split'
 *   canon_bloc_key(vkey PRIMARY KEY, bloc_id)   the id each variant's bloc
 *       was given; kept across rebuilds, like the overrides, so that bloc
 *       ids do not shift when blocs are merged, split or added
 */
#ifndef CANON_H
#define CANON_H

#include <stddef.h>

#include "index/index.h"

/* Rebuild every derived table from the per-document rows, in one
 * transaction, with the names of rules_dir (names_load).  Overrides are
 * kept and applied.  On failure nothing changes and e says why (TD_EDB
 * when the file is read-only, TD_EFULL when the disk is full). */
int canon_rebuild(index_db *db, const char *rules_dir, td_err *e);

/* Rebuild only when the documents or the name rules changed since the last
 * rebuild (a fingerprint kept in meta).  Same contract as the rebuild,
 * except that when the file cannot be written (read-only, or a full disk)
 * the derived tables are built as TEMP tables, for this connection only,
 * and the file is not touched. */
int canon_ensure(index_db *db, const char *rules_dir, td_err *e);

/* ---- duplicates (dedup.c) ---------------------------------------------- */

typedef struct canon_doc_copy {
    long doc_id;
    char *path;
    char *kind;         /* "exact" or "near" */
    double similarity;  /* word 5-gram Jaccard (1 for exact copies) */
    int canonical;      /* 1 for the copy whose facts are counted */
} canon_doc_copy;

/* The other documents of doc_id's duplicate group (doc_id itself
 * excluded), canonical first.  *out is a malloc'd array (free with
 * canon_doc_copies_free), NULL with *n = 0 when the document has no copy.
 * Needs a rebuilt canon (canon_ensure). */
int canon_doc_copies(index_db *db, long doc_id, canon_doc_copy **out,
                     size_t *n, td_err *e);
void canon_doc_copies_free(canon_doc_copy *c, size_t n);

/* ---- overrides --------------------------------------------------------- */

/* Record a user decision about bloc merges and rebuild.  kind "merge": the
 * blocs a and b are one bloc (blocs of two provinces only when force is
 * set, else TD_EUSAGE; a province and the one it was merged into on
 * 1 July 2025 count as one); "split": a (a variant name) never merges
 * automatically, or, when b is given, a and b are never merged; "clear":
 * forget every override that mentions a.  a and b are bloc ids as printed
 * by `thidua blocs`, or bloc names as written in a report.  An unknown bloc
 * is TD_EUSAGE; a read-only file TD_EDB.  Bloc ids are stable: a merge
 * keeps the smaller id and no other bloc's id changes (canon_bloc_key). */
int canon_override(index_db *db, const char *rules_dir,
                   const char *kind, const char *a, const char *b,
                   int force, td_err *e);

/* ---- queries ----------------------------------------------------------- */

typedef struct canon_variant {
    char *name;          /* as written in the reports */
    char *province;      /* canonical, or NULL */
    double confidence;   /* of the merge into the bloc; 1 for the first */
    char *how;           /* "self", "auto", "override" */
    int docs;            /* documents using this name */
    char *why;           /* what tied its documents and its merge, or NULL */
} canon_variant;

typedef struct canon_year {
    int year;
    char *event;          /* of the document reporting it (last one) */
    char *meeting_date;   /* ISO or NULL */
    long member_count;    /* -1 unknown */
    char *leader;         /* canonical unit, or NULL */
    char *deputy;
    char **members;       /* canonical units, sorted; NULL when no list */
    size_t nmembers;
    char **goals;         /* as written, in document order */
    size_t ngoals;
    long *docs;           /* documents reporting the year */
    size_t ndocs;
    char **paths;         /* their paths, in the same order */
    size_t npaths;
} canon_year;

typedef struct canon_bloc {
    long id;
    char *name;           /* canonical display name */
    char *province;       /* canonical province, or NULL */
    char *part_of;        /* set when the bloc matched --province only as a
                           * former part of it: that (canonical) province */
    canon_year *years;    /* ascending */
    size_t nyears;
    canon_variant *variants;
    size_t nvariants;
} canon_bloc;

typedef struct canon_filter {
    const char *province;  /* canonical or as written; NULL = all */
    const char *bloc;      /* id, or a name matched by similarity; NULL = all */
    int year;              /* only blocs reporting this year; 0 = all */
} canon_filter;

/* The blocs matching f, ordered by province then name, each with all its
 * years (ensures the canon first).  A --province of a merged province also
 * returns the blocs of its former parts, with `part_of` set.  *out is
 * malloc'd (free with canon_blocs_free); none is success with *n = 0.
 * An unknown province is TD_EUSAGE. */
int canon_blocs(index_db *db, const char *rules_dir,
                const canon_filter *f, canon_bloc **out, size_t *n,
                td_err *e);
void canon_blocs_free(canon_bloc *b, size_t n);

/* The number of canonical blocs: what canon_blocs lists with no
 * filter (ensures the canon first). */
int canon_bloc_count(index_db *db, const char *rules_dir, long *n, td_err *e);

/* The year entry of b for year, or NULL. */
const canon_year *canon_bloc_year_get(const canon_bloc *b, int year);

/* ---- sources: where each canonical fact comes from --------------------- */

typedef enum canon_src_kind {
    CANON_SRC_BLOC,     /* the bloc reported in the year: its name's sentence */
    CANON_SRC_LEADER,   /* value: the canonical unit leading the bloc */
    CANON_SRC_DEPUTY,   /* value: the canonical deputy unit */
    CANON_SRC_MEMBER,   /* value: a canonical member unit */
    CANON_SRC_GOAL,     /* value: a goal as written (canon_year.goals) */
    CANON_SRC_COUNT,    /* value: the stated member count, in decimal */
    CANON_SRC_NAME      /* value: a name of the bloc as written (its
                         * canon_variant.name); year is not used */
} canon_src_kind;

typedef struct canon_source {
    long doc_id;
    int year;           /* the year the fact is filed under */
    char *path;         /* the document's path as ingested */
    char *written;      /* the value as the report wrote it, or NULL */
    char *sentence;     /* the sentence, or NULL (metadata, no evidence row) */
    long start, end;    /* evidence span, bytes in the document text */
    long sent_start;    /* where sentence starts, bytes in the document text */
} canon_source;

typedef struct canon_sources canon_sources;

/* Open a reader of sources over db (its statements are prepared once).
 * Needs a rebuilt canon (canon_blocs does it).  On failure *out is
 * NULL and e says why.  Close with canon_sources_close (NULL is fine). */
int canon_sources_open(index_db *db, canon_sources **out, td_err *e);
void canon_sources_close(canon_sources *s);

/* The evidence behind one canonical fact of bloc bloc_id in year: every
 * report row filed under it (several reports may state the same fact),
 * stated-with-its-year first, then in document order.  *out is malloc'd
 * (free with canon_sources_free); none is success with *n = 0 (e.g. a
 * member count that was not stated but counted from the list). */
int canon_sources_get(canon_sources *s, long bloc_id, int year,
                      canon_src_kind kind, const char *value,
                      canon_source **out, size_t *n, td_err *e);
void canon_sources_free(canon_source *v, size_t n);

#endif
