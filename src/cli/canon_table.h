/* canon_table.h - aligned text tables and CSV for compare, leaders, blocs.
 *
 * Cells are UTF-8; columns are padded by display width (cli_width), so
 * Vietnamese names line up.  CSV quotes cells as RFC 4180 says (lines end in
 * a plain newline).
 */
#ifndef CANON_TABLE_H
#define CANON_TABLE_H

#include <stdio.h>

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

#endif
