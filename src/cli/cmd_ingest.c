/* cmd_ingest.c - `thidua ingest`: extract files and store them.
 *
 * Files are read, extracted, normalized and matched against the rules on
 * --jobs threads (cli_workq.c); this thread alone writes the database, and
 * takes the files in the order they were listed, whatever the order they
 * are ready in: ids, moves and every line printed are those of one thread.
 * An unchanged file is skipped unread when its size and modification time
 * are those stored, and unextracted when its content hash is.  Documents
 * are written in batches (one transaction of about a second, each document
 * in a savepoint: whole or not at all), and reported once their batch is
 * committed.  A bad file gets one line on stderr (and a row in the errors
 * table) and the batch goes on; a full disk stops the ingest at the first
 * document that does not fit (one line), keeping what was stored before.
 *
 * Why one file of ~620 lines: the workers' hand-over, the batch commits
 * and the progress line share one ingest state (jobs in order, the open
 * batch, counts); the pool itself is cli_workq.c.
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/pipeline.h"
#include "canon/canon.h"
#include "cli/cli_workq.h"
#include "index/index.h"

const char cmd_ingest_usage[] =
    "usage: thidua ingest [--db PATH] [--quiet] [--json] [--follow-symlinks]\n"
    "                     [--jobs N] [--prune] [--sources FILE | --source-url URL]\n"
    "                     PATH...|-\n"
    "\n"
    "Extract every file named (directories are walked recursively, hidden\n"
    "entries skipped, each file taken once; '-' reads a list of paths from\n"
    "standard input, one a line or NUL-separated) and store its text, facts\n"
    "and evidence in the database.\n"
    "A file already stored with the same content (and extracted by the same\n"
    "program and rules) is skipped: unread when its size and modification time\n"
    "are those stored; a changed file, or one whose rules have\n"
    "changed since, replaces its old rows.  A file that cannot be read gets one line on\n"
    "stderr (and is listed by 'thidua errors') and the others are still stored.\n"
    "A document is its file, whatever path names it (corpus/x, ./corpus/x and\n"
    "/abs/corpus/x are one).  A file with the content of a document whose\n"
    "file is gone was moved: the document takes the new path and keeps its\n"
    "id and facts.\n"
    "\n"
    "options:\n"
    "  --db PATH     database (default: $THIDUA_DB or ./thidua.db)\n"
    "  --rules DIR   rule directory\n"
    "  --jobs N      extract on N threads (default: the number of cores); the\n"
    "                database and the output are the same whatever N\n"
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
    "On a terminal, a progress line on stderr (files done/total, files/s,\n"
    "ETA, failures so far) is redrawn in place.  Prints a summary on stderr:\n"
    "files added, replaced, unchanged, (moved,) failed (, documents pruned).\n"
    "A full disk (or quota, or file size limit) stops the batch with one line;\n"
    "the files stored before it stay.\n"
    "Exit status: 0 all stored; 1 some files rejected; 2 usage error;\n"
    "3 the database or the rules could not be opened, or the disk was full.\n";

/* A batch is committed after this many documents written, or this long. */
#define BATCH_DOCS 200
#define BATCH_MS 1000
/* ... or when the documents it keeps (to write again, one by one, should
 * the commit fail) hold this much text. */
#define BATCH_BYTES (32u << 20)
/* Items read ahead of the one being stored, per thread. */
#define AHEAD_PER_THREAD 8
/* A modification time this close to the moment the file was read is not
 * recorded: the file may change again within the clock's tick, keeping
 * its time and size (git's "racy clean" files).  It is read next time. */
#define RACY_NS 1000000000LL

enum { ST_NONE, ST_FAILED = 100 };

/* One file of the ingest.  Fields marked [main] are written by the main
 * thread only, [worker] by the worker that runs it (before it is done). */
typedef struct job {
    const char *path;
    const char *url;           /* caller-given source address, or NULL [main] */
    index_file row;            /* what is stored for it [main] */
    int skip;                  /* size and time match: unchanged, not read [main] */
    int rc;                    /* reading or extraction [worker] */
    td_err e;
    int same;                  /* content hash is the stored one [worker] */
    long long mtime;           /* to record, 0 for none [worker] */
    char hash[17];             /* [worker] */
    td_doc *doc;               /* extracted, NULL otherwise [worker] */
    size_t bad_bytes;          /* replaced by U+FFFD [worker] */
    int status;                /* INDEX_*, or ST_FAILED (e says why) [main] */
    int rule_failed;           /* stored, but a rule failed (rule_e) [main] */
    td_err rule_e;
} job;

typedef struct ingest {
    cli_ctx *ctx;
    index_db *db;
    const rules_set *rs;
    job *jobs;
    size_t njobs;
    int force;
    /* what was reported */
    size_t added, replaced, unchanged, moved;
    int failed;
    /* the open batch: jobs [bstart, bend) applied, not yet reported */
    size_t bstart, bend;
    size_t bdocs, bbytes;
    double bt0;                /* when it was opened (s) */
    /* stopped by a full disk at jobs[stop] */
    int full;
    size_t stop;
    td_err full_e;
    /* progress */
    int progress;
    int shown;                 /* a progress line is on the screen */
    double t0, drawn;
} ingest;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long mtime_ns(const struct stat *st)
{
    return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* ---- the workers -------------------------------------------------------- */

/* Read, hash and extract one file (see cli_workq_fn: only this job is touched,
 * and the rule set, which is read). */
static void work(void *arg, size_t i)
{
    ingest *in = arg;
    job *j = &in->jobs[i];
    if (j->skip)
        return;
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    long long read_at = (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
    char *data = NULL;
    size_t len;
    struct stat st;
    td_err_clear(&j->e);
    j->rc = td_read_file_stat(j->path, 50u << 20, &data, &len, &st, &j->e);
    if (j->rc != TD_OK)
        return;
    td_hash_hex(data, len, j->hash);
    long long m = mtime_ns(&st);
    j->mtime = S_ISREG(st.st_mode) && m > 0 && m < read_at - RACY_NS ? m : 0;
    if (j->row.id && j->row.current && strcmp(j->hash, j->row.hash) == 0) {
        j->same = 1;
    } else {
        j->rc = pipeline_run(j->path, data, len, j->url, in->rs, &j->doc, &j->bad_bytes,
                             &j->e);
        if (j->rc == TD_OK)
            j->doc->mtime = j->mtime;
    }
    free(data);
}

/* Prepare job i on the main thread before a worker takes it: what is
 * stored for its file, and whether its size and time say it is unchanged.
 * Jobs before it may not be stored yet; none of them is its file (a file
 * is listed once, and a move only takes a file that is gone), except a
 * file named twice, which index_store finds unchanged the second time. */
static void prepare(ingest *in, size_t i, const char *source_url,
                    const pipeline_sources *sources)
{
    job *j = &in->jobs[i];
    td_err e;
    td_err_clear(&e);
    j->url = source_url ? source_url : pipeline_sources_get(sources, j->path);
    if (index_file_get(in->db, j->path, j->url, &j->row, &e) != TD_OK)
        memset(&j->row, 0, sizeof j->row);
    struct stat st;
    if (j->row.id && j->row.current && j->row.mtime && stat(j->path, &st) == 0 &&
        S_ISREG(st.st_mode) && (long long)st.st_size == j->row.size &&
        mtime_ns(&st) == j->row.mtime)
        j->skip = 1;
}

/* ---- the progress line -------------------------------------------------- */

static void progress_clear(ingest *in)
{
    if (in->shown) {
        fputs("\r\033[K", stderr);
        in->shown = 0;
    }
}

static void progress_draw(ingest *in, size_t done, int force)
{
    if (!in->progress)
        return;
    double t = now_s();
    if (!force && in->shown && t - in->drawn < 0.1)
        return;
    in->drawn = t;
    double el = t - in->t0, rate = el > 0 ? (double)done / el : 0;
    char eta[32] = "?";
    if (rate > 0 && done > 0) {
        long s = (long)((double)(in->njobs - done) / rate + 0.5);
        if (s >= 3600)
            snprintf(eta, sizeof eta, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
        else
            snprintf(eta, sizeof eta, "%ld:%02ld", s / 60, s % 60);
    }
    fprintf(stderr, "\r%zu/%zu files, %.1f files/s, ETA %s, %d failed\033[K", done,
            in->njobs, rate, eta, in->failed);
    fflush(stderr);
    in->shown = 1;
}

/* ---- storing ------------------------------------------------------------ */

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

/* Write job j to the database (in the open batch, or in transactions of
 * its own when none is open), setting its status.  Returns TD_OK, or the
 * code of a write that failed for want of room (TD_EFULL) or that lost
 * the batch: the caller stops or starts over.  Other failures make the
 * file failed.  May run again on the same job after a rollback. */
static int apply(ingest *in, job *j)
{
    index_db *db = in->db;
    td_err e;
    td_err_clear(&e);
    j->status = ST_NONE;
    j->rule_failed = 0;
    int rc = TD_OK;
    if (j->rc != TD_OK) {
        j->status = ST_FAILED;
        rc = index_error_note(db, j->path, j->e.msg, &e);
    } else if (j->skip || j->same) {
        j->status = INDEX_UNCHANGED;
        /* a time first seen, or changed without a change of content */
        if (!j->skip && j->mtime != j->row.mtime)
            rc = index_touch(db, j->row.id, j->mtime, &e);
        if (rc == TD_OK)
            rc = index_error_clear(db, j->path, &e);
    } else {
        int was_moved = 0;
        rc = index_move(db, j->path, j->hash, j->url, &was_moved, &e);
        if (rc == TD_OK && was_moved)
            j->status = INDEX_MOVED;
        else if (rc == TD_OK)
            rc = index_store(db, j->doc, &j->status, &e);
        if (rc == TD_OK && pipeline_rule_error_get(j->doc, &j->rule_e)) {
            /* stored with what the other rules found, but not a success */
            j->rule_failed = 1;
            rc = index_error_note(db, j->path, j->rule_e.msg, &e);
        } else if (rc == TD_OK) {
            rc = index_error_clear(db, j->path, &e);
        }
        if (rc != TD_OK && rc != TD_EFULL && !index_batch_lost(db)) {
            j->status = ST_FAILED;
            j->e = e;
            j->rc = rc;
            td_err ee;
            td_err_clear(&ee);
            index_error_note(db, j->path, e.msg, &ee);
            rc = TD_OK;
        }
    }
    if (rc == TD_EFULL || index_batch_lost(db)) {
        in->full_e = e;
        return rc == TD_OK ? TD_EDB : rc;
    }
    return TD_OK;    /* failing to record a failure loses only that record */
}

/* Print what became of job j (its batch is committed), count it, and free
 * what it held. */
static void report(ingest *in, job *j)
{
    progress_clear(in);
    pipeline_warn_bad_bytes(j->path, j->bad_bytes);
    if (j->status == ST_FAILED) {
        cli_file_error(j->path, &j->e);
        in->failed++;
        if (in->ctx->json)
            json_line(j->path, "failed", j->e.msg);
    } else {
        if (j->rule_failed) {
            cli_file_error(j->path, &j->rule_e);
            in->failed++;
        }
        in->added += j->status == INDEX_ADDED;
        in->replaced += j->status == INDEX_REPLACED;
        in->unchanged += j->status == INDEX_UNCHANGED;
        in->moved += j->status == INDEX_MOVED;
        if (in->ctx->json)
            json_line(j->path, j->status == INDEX_ADDED ? "added"
                               : j->status == INDEX_REPLACED ? "replaced"
                               : j->status == INDEX_MOVED ? "moved" : "unchanged",
                      NULL);
    }
    td_doc_free(j->doc);
    j->doc = NULL;
}

/* The batch could not be committed (or was lost): nothing of it is stored.
 * Store its jobs again one transaction each, as an ingest without batches
 * would, up to the first that does not fit. */
static void redo(ingest *in, size_t upto)
{
    index_batch_rollback(in->db);
    for (size_t k = in->bstart; k < upto; k++) {
        if (apply(in, &in->jobs[k]) != TD_OK) {
            in->full = 1;
            in->stop = k;
            return;
        }
        report(in, &in->jobs[k]);
    }
}

/* Commit the open batch and report its jobs. */
static void commit(ingest *in)
{
    td_err e;
    td_err_clear(&e);
    if (index_batch_commit(in->db, &e) == TD_OK) {
        for (size_t k = in->bstart; k < in->bend; k++)
            report(in, &in->jobs[k]);
    } else {
        in->full_e = e;
        redo(in, in->bend);
    }
    in->bstart = in->bend;
    in->bdocs = in->bbytes = 0;
}

/* Store job i, the next in order. */
static void take(ingest *in, size_t i)
{
    job *j = &in->jobs[i];
    if (in->bstart == in->bend) {
        td_err e;
        td_err_clear(&e);
        /* a batch that cannot start leaves each write its own transaction */
        if (index_batch_begin(in->db, &e) == TD_OK)
            in->bt0 = now_s();
    }
    in->bend = i + 1;
    if (apply(in, j) != TD_OK) {
        redo(in, i + 1);
        in->bstart = in->bend;
        in->bdocs = in->bbytes = 0;
        return;
    }
    if (j->doc) {
        in->bdocs++;
        in->bbytes += j->doc->text_len;
    }
    if (in->bdocs >= BATCH_DOCS || in->bbytes >= BATCH_BYTES ||
        now_s() - in->bt0 >= BATCH_MS / 1000.0)
        commit(in);
}

/* ---- the command -------------------------------------------------------- */

static size_t default_jobs(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (size_t)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

/* The paths named, with '-' replaced by the list read from standard input.
 * *out is malloc'd (strings too); free with pipeline_free_list. */
static int expand_args(char **argv, int argc, char ***out, size_t *n, td_err *e)
{
    char **v = NULL;
    size_t nv = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-") != 0) {
            v = td_xrealloc(v, (nv + 1) * sizeof *v);
            v[nv++] = td_xstrdup(argv[i]);
            continue;
        }
        char **l;
        size_t nl;
        if (pipeline_read_list(stdin, &l, &nl, e) != TD_OK) {
            pipeline_free_list(v, nv);
            return e->code;
        }
        v = td_xrealloc(v, (nv + nl + 1) * sizeof *v);
        memcpy(v + nv, l, nl * sizeof *l);
        nv += nl;
        free(l);
    }
    *out = v;
    *n = nv;
    return TD_OK;
}

int cmd_ingest(int argc, char **argv, cli_ctx *ctx)
{
    static const cli_opt opts[] = {
        {"force", 'f', 0, 'f'},
        {"sources", 0, 1, 's'},
        {"source-url", 0, 1, 'u'},
        {"follow-symlinks", 0, 0, 'L'},
        {"prune", 0, 0, 'P'},
        {"jobs", 0, 1, 'J'},
        {NULL, 0, 0, 0},
    };
    int c, force = 0, follow = 0, prune = 0;
    size_t njobs = default_jobs();
    const char *sources_file = NULL, *source_url = NULL;
    cli_args a;
    cli_args_init(&a, argc, argv, CLI_ARGS_IN_ORDER);
    while ((c = cli_args_next(&a, opts, ctx)) > 0) {
        if (c == 'f') {
            force = 1;
        } else if (c == 's') {
            sources_file = a.value;
        } else if (c == 'u') {
            source_url = a.value;
        } else if (c == 'L') {
            follow = 1;
        } else if (c == 'P') {
            prune = 1;
        } else if (c == 'J') {
            char *end;
            errno = 0;
            long n = strtol(a.value, &end, 10);
            if (errno || end == a.value || *end || n < 1 || n > 256)
                return cli_usage_error(ctx, "--jobs wants a number from 1 to 256, not '%s'",
                                       a.value);
            njobs = (size_t)n;
        }
    }
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    if (!a.npos)
        return cli_usage_error(ctx, "no files or directories to ingest");
    if (sources_file && source_url)
        return cli_usage_error(ctx, "--sources and --source-url do not go together");
    int dashes = 0;
    for (int i = 0; i < a.npos; i++)
        dashes += strcmp(a.pos[i], "-") == 0;
    if (dashes > 1)
        return cli_usage_error(ctx, "'-' (the list of files on standard input) named twice");

    td_err e;
    td_err_clear(&e);
    char **roots = NULL;
    size_t nroots = 0;
    if (expand_args(a.pos, a.npos, &roots, &nroots, &e) != TD_OK) {
        cli_error("%s", e.msg);
        return CLI_FATAL;
    }
    pipeline_sources *sources = NULL;
    if (sources_file && pipeline_sources_load(sources_file, &sources, &e) != TD_OK) {
        cli_file_error(sources_file, &e);
        pipeline_free_list(roots, nroots);
        return CLI_FATAL;
    }
    rules_set *rs = NULL;
    if (rules_load(ctx->rules_dir, &rs, &e) != TD_OK) {
        cli_error("cannot load rules from '%s': %s", ctx->rules_dir, e.msg);
        pipeline_sources_free(sources);
        pipeline_free_list(roots, nroots);
        return CLI_FATAL;
    }
    index_db *db = NULL;
    if (index_open(ctx->db_path, 1, &db, &e) != TD_OK) {
        cli_error("cannot open database '%s': %s", ctx->db_path, e.msg);
        rules_free(rs);
        pipeline_sources_free(sources);
        pipeline_free_list(roots, nroots);
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
    pipeline_list(roots, (int)nroots, follow, &files, &nfiles, &failed);

    ingest in = {.ctx = ctx, .db = db, .rs = rs, .njobs = nfiles, .force = force,
                 .failed = failed};
    in.jobs = td_xcalloc(nfiles ? nfiles : 1, sizeof *in.jobs);
    for (size_t i = 0; i < nfiles; i++)
        in.jobs[i].path = files[i];
    /* progress on a terminal; not when JSON lines go to the same one */
    in.progress = !ctx->quiet && isatty(2) && !(ctx->json && isatty(1));
    in.t0 = now_s();
    if (njobs > nfiles)
        njobs = nfiles ? nfiles : 1;
    /* one thread: no worker, the files are read here, in turn */
    cli_workq *q = cli_workq_new(nfiles, njobs > 1 ? njobs : 0, work, &in);
    size_t ahead = njobs * AHEAD_PER_THREAD, submitted = 0, done = nfiles;
    for (size_t i = 0; i < nfiles && !in.full; i++) {
        while (submitted < nfiles && submitted < i + ahead) {
            prepare(&in, submitted++, source_url, sources);
            cli_workq_submit(q);
        }
        /* a batch is not held open (nor the progress line left still)
         * while a slow file is extracted */
        while (!cli_workq_wait(q, i, 100)) {
            if (in.bstart < in.bend && now_s() - in.bt0 >= BATCH_MS / 1000.0)
                commit(&in);
            progress_draw(&in, i, 0);
        }
        take(&in, i);
        progress_draw(&in, i + 1, 0);
    }
    if (!in.full)
        commit(&in);
    progress_clear(&in);
    cli_workq_free(q);
    if (in.full) {
        /* every later document would fail the same way: say it once */
        done = in.stop;
        if (ctx->json)
            json_line(files[in.stop], "failed", in.full_e.msg);
        cli_error("cannot write to database '%s': %s; ingest stopped at '%s', "
                  "%zu file%s not stored", ctx->db_path, in.full_e.msg, files[in.stop],
                  nfiles - in.stop, nfiles - in.stop == 1 ? "" : "s");
    }
    for (size_t i = 0; i < nfiles; i++)
        td_doc_free(in.jobs[i].doc);
    free(in.jobs);

    size_t pruned = 0;
    int full = in.full;
    failed = in.failed;
    /* only after the moves: a moved file's document is not gone */
    if (!full && prune) {
        td_err_clear(&e);
        int prc = index_prune(db, roots, nroots, &pruned, &e);
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
    if (!full && in.added + in.replaced + in.moved + pruned + merged > 0 &&
        canon_rebuild(db, ctx->rules_dir, &e) != TD_OK)
        cli_warn("cannot rebuild the canonical tables: %s", e.msg);
    if (!ctx->quiet) {
        /* "moved" only when some were, "pruned" only with --prune: the line
         * stays as it was for everything else */
        char more[64] = "", tail[64] = "";
        if (in.moved)
            snprintf(more, sizeof more, "%zu moved, ", in.moved);
        if (prune)
            snprintf(tail, sizeof tail, ", %zu pruned", pruned);
        if (full)
            fprintf(stderr, "ingested %zu of %zu files into '%s': %zu added, %zu replaced, "
                            "%zu unchanged, %s%d failed%s; stopped, the database is full\n",
                    done, nfiles, ctx->db_path, in.added, in.replaced, in.unchanged, more,
                    failed, tail);
        else
            fprintf(stderr, "ingested %zu file%s into '%s': %zu added, %zu replaced, "
                            "%zu unchanged, %s%d failed%s\n",
                    nfiles, nfiles == 1 ? "" : "s", cli_name(ctx->db_path), in.added,
                    in.replaced, in.unchanged, more, failed, tail);
    }
    pipeline_free_list(files, nfiles);
    pipeline_free_list(roots, nroots);
    pipeline_sources_free(sources);
    index_close(db);
    rules_free(rs);
    if (full)
        return CLI_FATAL;
    return failed ? CLI_PARTIAL : CLI_OK;
}
