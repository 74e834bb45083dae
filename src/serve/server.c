/* server.c - the daemon of `thidua serve`: start and stop, the routes,
 * the limits on a request, the pool of database connections.
 *
 * libmicrohttpd runs the requests on a pool of threads; each handler
 * takes a database connection from the pool (opening one when none is
 * free: SQLite connections are not shared between threads) and gives it
 * back.  Only GET and HEAD on the routes below are answered: anything
 * else is 404 (unknown path) or 405 (another method); nothing is ever
 * read from disk but the database.  The main thread waits for SIGINT or
 * SIGTERM (blocked in every thread, taken with sigwait), then stops the
 * daemon, which finishes the requests in flight.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon/canon.h"
#include "serve/serve_int.h"

#define POOL_MAX 64

struct serve_ctx {
    const serve_opts *o;
    const char *rules_dir;
    names_table *names;
    pthread_mutex_t lock;
    index_db *pool[POOL_MAX];   /* idle connections */
    size_t npool;
};

const char *serve_rules_dir(const serve_ctx *ctx) { return ctx->rules_dir; }
const char *serve_db_path(const serve_ctx *ctx) { return ctx->o->db_path; }
const names_table *serve_names(const serve_ctx *ctx) { return ctx->names; }

/* A new connection, for queries, with abbreviations and canonical tables. */
static int db_open(serve_ctx *ctx, index_db **out, td_err *e)
{
    index_db *db = NULL;
    int rc = index_open(ctx->o->db_path, 0, &db, e);
    if (rc == TD_OK)
        rc = index_set_rules_dir(db, ctx->rules_dir, e);
    if (rc == TD_OK)
        rc = canon_ensure(db, ctx->rules_dir, e);
    if (rc != TD_OK) {
        index_close(db);
        db = NULL;
    }
    *out = db;
    return rc;
}

int serve_db_get(serve_ctx *ctx, index_db **db, td_err *e)
{
    pthread_mutex_lock(&ctx->lock);
    *db = ctx->npool ? ctx->pool[--ctx->npool] : NULL;
    pthread_mutex_unlock(&ctx->lock);
    if (*db)
        return TD_OK;
    return db_open(ctx, db, e);
}

void serve_db_put(serve_ctx *ctx, index_db *db)
{
    if (!db)
        return;
    pthread_mutex_lock(&ctx->lock);
    if (ctx->npool < POOL_MAX) {
        ctx->pool[ctx->npool++] = db;
        db = NULL;
    }
    pthread_mutex_unlock(&ctx->lock);
    index_close(db);
}

const char *serve_arg(const serve_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *serve_arg_set(const serve_req *r, const char *name)
{
    const char *v = serve_arg(r, name);
    return v && *v ? v : NULL;
}

/* ---- routes ------------------------------------------------------------ */

static void asset_css(const serve_req *r, serve_resp *out)
{
    (void)r;
    out->type = "text/css; charset=utf-8";
    out->cache = 1;
    td_buf_puts(&out->body, serve_css);
}

typedef struct route {
    const char *path;     /* exact path, or a prefix ending in '/' followed by an id */
    int prefix;
    serve_handler fn;
} route;

static const route routes[] = {
    {"/", 0, serve_page_overview},
    {"/search", 0, serve_page_search},
    {"/doc/", 1, serve_page_doc},
    {"/blocs", 0, serve_page_blocs},
    {"/bloc/", 1, serve_page_bloc},
    {"/compare", 0, serve_page_compare},
    {"/assets/style.css", 0, asset_css},
    {"/api/search", 0, serve_api_search},
    {"/api/doc/", 1, serve_api_doc},
    {"/api/blocs", 0, serve_api_blocs},
    {"/api/leaders", 0, serve_api_leaders},
    {"/api/compare", 0, serve_api_compare},
};

static const route *find_route(const char *path)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        const route *rt = &routes[i];
        size_t n = strlen(rt->path);
        if (!rt->prefix && strcmp(path, rt->path) == 0)
            return rt;
        /* an id: digits only, so no '..', no '/' and no file name */
        if (rt->prefix && strncmp(path, rt->path, n) == 0 && path[n] &&
            strspn(path + n, "0123456789") == strlen(path + n))
            return rt;
    }
    return NULL;
}

static int is_api(const char *path)
{
    return strncmp(path, "/api/", 5) == 0;
}

/* ---- limits ------------------------------------------------------------ */

typedef struct arg_count {
    size_t bytes, n;
} arg_count;

static enum MHD_Result count_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    (void)kind;
    arg_count *c = cls;
    c->n++;
    c->bytes += strlen(key) + (value ? strlen(value) : 0) + 2;
    return MHD_YES;
}

/* ---- the handler ------------------------------------------------------- */

static enum MHD_Result respond(struct MHD_Connection *conn, serve_resp *r, int head)
{
    size_t len = r->body.len;
    char *body = td_buf_detach(&r->body);
    struct MHD_Response *resp;
    if (head) {
        free(body);
        resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    } else {
        resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    }
    if (!resp) {
        if (!head)
            free(body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", r->type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    /* no script at all, no resource from another origin */
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    MHD_add_response_header(resp, "Cache-Control",
                            r->cache ? "public, max-age=3600" : "no-store");
    if (r->status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(resp, "Allow", "GET, HEAD");
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **req_cls)
{
    (void)version;
    (void)upload_data;
    serve_ctx *ctx = cls;
    serve_resp r = {200, "text/html; charset=utf-8", TD_BUF_INIT, 0};
    int head = strcmp(method, "HEAD") == 0;
    int api = is_api(url);
    /* every request is answered on its first call, before a body is read */
    *req_cls = ctx;
    arg_count ac = {0, 0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, count_arg, &ac);
    if (!head && strcmp(method, "GET") != 0) {
        (api ? serve_json_error : serve_page_error)(
            &r, MHD_HTTP_METHOD_NOT_ALLOWED, "Chỉ hỗ trợ GET và HEAD (method not allowed)");
    } else if (*upload_data_size) {
        (api ? serve_json_error : serve_page_error)(
            &r, 413, "Yêu cầu không được có nội dung (no body allowed)");
        *upload_data_size = 0;
    } else if (strlen(url) > SERVE_MAX_PATH || ac.bytes > SERVE_MAX_QUERY) {
        (api ? serve_json_error : serve_page_error)(
            &r, MHD_HTTP_URI_TOO_LONG,
            "Địa chỉ hoặc câu truy vấn quá dài (query too long: at most 2048 bytes)");
    } else if (ac.n > SERVE_MAX_ARGS) {
        (api ? serve_json_error : serve_page_error)(
            &r, MHD_HTTP_BAD_REQUEST, "Quá nhiều tham số (too many query arguments)");
    } else {
        const route *rt = find_route(url);
        serve_req req = {conn, url, ctx};
        if (rt)
            rt->fn(&req, &r);
        else
            (api ? serve_json_error : serve_page_error)(
                &r, MHD_HTTP_NOT_FOUND, "Không tìm thấy trang này (not found)");
    }
    return respond(conn, &r, head);
}

/* ---- start and stop ---------------------------------------------------- */

int serve_run(const serve_opts *o, td_err *e)
{
    serve_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.o = o;
    ctx.rules_dir = o->rules_dir;
    pthread_mutex_init(&ctx.lock, NULL);
    const char *bind = o->bind && *o->bind ? o->bind : "127.0.0.1";
    int threads = o->threads > 0 ? o->threads : 4;

    struct sockaddr_in sa4;
    struct sockaddr_in6 sa6;
    struct sockaddr *sa;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    memset(&sa4, 0, sizeof sa4);
    memset(&sa6, 0, sizeof sa6);
    if (inet_pton(AF_INET, bind, &sa4.sin_addr) == 1) {
        sa4.sin_family = AF_INET;
        sa4.sin_port = htons((uint16_t)o->port);
        sa = (struct sockaddr *)&sa4;
    } else if (inet_pton(AF_INET6, bind, &sa6.sin6_addr) == 1) {
        sa6.sin6_family = AF_INET6;
        sa6.sin6_port = htons((uint16_t)o->port);
        sa = (struct sockaddr *)&sa6;
        flags |= MHD_USE_IPv6;
    } else {
        pthread_mutex_destroy(&ctx.lock);
        return td_err_set(e, TD_EUSAGE, "'%s' is not an IPv4 or IPv6 address", bind);
    }

    /* the database and names must load before anything is served */
    index_db *db = NULL;
    int rc = db_open(&ctx, &db, e);
    if (rc == TD_OK)
        rc = names_load(ctx.rules_dir, &ctx.names, e);
    if (rc != TD_OK) {
        index_close(db);
        pthread_mutex_destroy(&ctx.lock);
        return rc;
    }
    serve_db_put(&ctx, db);

    /* SIGINT and SIGTERM go to sigwait below, in no other thread */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, &old);

    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, &ctx,
        MHD_OPTION_SOCK_ADDR, sa,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)15,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
        MHD_OPTION_END);
    if (!d) {
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        rc = td_err_set(e, TD_EIO, "cannot listen on %s port %d (in use, or not an "
                        "address of this machine)", bind, o->port);
    } else {
        const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        int port = di ? di->port : o->port;
        if (!o->quiet) {
            int v6 = sa->sa_family == AF_INET6;
            printf("thidua: serving '%s' at http://%s%s%s:%d/%s\n", o->db_path,
                   v6 ? "[" : "", bind, v6 ? "]" : "", port,
                   strcmp(bind, "127.0.0.1") == 0 || strcmp(bind, "::1") == 0
                       ? " (this machine only; Ctrl-C stops)"
                       : " (reachable from the network; Ctrl-C stops)");
            fflush(stdout);
        }
        int sig = 0;
        sigwait(&stop, &sig);
        MHD_stop_daemon(d);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (!o->quiet) {
            printf("thidua: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
            fflush(stdout);
        }
    }
    for (size_t i = 0; i < ctx.npool; i++)
        index_close(ctx.pool[i]);
    names_free(ctx.names);
    pthread_mutex_destroy(&ctx.lock);
    return rc;
}
