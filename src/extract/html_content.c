/* html_content.c - the article inside an HTML page, as blocks.
 *
 * Drops page furniture (scripts, navigation, sidebars, forms, hidden and
 * "unlikely" elements), scores candidate containers the way Mozilla
 * Readability does (text length, commas, link density, class/id hints),
 * keeps the best one with its qualifying siblings, cleans it (link-dense
 * lists, galleries, toolbars, "related news", counters, polls) and emits
 * headings, paragraphs, list items and table cells.  When a pass keeps
 * too little it runs again with less cleaning (Readability's retry); a
 * JSON-LD articleBody can stand in for a page built by scripts.  Every
 * walk is iterative, so nesting depth cannot exhaust the stack.
 *
 * Why one file of ~1,600 lines: the stages share the per-element state
 * (html_info flags, scores, hints) and many small predicates; splitting
 * it (hints and statistics / scoring / cleaning and emitting / passes) is
 * planned and needs those predicates in an internal header first.
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

/* Page regions by their HTML5 tag, dropped in drop_by_hint(); after the
 * first pass, not when one wraps most of the page and the article (an
 * unclosed <header>). */
static const char *const region_tags[] = {"nav", "header", "footer", "aside", NULL};

/* Class/id hints (Readability's lists plus Vietnamese portal names).
 * Patterns of up to four letters must start a class token ("nav" in
 * "navbar"); longer ones may appear anywhere ("mainmenu"). */
static const char *const pos_hints[] = {
    "article", "content", "entry", "main", "post", "story", "text",
    "detail", "news", "body", "noi-dung", "noidung", "chi-tiet", "chitiet",
    "baiviet", "bai-viet", NULL};
static const char *const neg_hints[] = {
    "nav", "menu", "sidebar", "footer", "header", "comment", "share",
    "social", "related", "lien-quan", "lienquan", "widget", "banner", "ads",
    "advert", "counter", "poll", "survey", "khao-sat", "khaosat",
    "binh-chon", "binhchon", "tag", "breadcrumb", "login", "search",
    "rating", "toolbar", "print", "copyright", "quang-cao", "quangcao",
    "thong-ke", "thongke", "visitor", "tin-khac", "tinkhac", "popup",
    "modal", "weather", "thoi-tiet",
    /* the rest of Readability's unlikely and negative lists */
    "disqus", "community", "gdpr", "remark", "replies", "shoutbox",
    "skyscraper", "sponsor", "supplemental", "agegate", "pagination",
    "pager", "combx", "outbrain", "taboola", "promo", "masthead",
    /* newsletter boxes, ad slots, most-read lists, Vietnamese comments */
    "newsletter", "subscri", "signup", "sign-up", "ad-", "adslot",
    "ad-label", "ad-break", "most-viewed", "most-read", "mostread",
    "recommend", "trending", "binh-luan", "binhluan", "y-kien", "ykien",
    "xem-nhieu", "xemnhieu", "doc-nhieu", "docnhieu", "editsection", NULL};
/* Hints of a box of article metadata (date, author account, category,
 * hit counter) or of paging links, dropped when small even inside the
 * article ("article-info", "entry-meta", "pagenav"). */
static const char *const meta_hints[] = {
    "meta", "info", "pagenav", "pager", "pagination", "createdby", NULL};
/* Hints of the article's lead ("sapo" in Vietnamese newsrooms), which
 * many pages keep outside the container of the body text. */
static const char *const lead_hints[] = {
    "sapo", "lead", "summary", "description", "standfirst", "intro",
    "excerpt", "chapeau", "tom-tat", "tomtat", "teaser", "abstract", NULL};
/* Hints that keep an element although a negative hint matched. */
static const char *const ok_hints[] = {
    "and", "article", "body", "column", "content", "main", "shadow",
    "noi-dung", "noidung", "chi-tiet", "chitiet", "detail", NULL};

html_info *extract_html_info_of(html_ctx *c, xmlNode *n)
{
    size_t i = (size_t)(uintptr_t)n->_private;
    if (i == 0 || i >= c->ninfo) {
        if (c->ninfo == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 1024;
            c->info = td_xrealloc(c->info, c->cap * sizeof *c->info);
        }
        if (c->ninfo == 0)
            memset(&c->info[c->ninfo++], 0, sizeof *c->info);
        i = c->ninfo++;
        memset(&c->info[i], 0, sizeof *c->info);
        c->info[i].start = c->info[i].end = -1;
        n->_private = (void *)(uintptr_t)i;
    }
    return &c->info[i];
}

static xmlAttr *find_attr(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && !strcmp((const char *)a->name, name))
            return a;
    return NULL;
}

char *extract_html_attr(const xmlNode *n, const char *name)
{
    xmlAttr *a = find_attr(n, name);
    return a ? (char *)xmlNodeGetContent((xmlNode *)a) : NULL;
}

int extract_html_has_attr(const xmlNode *n, const char *name)
{
    return find_attr(n, name) != NULL;
}

const char *extract_html_tag(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE && n->name ? (const char *)n->name : "";
}

/* 1 when s equals lit, a lowercase ASCII name, in any case. */
static int name_is(const char *s, const char *lit)
{
    for (;; s++, lit++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c != (unsigned char)*lit)
            return 0;
        if (!c)
            return 1;
    }
}

static int in_list(const char *s, const char *const *list)
{
    int c0 = tolower((unsigned char)s[0]);
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == c0 && name_is(s, list[i]))
            return 1;
    return 0;
}

int extract_html_is_block(const char *tag)
{
    /* by first letter: the walks ask this of every element, many times */
    static const char *const a[] = {"address", "article", "aside", NULL};
    static const char *const b[] = {"blockquote", "body", NULL};
    static const char *const c[] = {"center", "caption", NULL};
    static const char *const d[] = {"div", "dl", "dt", "dd", "details", NULL};
    static const char *const f[] = {"figure", "figcaption", "form", "fieldset", "footer", NULL};
    static const char *const h[] = {"h1", "h2", "h3", "h4", "h5", "h6", "hr", "header",
                                    "html", NULL};
    static const char *const l[] = {"li", "legend", NULL};
    static const char *const m[] = {"main", NULL};
    static const char *const n[] = {"nav", NULL};
    static const char *const o[] = {"ol", NULL};
    static const char *const p[] = {"p", "pre", NULL};
    static const char *const s[] = {"section", "summary", NULL};
    static const char *const t[] = {"table", "tbody", "thead", "tfoot", "tr", "td", "th", NULL};
    static const char *const u[] = {"ul", NULL};
    static const char *const *const first[26] = {
        ['a' - 'a'] = a, ['b' - 'a'] = b, ['c' - 'a'] = c, ['d' - 'a'] = d,
        ['f' - 'a'] = f, ['h' - 'a'] = h, ['l' - 'a'] = l, ['m' - 'a'] = m,
        ['n' - 'a'] = n, ['o' - 'a'] = o, ['p' - 'a'] = p, ['s' - 'a'] = s,
        ['t' - 'a'] = t, ['u' - 'a'] = u};
    int c0 = tolower((unsigned char)tag[0]);
    if (c0 < 'a' || c0 > 'z' || !first[c0 - 'a'])
        return 0;
    return in_list(tag, first[c0 - 'a']);
}

static int heading_level(const char *tag)
{
    if ((tag[0] == 'h' || tag[0] == 'H') && tag[1] >= '1' && tag[1] <= '6' && !tag[2])
        return tag[1] - '0';
    return 0;
}

xmlNode *extract_html_next(xmlNode *n, const xmlNode *root, int skip_children)
{
    if (!skip_children && n->children && n->type == XML_ELEMENT_NODE)
        return n->children;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

/* ---- class and id hints ----------------------------------------------- */

/* A class or id value lowered, with the set of its byte pairs (hashed to
 * 1024 bits) so that most hint words are ruled out without a search. */
typedef struct hint_text {
    int has;
    char low[256];
    uint64_t pairs[16];
} hint_text;

static unsigned pair_bit(unsigned char a, unsigned char b)
{
    return ((unsigned)a * 31u + b) & 1023u;
}

static void hint_prepare(hint_text *t, const char *attr)
{
    memset(t->pairs, 0, sizeof t->pairs);
    t->has = attr != NULL;
    size_t n = attr ? strlen(attr) : 0;
    if (n >= sizeof t->low)
        n = sizeof t->low - 1;
    for (size_t i = 0; i < n; i++) {
        t->low[i] = (char)tolower((unsigned char)attr[i]);
        if (i) {
            unsigned k = pair_bit((unsigned char)t->low[i - 1], (unsigned char)t->low[i]);
            t->pairs[k >> 6] |= 1ULL << (k & 63);
        }
    }
    t->low[n] = '\0';
}

static int hint_match(const hint_text *t, const char *const *list)
{
    if (!t->has)
        return 0;
    const char *low = t->low;
    for (size_t k = 0; list[k]; k++) {
        const char *w = list[k];
        if (w[0] && w[1]) {
            unsigned b = pair_bit((unsigned char)w[0], (unsigned char)w[1]);
            if (!(t->pairs[b >> 6] & (1ULL << (b & 63))))
                continue;
        }
        size_t pl = strlen(w);
        for (const char *p = strstr(low, w); p; p = strstr(p + 1, w)) {
            if (pl > 4)
                return 1;
            /* short pattern: must start a token */
            if (p == low || !isalnum((unsigned char)p[-1]))
                return 1;
        }
    }
    return 0;
}

/* hint_match on a raw class or id value (NULL: no match). */
static int hint_match_str(const char *attr, const char *const *list)
{
    hint_text t;
    hint_prepare(&t, attr);
    return hint_match(&t, list);
}

static char *attr_of(const xmlNode *n, const char *name)
{
    return extract_html_attr(n, name);
}

/* Hints that drop an element in every pass: reader comments. */
static const char *const comment_hints[] = {
    "comment", "disqus", "respond", "replies", "binh-luan", "binhluan", NULL};

/* schema.org's mark of the article's text (itemprop="articleBody"), which
 * weighs like a content class in every pass. */
static int body_prop(const xmlNode *n)
{
    char *ip = attr_of(n, "itemprop");
    int hit = ip && (strstr(ip, "articleBody") || strstr(ip, "articlebody"));
    xmlFree(ip);
    return hit ? 25 : 0;
}

/* The HTML_H_* bits of element n (its class, id and role against the
 * hint lists), computed on first use and kept: every pass asks again. */
static unsigned hints_of(html_ctx *c, xmlNode *n)
{
    html_info *in = extract_html_info_of(c, n);
    if (in->hints & HTML_H_DONE)
        return in->hints;
    char *cls_s = attr_of(n, "class"), *id_s = attr_of(n, "id");
    char *role = attr_of(n, "role");
    hint_text cls_t, id_t, *cls = &cls_t, *id = &id_t;
    hint_prepare(cls, cls_s);
    hint_prepare(id, id_s);
    unsigned h = HTML_H_DONE;
    if (hint_match(cls, neg_hints)) h |= HTML_H_NEG_C;
    if (hint_match(id, neg_hints)) h |= HTML_H_NEG_I;
    if (hint_match(cls, pos_hints)) h |= HTML_H_POS_C;
    if (hint_match(id, pos_hints)) h |= HTML_H_POS_I;
    if (hint_match(cls, ok_hints) || hint_match(id, ok_hints)) h |= HTML_H_OK;
    if (hint_match(cls, comment_hints) || hint_match(id, comment_hints)) h |= HTML_H_COMMENT;
    if (role) {
        static const char *const roles[] = {"navigation", "complementary",
            "banner", "contentinfo", "menu", "menubar", "search", "dialog", NULL};
        if (in_list(role, roles))
            h |= HTML_H_ROLE;
    }
    xmlFree(cls_s);
    xmlFree(id_s);
    xmlFree(role);
    extract_html_info_of(c, n)->hints = (unsigned short)h;
    return h;
}

static int class_weight(html_ctx *c, xmlNode *n)
{
    unsigned h = hints_of(c, n);
    return ((h & HTML_H_NEG_C) ? -25 : 0) + ((h & HTML_H_POS_C) ? 25 : 0) +
           ((h & HTML_H_NEG_I) ? -25 : 0) + ((h & HTML_H_POS_I) ? 25 : 0);
}

/* Negative hints in class or id and no reason to keep the element (with
 * all: any negative hint, else only those of comments), or a role of
 * page furniture. */
static int unlikely(html_ctx *c, xmlNode *n, int all)
{
    unsigned h = hints_of(c, n);
    int bad = all ? (h & (HTML_H_NEG_C | HTML_H_NEG_I)) != 0 : (h & HTML_H_COMMENT) != 0;
    if (bad && (h & HTML_H_OK))
        bad = 0;
    return bad || (h & HTML_H_ROLE);
}

/* Class names that hide an element in common CSS frameworks (whole
 * class tokens only: "overflow-hidden" shows its content), unless a
 * responsive class shows it on wider screens ("d-none d-md-block",
 * "hidden md:block"). */
static int hiding_class(const xmlNode *n)
{
    static const char *const names[] = {"hidden", "hide", "d-none", "sr-only",
        "screen-reader-text", "visually-hidden", "visuallyhidden", "invisible", NULL};
    char *cls = attr_of(n, "class");
    int hit = 0, shown = 0;
    for (char *tok = cls, *end; tok && *tok; tok = end) {
        while (*tok && isspace((unsigned char)*tok))
            tok++;
        end = tok;
        while (*end && !isspace((unsigned char)*end))
            end++;
        size_t len = (size_t)(end - tok);
        for (size_t i = 0; names[i]; i++)
            if (len == strlen(names[i]) && !strncasecmp(tok, names[i], len))
                hit = 1;
        if (memchr(tok, ':', len) ||
            (len > 4 && !strncmp(tok, "d-", 2) && memchr(tok + 2, '-', len - 2)))
            shown = 1;
    }
    xmlFree(cls);
    return hit && !shown;
}

static int hidden(const xmlNode *n)
{
    if (extract_html_has_attr(n, "hidden") || hiding_class(n))
        return 1;
    char *ah = attr_of(n, "aria-hidden");
    int aria = ah && !strcasecmp(ah, "true");
    xmlFree(ah);
    if (aria)
        return 1;
    char *st = attr_of(n, "style");
    int h = 0;
    if (st) {
        char flat[256];
        size_t k = 0;
        for (const char *p = st; *p && k + 1 < sizeof flat; p++)
            if (!isspace((unsigned char)*p))
                flat[k++] = (char)tolower((unsigned char)*p);
        flat[k] = '\0';
        h = strstr(flat, "display:none") || strstr(flat, "visibility:hidden");
        xmlFree(st);
    }
    return h;
}

/* ---- statistics --------------------------------------------------------- */

/* Visible characters (not white space) and commas in a text node. */
static void count_text(const xmlNode *t, long *chars, long *commas)
{
    const unsigned char *s = t->content;
    long c = 0, k = 0;
    for (; s && *s; s++) {
        unsigned char x = *s;
        if (x <= ' ') {
            if (x == ' ' || (x >= '\t' && x <= '\r'))
                continue;
        } else if (x >= 0x80) {
            if (x < 0xC0)   /* a continuation byte */
                continue;
            if (x == 0xC2 && s[1] == 0xA0) {   /* no-break space */
                s++;
                continue;
            }
        }
        c++;
        k += x == ',';
    }
    *chars = c;
    *commas = k;
}

static int dropped(html_ctx *c, xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && (extract_html_info_of(c, n)->flags & HTML_F_DROP);
}

/* Fill text, links, commas, own*, np, nimg, ninput of every element under
 * body, skipping dropped subtrees (their form controls still count).  One
 * walk in document order counts each text node into its parent and its
 * nearest block; a walk back over the elements then adds every element's
 * totals into its parent, so the cost is linear in the page. */
static void stats(html_ctx *c, xmlNode *body)
{
    xmlNode **order = NULL;
    size_t no = 0, cap = 0;
    for (xmlNode *n = body; n;) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE) {
            html_info *in = extract_html_info_of(c, n);
            in->text = in->links = in->commas = 0;
            in->own = in->own_links = in->own_commas = 0;
            in->np = in->nimg = in->ninput = 0;
            const char *tag = extract_html_tag(n);
            html_info *pi = n != body ? extract_html_info_of(c, n->parent) : NULL;
            in = extract_html_info_of(c, n);
            int link = !strcmp(tag, "a") || (pi && (pi->flags & HTML_F_IN_LINK));
            in->flags = link ? in->flags | HTML_F_IN_LINK : in->flags & ~(unsigned)HTML_F_IN_LINK;
            in->blk = (n == body || extract_html_is_block(tag)) ? n : pi->blk;
            if (pi) {
                pi->np += !strcmp(tag, "p");
                pi->nimg += !strcmp(tag, "img");
                pi->ninput += !strcmp(tag, "input") || !strcmp(tag, "select") ||
                              !strcmp(tag, "textarea") || !strcmp(tag, "button");
            }
            skip = n != body && (in->flags & HTML_F_DROP);
            if (!skip) {
                if (no == cap) {
                    cap = cap ? cap * 2 : 256;
                    order = td_xrealloc(order, cap * sizeof *order);
                }
                order[no++] = n;
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                   n->parent && n->parent->type == XML_ELEMENT_NODE) {
            long ch, cm;
            count_text(n, &ch, &cm);
            if (ch) {
                html_info *pi = extract_html_info_of(c, n->parent);
                int link = (pi->flags & HTML_F_IN_LINK) != 0;
                pi->text += ch;
                pi->commas += cm;
                pi->links += link ? ch : 0;
                html_info *bi = extract_html_info_of(c, pi->blk);
                bi->own += ch;
                bi->own_commas += cm;
                bi->own_links += link ? ch : 0;
            }
        }
        n = extract_html_next(n, body, skip);
    }
    /* children before parents: add each total into the parent */
    for (size_t i = no; i-- > 1;) {
        html_info *in = extract_html_info_of(c, order[i]);
        html_info *pi = extract_html_info_of(c, order[i]->parent);
        pi->text += in->text;
        pi->links += in->links;
        pi->commas += in->commas;
        pi->np += in->np;
        pi->nimg += in->nimg;
        pi->ninput += in->ninput;
    }
    free(order);
}

static double link_density(const html_info *in)
{
    return in->text > 0 ? (double)in->links / (double)in->text : 0.0;
}

/* 1 when anc is n or one of its ancestors. */
static int descends(const xmlNode *n, const xmlNode *anc)
{
    for (; n; n = n->parent)
        if (n == anc)
            return 1;
    return 0;
}

/* ---- furniture ---------------------------------------------------------- */

/* The inline text of block b (nested blocks skipped), decoded, at most
 * max bytes. */
static void inline_text(html_ctx *c, xmlNode *b, td_buf *out, size_t max)
{
    for (xmlNode *n = b->children; n && out->len < max;) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE)
            skip = dropped(c, n) || extract_html_is_block(extract_html_tag(n));
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
        int skip = n->type == XML_ELEMENT_NODE && dropped(c, n);
        if (n->type == XML_TEXT_NODE) {
            long ch, cm;
            count_text(n, &ch, &cm);
            if (ch) {
                xmlNode *b = n->parent;
                while (b != e && !extract_html_is_block(extract_html_tag(b)))
                    b = b->parent;
                html_info *bi = extract_html_info_of(c, b);
                if (bi->ui)   /* the ancestors of a text share its block */
                    return (extract_ui)(bi->ui - 1);
                td_buf t = TD_BUF_INIT;
                inline_text(c, b, &t, 240);
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
static int article_header(const xmlNode *n)
{
    if (strcmp(extract_html_tag(n), "header") || hidden(n))
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
        if (k->type == XML_ELEMENT_NODE && in_list(extract_html_tag(k), body_tags))
            return 1;
    return 0;
}

/* Pass 1: furniture by tag and visibility; legacy fonts; the depth limit. */
static int drop_by_tag(html_ctx *c, xmlNode *root, td_err *e)
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
            if (n != root && (in_list(tag, drop_tags) || hidden(n)) &&
                !article_header(n) && !(!strcmp(tag, "head") && misnested_head(n))) {
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
        unsigned h = hints_of(c, k);
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
    char *x = attr_of(a, "class"), *y = attr_of(b, "class");
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
        if (k->type != XML_ELEMENT_NODE || dropped(c, k))
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

static xmlNode *headline_node(html_ctx *c, xmlNode *body);

static void drop_by_hint(html_ctx *c, xmlNode *body)
{
    long total = extract_html_info_of(c, body)->text;
    /* a small box around the headline named like furniture ("live-header",
     * "headline-bar") is the article's head */
    xmlNode *head = headline_node(c, body);
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
                int drop = in_list(tag, region_tags) && !article_header(n) &&
                           (strip || in->text * 2 < total || !wraps_content(c, n));
                drop = drop || ((unlikely(c, n, strip) || (strip && !strcmp(tag, "form"))) &&
                           (!big || !wraps_content(c, n)) &&
                           !(head && descends(head, n) && in->text * 10 < total * 3));
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

/* ---- scoring ------------------------------------------------------------ */

static int para_like(const char *tag)
{
    static const char *const t[] = {"p", "pre", "li", "blockquote", "dd", "dt",
        "figcaption", "caption", "address", "h1", "h2", "h3", "h4", "h5", "h6", NULL};
    return in_list(tag, t);
}

static double tag_base(const char *tag)
{
    if (!strcmp(tag, "div") || !strcmp(tag, "article") || !strcmp(tag, "section"))
        return 5;
    if (!strcmp(tag, "pre") || !strcmp(tag, "td") || !strcmp(tag, "blockquote"))
        return 3;
    static const char *const minus3[] = {"address", "ol", "ul", "dl", "dd", "dt",
                                         "li", "form", NULL};
    if (in_list(tag, minus3))
        return -3;
    if (heading_level(tag) || !strcmp(tag, "th"))
        return -5;
    return 0;
}

static double final_score(const html_info *in)
{
    return in->score * (1.0 - link_density(in));
}

/* Folded inline text of n, spaces squeezed and trimmed (caller frees). */
static char *folded_text(html_ctx *c, xmlNode *n)
{
    td_buf t = TD_BUF_INIT;
    inline_text(c, n, &t, 1000);
    char *f = norm_fold_str(t.ptr ? t.ptr : "");
    td_buf_free(&t);
    size_t k = 0;
    for (size_t i = 0; f[i]; i++)
        if (!isspace((unsigned char)f[i]) || (k && !isspace((unsigned char)f[k - 1])))
            f[k++] = isspace((unsigned char)f[i]) ? ' ' : f[i];
    while (k && f[k - 1] == ' ')
        k--;
    f[k] = '\0';
    return f;
}

/* The page's headline: the first h1 or h2 of four words or more whose
 * words <title> also holds (sites append their name to <title>).  NULL
 * when there is none. */
static xmlNode *headline_node(html_ctx *c, xmlNode *body)
{
    xmlNode *root = xmlDocGetRootElement(c->doc), *tn = NULL;
    int budget = 5000;
    for (xmlNode *n = root; n && !tn && budget-- > 0;) {
        int in_body = !strcmp(extract_html_tag(n), "body");
        if (!strcmp(extract_html_tag(n), "title"))
            tn = n;
        n = extract_html_next(n, root, in_body);
    }
    if (!tn)
        return NULL;
    char *tf = folded_text(c, tn);
    xmlNode *hit = NULL;
    budget = 50000;
    for (xmlNode *n = body; n && !hit && tf[0] && budget-- > 0;) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE && n != body) {
            const char *tag = extract_html_tag(n);
            if (extract_html_info_of(c, n)->flags & HTML_F_DROP) {
                skip = 1;
            } else if (!strcmp(tag, "h1") || !strcmp(tag, "h2")) {
                char *hf = folded_text(c, n);
                if (extract_count_words(hf, strlen(hf)) >= 4 && strstr(tf, hf))
                    hit = n;
                free(hf);
                skip = 1;
            }
        }
        n = extract_html_next(n, body, skip);
    }
    free(tf);
    return hit;
}

static xmlNode *choose_top(html_ctx *c, xmlNode *body)
{
    xmlNode **cand = NULL;
    size_t nc = 0, cap = 0;
    for (xmlNode *n = body; n;) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE) {
            html_info *in = extract_html_info_of(c, n);
            if (n != body && (in->flags & HTML_F_DROP)) {
                skip = 1;
            } else if (in->own >= 20 && in->own_links * 2 < in->own) {
                long bonus = in->own / 85;
                double s = 1.0 + (double)in->own_commas + (double)(bonus > 3 ? 3 : bonus);
                xmlNode *a = para_like(extract_html_tag(n)) ? n->parent : n;
                for (int lvl = 0; lvl < 5 && a && a->type == XML_ELEMENT_NODE &&
                                  strcmp(extract_html_tag(a), "html"); lvl++, a = a->parent) {
                    html_info *ai = extract_html_info_of(c, a);
                    if (!(ai->flags & HTML_F_SCORED)) {
                        ai->flags |= HTML_F_SCORED;
                        ai->score = tag_base(extract_html_tag(a)) + body_prop(a) +
                                    ((c->pass & HTML_P_WEIGHT) ? class_weight(c, a) : 0);
                        if (nc == cap) {
                            cap = cap ? cap * 2 : 64;
                            cand = td_xrealloc(cand, cap * sizeof *cand);
                        }
                        cand[nc++] = a;
                    }
                    ai->score += s / (lvl == 0 ? 1.0 : lvl == 1 ? 2.0 : lvl * 3.0);
                    if (a == body)
                        break;
                }
            }
        }
        n = extract_html_next(n, body, skip);
    }
    xmlNode *top = NULL;
    double best = 0;
    for (size_t i = 0; i < nc; i++) {
        double f = final_score(extract_html_info_of(c, cand[i]));
        if (!top || f > best)
            top = cand[i], best = f;
    }
    /* the article stands by its headline: when the best container is
     * elsewhere (a long "about us" box in a sidebar), the best one within
     * two levels of the headline wins if it scores a fifth as much */
    xmlNode *h = top ? headline_node(c, body) : NULL, *rejected = NULL;
    if (h && h->parent && !descends(h, top)) {
        xmlNode *scope = h->parent;
        if (scope != body && scope->parent && scope->parent->type == XML_ELEMENT_NODE)
            scope = scope->parent;
        if (!descends(top, scope)) {
            xmlNode *alt = NULL;
            double ab = 0;
            /* a box holding little more than the headline (its byline and
             * date) is the article's head, not the article */
            long htext = extract_html_info_of(c, h)->text;
            for (size_t i = 0; i < nc; i++) {
                html_info *ci = extract_html_info_of(c, cand[i]);
                double f = final_score(ci);
                if (descends(cand[i], scope) && ci->text - htext >= 200 && (!alt || f > ab))
                    alt = cand[i], ab = f;
            }
            if (alt && ab >= best * 0.2 && ab > 0) {
                rejected = top;
                top = alt, best = ab;
            }
        }
    }
    /* Readability: when three or more other containers score nearly as
     * well (3/4 of the best), the article is split over them; their
     * closest common ancestor with top is the article */
    if (top && best > 0 && !rejected) {
        xmlNode *alt[5];
        int na = 0;
        for (size_t i = 0; i < nc && na < 5; i++) {
            double f = final_score(extract_html_info_of(c, cand[i]));
            if (cand[i] != top && f >= best * 0.75 && !descends(cand[i], top) &&
                !descends(top, cand[i]))
                alt[na++] = cand[i];
        }
        for (xmlNode *p = top->parent; na >= 3 && p && p != body; p = p->parent) {
            int k = 0;
            for (int i = 0; i < na; i++)
                k += descends(alt[i], p);
            if (k >= 3) {
                top = p;
                break;
            }
        }
    }
    free(cand);
    if (!top || best <= 0)
        return body;
    /* Readability: a container alone in its parent stands for the parent,
     * whose siblings may hold the rest of the article */
    while (top->parent && top->parent != body && top->parent->type == XML_ELEMENT_NODE) {
        /* table cells of a layout: the row's siblings are page furniture */
        const char *pt = extract_html_tag(top->parent);
        if (!strcmp(pt, "td") || !strcmp(pt, "tr") || !strcmp(pt, "tbody") ||
            !strcmp(pt, "table") || !strcmp(extract_html_tag(top), "td"))
            break;
        int others = 0;
        for (xmlNode *k = top->parent->children; k && !others; k = k->next)
            others = k != top && k->type == XML_ELEMENT_NODE && !dropped(c, k);
        if (others)
            break;
        top = top->parent;
    }
    if (extract_html_info_of(c, top)->flags & HTML_F_SCORED)
        best = final_score(extract_html_info_of(c, top));
    /* climb while a parent scores higher (Readability: the article is
     * often split over sibling containers) */
    double last = best, threshold = best / 3;
    for (xmlNode *p = top->parent; p && p != body->parent && p->type == XML_ELEMENT_NODE;
         p = p->parent) {
        if (rejected && descends(rejected, p))
            break;   /* never back up to the container the headline ruled out */
        html_info *pi = extract_html_info_of(c, p);
        if (!(pi->flags & HTML_F_SCORED))
            continue;
        double ps = final_score(pi);
        if (ps < threshold)
            break;
        if (ps > last) {
            top = p;
            break;
        }
        last = ps;
    }
    return top;
}

/* ---- cleaning ----------------------------------------------------------- */

/* A byline element (Readability's test): rel or itemprop "author", or a
 * class or id naming a byline, with a short text. */
static const char *const byline_hints[] = {"byline", "author", "dateline", "writtenby", NULL};

static int byline_box(html_ctx *c, const xmlNode *n)
{
    if (extract_html_info_of(c, (xmlNode *)n)->text >= 100)
        return 0;
    char *rel = attr_of(n, "rel"), *ip = attr_of(n, "itemprop");
    char *cls = attr_of(n, "class"), *id = attr_of(n, "id");
    int hit = (rel && !strcasecmp(rel, "author")) || (ip && strstr(ip, "author")) ||
              hint_match_str(cls, byline_hints) || hint_match_str(id, byline_hints);
    xmlFree(rel);
    xmlFree(ip);
    xmlFree(cls);
    xmlFree(id);
    return hit;
}

static int meta_box(const xmlNode *n)
{
    char *cls = attr_of(n, "class"), *id = attr_of(n, "id");
    int hit = hint_match_str(cls, meta_hints) || hint_match_str(id, meta_hints);
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
static int clean_away(html_ctx *c, xmlNode *n, long top_text)
{
    static const char *const boxes[] = {"div", "section", "ul", "ol", "table",
        "form", "fieldset", "dl", "center", "figure", NULL};
    const char *tag = extract_html_tag(n);
    if (!(c->pass & HTML_P_CLEAN) || !in_list(tag, boxes))
        return 0;
    html_info *in = extract_html_info_of(c, n);
    if (in->text < 250 && in->np == 0 && strcmp(tag, "table") && strcmp(tag, "figure") &&
        meta_box(n))
        return 1;
    int w = class_weight(c, n);
    /* Readability drops any container scoring below zero; short plain
     * lists (goals, members) score so, so only a negative hint counts */
    if (w < 0 && w + ((in->flags & HTML_F_SCORED) ? in->score : 0) < 0)
        return 1;
    if (in->text * 10 < top_text * 4 + 10 && boxed_ui(first_text_ui(c, n)))
        return 1;
    in = extract_html_info_of(c, n);   /* the table may have grown */
    if (in->commas >= 10)
        return 0;
    double ld = link_density(in);
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

/* ---- emitting blocks ---------------------------------------------------- */

typedef struct emitter {
    html_ctx *c;
    td_buf cur;          /* text of the block being built */
    td_buf tmp;
    xmlNode *owner;      /* element whose kind the block takes */
    long start;          /* its source offset */
    xmlNode *skip_scope; /* after a "related news" heading: its parent */
    long next_start;     /* after two <br>: where the next block starts */
    long top_text;
} emitter;

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
        if (heading_level(tag) || !strcmp(tag, "li") || !strcmp(tag, "figcaption") ||
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
    if (heading_level(tag) || !strcmp(tag, "li") || !strcmp(tag, "figcaption") ||
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
        if (descends(owner, em->skip_scope) && (n < 200 || link_density(oi) > 0.3)) {
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
        (link_density(oi) >= 0.8 ||
         (oi->own > 0 && oi->own < 80 && oi->own_links * 10 >= oi->own * 9))) {
        td_buf_clear(&em->cur);
        return;
    }
    td_block_kind kind = TD_BLOCK_PARA;
    int level = 0, row = -1, col = -1;
    if ((level = heading_level(tag)) != 0) {
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
        descends(el, em->owner)) {
        soft_break(em);
        return;
    }
    flush(em, off);
}

static void emit_subtree(emitter *em, xmlNode *root)
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
                             byline_box(c, n);
                if (n != root && ((in->flags & HTML_F_DROP) || byline ||
                                  (!c->o->keep_boilerplate && clean_away(c, n, em->top_text)))) {
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
            !(n != root && dropped(c, n))) {
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

/* Lists of links (three or more items, nearly all link) under n: the
 * columns of a page footer or a site map.  Stops counting at two. */
static int link_lists(html_ctx *c, xmlNode *n)
{
    int k = 0, budget = 20000;
    for (xmlNode *e = n->children; e && k < 2 && budget-- > 0;) {
        int skip = 0;
        if (e->type == XML_ELEMENT_NODE) {
            html_info *in = extract_html_info_of(c, e);
            const char *tag = extract_html_tag(e);
            skip = (in->flags & HTML_F_DROP) != 0;
            if (!skip && (!strcmp(tag, "ul") || !strcmp(tag, "ol"))) {
                int items = 0;
                for (xmlNode *li = e->children; li; li = li->next)
                    items += !strcmp(extract_html_tag(li), "li");
                if (items >= 3 && link_density(in) >= 0.8)
                    k++;
                skip = 1;
            }
        }
        e = extract_html_next(e, n, skip);
    }
    return k;
}

/* Siblings of top that belong to the article (Readability's rule).  A
 * sibling holding two or more lists of links is a page region (a footer
 * with an "about us" text beside its link columns), however well its
 * prose scores. */
static int sibling_ok(html_ctx *c, xmlNode *s, xmlNode *top, double top_score)
{
    html_info *si = extract_html_info_of(c, s);
    if (si->flags & HTML_F_DROP)
        return 0;
    if (link_lists(c, s) >= 2)
        return 0;
    si = extract_html_info_of(c, s);
    double threshold = top_score * 0.2 > 10 ? top_score * 0.2 : 10;
    double bonus = 0;
    char *a = attr_of(s, "class"), *b = attr_of(top, "class");
    if (a && b && *a && !strcmp(a, b))
        bonus = top_score * 0.2;
    xmlFree(a);
    xmlFree(b);
    if ((si->flags & HTML_F_SCORED) && final_score(si) + bonus >= threshold)
        return 1;
    if (!strcmp(extract_html_tag(s), "p")) {
        double ld = link_density(si);
        if (si->text > 70 && ld < 0.25)
            return 1;
        if (si->text > 0 && si->text <= 70 && ld == 0 && si->commas >= 0) {
            td_buf t = TD_BUF_INIT;
            inline_text(c, s, &t, 400);
            int sentence = t.ptr && (strstr(t.ptr, ". ") || (t.len > 1 && t.ptr[t.len - 2] == '.'));
            td_buf_free(&t);
            return sentence;
        }
    }
    return 0;
}

/* The lead paragraph kept outside the article container: the first
 * element before top, within top's grandparent, named like a lead, with
 * text and few links.  NULL when there is none before top. */
static xmlNode *find_lead(html_ctx *c, xmlNode *top, xmlNode *body)
{
    xmlNode *scope = top->parent;
    if (scope != body && scope->parent && scope->parent->type == XML_ELEMENT_NODE)
        scope = scope->parent;
    int budget = 20000;
    for (xmlNode *n = scope->children; n && n != top && budget-- > 0;) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE) {
            html_info *in = extract_html_info_of(c, n);
            if (in->flags & HTML_F_DROP) {
                skip = 1;
            } else if (in->text >= 40 && link_density(in) < 0.3 && !descends(top, n)) {
                char *cls = attr_of(n, "class"), *id = attr_of(n, "id");
                int hit = hint_match_str(cls, lead_hints) || hint_match_str(id, lead_hints);
                xmlFree(cls);
                xmlFree(id);
                if (hit)
                    return n;
            }
        }
        n = extract_html_next(n, scope, skip);
    }
    return NULL;
}

/* Characters (not bytes) in the blocks emitted since c->first_block. */
static long emitted_chars(const html_ctx *c)
{
    long k = 0;
    for (size_t i = c->first_block; i < c->d->nblocks; i++)
        for (size_t j = 0; j < c->d->blocks[i].len; j++)
            k += ((unsigned char)c->d->blocks[i].text[j] & 0xC0) != 0x80;
    return k;
}

/* One content pass with c->pass: choose the container and emit it with
 * its siblings and lead. */
static void content_pass(html_ctx *c, xmlNode *body)
{
    stats(c, body);
    if (!c->o->keep_boilerplate) {
        drop_by_hint(c, body);
        stats(c, body);
    }
    xmlNode *top = c->o->keep_boilerplate ? body : choose_top(c, body);
    c->top = top;
    emitter em = {0};
    em.c = c;
    em.top_text = extract_html_info_of(c, top)->text;
    c->first_block = c->d->nblocks;
    if (top == body || !top->parent) {
        emit_subtree(&em, top);
    } else {
        double ts = final_score(extract_html_info_of(c, top));
        xmlNode *lead = find_lead(c, top, body);
        if (lead && !descends(lead, top->parent))
            emit_subtree(&em, lead);
        for (xmlNode *s = top->parent->children; s; s = s->next) {
            if (s->type != XML_ELEMENT_NODE)
                continue;
            if (s == top || sibling_ok(c, s, top, ts) || article_header(s))
                emit_subtree(&em, s);
            else if (lead && descends(lead, s))
                emit_subtree(&em, lead);
        }
    }
    td_buf_free(&em.cur);
    td_buf_free(&em.tmp);
}

/* The JSON-LD articleBody instead of the blocks from start on, when the
 * markup gave less than half of it (a body built by scripts, a teaser):
 * one paragraph per line. */
static void use_ld_body(html_ctx *c, size_t start)
{
    char *ld = extract_html_ld_body(xmlDocGetRootElement(c->doc));
    if (!ld)
        return;
    long lc = 0;
    for (const char *p = ld; *p; p++)
        lc += ((unsigned char)*p & 0xC0) != 0x80 && !isspace((unsigned char)*p);
    if (lc >= 200 && emitted_chars(c) * 2 < lc) {
        c->d->nblocks = start;
        c->first_block = start;
        for (char *line = ld, *nl; line && *line; line = nl) {
            nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) : strlen(line);
            td_doc_add_block(c->d, TD_BLOCK_PARA, 0, line, n, -1, -1);
            nl = nl ? nl + 1 : NULL;
        }
    }
    free(ld);
}

/* Readability's retry: a pass that keeps fewer characters than this is
 * run again with less cleaning. */
#define HTML_MIN_CHARS 500

int extract_html_content(html_ctx *c, xmlNode *body, td_err *e)
{
    int rc = drop_by_tag(c, body, e);
    if (rc != TD_OK)
        return rc;
    static const unsigned passes[] = {
        HTML_P_STRIP | HTML_P_WEIGHT | HTML_P_CLEAN,
        HTML_P_WEIGHT | HTML_P_CLEAN,
        HTML_P_CLEAN,
        0};
    size_t npass = c->o->keep_boilerplate ? 1 : sizeof passes / sizeof *passes;
    /* what the passes change: the flags after dropping by tag are kept */
    size_t nsaved = c->ninfo;
    unsigned *saved = td_xmalloc((nsaved ? nsaved : 1) * sizeof *saved);
    for (size_t i = 0; i < nsaved; i++)
        saved[i] = c->info[i].flags;
    size_t start = c->d->nblocks;
    td_block *best = NULL;   /* the best short pass, kept while a looser one runs */
    size_t nbest = 0;
    long best_chars = -1;
    xmlNode *best_top = NULL;
    for (size_t p = 0; p < npass; p++) {
        if (p > 0) {
            for (size_t i = 0; i < c->ninfo; i++) {
                c->info[i].flags = i < nsaved ? saved[i] : 0;
                c->info[i].score = 0;
                c->info[i].ui = 0;
            }
            c->d->nblocks = start;
        }
        c->pass = passes[p];
        content_pass(c, body);
        long k = emitted_chars(c);
        /* a looser pass must keep twice as much to beat a stricter one:
         * a little more text from a looser pass is mostly furniture */
        int better = best_chars < 0 || k >= 2 * best_chars;
        if (k >= HTML_MIN_CHARS || p + 1 == npass) {
            if (!better) {   /* put the stricter pass back */
                c->d->nblocks = start;
                for (size_t i = 0; i < nbest; i++) {
                    if (c->d->nblocks == c->d->cap_blocks) {
                        c->d->cap_blocks = c->d->cap_blocks ? c->d->cap_blocks * 2 : 32;
                        c->d->blocks = td_xrealloc(c->d->blocks,
                                                   c->d->cap_blocks * sizeof *c->d->blocks);
                    }
                    c->d->blocks[c->d->nblocks++] = best[i];
                }
                c->top = best_top;
            }
            break;
        }
        if (better) {   /* too short: keep it while a looser pass runs */
            free(best);
            nbest = c->d->nblocks - start;
            best = td_xmalloc((nbest ? nbest : 1) * sizeof *best);
            if (nbest)
                memcpy(best, c->d->blocks + start, nbest * sizeof *best);
            best_chars = k;
            best_top = c->top;
        }
    }
    c->first_block = start;
    free(best);
    free(saved);
    if (!c->o->keep_boilerplate)
        use_ld_body(c, start);
    return TD_OK;
}
