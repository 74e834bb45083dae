/* docx_text.c - the text of a story and the blocks it makes: runs decoded
 * by their fonts (TCVN3 and VNI, the Symbol font, superscript digits),
 * paragraphs labelled by their numbering and given their kind, and blocks
 * held back while an enclosing paragraph, cell or note is open.  The
 * element handlers that drive it are in docx_body.c.
 */
#include "extract/docx_walk.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "normalize/normalize.h"

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
void extract_docx_emit(walker *w, int kind, int level, int row, int col,
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

void extract_docx_flush_pending(walker *w)
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

para *extract_docx_top_para(walker *w)
{
    return w->np ? &w->ps[w->np - 1] : NULL;
}

/* The open run of the innermost paragraph, if any. */
static run *top_run(walker *w)
{
    para *p = extract_docx_top_para(w);
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
void extract_docx_put(walker *w, const char *s, size_t n)
{
    if (w->instr > 0)
        return;
    run *r = top_run(w);
    if (r) {
        td_buf_append(&r->text, s, n);
        return;
    }
    para *p = extract_docx_top_para(w);
    if (p) {
        flush_vni(w, p);
        td_buf_append(&p->text, s, n);
    }
}

/* Text of a w:t: line ends inside it are spaces to Word. */
void extract_docx_put_text(walker *w, const char *s, size_t n)
{
    if (w->instr > 0)
        return;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '\n' && s[j] != '\r')
            j++;
        extract_docx_put(w, s + i, j - i);
        if (j < n)
            extract_docx_put(w, " ", 1);
        i = j + 1;
    }
}

static void put_codepoint(walker *w, unsigned long c)
{
    char u[4];
    if (c < 0x20 || (c >= 0xD800 && c < 0xE000) || c > 0x10FFFF)
        return;
    extract_docx_put(w, u, td_utf8_encode(c, u));
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
void extract_docx_put_sym(walker *w)
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
            extract_docx_put(w, symbol_font[c - 0x20], strlen(symbol_font[c - 0x20]));
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
void extract_docx_end_run(walker *w, run *r, para *p)
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

/* Where a finished paragraph's text goes: into the enclosing cell or note,
 * or out as a block of its own. */
void extract_docx_end_para(walker *w, long b)
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
        extract_docx_flush_pending(w);
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
        extract_docx_emit(w, kind, level, -1, -1, text, tlen, p->src_start, b);
    }
    extract_docx_flush_pending(w);
}
