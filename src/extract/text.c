/* text.c - plain-text reader.
 *
 * Decodes UTF-8 (BOM or not; a few invalid bytes become U+FFFD), UTF-16
 * with a BOM, and legacy single-byte
 * Vietnamese (TCVN3, VNI, VISCII, windows-1258; guessed by norm_detect,
 * windows-1258 when undecided), splits paragraphs on blank lines, finds the
 * headline among the page-header lines (skipping dates, toolbars, slogans),
 * the publication date+time printed above it and a signature line at the
 * end of the article.  Nothing is dropped: every paragraph becomes a block.
 */
#include "extract/extract_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/text_util.h"
#include "normalize/normalize.h"

typedef struct line {
    size_t s, e;   /* byte span in the decoded text, terminator excluded */
    int blank;     /* only white space */
} line;

/* UTF-16 (after the BOM) to UTF-8; unpaired surrogates become U+FFFD and
 * a trailing odd byte is dropped. */
static void decode_utf16(const unsigned char *p, size_t n, int be, td_buf *out)
{
    for (size_t i = 0; i + 1 < n; i += 2) {
        unsigned u = be ? (unsigned)(p[i] << 8 | p[i + 1]) : (unsigned)(p[i + 1] << 8 | p[i]);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            unsigned v = be ? (unsigned)(p[i + 2] << 8 | p[i + 3])
                            : (unsigned)(p[i + 3] << 8 | p[i + 2]);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                extract_put_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                i += 2;
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF)
            u = 0xFFFD;
        if (u != 0)
            extract_put_utf8(out, u);
    }
}

/* Decode data into out (UTF-8).  *base is the offset of out's byte 0 in
 * data when out is a verbatim copy (so block offsets are file offsets),
 * -1 when decoding changed the bytes. */
static void decode(td_doc *d, const char *data, size_t len, td_buf *out,
                   long *base)
{
    const unsigned char *u = (const unsigned char *)data;
    *base = -1;
    if (len >= 2 && (u[0] == 0xFF || u[0] == 0xFE) && (u[1] == 0xFF || u[1] == 0xFE) &&
        u[0] != u[1]) {
        int be = u[0] == 0xFE;
        decode_utf16(u + 2, len - 2, be, out);
        d->encoding = be ? "utf-16be" : "utf-16le";
        return;
    }
    size_t skip = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (extract_valid_utf8(u + skip, len - skip)) {
        td_buf_append(out, data + skip, len - skip);
        d->encoding = "utf-8";
        *base = (long)skip;
        return;
    }
    /* UTF-8 with a few bad bytes (or a BOM): they become U+FFFD, counted
     * in d->bad_bytes for a warning, and the rest stays UTF-8 */
    if (norm_utf8_mostly(u + skip, len - skip, &d->bad_bytes) || skip) {
        norm_nfc(data + skip, len - skip, out);
        d->encoding = "utf-8";
        return;
    }
    d->bad_bytes = 0;
    double score;
    norm_encoding enc = norm_detect(u, len, &score);
    if (enc != NORM_ENC_TCVN3 && enc != NORM_ENC_VNI && enc != NORM_ENC_VISCII &&
        enc != NORM_ENC_CP1258)
        enc = NORM_ENC_CP1258;   /* the usual code page of old Vietnamese files */
    norm_decode(enc, u, len, 0, out);
    d->encoding = norm_encoding_name(enc);
}

static void split_lines(const char *t, size_t n, line **out, size_t *count)
{
    size_t cap = 64, k = 0;
    line *v = td_xmalloc(cap * sizeof *v);
    size_t i = 0;
    while (i < n) {
        size_t s = i;
        while (i < n && t[i] != '\n' && t[i] != '\r')
            i++;
        if (k == cap) {
            cap *= 2;
            v = td_xrealloc(v, cap * sizeof *v);
        }
        const char *p = t + s;
        size_t l = i - s;
        extract_trim(&p, &l);
        v[k].s = s;
        v[k].e = i;
        v[k].blank = l == 0;
        k++;
        if (i < n && t[i] == '\r' && i + 1 < n && t[i + 1] == '\n')
            i += 2;
        else if (i < n)
            i++;
    }
    *out = v;
    *count = k;
}

/* Does line b continue the sentence of line a?  It does when a stops
 * without a sentence end, or b starts in lower case. */
static int continues(const char *t, const line *a, const line *b)
{
    const char *p = t + a->s;
    size_t n = a->e - a->s;
    extract_trim(&p, &n);
    if (!n)
        return 0;
    if (extract_starts_lower(t + b->s, b->e - b->s))
        return 1;
    return !strchr(".!?:;\")", p[n - 1]) &&
           !(n >= 3 && (memcmp(p + n - 3, "\xe2\x80\x9d", 3) == 0 ||    /* ” */
                        memcmp(p + n - 3, "\xe2\x80\xa6", 3) == 0));    /* … */
}

/* A file with no blank lines that was wrapped at a fixed width (a crawler
 * or a mail client did it): many lines run on into a next line that starts
 * in lower case.  Its paragraphs are runs of lines, not single lines. */
static int hard_wrapped(const char *t, const line *ls, size_t first, size_t last)
{
    size_t lines = 0, runs = 0;
    for (size_t i = first; i < last; i++) {
        lines++;
        if (i + 1 < last && extract_starts_lower(t + ls[i + 1].s, ls[i + 1].e - ls[i + 1].s))
            runs++;
    }
    return runs >= 3 && runs * 4 >= lines;
}

/* The headline among the first lines, or -1 (see extract_headline). */
static long find_title(const char *t, const line *ls, size_t nl)
{
    extract_headline h;
    extract_headline_init(&h);
    for (size_t i = 0; i < nl; i++)
        if (!ls[i].blank && extract_headline_feed(&h, (long)i, t + ls[i].s, ls[i].e - ls[i].s))
            break;
    return extract_headline_result(&h);
}

/* The publication date: a date+time header line, the nearest one above
 * the headline, else one of the two lines right below it.  Dates without
 * a time are not taken: in page headers they are usually today's date. */
static void find_published(td_doc *d, const char *t, const line *ls,
                           size_t nl, long title)
{
    long best = -1;
    int by = 0, bm = 0, bd = 0;
    for (long i = 0; i < title; i++) {
        int y, m, dd, tm;
        if (ls[i].blank)
            continue;
        if (extract_is_date_line(t + ls[i].s, ls[i].e - ls[i].s, &y, &m, &dd, &tm) && tm)
            best = i, by = y, bm = m, bd = dd;
    }
    for (size_t i = (size_t)title + 1, seen = 0; best < 0 && i < nl && seen < 2; i++) {
        int y, m, dd, tm;
        if (ls[i].blank)
            continue;
        seen++;
        if (extract_is_date_line(t + ls[i].s, ls[i].e - ls[i].s, &y, &m, &dd, &tm) && tm)
            best = (long)i, by = y, bm = m, bd = dd;
    }
    if (best >= 0) {
        char iso[16];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", by, bm, bd);
        d->published = td_doc_strdup(d, iso);
    }
}

/* Append lines [a, b] joined by '\n' as one block. */
static void add_lines(td_doc *d, td_block_kind kind, const char *t,
                      const line *ls, size_t a, size_t b, long base,
                      td_buf *tmp)
{
    if (a > b)
        return;
    td_buf_clear(tmp);
    for (size_t i = a; i <= b; i++) {
        if (i > a)
            td_buf_putc(tmp, '\n');
        td_buf_append(tmp, t + ls[i].s, ls[i].e - ls[i].s);
    }
    long s = base >= 0 ? base + (long)ls[a].s : -1;
    long e = base >= 0 ? base + (long)ls[b].e : -1;
    td_doc_add_block(d, kind, 0, tmp->ptr ? tmp->ptr : "", tmp->len, s, e);
}

/* A signature among the three blocks after the last long paragraph
 * ("Mai Thảo", "Theo Báo X"); page furniture may follow it. */
static int byline_block(td_doc *d, size_t i)
{
    td_block *b = &d->blocks[i];
    const char *nl = memchr(b->text, '\n', b->len);
    size_t n = nl ? (size_t)(nl - b->text) : b->len;
    const char *p = b->text;
    extract_trim(&p, &n);
    if (!extract_is_byline(p, n))
        return 0;
    d->author = td_arena_strndup(d->arena, p, n);
    return 1;
}

/* 1 when block i is prose: a line of 150 bytes or more, and a first line
 * that is not furniture ("Tin liên quan:", "Bình luận").  Lists of other
 * articles' headlines are long blocks of short lines. */
static int prose_block(td_doc *d, size_t i)
{
    td_block *b = &d->blocks[i];
    const char *nl = memchr(b->text, '\n', b->len);
    size_t n = nl ? (size_t)(nl - b->text) : b->len;
    if (extract_ui_phrase(b->text, n) != EXTRACT_UI_NONE || extract_is_nav_line(b->text, n))
        return 0;
    size_t run = 0;
    for (size_t k = 0; k < b->len; k++) {
        run = b->text[k] == '\n' ? 0 : run + 1;
        if (run >= 150)
            return 1;
    }
    return 0;
}

static void find_byline(td_doc *d, size_t first)
{
    long last = -1;
    for (size_t i = first; i < d->nblocks; i++)
        if (prose_block(d, i))
            last = (long)i;
    if (last < 0)
        return;
    /* some sites print the author right under the headline */
    if (d->blocks[first].kind == TD_BLOCK_TITLE && first + 2 < d->nblocks &&
        d->blocks[first + 2].len >= 200 && byline_block(d, first + 1))
        return;
    for (size_t i = (size_t)last + 1; i < d->nblocks && i <= (size_t)last + 3; i++) {
        td_block *b = &d->blocks[i];
        const char *nl = memchr(b->text, '\n', b->len);
        size_t n = nl ? (size_t)(nl - b->text) : b->len;
        const char *p = b->text;
        extract_trim(&p, &n);
        if (extract_ui_phrase(p, n) != EXTRACT_UI_NONE)
            return;
        if (extract_is_byline(p, n)) {
            d->author = td_arena_strndup(d->arena, p, n);
            return;
        }
    }
}

int extract_text(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e)
{
    td_buf text = TD_BUF_INIT, tmp = TD_BUF_INIT;
    long base;
    decode(d, data, len, &text, &base);
    if (text.len == 0) {
        td_buf_free(&text);
        return td_err_set(e, TD_EEMPTY, "no text found");
    }
    if (!strncmp(d->encoding, "utf-16", 6) &&
        extract_sniff(text.ptr, text.len) == TD_FMT_HTML) {
        /* a page saved as UTF-16 ("Unicode" in old Windows tools): the
         * sniffer cannot see markup through the BOM, so hand it over; its
         * offsets would point into the converted text, so drop them */
        const char *enc = d->encoding;
        d->format = TD_FMT_HTML;
        int rc = extract_html(d, text.ptr, text.len, o, e);
        d->encoding = enc;
        for (size_t i = 0; i < d->nblocks; i++)
            d->blocks[i].src_start = d->blocks[i].src_end = -1;
        td_buf_free(&text);
        return rc;
    }
    line *ls;
    size_t nl;
    split_lines(text.ptr, text.len, &ls, &nl);

    /* A file with no blank line at all has one paragraph per line (text
     * saved from a word processor); otherwise blank lines separate
     * paragraphs and single line breaks stay inside them. */
    size_t first = 0, last = nl;
    while (first < nl && ls[first].blank)
        first++;
    while (last > first && ls[last - 1].blank)
        last--;
    int per_line = 1;
    for (size_t i = first; i < last; i++)
        if (ls[i].blank)
            per_line = 0;
    int wrapped = per_line && hard_wrapped(text.ptr, ls, first, last);

    /* The title keeps its place in the document order (header lines such
     * as dates and slogans stay before it), so block offsets grow with the
     * file and evidence never points backwards; it is marked TD_BLOCK_TITLE
     * and copied to d->title. */
    long title = find_title(text.ptr, ls, nl);
    if (title >= 0) {
        const char *p = text.ptr + ls[title].s;
        size_t n = ls[title].e - ls[title].s;
        extract_trim(&p, &n);
        d->title = td_arena_strndup(d->arena, p, n);
        find_published(d, text.ptr, ls, nl, title);
    }
    size_t title_block = 0;
    for (size_t i = first; i < last;) {
        if (ls[i].blank) {
            i++;
            continue;
        }
        size_t j = i;
        if (!per_line)
            while (j + 1 < last && !ls[j + 1].blank)
                j++;
        else if (wrapped)
            while (j + 1 < last && continues(text.ptr, &ls[j], &ls[j + 1]))
                j++;
        if (title >= (long)i && title <= (long)j) {
            size_t t = (size_t)title;
            if (t > i)
                add_lines(d, TD_BLOCK_PARA, text.ptr, ls, i, t - 1, base, &tmp);
            title_block = d->nblocks;
            add_lines(d, TD_BLOCK_TITLE, text.ptr, ls, t, t, base, &tmp);
            if (t < j)
                add_lines(d, TD_BLOCK_PARA, text.ptr, ls, t + 1, j, base, &tmp);
        } else {
            add_lines(d, TD_BLOCK_PARA, text.ptr, ls, i, j, base, &tmp);
        }
        i = j + 1;
    }
    find_byline(d, title_block);
    free(ls);
    td_buf_free(&tmp);
    td_buf_free(&text);
    if (d->nblocks == 0)
        return td_err_set(e, TD_EEMPTY, "no text found");
    return TD_OK;
}
