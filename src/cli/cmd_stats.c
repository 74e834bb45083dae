/* cmd_stats.c - placeholder until this subcommand lands. */
#include "cli/cli.h"

const char cmd_stats_usage[] = "usage: thidua stats (not built yet)\n";

int cmd_stats(int argc, char **argv, cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    cli_error("'%s' is not built yet", ctx->cmd);
    return CLI_FATAL;
}
