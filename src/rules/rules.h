/* rules.h - regex rules kept as data in rules/, compiled with PCRE2.
 *
 * A rule set is loaded once from a directory of *.rules files, compiled
 * (UTF, UCP, JIT when available) and applied to normalized documents: it
 * matches over the folded shadow (doc->fold) and reports facts with their
 * evidence in the original spelling.  The *.test files beside the rules
 * hold each rule's cases and are run by rules_run_tests().
 */
#ifndef RULES_H
#define RULES_H

#include <stdio.h>

#include "core/td.h"

typedef struct rules_set rules_set;

/* Load and compile every *.rules file in dir.  On success *out is a new
 * set the caller frees with rules_free; on failure *out is NULL and e names
 * the file, line and reason (TD_ERULE or TD_EIO). */
int rules_load(const char *dir, rules_set **out, td_err *e);

/* Free a set.  Accepts NULL. */
void rules_free(rules_set *rs);

/* Extract the facts of d, which must have been through norm_doc().  Facts
 * are appended to d->facts, each with its rule id and evidence span. */
int rules_apply(const rules_set *rs, td_doc *d, td_err *e);

/* The province (canonical spelling) that the host of url belongs to, from
 * sites.tsv or a province name in the host; NULL when it tells none.
 * *known (when not NULL) is 1 when the host was recognised, also as a
 * national site with no province. */
const char *rules_site_province(const rules_set *rs, const char *url, int *known);

/* Run the cases of every *.test file in dir against rs, printing failures
 * (file, line, case name, expected against actual) to out.  Sets *passed
 * and *failed (malformed cases count as failed).  Returns TD_OK when the
 * files could be read, whatever the results. */
int rules_run_tests(const rules_set *rs, const char *dir, FILE *out,
                    int *passed, int *failed, td_err *e);

/* Append the facts of d as one JSON object (no newline) with the keys of
 * `thidua extract --json`. */
void rules_facts_json(const td_doc *d, td_buf *out);

/* Print a readable summary of d's facts to out. */
void rules_facts_print(const td_doc *d, FILE *out);

#endif
