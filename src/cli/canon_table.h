/* canon_table.h - aligned text tables and CSV for compare, leaders, blocs,
 * and the evidence behind their facts (--evidence, "evidence" in JSON).
 *
 * Cells are UTF-8; columns are padded by display width (cli_width), so
 * Vietnamese names line up.  CSV quotes cells as RFC 4180 says (lines end in
 * a plain newline).  A sentence is printed with its evidence span marked the
 * way `show` marks it: [brackets], or bold on a terminal without NO_COLOR.
 */
#ifndef CANON_TABLE_H
#define CANON_TABLE_H

#include <stdio.h>

#include "cli/cli.h"
#include "canon/canon.h"

typedef struct cli_table {
    size_t ncols;
    char **cells;      /* row-major, nrows * ncols, malloc'd copies */
    size_t nrows, cap;
} cli_table;

/* Start a table with ncols columns; head (ncols strings) is its first row. */
void cli_table_init(cli_table *t, size_t ncols, const char *const *head);

/* Append a row of ncols cells (copied; NULL is an empty cell). */
void cli_table_add(cli_table *t, const char *const *row);

/* Print the table: aligned, two spaces between columns, trailing spaces
 * trimmed, an indent before every line; or CSV when csv is set. */
void cli_table_print(const cli_table *t, FILE *f, int csv, const char *indent);

/* Free the cells.  The table can be initialised again afterwards. */
void cli_table_free(cli_table *t);

/* ---- evidence ---------------------------------------------------------- */

/* Long option code of --evidence (compare, leaders, blocs). */
#define CLI_OPT_EVIDENCE 0x1101

/* Read the options of compare and leaders (--province/-p, --bloc/-b,
 * --evidence, --csv and the common ones) into f and *evidence: 0 with the
 * years or other arguments in a->pos, or a cli_args_next code < 0. */
int cli_canon_args(cli_args *a, int argc, char **argv, cli_ctx *ctx,
                   canon_filter *f, int *evidence);

/* The hint the default tables end with, once. */
#define CLI_EVIDENCE_HINT "(--evidence shows the sentence behind each fact)"

/* 1 when marks should be bold: text output, stdout a terminal, NO_COLOR
 * unset; 0 for [brackets]. */
int cli_bold(const cli_ctx *ctx);

/* Print indent, then sentence on one line (newlines and tabs as spaces)
 * with the bytes [a, z) of it marked; a < 0, or a span outside the
 * sentence, prints it unmarked.  A NULL or empty sentence prints
 * "(document metadata, no sentence)". */
void cli_print_marked(FILE *f, const char *indent, const char *sentence,
                      long a, long z, int bold);

/* Print the sources of one fact: per source a line "indent doc ID  PATH"
 * and its sentence, marked, indented two more spaces; "(no source
 * recorded)" when n is 0. */
void cli_print_sources(FILE *f, const char *indent, const canon_source *v,
                       size_t n, int bold);

/* Append the sources as a JSON array of {"doc", "path", "year", "written",
 * "sentence", "start", "end", "sentence_start"} (offsets: bytes in the
 * stored document text, as in `show --json`; null without a sentence). */
void cli_json_sources(td_buf *b, const canon_source *v, size_t n);

/* Look up the sources of one fact (canon_sources_get) and print them
 * (cli_print_sources) or append them as JSON (cli_json_sources).  On a
 * database error nothing is printed, "[]" appended, and the error goes to
 * stderr once per process; returns the TD_* code. */
int cli_fact_sources_print(canon_sources *s, long bloc, int year,
                           canon_src_kind kind, const char *value,
                           const char *indent, int bold);
int cli_fact_sources_json(td_buf *b, canon_sources *s, long bloc, int year,
                          canon_src_kind kind, const char *value);

/* Load the canonical blocs matching f from db (and, when want_sources, the
 * evidence sources).  Returns CLI_OK, or the exit code after printing why
 * (CLI_USAGE for an unknown province or bloc, CLI_FATAL otherwise) with
 * *b and *src freed and NULL; db is left to the caller. */
int cli_canon_load(cli_ctx *ctx, index_db *db, const canon_filter *f,
                   int want_sources, canon_bloc **b, size_t *n,
                   canon_sources **src);

#endif
