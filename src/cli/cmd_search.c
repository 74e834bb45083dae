/* cmd_search.c - `thidua search`: ranked full-text search with filters.
 *
 * Parses the options, hands the query to index_search (which folds,
 * expands abbreviations and ranks) and prints the hits: readable and
 * width-aware on a terminal, one JSON object per line with --json.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/json_out.h"
#include "index/index.h"

const char cmd_search_usage[] =
    "usage: thidua search [options] QUERY...\n"
    "\n"
    "Full-text search over the stored documents.  A word typed without\n"
    "diacritics matches every spelling: hoi finds hội and hồi, d finds đ\n"
    "(doan ket).  A word typed with diacritics matches those diacritics in\n"
    "any tone placement (Hoà/Hòa), i or y (kí/ký), case or Unicode form, and\n"
    "reports typed without diacritics (hồi finds hồi and a bare hoi), but\n"
    "not other diacritics (hồi does not find hội); when that finds fewer than\n"
    "3 documents, the query is read without diacritics and a note says so\n"
    "(--fold reads it so always).  Numbers match with or without separators\n"
    "(8.000, 8000; 02/3, 2/3).  Documents with exactly the diacritics typed\n"
    "come first: first those holding the words side by side with the\n"
    "diacritics typed (hội nghị, not \"hồi. Nghị\"), then those holding more\n"
    "of the words typed with diacritics (hội before hồi; a word typed\n"
    "without them, as in \"hoi nghị\", matches any way and ranks nothing);\n"
    "then those holding the words side by side as typed; then bm25\n"
    "relevance, the title weighted 10 to 1.  An abbreviation finds its\n"
    "expansion and back (MTTQ, Mặt trận Tổ quốc; also inside NEAR and\n"
    "quotes; the list is abbrev.tsv in the rules directory), and a province\n"
    "its other spellings in provinces.tsv (Kontum, Đắc Lắc, BRVT).  Several\n"
    "QUERY arguments are joined with spaces.\n"
    "\n"
    "query syntax:\n"
    "  giao uoc            both words, anywhere (AND)\n"
    "  \"giao ước thi đua\"  the words in this order (also “...”, «...»)\n"
    "  khanh*, \"giao uoc*\" words starting with khanh; a phrase ending so\n"
    "  a OR b, a AND b, a NOT b, (...)   operators in UPPER CASE only (a\n"
    "                      lower-case and/or/not is a word); NOT binds\n"
    "                      tighter than AND, AND tighter than OR\n"
    "  NEAR(a b, N)        a and b at most N words apart (default 10)\n"
    "  title:word  body:\"a phrase\"  title:(a OR b)   in that column only;\n"
    "                      any other word:word is two words (khanh:hoa)\n"
    "Stray punctuation is forgiven: an unpaired curly quote, an unbalanced\n"
    "parenthesis, an empty () and a '*' after no word are dropped.  A long\n"
    "query of plain words (5 or more, no operator) also finds documents\n"
    "missing one word in five, after those holding them all.\n"
    "\n"
    "options:\n"
    "  -n, --limit N     at most N results (default 10)\n"
    "  --province P      only documents about a bloc of province P; for a\n"
    "                    province of the 2025 merger also its former parts\n"
    "                    (Gia Lai: also Bình Định), from provinces.tsv\n"
    "  --year Y          only documents about year Y (pledge, review, meeting)\n"
    "  --bloc B          only documents whose bloc name contains B\n"
    "  --format F        only docx, html or text documents\n"
    "  --fold            match every word without diacritics, as typed or not\n"
    "  --json            one JSON object per hit and line: rank, doc, path,\n"
    "                    title, format, score, exact, snippet, province, year,\n"
    "                    bloc, reading (strict or folded), fallback (true when\n"
    "                    the strict reading found too few)\n"
    "  --db PATH         database (default: $THIDUA_DB or ./thidua.db)\n"
    "  --rules DIR       where abbrev.tsv and provinces.tsv are read\n"
    "  --explain         print how the query is run (FTS5 expressions) instead\n"
    "  --tokens          print the tokens of QUERY as a document would give them:\n"
    "                    token, start, end, colocated (no database needed)\n"
    "  -h, --help        this text\n"
    "\n"
    "Filters compare folded text (no diacritics, any case).  With filters and\n"
    "no QUERY, the matching documents are listed.  Matched words are shown\n"
    "[like this] (bold on a terminal unless NO_COLOR is set).\n"
    "\n"
    "Exit status: 0 done, also when nothing matches (a note goes to stderr);\n"
    "2 usage error or malformed query; 3 the database could not be opened.\n";

enum { OPT_PROVINCE = 0x2001, OPT_YEAR, OPT_BLOC, OPT_FORMAT, OPT_EXPLAIN, OPT_TOKENS,
       OPT_FOLD };


/* Terminal width for wrapping, 0 when stdout is not a terminal. */
static size_t term_width(void)
{
    if (!isatty(1))
        return 0;
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    int n = c ? atoi(c) : 0;
    return n >= 20 ? (size_t)n : 80;
}

/* The snippet as one line: white space runs collapsed, marks replaced. */
void cli_search_snippet(const char *s, const char *open, const char *close,
                        td_buf *out)
{
    int space = 0;
    for (; s && *s; s++) {
        if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
            space = out->len > 0;
            continue;
        }
        if (space)
            td_buf_putc(out, ' ');
        space = 0;
        if (*s == CLI_MARK_OPEN[0]) {
            td_buf_puts(out, open);
        } else if (*s == CLI_MARK_CLOSE[0]) {
            /* one mark around neighbouring matches: [word word] */
            size_t k = 1;
            while (s[k] == ' ' || s[k] == '\n' || s[k] == '\t' || s[k] == '\r')
                k++;
            if (k > 1 && s[k] == CLI_MARK_OPEN[0]) {
                td_buf_putc(out, ' ');
                s += k;
                continue;
            }
            td_buf_puts(out, close);
        } else
            td_buf_putc(out, *s);
    }
    if (!out->ptr)
        td_buf_append(out, "", 0);
}

/* Display width of s, not counting escape sequences. */
static size_t visible_width(const char *s, size_t n)
{
    size_t w = 0, i = 0, run = 0;
    while (i < n) {
        if (s[i] == '\033') {
            w += cli_width(s + run, i - run);
            while (i < n && s[i] != 'm')
                i++;
            run = ++i;
            continue;
        }
        i++;
    }
    return w + cli_width(s + run, n - run);
}

/* Print text word-wrapped to width (0: no wrapping), every line indented. */
static void print_wrapped(const char *text, size_t indent, size_t width)
{
    size_t col = 0;
    const char *p = text;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        size_t w = visible_width(p, n);
        if (col == 0) {
            printf("%*s", (int)indent, "");
            col = indent;
        } else if (width && col + 1 + w > width) {
            printf("\n%*s", (int)indent, "");
            col = indent;
        } else {
            putchar(' ');
            col++;
        }
        fwrite(p, 1, n, stdout);
        col += w;
        p += n;
        while (*p == ' ')
            p++;
    }
    putchar('\n');
}

/* s cut to at most width columns (with "…"), or whole when width is 0. */
static void print_cut(const char *s, size_t width)
{
    size_t n = strlen(s);
    if (!width || cli_width(s, n) <= width) {
        fputs(s, stdout);
        return;
    }
    size_t i = 0, w = 0;
    while (i < n) {
        size_t k = 1;
        while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
            k++;
        size_t cw = cli_width(s + i, k);
        if (w + cw + 1 > width)
            break;
        w += cw;
        i += k;
    }
    fwrite(s, 1, i, stdout);
    fputs("…", stdout);
}

void cli_json_search_hit(td_buf *b, const index_hit *h, int rank,
                         const char *snippet, index_reading reading)
{
    td_buf_printf(b, "{\"rank\":%d,\"doc\":%ld,\"path\":", rank, h->id);
    td_json_str(b, h->path);
    td_buf_puts(b, ",\"title\":");
    td_json_str(b, h->title);
    td_buf_puts(b, ",\"format\":");
    td_json_str(b, h->format);
    td_buf_printf(b, ",\"score\":%.6g,\"exact\":%d,\"snippet\":",
                  h->score == 0 ? 0.0 : -h->score, h->exact);
    td_json_str(b, snippet);
    td_buf_puts(b, ",\"province\":");
    td_json_str(b, h->province);
    if (h->year)
        td_buf_printf(b, ",\"year\":%d", h->year);
    else
        td_buf_puts(b, ",\"year\":null");
    td_buf_puts(b, ",\"bloc\":");
    td_json_str(b, h->bloc);
    td_buf_printf(b, ",\"reading\":\"%s\",\"fallback\":%s}",
                  reading == INDEX_STRICT ? "strict" : "folded",
                  reading == INDEX_FALLBACK ? "true" : "false");
}

static void print_hit(const index_hit *h, int rank, const char *snippet,
                      size_t width)
{
    printf("%d. %s  [%s, doc %ld]\n", rank, cli_name(h->path), h->format ? h->format : "?",
           h->id);
    if (h->title && *h->title) {
        fputs("   ", stdout);
        print_cut(h->title, width ? width - 3 : 0);
        putchar('\n');
    }
    if (h->province || h->year || h->bloc) {
        td_buf facts = TD_BUF_INIT;
        if (h->bloc)
            td_buf_puts(&facts, h->bloc);
        if (h->province && (!h->bloc || !strstr(h->bloc, h->province)))
            td_buf_printf(&facts, "%s%s", facts.len ? " · " : "", h->province);
        if (h->year)
            td_buf_printf(&facts, "%s%d", facts.len ? " · " : "", h->year);
        fputs("   ", stdout);
        print_cut(facts.ptr, width ? width - 3 : 0);
        putchar('\n');
        td_buf_free(&facts);
    }
    print_wrapped(snippet, 3, width);
}

int cmd_search(int argc, char **argv, cli_ctx *ctx)
{
    static const cli_opt opts[] = {
        {"limit", 'n', 1, 'n'},
        {"province", 0, 1, OPT_PROVINCE},
        {"year", 0, 1, OPT_YEAR},
        {"bloc", 0, 1, OPT_BLOC},
        {"format", 0, 1, OPT_FORMAT},
        {"explain", 0, 0, OPT_EXPLAIN},
        {"tokens", 0, 0, OPT_TOKENS},
        {"fold", 0, 0, OPT_FOLD},
        {NULL, 0, 0, 0},
    };
    index_search_opts o;
    memset(&o, 0, sizeof o);
    o.limit = 10;
    int c, explain = 0, tokens = 0;
    char *end;
    cli_args a;
    cli_args_init(&a, argc, argv, 0);
    a.letter_hint = " (put -- before a query that starts with '-')";
    while ((c = cli_args_next(&a, opts, ctx)) > 0) {
        switch (c) {
        case 'n':
            o.limit = (int)strtol(a.value, &end, 10);
            if (*end || o.limit <= 0 || o.limit > 100000)
                return cli_usage_error(ctx, "--limit needs a positive number, not '%s'",
                                       a.value);
            break;
        case OPT_PROVINCE: o.province = a.value; break;
        case OPT_BLOC: o.bloc = a.value; break;
        case OPT_YEAR:
            o.year = (int)strtol(a.value, &end, 10);
            if (*end || o.year < 1900 || o.year > 2200)
                return cli_usage_error(ctx, "--year needs a year such as 2024, not '%s'",
                                       a.value);
            break;
        case OPT_FORMAT:
            if (strcmp(a.value, "docx") && strcmp(a.value, "html") && strcmp(a.value, "text"))
                return cli_usage_error(ctx, "--format must be docx, html or text, not '%s'",
                                       a.value);
            o.format = a.value;
            break;
        case OPT_EXPLAIN: explain = 1; break;
        case OPT_TOKENS: tokens = 1; break;
        case OPT_FOLD: o.fold = 1; break;
        }
    }
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    td_buf query = TD_BUF_INIT;
    for (int i = 0; i < a.npos; i++) {
        if (query.len)
            td_buf_putc(&query, ' ');
        td_buf_puts(&query, a.pos[i]);
    }
    if (tokens) {
        /* the tokenizer's view of TEXT, as a document: token, start, end,
         * colocated (SQLite's fts5_test_tok, for tests and debugging) */
        td_buf b = TD_BUF_INIT;
        index_token_dump(query.ptr ? query.ptr : "", query.len, 0, &b);
        fwrite(b.ptr, 1, b.len, stdout);
        td_buf_free(&b);
        td_buf_free(&query);
        return CLI_OK;
    }
    int filters = o.province || o.bloc || o.format || o.year;
    if (!query.len && !filters) {
        td_buf_free(&query);
        return cli_usage_error(ctx, "no query (and no filter) given");
    }
    o.query = query.ptr;
    o.mark_open = CLI_MARK_OPEN;
    o.mark_close = CLI_MARK_CLOSE;

    td_err e;
    td_err_clear(&e);
    index_db *db = NULL;
    if (cli_open_db(ctx, &db) != CLI_OK) {
        td_buf_free(&query);
        return CLI_FATAL;
    }
    if (index_set_rules_dir(db, ctx->rules_dir, &e) != TD_OK) {
        cli_error("cannot load abbreviations: %s", e.msg);
        index_close(db);
        td_buf_free(&query);
        return CLI_FATAL;
    }
    index_hit *hits = NULL;
    size_t n = 0, nstrict = 0;
    index_reading reading = INDEX_FOLDED;
    int rc;
    if (explain) {
        td_buf b = TD_BUF_INIT;
        rc = index_explain(db, query.ptr ? query.ptr : "", o.fold, &b, &e);
        if (rc == TD_OK)
            fwrite(b.ptr, 1, b.len, stdout);
        td_buf_free(&b);
    } else {
        rc = index_search(db, &o, &hits, &n, &reading, &nstrict, &e);
    }
    int status = CLI_OK;
    if (rc == TD_EUSAGE) {
        cli_error("malformed query: %s", e.msg);
        status = CLI_USAGE;
    } else if (rc != TD_OK) {
        cli_error("%s", e.msg);
        status = CLI_FATAL;
    } else if (n == 0 && !explain) {
        if (query.len)
            cli_note("no documents match '%s'", query.ptr);
        else
            cli_note("no documents match");
    } else if (reading == INDEX_FALLBACK) {
        /* as search engines for Vietnamese do: say that the diacritics
         * typed were let go */
        if (nstrict == 0)
            cli_note("no exact matches for '%s' — showing results without diacritics",
                     query.ptr);
        else
            cli_note("only %zu exact match%s for '%s' — showing results without "
                     "diacritics too", nstrict, nstrict == 1 ? "" : "es", query.ptr);
    }
    int bold = !ctx->json && isatty(1) && !getenv("NO_COLOR");
    size_t width = ctx->json ? 0 : term_width();
    td_buf snip = TD_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        td_buf_clear(&snip);
        cli_search_snippet(hits[i].snippet, bold ? "\033[1m" : "[",
                       bold ? "\033[0m" : "]", &snip);
        if (ctx->json) {
            td_buf j = TD_BUF_INIT;
            cli_json_search_hit(&j, &hits[i], (int)i + 1, snip.ptr, reading);
            td_buf_putc(&j, '\n');
            fwrite(j.ptr, 1, j.len, stdout);
            td_buf_free(&j);
        } else {
            if (i)
                putchar('\n');
            print_hit(&hits[i], (int)i + 1, snip.ptr, width);
        }
    }
    td_buf_free(&snip);
    index_hits_free(hits, n);
    index_close(db);
    td_buf_free(&query);
    return status;
}
