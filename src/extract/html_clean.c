/* html_clean.c - page furniture: what the HTML reader drops.
 *
 * Before scoring, elements that never hold the article (scripts, forms,
 * hidden ones) and furniture named by tag, class, role or first words
 * (navigation, sidebars, comment threads, "related news", toolbars).
 * After the article is chosen, the boxes inside it that are not article
 * text (link lists, galleries, bylines, counters, polls).
 */
#include "extract/html_int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/text_util.h"

/* Elements that never hold article text. */
static const char *const drop_tags[] = {
    "script", "style", "noscript", "template", "svg", "iframe", "button", "select", "textarea", "object",
    "embed", "canvas", "video", "audio", "map", "head", "link", "meta",
    "dialog", "frame", "frameset", "math", "input", "title",
    /* AMP components that never carry the article */
    "amp-ad", "amp-embed", "amp-sticky-ad", "amp-sidebar", "amp-social-share",
    "amp-analytics", "amp-consent", "amp-pixel", NULL};

/* Page regions by their HTML5 tag, dropped in extract_html_drop_by_hint(); after the
 * first pass, not when one wraps most of the page and the article (an
 * unclosed <header>). */
static const char *const region_tags[] = {"nav", "header", "footer", "aside", NULL};

/* Hints of a box of article metadata (date, author account, category,
 * hit counter) or of paging links, dropped when small even inside the
 * article ("article-info", "entry-meta", "pagenav"). */
static const char *const meta_hints[] = {
    "meta", "info", "pagenav", "pager", "pagination", "createdby", NULL};

/* ---- furniture ---------------------------------------------------------- */

/* The inline text of block b (nested blocks skipped), decoded, at most
 * max bytes. */
void extract_html_inline_text(html_ctx *c, xmlNode *b, td_buf *out, size_t max)
{
    for (xmlNode *n = b->children; n && out->len < max;) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE)
            skip = extract_html_dropped(c, n) || extract_html_is_block(extract_html_tag(n));
        else if (n->type == XML_TEXT_NODE)
            extract_html_decode_text(c, n, out), td_buf_putc(out, ' ');
        n = extract_html_next(n, b, skip);
    }
}

/* The first words of element e: the inline text of the block that holds
 * its first visible text. */
static extract_ui first_text_ui(html_ctx *c, xmlNode *e)
{
    int budget = 200;
    for (xmlNode *n = e->children; n && budget-- > 0;) {
        int skip = n->type == XML_ELEMENT_NODE && extract_html_dropped(c, n);
        if (n->type == XML_TEXT_NODE) {
            long ch, cm;
            extract_html_count_text(n, &ch, &cm);
            if (ch) {
                xmlNode *b = n->parent;
                while (b != e && !extract_html_is_block(extract_html_tag(b)))
                    b = b->parent;
                html_info *bi = extract_html_info_of(c, b);
                if (bi->ui)   /* the ancestors of a text share its block */
                    return (extract_ui)(bi->ui - 1);
                td_buf t = TD_BUF_INIT;
                extract_html_inline_text(c, b, &t, 240);
                extract_ui k = t.ptr ? extract_ui_phrase(t.ptr, t.len) : EXTRACT_UI_NONE;
                td_buf_free(&t);
                extract_html_info_of(c, b)->ui = (signed char)(k + 1);
                return k;
            }
        }
        n = extract_html_next(n, e, skip);
    }
    return EXTRACT_UI_NONE;
}

static int boxed_ui(extract_ui k)
{
    return k == EXTRACT_UI_SECTION || k == EXTRACT_UI_COUNTER ||
           k == EXTRACT_UI_POLL || k == EXTRACT_UI_COMMENT;
}

/* A <header> inside an <article> is the article's own head (HTML5): its
 * headline and lead, not the page banner. */
int extract_html_article_header(const xmlNode *n)
{
    if (strcmp(extract_html_tag(n), "header") || extract_html_hidden(n))
        return 0;
    for (const xmlNode *a = n->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
        if (!strcmp(extract_html_tag(a), "article"))
            return 1;
    return 0;
}

/* A <head> holding the page's body: libxml2 keeps an unknown element
 * (or text) met in the head inside it, with all that follows, where a
 * browser would have closed the head. */
static int misnested_head(xmlNode *head)
{
    static const char *const body_tags[] = {"div", "p", "table", "td", "article",
                                            "section", "ul", "h1", "h2", "font", NULL};
    int budget = 100000;
    for (xmlNode *k = head->children; k && budget-- > 0; k = extract_html_next(k, head, 0))
        if (k->type == XML_ELEMENT_NODE && extract_html_in_list(extract_html_tag(k), body_tags))
            return 1;
    return 0;
}

/* Pass 1: furniture by tag and visibility; legacy fonts; the depth limit. */
int extract_html_drop_by_tag(html_ctx *c, xmlNode *root, td_err *e)
{
    int depth = 0;
    xmlNode *n = root;
    while (n) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE) {
            html_info *in = extract_html_info_of(c, n);
            html_info pin = {0};
            if (n->parent && n->parent->type == XML_ELEMENT_NODE && n != root)
                pin = *extract_html_info_of(c, n->parent);
            in = extract_html_info_of(c, n);
            extract_html_resolve_font(c, n, in, &pin);
            const char *tag = extract_html_tag(n);
            if (n != root && (extract_html_in_list(tag, drop_tags) || extract_html_hidden(n)) &&
                !extract_html_article_header(n) && !(!strcmp(tag, "head") && misnested_head(n))) {
                in->flags |= HTML_F_DROP;
                skip = 1;
            }
            if (c->o->keep_boilerplate && strcmp(tag, "script") &&
                strcmp(tag, "style") && strcmp(tag, "head") && strcmp(tag, "title"))
                in->flags &= ~(unsigned)HTML_F_DROP, skip = 0;
        }
        if (!skip && n->children && n->type == XML_ELEMENT_NODE) {
            if (++depth > c->o->max_depth)
                return td_err_set(e, TD_ELIMIT, "elements nested deeper than %d levels",
                                  c->o->max_depth);
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next) {
            n = n->parent;
            depth--;
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
    return TD_OK;
}

/* 1 when n wraps the article: an <article>, <main> or <h1> below it, or
 * an element named like content (and not like furniture). */
static int wraps_content(html_ctx *c, xmlNode *n)
{
    int budget = 5000;
    for (xmlNode *k = n->children; k && budget-- > 0; k = extract_html_next(k, n, 0)) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        const char *tag = extract_html_tag(k);
        if (!strcmp(tag, "article") || !strcmp(tag, "main") || !strcmp(tag, "h1"))
            return 1;
        unsigned h = extract_html_hints_of(c, k);
        if ((h & (HTML_H_POS_C | HTML_H_POS_I)) && !(h & (HTML_H_NEG_C | HTML_H_NEG_I)))
            return 1;
    }
    return 0;
}

/* Pass 2: furniture by class, role and first words, and small forms.  An
 * element holding half the page's text is dropped only when nothing in it
 * looks like the article: it is more likely a wrapper with an unlucky
 * class name (an ASP.NET page is one big <form>). */
/* 1 when item holds a date stamp: a short element of its own whose text
 * holds a date, beside more text ("Phụ huynh <span>05/09/2024 10:10</span>
 * <p>comment</p>"); a dated line that is the whole item is not one. */
static int stamped(html_ctx *c, xmlNode *item)
{
    long all = extract_html_info_of(c, item)->text;
    int budget = 300;
    for (xmlNode *n = item->children; n && budget-- > 0; n = extract_html_next(n, item, 0)) {
        if (n->type != XML_TEXT_NODE || !n->content || n->parent == item)
            continue;
        const char *s = (const char *)n->content;
        size_t len = strlen(s);
        extract_trim(&s, &len);
        int y, m, d;
        if (len == 0 || len > 60 || !extract_find_date(s, len, &y, &m, &d, NULL))
            continue;
        long own = extract_html_info_of(c, n->parent)->text;
        if (own < 40 && all > own + 20)
            return 1;
    }
    return 0;
}

/* 1 when item looks like a post rather than an entry of a timeline: it
 * shows a picture (avatar, thumbnail) or an action link ("Trả lời",
 * "Reply", "Thích", "Like"). */
static int post_cue(html_ctx *c, xmlNode *item)
{
    static const char *const acts[] = {"tra loi", "reply", "thich", "like",
                                       "bao cao", "report", "phan hoi", NULL};
    int budget = 300;
    for (xmlNode *n = item->children; n && budget-- > 0; n = extract_html_next(n, item, 0)) {
        const char *tag = extract_html_tag(n);
        if (!strcmp(tag, "img"))
            return 1;
        if (strcmp(tag, "a") && strcmp(tag, "button"))
            continue;
        td_buf t = TD_BUF_INIT;
        for (xmlNode *k = n->children; k; k = extract_html_next(k, n, 0))
            if (k->type == XML_TEXT_NODE && t.len < 40)
                extract_html_decode_text(c, k, &t);
        char *f = norm_fold_str(t.ptr ? t.ptr : "");
        td_buf_free(&t);
        const char *p = f;
        while (*p == ' ')
            p++;
        int hit = 0;
        for (size_t i = 0; acts[i] && !hit; i++)
            hit = !strncmp(p, acts[i], strlen(acts[i])) && strlen(p) <= strlen(acts[i]) + 4;
        free(f);
        if (hit)
            return 1;
    }
    return 0;
}

static int same_class(const xmlNode *a, const xmlNode *b)
{
    char *x = extract_html_attr(a, "class"), *y = extract_html_attr(b, "class");
    int same = (!x && !y) || (x && y && !strcmp(x, y));
    xmlFree(x);
    xmlFree(y);
    return same && !strcmp(extract_html_tag(a), extract_html_tag(b));
}

/* A thread of posts (a comment list, a list of other articles): three or
 * more items of one tag and class, nearly all of the children, most of
 * them stamped with a date and showing a picture or an action link (a
 * dated timeline inside an article shows neither).  Paragraphs and table
 * rows are never items. */
static int thread_like(html_ctx *c, xmlNode *n)
{
    xmlNode *first = NULL;
    int kids = 0, same = 0, dated = 0, cues = 0;
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || extract_html_dropped(c, k))
            continue;
        const char *tag = extract_html_tag(k);
        if (strcmp(tag, "div") && strcmp(tag, "li") && strcmp(tag, "article") &&
            strcmp(tag, "section"))
            return 0;
        kids++;
        if (!first)
            first = k;
        if (same_class(first, k)) {
            same++;
            if (stamped(c, k)) {
                dated++;
                cues += post_cue(c, k);
            }
        }
    }
    return same >= 3 && same * 10 >= kids * 8 && dated * 10 >= same * 6 &&
           cues * 10 >= same * 6;
}

static int holds_h1(xmlNode *n)
{
    int budget = 5000;
    for (xmlNode *k = n->children; k && budget-- > 0; k = extract_html_next(k, n, 0))
        if (!strcmp(extract_html_tag(k), "h1"))
            return 1;
    return 0;
}

void extract_html_drop_by_hint(html_ctx *c, xmlNode *body)
{
    long total = extract_html_info_of(c, body)->text;
    /* a small box around the headline named like furniture ("live-header",
     * "headline-bar") is the article's head */
    xmlNode *head = extract_html_headline_node(c, body);
    for (xmlNode *n = body; n;) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE && n != body) {
            html_info *in = extract_html_info_of(c, n);
            const char *tag = extract_html_tag(n);
            if (in->flags & HTML_F_DROP) {
                skip = 1;
            } else if (strcmp(tag, "a")) {
                int big = in->text * 2 >= total + 1;
                int strip = (c->pass & HTML_P_STRIP) != 0;
                int drop = extract_html_in_list(tag, region_tags) && !extract_html_article_header(n) &&
                           (strip || in->text * 2 < total || !wraps_content(c, n));
                drop = drop || ((extract_html_unlikely(c, n, strip) || (strip && !strcmp(tag, "form"))) &&
                           (!big || !wraps_content(c, n)) &&
                           !(head && extract_html_descends(head, n) && in->text * 10 < total * 3));
                if (!drop && strip && extract_html_is_block(tag) && strcmp(tag, "p") &&
                    in->text * 10 < total * 3 + 10)
                    drop = boxed_ui(first_text_ui(c, n));
                /* comments and lists of other articles, however long */
                if (!drop && extract_html_is_block(tag) && thread_like(c, n) && !holds_h1(n))
                    drop = 1;
                if (drop) {
                    extract_html_info_of(c, n)->flags |= HTML_F_DROP;
                    skip = 1;
                }
            }
        }
        n = extract_html_next(n, body, skip);
    }
}

/* ---- cleaning ----------------------------------------------------------- */

/* A byline element (Readability's test): rel or itemprop "author", or a
 * class or id naming a byline, with a short text. */
static const char *const byline_hints[] = {"byline", "author", "dateline", "writtenby", NULL};

int extract_html_byline_box(html_ctx *c, const xmlNode *n)
{
    if (extract_html_info_of(c, (xmlNode *)n)->text >= 100)
        return 0;
    char *rel = extract_html_attr(n, "rel"), *ip = extract_html_attr(n, "itemprop");
    char *cls = extract_html_attr(n, "class"), *id = extract_html_attr(n, "id");
    int hit = (rel && !strcasecmp(rel, "author")) || (ip && strstr(ip, "author")) ||
              extract_html_hint_match_str(cls, byline_hints) || extract_html_hint_match_str(id, byline_hints);
    xmlFree(rel);
    xmlFree(ip);
    xmlFree(cls);
    xmlFree(id);
    return hit;
}

static int meta_box(const xmlNode *n)
{
    char *cls = extract_html_attr(n, "class"), *id = extract_html_attr(n, "id");
    int hit = extract_html_hint_match_str(cls, meta_hints) || extract_html_hint_match_str(id, meta_hints);
    xmlFree(cls);
    xmlFree(id);
    return hit;
}

/* Captions with text under n: a row of captioned photos is part of a
 * photo story, not a gallery widget. */
static int captions(html_ctx *c, xmlNode *n)
{
    int k = 0, budget = 5000;
    for (xmlNode *e = n->children; e && budget-- > 0;) {
        int skip = 0;
        if (e->type == XML_ELEMENT_NODE) {
            html_info *in = extract_html_info_of(c, e);
            skip = (in->flags & HTML_F_DROP) != 0;
            if (!skip && !strcmp(extract_html_tag(e), "figcaption") && in->text > 0) {
                k++;
                skip = 1;
            }
        }
        e = extract_html_next(e, n, skip);
    }
    return k;
}

/* Readability's conditional cleaning of containers inside the article. */
int extract_html_clean_away(html_ctx *c, xmlNode *n, long top_text)
{
    static const char *const boxes[] = {"div", "section", "ul", "ol", "table",
        "form", "fieldset", "dl", "center", "figure", NULL};
    const char *tag = extract_html_tag(n);
    if (!(c->pass & HTML_P_CLEAN) || !extract_html_in_list(tag, boxes))
        return 0;
    html_info *in = extract_html_info_of(c, n);
    if (in->text < 250 && in->np == 0 && strcmp(tag, "table") && strcmp(tag, "figure") &&
        meta_box(n))
        return 1;
    int w = extract_html_class_weight(c, n);
    /* Readability drops any container scoring below zero; short plain
     * lists (goals, members) score so, so only a negative hint counts */
    if (w < 0 && w + ((in->flags & HTML_F_SCORED) ? in->score : 0) < 0)
        return 1;
    if (in->text * 10 < top_text * 4 + 10 && boxed_ui(first_text_ui(c, n)))
        return 1;
    in = extract_html_info_of(c, n);   /* the table may have grown */
    if (in->commas >= 10)
        return 0;
    double ld = extract_html_link_density(in);
    if (in->nimg > 1 && (double)in->np / in->nimg < 0.5 && strcmp(tag, "figure") &&
        captions(c, n) * 2 < in->nimg)
        return 1;
    if (in->ninput > 0 && in->ninput * 3 > in->np)
        return 1;
    /* a short text on its own ("Mai Thảo" in a div) is a paragraph, not
     * an empty box; so is a short paragraph without links (a signature
     * in its own box) */
    if (in->text < 20 && (in->nimg == 0 || in->nimg > 2) && in->own < in->text &&
        !(in->np > 0 && in->links == 0))
        return 1;
    if (in->text == 0 && in->nimg == 0)
        return 1;
    if ((w < 25 && ld > 0.2) || (w >= 25 && ld > 0.5))
        return 1;
    return 0;
}
