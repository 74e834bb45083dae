/* canon_table.c - aligned text tables, CSV and the evidence of canonical
 * facts (see canon_table.h). */
#include "cli/canon_table.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* ---- evidence ---------------------------------------------------------- */

int cli_bold(const cli_ctx *ctx)
{
    return !ctx->json && !ctx->csv && isatty(1) && !getenv("NO_COLOR");
}

void cli_print_marked(FILE *f, const char *indent, const char *sentence,
                      long a, long z, int bold)
{
    const char *s = sentence ? sentence : "";
    long n = (long)strlen(s);
    fputs(indent ? indent : "", f);
    if (n == 0) {
        fputs("(document metadata, no sentence)\n", f);
        return;
    }
    if (a < 0 || z > n || a > z)
        a = z = -1;
    for (long i = 0; i <= n; i++) {
        if (i == a)
            fputs(bold ? "\033[1m" : "[", f);
        if (i == z && a >= 0)
            fputs(bold ? "\033[0m" : "]", f);
        if (i == n)
            break;
        char c = s[i];
        fputc(c == '\n' || c == '\r' || c == '\t' ? ' ' : c, f);
    }
    fputc('\n', f);
}

void cli_print_sources(FILE *f, const char *indent, const canon_source *v,
                       size_t n, int bold)
{
    const char *in = indent ? indent : "";
    if (n == 0) {
        fprintf(f, "%s(no source recorded)\n", in);
        return;
    }
    td_buf deeper = TD_BUF_INIT;
    td_buf_printf(&deeper, "%s  ", in);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%sdoc %ld  %s\n", in, v[i].doc_id, v[i].path ? cli_name(v[i].path) : "?");
        long a = v[i].start >= 0 ? v[i].start - v[i].sent_start : -1;
        long z = v[i].end >= 0 ? v[i].end - v[i].sent_start : -1;
        cli_print_marked(f, deeper.ptr, v[i].sentence, a, z, bold);
    }
    td_buf_free(&deeper);
}

void cli_json_sources(td_buf *b, const canon_source *v, size_t n)
{
    td_buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        td_buf_printf(b, "%s{\"doc\":%ld,\"path\":", i ? "," : "", v[i].doc_id);
        td_json_str(b, v[i].path);
        td_buf_printf(b, ",\"year\":%d,\"written\":", v[i].year);
        td_json_str(b, v[i].written);
        td_buf_puts(b, ",\"sentence\":");
        td_json_str(b, v[i].sentence);
        if (v[i].sentence && v[i].start >= 0)
            td_buf_printf(b, ",\"start\":%ld,\"end\":%ld,\"sentence_start\":%ld}",
                          v[i].start, v[i].end, v[i].sent_start);
        else
            td_buf_puts(b, ",\"start\":null,\"end\":null,\"sentence_start\":null}");
    }
    td_buf_putc(b, ']');
}

/* A database error while reading sources is reported once. */
static void sources_error(const td_err *e)
{
    static int said;
    if (!said)
        cli_warn("sources not shown: %s", e->msg);
    said = 1;
}

int cli_fact_sources_print(canon_sources *s, long bloc, int year,
                           canon_src_kind kind, const char *value,
                           const char *indent, int bold)
{
    canon_source *v = NULL;
    size_t n = 0;
    td_err e;
    td_err_clear(&e);
    int rc = canon_sources_get(s, bloc, year, kind, value, &v, &n, &e);
    if (rc != TD_OK) {
        sources_error(&e);
        return rc;
    }
    cli_print_sources(stdout, indent, v, n, bold);
    canon_sources_free(v, n);
    return TD_OK;
}

int cli_fact_sources_json(td_buf *b, canon_sources *s, long bloc, int year,
                          canon_src_kind kind, const char *value)
{
    canon_source *v = NULL;
    size_t n = 0;
    td_err e;
    td_err_clear(&e);
    int rc = canon_sources_get(s, bloc, year, kind, value, &v, &n, &e);
    if (rc != TD_OK)
        sources_error(&e);
    cli_json_sources(b, v, n);
    canon_sources_free(v, n);
    return rc;
}

int cli_canon_load(cli_ctx *ctx, index_db *db, const canon_filter *f,
                   int want_sources, canon_bloc **b, size_t *n,
                   canon_sources **src)
{
    td_err e;
    td_err_clear(&e);
    *b = NULL;
    *n = 0;
    *src = NULL;
    int rc = canon_blocs(db, ctx->rules_dir, f, b, n, &e);
    if (rc != TD_OK) {
        if (rc == TD_EUSAGE)
            return cli_usage_error(ctx, "%s", e.msg);
        cli_error("%s", e.msg);
        return CLI_FATAL;
    }
    if (want_sources && canon_sources_open(db, src, &e) != TD_OK) {
        cli_error("%s", e.msg);
        canon_blocs_free(*b, *n);
        *b = NULL;
        *n = 0;
        *src = NULL;
        return CLI_FATAL;
    }
    return CLI_OK;
}

int cli_canon_args(cli_args *a, int argc, char **argv, cli_ctx *ctx,
                   canon_filter *f, int *evidence)
{
    static const cli_opt opts[] = {
        {"csv", 0, 0, CLI_OPT_CSV},
        {"province", 'p', 1, 'p'},
        {"bloc", 'b', 1, 'b'},
        {"evidence", 0, 0, CLI_OPT_EVIDENCE},
        {NULL, 0, 0, 0},
    };
    int c;
    cli_args_init(a, argc, argv, 0);
    while ((c = cli_args_next(a, opts, ctx)) > 0) {
        if (c == 'p')
            f->province = a->value;
        else if (c == 'b')
            f->bloc = a->value;
        else if (c == CLI_OPT_EVIDENCE)
            *evidence = 1;
    }
    return c;
}
