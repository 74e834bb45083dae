/* test_names.c - canonical unit names, bloc similarity and provinces
 * (src/normalize/names.c) against the real data files in rules/. */
#include <stdlib.h>
#include <unistd.h>

#include "unit.h"
#include "normalize/names.h"

static names_table *load(void)
{
    td_err e;
    td_err_clear(&e);
    names_table *t = NULL;
    int rc = names_load(TD_RULES_DIR, &t, &e);
    if (rc != TD_OK)
        unit_fail(__FILE__, __LINE__, "names_load: %s", e.msg);
    return t;
}

/* Canonical display and key of raw, compared with the expectation. */
static void check_unit(names_table *t, const char *raw, const char *disp,
                       const char *key, int line)
{
    char *d = NULL, *k = NULL;
    names_unit(t, raw, &d, &k);
    if (strcmp(d, disp) != 0)
        unit_fail(__FILE__, line, "unit '%s': display \"%s\", want \"%s\"", raw, d, disp);
    if (key && strcmp(k, key) != 0)
        unit_fail(__FILE__, line, "unit '%s': key \"%s\", want \"%s\"", raw, k, key);
    free(d);
    free(k);
}
#define UNIT(t, raw, disp, key) check_unit(t, raw, disp, key, __LINE__)

TEST(names_words_expand_abbreviations)
{
    names_table *t = load();
    char *w = names_words(t, "Ủy ban MTTQ Việt Nam tỉnh");
    CHECK_STR(w, "uy ban mat tran to quoc viet nam tinh");
    free(w);
    w = names_words(t, "Khối thi đua VH-XH");
    CHECK_STR(w, "khoi thi dua van hoa xa hoi");
    free(w);
    w = names_words(t, "Liên minh  HTX –  tỉnh");
    CHECK_STR(w, "lien minh hop tac xa tinh");
    free(w);
    w = names_words(t, "");
    CHECK_STR(w, "");
    free(w);
    names_free(t);
}

TEST(names_unit_variants_one_key)
{
    names_table *t = load();
    const char *mttq[] = {
        "Ủy ban MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "UBMTTQVN tỉnh", "ủy ban mttq việt nam tỉnh Khánh Hòa",
        "Uỷ ban Mặt trận Tổ quốc tỉnh",
    };
    for (size_t i = 0; i < sizeof mttq / sizeof *mttq; i++)
        UNIT(t, mttq[i], "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
             "uy ban mat tran to quoc viet nam");
    const char *doan[] = {"Tỉnh đoàn", "Tỉnh Đoàn", "Đoàn TNCS Hồ Chí Minh tỉnh",
                          "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Kon Tum"};
    for (size_t i = 0; i < sizeof doan / sizeof *doan; i++)
        UNIT(t, doan[i], "Đoàn TNCS Hồ Chí Minh tỉnh",
             "doan thanh nien cong san ho chi minh");
    UNIT(t, "Hội LHPN tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "hoi lien hiep phu nu");
    UNIT(t, "Hội Liên hiệp phụ nữ tỉnh Khánh Hoà", "Hội Liên hiệp Phụ nữ tỉnh", NULL);
    UNIT(t, "LĐLĐ tỉnh", "Liên đoàn Lao động tỉnh", "lien doan lao dong");
    UNIT(t, "Hội CCB", "Hội Cựu chiến binh tỉnh", "hoi cuu chien binh");
    UNIT(t, "Hội Cựu chiến binh tỉnh Kon Tum", "Hội Cựu chiến binh tỉnh", NULL);
    UNIT(t, "Liên minh HTX", "Liên minh Hợp tác xã tỉnh", "lien minh hop tac xa");
    UNIT(t, "Hội nông dân tỉnh", "Hội Nông dân tỉnh", "hoi nong dan");
    /* na2023: "UBKT Tỉnh ủy" beside "Ủy ban Kiểm tra Tỉnh ủy" the year before */
    UNIT(t, "UBKT Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", NULL);
    UNIT(t, "Ủy ban kiểm tra tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", NULL);
    names_free(t);
}

TEST(names_unit_unknown_keeps_spelling)
{
    names_table *t = load();
    /* not in units.aliases: spaces collapsed, abbreviations written out,
     * the province after "tỉnh" dropped, the rest as written */
    UNIT(t, "  Sở   Tư pháp  tỉnh Gia Lai ", "Sở Tư pháp tỉnh", "so tu phap");
    UNIT(t, "Đài PTTH Nghệ An", "Đài Phát thanh - Truyền hình Nghệ An",
         "dai phat thanh truyen hinh nghe an");
    UNIT(t, "Trường Chính trị", "Trường Chính trị", "truong chinh tri");
    /* the city of Tây Ninh is not the province; Hà Nội the city is */
    UNIT(t, "UBND thành phố Tây Ninh", "Ủy ban nhân dân thành phố Tây Ninh",
         "uy ban nhan dan thanh pho tay ninh");
    UNIT(t, "Sở Y tế thành phố Hà Nội", "Sở Y tế thành phố", "so y te thanh pho");
    UNIT(t, "UBND tỉnh Tây Ninh", "Ủy ban nhân dân tỉnh", "uy ban nhan dan");
    names_free(t);
}

TEST(names_bloc_keys_and_confidence)
{
    names_table *t = load();
    char *a = names_bloc_key(t, "Khối thi đua MTTQ và các tổ chức chính trị - xã hội tỉnh Khánh Hòa");
    char *b = names_bloc_key(t, "Khối Mặt trận Tổ quốc và các đoàn thể tỉnh Khánh Hoà");
    char *c = names_bloc_key(t, "Khối MTTQ và các đoàn thể");
    CHECK_STR(a, "doan_the mat_tran_to_quoc");
    CHECK_STR(b, a);
    CHECK_STR(c, a);
    free(a);
    free(b);
    free(c);
    a = names_bloc_key(t, "Khối thi đua Văn hóa - Xã hội năm 2024");
    CHECK_STR(a, "van_hoa_xa_hoi");
    free(a);
    double s = names_bloc_confidence(
        t, "Khối thi đua MTTQ và các tổ chức chính trị - xã hội tỉnh Khánh Hòa",
        "Khánh Hòa", "Khối Mặt trận Tổ quốc và các đoàn thể", "Khánh Hòa");
    CHECK(s > 0.99);
    /* provinces that disagree are never the same bloc */
    s = names_bloc_confidence(t, "Khối MTTQ và các đoàn thể", "Khánh Hòa",
                              "Khối MTTQ và các đoàn thể", "Kon Tum");
    CHECK(s == 0);
    /* one province unknown: a little less sure */
    s = names_bloc_confidence(t, "Khối MTTQ và các đoàn thể", "Khánh Hòa",
                              "Khối MTTQ và các đoàn thể", NULL);
    CHECK(s > 0.85 && s < 0.95);
    /* different sectors stay apart */
    s = names_bloc_confidence(t, "Khối thi đua Văn hóa - Xã hội", NULL,
                              "Khối thi đua các cơ quan Đảng", NULL);
    CHECK(s < NAMES_BLOC_THRESHOLD);
    s = names_bloc_confidence(t, "Khối thi đua số 10", NULL, "Khối thi đua 4", NULL);
    CHECK(s == 0);
    s = names_bloc_confidence(t, "Khối thi đua số 10", NULL, "Khối thi đua 10", NULL);
    CHECK(s > 0.99);
    names_free(t);
}

TEST(names_key_similarity_values)
{
    CHECK(names_key_similarity("a b", "a b") == 1.0);
    CHECK(names_key_similarity("", "a") == 0);
    /* {a} inside {a b c}: Jaccard 1/3, containment 1 */
    double s = names_key_similarity("a", "a b c");
    CHECK(s > 0.66 && s < 0.67);
    CHECK(names_key_similarity("x 10", "x 4") == 0);
}

TEST(names_text_similarity_goals)
{
    names_table *t = load();
    double s = names_text_similarity(t, "Đẩy mạnh chuyển đổi số trong hoạt động tuyên truyền",
                                     "đẩy mạnh chuyển đổi số trong công tác tuyên truyền");
    CHECK(s >= 0.6);
    s = names_text_similarity(t, "Đẩy mạnh chuyển đổi số", "Chăm lo đời sống hội viên");
    CHECK(s < 0.2);
    names_free(t);
}

TEST(names_provinces_and_merger)
{
    names_table *t = load();
    CHECK_STR(names_province(t, "Khánh Hoà", NULL), "Khánh Hòa");
    CHECK_STR(names_province(t, "tỉnh khanh hoa", "2024-02-22"), "Khánh Hòa");
    CHECK_STR(names_province(t, "TP.HCM", NULL), "Hồ Chí Minh");
    CHECK_STR(names_province(t, "Thừa Thiên - Huế", NULL), "Huế");
    CHECK_STR(names_province(t, "Đắc Lắc", NULL), "Đắk Lắk");
    CHECK(names_province(t, "Khối thi đua", NULL) == NULL);
    CHECK_STR(names_province_in(t, "Khối thi đua MTTQ tỉnh Ninh Thuận", NULL), "Ninh Thuận");
    CHECK_STR(names_province_in(t, "Khối các Hội đặc thù Kon Tum", NULL), "Kon Tum");
    CHECK(names_province_in(t, "Đoàn TNCS Hồ Chí Minh", NULL) == NULL);
    CHECK_INT(names_province_set("2025-06-30"), 63);
    CHECK_INT(names_province_set("2025-07-01"), 34);
    CHECK_INT(names_province_set(NULL), 63);
    CHECK_STR(names_province_successor(t, "Ninh Thuận"), "Khánh Hòa");
    CHECK_STR(names_province_successor(t, "Khánh Hòa"), "Khánh Hòa");
    CHECK_STR(names_province_successor(t, "Hà Nội"), "Hà Nội");
    CHECK(names_province_is_part(t, "Khánh Hòa", "Ninh Thuận"));
    CHECK(!names_province_is_part(t, "Khánh Hòa", "Khánh Hòa"));
    CHECK(!names_province_is_part(t, "Khánh Hòa", "Kon Tum"));
    CHECK(names_province_is_part(t, "Quảng Ngãi", "Kon Tum"));
    names_free(t);
}

TEST(names_load_rejects_malformed)
{
    char dir[] = "/tmp/thidua-names-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/units.aliases", dir);
    FILE *f = fopen(path, "w");
    fputs("# ok\nHội Nông dân tỉnh = Hội ND\nno equals sign here\n", f);
    fclose(f);
    td_err e;
    td_err_clear(&e);
    names_table *t = (names_table *)1;
    CHECK_INT(names_load(dir, &t, &e), TD_ERULE);
    CHECK(t == NULL);
    CHECK(strstr(e.msg, "units.aliases:3") != NULL);
    remove(path);
    /* an empty directory is an empty table: plain folding */
    CHECK_INT(names_load(dir, &t, &e), TD_OK);
    char *d, *k;
    names_unit(t, "Hội  LHPN tỉnh", &d, &k);
    CHECK_STR(d, "Hội LHPN tỉnh");
    CHECK_STR(k, "hoi lhpn");
    free(d);
    free(k);
    names_free(t);
    rmdir(dir);
}
