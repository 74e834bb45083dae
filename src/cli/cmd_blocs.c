/* cmd_blocs.c - placeholder until this subcommand lands. */
#include "cli/cli.h"

const char cmd_blocs_usage[] = "usage: thidua blocs (not built yet)\n";

int cmd_blocs(int argc, char **argv, cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    cli_error("'%s' is not built yet", ctx->cmd);
    return CLI_FATAL;
}
