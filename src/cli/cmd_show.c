/* cmd_show.c - placeholder until this subcommand lands. */
#include "cli/cli.h"

const char cmd_show_usage[] = "usage: thidua show (not built yet)\n";

int cmd_show(int argc, char **argv, cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    cli_error("'%s' is not built yet", ctx->cmd);
    return CLI_FATAL;
}
