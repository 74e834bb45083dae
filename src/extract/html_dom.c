/* html_dom.c - what the HTML reader knows about each element.
 *
 * The per-element state (html_info, kept beside libxml2's tree), attribute
 * and tag questions, the class/id hints Readability reads ("content",
 * "sidebar", Vietnamese portal names), hidden elements, and the text
 * statistics (visible characters, commas, link text) of every element.
 * The passes in html_clean.c, html_score.c, html_emit.c and
 * html_content.c ask these questions many times per element, so the
 * answers that cost are computed once and kept.
 */
#include "extract/html_int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/text_util.h"

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

int extract_html_in_list(const char *s, const char *const *list)
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
    return extract_html_in_list(tag, first[c0 - 'a']);
}

int extract_html_heading_level(const char *tag)
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
int extract_html_hint_match_str(const char *attr, const char *const *list)
{
    hint_text t;
    hint_prepare(&t, attr);
    return hint_match(&t, list);
}

/* Hints that drop an element in every pass: reader comments. */
static const char *const comment_hints[] = {
    "comment", "disqus", "respond", "replies", "binh-luan", "binhluan", NULL};

/* schema.org's mark of the article's text (itemprop="articleBody"), which
 * weighs like a content class in every pass. */
int extract_html_body_prop(const xmlNode *n)
{
    char *ip = extract_html_attr(n, "itemprop");
    int hit = ip && (strstr(ip, "articleBody") || strstr(ip, "articlebody"));
    xmlFree(ip);
    return hit ? 25 : 0;
}

/* The HTML_H_* bits of element n (its class, id and role against the
 * hint lists), computed on first use and kept: every pass asks again. */
unsigned extract_html_hints_of(html_ctx *c, xmlNode *n)
{
    html_info *in = extract_html_info_of(c, n);
    if (in->hints & HTML_H_DONE)
        return in->hints;
    char *cls_s = extract_html_attr(n, "class"), *id_s = extract_html_attr(n, "id");
    char *role = extract_html_attr(n, "role");
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
        if (extract_html_in_list(role, roles))
            h |= HTML_H_ROLE;
    }
    xmlFree(cls_s);
    xmlFree(id_s);
    xmlFree(role);
    extract_html_info_of(c, n)->hints = (unsigned short)h;
    return h;
}

int extract_html_class_weight(html_ctx *c, xmlNode *n)
{
    unsigned h = extract_html_hints_of(c, n);
    return ((h & HTML_H_NEG_C) ? -25 : 0) + ((h & HTML_H_POS_C) ? 25 : 0) +
           ((h & HTML_H_NEG_I) ? -25 : 0) + ((h & HTML_H_POS_I) ? 25 : 0);
}

/* Negative hints in class or id and no reason to keep the element (with
 * all: any negative hint, else only those of comments), or a role of
 * page furniture. */
int extract_html_unlikely(html_ctx *c, xmlNode *n, int all)
{
    unsigned h = extract_html_hints_of(c, n);
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
    char *cls = extract_html_attr(n, "class");
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

int extract_html_hidden(const xmlNode *n)
{
    if (extract_html_has_attr(n, "hidden") || hiding_class(n))
        return 1;
    char *ah = extract_html_attr(n, "aria-hidden");
    int aria = ah && !strcasecmp(ah, "true");
    xmlFree(ah);
    if (aria)
        return 1;
    char *st = extract_html_attr(n, "style");
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
void extract_html_count_text(const xmlNode *t, long *chars, long *commas)
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

int extract_html_dropped(html_ctx *c, xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && (extract_html_info_of(c, n)->flags & HTML_F_DROP);
}

/* Fill text, links, commas, own*, np, nimg, ninput of every element under
 * body, skipping dropped subtrees (their form controls still count).  One
 * walk in document order counts each text node into its parent and its
 * nearest block; a walk back over the elements then adds every element's
 * totals into its parent, so the cost is linear in the page. */
void extract_html_stats(html_ctx *c, xmlNode *body)
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
            extract_html_count_text(n, &ch, &cm);
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

double extract_html_link_density(const html_info *in)
{
    return in->text > 0 ? (double)in->links / (double)in->text : 0.0;
}

/* 1 when anc is n or one of its ancestors. */
int extract_html_descends(const xmlNode *n, const xmlNode *anc)
{
    for (; n; n = n->parent)
        if (n == anc)
            return 1;
    return 0;
}
