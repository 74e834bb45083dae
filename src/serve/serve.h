/* serve.h - `thidua serve`: a local web interface over the database.
 *
 * HTML pages in Vietnamese (search, document, bloc, compare, overview)
 * and a JSON API with the shapes of the CLI's --json, served by
 * libmicrohttpd on a pool of threads.  The database is opened for
 * queries only, one connection per thread that needs one.  Every asset
 * is compiled in; nothing is read from disk but the database and the
 * rules.  The files: server.c (daemon, routing, limits), html.c
 * (escaping, layout, charts), pages.c (the pages), api.c (the JSON API);
 * serve_int.h is what they share.
 */
#ifndef SERVE_H
#define SERVE_H

#include "core/td.h"

typedef struct serve_opts {
    const char *db_path;    /* the database (must exist) */
    const char *rules_dir;  /* abbreviations, provinces, names */
    const char *bind;       /* IPv4 or IPv6 address; NULL: 127.0.0.1 */
    int port;               /* 0: a free port chosen by the system */
    int threads;            /* request threads; <= 0: 4 */
    int quiet;              /* no line on start and stop */
} serve_opts;

/* Serve until SIGINT or SIGTERM, then stop cleanly (requests in flight
 * finish, connections closed) and return TD_OK.  On start, print the URL
 * on stdout (flushed), unless quiet.  TD_EDB when the database cannot be
 * opened, TD_EUSAGE for a bad address, TD_EIO when the socket cannot be
 * bound; e says why. */
int serve_run(const serve_opts *o, td_err *e);

#endif
