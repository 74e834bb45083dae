/* cmd_test_norm.c - `thidua test-norm` (hidden): run normalize test cases.
 *
 * Cases are data in jq's format (tests/normalize/NAME.test): groups of
 * three lines - operation, input, expected output - separated by blank
 * lines; '#' lines are comments.  Escapes make invisible characters visible; see
 * the usage text.  Each case goes through cli_norm_op_run, the code behind
 * `thidua norm`.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/norm_ops.h"

const char cmd_test_norm_usage[] =
    "usage: thidua test-norm DIR|FILE...\n"
    "\n"
    "Run the normalize cases in DIR/*.test (or the given files) and print\n"
    "\"normalize: N passed, N failed\".  A case is three lines: an operation\n"
    "(as in 'thidua norm': fold, key, tone, lower, nfc, number, date, or\n"
    "'decode ENC' / 'decode-utf8 ENC'), the input, the expected output.\n"
    "Cases are separated by blank lines; lines starting with '#' are comments.\n"
    "In input and expected lines: \\t tab, \\n newline, \\r carriage return,\n"
    "\\\\ backslash, \\xHH a raw byte, \\u{XXXX} a code point (\\u{A0} no-break\n"
    "space, \\u{AD} soft hyphen, \\u{301} combining acute, \\u{20} a trailing\n"
    "space); a line that is exactly (empty) stands for the empty string.\n"
    "\n"
    "Exit status: 0 all passed; 1 some failed or were malformed; 2 usage error.\n";

/* Decode the escapes of a case line into out; 0 on a malformed escape. */
static int unescape(const char *s, td_buf *out)
{
    td_buf_clear(out);
    td_buf_append(out, "", 0);
    if (strcmp(s, "(empty)") == 0)
        return 1;
    for (; *s; s++) {
        if (*s != '\\') {
            td_buf_putc(out, *s);
            continue;
        }
        s++;
        if (*s == 't') {
            td_buf_putc(out, '\t');
        } else if (*s == 'n') {
            td_buf_putc(out, '\n');
        } else if (*s == 'r') {
            td_buf_putc(out, '\r');
        } else if (*s == '\\') {
            td_buf_putc(out, '\\');
        } else if (*s == 'x' && s[1] && s[2]) {
            char hex[3] = {s[1], s[2], 0};
            char *end;
            unsigned long b = strtoul(hex, &end, 16);
            if (*end)
                return 0;
            td_buf_putc(out, (char)b);
            s += 2;
        } else if (*s == 'u' && s[1] == '{') {
            char *end;
            unsigned long cp = strtoul(s + 2, &end, 16);
            if (*end != '}' || end == s + 2 || cp > 0x10FFFF)
                return 0;
            unsigned char u[4];
            int k = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (k == 1) {
                u[0] = (unsigned char)cp;
            } else if (k == 2) {
                u[0] = (unsigned char)(0xC0 | cp >> 6);
                u[1] = (unsigned char)(0x80 | (cp & 0x3F));
            } else if (k == 3) {
                u[0] = (unsigned char)(0xE0 | cp >> 12);
                u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                u[2] = (unsigned char)(0x80 | (cp & 0x3F));
            } else {
                u[0] = (unsigned char)(0xF0 | cp >> 18);
                u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
                u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                u[3] = (unsigned char)(0x80 | (cp & 0x3F));
            }
            td_buf_append(out, (const char *)u, (size_t)k);
            s = end;
        } else {
            return 0;
        }
    }
    return 1;
}

/* Print s with invisible characters escaped the way case files write them. */
static void print_visible(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\t') {
            fputs("\\t", stdout);
        } else if (c == '\n') {
            fputs("\\n", stdout);
        } else if (c == '\r') {
            fputs("\\r", stdout);
        } else if (c == '\\') {
            fputs("\\\\", stdout);
        } else if (c < 0x20 || c == 0x7F) {
            printf("\\x%02X", c);
        } else if (c == 0xC2 && i + 1 < n &&
                   ((unsigned char)s[i + 1] == 0xA0 || (unsigned char)s[i + 1] == 0xAD)) {
            printf("\\u{%X}", (unsigned char)s[i + 1]);
            i++;
        } else if (c == 0xCC || (c == 0xCD && i + 1 < n && (unsigned char)s[i + 1] < 0xB0)) {
            /* combining marks U+0300..U+036F */
            if (i + 1 < n) {
                unsigned cp = ((c & 0x1Fu) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
                printf("\\u{%X}", cp);
                i++;
            }
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] >= 0x8B && (unsigned char)s[i + 2] <= 0x8F) {
            printf("\\u{%X}", 0x2000u | ((unsigned char)s[i + 2] & 0x3Fu));
            i += 2;
        } else {
            putchar(c);
        }
    }
    putchar('"');
}

typedef struct {
    int passed, failed;
} tally;

static void fail_case(const char *path, int line, const char *op, const td_buf *in,
                      const char *why, const td_buf *want, const td_buf *got)
{
    printf("FAIL %s:%d: %s ", cli_name(path), line, op);
    print_visible(in->ptr ? in->ptr : "", in->len);
    if (why) {
        printf(": %s\n", why);
        return;
    }
    printf("\n  expected ");
    print_visible(want->ptr, want->len);
    printf("\n  got      ");
    print_visible(got->ptr, got->len);
    putchar('\n');
}

static void run_file(const char *path, tally *t)
{
    char *data;
    size_t len;
    td_err e;
    td_err_clear(&e);
    if (td_read_file(path, 16u << 20, &data, &len, &e) != TD_OK) {
        cli_file_error(path, &e);
        t->failed++;
        return;
    }
    /* split into lines in place */
    char *lines[3];
    int lineno[3], have = 0, ln = 0;
    td_buf in = TD_BUF_INIT, want = TD_BUF_INIT, got = TD_BUF_INIT;
    char *p = data;
    for (;;) {
        char *line = p;
        int at_end = *p == '\0';
        if (!at_end) {
            char *nl = strchr(p, '\n');
            if (nl) {
                *nl = '\0';
                p = nl + 1;
            } else {
                p += strlen(p);
            }
            ln++;
            size_t l = strlen(line);
            if (l && line[l - 1] == '\r')
                line[l - 1] = '\0';
        }
        int blank = at_end || line[0] == '\0';
        if (!blank && line[0] == '#' && have == 0)
            continue;
        if (!blank) {
            if (have < 3) {
                lines[have] = line;
                lineno[have] = ln;
            }
            have++;
            continue;
        }
        if (have > 0) {
            td_buf_clear(&in);
            td_buf_clear(&got);
            if (have != 3) {
                td_buf_puts(&in, lines[0]);
                fail_case(path, lineno[0], "", &in,
                          "malformed case: want 3 lines (operation, input, expected)",
                          NULL, NULL);
                t->failed++;
            } else if (!unescape(lines[1], &in) || !unescape(lines[2], &want)) {
                fail_case(path, lineno[0], lines[0], &in, "malformed escape", NULL, NULL);
                t->failed++;
            } else if (cli_norm_op_run(lines[0], in.ptr, in.len, &got) != 0) {
                fail_case(path, lineno[0], lines[0], &in, "unknown operation", NULL, NULL);
                t->failed++;
            } else if (got.len != want.len || memcmp(got.ptr, want.ptr, got.len) != 0) {
                fail_case(path, lineno[0], lines[0], &in, NULL, &want, &got);
                t->failed++;
            } else {
                t->passed++;
            }
            have = 0;
        }
        if (at_end)
            break;
    }
    td_buf_free(&in);
    td_buf_free(&want);
    td_buf_free(&got);
    free(data);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run the .test files of dir in name order; returns the number of files run. */
static int run_dir(const char *dir, tally *t)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l > 5 && strcmp(de->d_name + l - 5, ".test") == 0) {
            names = td_xrealloc(names, (n + 1) * sizeof *names);
            td_buf path = TD_BUF_INIT;
            td_buf_printf(&path, "%s/%s", dir, de->d_name);
            names[n++] = td_buf_detach(&path);
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        run_file(names[i], t);
        free(names[i]);
    }
    free(names);
    return (int)n;
}

int cmd_test_norm(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    cli_args_init(&a, argc, argv, CLI_ARGS_IN_ORDER);
    int c = cli_args_next(&a, NULL, ctx);
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    if (!a.npos)
        return cli_usage_error(ctx, "no test directory or file given");
    tally t = {0, 0};
    int files = 0;
    for (int i = 0; i < a.npos; i++) {
        struct stat st;
        if (stat(a.pos[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            files += run_dir(a.pos[i], &t);
        } else if (stat(a.pos[i], &st) == 0) {
            run_file(a.pos[i], &t);
            files++;
        } else {
            cli_error("'%s': no such file or directory", a.pos[i]);
            t.failed++;
        }
    }
    if (files == 0) {
        cli_error("no .test files found");
        t.failed++;
    }
    printf("normalize: %d passed, %d failed\n", t.passed, t.failed);
    return t.failed ? CLI_PARTIAL : CLI_OK;
}
