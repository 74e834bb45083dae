/* cmd_test_rules.c - placeholder until this subcommand lands. */
#include "cli/cli.h"

const char cmd_test_rules_usage[] = "usage: thidua test-rules (not built yet)\n";

int cmd_test_rules(int argc, char **argv, cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    cli_error("'%s' is not built yet", ctx->cmd);
    return CLI_FATAL;
}
