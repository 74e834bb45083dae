/* cmd_search.c - placeholder until this subcommand lands. */
#include "cli/cli.h"

const char cmd_search_usage[] = "usage: thidua search (not built yet)\n";

int cmd_search(int argc, char **argv, cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    cli_error("'%s' is not built yet", ctx->cmd);
    return CLI_FATAL;
}
