/* cli.c - helpers shared by the subcommands: messages, options, widths. */
#include "cli/cli.h"

#include <stdarg.h>
#include <string.h>
#include <utf8proc.h>

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("thidua: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("thidua: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_file_error(const char *path, const td_err *e)
{
    /* keep it to one line whatever a library put in the message */
    char msg[TD_ERR_LEN];
    snprintf(msg, sizeof msg, "%s", e->msg[0] ? e->msg : td_strerror(e->code));
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == ' ' || msg[n - 1] == '.'))
        msg[--n] = '\0';
    fprintf(stderr, "thidua: error: '%s': %s\n", path, msg);
}

int cli_usage_error(const cli_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("thidua: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fprintf(stderr, "try 'thidua %s --help'\n", ctx->cmd ? ctx->cmd : "");
    return CLI_USAGE;
}

int cli_common_opt(int c, const char *arg, cli_ctx *ctx)
{
    switch (c) {
    case CLI_OPT_DB: ctx->db_path = arg; return 1;
    case CLI_OPT_RULES: ctx->rules_dir = arg; return 1;
    case CLI_OPT_CSV: ctx->csv = 1; return 1;
    case 'q': ctx->quiet = 1; return 1;
    case 'j': ctx->json = 1; return 1;
    case 'h': fputs(ctx->usage ? ctx->usage : "", stdout); return -1;
    }
    return 0;
}

size_t cli_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            i++;
            w++;
            continue;
        }
        i += (size_t)k;
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
    }
    return w;
}

void cli_print_padded(FILE *f, const char *s, size_t w)
{
    size_t n = strlen(s);
    fputs(s, f);
    for (size_t cw = cli_width(s, n); cw < w; cw++)
        fputc(' ', f);
}
