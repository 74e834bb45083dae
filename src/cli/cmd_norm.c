/* cmd_norm.c - placeholder until this subcommand lands. */
#include "cli/cli.h"

const char cmd_norm_usage[] = "usage: thidua norm (not built yet)\n";

int cmd_norm(int argc, char **argv, cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    cli_error("'%s' is not built yet", ctx->cmd);
    return CLI_FATAL;
}
