/* names.h - canonical names of units, blocs and provinces.
 *
 * The same member unit, bloc or province is written many ways across
 * reports and years (abbreviations, case, tone placement, dashes, a
 * trailing "tỉnh X").  This module turns a name as written into a matching
 * key and a display name, scores how likely two bloc names are the same
 * bloc, and knows the 2025 province merger.  The facts (aliases,
 * abbreviations, stop words, provinces) come from rules/ data files; this
 * file holds only the mechanics.  Nothing here touches the database.
 */
#ifndef NAMES_H
#define NAMES_H

#include <stddef.h>

#include "core/td.h"

typedef struct names_table names_table;

/* Bloc names whose confidence (names_bloc_confidence) reaches this are
 * merged into one bloc unless an override says otherwise. */
#define NAMES_BLOC_THRESHOLD 0.6

/* Load rules_dir/abbrev.aliases, units.aliases, blocs.aliases and
 * provinces.tsv.  A missing file is an empty table (the module then does
 * plain folding); a malformed line is an error (TD_ERULE, e names the file
 * and line).  On success *out is a table the caller frees with names_free;
 * on failure *out is NULL. */
int names_load(const char *rules_dir, names_table **out, td_err *e);

/* Free a table.  Accepts NULL. */
void names_free(names_table *t);

/* The matching form of s: folded (norm_fold), cut into words at spaces and
 * punctuation, abbreviations expanded, words joined by single spaces.
 * Returns a malloc'd string the caller frees (never NULL; "" for no words). */
char *names_words(const names_table *t, const char *s);

/* Canonical form of a member unit name as written.  *display receives the
 * name to show (the alias file's canonical spelling, else raw with spaces
 * collapsed, abbreviations written out and a trailing province removed);
 * *key receives the matching key (names_words of the canonical name with a
 * trailing "tỉnh [Province]" removed).  Both malloc'd, caller frees. */
void names_unit(const names_table *t, const char *raw, char **display,
                char **key);

/* The descriptor of a bloc name: its words after abbreviation expansion,
 * concept phrases (blocs.aliases), stop words, years and the province
 * dropped; sorted, unique, space-separated.  Malloc'd, caller frees. */
char *names_bloc_key(const names_table *t, const char *name);

/* Similarity in [0,1] of two space-separated word sets: the mean of their
 * Jaccard index and their containment (shared / smaller set).  Two empty
 * sets give 0.  Numbers must agree: sets holding different numbers and no
 * common number give 0. */
double names_key_similarity(const char *a, const char *b);

/* How confident we are that two bloc names (with their canonical
 * provinces, either may be NULL) name the same bloc, in [0,1]: the
 * descriptor similarity, 0 when both provinces are known and differ, and
 * scaled by 0.9 when only one is known. */
double names_bloc_confidence(const names_table *t, const char *a,
                             const char *prov_a, const char *b,
                             const char *prov_b);

/* Similarity in [0,1] of two free texts (goals): Jaccard index of their
 * folded words of two letters or more.  */
double names_text_similarity(const names_table *t, const char *a,
                             const char *b);

/* ---- provinces --------------------------------------------------------- */

/* Which province set a document date belongs to: 34 on or after
 * 2025-07-01, else 63 (also for NULL or unparsable dates). */
int names_province_set(const char *date);

/* The canonical name (gazetteer "name" column) of a province written raw,
 * with or without a "tỉnh", "thành phố", "TP." prefix, in any case or tone
 * placement, or NULL when it is not a province.  date (ISO, may be NULL)
 * picks the set searched first.  The result is owned by the table. */
const char *names_province(const names_table *t, const char *raw,
                           const char *date);

/* The first province named in text after "tỉnh" / "thành phố" / "TP", or
 * at its very end; NULL when none.  Owned by the table. */
const char *names_province_in(const names_table *t, const char *text,
                              const char *date);

/* The unit of the 34 set that canonical province name belongs to from
 * 2025-07-01 (itself when unchanged or kept), or NULL when unknown.
 * Owned by the table. */
const char *names_province_successor(const names_table *t, const char *name);

/* 1 when part is a former province (63 set) merged into whole (34 set) and
 * part is not whole itself; 0 otherwise.  Both canonical names. */
int names_province_is_part(const names_table *t, const char *whole,
                           const char *part);

#endif
