/* docx_title.c - the DOCX reader: which paragraph is the document's title.
 *
 * docProps/core.xml's dc:title is often junk (a file name, a template's
 * title, a clerk's abbreviation), so the title is read from the text the
 * way a person would: a Title-styled paragraph, the subject under an
 * official document's type line ("BÁO CÁO" + subject), a heading above
 * the body, a headline-looking paragraph near the top; the property only
 * when a paragraph says the same.  The chosen block moves to the front.
 */
#include "extract/docx_int.h"

#include <stdlib.h>
#include <string.h>

#include "extract/text_util.h"
#include "normalize/normalize.h"

#define TOP_MAX 40       /* blocks looked at before giving up on the top */
#define TYPE_WORDS 4     /* a document type line: "BÁO CÁO", "BIÊN BẢN" */
#define SUBJECT_CONT 3   /* subject lines joined after the first */

static const char *first_line(const td_block *b, size_t *n)
{
    const char *nl = memchr(b->text, '\n', b->len);
    *n = nl ? (size_t)(nl - b->text) : b->len;
    return b->text;
}

static int words_of(const td_block *b)
{
    return extract_count_words(b->text, b->len);
}

static int ends_with(const td_block *b, const char *set)
{
    return b->len && strchr(set, b->text[b->len - 1]) != NULL;
}

/* Body text: a paragraph of prose, which ends the page top. */
static int is_body(const td_block *b)
{
    if (b->kind != TD_BLOCK_PARA && b->kind != TD_BLOCK_LIST_ITEM)
        return 0;
    int w = words_of(b);
    return w >= 30 || (w >= 12 && ends_with(b, ".;"));
}

/* The folded text of s[0..n) (caller frees). */
static char *fold_n(const char *s, size_t n)
{
    char *raw = td_xstrndup(s, n);
    char *f = norm_fold_str(raw);
    free(raw);
    return f;
}

/* "<Place>, ngày 19 tháng 01 năm 2026" or "<Place>, 19/01/2026": the
 * place and date line of an official document's header. */
static int is_date_line(const td_block *b)
{
    int y, m, dd, tm;
    if (words_of(b) > 14)
        return 0;
    if (extract_is_date_line(b->text, b->len, &y, &m, &dd, &tm))
        return 1;
    char *f = fold_n(b->text, b->len);
    const char *ng = strstr(f, "ngay ");
    const char *th = ng ? strstr(ng, " thang ") : NULL;
    int ok = th && strstr(th, " nam ") != NULL;
    free(f);
    return ok;
}

/* A line that cannot be a subject: document number ("Số: 01/BC-KTĐ"),
 * addressee, legal basis or a numbered section. */
static int not_subject(const char *s, size_t n)
{
    char *f = fold_n(s, n > 24 ? 24 : n);
    static const char *const lead[] = {"so:", "so ", "kinh gui", "can cu", "v/v"};
    int bad = 0;
    for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
        if (strncmp(f, lead[i], strlen(lead[i])) == 0)
            bad = 1;
    /* "I. ...", "1. ...", "a) ...", "- ..." */
    size_t k = 0;
    while (f[k] == 'i' || f[k] == 'v' || f[k] == 'x' || (f[k] >= '0' && f[k] <= '9'))
        k++;
    if (k == 0 && f[0] >= 'a' && f[0] <= 'z')
        k = 1;
    if (k > 0 && k <= 4 && (f[k] == '.' || f[k] == ')'))
        bad = 1;
    if (f[0] == '-' || f[0] == '+' || f[0] == '*')
        bad = 1;
    free(f);
    return bad;
}

/* A short all-capitals line naming the kind of document. */
static int is_type_line(const char *s, size_t n)
{
    int w = extract_count_words(s, n);
    return w >= 1 && w <= TYPE_WORDS && extract_is_all_caps(s, n) &&
           !memchr(s, ':', n) && extract_ui_phrase(s, n) == EXTRACT_UI_NONE;
}

/* A subject line under the type line: a phrase, not a sentence or a
 * header line; all capitals only when caps_ok. */
static int is_subject(const char *s, size_t n, int caps_ok)
{
    extract_trim(&s, &n);
    int w = extract_count_words(s, n);
    if (w < 3 || w > 60 || !extract_starts_upper(s, n) || not_subject(s, n))
        return 0;
    if (!caps_ok && extract_is_all_caps(s, n))
        return 0;
    return extract_ui_phrase(s, n) == EXTRACT_UI_NONE;
}

/* A line continuing a subject: "của Khối thi đua số 3", "(Khối ...)". */
static int is_continuation(const td_block *b)
{
    if (b->kind != TD_BLOCK_PARA || ends_with(b, ".:;") || words_of(b) > 30)
        return 0;
    unsigned char c = (unsigned char)b->text[0];
    return c == '(' || (c >= 'a' && c <= 'z') ||
           (c >= 0xc3 && !extract_starts_upper(b->text, b->len));
}

/* Numbered section heading ("I. KẾT QUẢ"), not a title. */
static int is_section(const td_block *b)
{
    return not_subject(b->text, b->len);
}

/* Move block i to the front as the title with the given text. */
static void promote(td_doc *d, size_t i, const char *text, long src_end)
{
    td_block b = d->blocks[i];
    memmove(d->blocks + 1, d->blocks, i * sizeof *d->blocks);
    b.kind = TD_BLOCK_TITLE;
    b.level = 0;
    b.row = b.col = -1;
    if (text) {
        b.text = td_arena_strndup(d->arena, text, strlen(text));
        b.len = strlen(text);
        b.src_end = src_end;
    }
    d->blocks[0] = b;
}

/* Remove blocks [i, i+k). */
static void drop(td_doc *d, size_t i, size_t k)
{
    memmove(d->blocks + i, d->blocks + i + k, (d->nblocks - i - k) * sizeof *d->blocks);
    d->nblocks -= k;
}

/* A core.xml title is plausible when it reads like a headline; it is used
 * only when a paragraph near the top says the same. */
static long core_match(const td_doc *d, size_t top, const char *core)
{
    if (!core || extract_count_words(core, strlen(core)) < 3)
        return -1;
    char *cf = norm_fold_str(core);
    long hit = -1;
    for (size_t i = 0; i < top && hit < 0; i++) {
        char *bf = fold_n(d->blocks[i].text, d->blocks[i].len);
        if (strcmp(bf, cf) == 0)
            hit = (long)i;
        free(bf);
    }
    free(cf);
    return hit;
}

void extract_docx_choose_title(td_doc *d, const char *core_title)
{
    size_t nbody = 0;
    while (nbody < d->nblocks && d->blocks[nbody].kind != TD_BLOCK_NOTE)
        nbody++;
    size_t top = 0;
    while (top < nbody && top < TOP_MAX && !is_body(&d->blocks[top]))
        top++;
    /* the header ends with the motto and the place and date line */
    size_t start = 0;
    for (size_t i = 0; i < top; i++) {
        size_t n;
        const char *s = first_line(&d->blocks[i], &n);
        if (is_date_line(&d->blocks[i]) ||
            extract_ui_phrase(s, n) == EXTRACT_UI_MOTTO ||
            extract_ui_phrase(d->blocks[i].text, d->blocks[i].len) == EXTRACT_UI_MOTTO)
            start = i + 1;
    }
    long pick = -1;
    char *joined = NULL;
    long joined_end = -1;
    size_t ndrop = 0;

    /* a Title-styled paragraph that is not just the document type */
    for (size_t i = 0; i < top && pick < 0; i++)
        if (d->blocks[i].kind == TD_BLOCK_TITLE &&
            !is_type_line(d->blocks[i].text, d->blocks[i].len))
            pick = (long)i;

    /* the subject under the document type line */
    for (size_t i = start; i < top && pick < 0; i++) {
        const td_block *b = &d->blocks[i];
        if (b->kind == TD_BLOCK_TABLE_CELL)
            continue;
        size_t n;
        const char *s = first_line(b, &n);
        if (!is_type_line(s, n))
            continue;
        td_buf t = TD_BUF_INIT;
        size_t first = i, last = i;
        if (n < b->len && is_subject(s + n + 1, b->len - n - 1, start > 0)) {
            /* type and subject in one paragraph, split by a line break */
            const char *r = s + n + 1;
            size_t rn = b->len - n - 1;
            extract_trim(&r, &rn);
            td_buf_append(&t, r, rn);
        } else if (n == b->len && i + 1 < nbody &&
                   d->blocks[i + 1].kind != TD_BLOCK_TABLE_CELL &&
                   is_subject(d->blocks[i + 1].text, d->blocks[i + 1].len, start > 0)) {
            first = last = i + 1;
            td_buf_append(&t, d->blocks[i + 1].text, d->blocks[i + 1].len);
        } else {
            continue;
        }
        while (last + 1 < nbody && last + 1 - first <= SUBJECT_CONT &&
               is_continuation(&d->blocks[last + 1])) {
            last++;
            td_buf_putc(&t, ' ');
            td_buf_append(&t, d->blocks[last].text, d->blocks[last].len);
        }
        for (char *c = t.ptr; *c; c++)
            if (*c == '\n')
                *c = ' ';
        if (first == i || last > first) {
            joined = td_buf_detach(&t);
            joined_end = d->blocks[last].src_end;
        }
        td_buf_free(&t);
        pick = (long)first;
        ndrop = last - first;
        if (first == i) {
            /* keep the type line where it stands; the title is a new block */
            td_block *nb = td_doc_add_block(d, TD_BLOCK_TITLE, 0, joined, strlen(joined),
                                            b->src_start, joined_end);
            size_t type_len = n;
            if (nb) {
                nb->part = d->blocks[i].part;
                nb->row = nb->col = -1;
                td_block copy = *nb;
                memmove(d->blocks + 1, d->blocks, (d->nblocks - 1) * sizeof *d->blocks);
                d->blocks[0] = copy;
                while (type_len && (d->blocks[i + 1].text[type_len - 1] == ' ' ||
                                    d->blocks[i + 1].text[type_len - 1] == '\t'))
                    type_len--;
                d->blocks[i + 1].len = type_len;
                d->blocks[i + 1].text[type_len] = '\0';
                if (ndrop)
                    drop(d, i + 2, ndrop);
                pick = -2;   /* done */
            }
        }
    }

    /* a heading opening the text below the header (one after paragraphs
     * is a section heading) */
    for (size_t i = start; i < top && pick == -1; i++) {
        const td_block *b = &d->blocks[i];
        if (b->kind == TD_BLOCK_PARA || b->kind == TD_BLOCK_LIST_ITEM)
            break;
        if (b->kind == TD_BLOCK_HEADING && !is_section(b) && words_of(b) >= 2)
            pick = (long)i;
    }

    /* a headline-looking paragraph opening the text below the header: one
     * of its first two paragraphs, not a list item, not a lead-in to
     * what follows (":"), with text after it */
    if (pick == -1) {
        extract_headline h;
        extract_headline_init(&h);
        int fed = 0;
        for (size_t i = start; i < top && fed < 2; i++) {
            const td_block *b = &d->blocks[i];
            if (b->kind != TD_BLOCK_PARA)
                continue;
            fed++;
            if (not_subject(b->text, b->len) || ends_with(b, ":"))
                continue;
            if (extract_headline_feed(&h, (long)i, b->text, b->len))
                break;
        }
        pick = h.found >= 0 && (size_t)h.found + 1 < nbody ? h.found : -1;
    }

    if (pick == -1)
        pick = core_match(d, top, core_title);

    if (pick >= 0) {
        size_t i = (size_t)pick;
        if (ndrop)
            drop(d, i + 1, ndrop);
        promote(d, i, joined, joined_end);
    }
    free(joined);
    /* only one title: other Title-styled paragraphs are top headings */
    for (size_t i = 1; i < d->nblocks; i++)
        if (d->blocks[i].kind == TD_BLOCK_TITLE) {
            d->blocks[i].kind = TD_BLOCK_HEADING;
            d->blocks[i].level = 1;
        }
    d->title = pick != -1 && d->nblocks && d->blocks[0].kind == TD_BLOCK_TITLE
                   ? d->blocks[0].text : NULL;
}
