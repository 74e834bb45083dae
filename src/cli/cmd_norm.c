/* cmd_norm.c - `thidua norm`: show what the normalize stage does to text.
 *
 * A debugging tool: fold, key, tone, lower and nfc print the transformed
 * text; number and date print what the parsers read; detect and decode work
 * on files in legacy encodings.  The text operations live in cli_norm_op_run so
 * that `thidua test-norm` checks exactly this output.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/norm_ops.h"
#include "normalize/normalize.h"

const char cmd_norm_usage[] =
    "usage: thidua norm OP [TEXT...]\n"
    "       thidua norm detect FILE...\n"
    "       thidua norm [--hfont] decode ENC FILE\n"
    "\n"
    "Show how thidua normalizes text.  Each TEXT gives one line of output; with\n"
    "no TEXT, every line of standard input is processed.\n"
    "\n"
    "operations:\n"
    "  fold     the form rules and search match on: lowercase, no diacritics,\n"
    "           d for đ, dashes, quotes and white space unified\n"
    "  key      the exact matching key: like fold but diacritics kept, tones\n"
    "           in one canonical place\n"
    "  tone     tone marks moved to the canonical place (Hoà -> Hòa, thuỷ -> thủy)\n"
    "  lower    Vietnamese-aware lowercase, NFC\n"
    "  nfc      Unicode NFC\n"
    "  number   the number the text starts with (8.000 = 8000, 1,5 = 1.5); when it\n"
    "           does not start with one, the first number in it\n"
    "  date     the date the text starts with, else the first one in it, as\n"
    "           YYYY-MM-DD with 0 for an unknown part\n"
    "  detect   guess the encoding of each FILE; prints the encoding, the share\n"
    "           of valid Vietnamese syllables, and each candidate's share\n"
    "  decode   decode FILE from ENC (utf-8, windows-1258, windows-1252, tcvn3,\n"
    "           vni, viscii, utf-16le, utf-16be, or auto to detect it)\n"
    "\n"
    "options:\n"
    "  -H, --hfont   decode: the text is in a TCVN3 \"H\" font (.VnTimeH): capitals\n"
    "  -j, --json    one JSON object per line: {\"op\",\"input\",\"output\"}; for\n"
    "                detect {\"file\",\"encoding\",\"score\",\"candidates\"}\n"
    "  -h, --help    this text\n"
    "\n"
    "examples:\n"
    "  thidua norm fold 'Khánh Hoà – “Thi đua”'     khanh hoa - \"thi dua\"\n"
    "  thidua norm key 'UỶ BAN Nhân dân'            ủy ban nhân dân\n"
    "  thidua norm tone 'Khoẻ, thuỷ, hoà'           Khỏe, thủy, hòa\n"
    "  thidua norm number '8.000 người'             8000 (from \"8.000\")\n"
    "  thidua norm date 'ngày 3 tháng 3 năm 2024'   2024-03-03\n"
    "  thidua norm detect old.txt                   tcvn3 0.998 ...\n"
    "  thidua norm decode tcvn3 old.txt\n"
    "\n"
    "Exit status: 0 done; 1 a file could not be read; 2 usage error.\n";

/* Parse an ENC argument; "tcvn3-h" (or "tcvn3h") sets *hfont. */
static norm_encoding parse_enc(const char *s, int *hfont)
{
    *hfont = 0;
    if (strcasecmp(s, "tcvn3-h") == 0 || strcasecmp(s, "tcvn3h") == 0) {
        *hfont = 1;
        return NORM_ENC_TCVN3;
    }
    return norm_encoding_from_label(s);
}

static int is_word_start(const char *s, size_t i)
{
    if (i == 0)
        return 1;
    unsigned char p = (unsigned char)s[i - 1];
    return !(p >= '0' && p <= '9') && !(p >= 'a' && p <= 'z') &&
           !(p >= 'A' && p <= 'Z') && p < 0x80;
}

/* Append ` (from "...")` when the parsed span is not the whole text. */
static void from_span(td_buf *out, const char *s, size_t n, size_t at, size_t used)
{
    size_t a = 0, b = n;
    while (a < n && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    if (at == a && at + used == b)
        return;
    td_buf_puts(out, " (from \"");
    td_buf_append(out, s + at, used);
    td_buf_puts(out, "\")");
}

static void op_number(const char *s, size_t n, td_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (!(s[i] >= '0' && s[i] <= '9') || !is_word_start(s, i))
            continue;
        double v;
        size_t used = norm_parse_number(s + i, n - i, &v);
        if (used) {
            td_buf_printf(out, "%.15g", v);
            from_span(out, s, n, i, used);
            return;
        }
    }
    td_buf_puts(out, "(none)");
}

static void op_date(const char *s, size_t n, td_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_word_start(s, i) || (s[i] & 0xC0) == 0x80)
            continue;
        int y, m, d;
        size_t used = norm_parse_date(s + i, n - i, &y, &m, &d);
        if (used) {
            td_buf_printf(out, "%04d-%02d-%02d", y, m, d);
            from_span(out, s, n, i, used);
            return;
        }
    }
    td_buf_puts(out, "(none)");
}

static const char *const text_ops[] = {"fold", "key", "tone", "lower", "nfc",
                                       "number", "date"};

int cli_norm_op_known(const char *op)
{
    for (size_t i = 0; i < sizeof text_ops / sizeof text_ops[0]; i++)
        if (strcmp(op, text_ops[i]) == 0)
            return 1;
    int h;
    if (strncmp(op, "decode ", 7) == 0)
        return parse_enc(op + 7, &h) != NORM_ENC_UNKNOWN;
    if (strncmp(op, "decode-utf8 ", 12) == 0)
        return parse_enc(op + 12, &h) != NORM_ENC_UNKNOWN;
    return 0;
}

int cli_norm_op_run(const char *op, const char *s, size_t n, td_buf *out)
{
    if (!cli_norm_op_known(op))
        return -1;
    if (strcmp(op, "fold") == 0) {
        norm_fold(s, n, out, NULL);
    } else if (strcmp(op, "key") == 0) {
        char *tmp = td_xstrndup(s, n);
        char *k = norm_key_str(tmp);
        td_buf_puts(out, k);
        free(k);
        free(tmp);
    } else if (strcmp(op, "tone") == 0) {
        norm_tone(s, n, out);
    } else if (strcmp(op, "lower") == 0) {
        norm_lower(s, n, out);
    } else if (strcmp(op, "nfc") == 0) {
        norm_nfc(s, n, out);
    } else if (strcmp(op, "number") == 0) {
        op_number(s, n, out);
    } else if (strcmp(op, "date") == 0) {
        op_date(s, n, out);
    } else {
        int h;
        int u8 = strncmp(op, "decode-utf8 ", 12) == 0;
        norm_encoding enc = parse_enc(op + (u8 ? 12 : 7), &h);
        if (u8)
            norm_decode_legacy_utf8(enc, s, n, h, out);
        else
            norm_decode(enc, (const unsigned char *)s, n, h, out);
    }
    if (!out->ptr)
        td_buf_append(out, "", 0);
    return 0;
}

static int run_detect(char **files, int nfiles, int json)
{
    int failed = 0;
    for (int i = 0; i < nfiles; i++) {
        char *data;
        size_t len;
        td_err e;
        td_err_clear(&e);
        if (td_read_file(files[i], 256u << 20, &data, &len, &e) != TD_OK) {
            cli_file_error(files[i], &e);
            failed = 1;
            continue;
        }
        norm_detect_info info;
        double score;
        norm_encoding enc = norm_detect_ex((unsigned char *)data, len, &score, &info);
        free(data);
        if (json) {
            td_buf o = TD_BUF_INIT;
            td_buf_puts(&o, "{\"file\":");
            td_json_str(&o, files[i]);
            td_buf_printf(&o, ",\"encoding\":\"%s\",\"score\":%.3f,\"candidates\":{",
                          norm_encoding_name(enc), score);
            for (int c = 0; c < info.ncand; c++)
                td_buf_printf(&o, "%s\"%s\":%.3f", c ? "," : "",
                              norm_encoding_name(info.cand[c]), info.share[c]);
            td_buf_puts(&o, "}}\n");
            fwrite(o.ptr, 1, o.len, stdout);
            td_buf_free(&o);
            continue;
        }
        if (nfiles > 1)
            printf("%s: ", cli_name(files[i]));
        printf("%s %.3f\n", norm_encoding_name(enc), score);
        if (info.ncand) {
            printf("  candidates:");
            for (int c = 0; c < info.ncand; c++)
                printf(" %s %.3f%s", norm_encoding_name(info.cand[c]), info.share[c],
                       c + 1 < info.ncand ? "," : "\n");
            printf("  high bytes %zu, vowel+VNI mark pairs %zu, vowel+cp1258 tone pairs %zu\n",
                   info.high, info.vni_pairs, info.cp1258_pairs);
        } else if (info.high) {
            printf("  high bytes %zu: too few to judge\n", info.high);
        }
    }
    return failed ? CLI_PARTIAL : CLI_OK;
}

static int run_decode(const cli_ctx *ctx, const char *encname, const char *file,
                      int hfont)
{
    int h = 0;
    norm_encoding enc = NORM_ENC_UNKNOWN;
    int autodetect = strcmp(encname, "auto") == 0;
    if (!autodetect) {
        enc = parse_enc(encname, &h);
        if (enc == NORM_ENC_UNKNOWN)
            return cli_usage_error(ctx, "unknown encoding '%s'", encname);
    }
    char *data;
    size_t len;
    td_err e;
    td_err_clear(&e);
    if (td_read_file(file, 256u << 20, &data, &len, &e) != TD_OK) {
        cli_file_error(file, &e);
        return CLI_PARTIAL;
    }
    if (autodetect) {
        enc = norm_detect((unsigned char *)data, len, NULL);
        if (enc == NORM_ENC_UNKNOWN) {
            free(data);
            td_err_set(&e, TD_EENCODING, "encoding could not be detected; name one");
            cli_file_error(file, &e);
            return CLI_PARTIAL;
        }
    }
    td_buf out = TD_BUF_INIT;
    norm_decode(enc, (unsigned char *)data, len, h || hfont, &out);
    free(data);
    fwrite(out.ptr, 1, out.len, stdout);
    if (out.len && out.ptr[out.len - 1] != '\n')
        putchar('\n');
    td_buf_free(&out);
    return CLI_OK;
}

/* One line of output for TEXT s: the result, or with json an object
 * {"op","input","output"}. */
static void print_op(const char *op, const char *s, size_t n, int json)
{
    td_buf out = TD_BUF_INIT;
    cli_norm_op_run(op, s, n, &out);
    if (json) {
        td_buf o = TD_BUF_INIT;
        td_buf_puts(&o, "{\"op\":");
        td_json_str(&o, op);
        td_buf_puts(&o, ",\"input\":");
        td_json_strn(&o, s, n);
        td_buf_puts(&o, ",\"output\":");
        td_json_strn(&o, out.ptr, out.len);
        td_buf_puts(&o, "}");
        fwrite(o.ptr, 1, o.len, stdout);
        td_buf_free(&o);
    } else {
        fwrite(out.ptr, 1, out.len, stdout);
    }
    putchar('\n');
    td_buf_free(&out);
}

int cmd_norm(int argc, char **argv, cli_ctx *ctx)
{
    static const cli_opt opts[] = {
        {"hfont", 'H', 0, 'H'},
        {NULL, 0, 0, 0},
    };
    int hfont = 0, c;
    cli_args a;
    /* options before OP only: a TEXT may well start with a dash */
    cli_args_init(&a, argc, argv, CLI_ARGS_IN_ORDER);
    while ((c = cli_args_next(&a, opts, ctx)) > 0)
        hfont = 1;
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    if (!a.npos)
        return cli_usage_error(ctx, "no operation given");
    const char *op = a.pos[0];
    int i = 1;
    /* allow `norm decode --hfont ENC FILE` too */
    if (strcmp(op, "decode") == 0)
        while (i < a.npos && (strcmp(a.pos[i], "--hfont") == 0 ||
                              strcmp(a.pos[i], "-H") == 0)) {
            hfont = 1;
            i++;
        }
    if (strcmp(op, "detect") == 0) {
        if (i >= a.npos)
            return cli_usage_error(ctx, "detect needs a FILE");
        return run_detect(a.pos + i, a.npos - i, ctx->json);
    }
    if (strcmp(op, "decode") == 0) {
        if (a.npos - i != 2)
            return cli_usage_error(ctx, "decode needs ENC and one FILE");
        return run_decode(ctx, a.pos[i], a.pos[i + 1], hfont);
    }
    if (!cli_norm_op_known(op))
        return cli_usage_error(ctx, "unknown operation '%s'", op);
    if (i < a.npos) {
        for (; i < a.npos; i++)
            print_op(op, a.pos[i], strlen(a.pos[i]), ctx->json);
        return CLI_OK;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, stdin)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        print_op(op, line, (size_t)len, ctx->json);
    }
    free(line);
    return CLI_OK;
}
