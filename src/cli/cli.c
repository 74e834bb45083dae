/* cli.c - helpers shared by the subcommands: messages, names, options, widths. */
#include "cli/cli.h"

#include "index/index.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Print prefix and the formatted message as one line on stderr, with any
 * control character in it escaped (td_buf_put_name): a file name or a
 * library's message cannot add a line or drive the terminal. */
static void message(const char *prefix, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *raw = td_xmalloc(n > 0 ? (size_t)n + 1 : 1);
    raw[0] = '\0';
    if (n > 0)
        vsnprintf(raw, (size_t)n + 1, fmt, ap);
    td_buf line = TD_BUF_INIT;
    td_buf_puts(&line, prefix);
    td_buf_put_name(&line, raw);
    td_buf_putc(&line, '\n');
    fwrite(line.ptr, 1, line.len, stderr);
    td_buf_free(&line);
    free(raw);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message("thidua: error: ", fmt, ap);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message("thidua: warning: ", fmt, ap);
    va_end(ap);
}

void cli_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message("thidua: ", fmt, ap);
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
    cli_error("'%s': %s", path, msg);
}

int cli_usage_error(const cli_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message("thidua: error: ", fmt, ap);
    va_end(ap);
    fprintf(stderr, "try 'thidua %s --help'\n", ctx->cmd ? ctx->cmd : "");
    return CLI_USAGE;
}

const char *cli_name(const char *s)
{
    static td_buf ring[CLI_NAME_SLOTS];
    static unsigned next;
    td_buf *b = &ring[next++ % CLI_NAME_SLOTS];
    td_buf_clear(b);
    td_buf_put_name(b, s);
    return b->ptr;
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

int cli_open_db(cli_ctx *ctx, index_db **db)
{
    td_err e;
    td_err_clear(&e);
    if (index_open(ctx->db_path, 0, db, &e) != TD_OK) {
        cli_error("cannot open database '%s': %s", ctx->db_path, e.msg);
        return CLI_FATAL;
    }
    return CLI_OK;
}
