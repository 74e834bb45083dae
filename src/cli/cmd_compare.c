/* cmd_compare.c - placeholder until this subcommand lands. */
#include "cli/cli.h"

const char cmd_compare_usage[] = "usage: thidua compare (not built yet)\n";

int cmd_compare(int argc, char **argv, cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    cli_error("'%s' is not built yet", ctx->cmd);
    return CLI_FATAL;
}
