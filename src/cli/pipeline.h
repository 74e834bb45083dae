/* pipeline.h - run one file through extract, normalize and rules.
 *
 * Shared by `extract` and `ingest` so both see the same facts.
 */
#ifndef PIPELINE_H
#define PIPELINE_H

#include <stdio.h>

#include "core/td.h"
#include "extract/extract.h"
#include "rules/rules.h"

/* Extract data (the bytes of path), normalize it and, when rs is not NULL,
 * apply the rules (without rules the folded shadow d->fold is not built).
 * source_url (may be NULL) is where the file came from; it wins over the
 * address a saved page names itself.  *bad_bytes (may be NULL) receives how
 * many bytes that were not UTF-8 in mostly-UTF-8 input the reader replaced
 * (the caller warns: pipeline_warn_bad_bytes).  Prints nothing and keeps
 * no state: ingest runs it on several threads at once (rs is only read).
 * On success *out is the document (caller frees with td_doc_free); on
 * failure *out is NULL and e says why. */
int pipeline_run(const char *path, const char *data, size_t len,
                 const char *source_url, const rules_set *rs, td_doc **out,
                 size_t *bad_bytes, td_err *e);

/* A map from file path to source address, read from a file of lines
 * "path<TAB>url" (blank lines and lines starting with # skipped). */
typedef struct pipeline_sources pipeline_sources;

/* Read file into *out; TD_EIO/TD_EFORMAT naming the line on failure. */
int pipeline_sources_load(const char *file, pipeline_sources **out, td_err *e);
/* The address of path (as listed, or as resolved by realpath), or NULL. */
const char *pipeline_sources_get(const pipeline_sources *s, const char *path);
void pipeline_sources_free(pipeline_sources *s);   /* accepts NULL */

/* When a rule failed on d (a PCRE2 limit, see td_doc.rule_error), print
 * one error line naming the file and the rule and return 1; else 0.  The
 * document keeps the facts the other rules found. */
int pipeline_rule_error(const td_doc *d);

/* The same, without printing: 1 and e filled when a rule failed on d. */
int pipeline_rule_error_get(const td_doc *d, td_err *e);

/* The warning line for n bytes of path replaced by U+FFFD (none when n is
 * 0). */
void pipeline_warn_bad_bytes(const char *path, size_t n);

/* Read a list of paths from f (standard input for `ingest -`): separated
 * by NULs when the input holds one (find -print0), else one a line (a
 * final CR dropped); empty entries are skipped.  *paths is a malloc'd
 * array of malloc'd strings (free with pipeline_free_list).  TD_EIO on a
 * read error, with *paths NULL. */
int pipeline_read_list(FILE *f, char ***paths, size_t *npaths, td_err *e);

/* Expand paths (files, or directories walked recursively in name order,
 * hidden entries skipped, only .txt/.htm/.html/.docx files taken from
 * directories; a file named on its own is always taken) into a list of
 * files.  Each directory, and each file found in one, is taken once, by
 * device and inode (a second path to it gets a warning line); a file named
 * is taken each time it is named.  Symbolic links inside a walked
 * directory are followed after the tree's own entries, and only to places
 * inside the tree unless follow_symlinks is set (each link skipped gets a
 * warning line).  *files is a malloc'd array of malloc'd strings; free with
 * pipeline_free_list.  Paths that do not exist and links that cannot be
 * followed are reported through cli_error and counted in *missing. */
void pipeline_list(char **paths, int npaths, int follow_symlinks,
                   char ***files, size_t *nfiles, int *missing);
void pipeline_free_list(char **files, size_t nfiles);

/* Fingerprint of the extractor: the running program and every regular file
 * of rules_dir (names and contents), as 16 hex digits in out.  Facts
 * stored under another fingerprint are re-extracted by ingest. */
void pipeline_fingerprint(const char *rules_dir, char out[17]);

#endif
