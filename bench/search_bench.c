/* bench/search_bench.c - in-process search latency, for bench/scale.sh.
 *
 *   build/search_bench DB QUERIES [REPEAT]      (make build/search_bench)
 *
 * Opens DB once, loads the abbreviations from the rules directory
 * ($THIDUA_RULES or the source tree's rules/), then for every line of
 * QUERIES (blank lines and lines starting with # skipped) runs
 * index_search -- what `thidua search QUERY` runs, with --limit 10, the
 * snippets included, the printing not -- once to warm the caches and
 * REPEAT times (default 5) timed with CLOCK_MONOTONIC.  A query whose
 * warm-up run took over a second is not run again: that run is its one
 * timing (so a slow database still finishes).  Prints one line a query
 * (median and max microseconds, runs, hits) and a last line
 *   all: N queries p50 X ms p95 Y ms max Z ms
 * over the queries' medians (each query counts once, however many runs
 * it had).  Linked with libtd.a; not part of the tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "index/index.h"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The q-quantile of sorted v[0..n) (nearest rank). */
static double quantile(const double *v, size_t n, double q)
{
    size_t k = (size_t)(q * n + 0.999999);
    if (k < 1)
        k = 1;
    return v[(k > n ? n : k) - 1];
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: search_bench DB QUERIES [REPEAT]\n");
        return 2;
    }
    int repeat = argc == 4 ? atoi(argv[3]) : 5;
    if (repeat < 1)
        repeat = 1;
    FILE *qf = fopen(argv[2], "r");
    if (!qf) {
        perror(argv[2]);
        return 2;
    }
    const char *rules = getenv("THIDUA_RULES");
    td_err e;
    td_err_clear(&e);
    index_db *db = NULL;
    if (index_open(argv[1], 0, &db, &e) != TD_OK ||
        index_set_rules_dir(db, rules ? rules : TD_RULES_DIR, &e) != TD_OK) {
        fprintf(stderr, "search_bench: %s\n", e.msg);
        return 3;
    }
    size_t cap = 0, n = 0;
    double *all = NULL, *one = malloc(sizeof *one * repeat);
    char line[4096];
    int status = 0;
    while (fgets(line, sizeof line, qf)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        index_search_opts o;
        memset(&o, 0, sizeof o);
        o.query = line;
        o.limit = 10;
        o.mark_open = "\x02";
        o.mark_close = "\x03";
        size_t nh = 0;
        int runs = repeat;
        for (int r = -1; r < runs; r++) {
            index_hit *hits = NULL;
            double t0 = now_us();
            int rc = index_search(db, &o, &hits, &nh, NULL, NULL, &e);
            double t = now_us() - t0;
            if (rc != TD_OK) {
                fprintf(stderr, "search_bench: '%s': %s\n", line, e.msg);
                status = 1;
                break;
            }
            index_hits_free(hits, nh);
            if (r >= 0)
                one[r] = t;
            else if (t > 1e6) {
                one[0] = t;
                runs = 1;
                break;
            }
        }
        if (status)
            break;
        qsort(one, runs, sizeof *one, cmp_double);
        printf("%10.0f us median %10.0f us max %d runs %3zu hits  %s\n", one[(runs - 1) / 2],
               one[runs - 1], runs, nh, line);
        fflush(stdout);
        if (n + 1 > cap) {
            cap = (cap + 1) * 2;
            all = realloc(all, sizeof *all * cap);
        }
        all[n++] = one[(runs - 1) / 2];
    }
    fclose(qf);
    index_close(db);
    if (n) {
        qsort(all, n, sizeof *all, cmp_double);
        printf("all: %zu queries p50 %.2f ms p95 %.2f ms max %.2f ms\n", n,
               quantile(all, n, 0.50) / 1e3, quantile(all, n, 0.95) / 1e3, all[n - 1] / 1e3);
    }
    free(all);
    free(one);
    return status;
}
