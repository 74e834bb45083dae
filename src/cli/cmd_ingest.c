/* cmd_ingest.c - `thidua ingest`: extract files and store them.
 *
 * Each file goes through the pipeline and into the database in its own
 * transaction: a bad file gets one line on stderr and the batch goes on;
 * an unchanged file (same file and content hash) is skipped unread, a
 * moved one (same content, old path gone) only takes its new path.  A
 * full disk stops the batch at once (one line), keeping what was stored.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/pipeline.h"
#include "canon/canon.h"
#include "index/index.h"

const char cmd_ingest_usage[] =
    "usage: thidua ingest [--db PATH] [--quiet] [--json] [--follow-symlinks]\n"
    "                     [--prune] [--sources FILE | --source-url URL] PATH...\n"
    "\n"
    "Extract every file named (directories are walked recursively, hidden\n"
    "entries skipped, each file taken once) and store its text, facts and\n"
    "evidence in the database.\n"
    "A file already stored with the same content (and extracted by the same\n"
    "program and rules) is skipped; a changed file, or one whose rules have\n"
    "changed since, replaces its old rows.  A file that cannot be read gets one line on\n"
    "stderr and the others are still stored.\n"
    "A document is its file, whatever path names it (corpus/x, ./corpus/x and\n"
    "/abs/corpus/x are one).  A file with the content of a document whose\n"
    "file is gone was moved: the document takes the new path and keeps its\n"
    "id and facts.\n"
    "\n"
    "options:\n"
    "  --db PATH     database (default: $THIDUA_DB or ./thidua.db)\n"
    "  --rules DIR   rule directory\n"
    "  --force       re-extract every file, even unchanged ones\n"
    "  --prune       drop the documents under the PATHs named whose files are\n"
    "                gone (the summary says how many)\n"
    "  --follow-symlinks  follow symbolic links that lead out of a directory\n"
    "                named (by default they are skipped, one warning each)\n"
    "  --sources FILE  lines 'path<TAB>url': where each file came from; the\n"
    "                site gives a province when the text names none\n"
    "  --source-url URL  one address for every file named\n"
    "  --json        print one JSON line per file: {\"file\",\"status\",\"error\"}\n"
    "                (status added, replaced, unchanged, moved or failed)\n"
    "  -q, --quiet   no progress and no summary\n"
    "  -h, --help    this text\n"
    "\n"
    "Prints a summary on stderr: files added, replaced, unchanged, (moved,)\n"
    "failed (, documents pruned).\n"
    "A full disk (or quota, or file size limit) stops the batch with one line;\n"
    "the files stored before it stay.\n"
    "Exit status: 0 all stored; 1 some files rejected; 2 usage error;\n"
    "3 the database or the rules could not be opened, or the disk was full.\n";

static void json_line(const char *file, const char *status, const char *err)
{
    td_buf b = TD_BUF_INIT;
    td_buf_puts(&b, "{\"file\":");
    td_json_str(&b, file);
    td_buf_puts(&b, ",\"status\":");
    td_json_str(&b, status);
    td_buf_puts(&b, ",\"error\":");
    td_json_str(&b, err);
    td_buf_puts(&b, "}\n");
    fwrite(b.ptr, 1, b.len, stdout);
    td_buf_free(&b);
}

int cmd_ingest(int argc, char **argv, cli_ctx *ctx)
{
    static const cli_opt opts[] = {
        {"force", 'f', 0, 'f'},
        {"sources", 0, 1, 's'},
        {"source-url", 0, 1, 'u'},
        {"follow-symlinks", 0, 0, 'L'},
        {"prune", 0, 0, 'P'},
        {NULL, 0, 0, 0},
    };
    int c, force = 0, follow = 0, prune = 0;
    const char *sources_file = NULL, *source_url = NULL;
    cli_args a;
    cli_args_init(&a, argc, argv, CLI_ARGS_IN_ORDER);
    while ((c = cli_args_next(&a, opts, ctx)) > 0) {
        if (c == 'f')
            force = 1;
        else if (c == 's')
            sources_file = a.value;
        else if (c == 'u')
            source_url = a.value;
        else if (c == 'L')
            follow = 1;
        else if (c == 'P')
            prune = 1;
    }
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    if (!a.npos)
        return cli_usage_error(ctx, "no files or directories to ingest");
    if (sources_file && source_url)
        return cli_usage_error(ctx, "--sources and --source-url do not go together");

    td_err e;
    td_err_clear(&e);
    pipeline_sources *sources = NULL;
    if (sources_file && pipeline_sources_load(sources_file, &sources, &e) != TD_OK) {
        cli_file_error(sources_file, &e);
        return CLI_FATAL;
    }
    rules_set *rs = NULL;
    if (rules_load(ctx->rules_dir, &rs, &e) != TD_OK) {
        cli_error("cannot load rules from '%s': %s", ctx->rules_dir, e.msg);
        pipeline_sources_free(sources);
        return CLI_FATAL;
    }
    index_db *db = NULL;
    if (index_open(ctx->db_path, 1, &db, &e) != TD_OK) {
        cli_error("cannot open database '%s': %s", ctx->db_path, e.msg);
        rules_free(rs);
        pipeline_sources_free(sources);
        return CLI_FATAL;
    }
    char fp[17];
    pipeline_fingerprint(ctx->rules_dir, fp);
    index_set_extractor(db, fp);
    index_set_force(db, force);
    /* rows stored before documents were keyed by their file (schema 4):
     * resolved from here, the same file stored under several paths once */
    size_t merged = 0;
    if (index_resolve_paths(db, &merged, &e) != TD_OK)
        cli_warn("cannot resolve the paths stored by an older thidua: %s", e.msg);
    else if (merged)
        cli_warn("%zu document%s stored again under another path of the same file "
                 "dropped (each file is one document now)", merged, merged == 1 ? "" : "s");
    char **files;
    size_t nfiles;
    int failed;
    pipeline_list(a.pos, a.npos, follow, &files, &nfiles, &failed);
    int progress = !ctx->quiet && !ctx->json && isatty(2);
    size_t added = 0, replaced = 0, unchanged = 0, moved = 0, pruned = 0, done = nfiles;
    int full = 0;
    for (size_t i = 0; i < nfiles; i++) {
        if (progress)
            fprintf(stderr, "\r[%zu/%zu] %s\033[K", i + 1, nfiles, cli_name(files[i]));
        char *data = NULL;
        size_t len;
        td_doc *d = NULL;
        int status = 0;
        td_err_clear(&e);
        int rc = td_read_file(files[i], 50u << 20, &data, &len, &e);
        if (rc == TD_OK) {
            char hash[17];
            td_hash_hex(data, len, hash);
            const char *url = source_url ? source_url : pipeline_sources_get(sources, files[i]);
            int was_moved = 0;
            if (index_is_current(db, files[i], hash, url)) {
                status = INDEX_UNCHANGED;
            } else if ((rc = index_move(db, files[i], hash, url, &was_moved, &e)) != TD_OK ||
                       was_moved) {
                status = INDEX_MOVED;
            } else {
                rc = pipeline_run(files[i], data, len, url, rs, &d, &e);
                if (rc == TD_OK)
                    rc = index_store(db, d, &status, &e);
                /* stored with what the other rules found, but not a success */
                if (rc == TD_OK && pipeline_rule_error(d))
                    failed++;
            }
        }
        free(data);
        td_doc_free(d);
        if (progress)
            fputs("\r\033[K", stderr);
        if (rc == TD_EFULL) {
            /* every later document would fail the same way: say it once */
            if (ctx->json)
                json_line(files[i], "failed", e.msg);
            cli_error("cannot write to database '%s': %s; ingest stopped at '%s', "
                      "%zu file%s not stored", ctx->db_path, e.msg, files[i],
                      nfiles - i, nfiles - i == 1 ? "" : "s");
            done = i;
            full = 1;
            break;
        }
        if (rc != TD_OK) {
            cli_file_error(files[i], &e);
            failed++;
            if (ctx->json)
                json_line(files[i], "failed", e.msg);
            continue;
        }
        const char *st = status == INDEX_ADDED ? "added"
                         : status == INDEX_REPLACED ? "replaced"
                         : status == INDEX_MOVED ? "moved" : "unchanged";
        added += status == INDEX_ADDED;
        replaced += status == INDEX_REPLACED;
        unchanged += status == INDEX_UNCHANGED;
        moved += status == INDEX_MOVED;
        if (ctx->json)
            json_line(files[i], st, NULL);
    }
    /* only after the moves: a moved file's document is not gone */
    if (!full && prune) {
        td_err_clear(&e);
        int prc = index_prune(db, a.pos, (size_t)a.npos, &pruned, &e);
        if (prc == TD_EFULL)
            full = 1;
        if (prc != TD_OK) {
            cli_error("cannot prune database '%s': %s", ctx->db_path, e.msg);
            failed++;
        }
    }
    /* the canonical cross-document tables (src/canon/) follow the documents;
     * on failure, compare/leaders/blocs rebuild them when they next run
     * (a full disk would only fail again: they do it then) */
    if (!full && added + replaced + moved + pruned + merged > 0 &&
        canon_rebuild(db, ctx->rules_dir, &e) != TD_OK)
        cli_warn("cannot rebuild the canonical tables: %s", e.msg);
    if (!ctx->quiet) {
        /* "moved" only when some were, "pruned" only with --prune: the line
         * stays as it was for everything else */
        char more[64] = "", tail[64] = "";
        if (moved)
            snprintf(more, sizeof more, "%zu moved, ", moved);
        if (prune)
            snprintf(tail, sizeof tail, ", %zu pruned", pruned);
        if (full)
            fprintf(stderr, "ingested %zu of %zu files into '%s': %zu added, %zu replaced, "
                            "%zu unchanged, %s%d failed%s; stopped, the database is full\n",
                    done, nfiles, ctx->db_path, added, replaced, unchanged, more, failed,
                    tail);
        else
            fprintf(stderr, "ingested %zu file%s into '%s': %zu added, %zu replaced, "
                            "%zu unchanged, %s%d failed%s\n",
                    nfiles, nfiles == 1 ? "" : "s", cli_name(ctx->db_path), added,
                    replaced, unchanged, more, failed, tail);
    }
    pipeline_free_list(files, nfiles);
    pipeline_sources_free(sources);
    index_close(db);
    rules_free(rs);
    if (full)
        return CLI_FATAL;
    return failed ? CLI_PARTIAL : CLI_OK;
}
