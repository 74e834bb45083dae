/* opt.c - the option parser of every subcommand (see cli_args in cli.h).
 *
 * A subcommand lists its options in a table; cli_args_next walks argv and
 * returns them one at a time, handles the options every subcommand takes
 * (--db, --rules, -q, -j, -h, and --csv where the table lists it), and
 * reports misuse in one line, naming the command: "unknown option '--x'",
 * "option '--x' needs a value".  What getopt_long accepted is accepted:
 * bundled letters (-qj), a value attached (-n5, --limit=5) or in the next
 * element, a unique prefix of a long name (--prov), "--" ending the
 * options, "-" as an argument.  The arguments are gathered at the front of
 * argv, in their order, as getopt's permutation left them.
 */
#include <string.h>

#include "cli/cli.h"

/* The options of every subcommand, looked up after the command's own. */
static const cli_opt common_opts[] = {
    {"db", 0, 1, CLI_OPT_DB},
    {"rules", 0, 1, CLI_OPT_RULES},
    {"quiet", 'q', 0, 'q'},
    {"json", 'j', 0, 'j'},
    {"help", 'h', 0, 'h'},
    {NULL, 0, 0, 0},
};

void cli_args_init(cli_args *a, int argc, char **argv, int flags)
{
    memset(a, 0, sizeof *a);
    a->argc = argc;
    a->argv = argv;
    a->i = 1;
    a->flags = flags;
    a->pos = argv + 1;
}

/* Keep argv[i] as an argument. */
static void keep(cli_args *a, int i)
{
    a->pos[a->npos++] = a->argv[i];
}

/* The option named by the n bytes at s: an exact long name, else the only
 * long name s begins; NULL when none or several. */
static const cli_opt *find_long(const cli_opt *opts, const char *s, size_t n)
{
    const cli_opt *tables[2] = {opts, common_opts}, *hit = NULL;
    int nhits = 0;
    for (int t = 0; t < 2; t++)
        for (const cli_opt *o = tables[t]; o && o->name; o++) {
            if (strncmp(o->name, s, n) != 0)
                continue;
            if (o->name[n] == '\0')
                return o;
            if (!hit || hit->id != o->id)
                nhits++;
            hit = o;
        }
    return nhits == 1 ? hit : NULL;
}

static const cli_opt *find_short(const cli_opt *opts, char c)
{
    const cli_opt *tables[2] = {opts, common_opts};
    for (int t = 0; t < 2; t++)
        for (const cli_opt *o = tables[t]; o && o->name; o++)
            if (o->short_name && o->short_name == c)
                return o;
    return NULL;
}

/* An option found: the common ones are handled here. */
static int found(cli_args *a, const cli_opt *o, cli_ctx *ctx)
{
    switch (o->id) {
    case CLI_OPT_DB: ctx->db_path = a->value; return 0;
    case CLI_OPT_RULES: ctx->rules_dir = a->value; return 0;
    case CLI_OPT_CSV: ctx->csv = 1; return 0;
    case 'q': ctx->quiet = 1; return 0;
    case 'j': ctx->json = 1; return 0;
    case 'h':
        fputs(ctx->usage ? ctx->usage : "", stdout);
        return CLI_ARGS_HELP;
    }
    return o->id;
}

int cli_args_next(cli_args *a, const cli_opt *opts, cli_ctx *ctx)
{
    for (;;) {
        a->value = NULL;
        if (a->bundle && *a->bundle) {
            /* the next letter of -abc */
            const char *el = a->el;
            char c = *a->bundle++;
            const cli_opt *o = find_short(opts, c);
            if (!o) {
                if (a->letter_hint)
                    cli_usage_error(ctx, "unknown option '-%c'%s", c, a->letter_hint);
                else
                    cli_usage_error(ctx, "unknown option '%s'", el);
                return CLI_ARGS_ERROR;
            }
            if (o->value) {
                if (*a->bundle) {
                    a->value = a->bundle;
                } else if (a->i < a->argc) {
                    a->value = a->argv[a->i++];
                } else {
                    cli_usage_error(ctx, "option '%s' needs a value", el);
                    return CLI_ARGS_ERROR;
                }
                a->bundle = NULL;
            }
            int r = found(a, o, ctx);
            if (r != 0)
                return r;
            continue;
        }
        a->bundle = NULL;
        if (a->i >= a->argc)
            return 0;
        int i = a->i++;
        const char *el = a->argv[i];
        if (a->done || el[0] != '-' || el[1] == '\0') {
            keep(a, i);
            if (a->flags & CLI_ARGS_IN_ORDER)
                a->done = 1;
            continue;
        }
        if (strcmp(el, "--") == 0) {
            a->done = 1;
            continue;
        }
        if (el[1] != '-') {
            a->el = el;
            a->bundle = el + 1;
            continue;
        }
        const char *name = el + 2, *eq = strchr(name, '=');
        size_t n = eq ? (size_t)(eq - name) : strlen(name);
        const cli_opt *o = find_long(opts, name, n);
        if (!o || (eq && !o->value)) {
            cli_usage_error(ctx, "unknown option '%s'", el);
            return CLI_ARGS_ERROR;
        }
        if (o->value) {
            if (eq) {
                a->value = eq + 1;
            } else if (a->i < a->argc) {
                a->value = a->argv[a->i++];
            } else {
                cli_usage_error(ctx, "option '%s' needs a value", el);
                return CLI_ARGS_ERROR;
            }
        }
        int r = found(a, o, ctx);
        if (r != 0)
            return r;
    }
}
