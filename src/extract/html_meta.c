/* html_meta.c - title, publication date and byline of an HTML page.
 *
 * The title is the article's heading, else og:title, else a heading that
 * opens the text, else <title> without the site name, else the headline
 * among the first blocks; dates come from meta tags, <time> or a short date
 * line near the title; the byline from a byline element, meta author or a
 * signature at the end of the article.
 */
#include "extract/html_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/text_util.h"

/* An attribute value or <title> text decoded like body text (no font). */
static char *decode_str(html_ctx *c, const char *s)
{
    td_buf b = TD_BUF_INIT;
    if (c->page_enc)
        norm_decode_legacy_utf8(c->page_enc, s, strlen(s), 0, &b);
    else
        td_buf_puts(&b, s);
    /* collapse white space */
    td_buf o = TD_BUF_INIT;
    for (size_t i = 0; b.ptr && i < b.len; i++) {
        unsigned char ch = (unsigned char)b.ptr[i];
        int sp = isspace(ch) || (ch == 0xC2 && i + 1 < b.len && (unsigned char)b.ptr[i + 1] == 0xA0);
        if (sp) {
            if (ch == 0xC2)
                i++;
            if (o.len && o.ptr[o.len - 1] != ' ')
                td_buf_putc(&o, ' ');
        } else {
            td_buf_putc(&o, (char)ch);
        }
    }
    td_buf_free(&b);
    char *r = td_buf_detach(&o);
    size_t l = strlen(r);
    while (l && r[l - 1] == ' ')
        r[--l] = '\0';
    return r;
}

/* ---- metadata ----------------------------------------------------------- */

typedef struct meta {
    char *og_title;       /* og:title / twitter:title */
    char *title;          /* <title> */
    char *author;         /* meta author */
    char *published;      /* article:published_time and friends */
    char *url;            /* <link rel=canonical>, else og:url */
    char *og_url;
} meta;

static void set_once(char **slot, char *v)
{
    if (!*slot && v && *v)
        *slot = v;
    else
        free(v);
}

static void read_meta(html_ctx *c, xmlNode *root, meta *m)
{
    static const char *const pub[] = {"article:published_time", "og:published_time",
        "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
        "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
        "article:published", "sailthru.date", NULL};
    for (xmlNode *n = root; n; n = extract_html_next(n, root, 0)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *tag = extract_html_tag(n);
        if (!strcmp(tag, "title") && !m->title) {
            char *t = (char *)xmlNodeGetContent(n);
            if (t)
                set_once(&m->title, decode_str(c, t));
            xmlFree(t);
            continue;
        }
        if (!strcmp(tag, "link")) {
            char *rel = extract_html_attr(n, "rel");
            char *href = extract_html_attr(n, "href");
            if (rel && href && !strcasecmp(rel, "canonical") &&
                (!strncasecmp(href, "http://", 7) || !strncasecmp(href, "https://", 8)))
                set_once(&m->url, td_xstrdup(href));
            xmlFree(rel);
            xmlFree(href);
            continue;
        }
        if (strcmp(tag, "meta"))
            continue;
        char *key = extract_html_attr(n, "property");
        if (!key)
            key = extract_html_attr(n, "name");
        if (!key)
            key = extract_html_attr(n, "itemprop");
        char *val = extract_html_attr(n, "content");
        if (key && val) {
            for (char *k = key; *k; k++)
                *k = (char)tolower((unsigned char)*k);
            if (!strcmp(key, "og:title") || !strcmp(key, "twitter:title"))
                set_once(&m->og_title, decode_str(c, val));
            else if (!strcmp(key, "og:url") &&
                     (!strncasecmp(val, "http://", 7) || !strncasecmp(val, "https://", 8)))
                set_once(&m->og_url, td_xstrdup(val));
            else if (!strcmp(key, "author") || !strcmp(key, "article:author") ||
                     !strcmp(key, "dc.creator"))
                if (strncmp(val, "http", 4) && !strchr(val, '@'))
                    set_once(&m->author, decode_str(c, val));
            for (size_t i = 0; pub[i]; i++)
                if (!strcmp(key, pub[i]))
                    set_once(&m->published, decode_str(c, val));
        }
        xmlFree(key);
        xmlFree(val);
    }
}

/* Remove a site name from a page title: "Tiêu đề - Báo X", "Tiêu đề |
 * Cổng thông tin ...", "Cổng TTĐT tỉnh X | Tiêu đề".  " - " is also
 * common inside titles ("chính trị - xã hội", "Văn hóa - Xã hội"), so a
 * tail after a dash is cut only when it names a site ("Báo ...", "Cổng
 * thông tin ...", a domain). */
static char *strip_site(const char *t)
{
    static const char *const seps[] = {" | ", " :: ", " » ", " - ", " – ", " — ", NULL};
    char *s = td_xstrdup(t);
    for (int round = 0; round < 2; round++) {
        size_t n = strlen(s);
        int cut = 0;
        for (size_t k = 0; seps[k] && !cut; k++) {
            const char *sep = seps[k];
            size_t sl = strlen(sep);
            const char *last = NULL, *first = NULL;
            for (const char *p = strstr(s, sep); p; p = strstr(p + 1, sep)) {
                if (!first)
                    first = p;
                last = p;
            }
            if (!last)
                continue;
            int hard = k < 3;
            const char *tail = last + sl;
            size_t hl = (size_t)(last - s), tl = n - (size_t)(tail - s);
            int tw = extract_count_words(tail, tl), hw = extract_count_words(s, hl);
            if (hw >= 3 && extract_starts_upper(tail, tl) &&
                (extract_site_like(tail, tl) || (hard && tw <= 8))) {
                s[hl] = '\0';
                cut = 1;
            } else if (hard && extract_site_like(s, (size_t)(first - s)) &&
                       extract_count_words(first + sl, n - (size_t)(first + sl - s)) >= 3) {
                memmove(s, first + sl, strlen(first + sl) + 1);
                cut = 1;
            }
        }
        if (!cut)
            break;
    }
    return s;
}

/* Folded text of a string (malloc'd). */
static char *fold(const char *s, size_t n)
{
    char *raw = td_xstrndup(s, n);
    char *f = norm_fold_str(raw);
    free(raw);
    return f;
}

/* Text of element n as the reader would show it (decoded, collapsed). */
static char *node_text(html_ctx *c, xmlNode *n)
{
    td_buf b = TD_BUF_INIT;
    for (xmlNode *k = n; k; k = extract_html_next(k, n, 0))
        if (k->type == XML_TEXT_NODE) {
            extract_html_decode_text(c, k, &b);
            td_buf_putc(&b, ' ');
        }
    char *raw = td_buf_detach(&b);
    td_buf o = TD_BUF_INIT;
    for (size_t i = 0; raw[i]; i++) {
        unsigned char ch = (unsigned char)raw[i];
        int sp = isspace(ch) || (ch == 0xC2 && (unsigned char)raw[i + 1] == 0xA0);
        if (sp) {
            if (ch == 0xC2)
                i++;
            if (o.len && o.ptr[o.len - 1] != ' ')
                td_buf_putc(&o, ' ');
        } else {
            td_buf_putc(&o, (char)ch);
        }
    }
    free(raw);
    char *r = td_buf_detach(&o);
    size_t l = strlen(r);
    while (l && r[l - 1] == ' ')
        r[--l] = '\0';
    return r;
}

static int inside_furniture(html_ctx *c, xmlNode *n)
{
    for (xmlNode *a = n; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
        const char *tag = extract_html_tag(a);
        if (!strcmp(tag, "nav") || !strcmp(tag, "aside") || !strcmp(tag, "footer"))
            return 1;
        if ((extract_html_info_of(c, a)->flags & HTML_F_DROP) && strcmp(tag, "header"))
            return 1;
    }
    return 0;
}

/* 1 when the class or id of n holds one of names (case-insensitive). */
static int class_or_id_has(xmlNode *n, const char *const *names)
{
    static const char *const attrs[] = {"class", "id"};
    int hit = 0;
    for (int a = 0; a < 2 && !hit; a++) {
        char *v = extract_html_attr(n, attrs[a]);
        if (!v)
            continue;
        for (char *p = v; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        for (size_t i = 0; names[i] && !hit; i++)
            hit = strstr(v, names[i]) != NULL;
        xmlFree(v);
    }
    return hit;
}

static int title_class(xmlNode *n)
{
    static const char *const names[] = {"title", "tieude", "tieu-de", "tieu_de",
                                        "headline", "titulo", "titre", "titel",
                                        "titolo", NULL};
    return class_or_id_has(n, names);
}

/* A site logo or name, by the class or id of the element or its parent. */
static int logo(xmlNode *n)
{
    static const char *const names[] = {"logo", "brand", "site-name", "sitename",
                                        "site-title", NULL};
    if (class_or_id_has(n, names))
        return 1;
    return n->parent && n->parent->type == XML_ELEMENT_NODE &&
           class_or_id_has(n->parent, names);
}

/* The article's heading: the first h1 inside the article, else the last
 * one before it; without h1, an element whose class names a title.
 * Headings inside navigation or sidebars and site logos do not count. */
static xmlNode *article_heading(html_ctx *c, xmlNode *root, const char *site,
                               const char *page_title)
{
    /* an h1 that <title> opens with is the headline however short
     * ("River Thames" under <title>River Thames - Wikipedia</title>) */
    char *pt = page_title ? fold(page_title, strlen(page_title)) : NULL;
    xmlNode *best[2] = {NULL, NULL};   /* [0] h1, [1] title class */
    int inside[2] = {0, 0};
    for (xmlNode *n = root; n; n = extract_html_next(n, root, 0)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        int kind = !strcmp(extract_html_tag(n), "h1") ? 0 : title_class(n) ? 1 : -1;
        if (kind < 0 || inside_furniture(c, n) || logo(n))
            continue;
        int within = 0;
        for (xmlNode *a = n; a; a = a->parent)
            if (a == c->top)
                within = 1;
        if (inside[kind] && !within)
            continue;
        char *t = node_text(c, n);
        size_t tl = strlen(t);
        int words = extract_count_words(t, tl), opens = 0;
        if (kind == 0 && pt && words >= 1 && words < 3) {
            char *ft = fold(t, tl);
            size_t fl = strlen(ft);
            /* and the rest is a short site name, not the real headline
             * behind a site name in h1 */
            opens = fl >= 4 && !strncmp(pt, ft, fl) &&
                    (pt[fl] == '\0' || strchr(" -|:", pt[fl])) &&
                    extract_count_words(pt + fl, strlen(pt + fl)) <= 5;
            free(ft);
        }
        int ok = (words >= (kind ? 4 : 3) || opens) && tl < 400 &&
                 extract_ui_phrase(t, tl) == EXTRACT_UI_NONE;
        if (ok && site) {
            char *a = fold(t, tl), *b = fold(site, strlen(site));
            ok = strcmp(a, b) != 0;
            free(a);
            free(b);
        }
        free(t);
        if (!ok)
            continue;
        if (within) {
            if (!inside[kind])
                best[kind] = n, inside[kind] = 1;
            continue;
        }
        /* before the article: the latest one wins; after it: ignore */
        if (c->top && c->top != root) {
            html_info *ti = extract_html_info_of(c, c->top), *ni = extract_html_info_of(c, n);
            if (ti->start >= 0 && ni->start > ti->start)
                continue;
        }
        best[kind] = n;
    }
    free(pt);
    return best[0] ? best[0] : best[1];
}

static void set_published(td_doc *d, const char *s)
{
    int y, m, dd;
    if (d->published || !s || !extract_find_date(s, strlen(s), &y, &m, &dd, NULL))
        return;
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, dd);
    d->published = td_doc_strdup(d, iso);
}

/* <time datetime>, itemprop=datePublished, else a short date line near
 * the title (after it first, then just before it). */
static void find_published(html_ctx *c, xmlNode *root, xmlNode *anchor)
{
    for (xmlNode *n = root; n && !c->d->published; n = extract_html_next(n, root, 0)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        char *ip = extract_html_attr(n, "itemprop");
        int is_pub = ip && strcasecmp(ip, "datePublished") == 0;
        xmlFree(ip);
        if (!is_pub && strcmp(extract_html_tag(n), "time"))
            continue;
        if (inside_furniture(c, n))
            continue;
        char *v = extract_html_attr(n, "datetime");
        if (!v)
            v = extract_html_attr(n, "content");
        if (v)
            set_published(c->d, v);
        else if (is_pub) {
            char *t = node_text(c, n);
            set_published(c->d, t);
            free(t);
        }
        xmlFree(v);
    }
    if (c->d->published || !anchor)
        return;
    /* text nodes after the anchor, then before it */
    int budget = 60;
    for (xmlNode *n = extract_html_next(anchor, root, 1); n && budget-- > 0 && !c->d->published;
         n = extract_html_next(n, root, 0)) {
        if (n->type != XML_TEXT_NODE || (n->parent && inside_furniture(c, n->parent)))
            continue;
        /* the text node with its inline siblings, when that is short */
        char *t = extract_html_info_of(c, n->parent)->text < 200
                      ? node_text(c, n->parent)
                      : td_xstrdup(n->content ? (const char *)n->content : "");
        int y, m, dd, tm;
        if (extract_is_date_line(t, strlen(t), &y, &m, &dd, &tm))
            set_published(c->d, t);
        free(t);
    }
    budget = 30;
    for (xmlNode *n = anchor->prev ? anchor->prev : anchor->parent; n && budget-- > 0 &&
         !c->d->published; n = n->prev ? n->prev : n->parent) {
        if (n->type != XML_ELEMENT_NODE || n == root || inside_furniture(c, n))
            continue;
        if (extract_html_info_of(c, n)->text > 200)
            continue;   /* a date line is short; an ancestor holds the page */
        char *t = node_text(c, n);
        int y, m, dd, tm;
        if (extract_is_date_line(t, strlen(t), &y, &m, &dd, &tm) && tm)
            set_published(c->d, t);
        free(t);
        if (n->next == NULL && n->parent == root)
            break;
    }
}

/* rel=author or an author/byline class, inside or near the article. */
static char *author_element(html_ctx *c, xmlNode *root)
{
    static const char *const names[] = {"author", "byline", "tacgia", "tac-gia",
                                        "tac_gia", NULL};
    for (xmlNode *n = root; n; n = extract_html_next(n, root, 0)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        int hit = 0;
        char *rel = extract_html_attr(n, "rel");
        if (rel && !strcasecmp(rel, "author"))
            hit = 1;
        xmlFree(rel);
        static const char *const attrs[] = {"class", "id", "itemprop"};
        for (int a = 0; a < 3 && !hit; a++) {
            char *v = extract_html_attr(n, attrs[a]);
            if (!v)
                continue;
            for (char *p = v; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            for (size_t i = 0; names[i] && !hit; i++)
                hit = strstr(v, names[i]) != NULL;
            xmlFree(v);
        }
        if (!hit || inside_furniture(c, n))
            continue;
        char *t = node_text(c, n);
        size_t l = strlen(t);
        char *f = fold(t, l);
        size_t skip = 0;
        if (!strncmp(f, "tac gia:", 8))
            skip = (size_t)(strchr(t, ':') - t) + 1;
        free(f);
        const char *p = t + skip;
        size_t pl = l - skip;
        extract_trim(&p, &pl);
        if (pl >= 2 && pl <= 80) {
            char *r = td_xstrndup(p, pl);
            free(t);
            return r;
        }
        free(t);
    }
    return NULL;
}

/* Put the title block first; a copy of it at the top of the article text
 * (the h1 the title came from, or the same words) is removed. */
static void add_title(html_ctx *c, const char *title)
{
    td_doc *d = c->d;
    char *ft = fold(title, strlen(title));
    for (size_t i = c->first_block; i < d->nblocks && i < c->first_block + 5; i++) {
        td_block *b = &d->blocks[i];
        if (b->kind != TD_BLOCK_HEADING && b->kind != TD_BLOCK_PARA)
            continue;
        char *fb = fold(b->text, b->len);
        int same = !strcmp(fb, ft) || (strlen(fb) >= 20 && strlen(ft) >= strlen(fb) &&
                                       !strncmp(fb, ft, strlen(fb)) && b->kind == TD_BLOCK_HEADING);
        free(fb);
        if (same) {
            memmove(b, b + 1, (d->nblocks - i - 1) * sizeof *b);
            d->nblocks--;
            break;
        }
    }
    free(ft);
    long s = -1, e = -1;
    if (c->title_node && c->base >= 0) {
        html_info *in = extract_html_info_of(c, c->title_node);
        if (in->start >= 0 && in->end > in->start)
            s = c->base + in->start, e = c->base + in->end;
    }
    if (!td_doc_add_block(d, TD_BLOCK_TITLE, 0, title, strlen(title), s, e))
        return;
    td_block t = d->blocks[d->nblocks - 1];
    memmove(d->blocks + 1, d->blocks, (d->nblocks - 1) * sizeof t);
    d->blocks[0] = t;
    d->title = d->blocks[0].text;
}

/* The signature at the end of the article text: its last block, or the
 * block right after the last long paragraph. */
static void byline_from_text(html_ctx *c)
{
    td_doc *d = c->d;
    long last = -1;
    for (size_t i = c->first_block; i < d->nblocks; i++)
        if (d->blocks[i].len >= 200)
            last = (long)i;
    size_t cand[2] = {d->nblocks - 1, last >= 0 ? (size_t)last + 1 : d->nblocks};
    for (int k = 0; k < 2; k++) {
        if (cand[k] < c->first_block || cand[k] >= d->nblocks)
            continue;
        td_block *b = &d->blocks[cand[k]];
        if (b->kind == TD_BLOCK_TITLE || b->kind == TD_BLOCK_HEADING)
            continue;
        const char *nl = memchr(b->text, '\n', b->len);
        size_t n = nl ? (size_t)(nl - b->text) : b->len;
        const char *p = b->text;
        extract_trim(&p, &n);
        if (extract_is_byline(p, n)) {
            d->author = td_arena_strndup(d->arena, p, n);
            return;
        }
    }
}

/* Title, publication date and byline of the page whose article blocks
 * html_content.c has just appended. */
void extract_html_meta(html_ctx *c, xmlNode *root, xmlNode *body)
{
    td_doc *d = c->d;
    meta m = {0};
    read_meta(c, root, &m);
    char *site_title = m.title ? strip_site(m.title) : NULL;
    const char *site = NULL;
    if (m.title && site_title && strlen(site_title) < strlen(m.title)) {
        site = m.title + strlen(site_title);
        while (*site && strchr(" -|:\xC2\xBB\xE2\x80\x93\x94", *site))
            site++;
    }
    c->title_node = article_heading(c, body, site && *site ? site : NULL, m.title);
    char *title = NULL;
    if (m.og_title && site && *site) {
        char *a = fold(m.og_title, strlen(m.og_title)), *b = fold(site, strlen(site));
        if (!strcmp(a, b)) {   /* a CMS that puts the site name everywhere */
            free(m.og_title);
            m.og_title = NULL;
        }
        free(a);
        free(b);
    }
    /* what the reader sees first: the article's heading; then the page's
     * own metadata; then a heading opening the text; then <title> */
    if (c->title_node)
        title = node_text(c, c->title_node);   /* headings carry no site name */
    else if (m.og_title)
        title = strip_site(m.og_title);
    else if (d->blocks[c->first_block].kind == TD_BLOCK_HEADING &&
             d->blocks[c->first_block].level <= 3 &&
             extract_count_words(d->blocks[c->first_block].text,
                                 d->blocks[c->first_block].len) >= 4)
        title = td_xstrdup(d->blocks[c->first_block].text);
    else if (site_title && extract_count_words(site_title, strlen(site_title)) >= 4)
        title = td_xstrdup(site_title);
    if (!title) {
        /* no heading and a missing or bare <title> ("BÁO CÁO", as Word
         * writes it): the headline among the first blocks, as in text */
        extract_headline h;
        extract_headline_init(&h);
        for (size_t i = c->first_block; i < d->nblocks; i++)
            if (extract_headline_feed(&h, (long)i, d->blocks[i].text, d->blocks[i].len))
                break;
        long k = extract_headline_result(&h);
        if (k >= 0) {
            /* moved to the front like any title (it is printed first and
             * once); the lines above it (a national header, a document
             * type) keep their order */
            td_block t = d->blocks[k];
            memmove(d->blocks + 1, d->blocks, (size_t)k * sizeof t);
            t.kind = TD_BLOCK_TITLE;
            t.level = 0;
            t.row = t.col = -1;
            d->blocks[0] = t;
            d->title = d->blocks[0].text;
        } else if (site_title && *site_title) {
            title = td_xstrdup(site_title);
        }
    }
    if (title && *title)
        add_title(c, title);
    free(title);
    free(site_title);
    set_published(d, m.published);
    find_published(c, root, c->title_node ? c->title_node : c->top);
    /* the byline printed on the page before the meta author, which is
     * often the account that posted the article */
    char *au = author_element(c, body);
    if (!au && m.author)
        au = td_xstrdup(m.author);
    if (au) {
        const char *p = au;
        size_t n = strlen(au);
        extract_trim(&p, &n);
        if (n)
            d->author = td_arena_strndup(d->arena, p, n);
        free(au);
    }
    if (!d->author)
        byline_from_text(c);
    if (!d->source_url && (m.url || m.og_url))
        d->source_url = td_doc_strdup(d, m.url ? m.url : m.og_url);
    free(m.og_title);
    free(m.title);
    free(m.author);
    free(m.published);
    free(m.url);
    free(m.og_url);
}
