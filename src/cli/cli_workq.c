/* cli_cli_workq.c - worker threads that take items in order (see cli_workq.h).  One
 * mutex guards the counters and done flags; workers sleep on `work`, the
 * caller on `done`. */
#include "cli/cli_workq.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/td.h"

struct cli_workq {
    pthread_mutex_t mu;
    pthread_cond_t work;       /* an item was submitted, or stop */
    pthread_cond_t done;       /* an item is done */
    size_t n;                  /* items */
    size_t submitted;          /* items 0..submitted-1 may start */
    size_t next;               /* the next item a worker takes */
    unsigned char *finished;   /* per item: done */
    int stop;
    cli_workq_fn fn;
    void *arg;
    pthread_t *threads;
    size_t nthreads;
};

static void *worker(void *p)
{
    cli_workq *q = p;
    pthread_mutex_lock(&q->mu);
    for (;;) {
        while (!q->stop && q->next >= q->submitted)
            pthread_cond_wait(&q->work, &q->mu);
        if (q->stop)
            break;
        size_t i = q->next++;
        pthread_mutex_unlock(&q->mu);
        q->fn(q->arg, i);
        pthread_mutex_lock(&q->mu);
        q->finished[i] = 1;
        pthread_cond_broadcast(&q->done);
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

cli_workq *cli_workq_new(size_t n, size_t nthreads, cli_workq_fn fn, void *arg)
{
    cli_workq *q = td_xcalloc(1, sizeof *q);
    q->n = n;
    q->fn = fn;
    q->arg = arg;
    q->finished = td_xcalloc(n ? n : 1, 1);
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->work, NULL);
    /* timed waits on the monotonic clock: a clock change does not stretch them */
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&q->done, &ca);
    pthread_condattr_destroy(&ca);
    if (nthreads) {
        q->threads = td_xcalloc(nthreads, sizeof *q->threads);
        for (size_t t = 0; t < nthreads; t++) {
            if (pthread_create(&q->threads[t], NULL, worker, q) != 0) {
                fprintf(stderr, "thidua: fatal: cannot start a thread\n");
                abort();
            }
            q->nthreads++;
        }
    }
    return q;
}

void cli_workq_submit(cli_workq *q)
{
    pthread_mutex_lock(&q->mu);
    if (q->submitted < q->n)
        q->submitted++;
    pthread_cond_signal(&q->work);
    pthread_mutex_unlock(&q->mu);
}

int cli_workq_wait(cli_workq *q, size_t i, int timeout_ms)
{
    if (!q->nthreads) {
        /* no threads: the caller does the item itself, when it comes to it */
        if (!q->finished[i]) {
            q->fn(q->arg, i);
            q->finished[i] = 1;
        }
        return 1;
    }
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    if (timeout_ms >= 0) {
        until.tv_sec += timeout_ms / 1000;
        until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
    }
    pthread_mutex_lock(&q->mu);
    int rc = 0;
    while (!q->finished[i] && rc != ETIMEDOUT) {
        if (timeout_ms < 0)
            pthread_cond_wait(&q->done, &q->mu);
        else
            rc = pthread_cond_timedwait(&q->done, &q->mu, &until);
    }
    int ok = q->finished[i];
    pthread_mutex_unlock(&q->mu);
    return ok;
}

void cli_workq_free(cli_workq *q)
{
    if (!q)
        return;
    pthread_mutex_lock(&q->mu);
    q->stop = 1;
    pthread_cond_broadcast(&q->work);
    pthread_mutex_unlock(&q->mu);
    for (size_t t = 0; t < q->nthreads; t++)
        pthread_join(q->threads[t], NULL);
    pthread_cond_destroy(&q->work);
    pthread_cond_destroy(&q->done);
    pthread_mutex_destroy(&q->mu);
    free(q->threads);
    free(q->finished);
    free(q);
}
