/* test_cli.c - the subcommands' option parser (src/cli/opt.c). */
#include "cli/cli.h"
#include "unit.h"

static const cli_opt opts[] = {
    {"limit", 'n', 1, 'n'},
    {"province", 'p', 1, 'p'},
    {"prune", 0, 0, 'P'},
    {"force", 'f', 0, 'f'},
    {NULL, 0, 0, 0},
};

/* Parse argv (NULL-ended, argv[0] the command) and describe what was read:
 * "n=5 f P | a b" (options in order, then the arguments), or "exit N". */
static void parse(int flags, char **argv, char *out, size_t cap)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    cli_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.cmd = "test";
    ctx.usage = "";
    cli_args a;
    cli_args_init(&a, argc, argv, flags);
    size_t len = 0;
    int c;
    out[0] = '\0';
    while ((c = cli_args_next(&a, opts, &ctx)) > 0)
        len += (size_t)snprintf(out + len, cap - len, "%c%s%s ", c, a.value ? "=" : "",
                                a.value ? a.value : "");
    if (c < 0) {
        snprintf(out, cap, "exit %d", CLI_ARGS_EXIT(c));
        return;
    }
    len += (size_t)snprintf(out + len, cap - len, "|%s%s", ctx.json ? " j" : "",
                            ctx.quiet ? " q" : "");
    for (int i = 0; i < a.npos; i++)
        len += (size_t)snprintf(out + len, cap - len, " %s", a.pos[i]);
}

#define PARSE(flags, want, ...)                                       \
    do {                                                              \
        char *argv_[] = {"cmd", __VA_ARGS__, NULL};                   \
        char got_[256];                                               \
        parse(flags, argv_, got_, sizeof got_);                       \
        CHECK_STR(got_, want);                                        \
    } while (0)

TEST(cli_args_forms)
{
    PARSE(0, "n=5 | x", "--limit", "5", "x");
    PARSE(0, "n=5 | x", "x", "--limit=5");
    PARSE(0, "n=5 | x", "-n5", "x");
    PARSE(0, "f n=5 | j q x", "-qjf", "-n", "5", "x");
    PARSE(0, "p=Hà Nội | x", "--prov", "Hà Nội", "x");   /* a unique prefix */
    PARSE(0, "| a -n b", "a", "--", "-n", "b");
    PARSE(0, "| - a", "-", "a");
    PARSE(0, "n=-1 |", "--limit", "-1");
    PARSE(CLI_ARGS_IN_ORDER, "f | a --force", "-f", "a", "--force");
}

TEST(cli_args_misuse)
{
    PARSE(0, "exit 2", "--pr", "x");          /* ambiguous: province, prune */
    PARSE(0, "exit 2", "--bogus");
    PARSE(0, "exit 2", "-x");
    PARSE(0, "exit 2", "x", "--limit");
    PARSE(0, "exit 2", "-qn");
    PARSE(0, "exit 2", "--force=1");
    PARSE(0, "exit 0", "x", "--help", "--bogus");
}
