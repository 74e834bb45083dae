/* html_emit.c - the chosen article as document blocks.
 *
 * Walks the kept elements in document order and emits headings,
 * paragraphs, list items and table cells (data tables cell by cell) with
 * their byte spans in the page, dropping what html_clean.c judges
 * furniture on the way and date, byline and "related news" lines.
 */
#include "extract/html_int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/text_util.h"

/* ---- emitting blocks ---------------------------------------------------- */

static int is_data_table(html_ctx *c, xmlNode *t)
{
    html_info *ti = extract_html_info_of(c, t);
    if (ti->flags & HTML_F_TABLE_DECIDED)
        return (ti->flags & HTML_F_TABLE_DATA) != 0;
    int rows = 0, cols = 0, nested = 0, big = 0, cur = 0;
    for (xmlNode *n = t->children; n;) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE) {
            const char *tag = extract_html_tag(n);
            if (!strcmp(tag, "table")) {
                nested = 1;
                skip = 1;
            } else if (!strcmp(tag, "tr")) {
                rows++;
                cur = 0;
            } else if (!strcmp(tag, "td") || !strcmp(tag, "th")) {
                if (++cur > cols)
                    cols = cur;
                if (extract_html_info_of(c, n)->text > 600)
                    big = 1;
                /* cell contents are not rows of this table */
                for (xmlNode *k = n->children; k; k = extract_html_next(k, n, 0))
                    if (!strcmp(extract_html_tag(k), "table"))
                        nested = 1;
                skip = 1;
            }
        }
        n = extract_html_next(n, t, skip);
    }
    int data = rows >= 2 && cols >= 2 && !nested && !big;
    ti = extract_html_info_of(c, t);
    ti->flags |= HTML_F_TABLE_DECIDED | (data ? HTML_F_TABLE_DATA : 0u);
    return data;
}

/* The element that decides the kind of text under n: the nearest
 * heading, list item or data cell, else n's nearest block. */
static xmlNode *owner_of(html_ctx *c, xmlNode *n, xmlNode *root)
{
    xmlNode *blk = NULL;
    for (xmlNode *a = n; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
        const char *tag = extract_html_tag(a);
        if (extract_html_heading_level(tag) || !strcmp(tag, "li") || !strcmp(tag, "figcaption") ||
            !strcmp(tag, "caption"))
            return a;
        if (!strcmp(tag, "td") || !strcmp(tag, "th")) {
            xmlNode *t = a->parent;
            while (t && strcmp(extract_html_tag(t), "table"))
                t = t->parent;
            if (t && is_data_table(c, t))
                return a;
        }
        if (!blk && extract_html_is_block(tag))
            blk = a;
        if (a == root)
            break;
    }
    return blk ? blk : root;
}

static int is_atomic(html_ctx *c, xmlNode *owner)
{
    const char *tag = extract_html_tag(owner);
    if (extract_html_heading_level(tag) || !strcmp(tag, "li") || !strcmp(tag, "figcaption") ||
        !strcmp(tag, "caption"))
        return 1;
    if (strcmp(tag, "td") && strcmp(tag, "th"))
        return 0;
    xmlNode *t = owner->parent;
    while (t && strcmp(extract_html_tag(t), "table"))
        t = t->parent;
    return t && is_data_table(c, t);
}

static void soft_break(emitter *em)
{
    while (em->cur.len && em->cur.ptr[em->cur.len - 1] == ' ')
        em->cur.len--;
    if (em->cur.len && em->cur.ptr[em->cur.len - 1] != '\n')
        td_buf_putc(&em->cur, '\n');
    if (em->cur.ptr)
        em->cur.ptr[em->cur.len] = '\0';
}

static void cell_pos(xmlNode *cell, int *row, int *col)
{
    *row = *col = 0;
    for (xmlNode *s = cell->prev; s; s = s->prev)
        if (!strcmp(extract_html_tag(s), "td") || !strcmp(extract_html_tag(s), "th"))
            (*col)++;
    xmlNode *tr = cell->parent, *t = tr;
    while (t && strcmp(extract_html_tag(t), "table"))
        t = t->parent;
    if (!t)
        return;
    for (xmlNode *n = t->children; n && n != tr;) {
        int skip = !strcmp(extract_html_tag(n), "table") || !strcmp(extract_html_tag(n), "tr");
        if (!strcmp(extract_html_tag(n), "tr"))
            (*row)++;
        n = extract_html_next(n, t, skip);
    }
}

/* Fewer than three text blocks (headings aside) emitted so far. */
static int at_top(html_ctx *c)
{
    int k = 0;
    for (size_t i = c->first_block; i < c->d->nblocks && k < 3; i++)
        k += c->d->blocks[i].kind != TD_BLOCK_HEADING;
    return k < 3;
}

/* A clock time alone ("22:41", "9.05am", "10h30 GMT"): the stamp of a
 * live-blog entry or a comment, never text. */
static int time_only(const char *s, size_t n)
{
    size_t i = 0, d = 0;
    while (i < n && isdigit((unsigned char)s[i]))
        i++, d++;
    if (d < 1 || d > 2 || i >= n || !strchr(":.h", s[i]))
        return 0;
    i++;
    for (d = 0; i < n && isdigit((unsigned char)s[i]); i++)
        d++;
    if (d != 2)
        return 0;
    size_t rest = 0;
    for (; i < n; i++, rest++)
        if (!isalpha((unsigned char)s[i]) && s[i] != ' ' && s[i] != '.')
            return 0;
    return rest <= 8;
}

/* A short line with a year and a "·" or "|" separator at the top of the
 * article ("Interview by X · April 9, 2025", "Par X · Publié le 28 mai
 * 2025"): the byline and date row, not text. */
static int meta_line(const char *s, size_t n)
{
    if (n > 120 || extract_count_words(s, n) > 14)
        return 0;
    int year = 0;
    for (size_t i = 0; i + 4 <= n && !year; i++)
        year = (s[i] == '1' || s[i] == '2') && (s[i + 1] == '9' || s[i + 1] == '0') &&
               isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
               (i == 0 || !isdigit((unsigned char)s[i - 1])) &&
               (i + 4 == n || !isdigit((unsigned char)s[i + 4]));
    if (!year)
        return 0;
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '|' || (s[i] == '\xC2' && s[i + 1] == '\xB7'))
            return 1;
    return 0;
}

/* "By Jane Doe", "Bởi Mai Thảo", "Tác giả: ...": a byline by its prefix. */
static int by_line(const char *s, size_t n)
{
    if (n > 100 || !extract_is_byline(s, n))
        return 0;
    char *raw = td_xstrndup(s, n), *f = norm_fold_str(raw);
    free(raw);
    int hit = !strncmp(f, "by ", 3) || !strncmp(f, "boi ", 4) || !strncmp(f, "tac gia", 7);
    free(f);
    return hit;
}

static void flush(emitter *em, long end)
{
    html_ctx *c = em->c;
    xmlNode *owner = em->owner;
    em->owner = NULL;
    const char *s = em->cur.ptr;
    size_t n = em->cur.len;
    if (!s) {
        return;
    }
    extract_trim(&s, &n);
    if (n == 0 || !owner) {
        td_buf_clear(&em->cur);
        return;
    }
    if (em->skip_scope) {
        html_info *oi = extract_html_info_of(c, owner);
        if (extract_html_descends(owner, em->skip_scope) && (n < 200 || extract_html_link_density(oi) > 0.3)) {
            td_buf_clear(&em->cur);
            return;
        }
        em->skip_scope = NULL;
    }
    if (!c->o->keep_boilerplate) {
        extract_ui k = extract_ui_phrase(s, n);
        if (k == EXTRACT_UI_SECTION)
            em->skip_scope = owner->parent;
        if (k != EXTRACT_UI_NONE && k != EXTRACT_UI_MOTTO) {
            td_buf_clear(&em->cur);
            return;
        }
    }
    /* a bare date line at the top of the article is the page's
     * publication stamp (kept in d->published), and "By X" there is the
     * byline: neither is article text */
    int y, m, dd, tm;
    if (!c->o->keep_boilerplate && at_top(c) &&
        (extract_is_date_line(s, n, &y, &m, &dd, &tm) || by_line(s, n) || meta_line(s, n))) {
        td_buf_clear(&em->cur);
        return;
    }
    const char *tag = extract_html_tag(owner);
    if (!c->o->keep_boilerplate && strcmp(tag, "td") && strcmp(tag, "th") && time_only(s, n)) {
        td_buf_clear(&em->cur);
        return;
    }
    /* a paragraph, item or heading that is all link is a headline of
     * another article (related news slipped into the text); so is a
     * short run of link text beside the blocks of its box (a section
     * label above the headline) */
    html_info *oi = extract_html_info_of(c, owner);
    if (!c->o->keep_boilerplate && strcmp(tag, "td") && strcmp(tag, "th") &&
        (extract_html_link_density(oi) >= 0.8 ||
         (oi->own > 0 && oi->own < 80 && oi->own_links * 10 >= oi->own * 9))) {
        td_buf_clear(&em->cur);
        return;
    }
    td_block_kind kind = TD_BLOCK_PARA;
    int level = 0, row = -1, col = -1;
    if ((level = extract_html_heading_level(tag)) != 0) {
        kind = TD_BLOCK_HEADING;
    } else if (!strcmp(tag, "li")) {
        kind = TD_BLOCK_LIST_ITEM;
        for (xmlNode *a = owner->parent; a; a = a->parent)
            if (!strcmp(extract_html_tag(a), "ul") || !strcmp(extract_html_tag(a), "ol"))
                level++;
        level = level > 0 ? level - 1 : 0;
        if (level > 8)
            level = 8;
    } else if ((!strcmp(tag, "td") || !strcmp(tag, "th")) && is_atomic(c, owner)) {
        kind = TD_BLOCK_TABLE_CELL;
        cell_pos(owner, &row, &col);
    }
    em->next_start = -1;
    long a = c->base >= 0 && em->start >= 0 ? c->base + em->start : -1;
    long b = c->base >= 0 && end >= 0 ? c->base + end : -1;
    if (a >= 0 && b < a)
        b = -1;
    td_block *blk = td_doc_add_block(c->d, kind, level, s, n, a, b);
    if (blk) {
        blk->row = row;
        blk->col = col;
    }
    td_buf_clear(&em->cur);
}

static void append_text(emitter *em, xmlNode *t, xmlNode *root, int pre)
{
    html_ctx *c = em->c;
    td_buf_clear(&em->tmp);
    extract_html_decode_text(c, t, &em->tmp);
    if (!em->tmp.ptr)
        return;
    const char *s = em->tmp.ptr;
    size_t n = em->tmp.len;
    for (size_t i = 0; i < n;) {
        size_t k = 0;
        unsigned char ch = (unsigned char)s[i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f')
            k = 1;
        else if (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
            k = 2;
        if (k) {
            if (pre && ch == '\n') {
                soft_break(em);
            } else if (em->cur.len && em->cur.ptr[em->cur.len - 1] != ' ' &&
                       em->cur.ptr[em->cur.len - 1] != '\n') {
                td_buf_putc(&em->cur, ' ');
            }
            i += k;
            continue;
        }
        if (!em->owner) {
            em->owner = owner_of(c, t->parent, root);
            em->start = extract_html_info_of(c, em->owner)->start;
            if (em->next_start > em->start)
                em->start = em->next_start;
        }
        /* the run of bytes up to the next white space, in one append */
        size_t j = i + 1;
        while (j < n) {
            unsigned char cj = (unsigned char)s[j];
            if (cj == ' ' || cj == '\t' || cj == '\r' || cj == '\n' || cj == '\f' ||
                (cj == 0xC2 && j + 1 < n && (unsigned char)s[j + 1] == 0xA0))
                break;
            j++;
        }
        td_buf_append(&em->cur, s + i, j - i);
        i = j;
    }
}

/* A block boundary at element el: inside a heading, list item or data
 * cell it is a line break, elsewhere it ends the block. */
static void boundary(emitter *em, xmlNode *el, long off)
{
    if (em->owner && em->owner != el && is_atomic(em->c, em->owner) &&
        extract_html_descends(el, em->owner)) {
        soft_break(em);
        return;
    }
    flush(em, off);
}

void extract_html_emit_subtree(emitter *em, xmlNode *root)
{
    html_ctx *c = em->c;
    int pre = 0;
    xmlNode *n = root;
    int entering = 1;
    while (n) {
        if (entering) {
            int skip = 0;
            if (n->type == XML_ELEMENT_NODE) {
                const char *tag = extract_html_tag(n);
                html_info *in = extract_html_info_of(c, n);
                long start = in->start;
                /* a byline above the text is page furniture (the reader
                 * keeps it as d->author); a signature below it is text */
                int byline = !c->o->keep_boilerplate && c->d->nblocks < c->first_block + 3 &&
                             extract_html_byline_box(c, n);
                if (n != root && ((in->flags & HTML_F_DROP) || byline ||
                                  (!c->o->keep_boilerplate && extract_html_clean_away(c, n, em->top_text)))) {
                    skip = 1;
                    if (extract_html_is_block(tag))
                        boundary(em, n, start);
                } else if (!strcmp(tag, "br")) {
                    size_t l = em->cur.len;
                    while (l && em->cur.ptr[l - 1] == ' ')
                        l--;
                    if (l && em->cur.ptr[l - 1] == '\n') {
                        flush(em, start);   /* two line breaks: new paragraph */
                        em->next_start = in->end;
                    } else
                        soft_break(em);
                } else if (!strcmp(tag, "hr")) {
                    flush(em, start);
                } else if (extract_html_is_block(tag)) {
                    boundary(em, n, start);
                    if (!strcmp(tag, "pre"))
                        pre++;
                }
            } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
                append_text(em, n, root, pre > 0);
            }
            if (!skip && n->type == XML_ELEMENT_NODE && n->children) {
                n = n->children;
                continue;
            }
        }
        /* leaving n */
        if (n->type == XML_ELEMENT_NODE && extract_html_is_block(extract_html_tag(n)) &&
            !(n != root && extract_html_dropped(c, n))) {
            if (!strcmp(extract_html_tag(n), "pre") && pre > 0)
                pre--;
            boundary(em, n, extract_html_info_of(c, n)->end);
        }
        if (n == root)
            break;
        if (n->next) {
            n = n->next;
            entering = 1;
        } else {
            n = n->parent;
            entering = 0;
        }
    }
    flush(em, extract_html_info_of(c, root)->end);
}
