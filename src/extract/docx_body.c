/* docx_body.c - walk a WordprocessingML story (body or notes) as a stream.
 *
 * One pass of xmlTextReader over the part: paragraphs become blocks (kind
 * from the paragraph style or numbering), table cells one block each, notes
 * one block each.  Text comes from w:t only, so deletions, field
 * instructions and properties are left out by construction; w:del,
 * w:moveFrom, one branch of each mc:AlternateContent and field
 * instructions are skipped explicitly.  Runs in TCVN3/VNI fonts are decoded
 * here.  Source spans are exact byte offsets found by a tag scanner that
 * follows the reader through the raw part.
 */
#include "extract/docx_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "normalize/normalize.h"

#define KIND_TITLE_OR_H1 (-1)  /* Title style: the first is a title candidate, others h1 */
#define FIELD_MAX 64

/* ---- raw tag scanner: byte offsets of the reader's elements ------------ */

typedef struct rawpos {
    const char *s;
    size_t n, pos;
    int ok;        /* 0 once the scanner lost the reader (UTF-16, surprises) */
} rawpos;

static size_t skip_past(const char *s, size_t n, size_t i, const char *end)
{
    size_t k = strlen(end);
    const char *p = memmem(s + i, n - i, end, k);
    return p ? (size_t)(p - s) + k : n;
}

/* Find the next start (end = 0) or end tag (end = 1) after rp->pos and
 * check that it is qname.  Sets [*a, *b) to the tag's bytes. */
static int raw_tag(rawpos *rp, int end, const char *qname, long *a, long *b)
{
    const char *s = rp->s;
    size_t n = rp->n, i = rp->pos;
    if (!rp->ok)
        return 0;
    for (;;) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            i = skip_past(s, n, i + 4, "-->");
            continue;
        }
        if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
            i = skip_past(s, n, i + 9, "]]>");
            continue;
        }
        if (n - i >= 2 && s[i + 1] == '?') {
            i = skip_past(s, n, i + 2, "?>");
            continue;
        }
        if (n - i >= 2 && s[i + 1] == '!') {   /* DOCTYPE with a subset */
            int br = 0;
            char q = 0;
            for (i += 2; i < n; i++) {
                char c = s[i];
                if (q) {
                    if (c == q)
                        q = 0;
                } else if (c == '"' || c == '\'') {
                    q = c;
                } else if (c == '[') {
                    br++;
                } else if (c == ']') {
                    br--;
                } else if (c == '>' && br <= 0) {
                    i++;
                    break;
                }
            }
            continue;
        }
        int is_end = n - i >= 2 && s[i + 1] == '/';
        if (is_end != end)
            break;
        size_t j = i + 1 + (size_t)is_end, k = strlen(qname);
        if (n - j < k || memcmp(s + j, qname, k) != 0)
            break;
        j += k;
        if (j < n && !(s[j] == '>' || s[j] == '/' || s[j] == ' ' ||
                       s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
            break;
        char q = 0;
        for (; j < n; j++) {
            if (q) {
                if (s[j] == q)
                    q = 0;
            } else if (s[j] == '"' || s[j] == '\'') {
                q = s[j];
            } else if (s[j] == '>') {
                break;
            }
        }
        if (j >= n)
            break;
        *a = (long)i;
        *b = (long)j + 1;
        rp->pos = j + 1;
        return 1;
    }
    rp->ok = 0;
    return 0;
}

/* ---- walker state ------------------------------------------------------ */

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
    rawpos raw;
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

void extract_docx_refs_free(docx_refs *r)
{
    free(r->v);
    memset(r, 0, sizeof *r);
}

/* Record a reference; 0 when the note was already referenced. */
static int refs_add(docx_refs *r, long id, int num)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->v[i].id == id)
            return 0;
    GROW(r->v, r->n, r->cap);
    r->v[r->n].id = id;
    r->v[r->n++].num = num;
    return 1;
}

static int cmp_ref(const void *a, const void *b)
{
    long x = ((const docx_ref *)a)->id, y = ((const docx_ref *)b)->id;
    return (x > y) - (x < y);
}

/* The referenced note with this id (refs sorted), or NULL. */
static const docx_ref *refs_find(const docx_refs *r, long id)
{
    docx_ref key = {id, 0};
    if (!r || !r->n)
        return NULL;
    return bsearch(&key, r->v, r->n, sizeof *r->v, cmp_ref);
}

/* ---- emitting blocks --------------------------------------------------- */

static void add_block(walker *w, int kind, int level, int row, int col,
                      const char *s, size_t n, long a, long b)
{
    if (kind == KIND_TITLE_OR_H1) {
        /* the first Title-styled paragraph; docx_title.c decides */
        kind = TD_BLOCK_TITLE, level = 0;
        for (size_t i = 0; i < w->d->nblocks; i++)
            if (w->d->blocks[i].kind == TD_BLOCK_TITLE)
                kind = TD_BLOCK_HEADING, level = 1;
    }
    td_block *blk = td_doc_add_block(w->d, (td_block_kind)kind, level, s, n, a, b);
    if (blk) {
        blk->part = w->part;
        blk->row = row;
        blk->col = col;
    }
}

/* Blocks inside an open paragraph, cell or note (text boxes, nested
 * tables) wait until it is emitted, so they follow it in the output. */
static void emit(walker *w, int kind, int level, int row, int col,
                 const char *s, size_t n, long a, long b)
{
    if (w->acc > 0) {
        GROW(w->pv, w->npv, w->cap_pv);
        pending *p = &w->pv[w->npv++];
        p->kind = kind, p->level = level, p->row = row, p->col = col;
        p->off = w->ptext.len, p->len = n, p->a = a, p->b = b;
        td_buf_append(&w->ptext, s, n);
        return;
    }
    add_block(w, kind, level, row, col, s, n, a, b);
}

static void flush_pending(walker *w)
{
    if (w->acc > 0)
        return;
    for (size_t i = 0; i < w->npv; i++) {
        pending *p = &w->pv[i];
        add_block(w, p->kind, p->level, p->row, p->col, w->ptext.ptr + p->off,
                  p->len, p->a, p->b);
    }
    w->npv = 0;
    td_buf_clear(&w->ptext);
}

/* ---- text -------------------------------------------------------------- */

static para *top_para(walker *w)
{
    return w->np ? &w->ps[w->np - 1] : NULL;
}

/* The open run of the innermost paragraph, if any. */
static run *top_run(walker *w)
{
    para *p = top_para(w);
    if (!w->nr || !p || w->rs[w->nr - 1].depth < p->depth)
        return NULL;
    return &w->rs[w->nr - 1];
}

static void flush_vni(walker *w, para *p)
{
    if (!p->vni.len)
        return;
    norm_decode_legacy_utf8(NORM_ENC_VNI, p->vni.ptr, p->vni.len, 0, &p->text);
    w->legacy_enc = NORM_ENC_VNI;
    td_buf_clear(&p->vni);
}

/* Text outside the legacy machinery (tabs and breaks without a run, math). */
static void put(walker *w, const char *s, size_t n)
{
    if (w->instr > 0)
        return;
    run *r = top_run(w);
    if (r) {
        td_buf_append(&r->text, s, n);
        return;
    }
    para *p = top_para(w);
    if (p) {
        flush_vni(w, p);
        td_buf_append(&p->text, s, n);
    }
}

/* Text of a w:t: line ends inside it are spaces to Word. */
static void put_text(walker *w, const char *s, size_t n)
{
    if (w->instr > 0)
        return;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '\n' && s[j] != '\r')
            j++;
        put(w, s + i, j - i);
        if (j < n)
            put(w, " ", 1);
        i = j + 1;
    }
}

static void put_codepoint(walker *w, unsigned long c)
{
    char u[4];
    if (c < 0x20 || (c >= 0xD800 && c < 0xE000) || c > 0x10FFFF)
        return;
    put(w, u, td_utf8_encode(c, u));
}

/* The Symbol font's glyphs 0x20-0xFF as Unicode (Adobe Symbol encoding;
 * 0xA0 is the euro in Windows' Symbol).  NULL: bracket pieces and other
 * glyphs with no text meaning. */
static const char *const symbol_font[224] = {
    " ", "!", "∀", "#", "∃", "%", "&", "∋", "(", ")", "∗", "+", ",", "−", ".", "/",
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ":", ";", "<", "=", ">", "?",
    "≅", "Α", "Β", "Χ", "Δ", "Ε", "Φ", "Γ", "Η", "Ι", "ϑ", "Κ", "Λ", "Μ", "Ν", "Ο",
    "Π", "Θ", "Ρ", "Σ", "Τ", "Υ", "ς", "Ω", "Ξ", "Ψ", "Ζ", "[", "∴", "]", "⊥", "_",
    NULL, "α", "β", "χ", "δ", "ε", "φ", "γ", "η", "ι", "ϕ", "κ", "λ", "μ", "ν", "ο",
    "π", "θ", "ρ", "σ", "τ", "υ", "ϖ", "ω", "ξ", "ψ", "ζ", "{", "|", "}", "∼", NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    "€", "ϒ", "′", "≤", "⁄", "∞", "ƒ", "♣", "♦", "♥", "♠", "↔", "←", "↑", "→", "↓",
    "°", "±", "″", "≥", "×", "∝", "∂", "•", "÷", "≠", "≡", "≈", "…", NULL, NULL, "↵",
    "ℵ", "ℑ", "ℜ", "℘", "⊗", "⊕", "∅", "∩", "∪", "⊃", "⊇", "⊄", "⊂", "⊆", "∈", "∉",
    "∠", "∇", "®", "©", "™", "∏", "√", "⋅", "¬", "∧", "∨", "⇔", "⇐", "⇑", "⇒", "⇓",
    "◊", "〈", "®", "©", "™", "∑", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, "〉", "∫", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

/* w:sym: a character in a named font.  In the Symbol font it is a glyph
 * index (mapped above); code points F000-F0FF in other symbol fonts
 * (Wingdings, Webdings) are pictures with no text; otherwise it is a
 * character. */
static void put_sym(walker *w)
{
    char ch[32], font[64];
    if (!extract_docx_xml_attr(&w->x, "char", ch, sizeof ch))
        return;
    extract_docx_xml_attr(&w->x, "font", font, sizeof font);
    unsigned long c = strtoul(ch, NULL, 16);
    if (strcasecmp(font, "Symbol") == 0) {
        if (c >= 0xF000 && c <= 0xF0FF)
            c -= 0xF000;
        if (c >= 0x20 && c <= 0xFF && symbol_font[c - 0x20])
            put(w, symbol_font[c - 0x20], strlen(symbol_font[c - 0x20]));
        return;
    }
    if (c >= 0xF000 && c <= 0xF0FF) {
        if (strstr(font, "Wingdings") || strstr(font, "Webdings"))
            return;
        c -= 0xF000;
    }
    put_codepoint(w, c);
}

static const docx_style *table_style(walker *w)
{
    for (size_t i = w->nc; i > 0; i--)
        if (w->cs[i - 1].type == C_TABLE)
            return w->cs[i - 1].tstyle;
    return NULL;
}

/* A superscript or subscript run of digits and + - = ( ) becomes the
 * Unicode characters ("m²", "CO₂"), as Word shows it; 0 when some character
 * has no such form (the run is then kept as typed). */
static int script_run(run *r, para *p)
{
    static const char *sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    static const char *sub[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
    static const char sym[] = "+-=()";
    static const char *sup_sym[] = {"⁺", "⁻", "⁼", "⁽", "⁾"};
    static const char *sub_sym[] = {"₊", "₋", "₌", "₍", "₎"};
    const char *s = r->text.ptr;
    size_t n = r->text.len;
    if (n > 16)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || strchr(sym, s[i])) || !s[i])
            return 0;
    for (size_t i = 0; i < n; i++) {
        const char *u;
        if (s[i] >= '0' && s[i] <= '9') {
            int k = s[i] - '0';
            u = r->valign == 1 ? sup[k] : sub[k];
        } else {
            size_t k = (size_t)(strchr(sym, s[i]) - sym);
            u = r->valign == 1 ? sup_sym[k] : sub_sym[k];
        }
        td_buf_puts(&p->text, u);
    }
    return 1;
}

/* Decode the finished run r into paragraph p according to its fonts. */
static void end_run(walker *w, run *r, para *p)
{
    const docx_styles *st = w->st;
    if (!r->text.len)
        return;
    if (r->valign) {
        flush_vni(w, p);
        if (script_run(r, p))
            return;
    }
    if (!st->legacy) {
        td_buf_append(&p->text, r->text.ptr, r->text.len);
        return;
    }
    docx_fonts eff = st->defaults;
    const docx_style *ts = table_style(w);
    if (ts)
        extract_docx_style_fonts(st, (docx_style *)ts, &eff);
    extract_docx_style_fonts(st, p->style ? p->style : st->default_para, &eff);
    if (r->cstyle)
        extract_docx_style_fonts(st, r->cstyle, &eff);
    extract_docx_fonts_merge(&eff, &r->direct);
    /* hAnsi covers U+00A0-U+00FF, where legacy letters arrive; ascii says
     * whether ASCII letters are drawn by an all-capitals "H" font */
    docx_font hi = eff.f[r->cs ? DOCX_F_CS : DOCX_F_HANSI];
    docx_font lo = eff.f[r->cs ? DOCX_F_CS : DOCX_F_ASCII];
    if (hi.set && hi.enc == NORM_ENC_VNI) {
        /* a VNI letter may be split over two runs (base, then mark) */
        td_buf_append(&p->vni, r->text.ptr, r->text.len);
        return;
    }
    flush_vni(w, p);
    if (!hi.set || hi.enc != NORM_ENC_TCVN3) {
        td_buf_append(&p->text, r->text.ptr, r->text.len);
        return;
    }
    w->legacy_enc = NORM_ENC_TCVN3;
    int h_lo = lo.set && lo.enc == NORM_ENC_TCVN3 && lo.h;
    if (h_lo == hi.h) {
        norm_decode_legacy_utf8(NORM_ENC_TCVN3, r->text.ptr, r->text.len, hi.h,
                                &p->text);
        return;
    }
    /* ASCII and the rest are in fonts of different case: decode apart */
    const char *s = r->text.ptr;
    size_t n = r->text.len, i = 0;
    while (i < n) {
        int ascii = (unsigned char)s[i] < 0x80;
        size_t j = i;
        while (j < n && ((unsigned char)s[j] < 0x80) == ascii)
            j++;
        norm_decode_legacy_utf8(NORM_ENC_TCVN3, s + i, j - i,
                                ascii ? h_lo : hi.h, &p->text);
        i = j;
    }
}

/* ---- element handlers -------------------------------------------------- */

static int attr_int(walker *w, const char *name, int def)
{
    char buf[32];
    if (!extract_docx_xml_attr(&w->x, name, buf, sizeof buf))
        return def;
    return atoi(buf);
}

static cont *push_cont(walker *w, int type, int depth)
{
    GROW(w->cs, w->nc, w->cap_c);
    cont *c = &w->cs[w->nc++];
    td_buf_clear(&c->text);
    c->type = type, c->depth = depth;
    c->src_start = -1, c->row = c->col = 0, c->span = 1;
    c->tstyle = NULL;
    return c;
}

static cont *top_cont(walker *w, int type)
{
    if (!w->nc || w->cs[w->nc - 1].type != type)
        return NULL;
    return &w->cs[w->nc - 1];
}

/* Does every namespace a mc:Choice requires belong to what we read? */
static int choice_ok(walker *w)
{
    char req[256];
    if (!extract_docx_xml_attr_any(&w->x, "Requires", req, sizeof req))
        return 0;
    char *save = NULL;
    for (char *tok = strtok_r(req, " \t\r\n", &save); tok;
         tok = strtok_r(NULL, " \t\r\n", &save)) {
        xmlChar *uri = xmlTextReaderLookupNamespace(w->x.r, (const xmlChar *)tok);
        int ok = extract_docx_ns_understood(uri);
        xmlFree(uri);
        if (!ok)
            return 0;
    }
    return 1;
}

static void start_ppr_child(walker *w, const char *ln, int depth, int empty)
{
    para *p = top_para(w);
    char buf[256];
    if (strcmp(ln, "rPr") == 0 || strcmp(ln, "pPrChange") == 0 ||
        strcmp(ln, "sectPr") == 0) {
        if (!empty)
            w->skip = depth;
    } else if (strcmp(ln, "pStyle") == 0) {
        if (extract_docx_xml_attr(&w->x, "val", buf, sizeof buf)) {
            p->style = extract_docx_style_find(w->st, buf);
            if (!p->style)   /* no styles part, or the id is missing there */
                p->id_heading = extract_docx_heading_of(buf);
        }
    } else if (strcmp(ln, "numPr") == 0) {
        p->has_numpr = 1;
    } else if (strcmp(ln, "numId") == 0) {
        p->num_id = attr_int(w, "val", 0);
    } else if (strcmp(ln, "ilvl") == 0) {
        p->ilvl = attr_int(w, "val", 0);
    } else if (strcmp(ln, "outlineLvl") == 0) {
        p->outline = attr_int(w, "val", -1);
    } else if (strcmp(ln, "framePr") == 0) {
        if (extract_docx_xml_attr(&w->x, "dropCap", buf, sizeof buf) &&
            (strcmp(buf, "drop") == 0 || strcmp(buf, "margin") == 0))
            p->dropcap = 1;
    }
}

static void start_rpr_child(walker *w, const char *ln, int depth, int empty)
{
    run *r = &w->rs[w->nr - 1];
    char buf[256];
    if (strcmp(ln, "rPrChange") == 0) {
        if (!empty)
            w->skip = depth;
    } else if (strcmp(ln, "vertAlign") == 0) {
        extract_docx_xml_attr(&w->x, "val", buf, sizeof buf);
        r->valign = strcmp(buf, "superscript") == 0 ? 1 : strcmp(buf, "subscript") == 0 ? 2 : 0;
    } else if (!w->st->legacy) {
        return;   /* fonts only matter for legacy decoding */
    } else if (strcmp(ln, "rStyle") == 0) {
        if (extract_docx_xml_attr(&w->x, "val", buf, sizeof buf))
            r->cstyle = extract_docx_style_find(w->st, buf);
    } else if (strcmp(ln, "rFonts") == 0) {
        extract_docx_rfonts(w->st, &w->x, &r->direct);
    } else if (strcmp(ln, "cs") == 0 || strcmp(ln, "rtl") == 0) {
        extract_docx_xml_attr(&w->x, "val", buf, sizeof buf);
        if (extract_docx_onoff(buf, 1))
            r->cs = 1;
    }
}

static void start_w(walker *w, const char *ln, int depth, int empty, long a)
{
    if (w->ppr >= 0) {
        start_ppr_child(w, ln, depth, empty);
        return;
    }
    if (w->rpr >= 0) {
        start_rpr_child(w, ln, depth, empty);
        return;
    }
    char buf[64];
    switch (ln[0]) {
    case 'b':
        if (strcmp(ln, "br") == 0)
            put(w, "\n", 1);
        return;
    case 'c':
        if (strcmp(ln, "cr") == 0)
            put(w, "\n", 1);
        else if (strcmp(ln, "customXmlPr") == 0 && !empty)
            w->skip = depth;
        return;
    case 'd':
        if ((strcmp(ln, "del") == 0 || strcmp(ln, "delText") == 0 ||
             strcmp(ln, "delInstrText") == 0) && !empty)
            w->skip = depth;
        return;
    case 'e':
    case 'f':
        if (strcmp(ln, "fldChar") == 0) {
            extract_docx_xml_attr(&w->x, "fldCharType", buf, sizeof buf);
            if (strcmp(buf, "begin") == 0) {
                if (w->nfld < FIELD_MAX)
                    w->fld[w->nfld++] = 1;
                else
                    w->fld_over++;
                w->instr++;
            } else if (strcmp(buf, "separate") == 0) {
                if (!w->fld_over && w->nfld && w->fld[w->nfld - 1]) {
                    w->fld[w->nfld - 1] = 0;
                    w->instr--;
                }
            } else if (strcmp(buf, "end") == 0) {
                if (w->fld_over) {
                    w->fld_over--;
                    w->instr--;
                } else if (w->nfld && w->fld[--w->nfld]) {
                    w->instr--;
                }
            }
        } else if (strcmp(ln, "footnoteReference") == 0 ||
                   strcmp(ln, "endnoteReference") == 0) {
            /* the mark Word shows as a superscript number becomes "[n]",
             * one sequence for footnotes and endnotes, as pandoc writes */
            docx_refs *r = ln[0] == 'f' ? w->foot : w->end;
            int custom = extract_docx_onoff(buf, extract_docx_xml_attr(&w->x, "customMarkFollows",
                                                                  buf, sizeof buf));
            if (r && extract_docx_xml_attr(&w->x, "id", buf, sizeof buf) && w->instr == 0 &&
                refs_add(r, atol(buf), custom ? 0 : w->note_seq + 1) && !custom) {
                char mark[24];
                int k = snprintf(mark, sizeof mark, "[%d]", ++w->note_seq);
                put(w, mark, (size_t)k);
            }
        } else if ((strcmp(ln, "footnote") == 0 || strcmp(ln, "endnote") == 0) &&
                   w->story != DOCX_STORY_BODY) {
            extract_docx_xml_attr(&w->x, "type", buf, sizeof buf);
            int normal = !buf[0] || strcmp(buf, "normal") == 0;
            int id = attr_int(w, "id", -1);
            const docx_ref *ref = normal ? refs_find(w->want, id) : NULL;
            if (!ref) {
                if (!empty)
                    w->skip = depth;
                return;
            }
            cont *c = push_cont(w, C_NOTE, depth);
            c->src_start = a;
            c->row = ref->num;   /* the note's number, 0 = none */
            w->acc++;
        } else if ((strcmp(ln, "footnotePr") == 0 || strcmp(ln, "endnotePr") == 0) &&
                   !empty) {
            w->skip = depth;
        }
        return;
    case 'g':
        if (strcmp(ln, "gridBefore") == 0) {
            cont *t = top_cont(w, C_TABLE);
            if (t) {
                /* clamped like gridSpan: a hostile value must not overflow
                 * the column count the cells add to */
                t->col = attr_int(w, "val", 0);
                if (t->col < 0 || t->col > 1000)
                    t->col = 0;
            }
        } else if (strcmp(ln, "gridSpan") == 0) {
            cont *c = top_cont(w, C_CELL);
            if (c) {
                c->span = attr_int(w, "val", 1);
                if (c->span < 1 || c->span > 1000)
                    c->span = 1;
            }
        }
        return;
    case 'i':
        if (strcmp(ln, "instrText") == 0 && !empty)
            w->skip = depth;
        return;
    case 'm':
        if (strcmp(ln, "moveFrom") == 0 && !empty)
            w->skip = depth;
        return;
    case 'n':
        if (strcmp(ln, "noBreakHyphen") == 0)
            put(w, "-", 1);
        return;
    case 'p':
        if (strcmp(ln, "p") == 0) {
            GROW(w->ps, w->np, w->cap_p);
            para *p = &w->ps[w->np++];
            td_buf_clear(&p->text);
            td_buf_clear(&p->vni);
            p->depth = depth, p->src_start = a;
            p->style = NULL, p->has_numpr = 0, p->num_id = 0, p->ilvl = 0;
            p->outline = -1;
            p->dropcap = 0;
            p->id_heading = 0;
            if (w->dropcap.len) {
                td_buf_append(&p->text, w->dropcap.ptr, w->dropcap.len);
                td_buf_clear(&w->dropcap);
            }
            w->acc++;
        } else if (strcmp(ln, "pPr") == 0) {
            para *p = top_para(w);
            if (p && depth == p->depth + 1 && !empty)
                w->ppr = depth;
            else if (!empty)
                w->skip = depth;
        } else if (strcmp(ln, "ptab") == 0) {
            put(w, "\t", 1);
        }
        return;
    case 'r':
        if (strcmp(ln, "r") == 0) {
            GROW(w->rs, w->nr, w->cap_r);
            run *r = &w->rs[w->nr++];
            td_buf_clear(&r->text);
            r->depth = depth, r->cstyle = NULL, r->cs = 0, r->valign = 0;
            memset(&r->direct, 0, sizeof r->direct);
        } else if (strcmp(ln, "rPr") == 0) {
            if (w->nr && w->rs[w->nr - 1].depth == depth - 1 && !empty)
                w->rpr = depth;
            else if (!empty)
                w->skip = depth;
        } else if (strcmp(ln, "rubyPr") == 0 && !empty) {
            w->skip = depth;
        }
        return;
    case 's':
        if (strcmp(ln, "sym") == 0)
            put_sym(w);
        else if (strcmp(ln, "softHyphen") == 0)
            /* U+00AD: invisible in Unicode text (folding drops it), and
             * byte 0xAD = "ư" when the run is in a TCVN3 font */
            put(w, "\xC2\xAD", 2);
        else if ((strcmp(ln, "sdtPr") == 0 || strcmp(ln, "sdtEndPr") == 0 ||
                  strcmp(ln, "sectPr") == 0 || strcmp(ln, "smartTagPr") == 0) &&
                 !empty)
            w->skip = depth;
        return;
    case 't':
        if (strcmp(ln, "t") == 0) {
            if (!empty)
                w->in_t = depth;
        } else if (strcmp(ln, "tab") == 0) {
            put(w, "\t", 1);
        } else if (strcmp(ln, "tbl") == 0) {
            cont *t = push_cont(w, C_TABLE, depth);
            t->row = -1;
        } else if (strcmp(ln, "tr") == 0) {
            cont *t = top_cont(w, C_TABLE);
            if (t)
                t->row++, t->col = 0;
        } else if (strcmp(ln, "tc") == 0) {
            cont *t = top_cont(w, C_TABLE);
            int row = t ? (t->row < 0 ? 0 : t->row) : 0, col = t ? t->col : 0;
            cont *c = push_cont(w, C_CELL, depth);
            c->row = row, c->col = col, c->src_start = a;
            w->acc++;
            if (empty) {   /* an empty cell still takes its column */
                w->acc--;
                w->nc--;
                if (t)
                    t->col++;
            }
        } else if (strcmp(ln, "tblStyle") == 0) {
            cont *t = top_cont(w, C_TABLE);
            if (t && extract_docx_xml_attr(&w->x, "val", buf, sizeof buf))
                t->tstyle = extract_docx_style_find(w->st, buf);
        } else if (strcmp(ln, "txbxContent") == 0 && !empty) {
            push_cont(w, C_TXBX, depth);
        } else if ((strcmp(ln, "tblGrid") == 0 || strcmp(ln, "tblPrChange") == 0 ||
                    strcmp(ln, "tblPrEx") == 0 || strcmp(ln, "tcPrChange") == 0 ||
                    strcmp(ln, "trPrChange") == 0) && !empty) {
            w->skip = depth;
        }
        return;
    default:
        return;
    }
}

/* Where a finished paragraph's text goes: into the enclosing cell or note,
 * or out as a block of its own. */
static void end_para(walker *w, long b)
{
    para *p = &w->ps[w->np - 1];
    flush_vni(w, p);
    const docx_styles *st = w->st;
    docx_style *ps = p->style ? p->style : st->default_para;
    int kind = TD_BLOCK_PARA, level = 0;
    int h = p->outline >= 0 && p->outline <= 9 ? (p->outline < 9 ? p->outline + 1 : 0)
          : p->id_heading ? p->id_heading : extract_docx_style_heading(st, ps);
    if (h == 10) {
        kind = KIND_TITLE_OR_H1;
    } else if (h > 0) {
        kind = TD_BLOCK_HEADING, level = h;
    } else {
        kind = TD_BLOCK_PARA;
    }
    int ilvl = p->ilvl, num = 0;
    if (p->has_numpr)
        num = p->num_id;
    else
        num = extract_docx_style_numbering(st, ps, &ilvl);
    const char *text = p->text.ptr ? p->text.ptr : "";
    size_t tlen = p->text.len;
    if (num > 0) {
        /* numbered headings count too, but only list items show a label,
         * as pandoc does */
        char label[128];
        int has = w->nb && extract_docx_numbering_label(w->nb, num, ilvl, label, sizeof label);
        if (kind == TD_BLOCK_PARA) {
            kind = TD_BLOCK_LIST_ITEM;
            level = ilvl < 0 ? 0 : ilvl > 8 ? 8 : ilvl;
            if (has && tlen) {
                td_buf_clear(&w->scratch);
                td_buf_puts(&w->scratch, label);
                td_buf_putc(&w->scratch, ' ');
                td_buf_append(&w->scratch, text, tlen);
                text = w->scratch.ptr, tlen = w->scratch.len;
            }
        }
    }
    if (p->dropcap) {
        /* the big first letter is a paragraph of its own in a frame */
        td_buf_clear(&w->dropcap);
        td_buf_append(&w->dropcap, text, tlen);
        w->np--;
        w->acc--;
        flush_pending(w);
        return;
    }
    w->np--;
    w->acc--;
    cont *c = w->nc ? &w->cs[w->nc - 1] : NULL;
    if (c && (c->type == C_CELL || c->type == C_NOTE)) {
        if (tlen) {
            if (c->text.len)
                td_buf_putc(&c->text, '\n');
            td_buf_append(&c->text, text, tlen);
        }
    } else {
        emit(w, kind, level, -1, -1, text, tlen, p->src_start, b);
    }
    flush_pending(w);
}

static void end_w(walker *w, const char *ln, int depth, long b)
{
    if (w->ppr == depth && strcmp(ln, "pPr") == 0) {
        w->ppr = -1;
        return;
    }
    if (w->rpr == depth && strcmp(ln, "rPr") == 0) {
        w->rpr = -1;
        return;
    }
    if (w->in_t == depth) {
        w->in_t = -1;
        return;
    }
    if (strcmp(ln, "r") == 0) {
        if (w->nr && w->rs[w->nr - 1].depth == depth) {
            run *r = &w->rs[w->nr - 1];
            para *p = top_para(w);
            if (p && p->depth < r->depth)
                end_run(w, r, p);
            w->nr--;
        }
    } else if (strcmp(ln, "p") == 0) {
        if (w->np && w->ps[w->np - 1].depth == depth)
            end_para(w, b);
    } else if (strcmp(ln, "tc") == 0 || strcmp(ln, "footnote") == 0 ||
               strcmp(ln, "endnote") == 0) {
        if (!w->nc || w->cs[w->nc - 1].depth != depth)
            return;
        cont *c = &w->cs[--w->nc];
        w->acc--;
        if (c->type == C_CELL) {
            cont *t = top_cont(w, C_TABLE);
            if (t && t->col < 100000)
                t->col += c->span;
            emit(w, TD_BLOCK_TABLE_CELL, 0, c->row, c->col,
                 c->text.ptr ? c->text.ptr : "", c->text.len, c->src_start, b);
        } else if (c->text.len) {
            td_buf_clear(&w->scratch);
            if (c->row > 0)
                td_buf_printf(&w->scratch, "[%d] ", c->row);
            size_t k = 0;   /* the note text usually starts with a space */
            while (k < c->text.len && (c->text.ptr[k] == ' ' || c->text.ptr[k] == '\t'))
                k++;
            td_buf_append(&w->scratch, c->text.ptr + k, c->text.len - k);
            emit(w, TD_BLOCK_NOTE, 0, -1, -1, w->scratch.ptr, w->scratch.len,
                 c->src_start, b);
        }
        flush_pending(w);
    } else if (strcmp(ln, "tbl") == 0 || strcmp(ln, "txbxContent") == 0) {
        if (w->nc && w->cs[w->nc - 1].depth == depth)
            w->nc--;
    }
}

static void start_mc(walker *w, const char *ln, int depth, int empty)
{
    if (strcmp(ln, "AlternateContent") == 0) {
        if (empty)
            return;
        if (w->nmc < (int)(sizeof w->mc / sizeof w->mc[0])) {
            w->mc[w->nmc].depth = depth;
            w->mc[w->nmc++].chosen = 0;
        } else {
            w->skip = depth;   /* absurd nesting: read none of it */
        }
        return;
    }
    int in_ac = w->nmc && w->mc[w->nmc - 1].depth == depth - 1;
    if (!in_ac) {
        if (!empty)
            w->skip = depth;
        return;
    }
    int *chosen = &w->mc[w->nmc - 1].chosen;
    int take = 0;
    if (strcmp(ln, "Choice") == 0)
        take = !*chosen && choice_ok(w);
    else if (strcmp(ln, "Fallback") == 0)
        take = !*chosen;
    if (take)
        *chosen = 1;
    else if (!empty)
        w->skip = depth;
}

static int walk(walker *w, td_err *e)
{
    int rc;
    while ((rc = extract_docx_xml_next(&w->x, e)) == 1) {
        xmlTextReaderPtr r = w->x.r;
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT) {
            int depth = xmlTextReaderDepth(r);
            int start = type == XML_READER_TYPE_ELEMENT;
            int empty = start && xmlTextReaderIsEmptyElement(r);
            long a = -1, b = -1;
            if (!raw_tag(&w->raw, !start, (const char *)xmlTextReaderConstName(r), &a, &b))
                a = b = -1;
            if (w->skip >= 0) {
                if (!start && depth == w->skip)
                    w->skip = -1;
                continue;
            }
            docx_ns ns = extract_docx_xml_ns(&w->x);
            const char *ln = (const char *)xmlTextReaderConstLocalName(r);
            if (start) {
                if (ns == DOCX_NS_W)
                    start_w(w, ln, depth, empty, a);
                else if (ns == DOCX_NS_MC)
                    start_mc(w, ln, depth, empty);
                else if (ns == DOCX_NS_M && strcmp(ln, "t") == 0 && !empty)
                    w->in_t = depth;
                if (empty) {
                    if (w->skip == depth)
                        w->skip = -1;
                    else if (ns == DOCX_NS_W)
                        end_w(w, ln, depth, b);
                }
            } else if (ns == DOCX_NS_W) {
                end_w(w, ln, depth, b);
            } else if (ns == DOCX_NS_MC) {
                if (w->nmc && w->mc[w->nmc - 1].depth == depth)
                    w->nmc--;
            } else if (w->in_t == depth) {
                w->in_t = -1;
            }
        } else if (w->skip < 0 && w->in_t >= 0 &&
                   (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    type == XML_READER_TYPE_WHITESPACE)) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v)
                put_text(w, v, strlen(v));
        }
    }
    return rc < 0 ? -rc : TD_OK;
}

int extract_docx_walk(td_doc *d, docx_story story, const char *part,
              const char *data, size_t len, const docx_styles *st,
              docx_numbering *nb, const extract_opts *o, docx_refs *foot, docx_refs *end,
              int *legacy_enc, td_err *e)
{
    walker w;
    memset(&w, 0, sizeof w);
    w.d = d;
    w.st = st;
    w.nb = nb;
    w.story = story;
    w.part = td_doc_strdup(d, part);
    w.raw.s = data, w.raw.n = len, w.raw.ok = 1;
    w.skip = w.in_t = w.ppr = w.rpr = -1;
    if (story == DOCX_STORY_BODY) {
        w.foot = foot;
        w.end = end;
    } else {
        docx_refs *want = story == DOCX_STORY_FOOTNOTES ? foot : end;
        if (want && want->n)
            qsort(want->v, want->n, sizeof *want->v, cmp_ref);
        w.want = want;
    }
    int rc = extract_docx_xml_open(&w.x, data, len, part, o->max_depth, e);
    if (rc == TD_OK)
        rc = walk(&w, e);
    extract_docx_xml_close(&w.x);
    if (rc == TD_OK) {
        w.acc = 0;   /* a truncated story: keep what is pending */
        flush_pending(&w);
    }
    if (w.legacy_enc && legacy_enc)
        *legacy_enc = w.legacy_enc;
    for (size_t i = 0; i < w.cap_p; i++) {
        td_buf_free(&w.ps[i].text);
        td_buf_free(&w.ps[i].vni);
    }
    for (size_t i = 0; i < w.cap_r; i++)
        td_buf_free(&w.rs[i].text);
    for (size_t i = 0; i < w.cap_c; i++)
        td_buf_free(&w.cs[i].text);
    free(w.ps);
    free(w.rs);
    free(w.cs);
    free(w.pv);
    td_buf_free(&w.ptext);
    td_buf_free(&w.scratch);
    td_buf_free(&w.dropcap);
    return rc;
}
