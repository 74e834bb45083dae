/* html_int.h - interface between the parts of the HTML reader.
 *
 * html.c decodes the bytes, parses them with libxml2 (recording each
 * element's byte span; html_prep.c repairs the bytes first) and resolves
 * legacy fonts; html_content.c runs the
 * content passes: statistics and hints (html_dom.c), furniture
 * (html_clean.c), the article's container (html_score.c, Readability-style)
 * and its blocks (html_emit.c); html_jsonld.c reads JSON-LD articleBody;
 * html_meta.c finds title, publication date and byline.
 */
#ifndef HTML_INT_H
#define HTML_INT_H

#include <libxml/HTMLparser.h>

#include "extract/extract_int.h"
#include "normalize/normalize.h"

/* Per-element data, indexed through xmlNode._private (index + 1). */
typedef struct html_info {
    long start, end;      /* byte span in the parsed buffer, -1 unknown */
    unsigned flags;       /* HTML_F_* */
    short enc;            /* legacy font in effect (norm_encoding), 0 none */
    short hfont;          /* that font is an uppercase "H" font */
    int weight;           /* class/id weight: +25 / -25 per attribute */
    double score;         /* content score when a candidate */
    long text;            /* visible characters below (no spaces) */
    long links;           /* of which inside <a> */
    long commas;
    long own;             /* characters of this element's own inline text */
    long own_links;
    long own_commas;
    int np, nimg, ninput; /* <p>, <img>, form controls below */
    signed char ui;       /* extract_ui of its inline text + 1; 0 not known */
    unsigned short hints; /* HTML_H_* of its class and id, once computed */
    struct _xmlNode *blk; /* nearest block ancestor-or-self (stats pass) */
} html_info;

enum {
    HTML_F_DROP = 1,      /* not part of the article (tag, class, hidden) */
    HTML_F_SCORED = 2,    /* has been a candidate */
    HTML_F_TABLE_DATA = 4, /* a table holding data, not layout */
    HTML_F_TABLE_DECIDED = 8, /* HTML_F_TABLE_DATA has been computed */
    HTML_F_IN_LINK = 16   /* inside an <a> (set by the statistics pass) */
};

/* What a content pass does (Readability's flags): the first pass does
 * all three; when it keeps too little text the next passes do less. */
enum {
    HTML_P_STRIP = 1,     /* drop elements named like furniture */
    HTML_P_WEIGHT = 2,    /* class and id names weigh on the scores */
    HTML_P_CLEAN = 4      /* drop link-dense or form-like boxes in the article */
};

/* Which hint lists an element's class (C) and id (I) match (html_dom.c),
 * computed once per element. */
enum {
    HTML_H_DONE = 1,
    HTML_H_NEG_C = 2, HTML_H_NEG_I = 4,
    HTML_H_POS_C = 8, HTML_H_POS_I = 16,
    HTML_H_OK = 32,       /* class or id */
    HTML_H_COMMENT = 64,  /* class or id */
    HTML_H_ROLE = 128     /* a role of page furniture */
};

/* The reader's state for one document. */
typedef struct html_ctx {
    td_doc *d;
    const extract_opts *o;
    xmlDocPtr doc;
    html_info *info;      /* malloc'd; info[0] unused */
    size_t ninfo, cap;
    long base;            /* file offset of parsed byte 0, -1: offsets unknown */
    struct html_cut {     /* script text removed before parsing (html.c): */
        long at;          /* from this parsed offset on, */
        long shift;       /* the page offset is this many bytes further */
    } *cuts;
    size_t ncuts;
    norm_encoding page_enc; /* non-zero: text is byte-preserving (each byte a
                               U+00xx code point) and must be decoded with it */
    struct html_css {     /* CSS rules that select a legacy font */
        char tag[16];
        char cls[64];
        short enc, hfont;
    } *css;
    size_t ncss;
    xmlNode *title_node;  /* the heading the title came from, or NULL */
    xmlNode *top;         /* the chosen article container */
    unsigned pass;        /* HTML_P_* of the current content pass */
    size_t first_block;   /* index of the first article block in d */
    startElementSAXFunc sax_start;  /* libxml2's handlers we wrap */
    endElementSAXFunc sax_end;
} html_ctx;

/* Info of node n (allocated on first use).  The pointer is valid until the
 * next call that may allocate. */
html_info *extract_html_info_of(html_ctx *c, xmlNode *n);

/* Lowercase tag name of an element ("" for other nodes). */
const char *extract_html_tag(const xmlNode *n);

/* The value of attribute name of element n (free with xmlFree), or NULL.
 * As xmlGetProp, without its look-up of DTD defaults for a missing
 * attribute (an HTML page declares none, and most elements ask for
 * attributes they lack). */
char *extract_html_attr(const xmlNode *n, const char *name);
/* 1 when element n has attribute name. */
int extract_html_has_attr(const xmlNode *n, const char *name);

/* 1 when the tag starts a block (p, div, h1, li, td, ...). */
int extract_html_is_block(const char *tag);

/* Append the visible text of a text node, decoded for the legacy font or
 * the byte-preserving page encoding that applies to its parent. */
void extract_html_decode_text(html_ctx *c, const xmlNode *text, td_buf *out);

/* Set in->enc/hfont for element n: its own font (<font face>, inline
 * font-family, a CSS rule from <style>) or else the parent's (pin). */
void extract_html_resolve_font(html_ctx *c, xmlNode *n, html_info *in,
                       const html_info *pin);

/* Next node after n in document order inside root (children skipped when
 * skip_children); NULL at the end.  Iterative: deep trees are safe. */
xmlNode *extract_html_next(xmlNode *n, const xmlNode *root, int skip_children);

/* Drop furniture, score, choose the article and append its blocks to
 * c->d (no title block; html.c adds it).  Sets c->top.  Returns TD_OK or a
 * TD_* code with e filled. */
int extract_html_content(html_ctx *c, xmlNode *body, td_err *e);

/* The longest "articleBody" string of the page's JSON-LD scripts under
 * root, decoded to UTF-8 with any markup dropped (block ends become line
 * breaks); NULL when there is none.  The caller frees it. */
char *extract_html_ld_body(xmlNode *root);

/* Interface to code in html_meta.c: set d->title (adding or marking the
 * title block), d->published and d->author once the article blocks are in
 * c->d.  Cannot fail. */
void extract_html_meta(html_ctx *c, xmlNode *root, xmlNode *body);

/* ---- html_prep.c ---- */
/* The first case-insensitive occurrence of needle in hay[0..n), or NULL. */
const char *extract_html_find_ci(const char *hay, size_t n, const char *needle);
/* Repair buf, the decoded page, for libxml2 (see html_prep.c); script and
 * style texts are cut, with c->cuts recording how offsets shift. */
void extract_html_prepare(html_ctx *c, td_buf *buf);
/* The page offset of parsed offset off (off itself when nothing was cut
 * before it; -1 stays -1). */
long extract_html_page_offset(const html_ctx *c, long off);

/* The state of html_emit.c while it turns elements into blocks. */
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

/* ---- shared by the passes (html_dom.c, html_clean.c, html_score.c,
 * html_emit.c, html_content.c) ---------------------------------------- */

/* 1 when s is one of the lowercase names of the NULL-ended list, in any
 * case. */
int extract_html_in_list(const char *s, const char *const *list);

/* 1..6 for h1..h6, else 0. */
int extract_html_heading_level(const char *tag);

/* hint_match on a raw class or id value (NULL: no match). */
int extract_html_hint_match_str(const char *attr, const char *const *list);

/* schema.org's mark of the article's text (itemprop="articleBody"), which
 * weighs like a content class in every pass. */
int extract_html_body_prop(const xmlNode *n);

/* The HTML_H_* bits of element n (its class, id and role against the
 * hint lists), computed on first use and kept: every pass asks again. */
unsigned extract_html_hints_of(html_ctx *c, xmlNode *n);

/* Readability's class weight of n: +25 / -25 for each of its class and
 * id that holds a positive / negative hint. */
int extract_html_class_weight(html_ctx *c, xmlNode *n);

/* Negative hints in class or id and no reason to keep the element (with
 * all: any negative hint, else only those of comments), or a role of
 * page furniture. */
int extract_html_unlikely(html_ctx *c, xmlNode *n, int all);

/* 1 when n is hidden: the hidden attribute, aria-hidden="true", a
 * display:none or visibility:hidden style, or a class that hides. */
int extract_html_hidden(const xmlNode *n);

/* Visible characters (not white space) and commas in a text node. */
void extract_html_count_text(const xmlNode *t, long *chars, long *commas);

/* 1 when element n has been dropped as furniture (HTML_F_DROP). */
int extract_html_dropped(html_ctx *c, xmlNode *n);

/* Fill text, links, commas, own*, np, nimg, ninput of every element under
 * body, skipping dropped subtrees (their form controls still count).  One
 * walk in document order counts each text node into its parent and its
 * nearest block; a walk back over the elements then adds every element's
 * totals into its parent, so the cost is linear in the page. */
void extract_html_stats(html_ctx *c, xmlNode *body);

/* The share of in's visible characters that are inside links. */
double extract_html_link_density(const html_info *in);

/* 1 when anc is n or one of its ancestors. */
int extract_html_descends(const xmlNode *n, const xmlNode *anc);

/* The inline text of block b (nested blocks skipped), decoded, at most
 * max bytes. */
void extract_html_inline_text(html_ctx *c, xmlNode *b, td_buf *out, size_t max);

/* A <header> inside an <article> is the article's own head (HTML5): its
 * headline and lead, not the page banner. */
int extract_html_article_header(const xmlNode *n);

/* Pass 1: furniture by tag and visibility; legacy fonts; the depth limit. */
int extract_html_drop_by_tag(html_ctx *c, xmlNode *root, td_err *e);

/* Pass 2: drop furniture under body by class, id, role, HTML5 region
 * tag and first words (see the file comment of html_clean.c). */
void extract_html_drop_by_hint(html_ctx *c, xmlNode *body);

/* 1 when n is a short byline element (rel or itemprop author, or a
 * byline class or id), dropped from the article. */
int extract_html_byline_box(html_ctx *c, const xmlNode *n);

/* Readability's conditional cleaning of containers inside the article. */
int extract_html_clean_away(html_ctx *c, xmlNode *n, long top_text);

/* A candidate's score weighed by its link density. */
double extract_html_final_score(const html_info *in);

/* The page's headline: the first h1 or h2 of four words or more whose
 * words <title> also holds (sites append their name to <title>).  NULL
 * when there is none. */
xmlNode *extract_html_headline_node(html_ctx *c, xmlNode *body);

/* The element under body that holds the article (the best scored
 * candidate, or the headline's box, <article> or articleBody evidence);
 * body when nothing scores. */
xmlNode *extract_html_choose_top(html_ctx *c, xmlNode *body);

/* Append the blocks of root's subtree to em->c->d, in document order. */
void extract_html_emit_subtree(emitter *em, xmlNode *root);

#endif
