/* html_int.h - interface between the three parts of the HTML reader.
 *
 * html.c decodes the bytes, parses them with libxml2 (recording each
 * element's byte span) and resolves legacy fonts; html_content.c drops page
 * furniture, scores candidate containers (Readability-style) and emits the
 * article's blocks; html_meta.c finds title, publication date and byline.
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

/* Which hint lists an element's class (C) and id (I) match (html_content.c),
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

#endif
