/* numbers.c - Vietnamese numbers as written in reports.
 *
 * The dot groups thousands ("8.000", "1.234.567") and the comma marks the
 * decimals ("1,5", "2,5%").  Zero padding ("09") is common in counts.  Only
 * digits and separators are consumed: a unit or "%" after the number is
 * left to the caller, and so is a sentence-final dot.
 */
#include "normalize/normalize.h"

#define MAX_DIGITS 18   /* keeps the integer part exact in a double */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Number of digits at s[i..n). */
static size_t digits_at(const char *s, size_t i, size_t n)
{
    size_t k = 0;
    while (i + k < n && is_digit(s[i + k]))
        k++;
    return k;
}

/* Is s[i] a separator followed by a group of exactly three digits? */
static int group_at(const char *s, size_t i, size_t n, char sep)
{
    return i < n && s[i] == sep && digits_at(s, i + 1, n) == 3;
}

size_t norm_parse_number(const char *s, size_t n, double *out)
{
    *out = 0;
    size_t i = digits_at(s, 0, n);
    if (i == 0 || i > MAX_DIGITS)
        return 0;
    double v = 0;
    for (size_t k = 0; k < i; k++)
        v = v * 10 + (s[k] - '0');

    /* thousands groups: "1.234.567"; an English "1,234,567" is accepted
     * only when at least two comma groups follow, since "1,500" is 1.5 */
    char sep = 0;
    if (group_at(s, i, n, '.'))
        sep = '.';
    else if (group_at(s, i, n, ',') && group_at(s, i + 4, n, ','))
        sep = ',';
    size_t ndig = i;
    while (sep && group_at(s, i, n, sep) && ndig + 3 <= MAX_DIGITS) {
        for (size_t k = i + 1; k < i + 4; k++)
            v = v * 10 + (s[k] - '0');
        i += 4;
        ndig += 3;
    }

    /* decimals: a comma after dot-grouped or plain digits ("1,5",
     * "1.250,75"); a dot only when nothing was grouped ("9.5", not "8.000") */
    char dec = sep == '.' ? ',' : sep == ',' ? '.' : 0;
    size_t fd = 0;
    if (dec && i < n && s[i] == dec)
        fd = digits_at(s, i + 1, n);
    else if (!dec && i < n && (s[i] == ',' || s[i] == '.'))
        fd = digits_at(s, i + 1, n);
    if (fd > 0 && fd <= MAX_DIGITS) {
        double f = 0, scale = 1;
        for (size_t k = i + 1; k < i + 1 + fd; k++) {
            f = f * 10 + (s[k] - '0');
            scale *= 10;
        }
        v += f / scale;
        i += 1 + fd;
    }
    *out = v;
    return i;
}
