/* canon_table.c - aligned text tables and CSV (see canon_table.h). */
#include "cli/canon_table.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

void cli_table_init(cli_table *t, size_t ncols, const char *const *head)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    cli_table_add(t, head);
}

void cli_table_add(cli_table *t, const char *const *row)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->cells = td_xrealloc(t->cells, t->cap * t->ncols * sizeof *t->cells);
    }
    for (size_t c = 0; c < t->ncols; c++)
        t->cells[t->nrows * t->ncols + c] = td_xstrdup(row[c] ? row[c] : "");
    t->nrows++;
}

static void csv_cell(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void cli_table_print(const cli_table *t, FILE *f, int csv, const char *indent)
{
    if (csv) {
        for (size_t r = 0; r < t->nrows; r++) {
            for (size_t c = 0; c < t->ncols; c++) {
                if (c)
                    fputc(',', f);
                csv_cell(f, t->cells[r * t->ncols + c]);
            }
            fputc('\n', f);
        }
        return;
    }
    size_t *w = td_xcalloc(t->ncols, sizeof *w);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = t->cells[r * t->ncols + c];
            size_t cw = cli_width(s, strlen(s));
            if (cw > w[c])
                w[c] = cw;
        }
    for (size_t r = 0; r < t->nrows; r++) {
        /* the last non-empty cell is not padded, so lines end clean */
        size_t last = 0;
        for (size_t c = 0; c < t->ncols; c++)
            if (*t->cells[r * t->ncols + c])
                last = c;
        fputs(indent ? indent : "", f);
        for (size_t c = 0; c <= last; c++) {
            const char *s = t->cells[r * t->ncols + c];
            if (c == last)
                fputs(s, f);
            else {
                cli_print_padded(f, s, w[c]);
                fputs("  ", f);
            }
        }
        fputc('\n', f);
    }
    free(w);
}

void cli_table_free(cli_table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}
