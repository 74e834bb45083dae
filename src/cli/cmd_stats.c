/* cmd_stats.c - `thidua stats`: count what the database holds.
 *
 * Documents by format, blocs, documents by province and by year, and facts
 * by kind; readable or as one JSON object.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "canon/canon.h"
#include "index/index.h"

const char cmd_stats_usage[] =
    "usage: thidua stats [--json]\n"
    "\n"
    "Count what the database holds: documents (by format), blocs, facts (by\n"
    "kind), and documents by province and by year (the bloc's pledge, review\n"
    "or meeting year).  Blocs are counted as 'thidua blocs' lists them, the\n"
    "names of many reports merged into one bloc; the documents that name a\n"
    "bloc are counted beside them.\n"
    "\n"
    "options:\n"
    "  --json        one JSON object: documents, formats{}, blocs,\n"
    "                bloc_documents, facts, fact_kinds{}, provinces{}, years{}\n"
    "  --db PATH     database (default: $THIDUA_DB or ./thidua.db)\n"
    "  --rules DIR   rule directory (names that merge blocs: *.aliases)\n"
    "  -h, --help    this text\n"
    "\n"
    "Exit status: 0 done; 2 usage error; 3 the database could not be opened.\n";

static void json_counts(td_buf *b, const char *key, const index_count *v, size_t n)
{
    td_buf_printf(b, ",\"%s\":{", key);
    for (size_t i = 0; i < n; i++) {
        if (i)
            td_buf_putc(b, ',');
        td_json_str(b, v[i].key ? v[i].key : "");
        td_buf_printf(b, ":%ld", v[i].n);
    }
    td_buf_putc(b, '}');
}

static void print_counts(const char *label, const index_count *v, size_t n)
{
    printf("%-11s", label);
    if (n == 0)
        fputs(" (none)", stdout);
    for (size_t i = 0; i < n; i++)
        printf("%s %s %ld", i ? "," : "", v[i].key ? v[i].key : "?", v[i].n);
    putchar('\n');
}

int cmd_stats(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    cli_args_init(&a, argc, argv, 0);
    int c = cli_args_next(&a, NULL, ctx);
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    if (a.npos)
        return cli_usage_error(ctx, "unexpected argument '%s'", a.pos[0]);
    td_err e;
    td_err_clear(&e);
    index_db *db = NULL;
    if (cli_open_db(ctx, &db) != CLI_OK)
        return CLI_FATAL;
    index_stats st;
    long blocs = 0;
    if (index_stats_get(db, &st, &e) != TD_OK) {
        cli_error("%s", e.msg);
        index_close(db);
        return CLI_FATAL;
    }
    if (canon_bloc_count(db, ctx->rules_dir, &blocs, &e) != TD_OK) {
        cli_error("%s", e.msg);
        index_stats_free(&st);
        index_close(db);
        return CLI_FATAL;
    }
    if (ctx->json) {
        td_buf b = TD_BUF_INIT;
        td_buf_printf(&b, "{\"documents\":%ld", st.documents);
        json_counts(&b, "formats", st.formats, st.nformats);
        td_buf_printf(&b, ",\"blocs\":%ld,\"bloc_documents\":%ld,\"facts\":%ld", blocs,
                      st.bloc_docs, st.facts);
        json_counts(&b, "fact_kinds", st.kinds, st.nkinds);
        json_counts(&b, "provinces", st.provinces, st.nprovinces);
        json_counts(&b, "years", st.years, st.nyears);
        td_buf_puts(&b, "}\n");
        fwrite(b.ptr, 1, b.len, stdout);
        td_buf_free(&b);
    } else {
        printf("documents  %ld", st.documents);
        for (size_t i = 0; i < st.nformats; i++)
            printf("%s%s %ld", i ? ", " : " (", st.formats[i].key, st.formats[i].n);
        puts(st.nformats ? ")" : "");
        printf("blocs      %ld (named in %ld document%s)\n", blocs, st.bloc_docs,
               st.bloc_docs == 1 ? "" : "s");
        printf("facts      %ld\n", st.facts);
        print_counts("  by kind", st.kinds, st.nkinds);
        print_counts("provinces", st.provinces, st.nprovinces);
        print_counts("years", st.years, st.nyears);
    }
    index_stats_free(&st);
    index_close(db);
    return CLI_OK;
}
