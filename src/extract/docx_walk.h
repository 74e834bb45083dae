/* docx_walk.h - the state of the story walk, shared by docx_body.c (the
 * element handlers and the walk) and docx_text.c (runs, text and the blocks
 * they make).  Nothing else includes it.
 */
#ifndef DOCX_WALK_H
#define DOCX_WALK_H

#include "extract/docx_int.h"

#define KIND_TITLE_OR_H1 (-1)  /* Title style: the first is a title candidate, others h1 */
#define FIELD_MAX 64

typedef struct para {
    td_buf text;           /* decoded text so far (buffer reused) */
    td_buf vni;            /* raw text of adjacent VNI runs, decoded as one */
    int depth;
    long src_start;
    docx_style *style;     /* w:pStyle, NULL = default paragraph style */
    int has_numpr, num_id, ilvl;
    int outline;           /* direct w:outlineLvl, -1 when not set */
    int dropcap;           /* w:framePr w:dropCap: joins the next paragraph */
    int id_heading;        /* heading level implied by an unknown pStyle id */
} para;

typedef struct run {
    td_buf text;           /* raw text of the run (buffer reused) */
    int depth;
    docx_style *cstyle;    /* w:rStyle */
    docx_fonts direct;     /* w:rPr/w:rFonts */
    int cs;                /* w:cs or w:rtl: the cs font covers everything */
    int valign;            /* w:vertAlign: 1 superscript, 2 subscript */
} run;

enum { C_TABLE, C_CELL, C_NOTE, C_TXBX };

typedef struct cont {
    int type, depth;
    td_buf text;           /* CELL, NOTE: paragraphs joined by '\n' */
    long src_start;
    int row, col, span;    /* TABLE: current row and column; CELL: its own;
                            * NOTE: row is the note's number */
    docx_style *tstyle;    /* TABLE: w:tblStyle */
} cont;

typedef struct pending {   /* a block waiting for its enclosing block */
    int kind, level, row, col;
    size_t off, len;       /* in walker.ptext */
    long a, b;
} pending;

typedef struct walker {
    td_doc *d;
    const docx_styles *st;
    docx_numbering *nb;
    docx_xml x;
    docx_rawpos raw;
    docx_story story;
    const char *part;      /* in the document's arena */
    para *ps;
    size_t np, cap_p;
    run *rs;
    size_t nr, cap_r;
    cont *cs;
    size_t nc, cap_c;
    int acc;               /* open paragraphs, cells and notes */
    int skip;              /* depth of the subtree being skipped, -1 none */
    int in_t;              /* depth of the open w:t / m:t, -1 none */
    int ppr, rpr;          /* depth of the open pPr / run rPr, -1 none */
    unsigned char fld[FIELD_MAX];   /* per open field: 1 = in its instruction */
    int nfld, fld_over, instr;
    struct {
        int depth, chosen;
    } mc[32];
    int nmc;
    td_buf ptext;
    td_buf scratch;        /* label + paragraph text */
    td_buf dropcap;        /* a drop-cap letter waiting for its paragraph */
    pending *pv;
    size_t npv, cap_pv;
    docx_refs *foot, *end;
    const docx_refs *want; /* notes story: the referenced ids */
    int note_seq;          /* body: note marks written so far */
    int legacy_enc;
} walker;

#define GROW(v, n, cap)                                              \
    do {                                                             \
        if ((n) == (cap)) {                                          \
            size_t old_ = (cap);                                     \
            (cap) = (cap) ? (cap) * 2 : 16;                          \
            (v) = td_xrealloc((v), (cap) * sizeof *(v));             \
            memset((v) + old_, 0, ((cap) - old_) * sizeof *(v));     \
        }                                                            \
    } while (0)

/* ---- interface to code in docx_text.c --------------------------------- */

/* Append a block, or keep it while a paragraph, cell or note is open (text
 * boxes, nested tables), so that it follows the enclosing block. */
void extract_docx_emit(walker *w, int kind, int level, int row, int col,
                       const char *s, size_t n, long a, long b);
/* Append the kept blocks once nothing is open. */
void extract_docx_flush_pending(walker *w);

/* The innermost open paragraph, or NULL. */
para *extract_docx_top_para(walker *w);

/* Text outside the legacy machinery (tabs and breaks without a run, math). */
void extract_docx_put(walker *w, const char *s, size_t n);
/* Text of a w:t: line ends inside it are spaces to Word. */
void extract_docx_put_text(walker *w, const char *s, size_t n);
/* w:sym at the reader's position. */
void extract_docx_put_sym(walker *w);

/* Decode the finished run r into paragraph p according to its fonts. */
void extract_docx_end_run(walker *w, run *r, para *p);
/* Close the innermost paragraph, ending at byte b: its text goes into the
 * enclosing cell or note, or out as a block of its own. */
void extract_docx_end_para(walker *w, long b);

/* ---- end of interface to code in docx_text.c -------------------------- */

#endif
