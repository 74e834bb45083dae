/* docx_int.h - interface between the parts of the DOCX reader.
 *
 * docx.c opens the zip (with the size and ratio limits), finds the parts
 * through their relationships and reads the document properties;
 * docx_xml.c wraps a safe streaming xmlTextReader; docx_styles.c loads
 * styles, theme and font table and resolves each run's fonts for the legacy
 * TCVN3/VNI decoding; docx_body.c walks a story part (the body or the notes)
 * and docx_text.c turns its runs and paragraphs into blocks (their shared
 * state is in docx_walk.h).
 */
#ifndef DOCX_INT_H
#define DOCX_INT_H

#include <libxml/xmlreader.h>
#include <zip.h>

#include "extract/extract_int.h"

/* ---- Interface to code in docx.c -------------------------------------- */

/* An open package with the limits of one extraction. */
typedef struct docx_pkg {
    zip_t *zip;
    const extract_opts *o;
    size_t total;          /* uncompressed bytes read so far */
} docx_pkg;

/* Read the zip entry name (case-insensitive, as OPC part names are) into a
 * malloc'd NUL-terminated buffer, enforcing o->max_entry, o->max_ratio and
 * o->max_total both from the entry header and while inflating.  A missing
 * entry gives TD_OK with *out NULL.  On failure *out is NULL and e is set. */
int extract_docx_read_part(docx_pkg *p, const char *name, char **out, size_t *len,
                   td_err *e);

/* ---- Interface to code in docx_xml.c ---------------------------------- */

/* The namespaces the reader cares about; prefixes are never looked at. */
typedef enum {
    DOCX_NS_OTHER = 0,
    DOCX_NS_W,        /* wordprocessingml main (transitional or strict) */
    DOCX_NS_MC,       /* markup compatibility */
    DOCX_NS_M,        /* office math */
    DOCX_NS_A,        /* drawingml main (themes) */
    DOCX_NS_PKGREL,   /* package relationships */
    DOCX_NS_DC,       /* Dublin Core elements */
    DOCX_NS_DCTERMS   /* Dublin Core terms */
} docx_ns;

docx_ns extract_docx_ns_of(const xmlChar *uri);

/* A namespace a mc:Choice may require and that this reader understands
 * (its text is found by the generic walk). */
int extract_docx_ns_understood(const xmlChar *uri);

/* A streaming reader over one part held in memory: no network, no entity
 * substitution, no DTD loading; external entities are never fetched. */
typedef struct docx_xml {
    xmlTextReaderPtr r;
    const char *part;        /* part name, for messages */
    int max_depth;
    char err[200];           /* first parser error, "" if none */
    int err_depth;           /* the parser hit its own nesting limit */
    const xmlChar *last_uri; /* one-entry cache for extract_docx_xml_ns */
    docx_ns last_ns;
    xmlExternalEntityLoader saved_loader; /* restored on close */
} docx_xml;

/* Open a reader over data (not copied: it must outlive the reader).
 * Returns TD_OK or TD_ENOMEM with e set. */
int extract_docx_xml_open(docx_xml *x, const char *data, size_t len,
                  const char *part, int max_depth, td_err *e);
/* Advance to the next node: 1 = a node, 0 = end of the part, or a TD_*
 * error code negated (-TD_EFORMAT for malformed XML naming the part,
 * -TD_ELIMIT for nesting deeper than max_depth) with e set. */
int extract_docx_xml_next(docx_xml *x, td_err *e);
/* Namespace class of the current node (cached by URI pointer). */
docx_ns extract_docx_xml_ns(docx_xml *x);
/* Copy the value of the current element's attribute with this local name
 * (in the W namespace or none) into buf; 1 when found, else 0 and buf "". */
int extract_docx_xml_attr(docx_xml *x, const char *local, char *buf, size_t n);
/* Same for an attribute in any namespace (relationships, themes). */
int extract_docx_xml_attr_any(docx_xml *x, const char *local, char *buf, size_t n);
void extract_docx_xml_close(docx_xml *x);

/* True for "1", "true", "on" or an absent value (OOXML on/off type). */
int extract_docx_onoff(const char *val, int present);

/* A scanner over the raw bytes of a part that follows the reader, tag by
 * tag, to give each element its exact byte span. */
typedef struct docx_rawpos {
    const char *s;
    size_t n, pos;
    int ok;        /* 0 once the scanner lost the reader (UTF-16, surprises) */
} docx_rawpos;

/* Find the next start (end = 0) or end tag (end = 1) after rp->pos and
 * check that it is qname: 1 and [*a, *b) set to the tag's bytes, else 0
 * (and rp is lost for good). */
int extract_docx_raw_tag(docx_rawpos *rp, int end, const char *qname, long *a, long *b);

/* ---- Interface to code in docx_styles.c ------------------------------- */

/* The legacy classification of one rFonts slot. */
typedef struct docx_font {
    unsigned char set;     /* this layer decides the slot */
    unsigned char enc;     /* norm_encoding of the font */
    unsigned char h;       /* TCVN3 "H" (all capitals) font */
} docx_font;

enum { DOCX_F_ASCII, DOCX_F_HANSI, DOCX_F_EA, DOCX_F_CS, DOCX_F_N };

typedef struct docx_fonts {
    docx_font f[DOCX_F_N];
} docx_fonts;

typedef struct docx_style docx_style;

typedef struct docx_styles {
    docx_style *v;           /* sorted by styleId after loading */
    size_t n, cap;
    docx_fonts defaults;     /* docDefaults/rPrDefault */
    docx_font theme[2][3];   /* [major, minor][latin, ea, cs] */
    docx_style *default_para;
    int legacy;              /* some font of the document may be legacy */
} docx_styles;

/* Load theme, font table and styles from their XML (any may be NULL).
 * Malformed auxiliary parts are ignored: they only refine the result. */
void extract_docx_styles_load(docx_styles *s, const char *theme, size_t theme_len,
                      const char *fonts, size_t fonts_len,
                      const char *styles, size_t styles_len,
                      const extract_opts *o);
void extract_docx_styles_free(docx_styles *s);

/* The style with this id, or NULL. */
docx_style *extract_docx_style_find(const docx_styles *s, const char *id);

/* Heading level of a paragraph style through its basedOn chain: 1-9, 10
 * for the document title style, 0 for none. */
int extract_docx_style_heading(const docx_styles *s, docx_style *st);
/* Heading level a style name or id implies by itself ("heading 2",
 * "Heading2" → 2, "Title" → 10, else 0); used for styles styles.xml lacks. */
int extract_docx_heading_of(const char *name);
/* The numbering a paragraph style applies (numId > 0), or 0; *ilvl set. */
int extract_docx_style_numbering(const docx_styles *s, docx_style *st, int *ilvl);
/* Merge the fonts of st and its basedOn chain onto acc. */
void extract_docx_style_fonts(const docx_styles *s, docx_style *st, docx_fonts *acc);

/* Parse a w:rFonts element at the reader's position into layer (slots the
 * element leaves open stay unset). */
void extract_docx_rfonts(const docx_styles *s, docx_xml *x, docx_fonts *layer);
/* Apply layer over acc, slot by slot. */
void extract_docx_fonts_merge(docx_fonts *acc, const docx_fonts *layer);

/* ---- Interface to code in docx_num.c ---------------------------------- */

typedef struct docx_lvl {
    int start;             /* w:start */
    char fmt;              /* d decimal, z 01, a/A letters, i/I roman, b bullet, n none */
    char text[64];         /* w:lvlText, e.g. "%1.%2." */
    int defined;
} docx_lvl;

typedef struct docx_abs_num {
    int id;                /* w:abstractNumId */
    docx_lvl lvl[9];
    int count[9], used[9]; /* counters, in document order */
} docx_abs_num;

typedef struct docx_num_def {
    int id, abs_id;        /* w:numId and the abstract list it instantiates */
    int start_over[9];     /* w:startOverride per level, -1 none */
    docx_lvl lvl[9];       /* levels redefined in a w:lvlOverride */
    int applied;           /* overrides applied (on first use) */
} docx_num_def;

typedef struct docx_numbering {
    docx_abs_num *a;
    size_t na, cap_a;
    docx_num_def *n;
    size_t nn, cap_n;
} docx_numbering;

/* Load word/numbering.xml (data may be NULL: no numbering).  Malformed XML
 * keeps what was read before the error. */
void extract_docx_numbering_load(docx_numbering *nb, const char *data, size_t len,
                         const extract_opts *o);
/* Count one numbered paragraph of list num_id at level ilvl and write the
 * label Word shows for it into buf ("2.", "b)", "1.3").  Returns 1 when
 * there is a visible label, 0 for bullets, "none" levels and unknown lists
 * (buf then ""). */
int extract_docx_numbering_label(docx_numbering *nb, int num_id, int ilvl, char *buf,
                         size_t cap);
void extract_docx_numbering_free(docx_numbering *nb);

/* ---- Interface to code in docx_body.c --------------------------------- */

/* Notes referenced from the body, so only those are read, with the number
 * their "[n]" mark got in the body (0 for a custom mark). */
typedef struct docx_ref {
    long id;
    int num;
} docx_ref;

typedef struct docx_refs {
    docx_ref *v;
    size_t n, cap;
} docx_refs;

typedef enum {
    DOCX_STORY_BODY,
    DOCX_STORY_FOOTNOTES,
    DOCX_STORY_ENDNOTES
} docx_story;

/* Walk one story part and append its blocks to d; list items get their
 * labels from nb (counters advance).  For the body, the ids
 * of referenced footnotes and endnotes are added to foot and end; for a
 * notes part, only the notes whose id is in the matching list are read.
 * *legacy_enc receives the legacy encoding used, if any.  Returns TD_OK or
 * an error code with e set (blocks appended so far stay in d). */
int extract_docx_walk(td_doc *d, docx_story story, const char *part,
              const char *data, size_t len, const docx_styles *st,
              docx_numbering *nb, const extract_opts *o, docx_refs *foot, docx_refs *end,
              int *legacy_enc, td_err *e);

void extract_docx_refs_free(docx_refs *r);

/* ---- Interface to code in docx_title.c -------------------------------- */

/* Choose the title among the body blocks of d (see docx_title.c), move it
 * to the front as the one TD_BLOCK_TITLE and point d->title at its text;
 * d->title stays NULL when nothing reads as a title.  core_title (may be
 * NULL) is docProps' dc:title, used only when a paragraph near the top
 * says the same. */
void extract_docx_choose_title(td_doc *d, const char *core_title);

#endif
