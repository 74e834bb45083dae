/* cmd_extract.c - `thidua extract`: print the text or the facts of files.
 *
 * Nothing is stored.  --text shows what the readers saw (title first, one
 * block per paragraph), --json one object of facts per file and line, the
 * default a readable summary.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/pipeline.h"

const char cmd_extract_usage[] =
    "usage: thidua extract [--text | --json] [--source-url URL] [--follow-symlinks] PATH...\n"
    "\n"
    "Read DOCX, HTML or text files (directories are walked as by ingest) and\n"
    "print, without storing anything:\n"
    "  (default)  a readable summary of the facts found, with evidence\n"
    "  --text     the extracted text, one block per paragraph, blocks separated by\n"
    "             a blank line (HTML and DOCX: the title first)\n"
    "  --json     one JSON object of facts per file, one per line\n"
    "\n"
    "options:\n"
    "  --source-url URL  where the files came from: its site gives province_site\n"
    "                (a saved page's own canonical link or og:url is used without it)\n"
    "  --follow-symlinks  follow symbolic links that lead out of a directory\n"
    "                named (by default they are skipped, one warning each)\n"
    "  --rules DIR   rule directory (default: $THIDUA_RULES or the built-in rules/)\n"
    "  -h, --help    this text\n"
    "\n"
    "Exit status: 0 all files read; 1 some files rejected (one line each on\n"
    "stderr); 2 usage error; 3 the rules could not be loaded.\n";

int cmd_extract(int argc, char **argv, cli_ctx *ctx)
{
    static const cli_opt opts[] = {
        {"text", 't', 0, 't'},
        {"source-url", 0, 1, 'u'},
        {"follow-symlinks", 0, 0, 'L'},
        {NULL, 0, 0, 0},
    };
    int text = 0, follow = 0, c;
    const char *source_url = NULL;
    cli_args a;
    cli_args_init(&a, argc, argv, CLI_ARGS_IN_ORDER);
    while ((c = cli_args_next(&a, opts, ctx)) > 0) {
        if (c == 't')
            text = 1;
        else if (c == 'u')
            source_url = a.value;
        else if (c == 'L')
            follow = 1;
    }
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    if (text && ctx->json)
        return cli_usage_error(ctx, "--text and --json do not go together");
    if (!a.npos)
        return cli_usage_error(ctx, "no input files");

    rules_set *rs = NULL;
    td_err e;
    td_err_clear(&e);
    if (!text && rules_load(ctx->rules_dir, &rs, &e) != TD_OK) {
        cli_error("cannot load rules from '%s': %s", ctx->rules_dir, e.msg);
        return CLI_FATAL;
    }
    char **files;
    size_t nfiles;
    int failed;
    pipeline_list(a.pos, a.npos, follow, &files, &nfiles, &failed);
    td_buf out = TD_BUF_INIT;
    for (size_t i = 0; i < nfiles; i++) {
        char *data;
        size_t len;
        td_doc *d = NULL;
        td_err_clear(&e);
        int rc = td_read_file(files[i], 50u << 20, &data, &len, &e);
        if (rc == TD_OK) {
            size_t bad = 0;
            rc = pipeline_run(files[i], data, len, source_url, rs, &d, &bad, &e);
            pipeline_warn_bad_bytes(files[i], bad);
            free(data);
        }
        if (rc != TD_OK) {
            cli_file_error(files[i], &e);
            failed++;
            continue;
        }
        failed += pipeline_rule_error(d);
        if (text) {
            if (nfiles > 1)
                printf("%s==> %s <==\n", i ? "\n" : "", cli_name(files[i]));
            fwrite(d->text, 1, d->text_len, stdout);
            fputc('\n', stdout);
        } else if (ctx->json) {
            td_buf_clear(&out);
            rules_facts_json(d, &out);
            td_buf_putc(&out, '\n');
            fwrite(out.ptr, 1, out.len, stdout);
        } else {
            if (i)
                fputc('\n', stdout);
            rules_facts_print(d, stdout);
        }
        td_doc_free(d);
    }
    td_buf_free(&out);
    pipeline_free_list(files, nfiles);
    rules_free(rs);
    return failed ? CLI_PARTIAL : CLI_OK;
}
