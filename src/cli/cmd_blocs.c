/* cmd_blocs.c - `thidua blocs`: the canonical blocs, the years they
 * reported, their members, the names merged into each (with confidence),
 * and the overrides a user sets when a merge is wrong or missing; each
 * year, count and member with the sentence it came from (--evidence, JSON).
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "cli/canon_table.h"
#include "cli/cli.h"
#include "cli/json_out.h"
#include "canon/canon.h"

const char cmd_blocs_usage[] =
    "usage: thidua blocs [--province P] [--year Y] [--bloc B]\n"
    "                    [--evidence | --json | --csv]\n"
    "       thidua blocs --merge [--force] A B | --split A [B] | --clear A | --overrides\n"
    "\n"
    "List the blocs: id, canonical name, province, the years they reported,\n"
    "their members in each year, and every name the reports used for them.\n"
    "\n"
    "The same bloc is often named differently from year to year.  Two names\n"
    "are merged into one bloc when their descriptor words (folded, MTTQ and\n"
    "other abbreviations expanded, \"tổ chức chính trị - xã hội\" = \"đoàn\n"
    "thể\" etc. from rules/blocs.aliases, \"khối\", \"thi đua\", \"các\",\n"
    "\"tỉnh\" and the province left out) are similar enough (confidence >=\n"
    "0.60), their provinces do not differ and their levels (tỉnh, huyện)\n"
    "agree.  The province is the one the text names, else the one of the\n"
    "site the report came from (ingest --sources, or the page's own\n"
    "address).  With no province, reports are tied only by something\n"
    "specific: the same site, or two or more members in common; a name\n"
    "alone never ties them, and a name that fits blocs of two provinces\n"
    "joins neither.  Each name is shown with how it joined its bloc: self\n"
    "(the name shown), its confidence (automatic merge) or override, and\n"
    "why (same province, same site, members in common).  When a\n"
    "merge is wrong or missing, set an override; it is kept in the\n"
    "database, survives re-ingest, and the blocs are rebuilt at once:\n"
    "  --merge A B   A and B are one bloc (it keeps the smaller id; no other\n"
    "                bloc's id changes); blocs of two provinces need --force\n"
    "                (a province and the one it joined on 1 July 2025 are one)\n"
    "  --split A     the name A is never merged automatically (its own bloc)\n"
    "  --split A B   A and B are never merged\n"
    "  --clear A     forget the overrides that mention A\n"
    "  --overrides   list the overrides\n"
    "A and B are bloc ids as listed, or bloc names as the reports wrote them.\n"
    "A bloc keeps its id across re-ingests, merges and splits.\n"
    "\n"
    "options:\n"
    "  --province P  only blocs of province P (any spelling); for a province\n"
    "                formed by the 1 July 2025 merger, also the blocs of its\n"
    "                former parts, marked '*' (JSON: \"merged_into\")\n"
    "  --year Y      only blocs known in year Y\n"
    "  --bloc B      only the bloc with id B, or whose name is like B\n"
    "  --evidence    under each bloc, the source of every name, year, stated\n"
    "                member count and member: document id and path, and the\n"
    "                sentence with the words that state it [marked] (bold on\n"
    "                a terminal); the reports behind a name help decide on a\n"
    "                --merge or --split\n"
    "  --json        one JSON array: [{\"id\", \"bloc\", \"province\", \"years\": [],\n"
    "                \"members\": {\"YYYY\": []}, \"member_count\": {\"YYYY\": n|null},\n"
    "                \"names\": [{\"name\", \"province\", \"confidence\", \"how\", \"why\",\n"
    "                \"docs\"}], \"evidence\": {\"years\": {\"YYYY\": [source]},\n"
    "                \"members\": {\"YYYY\": [[source]]} (parallel to \"members\"),\n"
    "                \"member_count\": {\"YYYY\": [source]}, \"names\": [[source]]\n"
    "                (parallel to \"names\")}}]; a source is {\"doc\",\n"
    "                \"path\", \"year\", \"written\", \"sentence\", \"start\", \"end\",\n"
    "                \"sentence_start\"} (offsets: bytes in the document text)\n"
    "  --csv         CSV, one row per bloc and year: id,bloc,province,year,\n"
    "                event,meeting_date,member_count,truong_khoi,pho_khoi,members\n"
    "  --db PATH     database (default: $THIDUA_DB or ./thidua.db)\n"
    "  --rules DIR   rule directory (names: *.aliases, provinces.tsv)\n"
    "  -h, --help    this text\n"
    "\n"
    "Exit status: 0 done (also when nothing matches); 2 usage error, unknown\n"
    "province or unknown bloc in an override; 3 the database could not be\n"
    "opened.\n";

enum { OPT_MERGE = 0x2001, OPT_SPLIT, OPT_CLEAR, OPT_OVERRIDES, OPT_FORCE };

static char *join(char **l, size_t n, const char *sep)
{
    td_buf b = TD_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            td_buf_puts(&b, sep);
        td_buf_puts(&b, l[i]);
    }
    if (!b.ptr)
        td_buf_append(&b, "", 0);
    return td_buf_detach(&b);
}

/* "evidence": the sources of each year, member count and member of b. */
static void json_evidence(td_buf *o, canon_sources *src, const canon_bloc *b)
{
    td_buf_puts(o, ",\"evidence\":{\"years\":{");
    int k = 0;
    for (size_t j = 0; j < b->nyears; j++) {
        const canon_year *y = &b->years[j];
        if (!y->ndocs)
            continue;
        td_buf_printf(o, "%s\"%d\":", k++ ? "," : "", y->year);
        cli_fact_sources_json(o, src, b->id, y->year, CANON_SRC_BLOC, "");
    }
    td_buf_puts(o, "},\"members\":{");
    k = 0;
    for (size_t j = 0; j < b->nyears; j++) {
        const canon_year *y = &b->years[j];
        if (!y->nmembers)
            continue;
        td_buf_printf(o, "%s\"%d\":[", k++ ? "," : "", y->year);
        for (size_t m = 0; m < y->nmembers; m++) {
            if (m)
                td_buf_putc(o, ',');
            cli_fact_sources_json(o, src, b->id, y->year, CANON_SRC_MEMBER,
                                  y->members[m]);
        }
        td_buf_putc(o, ']');
    }
    td_buf_puts(o, "},\"member_count\":{");
    k = 0;
    for (size_t j = 0; j < b->nyears; j++) {
        const canon_year *y = &b->years[j];
        if (!y->ndocs)
            continue;
        char cnt[32];
        snprintf(cnt, sizeof cnt, "%ld", y->member_count);
        td_buf_printf(o, "%s\"%d\":", k++ ? "," : "", y->year);
        if (y->member_count >= 0)
            cli_fact_sources_json(o, src, b->id, y->year, CANON_SRC_COUNT, cnt);
        else
            td_buf_puts(o, "[]");
    }
    td_buf_puts(o, "},\"names\":[");
    for (size_t v = 0; v < b->nvariants; v++) {
        if (v)
            td_buf_putc(o, ',');
        cli_fact_sources_json(o, src, b->id, 0, CANON_SRC_NAME, b->variants[v].name);
    }
    td_buf_puts(o, "]}");
}

/* Under a bloc's table: each year, stated count and member, and where the
 * reports say it. */
static void text_evidence(canon_sources *src, const canon_bloc *b, int bold)
{
    puts("  evidence:");
    for (size_t v = 0; v < b->nvariants; v++) {
        printf("  name: %s\n", b->variants[v].name);
        cli_fact_sources_print(src, b->id, 0, CANON_SRC_NAME, b->variants[v].name, "    ",
                               bold);
    }
    for (size_t j = 0; j < b->nyears; j++) {
        const canon_year *y = &b->years[j];
        if (y->ndocs) {
            printf("  reported in %d\n", y->year);
            cli_fact_sources_print(src, b->id, y->year, CANON_SRC_BLOC, "", "    ", bold);
        }
        if (y->member_count >= 0) {
            char cnt[32];
            snprintf(cnt, sizeof cnt, "%ld", y->member_count);
            printf("  member count %d: %s\n", y->year, cnt);
            cli_fact_sources_print(src, b->id, y->year, CANON_SRC_COUNT, cnt, "    ", bold);
        }
        for (size_t m = 0; m < y->nmembers; m++) {
            printf("  member %d: %s\n", y->year, y->members[m]);
            cli_fact_sources_print(src, b->id, y->year, CANON_SRC_MEMBER, y->members[m],
                                   "    ", bold);
        }
    }
}

void cli_json_blocs(td_buf *o, canon_sources *src, const canon_bloc *b, size_t n)
{
    td_buf_putc(o, '[');
    for (size_t i = 0; i < n; i++) {
        td_buf_printf(o, "%s{\"id\":%ld,\"bloc\":", i ? "," : "", b[i].id);
        td_json_str(o, b[i].name);
        td_buf_puts(o, ",\"province\":");
        td_json_str(o, b[i].province);
        if (b[i].part_of) {
            td_buf_puts(o, ",\"merged_into\":");
            td_json_str(o, b[i].part_of);
        }
        td_buf_puts(o, ",\"years\":[");
        int k = 0;
        for (size_t j = 0; j < b[i].nyears; j++)
            if (b[i].years[j].ndocs)
                td_buf_printf(o, "%s%d", k++ ? "," : "", b[i].years[j].year);
        td_buf_puts(o, "],\"members\":{");
        k = 0;
        for (size_t j = 0; j < b[i].nyears; j++) {
            const canon_year *y = &b[i].years[j];
            if (!y->nmembers)
                continue;
            td_buf_printf(o, "%s\"%d\":[", k++ ? "," : "", y->year);
            for (size_t m = 0; m < y->nmembers; m++) {
                if (m)
                    td_buf_putc(o, ',');
                td_json_str(o, y->members[m]);
            }
            td_buf_putc(o, ']');
        }
        td_buf_puts(o, "},\"member_count\":{");
        k = 0;
        for (size_t j = 0; j < b[i].nyears; j++) {
            const canon_year *y = &b[i].years[j];
            if (!y->ndocs)
                continue;
            td_buf_printf(o, "%s\"%d\":", k++ ? "," : "", y->year);
            if (y->member_count >= 0)
                td_buf_printf(o, "%ld", y->member_count);
            else
                td_buf_puts(o, "null");
        }
        td_buf_puts(o, "},\"names\":[");
        for (size_t v = 0; v < b[i].nvariants; v++) {
            const canon_variant *x = &b[i].variants[v];
            td_buf_puts(o, v ? ",{\"name\":" : "{\"name\":");
            td_json_str(o, x->name);
            td_buf_puts(o, ",\"province\":");
            td_json_str(o, x->province);
            td_buf_printf(o, ",\"confidence\":%.2f,\"how\":", x->confidence);
            td_json_str(o, x->how);
            td_buf_printf(o, ",\"docs\":%d,\"why\":", x->docs);
            td_json_str(o, x->why);
            td_buf_putc(o, '}');
        }
        td_buf_putc(o, ']');
        json_evidence(o, src, &b[i]);
        td_buf_putc(o, '}');
    }
    td_buf_putc(o, ']');
}

static void print_csv(const canon_bloc *b, size_t n)
{
    static const char *const head[] = {"id", "bloc", "province", "year", "event",
                                       "meeting_date", "member_count", "truong_khoi",
                                       "pho_khoi", "members"};
    cli_table t;
    cli_table_init(&t, 10, head);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < b[i].nyears; j++) {
            const canon_year *y = &b[i].years[j];
            char id[24], yr[16], cnt[24];
            snprintf(id, sizeof id, "%ld", b[i].id);
            snprintf(yr, sizeof yr, "%d", y->year);
            if (y->member_count >= 0)
                snprintf(cnt, sizeof cnt, "%ld", y->member_count);
            else
                cnt[0] = '\0';
            char *m = join(y->members, y->nmembers, "; ");
            const char *row[] = {id, b[i].name, b[i].province, yr, y->event,
                                 y->meeting_date, cnt, y->leader, y->deputy, m};
            cli_table_add(&t, row);
            free(m);
        }
    cli_table_print(&t, stdout, 1, NULL);
    cli_table_free(&t);
}

static void print_text(canon_sources *src, const canon_bloc *b, size_t n, int bold)
{
    const char *part_of = NULL;
    for (size_t i = 0; i < n; i++) {
        printf("%s#%ld %s\n", i ? "\n" : "", b[i].id, b[i].name);
        /* label, then three columns; the header row is not printed */
        cli_table t;
        static const char *const none[] = {"", "", "", ""};
        cli_table_init(&t, 4, none);
        char prov[300];
        snprintf(prov, sizeof prov, "%s%s", b[i].province ? b[i].province : "-",
                 b[i].part_of ? "*" : "");
        if (b[i].part_of)
            part_of = b[i].part_of;
        const char *r0[] = {"province", "", "", prov};
        cli_table_add(&t, r0);
        td_buf yrs = TD_BUF_INIT;
        for (size_t j = 0; j < b[i].nyears; j++)
            if (b[i].years[j].ndocs)
                td_buf_printf(&yrs, "%s%d", yrs.len ? ", " : "", b[i].years[j].year);
        const char *r1[] = {"years", "", "", yrs.ptr ? yrs.ptr : "-"};
        cli_table_add(&t, r1);
        td_buf_free(&yrs);
        for (size_t v = 0; v < b[i].nvariants; v++) {
            const canon_variant *x = &b[i].variants[v];
            char how[32], docs[32];
            if (strcmp(x->how, "auto") == 0)
                snprintf(how, sizeof how, "%.2f", x->confidence);
            else
                snprintf(how, sizeof how, "%s", x->how);
            snprintf(docs, sizeof docs, "%d doc%s", x->docs, x->docs == 1 ? "" : "s");
            td_buf nm = TD_BUF_INIT;
            td_buf_puts(&nm, x->name);
            if (x->why)
                td_buf_printf(&nm, "  (%s)", x->why);
            const char *r[] = {v ? "" : "names", how, docs, nm.ptr};
            cli_table_add(&t, r);
            td_buf_free(&nm);
        }
        int first = 1;
        for (size_t j = 0; j < b[i].nyears; j++) {
            const canon_year *y = &b[i].years[j];
            if (!y->nmembers && y->member_count < 0)
                continue;
            char yr[16], cnt[48];
            snprintf(yr, sizeof yr, "%d", y->year);
            if (y->member_count >= 0)
                snprintf(cnt, sizeof cnt, "%ld stated", y->member_count);
            else
                snprintf(cnt, sizeof cnt, "-");
            char *m = join(y->members, y->nmembers, "; ");
            const char *r[] = {first ? "members" : "", yr, cnt, *m ? m : "(not named)"};
            cli_table_add(&t, r);
            free(m);
            first = 0;
        }
        cli_table body = t;
        body.cells += body.ncols;
        body.nrows--;
        cli_table_print(&body, stdout, 0, "  ");
        cli_table_free(&t);
        if (src)
            text_evidence(src, &b[i], bold);
    }
    if (part_of)
        printf("\n* a former province, now part of %s (merged 1 July 2025)\n", part_of);
    if (n && !src)
        printf("%s" CLI_EVIDENCE_HINT "\n", part_of ? "" : "\n");
}

static int list_overrides(index_db *db)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(index_sqlite(db),
                           "SELECT id, kind, a, b, created_at FROM canon_override ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK) {
        cli_note("no overrides");
        return CLI_OK;
    }
    static const char *const head[] = {"id", "kind", "a", "b", "set"};
    cli_table t;
    cli_table_init(&t, 5, head);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *row[5];
        for (int k = 0; k < 5; k++)
            row[k] = (const char *)sqlite3_column_text(st, k);
        cli_table_add(&t, row);
    }
    sqlite3_finalize(st);
    if (t.nrows > 1)
        cli_table_print(&t, stdout, 0, "");
    else
        cli_note("no overrides");
    cli_table_free(&t);
    return CLI_OK;
}

int cmd_blocs(int argc, char **argv, cli_ctx *ctx)
{
    static const cli_opt opts[] = {
        {"csv", 0, 0, CLI_OPT_CSV},
        {"province", 'p', 1, 'p'},
        {"year", 'y', 1, 'y'},
        {"bloc", 'b', 1, 'b'},
        {"merge", 0, 0, OPT_MERGE},
        {"split", 0, 0, OPT_SPLIT},
        {"clear", 0, 0, OPT_CLEAR},
        {"overrides", 0, 0, OPT_OVERRIDES},
        {"evidence", 0, 0, CLI_OPT_EVIDENCE},
        {"force", 0, 0, OPT_FORCE},
        {NULL, 0, 0, 0},
    };
    int force = 0;
    canon_filter f = {NULL, NULL, 0};
    const char *action = NULL;
    int evidence = 0;
    int c;
    cli_args a;
    cli_args_init(&a, argc, argv, 0);
    while ((c = cli_args_next(&a, opts, ctx)) > 0) {
        char *end;
        switch (c) {
        case 'p': f.province = a.value; continue;
        case 'b': f.bloc = a.value; continue;
        case 'y':
            f.year = (int)strtol(a.value, &end, 10);
            if (*end || f.year < 1900 || f.year > 2100)
                return cli_usage_error(ctx, "'%s' is not a year", a.value);
            continue;
        case OPT_MERGE: action = "merge"; continue;
        case OPT_SPLIT: action = "split"; continue;
        case OPT_CLEAR: action = "clear"; continue;
        case OPT_OVERRIDES: action = "list"; continue;
        case CLI_OPT_EVIDENCE: evidence = 1; continue;
        case OPT_FORCE: force = 1; continue;
        }
    }
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    int nargs = a.npos;
    if (!action && nargs)
        return cli_usage_error(ctx, "unexpected argument '%s'", a.pos[0]);
    if (force && (!action || strcmp(action, "merge") != 0))
        return cli_usage_error(ctx, "--force goes with --merge");
    if (action && strcmp(action, "merge") == 0 && nargs != 2)
        return cli_usage_error(ctx, "--merge needs two blocs");
    if (action && strcmp(action, "split") == 0 && (nargs < 1 || nargs > 2))
        return cli_usage_error(ctx, "--split needs one or two blocs");
    if (action && strcmp(action, "clear") == 0 && nargs != 1)
        return cli_usage_error(ctx, "--clear needs one bloc");
    if (action && strcmp(action, "list") == 0 && nargs)
        return cli_usage_error(ctx, "unexpected argument '%s'", a.pos[0]);
    if (ctx->json && ctx->csv)
        return cli_usage_error(ctx, "--json and --csv exclude each other");
    if (evidence && ctx->csv)
        return cli_usage_error(ctx, "--evidence is for the table (--json always "
                               "carries the evidence)");

    td_err e;
    td_err_clear(&e);
    index_db *db = NULL;
    if (cli_open_db(ctx, &db) != CLI_OK)
        return CLI_FATAL;
    int rc;
    if (action && strcmp(action, "list") == 0) {
        rc = canon_ensure(db, ctx->rules_dir, &e) == TD_OK ? list_overrides(db)
                                                                 : CLI_FATAL;
        if (rc != CLI_OK)
            cli_error("%s", e.msg);
        index_close(db);
        return rc;
    }
    if (action) {
        rc = canon_override(db, ctx->rules_dir, action, a.pos[0],
                            nargs > 1 ? a.pos[1] : NULL, force, &e);
        if (rc != TD_OK) {
            index_close(db);
            if (rc == TD_EUSAGE)
                return cli_usage_error(ctx, "%s", e.msg);
            cli_error("%s", e.msg);
            return CLI_FATAL;
        }
        if (!ctx->quiet)
            fprintf(stderr, "%s recorded; blocs rebuilt\n", action);
    }
    canon_bloc *b;
    size_t n;
    canon_sources *src;
    rc = cli_canon_load(ctx, db, &f, ctx->json || evidence, &b, &n, &src);
    if (rc != CLI_OK) {
        index_close(db);
        return rc;
    }
    if (n == 0)
        cli_note("no blocs match");
    if (ctx->json)
    {
        td_buf j = TD_BUF_INIT;
        cli_json_blocs(&j, src, b, n);
        td_buf_putc(&j, '\n');
        fwrite(j.ptr, 1, j.len, stdout);
        td_buf_free(&j);
    }
    else if (ctx->csv)
        print_csv(b, n);
    else
        print_text(src, b, n, cli_bold(ctx));
    canon_sources_close(src);
    canon_blocs_free(b, n);
    index_close(db);
    return CLI_OK;
}
