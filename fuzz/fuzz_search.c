/* fuzz_search.c - libFuzzer harness for the search-query parser: the input
 * (up to its first NUL) is a user's query, compiled by index_query_compile
 * with the abbreviations of rules/abbrev.tsv (loaded once, from
 * $THIDUA_RULES or ./rules).  A query is either refused with TD_EUSAGE and
 * a one-line message, or every FTS5 expression it compiles to (match,
 * exact, boosts, cover) must be accepted by FTS5: each is run against an
 * in-memory table with thidua's tokenizer, and an SQL error aborts.  Build
 * and run with `make fuzz FUZZ=search`; seeds: the queries of
 * tests/search/queries.tsv (fuzz/seeds.sh).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index/index_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static index_abbrev *ab;
static sqlite3 *db;
static sqlite3_stmt *st;

static void setup(void)
{
    td_err e;
    const char *dir = getenv("THIDUA_RULES");
    if (index_abbrev_load(dir ? dir : "rules", &ab, &e) != TD_OK) {
        fprintf(stderr, "fuzz_search: cannot load abbrev.tsv: %s\n", e.msg);
        abort();
    }
    if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
        index_tokenizer_register(db) != SQLITE_OK ||
        sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='thidua');"
                     "INSERT INTO fts VALUES('Hội nghị ký kết giao ước thi đua năm 2024',"
                     " 'Khối thi đua các huyện, thị xã, thành phố tỉnh Thanh Hóa; "
                     "Ủy ban MTTQ Việt Nam tỉnh là Trưởng khối, ngày 22/02/2024.');"
                     "INSERT INTO fts VALUES('Tổng kết', 'Mặt trận Tổ quốc 8.000 hội viên');",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT count(*) FROM fts WHERE fts MATCH ?", -1, &st,
                           NULL) != SQLITE_OK) {
        fprintf(stderr, "fuzz_search: sqlite setup: %s\n", db ? sqlite3_errmsg(db) : "?");
        abort();
    }
}

/* Run one compiled expression; abort when FTS5 refuses it. */
static void check(const char *q, const char *what, const char *expr)
{
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW)
        ;
    if (s != SQLITE_DONE) {
        fprintf(stderr, "fuzz_search: query '%s': %s expression '%s' refused by FTS5: %s\n",
                q, what, expr, sqlite3_errmsg(db));
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db)
        setup();
    char *q = malloc(size + 1);
    memcpy(q, data, size);
    q[size] = '\0';
    index_query cq;
    td_err e;
    int rc = index_query_compile(q, ab, &cq, &e);
    if (rc == TD_OK) {
        if (!cq.match)
            abort();
        check(q, "match", cq.match);
        for (size_t i = 0; i < cq.nexact; i++)
            check(q, "exact", cq.exact[i]);
        for (size_t i = 0; i < cq.nboost; i++)
            check(q, "boost", cq.boost[i]);
        for (size_t i = 0; i < cq.nxboost; i++)
            check(q, "xboost", cq.xboost[i]);
        for (size_t i = 0; i < cq.ncover; i++)
            check(q, "cover", cq.cover[i]);
        index_query_free(&cq);
    } else if (rc != TD_EUSAGE || strchr(e.msg, '\n')) {
        fprintf(stderr, "fuzz_search: query '%s': code %d, '%s'\n", q, rc, e.msg);
        abort();
    }
    free(q);
    return 0;
}
