/* dates.c - dates as reports write them.
 *
 * Numeric "22/02/2024", "22-2-2024", "22.2.2024", "3/3" (no year), ISO
 * "2024-02-22", and the words "ngày 3 tháng 3 năm 2024", "tháng 3/2024".
 * The text is folded first, so "NGÀY", "ngay" and decomposed input read the
 * same; what a date means (meeting day, decision date) is for the rules.
 */
#include <stdlib.h>
#include <string.h>

#include "normalize/normalize.h"

#define WINDOW 96   /* bytes of input a date can span, spaces included */

typedef struct {
    const char *s;  /* folded text */
    size_t n;
    size_t i;       /* read position */
} cursor;

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Read 1..max digits (no more may follow); returns the value or -1. */
static int read_num(cursor *c, size_t min, size_t max)
{
    size_t k = 0;
    int v = 0;
    while (c->i + k < c->n && is_digit(c->s[c->i + k])) {
        if (k == max)
            return -1;
        v = v * 10 + (c->s[c->i + k] - '0');
        k++;
    }
    if (k < min)
        return -1;
    c->i += k;
    return v;
}

/* Skip one or more spaces (a folded run of white space is one byte, but a
 * tab survives folding as is); returns 0 when there is none. */
static int read_space(cursor *c)
{
    size_t start = c->i;
    while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\n'))
        c->i++;
    return c->i > start;
}

/* Read a word followed by white space, as in "thang ". */
static int read_word(cursor *c, const char *w)
{
    size_t k = strlen(w);
    if (c->n - c->i < k || memcmp(c->s + c->i, w, k) != 0)
        return 0;
    cursor save = *c;
    c->i += k;
    if (!read_space(c)) {
        *c = save;
        return 0;
    }
    return 1;
}

static int read_char(cursor *c, char ch)
{
    if (c->i < c->n && c->s[c->i] == ch) {
        c->i++;
        return 1;
    }
    return 0;
}

static int valid_year(int y) { return y >= 1000 && y <= 2999; }

static int valid_date(int y, int m, int d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || (y && !valid_year(y)))
        return 0;
    if (d == 0)
        return 1;
    if (d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && y && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    return 1;
}

/* After "tháng M": " năm YYYY", "/YYYY" or "-YYYY"; returns the year, 0
 * when there is none, -1 when something that is not a year follows. */
static int read_month_year(cursor *c)
{
    cursor save = *c;
    if (read_space(c) && read_word(c, "nam")) {
        int y = read_num(c, 4, 4);
        if (y > 0)
            return y;
    }
    *c = save;
    if (read_char(c, '/') || read_char(c, '-')) {
        int y = read_num(c, 4, 4);
        if (y > 0)
            return y;
        return -1;
    }
    *c = save;
    return 0;
}

/* The grammar on folded text; returns folded bytes consumed or 0. */
static size_t parse(cursor *c, int *y, int *m, int *d)
{
    int had_ngay = read_word(c, "ngay");
    if (!had_ngay && read_word(c, "thang")) {
        /* "tháng 3/2024", "tháng 3 năm 2024": a month needs its year */
        *m = read_num(c, 1, 2);
        if (*m < 0 || (*y = read_month_year(c)) <= 0)
            return 0;
        *d = 0;
        return c->i;
    }
    size_t dstart = c->i;
    *d = read_num(c, 1, 2);
    if (*d == 0)
        return 0;
    if (*d < 0) {
        /* ISO 2024-02-22 */
        c->i = dstart;
        *y = read_num(c, 4, 4);
        if (*y < 0 || !read_char(c, '-') || (*m = read_num(c, 2, 2)) < 0 ||
            !read_char(c, '-') || (*d = read_num(c, 2, 2)) <= 0)
            return 0;
        return c->i;
    }
    cursor save = *c;
    if (read_space(c) && read_word(c, "thang")) {
        *m = read_num(c, 1, 2);
        if (*m < 0 || (*y = read_month_year(c)) < 0)
            return 0;
        return c->i;
    }
    *c = save;
    char sep = c->i < c->n ? c->s[c->i] : 0;
    if (sep != '/' && sep != '-' && sep != '.')
        return 0;
    c->i++;
    *m = read_num(c, 1, 2);
    if (*m < 0)
        return 0;
    *y = 0;
    if (read_char(c, sep)) {
        /* "22/02/24" and "1/2/345" are not dates we can trust */
        if ((*y = read_num(c, 4, 4)) < 0)
            return 0;
    } else if (sep == '.') {
        return 0;   /* "3.5" is a decimal number, not a date */
    }
    return c->i;
}

size_t norm_parse_date(const char *s, size_t n, int *y, int *m, int *d)
{
    *y = *m = *d = 0;
    if (n == 0)
        return 0;
    /* cheap rejection: every date starts with a digit, n or t */
    char c0 = s[0];
    if (!is_digit(c0) && c0 != 'n' && c0 != 'N' && c0 != 't' && c0 != 'T')
        return 0;
    size_t wn = n < WINDOW ? n : WINDOW;
    td_buf f = TD_BUF_INIT;
    uint32_t *map = NULL;
    norm_fold(s, wn, &f, &map);
    cursor c = {f.ptr, f.len, 0};
    int yy = 0, mm = 0, dd = 0;
    size_t k = parse(&c, &yy, &mm, &dd);
    size_t used = k ? map[k] : 0;
    /* a date must not run on into more digits (or letters: "3/3a") */
    if (k && k < f.len && (is_digit(f.ptr[k]) || (f.ptr[k] >= 'a' && f.ptr[k] <= 'z')))
        used = 0;
    if (k && k == f.len && used < n && is_digit(s[used]))
        used = 0;
    if (used && !valid_date(yy, mm, dd))
        used = 0;
    free(map);
    td_buf_free(&f);
    if (used) {
        *y = yy;
        *m = mm;
        *d = dd;
    }
    return used;
}
