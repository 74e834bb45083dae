/* api.c - the JSON API of `thidua serve`, and the reading of the query
 * arguments it shares with the pages.
 *
 *   /api/search?q=&province=&year=&bloc=&format=&fold=&page=   [hit, ...]
 *   /api/doc/N                                          the document
 *   /api/blocs?province=&bloc=                          [bloc, ...]
 *   /api/leaders?province=&bloc=                        [bloc, ...]
 *   /api/compare?y1=&y2=&province=&bloc=                {year1, ...}
 *
 * Each object is built by the same function as the CLI's --json
 * (cli/json_out.h); search answers a JSON array of the objects that
 * `search --json` prints one per line.  A bad argument is 400 with
 * {"error": "..."}, an unknown document 404.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon/canon.h"
#include "cli/json_out.h"
#include "serve/serve_int.h"

int serve_parse_int(const char *s, long lo, long hi, long *v)
{
    if (!s || !*s || strlen(s) > 9 || strspn(s, "0123456789") != strlen(s))
        return 0;
    long x = strtol(s, NULL, 10);
    if (x < lo || x > hi)
        return 0;
    *v = x;
    return 1;
}

int serve_path_id(const char *path, const char *prefix, long *id)
{
    size_t n = strlen(prefix);
    return strncmp(path, prefix, n) == 0 && serve_parse_int(path + n, 1, 999999999, id);
}

int serve_search_args_read(const serve_req *r, serve_search_args *a, char *err,
                           size_t errlen)
{
    memset(a, 0, sizeof *a);
    a->page = 1;
    a->o.query = serve_arg_set(r, "q");
    a->o.province = serve_arg_set(r, "province");
    a->o.bloc = serve_arg_set(r, "bloc");
    a->o.format = serve_arg_set(r, "format");
    const char *fold = serve_arg_set(r, "fold");
    a->o.fold = fold && strcmp(fold, "0") != 0;
    a->o.mark_open = CLI_MARK_OPEN;
    a->o.mark_close = CLI_MARK_CLOSE;
    const char *y = serve_arg_set(r, "year"), *p = serve_arg_set(r, "page");
    long v;
    if (y) {
        if (!serve_parse_int(y, 1900, 2200, &v)) {
            snprintf(err, errlen, "Năm không hợp lệ: '%.40s' (year: a number such as 2024)",
                     y);
            return -1;
        }
        a->o.year = (int)v;
    }
    if (p) {
        if (!serve_parse_int(p, 1, SERVE_MAX_PAGE, &v)) {
            snprintf(err, errlen, "Trang không hợp lệ: '%.40s' (page: 1 to %d)", p,
                     SERVE_MAX_PAGE);
            return -1;
        }
        a->page = v;
    }
    if (a->o.format && strcmp(a->o.format, "docx") && strcmp(a->o.format, "html") &&
        strcmp(a->o.format, "text")) {
        snprintf(err, errlen, "Định dạng không hợp lệ: '%.40s' (format: docx, html or text)",
                 a->o.format);
        return -1;
    }
    a->o.limit = (int)(a->page * SERVE_PAGE_SIZE) + 1;   /* one more: is there a next page */
    return 0;
}

int serve_search_run(index_db *db, const serve_search_args *a, index_hit **hits,
                     size_t *n, size_t *first, index_reading *reading, size_t *nstrict,
                     td_err *e)
{
    *first = (size_t)(a->page - 1) * SERVE_PAGE_SIZE;
    return index_search(db, &a->o, hits, n, reading, nstrict, e);
}

static void json_begin(serve_resp *out)
{
    out->type = "application/json; charset=utf-8";
}

void serve_api_search(const serve_req *r, serve_resp *out)
{
    json_begin(out);
    serve_search_args a;
    char msg[200];
    if (serve_search_args_read(r, &a, msg, sizeof msg) != 0)
        return serve_json_error(out, 400, msg);
    if (!a.o.query && !a.o.province && !a.o.bloc && !a.o.format && !a.o.year)
        return serve_json_error(out, 400, "no query (q) and no filter given");
    td_err e;
    td_err_clear(&e);
    index_db *db;
    if (serve_db_get(r->ctx, &db, &e) != TD_OK)
        return serve_json_error(out, 503, e.msg);
    index_hit *hits = NULL;
    size_t n = 0, first = 0, nstrict = 0;
    index_reading reading = INDEX_FOLDED;
    int rc = serve_search_run(db, &a, &hits, &n, &first, &reading, &nstrict, &e);
    serve_db_put(r->ctx, db);
    if (rc == TD_EUSAGE) {
        char m[TD_ERR_LEN + 40];
        snprintf(m, sizeof m, "malformed query: %s", e.msg);
        return serve_json_error(out, 400, m);
    }
    if (rc != TD_OK)
        return serve_json_error(out, 500, e.msg);
    td_buf snip = TD_BUF_INIT;
    td_buf_putc(&out->body, '[');
    size_t last = n < first + SERVE_PAGE_SIZE ? n : first + SERVE_PAGE_SIZE;
    for (size_t i = first; i < last; i++) {
        td_buf_clear(&snip);
        cli_search_snippet(hits[i].snippet, "[", "]", &snip);
        if (i > first)
            td_buf_putc(&out->body, ',');
        cli_json_search_hit(&out->body, &hits[i], (int)i + 1, snip.ptr, reading);
    }
    td_buf_puts(&out->body, "]\n");
    td_buf_free(&snip);
    index_hits_free(hits, n);
}

void serve_api_doc(const serve_req *r, serve_resp *out)
{
    json_begin(out);
    long id;
    if (!serve_path_id(r->path, "/api/doc/", &id))
        return serve_json_error(out, 404, "no such document");
    td_err e;
    td_err_clear(&e);
    index_db *db;
    if (serve_db_get(r->ctx, &db, &e) != TD_OK)
        return serve_json_error(out, 503, e.msg);
    char key[24];
    snprintf(key, sizeof key, "%ld", id);
    index_docinfo *di = NULL;
    int rc = index_show(db, key, &di, &e);
    if (rc == TD_OK) {
        canon_doc_copy *cp = NULL;
        size_t ncp = 0;
        if (canon_doc_copies(db, di->id, &cp, &ncp, &e) != TD_OK)
            ncp = 0;
        cli_json_doc(&out->body, di, cp, ncp);
        td_buf_putc(&out->body, '\n');
        canon_doc_copies_free(cp, ncp);
        index_docinfo_free(di);
    }
    serve_db_put(r->ctx, db);
    if (rc == TD_EUSAGE)
        serve_json_error(out, 404, e.msg);
    else if (rc != TD_OK)
        serve_json_error(out, 500, e.msg);
}

/* /api/blocs, /api/leaders and /api/compare: canonical blocs. */
static void canon_api(const serve_req *r, serve_resp *out, int what)
{
    json_begin(out);
    canon_filter f = {serve_arg_set(r, "province"), serve_arg_set(r, "bloc"), 0};
    long y1 = 0, y2 = 0;
    if (what == 2) {
        if (!serve_parse_int(serve_arg_set(r, "y1"), 1900, 2100, &y1) ||
            !serve_parse_int(serve_arg_set(r, "y2"), 1900, 2100, &y2) || y1 == y2)
            return serve_json_error(out, 400,
                                    "compare needs two different years: y1 and y2");
    }
    td_err e;
    td_err_clear(&e);
    index_db *db;
    if (serve_db_get(r->ctx, &db, &e) != TD_OK)
        return serve_json_error(out, 503, e.msg);
    canon_bloc *b = NULL;
    size_t n = 0;
    canon_sources *src = NULL;
    int rc = canon_blocs(db, serve_rules_dir(r->ctx), &f, &b, &n, &e);
    if (rc == TD_OK)
        rc = canon_sources_open(db, &src, &e);
    if (rc == TD_OK) {
        if (what == 0)
            cli_json_blocs(&out->body, src, b, n);
        else if (what == 1)
            cli_json_leaders(&out->body, src, b, n);
        else
            cli_json_compare(&out->body, serve_names(r->ctx), src, b, n, (int)y1, (int)y2);
        td_buf_putc(&out->body, '\n');
    }
    canon_sources_close(src);
    canon_blocs_free(b, n);
    serve_db_put(r->ctx, db);
    if (rc == TD_EUSAGE)
        serve_json_error(out, 400, e.msg);
    else if (rc != TD_OK)
        serve_json_error(out, 500, e.msg);
}

void serve_api_blocs(const serve_req *r, serve_resp *out) { canon_api(r, out, 0); }
void serve_api_leaders(const serve_req *r, serve_resp *out) { canon_api(r, out, 1); }
void serve_api_compare(const serve_req *r, serve_resp *out) { canon_api(r, out, 2); }
