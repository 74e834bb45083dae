/* cmd_rm.c - `thidua rm`: remove stored documents.
 *
 * Each DOC is found as `show` finds it (an id, a path, any path to the
 * file, a unique end of a path); all of them go in one transaction, with
 * every row of theirs, and the canonical tables are rebuilt after, so
 * compare, leaders and blocs no longer count them.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "canon/canon.h"
#include "index/index.h"

const char cmd_rm_usage[] =
    "usage: thidua rm [--db PATH] [--json] [--quiet] DOC...\n"
    "\n"
    "Remove documents from the database: their text, facts and evidence;\n"
    "the canonical tables (blocs, leaders, members, copies) are rebuilt\n"
    "without them.  The files themselves are not touched.  DOC is a document\n"
    "id (as printed by search), a path to its file, or the end of the path it\n"
    "was stored under when only one document has it (as for show).\n"
    "\n"
    "options:\n"
    "  --json        one JSON line per document removed: {\"doc\",\"path\"}\n"
    "  --db PATH     database (default: $THIDUA_DB or ./thidua.db)\n"
    "  --rules DIR   rule directory (names for the canonical tables)\n"
    "  -q, --quiet   no summary\n"
    "  -h, --help    this text\n"
    "\n"
    "Prints one line per document removed on stdout, a summary on stderr.\n"
    "Exit status: 0 removed; 1 some DOC not found (the others are removed);\n"
    "2 usage error; 3 the database could not be opened or written.\n";

int cmd_rm(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    cli_args_init(&a, argc, argv, CLI_ARGS_IN_ORDER);
    int c = cli_args_next(&a, NULL, ctx);
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    if (!a.npos)
        return cli_usage_error(ctx, "no document given (an id or a path)");
    td_err e;
    td_err_clear(&e);
    index_db *db = NULL;
    if (cli_open_db(ctx, &db) != CLI_OK)
        return CLI_FATAL;
    int status = CLI_OK;
    size_t n = 0;
    long *ids = td_xcalloc((size_t)a.npos, sizeof *ids);
    char **paths = td_xcalloc((size_t)a.npos, sizeof *paths);
    for (int i = 0; i < a.npos && status != CLI_FATAL; i++) {
        index_docinfo *di = NULL;
        int rc = index_show(db, a.pos[i], &di, &e);
        if (rc == TD_EUSAGE) {
            cli_error("%s", e.msg);
            status = CLI_PARTIAL;
            continue;
        }
        if (rc != TD_OK) {
            cli_error("%s", e.msg);
            status = CLI_FATAL;
            break;
        }
        int dup = 0;
        for (size_t k = 0; k < n; k++)
            dup |= ids[k] == di->id;
        if (!dup) {
            ids[n] = di->id;
            paths[n++] = td_xstrdup(di->path ? di->path : "");
        }
        index_docinfo_free(di);
    }
    if (status != CLI_FATAL && n > 0) {
        if (index_remove(db, ids, n, &e) != TD_OK) {
            cli_error("cannot remove from database '%s': %s", ctx->db_path, e.msg);
            status = CLI_FATAL;
        } else {
            for (size_t k = 0; k < n; k++) {
                if (ctx->json) {
                    td_buf b = TD_BUF_INIT;
                    td_buf_printf(&b, "{\"doc\":%ld,\"path\":", ids[k]);
                    td_json_str(&b, paths[k]);
                    td_buf_puts(&b, "}\n");
                    fwrite(b.ptr, 1, b.len, stdout);
                    td_buf_free(&b);
                } else {
                    printf("removed document %ld: %s\n", ids[k], cli_name(paths[k]));
                }
            }
            /* on failure compare/leaders/blocs rebuild them when they run */
            if (canon_rebuild(db, ctx->rules_dir, &e) != TD_OK)
                cli_warn("cannot rebuild the canonical tables: %s", e.msg);
            if (!ctx->quiet)
                fprintf(stderr, "removed %zu document%s from '%s'\n", n,
                        n == 1 ? "" : "s", cli_name(ctx->db_path));
        }
    }
    for (size_t k = 0; k < n; k++)
        free(paths[k]);
    free(paths);
    free(ids);
    index_close(db);
    return status;
}
