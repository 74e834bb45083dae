/* cmd_test_rules.c - `thidua test-rules [DIR]`: run the rule cases.
 *
 * Hidden command (like jq --run-tests): loads the rules from DIR (default:
 * the rules directory), runs every each .test file in DIR case through normalize and
 * the rules, prints failures and "rules: N passed, N failed".
 */
#include "cli/cli.h"
#include "rules/rules.h"

const char cmd_test_rules_usage[] =
    "usage: thidua test-rules [DIR]\n"
    "\n"
    "Run the cases in DIR/*.test (default: the rules directory) against the\n"
    "rules in DIR/*.rules.  Prints each failing case (file:line, name, the\n"
    "expected facts '-' against the ones found '+') and a closing line\n"
    "\"rules: N passed, N failed\".\n"
    "\n"
    "Exit status: 0 all passed; 1 some failed; 2 usage error; 3 the rules\n"
    "could not be loaded.\n";

int cmd_test_rules(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    cli_args_init(&a, argc, argv, CLI_ARGS_IN_ORDER);
    int c = cli_args_next(&a, NULL, ctx);
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    if (a.npos > 1)
        return cli_usage_error(ctx, "too many arguments");
    const char *dir = a.npos ? a.pos[0] : ctx->rules_dir;
    rules_set *rs = NULL;
    td_err e;
    td_err_clear(&e);
    if (rules_load(dir, &rs, &e) != TD_OK) {
        cli_error("cannot load rules from '%s': %s", dir, e.msg);
        return CLI_FATAL;
    }
    int passed = 0, failed = 0;
    int rc = rules_run_tests(rs, dir, stdout, &passed, &failed, &e);
    rules_free(rs);
    if (rc != TD_OK) {
        cli_error("%s", e.msg);
        return CLI_FATAL;
    }
    printf("rules: %d passed, %d failed\n", passed, failed);
    return failed ? CLI_PARTIAL : CLI_OK;
}
