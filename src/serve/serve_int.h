/* serve_int.h - what the files of src/serve/ share (not a public API). */
#ifndef SERVE_INT_H
#define SERVE_INT_H

#include <stddef.h>

#include "core/td.h"
#include "index/index.h"
#include "normalize/names.h"
#include "serve/serve.h"

/* Limits of a request (server.c): longer paths or query strings get 414,
 * more arguments 400. */
#define SERVE_MAX_PATH 512
#define SERVE_MAX_QUERY 2048
#define SERVE_MAX_ARGS 16
#define SERVE_PAGE_SIZE 10
#define SERVE_MAX_PAGE 50

typedef struct serve_ctx serve_ctx;

/* One request, as the handlers see it. */
typedef struct serve_req {
    struct MHD_Connection *conn;
    const char *path;          /* URL path, decoded, without the query */
    serve_ctx *ctx;
} serve_req;

/* What a handler answers: status, content type and body. */
typedef struct serve_resp {
    int status;
    const char *type;          /* static string */
    td_buf body;
    int cache;                 /* 1: a static asset, cacheable */
} serve_resp;

/* ---- server.c ------------------------------------------------------------ */

/* The query argument name, decoded, or NULL when absent; "" counts as
 * absent for the filters, so the callers use serve_arg_set. */
const char *serve_arg(const serve_req *r, const char *name);
/* The argument when it is present and not empty, else NULL. */
const char *serve_arg_set(const serve_req *r, const char *name);

/* A connection to the database for this request (from a pool; opened
 * when none is free), given back with serve_db_put.  TD_EDB on failure. */
int serve_db_get(serve_ctx *ctx, index_db **db, td_err *e);
void serve_db_put(serve_ctx *ctx, index_db *db);

const char *serve_rules_dir(const serve_ctx *ctx);
const char *serve_db_path(const serve_ctx *ctx);
/* The names tables, loaded once at start (read-only, shared). */
const names_table *serve_names(const serve_ctx *ctx);

/* ---- html.c -------------------------------------------------------------- */

/* Append s with & < > " ' escaped (NULL appends nothing). */
void serve_esc(td_buf *b, const char *s);
void serve_escn(td_buf *b, const char *s, size_t n);
/* Append s escaped, with the search marks (CLI_MARK_OPEN/CLOSE) as
 * <mark> and </mark>. */
void serve_esc_marked(td_buf *b, const char *s);
/* Append s percent-encoded for a query value. */
void serve_urlenc(td_buf *b, const char *s);

/* Open a page: doctype, head with the title (escaped), the stylesheet,
 * the navigation with nav (one of "search", "blocs", "compare",
 * "overview", or "") marked; close it. */
void serve_page_begin(td_buf *b, const char *title, const char *nav);
void serve_page_end(td_buf *b);

/* Answer status with an HTML page that says msg (escaped). */
void serve_page_error(serve_resp *r, int status, const char *msg);
/* Answer status with {"error": msg}. */
void serve_json_error(serve_resp *r, int status, const char *msg);

/* A horizontal bar chart as inline SVG: one bar per label, scaled to the
 * largest value, the value written after it (labels escaped). */
void serve_svg_bars(td_buf *b, const char *const *labels, const long *vals, size_t n);

/* The stylesheet served at /assets/style.css. */
extern const char serve_css[];

/* ---- pages.c and api.c: one handler per route --------------------------- */

typedef void (*serve_handler)(const serve_req *r, serve_resp *out);

void serve_page_overview(const serve_req *r, serve_resp *out);
void serve_page_search(const serve_req *r, serve_resp *out);
void serve_page_doc(const serve_req *r, serve_resp *out);
void serve_page_blocs(const serve_req *r, serve_resp *out);
void serve_page_bloc(const serve_req *r, serve_resp *out);
void serve_page_compare(const serve_req *r, serve_resp *out);

void serve_api_search(const serve_req *r, serve_resp *out);
void serve_api_doc(const serve_req *r, serve_resp *out);
void serve_api_blocs(const serve_req *r, serve_resp *out);
void serve_api_leaders(const serve_req *r, serve_resp *out);
void serve_api_compare(const serve_req *r, serve_resp *out);

/* ---- argument parsing shared by pages and API (api.c) ------------------- */

/* A positive integer in [lo, hi] from s: 1 and *v, or 0. */
int serve_parse_int(const char *s, long lo, long hi, long *v);
/* The document id at the end of a path "/doc/N" after prefix: 1 and *id. */
int serve_path_id(const char *path, const char *prefix, long *id);

/* Search arguments read and checked: q, province, year, bloc, format,
 * page.  0 on success, else the message in err (HTTP 400). */
typedef struct serve_search_args {
    index_search_opts o;
    long page;
} serve_search_args;
int serve_search_args_read(const serve_req *r, serve_search_args *a, char *err,
                           size_t errlen);

/* Run the search of a (page a->page): hits [*first, *n) are that page's. */
int serve_search_run(index_db *db, const serve_search_args *a, index_hit **hits,
                     size_t *n, size_t *first, index_reading *reading, size_t *nstrict,
                     td_err *e);

#endif
