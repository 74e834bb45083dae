/* test_normalize.c - unit tests for src/normalize: numbers, dates, tone
 * placement, matching keys, legacy encodings and their detection.
 * Table-like cases for fold/key/tone live in tests/normalize/ (*.test); here
 * are the ones that need C (byte counts, binary input, the shared vectors).
 */
#include <math.h>
#include <stdlib.h>

#include "unit.h"
#include "normalize/normalize.h"
#include "normalize/norm_int.h"

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

/* ---- legacy encodings -------------------------------------------------- */

static char *decode_str(norm_encoding enc, const void *in, size_t n, int hfont)
{
    td_buf b = TD_BUF_INIT;
    norm_decode(enc, in, n, hfont, &b);
    return td_buf_detach(&b);
}

static char *decode_u8(norm_encoding enc, const char *s, int hfont)
{
    td_buf b = TD_BUF_INIT;
    norm_decode_legacy_utf8(enc, s, strlen(s), hfont, &b);
    return td_buf_detach(&b);
}

TEST(legacy_small_cases)
{
    char *s;
    /* TCVN3 "người" is ng + 0xAD (a soft hyphen in Latin-1) + êi */
    s = decode_str(NORM_ENC_TCVN3, "ng\xAD\xEAi", 5, 0);
    CHECK_STR(s, "người");
    free(s);
    s = decode_u8(NORM_ENC_TCVN3, "ng\u00AD\u00EAi", 0);
    CHECK_STR(s, "người");
    free(s);
    /* H font: the whole run in capitals, ASCII too */
    s = decode_u8(NORM_ENC_TCVN3, "c\u00E9ng h\u00DFa", 1);
    CHECK_STR(s, "CỘNG HÒA");
    free(s);
    /* curly quotes in a legacy run are punctuation, not letters */
    s = decode_u8(NORM_ENC_TCVN3, "\u201Cth\u00AB\u201D", 0);
    CHECK_STR(s, "“thô”");
    free(s);
    /* VNI: greedy pairs, single-byte ơ + tone, and a mark of the wrong case */
    s = decode_str(NORM_ENC_VNI, "Vie\xE4t Nam, \xF4\xF9t, Ngo\xC2", 20, 0);
    CHECK_STR(s, "Việt Nam, ớt, Ngô");
    free(s);
    s = decode_str(NORM_ENC_VNI, "VIE\xE4T", 5, 0);
    CHECK_STR(s, "VIỆT");
    free(s);
    /* windows-1258: base + combining tone byte composes */
    s = decode_str(NORM_ENC_CP1258, "Vi\xEA\xF2t", 5, 0);
    CHECK_STR(s, "Việt");
    free(s);
    /* VISCII in a DOCX: byte 0x80 (Ạ) shows as the euro sign */
    s = decode_u8(NORM_ENC_VISCII, "\u20AC", 0);
    CHECK_STR(s, "Ạ");
    free(s);
    s = decode_str(NORM_ENC_UTF16LE, "\xFF\xFEH\0\xF2\x00", 6, 0);
    CHECK_STR(s, "Hò");
    free(s);
    s = decode_str(NORM_ENC_UTF8, "\xEF\xBB\xBFHo\xCC\x80" "a", 8, 0);
    CHECK_STR(s, "Hòa");
    free(s);
}

TEST(legacy_font_names_and_labels)
{
    int h = -1;
    CHECK_INT(norm_font_encoding(".VnTime", &h), NORM_ENC_TCVN3);
    CHECK_INT(h, 0);
    CHECK_INT(norm_font_encoding(".VnTimeH", &h), NORM_ENC_TCVN3);
    CHECK_INT(h, 1);
    CHECK_INT(norm_font_encoding(".VnArial NarrowH", &h), NORM_ENC_TCVN3);
    CHECK_INT(h, 1);
    CHECK_INT(norm_font_encoding(".VnArial Narrow", &h), NORM_ENC_TCVN3);
    CHECK_INT(h, 0);
    CHECK_INT(norm_font_encoding("\"\\.VnTimeH\"", &h), NORM_ENC_TCVN3);
    CHECK_INT(h, 1);
    CHECK_INT(norm_font_encoding(".vntimeh", &h), NORM_ENC_TCVN3);
    CHECK_INT(h, 1);
    CHECK_INT(norm_font_encoding("'.VnTime', serif", &h), NORM_ENC_TCVN3);
    CHECK_INT(h, 0);
    CHECK_INT(norm_font_encoding("VNI-Times", &h), NORM_ENC_VNI);
    CHECK_INT(norm_font_encoding("vni-helve-condense", &h), NORM_ENC_VNI);
    CHECK_INT(h, 0);
    CHECK_INT(norm_font_encoding("Times New Roman", &h), NORM_ENC_UNKNOWN);
    CHECK_INT(norm_font_encoding("Verdana", NULL), NORM_ENC_UNKNOWN);
    CHECK_INT(norm_font_encoding(NULL, &h), NORM_ENC_UNKNOWN);

    CHECK_INT(norm_encoding_from_label("windows-1258"), NORM_ENC_CP1258);
    CHECK_INT(norm_encoding_from_label(" CP1258 "), NORM_ENC_CP1258);
    CHECK_INT(norm_encoding_from_label("UTF8"), NORM_ENC_UTF8);
    CHECK_INT(norm_encoding_from_label("\"utf-8\""), NORM_ENC_UTF8);
    CHECK_INT(norm_encoding_from_label("ISO-8859-1"), NORM_ENC_CP1252);
    CHECK_INT(norm_encoding_from_label("TCVN3"), NORM_ENC_TCVN3);
    CHECK_INT(norm_encoding_from_label("VISCII"), NORM_ENC_VISCII);
    CHECK_INT(norm_encoding_from_label("koi8-r"), NORM_ENC_UNKNOWN);
    CHECK_INT(norm_encoding_from_label(NULL), NORM_ENC_UNKNOWN);
    for (int e = NORM_ENC_UTF8; e <= NORM_ENC_VISCII; e++)
        CHECK_INT(norm_encoding_from_label(norm_encoding_name(e)), e);
    CHECK_STR(norm_encoding_name(NORM_ENC_UNKNOWN), "unknown");
}

/* ---- the shared vectors and samples ------------------------------------ */

/* The shared folder: $SHARED or ../shared from the repo root. */
static const char *shared_dir(void)
{
    const char *s = getenv("SHARED");
    return s && *s ? s : "../shared";
}

static char *read_shared(const char *rel, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/legacy-encodings/%s", shared_dir(), rel);
    char *data = NULL;
    td_err e;
    if (td_read_file(path, 16u << 20, &data, len, &e) != TD_OK)
        return NULL;
    return data;
}

/* Parse the JSON string that follows "key": after p; returns a malloc'd
 * UTF-8 string and moves *end past it, NULL when not found before stop. */
static char *json_field(const char *p, const char *stop, const char *key,
                        const char **end)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\": \"", key);
    const char *q = strstr(p, pat);
    if (!q || (stop && q >= stop))
        return NULL;
    q += strlen(pat);
    td_buf b = TD_BUF_INIT;
    td_buf_append(&b, "", 0);
    while (*q && *q != '"') {
        if (*q != '\\') {
            td_buf_putc(&b, *q++);
            continue;
        }
        q++;
        char c = *q++;
        if (c == 'n') td_buf_putc(&b, '\n');
        else if (c == 't') td_buf_putc(&b, '\t');
        else if (c == 'r') td_buf_putc(&b, '\r');
        else if (c == 'u') {
            unsigned v = (unsigned)strtoul((char[5]){q[0], q[1], q[2], q[3], 0}, NULL, 16);
            q += 4;
            if (v >= 0xD800 && v < 0xDC00 && q[0] == '\\' && q[1] == 'u') {
                unsigned lo = (unsigned)strtoul((char[5]){q[2], q[3], q[4], q[5], 0}, NULL, 16);
                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                q += 6;
            }
            char u[4];
            int k = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4;
            if (k == 1) u[0] = (char)v;
            else if (k == 2) { u[0] = (char)(0xC0 | v >> 6); u[1] = (char)(0x80 | (v & 0x3F)); }
            else if (k == 3) { u[0] = (char)(0xE0 | v >> 12); u[1] = (char)(0x80 | ((v >> 6) & 0x3F)); u[2] = (char)(0x80 | (v & 0x3F)); }
            else { u[0] = (char)(0xF0 | v >> 18); u[1] = (char)(0x80 | ((v >> 12) & 0x3F)); u[2] = (char)(0x80 | ((v >> 6) & 0x3F)); u[3] = (char)(0x80 | (v & 0x3F)); }
            td_buf_append(&b, u, (size_t)k);
        } else td_buf_putc(&b, c);
    }
    if (end)
        *end = *q ? q + 1 : q;
    return td_buf_detach(&b);
}

/* Hex string → bytes (malloc'd), *n gets the length. */
static unsigned char *unhex(const char *h, size_t *n)
{
    size_t len = strlen(h) / 2;
    unsigned char *b = malloc(len + 1);
    for (size_t i = 0; i < len; i++)
        b[i] = (unsigned char)strtoul((char[3]){h[2 * i], h[2 * i + 1], 0}, NULL, 16);
    *n = len;
    return b;
}

/* Is (base, mark) a two-byte VNI letter? */
static int vni_pair(unsigned char base, unsigned char mark)
{
    for (size_t i = 0; i < norm_tab_vni_len; i++)
        if (norm_tab_vni[i].base == base && norm_tab_vni[i].mark == mark && mark)
            return 1;
    return 0;
}

#define CHECK_VEC(id, what, got, want)                                       \
    do {                                                                     \
        if (strcmp(got, want) != 0)                                          \
            unit_fail(__FILE__, __LINE__, "vector %d %s: got \"%s\", want \"%s\"", \
                      id, what, got, want);                                  \
    } while (0)

TEST(legacy_vectors_decode)
{
    size_t len;
    char *data = read_shared("vectors.jsonl", &len);
    if (!data)
        SKIP("%s/legacy-encodings/vectors.jsonl not found (set $SHARED)", shared_dir());
    int id = 0;
    for (char *line = data, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            break;   /* every record ends with a newline */
        *nl = '\0';
        id++;
        char *text = json_field(line, NULL, "text_nfc", NULL);
        CHECK(text != NULL);
        if (!text)
            break;
        /* TCVN3: run by run with the font, as bytes and as DOCX text */
        const char *p = strstr(line, "\"runs\": [");
        const char *runs_end = p ? strchr(p, ']') : NULL;
        td_buf bytes = TD_BUF_INIT, u8 = TD_BUF_INIT;
        td_buf_append(&bytes, "", 0);
        td_buf_append(&u8, "", 0);
        while (p && runs_end) {
            const char *e;
            char *font = json_field(p, runs_end, "font", &e);
            if (!font)
                break;
            char *hex = json_field(e, runs_end, "hex", &e);
            char *cp1252 = json_field(e, runs_end, "as_cp1252", &e);
            int h = -1;
            CHECK_INT(norm_font_encoding(font, &h), NORM_ENC_TCVN3);
            size_t n;
            unsigned char *raw = unhex(hex, &n);
            norm_decode(NORM_ENC_TCVN3, raw, n, h, &bytes);
            norm_decode_legacy_utf8(NORM_ENC_TCVN3, cp1252, strlen(cp1252), h, &u8);
            free(raw);
            free(font);
            free(hex);
            free(cp1252);
            p = e;
        }
        CHECK_VEC(id, "tcvn3 bytes with fonts", bytes.ptr, text);
        CHECK_VEC(id, "tcvn3 docx text with fonts", u8.ptr, text);
        td_buf_free(&bytes);
        td_buf_free(&u8);

        const char *e;
        char *all = json_field(runs_end, NULL, "hex", &e);
        char *nofont = json_field(e, NULL, "decoded_without_font_info", NULL);
        size_t n;
        unsigned char *raw = unhex(all, &n);
        char *got = decode_str(NORM_ENC_TCVN3, raw, n, 0);
        CHECK_VEC(id, "tcvn3 without font", got, nofont);
        free(got); free(raw); free(all); free(nofont);

        const char *v = strstr(line, "\"vni\": {");
        char *vhex = json_field(v, NULL, "hex", &e);
        char *vdocx = json_field(e, NULL, "as_cp1252", NULL);
        raw = unhex(vhex, &n);
        got = decode_str(NORM_ENC_VNI, raw, n, 0);
        CHECK_VEC(id, "vni", got, text);
        free(got);
        /* Excel-style case-swapped marks decode the same (lenient) */
        unsigned char *orig = unhex(vhex, &n);
        for (size_t k = 1; k < n; k++)
            if (vni_pair(orig[k - 1], orig[k]))
                raw[k] ^= 0x20;
        free(orig);
        got = decode_str(NORM_ENC_VNI, raw, n, 0);
        CHECK_VEC(id, "vni lenient", got, text);
        free(got);
        got = decode_u8(NORM_ENC_VNI, vdocx, 0);
        CHECK_VEC(id, "vni docx text", got, text);
        free(got); free(raw); free(vhex); free(vdocx);

        const char *x = strstr(line, "\"viscii\": {");
        char *xhex = json_field(x, NULL, "hex", NULL);
        raw = unhex(xhex, &n);
        got = decode_str(NORM_ENC_VISCII, raw, n, 0);
        CHECK_VEC(id, "viscii", got, text);
        free(got); free(raw); free(xhex);

        const char *c = strstr(line, "\"cp1258\": {");
        char *chex = json_field(c, NULL, "hex", NULL);
        raw = unhex(chex, &n);
        got = decode_str(NORM_ENC_CP1258, raw, n, 0);
        CHECK_VEC(id, "cp1258", got, text);
        free(got); free(raw); free(chex);
        free(text);
    }
    CHECK_INT(id, 20);
    free(data);
}

/* Decode a sample with CRLF line ends and compare with an expected file. */
static void check_sample(const char *file, int line, const char *sample,
                         norm_encoding enc, const char *expected)
{
    size_t n, en;
    char *raw = read_shared(sample, &n);
    char *want = read_shared(expected, &en);
    if (!raw || !want) {
        unit_skip("%s/legacy-encodings/%s or %s not found (set $SHARED)", shared_dir(),
                  sample, expected);
        free(raw);
        free(want);
        return;
    }
    double score;
    norm_encoding got_enc = norm_detect((unsigned char *)raw, n, &score);
    if (got_enc != enc)
        unit_fail(file, line, "detect %s: got %s (%.3f), want %s", sample,
                  norm_encoding_name(got_enc), score, norm_encoding_name(enc));
    td_buf b = TD_BUF_INIT, lf = TD_BUF_INIT;
    norm_decode(enc, (unsigned char *)raw, n, 0, &b);
    for (size_t i = 0; i < b.len; i++)
        if (!(b.ptr[i] == '\r' && i + 1 < b.len && b.ptr[i + 1] == '\n'))
            td_buf_putc(&lf, b.ptr[i]);
    if (!lf.ptr || strcmp(lf.ptr, want) != 0)
        unit_fail(file, line, "decode %s differs from %s", sample, expected);
    td_buf_free(&b);
    td_buf_free(&lf);
    free(raw);
    free(want);
}

TEST(legacy_samples_detect_and_decode)
{
    check_sample(__FILE__, __LINE__, "samples/sample-tcvn3.txt", NORM_ENC_TCVN3,
                 "samples/expected-tcvn3-nofont.txt");
    check_sample(__FILE__, __LINE__, "samples/sample-vni.txt", NORM_ENC_VNI,
                 "samples/expected.txt");
    check_sample(__FILE__, __LINE__, "samples/sample-cp1258.txt", NORM_ENC_CP1258,
                 "samples/expected.txt");
    size_t n;
    char *u = read_shared("samples/expected.txt", &n);
    if (!u)
        SKIP("%s/legacy-encodings/samples/expected.txt not found", shared_dir());
    CHECK_INT(norm_detect((unsigned char *)u, n, NULL), NORM_ENC_UTF8);
    free(u);
}

TEST(utf8_mostly_valid)
{
    size_t bad = 99;
    /* one stray byte among enough valid sequences (10 per sentence, 50 at
     * least per bad byte) stays UTF-8; one more is too many */
    td_buf t = TD_BUF_INIT;
    for (int i = 0; i < 5; i++)
        td_buf_puts(&t, "Kh\xe1\xbb\x91i thi \xc4\x91ua t\xe1\xbb\x89nh \xc4\x91\xc3\xa3 "
                        "t\xe1\xbb\x95ng k\xe1\xba\xbft n\xc4\x83m 2024, \xc4\x90\xe1\xba\xa3ng "
                        "\xe1\xbb\x9f \xc4\x91\xc3\xa2y. ");
    td_buf_putc(&t, '\xff');
    CHECK(norm_utf8_mostly((const unsigned char *)t.ptr, t.len, &bad));
    CHECK_INT(bad, 1);
    CHECK_INT(norm_detect((const unsigned char *)t.ptr, t.len, NULL), NORM_ENC_UTF8);
    td_buf_putc(&t, '\x93');
    CHECK(!norm_utf8_mostly((const unsigned char *)t.ptr, t.len, &bad));
    CHECK_INT(bad, 2);
    td_buf_free(&t);
    /* too few valid sequences to tell */
    CHECK(!norm_utf8_mostly((const unsigned char *)"H\xe0 N\xe9i \xc3\xa0", 10, &bad));
    CHECK_INT(bad, 2);
    CHECK(norm_utf8_mostly((const unsigned char *)"ascii", 5, &bad));
    CHECK_INT(bad, 0);
}

/* legacy text (the samples of ../shared) is not mostly UTF-8 */
TEST(utf8_mostly_rejects_legacy_samples)
{
    static const char *const legacy[] = {"samples/sample-tcvn3.txt", "samples/sample-vni.txt",
                                         "samples/sample-cp1258.txt"};
    for (size_t i = 0; i < sizeof legacy / sizeof *legacy; i++) {
        size_t n;
        char *raw = read_shared(legacy[i], &n);
        if (!raw) {
            unit_skip("%s/legacy-encodings/%s not found (set $SHARED)", shared_dir(),
                      legacy[i]);
            continue;
        }
        if (norm_utf8_mostly((unsigned char *)raw, n, NULL))
            unit_fail(__FILE__, __LINE__, "%s: taken for UTF-8", legacy[i]);
        free(raw);
    }
}

TEST(detect_viscii_from_vectors)
{
    size_t len;
    char *data = read_shared("vectors.jsonl", &len);
    if (!data)
        SKIP("%s/legacy-encodings/vectors.jsonl not found (set $SHARED)", shared_dir());
    td_buf all = TD_BUF_INIT;
    for (const char *p = data; (p = strstr(p, "\"viscii\": {")); p++) {
        char *hex = json_field(p, NULL, "hex", NULL);
        size_t n;
        unsigned char *raw = unhex(hex, &n);
        td_buf_append(&all, (char *)raw, n);
        td_buf_append(&all, "\r\n", 2);
        free(raw);
        free(hex);
    }
    double score = 0;
    CHECK_INT(norm_detect((unsigned char *)all.ptr, all.len, &score), NORM_ENC_VISCII);
    CHECK(score >= 0.9);
    td_buf_free(&all);
    free(data);
}

TEST(detect_undecided_and_utf)
{
    /* Western European paragraphs in windows-1252 are byte-valid TCVN3 */
    const char *fr = "Le conseil r\xE9gional s'est r\xE9uni \xE0 Lyon pour \xE9tudier le "
                     "budget de l'ann\xE9" "e prochaine ; o\xF9 en sont les travaux de "
                     "r\xE9novation des \xE9" "coles et du mus\xE9" "e ? Les \xE9lus ont "
                     "pr\xE9sent\xE9 leurs propositions \xE0 la pr\xE9" "f\xE8te.";
    const char *de = "Der Ausschuss f\xFCr Verkehr hat die Planung f\xFCr die Br\xFC" "cke "
                     "\xFC" "ber die M\xFChle gepr\xFC" "ft; die B\xFCrger k\xF6nnen ihre "
                     "Einw\xE4nde bis M\xE4rz schriftlich \xE4u\xDF" "ern. Zust\xE4ndig ist "
                     "das Stra\xDF" "enbauamt in K\xF6ln.";
    double score = 1;
    CHECK_INT(norm_detect((const unsigned char *)fr, strlen(fr), &score), NORM_ENC_UNKNOWN);
    CHECK(score < 0.9);
    CHECK_INT(norm_detect((const unsigned char *)de, strlen(de), &score), NORM_ENC_UNKNOWN);
    /* too few high bytes to judge */
    CHECK_INT(norm_detect((const unsigned char *)"H\xE0 N\xE9i", 7, NULL), NORM_ENC_UNKNOWN);
    CHECK_INT(norm_detect((const unsigned char *)"plain ascii", 11, NULL), NORM_ENC_UTF8);
    const char *utf8 = "Khối thi đua các cơ quan Đảng";
    CHECK_INT(norm_detect((const unsigned char *)utf8, strlen(utf8), NULL), NORM_ENC_UTF8);
    CHECK_INT(norm_detect((const unsigned char *)"\xFF\xFEK\0h\0", 6, NULL), NORM_ENC_UTF16LE);
    CHECK_INT(norm_detect((const unsigned char *)"\0K\0h\0\xF4\0i\0 \0t", 12, NULL),
              NORM_ENC_UTF16BE);
    /* UTF-8 with one stray windows-1252 byte is still UTF-8 */
    td_buf mostly = TD_BUF_INIT;
    for (int i = 0; i < 10; i++)
        td_buf_puts(&mostly, "Khối thi đua các cơ quan Đảng tỉnh Khánh Hòa. ");
    td_buf_puts(&mostly, "caf\xE9");
    double sc = 0;
    CHECK_INT(norm_detect((unsigned char *)mostly.ptr, mostly.len, &sc), NORM_ENC_UTF8);
    CHECK(sc > 0.95 && sc < 1);
    td_buf_free(&mostly);
    /* double-encoded UTF-8 is not taken for UTF-8 */
    const char *moji = "Vi\xC3\xA1\xC2\xBB\xE2\x80\xA1t Nam, H\xC3\xA1\xC2\xBB\xE2\x84\xA2i "
                       "n\xC3\xA1\xC2\xBB\xE2\x84\xA2i";
    CHECK(norm_detect((const unsigned char *)moji, strlen(moji), NULL) != NORM_ENC_UTF8);
}
