/* cmd_leaders.c - placeholder until this subcommand lands. */
#include "cli/cli.h"

const char cmd_leaders_usage[] = "usage: thidua leaders (not built yet)\n";

int cmd_leaders(int argc, char **argv, cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    cli_error("'%s' is not built yet", ctx->cmd);
    return CLI_FATAL;
}
