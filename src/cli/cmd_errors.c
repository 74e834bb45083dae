/* cmd_errors.c - `thidua errors`: the files the latest ingests failed on.
 *
 * Ingest records each file it could not store (or stored with a failed
 * rule) with the message and the time, and forgets it once the file is
 * stored cleanly; this lists them, oldest first (index/batch.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "index/index.h"

const char cmd_errors_usage[] =
    "usage: thidua errors [--db PATH] [--json] [--since TIME]\n"
    "\n"
    "List the files that ingest could not store, or stored with a rule that\n"
    "failed: the time of the failure (UTC), the file and the reason, oldest\n"
    "first.  A file is listed until an ingest stores it cleanly; only its\n"
    "latest failure is kept.\n"
    "\n"
    "options:\n"
    "  --since TIME  only failures at or after TIME (UTC): YYYY-MM-DD or\n"
    "                'YYYY-MM-DD HH:MM[:SS]'\n"
    "  --json        one JSON line per failure: {\"file\",\"reason\",\"at\"}\n"
    "  --db PATH     database (default: $THIDUA_DB or ./thidua.db)\n"
    "  -h, --help    this text\n"
    "\n"
    "Exit status: 0 done (none listed included); 2 usage error; 3 the\n"
    "database could not be opened.\n";

/* TIME as stored ("YYYY-MM-DD HH:MM:SS", a prefix of it), into out; 0 when
 * it is not a time. */
static int parse_since(const char *s, char out[20])
{
    static const char pat[] = "dddd-dd-dd dd:dd:dd";
    size_t n = strlen(s);
    if (n != 10 && n != 16 && n != 19)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = pat[i] == ' ' && s[i] == 'T' ? ' ' : s[i];
        if (pat[i] == 'd' ? !isdigit((unsigned char)c) : c != pat[i])
            return 0;
        out[i] = c;
    }
    out[n] = '\0';
    return 1;
}

int cmd_errors(int argc, char **argv, cli_ctx *ctx)
{
    static const cli_opt opts[] = {
        {"since", 0, 1, 'S'},
        {NULL, 0, 0, 0},
    };
    int c;
    char since[20];
    const char *since_p = NULL;
    cli_args a;
    cli_args_init(&a, argc, argv, 0);
    while ((c = cli_args_next(&a, opts, ctx)) > 0) {
        if (c == 'S') {
            if (!parse_since(a.value, since))
                return cli_usage_error(ctx, "--since wants YYYY-MM-DD or 'YYYY-MM-DD "
                                       "HH:MM[:SS]', not '%s'", a.value);
            since_p = since;
        }
    }
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    if (a.npos)
        return cli_usage_error(ctx, "unexpected argument '%s'", a.pos[0]);
    td_err e;
    td_err_clear(&e);
    index_db *db = NULL;
    if (cli_open_db(ctx, &db) != CLI_OK)
        return CLI_FATAL;
    index_error *v = NULL;
    size_t n = 0;
    if (index_errors_list(db, since_p, &v, &n, &e) != TD_OK) {
        cli_error("cannot read database '%s': %s", ctx->db_path, e.msg);
        index_close(db);
        return CLI_FATAL;
    }
    td_buf b = TD_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (ctx->json) {
            td_buf_puts(&b, "{\"file\":");
            td_json_str(&b, v[i].path);
            td_buf_puts(&b, ",\"reason\":");
            td_json_str(&b, v[i].reason);
            td_buf_puts(&b, ",\"at\":");
            td_json_str(&b, v[i].at);
            td_buf_puts(&b, "}\n");
        } else {
            td_buf_printf(&b, "%s  ", v[i].at);
            td_buf_put_name(&b, v[i].path);
            td_buf_puts(&b, ": ");
            td_buf_put_name(&b, v[i].reason);
            td_buf_putc(&b, '\n');
        }
    }
    if (b.len)
        fwrite(b.ptr, 1, b.len, stdout);
    td_buf_free(&b);
    if (n == 0)
        cli_note("no errors%s%s", since_p ? " since " : "", since_p ? since_p : "");
    index_errors_free(v, n);
    index_close(db);
    return CLI_OK;
}
