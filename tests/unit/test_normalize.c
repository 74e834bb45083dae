/* test_normalize.c - unit tests for src/normalize: numbers, dates, tone
 * placement, matching keys, legacy encodings and their detection.
 * Table-like cases for fold/key/tone live in tests/normalize/ (*.test); here
 * are the ones that need C (byte counts, binary input, the shared vectors).
 */
#include <math.h>
#include <stdlib.h>

#include "unit.h"
#include "normalize/normalize.h"

/* ---- numbers ----------------------------------------------------------- */

static void check_number(const char *file, int line, const char *s,
                         double want, size_t want_used)
{
    double v = -1;
    size_t used = norm_parse_number(s, strlen(s), &v);
    if (used != want_used || fabs(v - want) > 1e-9)
        unit_fail(file, line, "norm_parse_number(\"%s\"): got %g (%zu bytes), "
                  "want %g (%zu bytes)", s, v, used, want, want_used);
}
#define NUM(s, v, used) check_number(__FILE__, __LINE__, s, v, used)

TEST(number_thousands_and_decimals)
{
    NUM("8.000", 8000, 5);
    NUM("1.234.567", 1234567, 9);
    NUM("8.000.000đ", 8000000, 9);
    NUM("09", 9, 2);
    NUM("07 trường", 7, 2);
    NUM("1,5", 1.5, 3);
    NUM("2,5%", 2.5, 3);
    NUM("1.250,75 tỷ", 1250.75, 8);
    NUM("100%", 100, 3);
    NUM("9.5 điểm", 9.5, 3);
    NUM("1,234,567", 1234567, 9);
}

TEST(number_stops_at_the_right_place)
{
    NUM("2024.", 2024, 4);           /* sentence-final dot */
    NUM("2019-2020", 2019, 4);
    NUM("6/6 đơn vị", 6, 1);
    NUM("1.234.56", 1234, 5);        /* a broken group ends the number */
    NUM("3, 4", 3, 1);
    NUM("abc", 0, 0);
    NUM("", 0, 0);
    NUM(".5", 0, 0);
    NUM("12345678901234567890", 0, 0);   /* too long to be exact */
}

/* ---- dates ------------------------------------------------------------- */

static void check_date(const char *file, int line, const char *s, int wy,
                       int wm, int wd, size_t want_used)
{
    int y = -1, m = -1, d = -1;
    size_t used = norm_parse_date(s, strlen(s), &y, &m, &d);
    if (used != want_used || y != wy || m != wm || d != wd)
        unit_fail(file, line, "norm_parse_date(\"%s\"): got %d-%d-%d (%zu bytes), "
                  "want %d-%d-%d (%zu bytes)", s, y, m, d, used, wy, wm, wd,
                  want_used);
}
#define DATE(s, y, m, d, used) check_date(__FILE__, __LINE__, s, y, m, d, used)
#define NODATE(s) check_date(__FILE__, __LINE__, s, 0, 0, 0, 0)

TEST(date_numeric)
{
    DATE("22/02/2024", 2024, 2, 22, 10);
    DATE("22-2-2024", 2024, 2, 22, 9);
    DATE("22.2.2024 tại", 2024, 2, 22, 9);
    DATE("3/3", 0, 3, 3, 3);
    DATE("15/06/2024 17:21", 2024, 6, 15, 10);
    DATE("10-4, tại hội trường", 0, 4, 10, 4);
    DATE("2024-02-22", 2024, 2, 22, 10);
    DATE("29/2/2024", 2024, 2, 29, 9);
    DATE("29/2", 0, 2, 29, 4);
    DATE("ngày 03/01/2020", 2020, 1, 3, strlen("ngày 03/01/2020"));
    DATE("11/6/1948 – 11/6/2023", 1948, 6, 11, 9);
}

TEST(date_words_and_folded)
{
    const char *s = "ngày 3 tháng 3 năm 2024 tại";
    DATE(s, 2024, 3, 3, strlen("ngày 3 tháng 3 năm 2024"));
    DATE("Ngày 15 tháng 01 năm 2023", 2023, 1, 15, strlen("Ngày 15 tháng 01 năm 2023"));
    DATE("NGÀY 15 THÁNG 01 NĂM 2023", 2023, 1, 15, strlen("NGÀY 15 THÁNG 01 NĂM 2023"));
    DATE("ngay 3 thang 3 nam 2024", 2024, 3, 3, 23);
    DATE("ngày 5 tháng 9", 0, 9, 5, strlen("ngày 5 tháng 9"));
    DATE("tháng 3/2024", 2024, 3, 0, strlen("tháng 3/2024"));
    DATE("thang 12 nam 2019,", 2019, 12, 0, 17);
    DATE("ngày 3 tháng 3\nnăm 2024", 2024, 3, 3, strlen("ngày 3 tháng 3\nnăm 2024"));
    /* decomposed (NFD) "ngày" */
    DATE("nga\xCC\x80y 1/5/2024", 2024, 5, 1, strlen("nga\xCC\x80y 1/5/2024"));
}

TEST(date_rejects)
{
    NODATE("31/2/2024");
    NODATE("29/2/2023");
    NODATE("32/1");
    NODATE("5/13");
    NODATE("0/5");
    NODATE("3.5");            /* decimal number */
    NODATE("2019-2020");      /* school year */
    NODATE("05/CT-UBND");
    NODATE("12/2024/QĐ-UBND");
    NODATE("22/02/24");
    NODATE("3/345");
    NODATE("tháng 3");        /* a month needs its year */
    NODATE("6 tháng đầu năm");
    NODATE("ngày tháng năm");
    NODATE("ngày 25, 26/9/2019");
    NODATE("");
    NODATE("Sáng 22/3");      /* the caller points at the date itself */
}

/* ---- tone placement and keys ------------------------------------------- */

static void check_tone(const char *file, int line, const char *in, const char *want)
{
    td_buf b = TD_BUF_INIT;
    norm_tone(in, strlen(in), &b);
    if (strcmp(b.ptr, want) != 0)
        unit_fail(file, line, "norm_tone(\"%s\"): got \"%s\", want \"%s\"", in, b.ptr, want);
    td_buf_free(&b);
}
#define TONE(in, want) check_tone(__FILE__, __LINE__, in, want)

TEST(tone_old_to_canonical)
{
    TONE("Hoà", "Hòa");
    TONE("thuỷ", "thủy");
    TONE("Khoẻ", "Khỏe");
    TONE("hoá", "hóa");
    TONE("uỷ ban", "ủy ban");
    TONE("Thuý", "Thúy");
    TONE("Khánh Hoà", "Khánh Hòa");
    TONE("CỘNG HOÀ", "CỘNG HÒA");
    TONE("ỦY BAN", "ỦY BAN");
    TONE("UỶ BAN", "ỦY BAN");
    TONE("qúy", "quý");             /* a misplaced tone is moved too */
    TONE("ngoaì", "ngoài");
    TONE("khuyủ", "khuỷu");
}

TEST(tone_left_alone)
{
    TONE("hoàn thành", "hoàn thành");
    TONE("thuyết", "thuyết");
    TONE("quả", "quả");
    TONE("già", "già");
    TONE("giữ gìn", "giữ gìn");
    TONE("người", "người");
    TONE("thuở", "thuở");
    TONE("rượu", "rượu");
    TONE("khuyến khích", "khuyến khích");
    TONE("toán", "toán");
    TONE("huýt", "huýt");
    TONE("Huỳnh", "Huỳnh");
    TONE("HĐND, UBND 2024", "HĐND, UBND 2024");
    TONE("café", "café");          /* not a syllable with a Vietnamese coda */
    TONE("", "");
    /* decomposed input comes out composed */
    TONE("Ho\xCC\x80" "a", "Hòa");
}

TEST(key_keeps_diacritics)
{
    char *k = norm_key_str("  Khánh  Hoà –\u00A0“Thuỷ”  ");
    CHECK_STR(k, " khánh hòa - \"thủy\" ");
    free(k);
    k = norm_key_str("ỦY BAN NHÂN DÂN");
    CHECK_STR(k, "ủy ban nhân dân");
    free(k);
    char *a = norm_key_str("Uỷ ban nhân dân tỉnh Khánh Hoà");
    char *b = norm_key_str("ủy ban nhân dân tỉnh khánh hòa");
    CHECK_STR(a, b);
    free(a);
    free(b);
}
