/* test_index.c - the index: tokenizer token dumps, query parsing, storing
 * documents with hand-made facts, replacement, rollback, migrations and
 * search ranking.  Databases live in a temporary directory.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "index/index.h"
#include "index/index_int.h"
#include "normalize/normalize.h"
#include "unit.h"

/* ---- tokenizer ----------------------------------------------------------- */

static void check_dump(const char *text, int query, const char *want,
                       const char *file, int line)
{
    td_buf b = TD_BUF_INIT;
    index_token_dump(text, strlen(text), query, &b);
    if (strcmp(b.ptr, want) != 0)
        unit_fail(file, line, "tokens of \"%s\":\n--- got\n%s--- want\n%s", text,
                  b.ptr, want);
    td_buf_free(&b);
}
#define CHECK_DUMP(text, query, want) check_dump(text, query, want, __FILE__, __LINE__)

TEST(index_tokenizer_document)
{
    /* folded token, then the exact form colocated (same offsets) */
    CHECK_DUMP("Khánh Hoà", 0,
               "khanh\t0\t6\t0\n=khánh\t0\t6\t1\n"
               "hoa\t7\t11\t0\n=hòa\t7\t11\t1\n");
    /* đ folds to d; capitals; punctuation cuts words */
    CHECK_DUMP("ĐOÀN KẾT, đổi-mới", 0,
               "doan\t0\t6\t0\n=đoàn\t0\t6\t1\n"
               "ket\t7\t12\t0\n=kết\t7\t12\t1\n"
               "doi\t14\t20\t0\n=đổi\t14\t20\t1\n"
               "moi\t21\t26\t0\n=mới\t21\t26\t1\n");
    /* numbers: a thousands group joins, a decimal comma stays, dates split
     * (without leading zeros); numbers have no exact form */
    CHECK_DUMP("8.000 hội viên, 1,5 ha, 22/02/2024", 0,
               "8000\t0\t5\t0\n"
               "hoi\t6\t11\t0\n=hội\t6\t11\t1\n"
               "vien\t12\t17\t0\n=viên\t12\t17\t1\n"
               "1,5\t19\t22\t0\n"
               "ha\t23\t25\t0\n"
               "22\t27\t29\t0\n2\t30\t32\t0\n2024\t33\t37\t0\n");
    /* leading zeros go, a lone zero stays */
    CHECK_DUMP("007 0 0,5", 0, "7\t0\t3\t0\n0\t4\t5\t0\n0,5\t6\t9\t0\n");
    /* final i and y after a consonant are one letter; uy and ay stay */
    CHECK_DUMP("kí ký quy tuy tay", 0,
               "ki\t0\t3\t0\n=kí\t0\t3\t1\n"
               "ki\t4\t7\t0\n=ký\t4\t7\t1\n"
               "qui\t8\t11\t0\n"
               "tuy\t12\t15\t0\n"
               "tay\t16\t19\t0\n");
    /* a text typed without diacritics (fewer than 1 word in 8 has one):
     * its bare words get an exact form too, their folded form, which the
     * strict reading of "hội" or "hồi" finds ("=hoi"; ky is "=ki") */
    CHECK_DUMP("Hoi nghi ky ket", 0,
               "hoi\t0\t3\t0\n=hoi\t0\t3\t1\n"
               "nghi\t4\t8\t0\n=nghi\t4\t8\t1\n"
               "ki\t9\t11\t0\n=ki\t9\t11\t1\n"
               "ket\t12\t15\t0\n=ket\t12\t15\t1\n");
    /* ... but in a text typed with diacritics a bare word is that word
     * (ban in Ủy ban is no bàn): no exact form */
    CHECK_DUMP("Ủy ban", 0, "uy\t0\t4\t0\n=ủy\t0\t4\t1\nban\t5\t8\t0\n");
    /* one marked word in eight or more still makes a bare text (an
     * abbreviation such as LĐLĐ in a report typed without diacritics) */
    CHECK_DUMP("LĐLĐ tinh to chuc hoi nghi tong ket nam", 0,
               "ldld\t0\t6\t0\n=lđlđ\t0\t6\t1\n"
               "tinh\t7\t11\t0\n=tinh\t7\t11\t1\n"
               "to\t12\t14\t0\n=to\t12\t14\t1\n"
               "chuc\t15\t19\t0\n=chuc\t15\t19\t1\n"
               "hoi\t20\t23\t0\n=hoi\t20\t23\t1\n"
               "nghi\t24\t28\t0\n=nghi\t24\t28\t1\n"
               "tong\t29\t33\t0\n=tong\t29\t33\t1\n"
               "ket\t34\t37\t0\n=ket\t34\t37\t1\n"
               "nam\t38\t41\t0\n=nam\t38\t41\t1\n");
    CHECK_DUMP("", 0, "");
    CHECK_DUMP(" - … ", 0, "");
}

TEST(index_tokenizer_nfd_and_tone)
{
    /* decomposed input and old tone placement give the same tokens */
    td_buf a = TD_BUF_INIT, b = TD_BUF_INIT;
    const char *nfc = "Thủy Hòa";
    const char *nfd_old = "Thu\xcc\x89y Hoa\xcc\x80";   /* "Thuỷ Hoà" in NFD */
    index_token_dump(nfc, strlen(nfc), 0, &a);
    index_token_dump(nfd_old, strlen(nfd_old), 0, &b);
    /* same tokens; offsets differ because NFD is longer */
    char *ta = a.ptr, *tb = b.ptr;
    for (int i = 0; i < 4; i++) {
        size_t la = strcspn(ta, "\t"), lb = strcspn(tb, "\t");
        CHECK(la == lb && memcmp(ta, tb, la) == 0);
        ta = strchr(ta, '\n') + 1;
        tb = strchr(tb, '\n') + 1;
    }
    CHECK(strstr(b.ptr, "=thủy\t") != NULL);
    td_buf_free(&a);
    td_buf_free(&b);
}

TEST(index_tokenizer_query)
{
    /* queries get folded tokens only, never colocated ones */
    CHECK_DUMP("Hội nghị", 1, "hoi\t0\t5\t0\nnghi\t6\t12\t0\n");
    /* a leading '=' asks for exact forms (numbers stay as they are) */
    CHECK_DUMP("=Hội 2024", 1, "=hội\t1\t6\t0\n2024\t7\t11\t0\n");
}

/* ---- query parsing --------------------------------------------------------- */

static char *compile(const char *q, const index_abbrev *ab, int *rc, td_err *e)
{
    index_query cq;
    td_err_clear(e);
    *rc = index_query_compile(q, ab, &cq, e);
    char *m = cq.match ? td_xstrdup(cq.match) : NULL;
    index_query_free(&cq);
    return m;
}

TEST(index_query_syntax)
{
    td_err e;
    int rc;
    char *m = compile("khánh hoà", NULL, &rc, &e);
    CHECK_INT(rc, TD_OK);
    CHECK_STR(m, "(\"khanh\" AND \"hoa\")");
    free(m);
    m = compile("\"giao ước thi đua\" OR khanh* NOT title:(hoi OR \"ky ket\")", NULL,
                &rc, &e);
    CHECK_STR(m, "(\"giao uoc thi dua\" OR (\"khanh\"* NOT title : ((\"hoi\" OR \"ki ket\"))))");
    free(m);
    /* FTS5's own spellings: "title : x" and NEAR(a b, N) */
    m = compile("title : hội AND NEAR(khánh \"giao ước\", 5)", NULL, &rc, &e);
    CHECK_STR(m, "(title : \"hoi\" AND NEAR(\"khanh\" \"giao uoc\", 5))");
    free(m);
    m = compile("“giao ước” «thi đua»", NULL, &rc, &e);   /* pasted quotes */
    CHECK_STR(m, "(\"giao uoc\" AND \"thi dua\")");
    free(m);
    m = compile("NEAR(a b)", NULL, &rc, &e);
    CHECK_STR(m, "NEAR(\"a\" \"b\", 10)");
    free(m);
    m = compile("CB-CC-VC", NULL, &rc, &e);
    CHECK_STR(m, "\"cb cc vc\"");
    free(m);
    /* stray punctuation is forgiven: an unpaired curly quote, an
     * unbalanced parenthesis, an empty "()" and a lone '*' are dropped */
    static const char *const stray[][2] = {
        {"“giao ước", "(\"giao\" AND \"uoc\")"}, {"«a» “b", "(\"a\" AND \"b\")"},
        {"(thi dua", "(\"thi\" AND \"dua\")"}, {"thi dua)", "(\"thi\" AND \"dua\")"},
        {"thi () dua", "(\"thi\" AND \"dua\")"}, {"hoi *", "\"hoi\""},
        {"NEAR(a b", "NEAR(\"a\" \"b\", 10)"}, {"thi (", "\"thi\""},
        {"thi ((", "\"thi\""}, {"thi (( )) dua", "(\"thi\" AND \"dua\")"},
        {"thi OR (", "\"thi\""},
    };
    for (size_t i = 0; i < sizeof stray / sizeof stray[0]; i++) {
        m = compile(stray[i][0], NULL, &rc, &e);
        if (!m || strcmp(m, stray[i][1]) != 0)
            unit_fail(__FILE__, __LINE__, "query '%s' gave '%s', want '%s'", stray[i][0],
                      m ? m : "(error)", stray[i][1]);
        free(m);
    }
    /* a phrase's prefix star inside or after the quotes */
    m = compile("\"giao u*\"", NULL, &rc, &e);
    CHECK_STR(m, "\"giao u\"*");
    free(m);
    m = compile("\"giao u\"*", NULL, &rc, &e);
    CHECK_STR(m, "\"giao u\"*");
    free(m);
    /* dates: with slashes or in words, found either way */
    m = compile("22/02/2024", NULL, &rc, &e);
    CHECK_STR(m, "(\"22 2 2024\" OR \"22 thang 2 nam 2024\")");
    free(m);
    m = compile("ngày 22 tháng 2 năm 2024", NULL, &rc, &e);
    CHECK_STR(m, "(\"ngay\" AND (\"22 2 2024\" OR \"22 thang 2 nam 2024\"))");
    free(m);
    m = compile("tháng 02/2024", NULL, &rc, &e);
    CHECK_STR(m, "(\"thang\" AND (\"2 2024\" OR \"thang 2 nam 2024\"))");
    free(m);
    m = compile("2019-2024", NULL, &rc, &e);   /* a span of years, not a date */
    CHECK_STR(m, "\"2019 2024\"");
    free(m);
    /* a colon after any other word than title/body is punctuation */
    m = compile("khanh:hoa", NULL, &rc, &e);
    CHECK_STR(m, "\"khanh hoa\"");
    free(m);

    static const char *const bad[] = {
        "\"giao uoc", "thi dua AND", "*", "NOT hoi", "OR hoi", "hoi AND OR dua", "title:",
        "title: AND x", "()", "", "  - ", "\"", "NEAR(a b, x)", "NEAR(a (b))",
        "NEAR(a b, 5 c)",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        m = compile(bad[i], NULL, &rc, &e);
        if (rc != TD_EUSAGE || m || !e.msg[0] || strchr(e.msg, '\n'))
            unit_fail(__FILE__, __LINE__, "query '%s' should be rejected (rc %d, msg '%s')",
                      bad[i], rc, e.msg);
        free(m);
    }
}

TEST(index_query_exact_terms)
{
    index_query q;
    td_err e;
    CHECK_INT(index_query_compile("hội NOT hồi", NULL, &q, &e), TD_OK);
    /* one exact expression for the positive term only */
    CHECK_INT(q.nexact, 1);
    CHECK_STR(q.exact[0], "\"=hội\"");
    index_query_free(&q);
    /* no diacritics in the query: no exact ranking */
    CHECK_INT(index_query_compile("hoi nghi", NULL, &q, &e), TD_OK);
    CHECK_INT(q.nexact, 0);
    CHECK_INT(q.nxboost, 0);
    CHECK_INT(q.nboost, 1);
    index_query_free(&q);
    /* a long query of plain words: most of them suffice */
    CHECK_INT(index_query_compile("hoi nghi ky ket giao uoc cua khoi", NULL, &q, &e), TD_OK);
    CHECK_INT(q.ncover, 8);
    CHECK_INT(q.need, 7);
    CHECK(strncmp(q.match, "(\"hoi\" OR \"nghi\" OR ", strlen("(\"hoi\" OR \"nghi\" OR ")) == 0);
    index_query_free(&q);
    CHECK_INT(index_query_compile("hoi nghi ky ket", NULL, &q, &e), TD_OK);
    CHECK_INT(q.ncover, 0);   /* short: every word */
    index_query_free(&q);
    CHECK_INT(index_query_compile("hoi nghi ky ket AND giao uoc cua khoi", NULL, &q, &e), TD_OK);
    CHECK_INT(q.ncover, 0);   /* an operator: as written */
    index_query_free(&q);
    /* mixed: only the word typed with diacritics asks for its exact form,
     * in the term and at the matched spot */
    CHECK_INT(index_query_compile("hoi nghị", NULL, &q, &e), TD_OK);
    CHECK_INT(q.nexact, 1);
    if (q.nexact)
        CHECK_STR(q.exact[0], "\"=nghị\"");
    CHECK_INT(q.nxboost, 1);
    if (q.nxboost)
        CHECK_STR(q.xboost[0], "\"hoi =nghị\"");
    index_query_free(&q);
    CHECK_INT(index_query_compile("\"hội nghi\" cong ty", NULL, &q, &e), TD_OK);
    CHECK_INT(q.nexact, 1);   /* "ty" has no diacritic, though folded "ti" */
    if (q.nexact)
        CHECK_STR(q.exact[0], "\"=hội nghi\"");
    index_query_free(&q);
}

/* A temporary rules directory holding abbrev.tsv. */
static void write_abbrev(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/abbrev.tsv", dir);
    FILE *f = fopen(path, "w");
    fputs("# test\nMTTQ\tMặt trận Tổ quốc\nUBMTTQ\tỦy ban Mặt trận Tổ quốc\tỦy ban MTTQ\n", f);
    fclose(f);
}

TEST(index_query_abbreviations)
{
    char dir[] = "/tmp/thidua-abbrev-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    write_abbrev(dir);
    index_abbrev *ab = NULL;
    td_err e;
    CHECK_INT(index_abbrev_load(dir, &ab, &e), TD_OK);
    CHECK_INT(index_abbrev_count(ab), 2);
    int rc;
    char *m = compile("MTTQ Khánh Hòa", ab, &rc, &e);
    /* the abbreviation, its expansion, and UBMTTQ whose expansion holds it */
    CHECK_STR(m, "((\"mttq\" OR \"mat tran to quoc\" OR \"ubmttq\") AND \"khanh\" AND \"hoa\")");
    free(m);
    m = compile("mặt trận tổ quốc", ab, &rc, &e);
    CHECK_STR(m, "(\"mttq\" OR \"mat tran to quoc\" OR \"ubmttq\" OR "
                 "(\"mat\" AND \"tran\" AND \"to\" AND \"quoc\"))");
    free(m);
    /* an expansion typed with diacritics still ranks exact forms first */
    index_query q;
    CHECK_INT(index_query_compile("\"mặt trận tổ quốc\"", ab, &q, &e), TD_OK);
    CHECK_INT(q.nexact, 1);
    if (q.nexact)
        CHECK(strstr(q.exact[0], "\"=mặt =trận =tổ =quốc\"") != NULL);
    index_query_free(&q);
    CHECK_INT(index_query_compile("MTTQ", ab, &q, &e), TD_OK);
    CHECK_INT(q.nexact, 0);
    index_query_free(&q);
    /* inside NEAR too: one NEAR per form */
    m = compile("NEAR(MTTQ \"ký kết\", 5)", ab, &rc, &e);
    CHECK_STR(m, "(NEAR(\"mttq\" \"ki ket\", 5) OR NEAR(\"mat tran to quoc\" \"ki ket\", 5)"
                 " OR NEAR(\"ubmttq\" \"ki ket\", 5))");
    free(m);
    m = compile("\"Ủy ban MTTQ tỉnh\"", ab, &rc, &e);
    CHECK(m && strstr(m, "\"ubmttq tinh\"") && strstr(m, "\"uy ban mat tran to quoc tinh\""));
    free(m);
    index_abbrev_free(ab);

    /* provinces.tsv adds each province's spellings; "TP Huế" lends no
     * form to TP, and a variant differing only in diacritics is no form */
    char ppath[512];
    snprintf(ppath, sizeof ppath, "%s/provinces.tsv", dir);
    FILE *pf = fopen(ppath, "w");
    fputs("# test\nname\tvariants\ttype\n"
          "Kon Tum\tKontum|KonTum|Kon-Tum\ttinh\n"
          "Huế\tThừa Thiên Huế|TP Huế\ttinh\n"
          "Khánh Hòa\tKhánh Hoà\ttinh\n"
          "TP\tThành phố\tx\n", pf);
    fclose(pf);
    CHECK_INT(index_abbrev_load(dir, &ab, &e), TD_OK);
    CHECK_INT(index_abbrev_count(ab), 5);
    m = compile("Kontum", ab, &rc, &e);
    CHECK_STR(m, "(\"kon tum\" OR \"kontum\")");
    free(m);
    m = compile("Thừa Thiên Huế", ab, &rc, &e);
    CHECK(m && strncmp(m, "(\"hue\" OR \"thua thien hue\" OR \"tp hue\"", 36) == 0);
    free(m);
    m = compile("Khánh Hòa", ab, &rc, &e);
    CHECK_STR(m, "(\"khanh\" AND \"hoa\")");
    free(m);
    index_abbrev_free(ab);
    unlink(ppath);

    /* a line without an expansion is an error naming the line */
    char path[512];
    snprintf(path, sizeof path, "%s/abbrev.tsv", dir);
    FILE *f = fopen(path, "a");
    fputs("HTX\n", f);
    fclose(f);
    CHECK_INT(index_abbrev_load(dir, &ab, &e), TD_ERULE);
    CHECK(ab == NULL && strstr(e.msg, "abbrev.tsv:4"));
    unlink(path);
    rmdir(dir);
}

/* ---- storing ------------------------------------------------------------- */

/* A normalized document with the given text (blocks split on blank lines). */
static td_doc *make_doc(const char *path, const char *text)
{
    td_doc *d = td_doc_new(path);
    const char *p = text;
    while (*p) {
        const char *q = strstr(p, "\n\n");
        size_t n = q ? (size_t)(q - p) : strlen(p);
        td_doc_add_block(d, TD_BLOCK_PARA, 0, p, n, -1, -1);
        p += n;
        while (*p == '\n')
            p++;
    }
    d->format = TD_FMT_TEXT;
    d->encoding = "utf-8";
    d->size = strlen(text);
    td_hash_hex(text, strlen(text), d->hash);
    td_err e;
    norm_doc(d, &e);
    return d;
}

/* Add a fact whose evidence is the first occurrence of value in the text. */
static void add_fact(td_doc *d, td_fact_kind k, const char *value,
                     const char *extra, int year, long num)
{
    td_fact f;
    memset(&f, 0, sizeof f);
    f.kind = k;
    f.value = value;
    f.extra = extra;
    f.year = year;
    f.num = num;
    f.rule = "test.rule";
    const char *at = value ? strstr(d->text, value) : NULL;
    if (at) {
        f.start = (size_t)(at - d->text);
        f.end = f.start + strlen(value);
        f.sent_start = 0;
        f.sent_end = strcspn(d->text, ".");
    }
    td_doc_add_fact(d, &f);
}

static long count(index_db *db, const char *sql)
{
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(index_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
        return -2;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static const char TEXT1[] =
    "Khối thi đua MTTQ tỉnh Khánh Hòa ký kết giao ước thi đua năm 2024. "
    "Hội Liên hiệp Phụ nữ tỉnh làm Trưởng khối.\n\nĐồng chí Nguyễn Văn A dự.";

static td_doc *doc1(const char *path)
{
    td_doc *d = make_doc(path, TEXT1);
    add_fact(d, TD_FACT_PROVINCE, "Khánh Hòa", NULL, 0, 0);
    add_fact(d, TD_FACT_BLOC, "Khối thi đua MTTQ tỉnh Khánh Hòa", "tinh", 0, 0);
    add_fact(d, TD_FACT_EVENT, "ky_ket", NULL, 0, 0);
    add_fact(d, TD_FACT_PLEDGE_YEAR, NULL, NULL, 0, 2024);
    add_fact(d, TD_FACT_LEADER, "Hội Liên hiệp Phụ nữ tỉnh", "truong_khoi", 2024, 0);
    add_fact(d, TD_FACT_OFFICIAL, "Nguyễn Văn A", "Đồng chí", 0, 0);
    return d;
}

static char *tmpdb(char *dir, size_t n)
{
    char tmpl[] = "/tmp/thidua-index-XXXXXX";
    if (!mkdtemp(tmpl))
        return NULL;
    snprintf(dir, n, "%s", tmpl);
    char *path = td_xmalloc(strlen(dir) + 16);
    sprintf(path, "%s/t.db", dir);
    return path;
}

static void rm_tmpdb(const char *dir, char *path)
{
    char buf[600];
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (int i = 0; i < 4; i++) {
        snprintf(buf, sizeof buf, "%s%s", path, suffix[i]);
        unlink(buf);
    }
    rmdir(dir);
    free(path);
}

TEST(index_store_replace_rollback)
{
    char dir[64];
    char *path = tmpdb(dir, sizeof dir);
    index_db *db = NULL;
    td_err e;
    CHECK(index_open(path, 0, &db, &e) != TD_OK && db == NULL);  /* no file yet */
    CHECK_INT(index_open(path, 1, &db, &e), TD_OK);

    td_doc *d = doc1("a.txt");
    int status = 0;
    CHECK_INT(index_store(db, d, &status, &e), TD_OK);
    CHECK_INT(status, INDEX_ADDED);
    CHECK(index_is_current(db, "a.txt", d->hash, NULL));
    CHECK(!index_is_current(db, "a.txt", "0000000000000000", NULL));
    /* a source address given now that was not before: extract again */
    CHECK(!index_is_current(db, "a.txt", d->hash, "https://example.gov.vn/a"));
    CHECK_INT(count(db, "SELECT count(*) FROM evidence"), 6);
    CHECK_INT(count(db, "SELECT count(*) FROM blocs WHERE province = 'Khánh Hòa'"
                        " AND pledge_year = 2024 AND event = 'ky_ket' AND level = 'tinh'"), 1);
    CHECK_INT(count(db, "SELECT count(*) FROM leaders l JOIN evidence v ON v.id ="
                        " l.evidence_id WHERE l.role = 'truong_khoi' AND l.year = 2024"
                        " AND v.rule = 'test.rule' AND v.sentence LIKE 'Khối thi đua%'"), 1);
    CHECK_INT(count(db, "SELECT count(*) FROM officials WHERE title = 'Đồng chí'"), 1);
    /* the evidence span reads back as the value */
    CHECK_INT(count(db, "SELECT count(*) FROM evidence v JOIN documents d ON d.id ="
                        " v.doc_id WHERE v.value IS NOT NULL AND v.fact <> 'event' AND"
                        " CAST(substr(CAST(d.text AS BLOB), v.span_start + 1,"
                        " v.span_end - v.span_start) AS TEXT) <> v.value"), 0);

    /* same content again: nothing written */
    CHECK_INT(index_store(db, d, &status, &e), TD_OK);
    CHECK_INT(status, INDEX_UNCHANGED);
    td_doc_free(d);

    /* changed content: same id, old rows gone (FTS too) */
    d = make_doc("a.txt", "Hội nghị sơ kết của Khối các Hội đặc thù.");
    CHECK_INT(index_store(db, d, &status, &e), TD_OK);
    CHECK_INT(status, INDEX_REPLACED);
    td_doc_free(d);
    CHECK_INT(count(db, "SELECT count(*) FROM documents"), 1);
    CHECK_INT(count(db, "SELECT id FROM documents"), 1);
    CHECK_INT(count(db, "SELECT count(*) FROM evidence"), 0);
    CHECK_INT(count(db, "SELECT count(*) FROM blocs"), 0);
    CHECK_INT(count(db, "SELECT count(*) FROM fts WHERE fts MATCH 'khanh'"), 0);
    CHECK_INT(count(db, "SELECT count(*) FROM fts WHERE fts MATCH 'dac thu'"), 1);

    /* a failure in the middle of a document rolls back that document only */
    sqlite3_exec(index_sqlite(db),
                 "CREATE TEMP TRIGGER boom BEFORE INSERT ON officials BEGIN"
                 " SELECT RAISE(ABORT, 'boom'); END", NULL, NULL, NULL);
    d = doc1("b.txt");
    td_err_clear(&e);
    CHECK_INT(index_store(db, d, &status, &e), TD_EDB);
    CHECK(strstr(e.msg, "boom") != NULL);
    td_doc_free(d);
    CHECK_INT(count(db, "SELECT count(*) FROM documents"), 1);
    CHECK_INT(count(db, "SELECT count(*) FROM evidence"), 0);
    CHECK_INT(count(db, "SELECT count(*) FROM fts"), 1);
    sqlite3_exec(index_sqlite(db), "DROP TRIGGER boom", NULL, NULL, NULL);
    d = doc1("b.txt");
    CHECK_INT(index_store(db, d, &status, &e), TD_OK);
    CHECK_INT(status, INDEX_ADDED);
    td_doc_free(d);

    /* show and stats read it back */
    index_docinfo *di = NULL;
    CHECK_INT(index_show(db, "b.txt", &di, &e), TD_OK);
    CHECK(di && di->nfacts == 6);
    if (di) {
        CHECK_STR(di->format, "text");
        CHECK_STR(di->facts[0].fact, "bloc");   /* text order */
        CHECK_STR(di->facts[0].rule, "test.rule");
    }
    index_docinfo_free(di);
    CHECK_INT(index_show(db, "99", &di, &e), TD_EUSAGE);
    CHECK(di == NULL);
    index_stats st;
    CHECK_INT(index_stats_get(db, &st, &e), TD_OK);
    CHECK_INT(st.documents, 2);
    CHECK_INT(st.bloc_docs, 1);
    CHECK_INT(st.nprovinces, 1);
    CHECK_INT(st.nyears, 1);
    if (st.nyears)
        CHECK_STR(st.years[0].key, "2024");
    index_stats_free(&st);
    index_close(db);
    rm_tmpdb(dir, path);
}

/* ---- search ---------------------------------------------------------------- */

static size_t search(index_db *db, const char *q, index_hit **hits)
{
    index_search_opts o;
    memset(&o, 0, sizeof o);
    o.query = q;
    o.limit = 10;
    size_t n = 0;
    td_err e;
    if (index_search(db, &o, hits, &n, NULL, NULL, &e) != TD_OK)
        return (size_t)-1;
    return n;
}

TEST(index_search_exact_first_and_migration)
{
    char dir[64];
    char *path = tmpdb(dir, sizeof dir);
    index_db *db = NULL;
    td_err e;
    CHECK_INT(index_open(path, 1, &db, &e), TD_OK);
    /* "hồi" is stored first, so only the exact ranking can put "hội" first;
     * the "hồi" document also repeats the word to win on bm25 */
    const char *texts[] = {
        "Hồi ức hồi ức hồi ức về thời bao cấp, nhớ lại hồi đó.",
        "Hội nghị của Hội Nông dân, nhiều nội dung khác nữa ở đây.",
        "Chuyện khác hẳn, không liên quan.",
    };
    for (int i = 0; i < 3; i++) {
        char p[32];
        snprintf(p, sizeof p, "d%d.txt", i);
        td_doc *d = make_doc(p, texts[i]);
        CHECK_INT(index_store(db, d, NULL, &e), TD_OK);
        td_doc_free(d);
    }
    index_hit *h = NULL;
    size_t n = search(db, "hội", &h);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(h[0].path, "d1.txt");
        CHECK_STR(h[1].path, "d0.txt");
        CHECK(strstr(h[0].snippet, "[Hội]") != NULL);
    }
    index_hits_free(h, n);
    n = search(db, "hồi", &h);
    CHECK(n == 2 && strcmp(h[0].path, "d0.txt") == 0);
    index_hits_free(h, n);
    n = search(db, "HOI", &h);       /* folded: both, bm25 order */
    CHECK_INT(n, 2);
    index_hits_free(h, n);
    n = search(db, "hoi NOT \"hoi nghi\"", &h);
    CHECK(n == 1 && strcmp(h[0].path, "d0.txt") == 0);
    index_hits_free(h, n);
    n = search(db, "nonexistentword", &h);
    CHECK_INT(n, 0);
    index_hits_free(h, n);

    /* an index built by another tokenizer version is rebuilt on open */
    CHECK_INT(sqlite3_exec(index_sqlite(db),
                           "UPDATE meta SET value = '0' WHERE key = 'tokenizer_version'",
                           NULL, NULL, NULL), SQLITE_OK);
    index_close(db);
    CHECK_INT(index_open(path, 0, &db, &e), TD_OK);
    CHECK_INT(count(db, "SELECT value FROM meta WHERE key = 'tokenizer_version'"),
              INDEX_TOKENIZER_VERSION);
    n = search(db, "hội", &h);
    CHECK_INT(n, 2);
    index_hits_free(h, n);
    index_close(db);
    rm_tmpdb(dir, path);
}

static size_t filtered(index_db *db, const char *q, const char *province,
                       const char *bloc, int year, const char *format,
                       index_hit **hits)
{
    index_search_opts o;
    memset(&o, 0, sizeof o);
    o.query = q;
    o.province = province;
    o.bloc = bloc;
    o.year = year;
    o.format = format;
    o.limit = 10;
    size_t n = 0;
    td_err e;
    if (index_search(db, &o, hits, &n, NULL, NULL, &e) != TD_OK)
        return (size_t)-1;
    return n;
}

TEST(index_search_filters)
{
    char dir[64];
    char *path = tmpdb(dir, sizeof dir);
    index_db *db = NULL;
    td_err e;
    CHECK_INT(index_open(path, 1, &db, &e), TD_OK);
    td_doc *d = doc1("kh.txt");
    CHECK_INT(index_store(db, d, NULL, &e), TD_OK);
    td_doc_free(d);
    d = make_doc("kt.txt", "Khối thi đua tỉnh Kon Tum tổng kết năm 2023. Hội Cựu chiến binh"
                           " làm Trưởng khối.");
    add_fact(d, TD_FACT_PROVINCE, "Kon Tum", NULL, 0, 0);
    add_fact(d, TD_FACT_BLOC, "Khối thi đua tỉnh Kon Tum", "tinh", 0, 0);
    add_fact(d, TD_FACT_REVIEWED_YEAR, NULL, NULL, 0, 2023);
    CHECK_INT(index_store(db, d, NULL, &e), TD_OK);
    td_doc_free(d);

    index_hit *h = NULL;
    size_t n = filtered(db, "thi đua", "KHANH HOA", NULL, 0, NULL, &h);
    CHECK(n == 1 && strcmp(h[0].path, "kh.txt") == 0);
    if (n == 1) {
        CHECK_STR(h[0].province, "Khánh Hòa");
        CHECK_STR(h[0].bloc, "Khối thi đua MTTQ tỉnh Khánh Hòa");
        CHECK_INT(h[0].year, 2024);
    }
    index_hits_free(h, n);
    n = filtered(db, "thi dua", NULL, NULL, 2023, NULL, &h);
    CHECK(n == 1 && strcmp(h[0].path, "kt.txt") == 0);
    index_hits_free(h, n);
    n = filtered(db, "thi dua", NULL, "mttq", 0, NULL, &h);
    CHECK(n == 1 && strcmp(h[0].path, "kh.txt") == 0);
    index_hits_free(h, n);
    n = filtered(db, "thi dua", NULL, NULL, 0, "html", &h);
    CHECK_INT(n, 0);
    index_hits_free(h, n);
    n = filtered(db, NULL, "kon", NULL, 0, "text", &h);   /* filters only */
    CHECK(n == 1 && strcmp(h[0].path, "kt.txt") == 0);
    index_hits_free(h, n);
    n = filtered(db, NULL, NULL, NULL, 2024, NULL, &h);
    CHECK(n == 1 && strcmp(h[0].path, "kh.txt") == 0);
    index_hits_free(h, n);
    index_close(db);
    rm_tmpdb(dir, path);
}
