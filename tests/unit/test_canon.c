/* test_canon.c - derived canonical tables, duplicates and overrides
 * (src/canon/) on per-document rows written straight into
 * a scratch database, so these tests do not depend on extraction. */
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"
#include "canon/canon.h"
#include "normalize/names.h"

#define LONG_TEXT                                                              \
    "Sáng 20/02/2024, Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh "     \
    "Khánh Hòa tổ chức Hội nghị ký kết giao ước thi đua năm 2024. Hội nghị "   \
    "thống nhất các nội dung thi đua, đẩy mạnh chuyển đổi số trong công tác "  \
    "tuyên truyền, chăm lo đời sống hội viên, đoàn viên và xây dựng tổ chức "  \
    "vững mạnh. Hội Liên hiệp Phụ nữ tỉnh là đơn vị Trưởng khối năm 2024, "    \
    "Liên đoàn Lao động tỉnh là Phó khối. Các đơn vị thành viên cam kết "      \
    "thực hiện thắng lợi các chỉ tiêu đề ra."

static const char *const setup_sql =
    "INSERT INTO documents(id, path, hash, format, size, text, published) VALUES"
    " (1, 'a/2023.txt', 'h1', 'text', 10, 'Khối MTTQ ký kết năm 2023, một bài khác hẳn', '2023-02-21'),"
    " (2, 'a/2024.txt', 'h2', 'text', 10, '" LONG_TEXT "', '2024-02-21'),"
    " (3, 'b/copy.txt', 'h3', 'text', 10, '" LONG_TEXT "', '2024-02-25'),"
    " (4, 'c/nt.txt', 'h4', 'text', 10, 'Ninh Thuận ký kết năm 2024', '2024-03-01'),"
    " (5, 'd/kt.txt', 'h5', 'text', 10, 'Kon Tum tổng kết năm 2023', '2024-01-31'),"
    " (6, 'e/near.txt', 'h6', 'text', 10, 'Theo Báo Khánh Hòa. " LONG_TEXT " Ảnh: T.H', '2024-03-02');"
    "INSERT INTO blocs(doc_id, name, province, event, pledge_year, reviewed_year, meeting_date, member_count) VALUES"
    " (1, 'Khối thi đua MTTQ và các tổ chức chính trị - xã hội tỉnh Khánh Hòa', 'Khánh Hoà', 'ky_ket', 2023, NULL, '2023-02-20', 3),"
    " (2, 'Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hòa', NULL, 'ky_ket', 2024, NULL, '2024-02-20', 4),"
    " (3, 'Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hòa', NULL, 'ky_ket', 2024, NULL, '2024-02-20', 4),"
    " (4, 'Khối thi đua MTTQ và các đoàn thể tỉnh Ninh Thuận', 'Ninh Thuận', 'ky_ket', 2024, NULL, '2024-02-28', NULL),"
    " (5, 'Khối thi đua Văn hóa - Xã hội', 'Kon Tum', 'tong_ket', 2024, 2023, '2024-01-30', 6),"
    " (6, 'Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hòa', NULL, 'ky_ket', 2024, NULL, '2024-02-20', 4);"
    "INSERT INTO members(doc_id, unit) VALUES"
    " (1, 'Ủy ban MTTQ tỉnh'), (1, 'Tỉnh đoàn'), (1, 'Hội LHPN tỉnh'),"
    " (2, 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'), (2, 'Hội Liên hiệp Phụ nữ tỉnh Khánh Hòa'),"
    " (2, 'Liên đoàn Lao động tỉnh'), (2, 'Hội LHPN tỉnh'),"
    " (3, 'Hội Nông dân tỉnh'), (6, 'Hội Nông dân tỉnh');"
    "INSERT INTO leaders(doc_id, unit, role, year) VALUES"
    " (1, 'Hội Cựu chiến binh tỉnh', 'truong_khoi', 2023),"
    " (2, 'Hội LHPN tỉnh', 'truong_khoi', 0), (2, 'LĐLĐ tỉnh', 'pho_khoi', 0),"
    " (2, 'Hội Cựu chiến binh tỉnh', 'truong_khoi', 2023),"
    " (5, 'Hội Chữ thập đỏ tỉnh', 'truong_khoi', 2024);"
    "INSERT INTO goals(doc_id, text) VALUES"
    " (1, 'Đẩy mạnh chuyển đổi số trong hoạt động tuyên truyền'),"
    " (2, 'đẩy mạnh chuyển đổi số trong công tác tuyên truyền'),"
    " (2, 'Chăm lo đời sống hội viên');";

static index_db *scratch(char *path, size_t n)
{
    snprintf(path, n, "/tmp/thidua-canon-%d.db", (int)getpid());
    unlink(path);
    td_err e;
    td_err_clear(&e);
    index_db *db = NULL;
    if (index_open(path, 1, &db, &e) != TD_OK) {
        unit_fail(__FILE__, __LINE__, "index_open: %s", e.msg);
        return NULL;
    }
    char *err = NULL;
    if (sqlite3_exec(index_sqlite(db), setup_sql, NULL, NULL, &err) != SQLITE_OK) {
        unit_fail(__FILE__, __LINE__, "setup: %s", err);
        sqlite3_free(err);
    }
    return db;
}

static void done(index_db *db, const char *path)
{
    char p2[300];
    index_close(db);
    unlink(path);
    snprintf(p2, sizeof p2, "%s-wal", path);
    unlink(p2);
    snprintf(p2, sizeof p2, "%s-shm", path);
    unlink(p2);
}

static size_t nblocs(index_db *db, const canon_filter *f)
{
    td_err e;
    canon_bloc *b = NULL;
    size_t n = 0;
    if (canon_blocs(db, TD_RULES_DIR, f, &b, &n, &e) != TD_OK)
        unit_fail(__FILE__, __LINE__, "blocs: %s", e.msg);
    canon_blocs_free(b, n);
    return n;
}

TEST(canon_blocs_merged_across_years)
{
    char path[256];
    index_db *db = scratch(path, sizeof path);
    if (!db)
        return;
    td_err e;
    td_err_clear(&e);
    CHECK_INT(canon_rebuild(db, TD_RULES_DIR, &e), TD_OK);
    canon_bloc *b = NULL;
    size_t n = 0;
    CHECK_INT(canon_blocs(db, TD_RULES_DIR, NULL, &b, &n, &e), TD_OK);
    CHECK_INT(n, 3);
    if (n == 3) {
        /* ordered by province: Khánh Hòa, Kon Tum, Ninh Thuận */
        CHECK_STR(b[0].province, "Khánh Hòa");
        CHECK_STR(b[1].province, "Kon Tum");
        CHECK_STR(b[2].province, "Ninh Thuận");
        CHECK_INT(b[0].id, 1);
        /* the 2024 spelling is used by two documents (2 and its near copy
         * 6 count once, 3 is an exact copy): one canonical doc each year */
        CHECK_INT(b[0].nvariants, 2);
        CHECK_INT(b[0].nyears, 2);
        const canon_year *y23 = canon_bloc_year_get(&b[0], 2023);
        const canon_year *y24 = canon_bloc_year_get(&b[0], 2024);
        CHECK(y23 && y24);
        if (y23 && y24) {
            CHECK_STR(y23->leader, "Hội Cựu chiến binh tỉnh");
            CHECK(y23->deputy == NULL);
            CHECK_INT(y23->member_count, 3);
            CHECK_INT(y23->nmembers, 3);
            if (y23->nmembers == 3) {
                /* in folded order: doan, hoi, uy */
                CHECK_STR(y23->members[0], "Đoàn TNCS Hồ Chí Minh tỉnh");
                CHECK_STR(y23->members[1], "Hội Liên hiệp Phụ nữ tỉnh");
                CHECK_STR(y23->members[2], "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh");
            }
            CHECK_STR(y24->leader, "Hội Liên hiệp Phụ nữ tỉnh");
            CHECK_STR(y24->deputy, "Liên đoàn Lao động tỉnh");
            CHECK_INT(y24->member_count, 4);
            /* LHPN twice in the list and the copies' Hội Nông dân: 3 units */
            CHECK_INT(y24->nmembers, 3);
            CHECK_INT(y24->ngoals, 2);
            CHECK_INT(y24->ndocs, 1);
            CHECK_STR(y24->meeting_date, "2024-02-20");
        }
        /* the Kon Tum review of 2023 held with the 2024 pledge */
        CHECK_INT(b[1].nyears, 2);
        const canon_year *k24 = canon_bloc_year_get(&b[1], 2024);
        CHECK(k24 && k24->leader && strcmp(k24->leader, "Hội Chữ thập đỏ tỉnh") == 0);
        CHECK(k24 && k24->member_count == 6);
        const canon_year *k23 = canon_bloc_year_get(&b[1], 2023);
        CHECK(k23 && k23->member_count == -1);
        for (size_t i = 0; i < b[0].nvariants; i++)
            CHECK(b[0].variants[i].confidence >= NAMES_BLOC_THRESHOLD);
    }
    canon_blocs_free(b, n);

    /* --province of a merged province brings its former parts, flagged */
    canon_filter f = {"khanh hoa", NULL, 0};
    CHECK_INT(canon_blocs(db, TD_RULES_DIR, &f, &b, &n, &e), TD_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK(b[0].part_of == NULL);
        CHECK_STR(b[1].province, "Ninh Thuận");
        CHECK_STR(b[1].part_of, "Khánh Hòa");
    }
    canon_blocs_free(b, n);
    canon_filter f2 = {"Atlantis", NULL, 0};
    CHECK_INT(canon_blocs(db, TD_RULES_DIR, &f2, &b, &n, &e), TD_EUSAGE);
    canon_filter f3 = {NULL, "Khối Văn hóa - Xã hội", 0};
    CHECK_INT(nblocs(db, &f3), 1);
    canon_filter f4 = {NULL, NULL, 2023};
    CHECK_INT(nblocs(db, &f4), 2);
    done(db, path);
}

TEST(canon_duplicates_and_copies)
{
    char path[256];
    index_db *db = scratch(path, sizeof path);
    if (!db)
        return;
    td_err e;
    CHECK_INT(canon_ensure(db, TD_RULES_DIR, &e), TD_OK);
    canon_doc_copy *c = NULL;
    size_t n = 0;
    CHECK_INT(canon_doc_copies(db, 3, &c, &n, &e), TD_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_INT(c[0].doc_id, 2);   /* the canonical copy first */
        CHECK(c[0].canonical);
        CHECK_STR(c[0].kind, "exact");
        CHECK_INT(c[1].doc_id, 6);
        CHECK_STR(c[1].kind, "near");
        CHECK(c[1].similarity >= 0.8 && c[1].similarity < 1);
    }
    canon_doc_copies_free(c, n);
    CHECK_INT(canon_doc_copies(db, 1, &c, &n, &e), TD_OK);
    CHECK_INT(n, 0);
    canon_doc_copies_free(c, n);
    done(db, path);
}

TEST(canon_overrides_and_staleness)
{
    char path[256];
    index_db *db = scratch(path, sizeof path);
    if (!db)
        return;
    td_err e;
    td_err_clear(&e);
    CHECK_INT(nblocs(db, NULL), 3);
    CHECK_INT(canon_override(db, TD_RULES_DIR, "split",
                             "Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hòa",
                             NULL, 0, &e), TD_OK);
    CHECK_INT(nblocs(db, NULL), 4);
    CHECK_INT(canon_override(db, TD_RULES_DIR, "clear",
                             "Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hòa",
                             NULL, 0, &e), TD_OK);
    CHECK_INT(nblocs(db, NULL), 3);
    /* ids as printed: 1 Khánh Hòa, 3 Ninh Thuận */
    CHECK_INT(canon_override(db, TD_RULES_DIR, "merge", "1", "3", 0, &e), TD_OK);
    CHECK_INT(nblocs(db, NULL), 2);
    canon_bloc *b = NULL;
    size_t n = 0;
    CHECK_INT(canon_blocs(db, TD_RULES_DIR, NULL, &b, &n, &e), TD_OK);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < b[i].nvariants; j++)
            found += strcmp(b[i].variants[j].how, "override") == 0;
    CHECK_INT(found, 1);
    canon_blocs_free(b, n);
    CHECK_INT(canon_override(db, TD_RULES_DIR, "merge", "1", "99", 0, &e), TD_EUSAGE);
    CHECK(strstr(e.msg, "'99'") != NULL);
    /* a new document makes the canon stale: ensure rebuilds it */
    sqlite3_exec(index_sqlite(db),
                 "INSERT INTO documents(id, path, hash, format, size, text) VALUES"
                 " (7, 'f.txt', 'h7', 'text', 1, 'x');"
                 "INSERT INTO blocs(doc_id, name, province, pledge_year) VALUES"
                 " (7, 'Khối thi đua các cơ quan Đảng', 'Gia Lai', 2025);",
                 NULL, NULL, NULL);
    CHECK_INT(nblocs(db, NULL), 3);
    done(db, path);
}

TEST(canon_province_less_names_need_evidence)
{
    char path[256];
    index_db *db = scratch(path, sizeof path);
    if (!db)
        return;
    /* 8: a district bloc named like a provincial one, no province, its own
     * units; 9: the Kon Tum bloc's name without province, sharing two
     * units; 10: a province-less MTTQ name that fits Khánh Hòa and Ninh
     * Thuận; 11: the same name sharing one unit that every province has
     * (not enough: a name alone, or one common unit, ties nothing) */
    const char *more =
        "INSERT INTO documents(id, path, hash, format, size, text) VALUES"
        " (8, 'g.txt', 'h8', 'text', 1, 'huyện'), (9, 'h.txt', 'h9', 'text', 1, 'kon tum 2025'),"
        " (10, 'i.txt', 'h10', 'text', 1, 'mttq không rõ tỉnh'),"
        " (11, 'j.txt', 'h11', 'text', 1, 'vhxh không rõ tỉnh');"
        "INSERT INTO blocs(doc_id, name, province, level, pledge_year) VALUES"
        " (8, 'Khối thi đua Văn hóa - Xã hội', NULL, 'huyen', 2021),"
        " (9, 'Khối Văn hóa - Xã hội', NULL, 'tinh', 2025),"
        " (10, 'Khối MTTQ và các đoàn thể', NULL, 'tinh', 2022),"
        " (11, 'Khối Văn hóa - Xã hội', NULL, 'tinh', 2019);"
        "INSERT INTO members(doc_id, unit) VALUES (8, 'Phòng Văn hóa huyện'),"
        " (5, 'Sở Y tế tỉnh'), (9, 'Sở Y tế tỉnh'),"
        " (9, 'Hội Chữ thập đỏ tỉnh'), (10, 'Hội LHPN tỉnh'), (10, 'Hội CCB'),"
        " (11, 'Hội Chữ thập đỏ tỉnh');";
    CHECK(sqlite3_exec(index_sqlite(db), more, NULL, NULL, NULL) == SQLITE_OK);
    td_err e;
    canon_bloc *b = NULL;
    size_t n = 0;
    CHECK_INT(canon_blocs(db, TD_RULES_DIR, NULL, &b, &n, &e), TD_OK);
    /* Khánh Hòa, Kon Tum (+ doc 9), Ninh Thuận, and the three left alone */
    CHECK_INT(n, 6);
    int kontum = 0, alone = 0;
    for (size_t i = 0; i < n; i++) {
        if (b[i].province && strcmp(b[i].province, "Kon Tum") == 0) {
            kontum = 1;
            CHECK_INT(b[i].nvariants, 2);
            CHECK(canon_bloc_year_get(&b[i], 2025) != NULL);
        }
        if (!b[i].province)
            alone++;
    }
    CHECK(kontum);
    CHECK_INT(alone, 3);
    canon_blocs_free(b, n);
    done(db, path);
}

/* Insert an evidence row for doc 2 spanning `span` inside `sent` of
 * LONG_TEXT; returns its id, 0 on failure. */
static long add_evidence(index_db *db, const char *fact, const char *value, long num,
                         const char *sent, const char *span)
{
    const char *s = strstr(LONG_TEXT, sent), *p = s ? strstr(s, span) : NULL;
    if (!p)
        return 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(index_sqlite(db),
                           "INSERT INTO evidence(doc_id, fact, value, num, rule, span_start,"
                           " span_end, sent_start, sent_end, sentence) VALUES"
                           " (2, ?1, ?2, ?3, 'test', ?4, ?5, ?6, ?7, ?8)", -1, &st,
                           NULL) != SQLITE_OK)
        return 0;
    long a = (long)(p - LONG_TEXT), z = a + (long)strlen(span);
    long ss = (long)(s - LONG_TEXT);
    sqlite3_bind_text(st, 1, fact, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, num);
    sqlite3_bind_int64(st, 4, a);
    sqlite3_bind_int64(st, 5, z);
    sqlite3_bind_int64(st, 6, ss);
    sqlite3_bind_int64(st, 7, ss + (long)strlen(sent));
    sqlite3_bind_text(st, 8, sent, -1, SQLITE_STATIC);
    long id = sqlite3_step(st) == SQLITE_DONE
                  ? (long)sqlite3_last_insert_rowid(index_sqlite(db)) : 0;
    sqlite3_finalize(st);
    return id;
}

TEST(canon_sources_trace_facts)
{
    char path[256];
    index_db *db = scratch(path, sizeof path);
    if (!db)
        return;
    const char *sent = "Hội Liên hiệp Phụ nữ tỉnh là đơn vị Trưởng khối năm 2024, "
                       "Liên đoàn Lao động tỉnh là Phó khối.";
    long lead = add_evidence(db, "leaders", "Hội LHPN tỉnh", 0, sent,
                             "Hội Liên hiệp Phụ nữ tỉnh là đơn vị Trưởng khối");
    long dep = add_evidence(db, "leaders", "LĐLĐ tỉnh", 0, sent,
                            "Liên đoàn Lao động tỉnh là Phó khối");
    CHECK(lead > 0 && dep > 0);
    char sql[300];
    snprintf(sql, sizeof sql,
             "UPDATE leaders SET evidence_id = %ld WHERE doc_id = 2 AND role = 'truong_khoi'"
             " AND year = 0; UPDATE leaders SET evidence_id = %ld WHERE doc_id = 2 AND"
             " role = 'pho_khoi'", lead, dep);
    CHECK_INT(sqlite3_exec(index_sqlite(db), sql, NULL, NULL, NULL), SQLITE_OK);
    td_err e;
    td_err_clear(&e);
    CHECK_INT(canon_rebuild(db, TD_RULES_DIR, &e), TD_OK);
    canon_sources *s = NULL;
    CHECK_INT(canon_sources_open(db, &s, &e), TD_OK);
    canon_source *v = NULL;
    size_t n = 0;
    /* bloc 1, 2024: the leader as canonical name; only the counted report
     * (doc 2), not its copies (3, 6) */
    CHECK_INT(canon_sources_get(s, 1, 2024, CANON_SRC_LEADER, "Hội Liên hiệp Phụ nữ tỉnh",
                                &v, &n, &e), TD_OK);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_INT(v[0].doc_id, 2);
        CHECK_STR(v[0].path, "a/2024.txt");
        CHECK_STR(v[0].written, "Hội LHPN tỉnh");
        CHECK_STR(v[0].sentence, sent);
        CHECK_INT(v[0].year, 2024);
        /* the span, read back from the sentence, is the role clause */
        CHECK_INT(v[0].start - v[0].sent_start, 0);
        CHECK_INT(v[0].end - v[0].start,
                  (long)strlen("Hội Liên hiệp Phụ nữ tỉnh là đơn vị Trưởng khối"));
    }
    canon_sources_free(v, n);
    CHECK_INT(canon_sources_get(s, 1, 2024, CANON_SRC_DEPUTY, "Liên đoàn Lao động tỉnh",
                                &v, &n, &e), TD_OK);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_STR(v[0].written, "LĐLĐ tỉnh");
    canon_sources_free(v, n);
    /* a leader is not a deputy */
    CHECK_INT(canon_sources_get(s, 1, 2024, CANON_SRC_DEPUTY, "Hội Liên hiệp Phụ nữ tỉnh",
                                &v, &n, &e), TD_OK);
    CHECK_INT(n, 0);
    canon_sources_free(v, n);
    /* two reports name the 2023 leader with its year: in document order;
     * doc 1 has no evidence row, so no sentence */
    CHECK_INT(canon_sources_get(s, 1, 2023, CANON_SRC_LEADER, "Hội Cựu chiến binh tỉnh",
                                &v, &n, &e), TD_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_INT(v[0].doc_id, 1);
        CHECK_INT(v[1].doc_id, 2);
        CHECK(v[0].sentence == NULL);
        CHECK_INT(v[0].start, -1);
    }
    canon_sources_free(v, n);
    /* members: "Hội LHPN tỉnh" and "Hội Liên hiệp Phụ nữ tỉnh Khánh Hòa" in
     * doc 2 are one unit, one source */
    CHECK_INT(canon_sources_get(s, 1, 2024, CANON_SRC_MEMBER, "Hội Liên hiệp Phụ nữ tỉnh",
                                &v, &n, &e), TD_OK);
    CHECK_INT(n, 1);
    canon_sources_free(v, n);
    /* the stated count: the report stating it */
    CHECK_INT(canon_sources_get(s, 1, 2023, CANON_SRC_COUNT, "3", &v, &n, &e), TD_OK);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_INT(v[0].doc_id, 1);
    canon_sources_free(v, n);
    CHECK_INT(canon_sources_get(s, 1, 2023, CANON_SRC_COUNT, "5", &v, &n, &e), TD_OK);
    CHECK_INT(n, 0);
    canon_sources_free(v, n);
    /* goals by their text as written */
    CHECK_INT(canon_sources_get(s, 1, 2023, CANON_SRC_GOAL,
                                "Đẩy mạnh chuyển đổi số trong hoạt động tuyên truyền",
                                &v, &n, &e), TD_OK);
    CHECK_INT(n, 1);
    canon_sources_free(v, n);
    /* a name's reports: the 2024 spelling is written by doc 2 (copies
     * not counted) */
    CHECK_INT(canon_sources_get(s, 1, 0, CANON_SRC_NAME,
                                "Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hòa",
                                &v, &n, &e), TD_OK);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_INT(v[0].doc_id, 2);
    canon_sources_free(v, n);
    /* the bloc reported in 2023 through doc 1 */
    CHECK_INT(canon_sources_get(s, 1, 2023, CANON_SRC_BLOC, "", &v, &n, &e), TD_OK);
    CHECK_INT(n, 1);
    canon_sources_free(v, n);
    canon_sources_close(s);
    done(db, path);
}
