/* main.c - thidua's entry point: the command table, global options, exit.
 *
 * The only file that exits.  Everything below returns codes; subcommands
 * live in src/cli/cmd_*.c and return one of the CLI_* exit codes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "extract/extract.h"

typedef struct command {
    const char *name;
    cli_fn fn;
    const char *usage;     /* full usage text */
    const char *summary;   /* one line for `thidua --help` */
    int dev;               /* listed under "checking the rules and normalization" */
} command;

static const command commands[] = {
    {"ingest", cmd_ingest, cmd_ingest_usage, "extract files and store them in the database", 0},
    {"search", cmd_search, cmd_search_usage, "full-text search, folded and ranked", 0},
    {"extract", cmd_extract, cmd_extract_usage, "print the text or the facts of files", 0},
    {"show", cmd_show, cmd_show_usage, "show a stored document's facts with their sentences", 0},
    {"rm", cmd_rm, cmd_rm_usage, "remove stored documents (by id or path)", 0},
    {"errors", cmd_errors, cmd_errors_usage, "list the files the latest ingests failed on", 0},
    {"stats", cmd_stats, cmd_stats_usage, "count what the database holds", 0},
    {"compare", cmd_compare, cmd_compare_usage, "compare blocs between two years", 0},
    {"leaders", cmd_leaders, cmd_leaders_usage, "leading unit of each bloc, year by year", 0},
    {"blocs", cmd_blocs, cmd_blocs_usage, "blocs with their members and years", 0},
    {"serve", cmd_serve, cmd_serve_usage, "web interface over the database (pages and JSON API)", 0},
    {"norm", cmd_norm, cmd_norm_usage, "show how text is normalized (fold, key, tone, date, ...)", 0},
    {"test-rules", cmd_test_rules, cmd_test_rules_usage,
     "run the rule cases (rules/*.test) against the rules", 1},
    {"test-norm", cmd_test_norm, cmd_test_norm_usage,
     "run normalization cases (tests/normalize/*.test)", 1},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void main_usage(FILE *f)
{
    fputs("usage: thidua [--db PATH] [--rules DIR] [--quiet] <command> [options] [args]\n\n"
          "Turns reports of Vietnamese emulation blocs (DOCX, HTML, text) into a\n"
          "searchable, comparable database.\n\ncommands:\n", f);
    for (int dev = 0; dev <= 1; dev++) {
        if (dev)
            fputs("\nchecking the rules and normalization:\n", f);
        for (size_t i = 0; i < NCOMMANDS; i++)
            if (commands[i].dev == dev)
                fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    }
    fputs("\noptions (before the command, or after it):\n"
          "  --db PATH     database (default: $THIDUA_DB, else ./thidua.db)\n"
          "  --rules DIR   rule directory (default: $THIDUA_RULES, else the rules/\n"
          "                of the source tree thidua was built from)\n"
          "  -q, --quiet   no progress and no closing summary (ingest), no notes\n"
          "                on what an override did (blocs)\n"
          "  --version     print the version\n"
          "  -h, --help    this text\n"
          "\nRun 'thidua <command> --help' or 'thidua help <command>' for details.\n"
          "Exit codes: 0 done; 1 done, some inputs rejected; 2 usage error;\n"
          "3 nothing done (database or rules unusable), or ingest stopped at a full disk.\n", f);
}

int main(int argc, char **argv)
{
    cli_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    extract_init();     /* before any thread (ingest --jobs) */
    ctx.db_path = getenv("THIDUA_DB");
    if (!ctx.db_path || !*ctx.db_path)
        ctx.db_path = "thidua.db";
    ctx.rules_dir = getenv("THIDUA_RULES");
    if (!ctx.rules_dir || !*ctx.rules_dir)
        ctx.rules_dir = TD_RULES_DIR;

    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            main_usage(stdout);
            return CLI_OK;
        } else if (strcmp(a, "--version") == 0) {
            puts("thidua " TD_VERSION);
            return CLI_OK;
        } else if (strcmp(a, "--db") == 0 && i + 1 < argc) {
            ctx.db_path = argv[++i];
        } else if (strncmp(a, "--db=", 5) == 0) {
            ctx.db_path = a + 5;
        } else if (strcmp(a, "--rules") == 0 && i + 1 < argc) {
            ctx.rules_dir = argv[++i];
        } else if (strncmp(a, "--rules=", 8) == 0) {
            ctx.rules_dir = a + 8;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            ctx.quiet = 1;
        } else {
            fprintf(stderr, "thidua: error: unknown option '%s'\n", a);
            main_usage(stderr);
            return CLI_USAGE;
        }
    }
    if (i >= argc) {
        main_usage(stderr);
        return CLI_USAGE;
    }
    const char *name = argv[i];
    if (strcmp(name, "help") == 0) {
        if (i + 1 >= argc) {
            main_usage(stdout);
            return CLI_OK;
        }
        const command *c = find_command(argv[i + 1]);
        if (!c) {
            fprintf(stderr, "thidua: error: unknown command '%s'\n", argv[i + 1]);
            return CLI_USAGE;
        }
        fputs(c->usage, stdout);
        return CLI_OK;
    }
    const command *c = find_command(name);
    if (!c) {
        fprintf(stderr, "thidua: error: unknown command '%s'\n"
                        "try 'thidua --help'\n", name);
        return CLI_USAGE;
    }
    ctx.cmd = c->name;
    ctx.usage = c->usage;
    int rc = c->fn(argc - i, argv + i, &ctx);
    if (fflush(stdout) != 0 && rc == CLI_OK)
        rc = CLI_FATAL;
    return rc;
}
