/* cmd_serve.c - `thidua serve`: the options, then src/serve/ runs the
 * web interface until SIGINT or SIGTERM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "serve/serve.h"

const char cmd_serve_usage[] =
    "usage: thidua serve [--db PATH] [--bind ADDR] [--port N] [--threads N]\n"
    "\n"
    "Serve a web interface over the database, in Vietnamese, until Ctrl-C\n"
    "(SIGINT) or SIGTERM: search (filters, paging, matches highlighted), each\n"
    "document with the sentence of every fact highlighted, the blocs with\n"
    "their leaders, members and goals per year, two years compared, and an\n"
    "overview (documents per province and year, latest ingests, failures).\n"
    "The JSON API has the shapes of --json: /api/search?q=, /api/doc/N,\n"
    "/api/blocs, /api/leaders, /api/compare?y1=&y2=.  The database is only\n"
    "read; nothing is fetched from the network.  The URL is printed on start.\n"
    "\n"
    "options:\n"
    "  --bind ADDR   address to listen on (default 127.0.0.1: this machine\n"
    "                only; 0.0.0.0 or :: opens it to the network)\n"
    "  --port N      port (default 8080; 0: any free port, printed)\n"
    "  --threads N   request threads (default 4)\n"
    "  --db PATH     database (default: $THIDUA_DB or ./thidua.db)\n"
    "  --rules DIR   rule directory (abbreviations, provinces, names)\n"
    "  -h, --help    this text\n"
    "\n"
    "Exit status: 0 stopped by a signal; 2 usage error or bad address;\n"
    "3 the database could not be opened or the port bound.\n";

enum { OPT_BIND = 0x2001, OPT_PORT, OPT_THREADS };

int cmd_serve(int argc, char **argv, cli_ctx *ctx)
{
    static const cli_opt opts[] = {
        {"bind", 0, 1, OPT_BIND},
        {"port", 0, 1, OPT_PORT},
        {"threads", 0, 1, OPT_THREADS},
        {NULL, 0, 0, 0},
    };
    serve_opts o;
    memset(&o, 0, sizeof o);
    o.bind = "127.0.0.1";
    o.port = 8080;
    o.threads = 4;
    o.quiet = ctx->quiet;
    cli_args a;
    cli_args_init(&a, argc, argv, 0);
    int c;
    char *end;
    while ((c = cli_args_next(&a, opts, ctx)) > 0) {
        long v;
        switch (c) {
        case OPT_BIND: o.bind = a.value; break;
        case OPT_PORT:
            v = strtol(a.value, &end, 10);
            if (!*a.value || *end || v < 0 || v > 65535)
                return cli_usage_error(ctx, "--port needs a number from 0 to 65535, not '%s'",
                                       a.value);
            o.port = (int)v;
            break;
        case OPT_THREADS:
            v = strtol(a.value, &end, 10);
            if (!*a.value || *end || v < 1 || v > 64)
                return cli_usage_error(ctx, "--threads needs a number from 1 to 64, not '%s'",
                                       a.value);
            o.threads = (int)v;
            break;
        }
    }
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    if (a.npos)
        return cli_usage_error(ctx, "unexpected argument '%s'", a.pos[0]);
    o.db_path = ctx->db_path;
    o.rules_dir = ctx->rules_dir;
    td_err e;
    td_err_clear(&e);
    int rc = serve_run(&o, &e);
    if (rc == TD_EUSAGE)
        return cli_usage_error(ctx, "%s", e.msg);
    if (rc == TD_EDB || rc == TD_ERULE) {
        cli_error("cannot open database '%s': %s", ctx->db_path, e.msg);
        return CLI_FATAL;
    }
    if (rc != TD_OK) {
        cli_error("%s", e.msg);
        return CLI_FATAL;
    }
    return CLI_OK;
}
