/* text_util.c - line heuristics shared by the HTML and plain-text readers.
 *
 * Headline/byline shapes and letter case, UTF-8 and cp1252 helpers, and the
 * one static list of generic UI phrases of Vietnamese news portals (share
 * bars, counters, polls, "related news").  These are words of web page
 * furniture, not facts about places or units, so they live here rather
 * than in rules/ (the readers have no rule directory).  Dates in page
 * headers are text_date.c.
 */
#include "extract/text_util.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "normalize/normalize.h"

static size_t space_at(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c > ' ' && c < 0x80)
        return 0;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
        return 1;
    if (n >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if (n >= 3 && memcmp(s, "\xE2\x80\x8B", 3) == 0)
        return 3;
    return 0;
}

void extract_trim(const char **s, size_t *n)
{
    size_t k;
    while (*n && (k = space_at(*s, *n)) != 0)
        *s += k, *n -= k;
    for (;;) {
        if (*n && strchr(" \t\r\n\f\v", (*s)[*n - 1]) && (*s)[*n - 1] != '\0')
            (*n)--;
        else if (*n >= 2 && memcmp(*s + *n - 2, "\xC2\xA0", 2) == 0)
            *n -= 2;
        else if (*n >= 3 && memcmp(*s + *n - 3, "\xE2\x80\x8B", 3) == 0)
            *n -= 3;
        else
            break;
    }
}

int extract_count_words(const char *s, size_t n)
{
    int words = 0, in = 0;
    for (size_t i = 0; i < n;) {
        size_t k = space_at(s + i, n - i);
        if (k) {
            in = 0;
            i += k;
        } else {
            if (!in)
                words++;
            in = 1;
            i++;
        }
    }
    return words;
}


static int is_upper_cp(int32_t cp)
{
    int c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_lower_cp(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int extract_starts_lower(const char *s, size_t n)
{
    const char *p = s;
    size_t l = n;
    extract_trim(&p, &l);
    if (!l)
        return 0;
    int32_t cp;
    td_utf8_next(p, 0, l, &cp);
    return is_lower_cp(cp);
}

int extract_is_all_caps(const char *s, size_t n)
{
    int upper = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += td_utf8_next(s, i, n, &cp);
        if (is_lower_cp(cp))
            return 0;
        if (is_upper_cp(cp))
            upper++;
    }
    return upper >= 4;
}

/* 1 when s[0..n) is 2-5 words that each start with a capital letter and
 * hold only letters (and dots, for initials). */
static int is_name(const char *s, size_t n)
{
    extract_trim(&s, &n);
    int words = extract_count_words(s, n);
    if (words < 2 || words > 5 || n > 50)
        return 0;
    int start = 1;
    for (size_t i = 0; i < n;) {
        size_t k = space_at(s + i, n - i);
        if (k) {
            start = 1;
            i += k;
            continue;
        }
        int32_t cp;
        i += td_utf8_next(s, i, n, &cp);
        if (start && !is_upper_cp(cp))
            return 0;
        if (!start && cp != '.' && !is_upper_cp(cp) && !is_lower_cp(cp) &&
            utf8proc_category(cp) != UTF8PROC_CATEGORY_MN)
            return 0;
        start = 0;
    }
    return 1;
}

int extract_is_byline(const char *s, size_t n)
{
    extract_trim(&s, &n);
    if (n >= 2 && s[0] == '(' && s[n - 1] == ')')
        s++, n -= 2;
    if (n == 0 || n > 80)
        return 0;
    if (extract_ui_phrase(s, n) != EXTRACT_UI_NONE)
        return 0;
    char *raw = td_xstrndup(s, n);
    char *f = norm_fold_str(raw);
    free(raw);
    int credit = strncmp(f, "theo ", 5) == 0 || strncmp(f, "nguon:", 6) == 0 ||
                 strncmp(f, "nguon ", 6) == 0;
    free(f);
    if (credit) {
        const char *p = memchr(s, ' ', n);
        if (!p)
            return 0;
        size_t off = (size_t)(p - s) + 1;
        int32_t cp;
        td_utf8_next(s, off, n, &cp);
        return extract_count_words(s + off, n - off) <= 8 && is_upper_cp(cp);
    }
    /* initials alone ("H.N", "T.T.")  */
    size_t k = 0;
    while (k + 1 < n && isupper((unsigned char)s[k]) && s[k + 1] == '.')
        k += 2;
    if (k >= 2 && (k == n || (k + 1 == n && isupper((unsigned char)s[k]))))
        return 1;
    /* "Name, unit" or "Name - unit": judge the name part */
    size_t head = n;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '(' || (s[i] == '-' && i && s[i - 1] == ' ')) {
            head = i;
            break;
        }
    if (head < n && n > 60)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (isdigit((unsigned char)s[i]))
            return 0;
    return is_name(s, head);
}

/* The phrase list, folded (lowercase, no diacritics).  A phrase of kind
 * SECTION, COUNTER or POLL must start the text and be followed by its end
 * or a non-letter; the others may appear anywhere in a short text. */
static const struct {
    const char *phrase;
    extract_ui kind;
} phrases[] = {
    {"a- a a+", EXTRACT_UI_TOOLBAR},
    {"a - a + a", EXTRACT_UI_TOOLBAR},
    {"co chu", EXTRACT_UI_TOOLBAR},
    {"chia se", EXTRACT_UI_TOOLBAR},
    {"in bai", EXTRACT_UI_TOOLBAR},
    {"ban in", EXTRACT_UI_TOOLBAR},
    {"gui email", EXTRACT_UI_TOOLBAR},
    {"gui e-mail", EXTRACT_UI_TOOLBAR},
    {"gui cho ban be", EXTRACT_UI_TOOLBAR},
    {"luu bai", EXTRACT_UI_TOOLBAR},
    {"facebook", EXTRACT_UI_TOOLBAR},
    {"twitter", EXTRACT_UI_TOOLBAR},
    {"zalo", EXTRACT_UI_TOOLBAR},
    {"tuong phan", EXTRACT_UI_TOOLBAR},
    {"ve dau trang", EXTRACT_UI_TOOLBAR},
    {"len dau trang", EXTRACT_UI_TOOLBAR},
    {"quay lai", EXTRACT_UI_TOOLBAR},
    {"nghe doc bai viet", EXTRACT_UI_TOOLBAR},
    {"skip ribbon commands", EXTRACT_UI_TOOLBAR},
    {"skip to content", EXTRACT_UI_TOOLBAR},
    {"truy cap noi dung", EXTRACT_UI_TOOLBAR},
    {"luot xem", EXTRACT_UI_COUNTER},
    {"bai viet lien quan", EXTRACT_UI_SECTION},
    {"tin lien quan", EXTRACT_UI_SECTION},
    {"tin bai lien quan", EXTRACT_UI_SECTION},
    {"tin khac", EXTRACT_UI_SECTION},
    {"cac tin khac", EXTRACT_UI_SECTION},
    {"tin tuc khac", EXTRACT_UI_SECTION},
    {"tin bai khac", EXTRACT_UI_SECTION},
    {"bai viet khac", EXTRACT_UI_SECTION},
    {"cac bai viet khac", EXTRACT_UI_SECTION},
    {"tin cung chuyen muc", EXTRACT_UI_SECTION},
    {"cung chuyen muc", EXTRACT_UI_SECTION},
    {"tin moi", EXTRACT_UI_SECTION},
    {"tin moi nhat", EXTRACT_UI_SECTION},
    {"tin moi hon", EXTRACT_UI_SECTION},
    {"tin cu hon", EXTRACT_UI_SECTION},
    {"tin da dua", EXTRACT_UI_SECTION},
    {"doc nhieu", EXTRACT_UI_SECTION},
    {"doc nhieu nhat", EXTRACT_UI_SECTION},
    {"tin doc nhieu", EXTRACT_UI_SECTION},
    {"xem nhieu", EXTRACT_UI_SECTION},
    {"tin xem nhieu", EXTRACT_UI_SECTION},
    {"xem them", EXTRACT_UI_SECTION},
    {"tin noi bat", EXTRACT_UI_SECTION},
    {"tin tieu diem", EXTRACT_UI_SECTION},
    {"tieu diem", EXTRACT_UI_SECTION},
    {"lien ket website", EXTRACT_UI_SECTION},
    {"lien ket web", EXTRACT_UI_SECTION},
    {"luot truy cap", EXTRACT_UI_COUNTER},
    {"so luot truy cap", EXTRACT_UI_COUNTER},
    {"tong luot truy cap", EXTRACT_UI_COUNTER},
    {"thong ke truy cap", EXTRACT_UI_COUNTER},
    {"dang truy cap", EXTRACT_UI_COUNTER},
    {"truy cap hom nay", EXTRACT_UI_COUNTER},
    {"online", EXTRACT_UI_COUNTER},
    {"dang online", EXTRACT_UI_COUNTER},
    {"hien co", EXTRACT_UI_COUNTER},
    {"khao sat", EXTRACT_UI_POLL},
    {"binh chon", EXTRACT_UI_POLL},
    {"tham do y kien", EXTRACT_UI_POLL},
    {"tong so diem", EXTRACT_UI_POLL},
    {"click de danh gia", EXTRACT_UI_POLL},
    {"danh gia bai viet", EXTRACT_UI_POLL},
    {"y kien ban doc", EXTRACT_UI_COMMENT},
    {"gui y kien", EXTRACT_UI_COMMENT},
    {"binh luan", EXTRACT_UI_COMMENT},
    {"gui binh luan", EXTRACT_UI_COMMENT},
    {"ma xac nhan", EXTRACT_UI_COMMENT},
    {"ma bao ve", EXTRACT_UI_COMMENT},
    {"tim kiem", EXTRACT_UI_CHROME},
    {"quang cao", EXTRACT_UI_CHROME},
    {"advertisement", EXTRACT_UI_CHROME},
    {"video clip", EXTRACT_UI_CHROME},
    {"thu vien anh", EXTRACT_UI_CHROME},
    {"ban quyen", EXTRACT_UI_CHROME},
    {"copyright", EXTRACT_UI_CHROME},
    {"ghi ro nguon", EXTRACT_UI_CHROME},
    {"noi dung thong tin cung cap", EXTRACT_UI_CHROME},
    {"cong hoa xa hoi chu nghia viet nam", EXTRACT_UI_MOTTO},
    {"doc lap - tu do - hanh phuc", EXTRACT_UI_MOTTO},
};

static int word_char(char c)
{
    return isalnum((unsigned char)c) || c == '+';
}

static int anchored(extract_ui k)
{
    return k == EXTRACT_UI_SECTION || k == EXTRACT_UI_COUNTER ||
           k == EXTRACT_UI_POLL || k == EXTRACT_UI_MOTTO;
}

extract_ui extract_ui_phrase(const char *s, size_t n)
{
    extract_trim(&s, &n);
    if (n == 0 || n > 200)
        return EXTRACT_UI_NONE;
    int words = extract_count_words(s, n);
    if (words > 30)
        return EXTRACT_UI_NONE;
    char *raw = td_xstrndup(s, n);
    char *f = norm_fold_str(raw);
    free(raw);
    size_t fl = strlen(f);
    /* A phrase counts only where no word character precedes it: the bytes
     * found at such places rule out most phrases without a search. */
    unsigned char starts[256] = {0};
    for (size_t i = 0; i < fl; i++)
        if (i == 0 || !word_char(f[i - 1]))
            starts[(unsigned char)f[i]] = 1;
    extract_ui first = EXTRACT_UI_NONE;
    int hits = 0;
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
        const char *p = phrases[i].phrase;
        if (!starts[(unsigned char)p[0]])
            continue;
        size_t pl = strlen(p);
        for (const char *q = strstr(f, p); q; q = strstr(q + 1, p)) {
            size_t at = (size_t)(q - f);
            if (at > 0 && word_char(f[at - 1]))
                continue;
            if (at + pl < fl && word_char(f[at + pl]) && word_char(p[pl - 1]))
                continue;
            int tail = extract_count_words(f + at + pl, fl - at - pl);
            if (anchored(phrases[i].kind)) {
                /* a heading: the whole text, or followed by a separator,
                 * a number or a short tail ("Tin khác:", "Online 25") */
                if (at == 0 && tail <= 4) {
                    free(f);
                    return phrases[i].kind;
                }
                continue;
            }
            if (at == 0 && words <= 6) {
                free(f);
                return phrases[i].kind;
            }
            if (!first)
                first = phrases[i].kind;
            hits++;
            break;
        }
    }
    free(f);
    return hits >= 2 ? first : EXTRACT_UI_NONE;
}

int extract_starts_upper(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += td_utf8_next(s, i, n, &cp);
        if (is_upper_cp(cp))
            return 1;
        if (is_lower_cp(cp))
            return 0;
    }
    return 0;
}

int extract_valid_utf8(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            /* skip ASCII eight bytes at a time */
            while (i + 8 <= n) {
                uint64_t w;
                memcpy(&w, p + i, 8);
                if (w & 0x8080808080808080ULL)
                    break;
                i += 8;
            }
            continue;
        }
        size_t k;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF)
            k = 1, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF)
            k = 2, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4)
            k = 3, min = 0x10000;
        else
            return 0;
        if (i + k + 1 > n)
            return 0;
        unsigned cp = c & (0x3Fu >> k);
        for (size_t j = 1; j <= k; j++) {
            if ((p[i + j] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + j] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

void extract_put_utf8(td_buf *b, unsigned cp)
{
    char t[4];
    if (cp < 0x80) {
        t[0] = (char)cp;
        td_buf_append(b, t, 1);
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | (cp >> 6));
        t[1] = (char)(0x80 | (cp & 0x3F));
        td_buf_append(b, t, 2);
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12));
        t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        td_buf_append(b, t, 3);
    } else {
        t[0] = (char)(0xF0 | (cp >> 18));
        t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[3] = (char)(0x80 | (cp & 0x3F));
        td_buf_append(b, t, 4);
    }
}

void extract_decode_cp1252(const unsigned char *p, size_t n, td_buf *out)
{
    static const unsigned short hi[32] = {
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        if (c == 0)
            continue;
        extract_put_utf8(out, c >= 0x80 && c < 0xA0 ? hi[c - 0x80] : c);
    }
}

static const char *const site_words[] = {"bao ", "cong thong tin", "cong ttdt",
    "trang thong tin", "tap chi", "dai phat thanh", "truyen hinh", "website",
    "portal", "tin tuc", ".vn", ".com", "online", "dien tu", NULL};

int extract_site_like(const char *s, size_t n)
{
    char *raw = td_xstrndup(s, n);
    char *f = norm_fold_str(raw);
    free(raw);
    int hit = 0;
    for (size_t i = 0; site_words[i] && !hit; i++)
        hit = strstr(f, site_words[i]) != NULL;
    free(f);
    return hit;
}

int extract_is_nav_line(const char *s, size_t n)
{
    extract_trim(&s, &n);
    int seps = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '|' || s[i] == '\t') {
            seps++;
        } else if (s[i] == ' ' && i + 1 < n && s[i + 1] == ' ') {
            seps++;
            while (i + 1 < n && s[i + 1] == ' ')
                i++;
        }
    }
    if (seps >= 2)
        return 1;
    /* breadcrumbs */
    for (size_t i = 0; i + 2 < n; i++)
        if (s[i] == ' ' && (s[i + 1] == '>' || !memcmp(s + i + 1, "\xC2\xBB", 2)) &&
            extract_count_words(s, n) <= 15)
            return 1;
    /* "Site - Section": a short line whose part before the dash is a site */
    const char *dash = NULL;
    for (size_t i = 0; i + 2 < n && !dash; i++)
        if (s[i] == ' ' && s[i + 1] == '-' && s[i + 2] == ' ')
            dash = s + i;
    if (dash && extract_count_words(s, n) <= 8 &&
        extract_count_words(dash + 3, n - (size_t)(dash + 3 - s)) <= 3 &&
        extract_site_like(s, (size_t)(dash - s)))
        return 1;
    return 0;
}

void extract_headline_init(extract_headline *h)
{
    h->found = h->caps = -1;
    h->seen = h->sentences = 0;
}

int extract_headline_feed(extract_headline *h, long idx, const char *p, size_t n)
{
    extract_trim(&p, &n);
    if (n == 0)
        return 0;
    if (++h->seen > 15 || n > 300)
        return 1;
    int y, m, dd, tm;
    if (extract_is_date_line(p, n, &y, &m, &dd, &tm) ||
        extract_ui_phrase(p, n) != EXTRACT_UI_NONE || extract_is_nav_line(p, n))
        return 0;
    int words = extract_count_words(p, n);
    if (extract_is_all_caps(p, n)) {
        if (h->caps < 0 && words >= 4)
            h->caps = idx;
        return 0;
    }
    if (words < 4 || n < 16)
        return 0;
    if (p[n - 1] == '.' && !(n >= 3 && memcmp(p + n - 3, "...", 3) == 0))
        return ++h->sentences >= 2 || n > 160;
    if (n > 250)
        return 1;
    h->found = idx;
    return 1;
}

long extract_headline_result(const extract_headline *h)
{
    return h->found >= 0 ? h->found : h->caps;
}
