/* text_util.h - line heuristics shared by the HTML and plain-text readers.
 *
 * Interface to code in text_date.c (dates in headers) and text_util.c
 * (headline and byline shapes, letter case, a short list of generic
 * web-page UI phrases: share bars, visitor counters, polls, "related news"
 * headings).  Nothing here knows about places or units; all of it works
 * on UTF-8 text.
 */
#ifndef TEXT_UTIL_H
#define TEXT_UTIL_H

#include <stddef.h>

#include "core/td.h"

/* Trim ASCII white space, U+00A0 and U+200B from both ends of the span (*s, *n). */
void extract_trim(const char **s, size_t *n);

/* Number of white-space separated words in s. */
int extract_count_words(const char *s, size_t n);

/* Find the first calendar date in s: dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or
 * yyyy-mm-dd, with a plausible day, month and year (1980-2100).  On success
 * returns 1 and fills y, m, d; *has_time (may be NULL) tells whether an
 * hh:mm time follows or precedes it in s.  Returns 0 otherwise. */
int extract_find_date(const char *s, size_t n, int *y, int *m, int *d,
                      int *has_time);

/* 1 when s is a header line made of a date and little else ("Thứ Bảy,
 * 15/06/2024 17:21", "Cập nhật: 23/02/2024"): a date and at most 7 words.
 * Fills y, m, d and *has_time like extract_find_date. */
int extract_is_date_line(const char *s, size_t n, int *y, int *m, int *d,
                         int *has_time);

/* 1 when s has at least four letters and no lowercase letter. */
int extract_is_all_caps(const char *s, size_t n);

/* 1 when s looks like a signature line: a short personal name ("Mai
 * Thảo"), optionally followed by ", unit" ("Vũ Hùng, Phòng Nghiệp Vụ"),
 * or a source credit ("Theo Báo <X>", "(Theo TTXVN)"). */
int extract_is_byline(const char *s, size_t n);

/* 1 when the first letter of s is a capital. */
int extract_starts_upper(const char *s, size_t n);
/* 1 when the first letter after leading blanks is lower case. */
int extract_starts_lower(const char *s, size_t n);

/* 1 when p[0..n) is valid UTF-8 (no overlongs, surrogates, > U+10FFFF). */
int extract_valid_utf8(const unsigned char *p, size_t n);

/* Append bytes decoded as windows-1252 (undefined bytes as U+0080-U+009F):
 * every byte stays recoverable, which legacy-font decoding relies on. */
void extract_decode_cp1252(const unsigned char *p, size_t n, td_buf *out);

/* Append code point cp as UTF-8. */
void extract_put_utf8(td_buf *b, unsigned cp);

/* 1 when s names a web site ("Báo ...", "Cổng thông tin ...", "...
 * Online", a domain). */
int extract_site_like(const char *s, size_t n);

/* 1 when line s is navigation rather than text: a menu row (three or more
 * items separated by '|', tabs or runs of spaces), a breadcrumb ("Trang chủ
 * > Tin tức"), or a "Site - Section" banner ("Tây Ninh Online - Thời sự"). */
int extract_is_nav_line(const char *s, size_t n);

/* Headline finder: feed the first lines (or blocks) of a page in order;
 * a headline is a mixed-case line of 4+ words that is not a date, a
 * toolbar, navigation or a sentence; an all-caps line counts only when no
 * such line comes before the body.  The scan ends at the first long line,
 * the second sentence-like line or the 15th line, which mark the body. */
typedef struct extract_headline {
    long found;     /* index of the headline, -1 */
    long caps;      /* first all-caps candidate, -1 */
    int seen;       /* lines fed */
    int sentences;  /* sentence-like lines seen */
} extract_headline;

void extract_headline_init(extract_headline *h);
/* Feed line idx; returns 1 when the scan is over (feed no more). */
int extract_headline_feed(extract_headline *h, long idx, const char *s, size_t n);
/* The headline's index, else the all-caps candidate's, else -1. */
long extract_headline_result(const extract_headline *h);

/* Kinds of page furniture recognised from their text. */
typedef enum {
    EXTRACT_UI_NONE = 0,
    EXTRACT_UI_TOOLBAR,   /* share buttons, font size, print, e-mail */
    EXTRACT_UI_SECTION,   /* heading of a list that is not the article:
                             related news, latest news, most read */
    EXTRACT_UI_COUNTER,   /* visitor counters */
    EXTRACT_UI_POLL,      /* polls, surveys, rating widgets */
    EXTRACT_UI_COMMENT,   /* comment forms */
    EXTRACT_UI_CHROME,    /* search box, photo/video galleries, links box,
                             copyright lines */
    EXTRACT_UI_MOTTO      /* the national header of official documents */
} extract_ui;

/* Classify a short piece of text (a block or a line, at most 200 bytes and
 * 30 words; longer text is always EXTRACT_UI_NONE).  Headings (related
 * news, counters, polls) must start the text with at most four words
 * after them; other phrases count when they start a text of at most six
 * words or when two phrases occur in the text. */
extract_ui extract_ui_phrase(const char *s, size_t n);

#endif
