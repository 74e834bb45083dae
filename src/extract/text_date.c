/* text_date.c - dates in page headers, for the HTML and plain-text
 * readers (see text_util.h): dd/mm/yyyy, its dash and dot forms and
 * yyyy-mm-dd, English month names ("March 11, 2024"), whether a time of
 * day goes with them, and the header lines that are a date and little else.
 */
#include "extract/text_util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Read 1..max digits at s[*i]; returns the digit count (0 when none). */
static int read_num(const char *s, size_t n, size_t *i, int max, int *val)
{
    int k = 0, v = 0;
    while (*i < n && k < max + 1 && isdigit((unsigned char)s[*i])) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    *val = v;
    return k;
}

static int valid_date(int y, int m, int d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1980 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
           d <= mdays[m - 1];
}

static int find_time(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) || (i && isdigit((unsigned char)s[i - 1])))
            continue;
        size_t j = i;
        int h, mi;
        int kh = read_num(s, n, &j, 2, &h);
        if (kh < 1 || kh > 2 || j >= n || (s[j] != ':' && s[j] != 'h' && s[j] != 'g'))
            continue;
        j++;
        int km = read_num(s, n, &j, 2, &mi);
        if (km == 2 && h <= 23 && mi <= 59 &&
            (j >= n || !isdigit((unsigned char)s[j])))
            return 1;
    }
    return 0;
}

static int find_numeric_date(const char *s, size_t n, int *y, int *m, int *d);

/* English month name (full or three letters, optional '.') at s[i..),
 * 1-12 with *end after it, else 0. */
static int month_at(const char *s, size_t n, size_t i, size_t *end)
{
    static const char *const names[] = {"january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december"};
    size_t k = i;
    while (k < n && isalpha((unsigned char)s[k]))
        k++;
    size_t len = k - i;
    if (len < 3 || (i > 0 && isalpha((unsigned char)s[i - 1])))
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t nl = strlen(names[m]);
        if ((len == nl || len == 3 || (m == 8 && len == 4)) && len <= nl &&
            !strncasecmp(s + i, names[m], len)) {
            if (k < n && s[k] == '.')
                k++;
            *end = k;
            return m + 1;
        }
    }
    return 0;
}

static size_t skip_sep(const char *s, size_t n, size_t j)
{
    while (j < n && (s[j] == ' ' || s[j] == ','))
        j++;
    return j;
}

/* "March 11, 2024" or "11 March 2024". */
static int find_named_date(const char *s, size_t n, int *y, int *m, int *d)
{
    for (size_t i = 0; i < n; i++) {
        size_t e, j;
        int mm = month_at(s, n, i, &e), a, b;
        if (mm) {
            j = skip_sep(s, n, e);
            int ka = read_num(s, n, &j, 2, &a);
            if (ka >= 1 && ka <= 2 && (j >= n || !isdigit((unsigned char)s[j]))) {
                if (j + 1 < n && isalpha((unsigned char)s[j]))   /* 11th */
                    j += 2;
                j = skip_sep(s, n, j);
                if (read_num(s, n, &j, 4, &b) == 4 && valid_date(b, mm, a)) {
                    *y = b, *m = mm, *d = a;
                    return 1;
                }
            }
        } else if (isdigit((unsigned char)s[i]) && (i == 0 || !isdigit((unsigned char)s[i - 1]))) {
            j = i;
            if (read_num(s, n, &j, 2, &a) < 1 || (j < n && isdigit((unsigned char)s[j])))
                continue;
            j = skip_sep(s, n, j);
            if (!(mm = month_at(s, n, j, &e)))
                continue;
            j = skip_sep(s, n, e);
            if (read_num(s, n, &j, 4, &b) == 4 && valid_date(b, mm, a)) {
                *y = b, *m = mm, *d = a;
                return 1;
            }
        }
    }
    return 0;
}

int extract_find_date(const char *s, size_t n, int *y, int *m, int *d,
                      int *has_time)
{
    size_t k = 0;
    while (k < n && !isdigit((unsigned char)s[k]))
        k++;
    if (k == n)   /* every form has a number */
        return 0;
    if (find_named_date(s, n, y, m, d)) {
        /* the numeric forms below are more common; a named date only
         * when there is no numeric one */
        int yy, mm, dd;
        if (!find_numeric_date(s, n, &yy, &mm, &dd)) {
            if (has_time)
                *has_time = find_time(s, n);
            return 1;
        }
    }
    return find_numeric_date(s, n, y, m, d) &&
           (!has_time || (*has_time = find_time(s, n), 1));
}

static int find_numeric_date(const char *s, size_t n, int *y, int *m, int *d)
{
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) || (i && isdigit((unsigned char)s[i - 1])))
            continue;
        size_t j = i;
        int a, b, c;
        int ka = read_num(s, n, &j, 4, &a);
        if (j >= n || !strchr("/-.", s[j]) || ka > 4)
            continue;
        char sep = s[j++];
        int kb = read_num(s, n, &j, 2, &b);
        if (kb < 1 || kb > 2 || j >= n || s[j] != sep)
            continue;
        j++;
        int kc = read_num(s, n, &j, 4, &c);
        if (j < n && isdigit((unsigned char)s[j]))
            continue;
        int yy, mm, dd;
        if (ka <= 2 && kc == 4)
            yy = c, mm = b, dd = a;
        else if (ka == 4 && kc >= 1 && kc <= 2)
            yy = a, mm = b, dd = c;
        else
            continue;
        if (!valid_date(yy, mm, dd))
            continue;
        *y = yy, *m = mm, *d = dd;
        return 1;
    }
    return 0;
}

int extract_is_date_line(const char *s, size_t n, int *y, int *m, int *d,
                         int *has_time)
{
    if (n > 120 || extract_count_words(s, n) > 7)
        return 0;
    return extract_find_date(s, n, y, m, d, has_time);
}
