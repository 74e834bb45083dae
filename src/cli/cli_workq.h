/* cli_cli_workq.h - run a function on items 0..n-1 on worker threads, and wait for
 * them one by one, in order (ingest --jobs).
 *
 * The caller submits items in order (after preparing each), the workers
 * take them in that order, and the caller waits for item 0, then 1, ...:
 * whatever the order they finish in, the caller sees them in input order.
 * With no threads, waiting for an item runs it on the caller's thread.
 */
#ifndef CLI_WORKQ_H
#define CLI_WORKQ_H

#include <stddef.h>

typedef struct cli_workq cli_workq;

/* fn(arg, i) does item i; it runs on a worker thread, so it must touch
 * nothing that another item or the caller touches meanwhile. */
typedef void (*cli_workq_fn)(void *arg, size_t i);

/* A queue for n items run by nthreads threads (0: none, see above).
 * Aborts when the threads cannot be started (as on out of memory).  Free
 * with cli_workq_free. */
cli_workq *cli_workq_new(size_t n, size_t nthreads, cli_workq_fn fn, void *arg);

/* Let the next item (0, then 1, ...) start.  At most n. */
void cli_workq_submit(cli_workq *q);

/* Wait until item i (submitted) is done, for at most timeout_ms
 * milliseconds (< 0: as long as it takes).  1 when it is done, 0 when the
 * time ran out. */
int cli_workq_wait(cli_workq *q, size_t i, int timeout_ms);

/* Let the items started finish, run no other, stop the threads and free
 * q.  Accepts NULL. */
void cli_workq_free(cli_workq *q);

#endif
