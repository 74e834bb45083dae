/* cmd_show.c - `thidua show`: one stored document, its facts and evidence.
 *
 * Every fact is printed with the rule that produced it and the sentence it
 * came from, the evidence marked inside the sentence; republished copies
 * of the same article (found by canon/dedup.c) are listed too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/canon_table.h"
#include "cli/cli.h"
#include "cli/json_out.h"
#include "canon/canon.h"
#include "index/index.h"

const char cmd_show_usage[] =
    "usage: thidua show [--json] DOC...\n"
    "\n"
    "Print a stored document's metadata and every fact found in it, each with\n"
    "the rule that produced it and the sentence it came from (the evidence\n"
    "[marked], bold on a terminal).  DOC is a document id (as printed by\n"
    "search), the path it was ingested from or any other path to its file,\n"
    "or the end of the stored path when only one document has it (a file\n"
    "name).\n"
    "\n"
    "options:\n"
    "  --json        one JSON object per document: id, path, title, format,\n"
    "                encoding, size, hash, published, author, ingested_at,\n"
    "                facts [{fact, value, extra, year, num, rule, start, end,\n"
    "                sentence, block}] (offsets are bytes in the stored text),\n"
    "                copies [{doc, path, kind, similarity, canonical}]\n"
    "  --db PATH     database (default: $THIDUA_DB or ./thidua.db)\n"
    "  --rules DIR   rule directory (names used to find copies of an article)\n"
    "  -h, --help    this text\n"
    "\n"
    "Exit status: 0 shown; 1 some DOC not found; 2 usage error;\n"
    "3 the database could not be opened.\n";

void cli_json_doc(td_buf *b, const index_docinfo *di, const canon_doc_copy *cp,
                  size_t ncp)
{
    td_buf_printf(b, "{\"id\":%ld,\"path\":", di->id);
    td_json_str(b, di->path);
    td_buf_puts(b, ",\"title\":");
    td_json_str(b, di->title);
    td_buf_puts(b, ",\"format\":");
    td_json_str(b, di->format);
    td_buf_puts(b, ",\"encoding\":");
    td_json_str(b, di->encoding);
    td_buf_printf(b, ",\"size\":%ld,\"text_bytes\":%ld,\"hash\":", di->size,
                  di->text_len);
    td_json_str(b, di->hash);
    td_buf_puts(b, ",\"published\":");
    td_json_str(b, di->published);
    td_buf_puts(b, ",\"author\":");
    td_json_str(b, di->author);
    td_buf_puts(b, ",\"ingested_at\":");
    td_json_str(b, di->ingested_at);
    td_buf_puts(b, ",\"facts\":[");
    for (size_t i = 0; i < di->nfacts; i++) {
        const index_fact_row *f = &di->facts[i];
        td_buf_puts(b, i ? ",{\"fact\":" : "{\"fact\":");
        td_json_str(b, f->fact);
        td_buf_puts(b, ",\"value\":");
        td_json_str(b, f->value);
        td_buf_puts(b, ",\"extra\":");
        td_json_str(b, f->extra);
        if (f->year)
            td_buf_printf(b, ",\"year\":%d", f->year);
        else
            td_buf_puts(b, ",\"year\":null");
        if (f->num)
            td_buf_printf(b, ",\"num\":%ld", f->num);
        else
            td_buf_puts(b, ",\"num\":null");
        td_buf_puts(b, ",\"rule\":");
        td_json_str(b, f->rule);
        td_buf_printf(b, ",\"start\":%ld,\"end\":%ld,\"sentence\":", f->start,
                      f->end);
        td_json_str(b, f->sentence);
        td_buf_printf(b, ",\"block\":%ld}", f->block);
    }
    td_buf_puts(b, "],\"copies\":[");
    for (size_t i = 0; i < ncp; i++) {
        td_buf_printf(b, "%s{\"doc\":%ld,\"path\":", i ? "," : "", cp[i].doc_id);
        td_json_str(b, cp[i].path);
        td_buf_puts(b, ",\"kind\":");
        td_json_str(b, cp[i].kind);
        td_buf_printf(b, ",\"similarity\":%.3f,\"canonical\":%s}", cp[i].similarity,
                      cp[i].canonical ? "true" : "false");
    }
    td_buf_puts(b, "]}");
}

/* The sentence on one line with the evidence span marked. */
static void print_copies(const canon_doc_copy *cp, size_t ncp)
{
    if (ncp == 0)
        return;
    printf("\ncopies of the same article (%zu):\n", ncp);
    for (size_t i = 0; i < ncp; i++) {
        printf("  doc %ld  %s  %s copy", cp[i].doc_id, cli_name(cp[i].path),
               cp[i].kind ? cp[i].kind : "?");
        if (cp[i].similarity < 1.0)
            printf(" (%.2f)", cp[i].similarity);
        puts(cp[i].canonical ? ", its facts are the ones counted" : "");
    }
}

static void print_doc(const index_docinfo *di, int bold)
{
    printf("document %ld: %s\n", di->id, cli_name(di->path));
    printf("  title:      %s\n", di->title ? di->title : "(none)");
    printf("  format:     %s, %s, %ld bytes, hash %s\n", di->format,
           di->encoding ? di->encoding : "unknown encoding", di->size, di->hash);
    if (di->published)
        printf("  published:  %s\n", di->published);
    if (di->author)
        printf("  author:     %s\n", di->author);
    printf("  ingested:   %s UTC\n", di->ingested_at);
    printf("  text:       %ld bytes\n", di->text_len);
    if (di->nfacts == 0) {
        printf("\nno facts found\n");
        return;
    }
    printf("\nfacts (%zu):\n", di->nfacts);
    for (size_t i = 0; i < di->nfacts; i++) {
        const index_fact_row *f = &di->facts[i];
        td_buf v = TD_BUF_INIT;
        if (f->value)
            td_buf_puts(&v, f->value);
        else
            td_buf_printf(&v, "%ld", f->num);
        char year[16] = "";
        if (f->year)
            snprintf(year, sizeof year, "%d", f->year);
        if (f->value && strcmp(f->value, year) == 0)
            year[0] = '\0';   /* pledge_year 2022, not 2022 (2022) */
        if (f->extra && year[0])
            td_buf_printf(&v, " (%s, %s)", f->extra, year);
        else if (f->extra)
            td_buf_printf(&v, " (%s)", f->extra);
        else if (year[0])
            td_buf_printf(&v, " (%s)", year);
        printf("  %-14s ", f->fact);
        cli_print_padded(stdout, v.ptr, 40);
        printf("  rule %s\n", f->rule ? f->rule : "?");
        td_buf_free(&v);
        cli_print_marked(stdout, "      ", f->sentence, f->start - f->sent_start,
                         f->end - f->sent_start, bold);
    }
}

int cmd_show(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    cli_args_init(&a, argc, argv, 0);
    int c = cli_args_next(&a, NULL, ctx);
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    if (!a.npos)
        return cli_usage_error(ctx, "no document given (an id or a path)");
    td_err e;
    td_err_clear(&e);
    index_db *db = NULL;
    if (cli_open_db(ctx, &db) != CLI_OK)
        return CLI_FATAL;
    int bold = !ctx->json && isatty(1) && !getenv("NO_COLOR");
    int status = CLI_OK;
    /* copies need the derived tables; without them show still works */
    int canon = canon_ensure(db, ctx->rules_dir, &e) == TD_OK;
    if (!canon)
        cli_warn("copies of articles not shown: %s", e.msg);
    for (int i = 0; i < a.npos; i++) {
        index_docinfo *di = NULL;
        int rc = index_show(db, a.pos[i], &di, &e);
        if (rc == TD_EUSAGE) {
            cli_error("%s", e.msg);
            status = status == CLI_OK ? CLI_PARTIAL : status;
            continue;
        } else if (rc != TD_OK) {
            cli_error("%s", e.msg);
            status = CLI_FATAL;
            break;
        }
        canon_doc_copy *cp = NULL;
        size_t ncp = 0;
        if (canon && canon_doc_copies(db, di->id, &cp, &ncp, &e) != TD_OK) {
            cli_warn("copies of '%s' not shown: %s", a.pos[i], e.msg);
            ncp = 0;
        }
        if (ctx->json) {
            td_buf j = TD_BUF_INIT;
            cli_json_doc(&j, di, cp, ncp);
            td_buf_putc(&j, '\n');
            fwrite(j.ptr, 1, j.len, stdout);
            td_buf_free(&j);
        } else {
            if (i > 0)
                putchar('\n');
            print_doc(di, bold);
            print_copies(cp, ncp);
        }
        canon_doc_copies_free(cp, ncp);
        index_docinfo_free(di);
    }
    index_close(db);
    return status;
}
