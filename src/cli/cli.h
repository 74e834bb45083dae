/* cli.h - what the subcommands share: context, exit codes, messages.
 *
 * Each subcommand lives in its own file (cmd_<name>.c) and exports its
 * entry point and usage text; main.c holds the table.  Subcommands return
 * an exit code and print results on stdout, diagnostics on stderr through
 * cli_error/cli_warn.  Only main() exits.
 */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>

#include "core/td.h"

enum {
    CLI_OK = 0,        /* done */
    CLI_PARTIAL = 1,   /* done, but some inputs were rejected (named on stderr) */
    CLI_USAGE = 2,     /* usage error */
    CLI_FATAL = 3      /* nothing done: database or rules unusable */
};

typedef struct cli_ctx {
    const char *cmd;        /* subcommand name */
    const char *usage;      /* its usage text */
    const char *db_path;    /* --db, else $THIDUA_DB, else ./thidua.db */
    const char *rules_dir;  /* --rules, else $THIDUA_RULES, else built-in */
    int quiet;              /* --quiet: no progress */
    int json;               /* --json */
    int csv;                /* --csv */
} cli_ctx;

typedef int (*cli_fn)(int argc, char **argv, cli_ctx *ctx);

/* ---- options (opt.c) --------------------------------------------------- */

/* One option of a subcommand's table (ended by a zeroed entry). */
typedef struct cli_opt {
    const char *name;      /* long name, without "--" */
    char short_name;       /* its one-letter form, or 0 */
    int value;             /* 1 when it takes a value */
    int id;                /* what cli_args_next returns for it (> 0) */
} cli_opt;

/* Ids of the options every subcommand takes (handled by cli_args_next);
 * list CLI_OPT_CSV in a table to accept --csv. */
#define CLI_OPT_DB 0x1001
#define CLI_OPT_RULES 0x1002
#define CLI_OPT_CSV 0x1003

enum {
    CLI_ARGS_IN_ORDER = 1,    /* options end at the first argument (a TEXT or
                               * a file name may start with a dash) */
    CLI_ARGS_HELP = -1,       /* --help: the usage was printed */
    CLI_ARGS_ERROR = -2       /* misuse: reported on stderr */
};

typedef struct cli_args {
    int argc;
    char **argv;
    int flags;             /* CLI_ARGS_IN_ORDER or 0 */
    const char *value;     /* the value of the option just returned */
    char **pos;            /* the arguments, in order (in argv, gathered at */
    int npos;              /* its front); complete once next returns 0 */
    const char *letter_hint; /* said after "unknown option '-x'" for an
                              * unknown letter (search: "put -- before ..."),
                              * or NULL */
    int i;                 /* next element of argv */
    int done;              /* after "--", or the first argument in order */
    const char *el;        /* the element of the letters being read */
    const char *bundle;    /* the letters of it still to read */
} cli_args;

/* Start reading argv[1..argc) (argv[0] is the command's name). */
void cli_args_init(cli_args *a, int argc, char **argv, int flags);

/* The id of the next option of opts (its value in a->value), 0 when argv
 * is read (the arguments are then a->pos[0..npos)), CLI_ARGS_HELP after
 * --help printed the usage (the command returns CLI_OK), CLI_ARGS_ERROR
 * after a one-line usage error (the command returns CLI_USAGE).  --db,
 * --rules, -q/--quiet, -j/--json, -h/--help and a listed --csv are
 * handled here, into ctx, and not returned. */
int cli_args_next(cli_args *a, const cli_opt *opts, cli_ctx *ctx);

/* What a command returns when cli_args_next gave r < 0. */
#define CLI_ARGS_EXIT(r) ((r) == CLI_ARGS_HELP ? CLI_OK : CLI_USAGE)

/* ---- messages ----------------------------------------------------------- */

/* Print "thidua: error: ..." (or warning) on stderr, on one line: control
 * characters in the message (a file name's newline or ESC) are escaped as
 * td_buf_put_name does. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A note that is not a result, "thidua: ..." on stderr: that nothing
 * matched ("no blocs match"), so that stdout holds results only and is
 * empty, or an empty list, when there are none. */
void cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One line for an error about a file: thidua: error: 'path': msg */
typedef struct index_db index_db;
/* Open the database at ctx->db_path read-only; on failure print why and
 * return CLI_FATAL with *db NULL, else CLI_OK. */
int cli_open_db(cli_ctx *ctx, index_db **db);

void cli_file_error(const char *path, const td_err *e);

/* Print the message (escaped as cli_error does) and "try 'thidua CMD
 * --help'" on stderr; returns CLI_USAGE. */
int cli_usage_error(const cli_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* s (a file name, or any name from outside) ready to print as text: control
 * characters escaped (td_buf_put_name).  Every name a command prints on
 * stdout goes through it; messages through cli_error are escaped already.
 * The string is valid until CLI_NAME_SLOTS more calls (enough for the
 * names of one printf). */
#define CLI_NAME_SLOTS 4
const char *cli_name(const char *s);

/* Display width of UTF-8 text in a terminal (combining marks are 0, wide
 * East Asian characters 2). */
size_t cli_width(const char *s, size_t n);
/* Print s padded with spaces to width w (no truncation). */
void cli_print_padded(FILE *f, const char *s, size_t w);

/* Subcommands: entry points and usage texts. */
#define CLI_DECLARE(name) \
    int cmd_##name(int argc, char **argv, cli_ctx *ctx); \
    extern const char cmd_##name##_usage[]
CLI_DECLARE(ingest);
CLI_DECLARE(search);
CLI_DECLARE(extract);
CLI_DECLARE(show);
CLI_DECLARE(rm);
CLI_DECLARE(errors);
CLI_DECLARE(stats);
CLI_DECLARE(compare);
CLI_DECLARE(leaders);
CLI_DECLARE(blocs);
CLI_DECLARE(serve);
CLI_DECLARE(norm);
CLI_DECLARE(test_rules);
CLI_DECLARE(test_norm);

#endif
