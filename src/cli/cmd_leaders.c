/* cmd_leaders.c - `thidua leaders`: the leading unit of each bloc, year by
 * year (the rotation of leadership), from the canonical tables (src/canon/),
 * each with the reports and sentences that name it (--evidence, JSON).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/canon_table.h"
#include "cli/cli.h"
#include "cli/json_out.h"
#include "canon/canon.h"

const char cmd_leaders_usage[] =
    "usage: thidua leaders [--province P] [--bloc B] [--evidence | --json | --csv]\n"
    "\n"
    "For every bloc, the unit that led it (trưởng khối) and its deputy (phó\n"
    "khối) in each year the database knows of.  Units and blocs are shown by\n"
    "their canonical names (see 'thidua blocs' for how names are merged).\n"
    "A year comes from the role itself (\"Trưởng khối năm 2024\") or else from\n"
    "the report (pledge year, then the year under review).\n"
    "\n"
    "options:\n"
    "  --province P  only blocs of province P (any spelling); for a province\n"
    "                formed by the 1 July 2025 merger, also the blocs of its\n"
    "                former parts, marked '*' (JSON: \"merged_into\")\n"
    "  --bloc B      only the bloc with id B, or whose name is like B\n"
    "  --evidence    after the table, the source of every leader and deputy:\n"
    "                document id and path, and the sentence with the words\n"
    "                that say it [marked] (bold on a terminal)\n"
    "  --json        one JSON array: [{\"id\", \"bloc\", \"province\", \"years\":\n"
    "                {\"YYYY\": {\"truong_khoi\": unit|null, \"pho_khoi\": unit|null}},\n"
    "                \"evidence\": {\"YYYY\": {\"truong_khoi\": [source],\n"
    "                \"pho_khoi\": [source]}}}]; a source is {\"doc\", \"path\",\n"
    "                \"year\", \"written\", \"sentence\", \"start\", \"end\",\n"
    "                \"sentence_start\"} (offsets: bytes in the document text)\n"
    "  --csv         CSV: id,bloc,province,year,truong_khoi,pho_khoi\n"
    "  --db PATH     database (default: $THIDUA_DB or ./thidua.db)\n"
    "  --rules DIR   rule directory (names: *.aliases, provinces.tsv)\n"
    "  -h, --help    this text\n"
    "\n"
    "Exit status: 0 done (also when nothing matches); 2 usage error or unknown\n"
    "province; 3 the database could not be opened.\n";

/* Append the leaders of b[0..n) as the JSON array of `leaders --json`. */
void cli_json_leaders(td_buf *o, canon_sources *src, const canon_bloc *b, size_t n)
{
    td_buf_putc(o, '[');
    for (size_t i = 0; i < n; i++) {
        td_buf_printf(o, "%s{\"id\":%ld,\"bloc\":", i ? "," : "", b[i].id);
        td_json_str(o, b[i].name);
        td_buf_puts(o, ",\"province\":");
        td_json_str(o, b[i].province);
        if (b[i].part_of) {
            td_buf_puts(o, ",\"merged_into\":");
            td_json_str(o, b[i].part_of);
        }
        td_buf_puts(o, ",\"years\":{");
        for (size_t k = 0; k < b[i].nyears; k++) {
            const canon_year *y = &b[i].years[k];
            td_buf_printf(o, "%s\"%d\":{\"truong_khoi\":", k ? "," : "", y->year);
            td_json_str(o, y->leader);
            td_buf_puts(o, ",\"pho_khoi\":");
            td_json_str(o, y->deputy);
            td_buf_putc(o, '}');
        }
        td_buf_puts(o, "},\"evidence\":{");
        for (size_t k = 0; k < b[i].nyears; k++) {
            const canon_year *y = &b[i].years[k];
            td_buf_printf(o, "%s\"%d\":{\"truong_khoi\":", k ? "," : "", y->year);
            cli_fact_sources_json(o, src, b[i].id, y->year, CANON_SRC_LEADER,
                                  y->leader);
            td_buf_puts(o, ",\"pho_khoi\":");
            cli_fact_sources_json(o, src, b[i].id, y->year, CANON_SRC_DEPUTY,
                                  y->deputy);
            td_buf_putc(o, '}');
        }
        td_buf_puts(o, "}}");
    }
    td_buf_putc(o, ']');
}

/* Under the table: each leader and deputy, then where it is written. */
static void print_evidence(canon_sources *src, const canon_bloc *b, size_t n,
                           int bold)
{
    int first = 1;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < b[i].nyears; k++) {
            const canon_year *y = &b[i].years[k];
            for (int r = 0; r < 2; r++) {
                const char *unit = r ? y->deputy : y->leader;
                if (!unit)
                    continue;
                printf("%s#%ld %d %s: %s\n", first ? "\nevidence:\n" : "", b[i].id,
                       y->year, r ? "deputy" : "leader", unit);
                first = 0;
                cli_fact_sources_print(src, b[i].id, y->year,
                                       r ? CANON_SRC_DEPUTY : CANON_SRC_LEADER, unit,
                                       "  ", bold);
            }
        }
}

int cmd_leaders(int argc, char **argv, cli_ctx *ctx)
{
    canon_filter f = {NULL, NULL, 0};
    int evidence = 0;
    cli_args a;
    int c = cli_canon_args(&a, argc, argv, ctx, &f, &evidence);
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    if (a.npos)
        return cli_usage_error(ctx, "unexpected argument '%s'", a.pos[0]);
    if (ctx->json && ctx->csv)
        return cli_usage_error(ctx, "--json and --csv exclude each other");
    if (evidence && ctx->csv)
        return cli_usage_error(ctx, "--evidence is for the table (--json always "
                               "carries the evidence)");

    index_db *db = NULL;
    if (cli_open_db(ctx, &db) != CLI_OK)
        return CLI_FATAL;
    canon_bloc *b;
    size_t n;
    canon_sources *src;
    int rc = cli_canon_load(ctx, db, &f, ctx->json || evidence, &b, &n, &src);
    if (rc != CLI_OK) {
        index_close(db);
        return rc;
    }
    if (n == 0)
        cli_note("no blocs match");
    if (ctx->json) {
        td_buf o = TD_BUF_INIT;
        cli_json_leaders(&o, src, b, n);
        td_buf_putc(&o, '\n');
        fwrite(o.ptr, 1, o.len, stdout);
        td_buf_free(&o);
    } else {
        static const char *const head[] = {"id", "bloc", "province", "year", "leader", "deputy"};
        static const char *const chead[] = {"id", "bloc", "province", "year", "truong_khoi", "pho_khoi"};
        cli_table t;
        cli_table_init(&t, 6, ctx->csv ? chead : head);
        const char *starred = NULL;
        for (size_t i = 0; i < n; i++) {
            char id[24], prov[300];
            snprintf(id, sizeof id, "%ld", b[i].id);
            snprintf(prov, sizeof prov, "%s%s", b[i].province ? b[i].province : "",
                     b[i].part_of && !ctx->csv ? "*" : "");
            if (b[i].part_of)
                starred = b[i].part_of;
            const char *none = ctx->csv ? "" : "-";
            if (b[i].nyears == 0) {
                const char *row[] = {id, b[i].name, prov, none, none, none};
                cli_table_add(&t, row);
            }
            for (size_t k = 0; k < b[i].nyears; k++) {
                const canon_year *y = &b[i].years[k];
                char yr[16];
                snprintf(yr, sizeof yr, "%d", y->year);
                /* the bloc is named once, on its first year, except in CSV */
                int first = k == 0 || ctx->csv;
                const char *row[] = {first ? id : "", first ? b[i].name : "",
                                     first ? prov : "", yr,
                                     y->leader ? y->leader : none,
                                     y->deputy ? y->deputy : none};
                cli_table_add(&t, row);
            }
        }
        if (n || ctx->csv)
            cli_table_print(&t, stdout, ctx->csv, "");
        if (starred && !ctx->csv)
            printf("* a former province, now part of %s (merged 1 July 2025)\n",
                   starred);
        cli_table_free(&t);
        if (evidence)
            print_evidence(src, b, n, cli_bold(ctx));
        else if (n && !ctx->csv)
            printf("%s" CLI_EVIDENCE_HINT "\n", starred ? "" : "\n");
    }
    canon_sources_close(src);
    canon_blocs_free(b, n);
    index_close(db);
    return CLI_OK;
}
