/* docx_num.c - list numbering of a DOCX file (word/numbering.xml).
 *
 * Turns a paragraph's numId/ilvl into the label Word shows ("3.", "b)",
 * "II.", "1.2."), keeping counters per abstract list in document order the
 * way Word does: deeper levels restart when a shallower item appears, and a
 * w:num with a startOverride restarts its levels on first use.  Bullets
 * and unnumbered levels have no label.
 */
#include "extract/docx_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A list start as Word allows it (0..32767); hostile values would make
 * the counters overflow. */
static int clamp_start(int v)
{
    return v < 0 ? 0 : v > 32767 ? 32767 : v;
}

static int find_abs(const docx_numbering *nb, int id)
{
    for (size_t i = 0; i < nb->na; i++)
        if (nb->a[i].id == id)
            return (int)i;
    return -1;
}

static docx_num_def *find_num(const docx_numbering *nb, int id)
{
    for (size_t i = 0; i < nb->nn; i++)
        if (nb->n[i].id == id)
            return &nb->n[i];
    return NULL;
}

static char fmt_code(const char *v)
{
    if (strcmp(v, "decimal") == 0) return 'd';
    if (strcmp(v, "decimalZero") == 0) return 'z';
    if (strcmp(v, "lowerLetter") == 0) return 'a';
    if (strcmp(v, "upperLetter") == 0) return 'A';
    if (strcmp(v, "lowerRoman") == 0) return 'i';
    if (strcmp(v, "upperRoman") == 0) return 'I';
    if (strcmp(v, "bullet") == 0) return 'b';
    if (strcmp(v, "none") == 0) return 'n';
    return 'd';   /* ordinal, cardinalText, East Asian counting: digits */
}

static void lvl_default(docx_lvl *l)
{
    l->start = 0;
    l->fmt = 'd';
    l->text[0] = '\0';
    l->defined = 0;
}

void extract_docx_numbering_load(docx_numbering *nb, const char *data, size_t len,
                         const extract_opts *o)
{
    memset(nb, 0, sizeof *nb);
    if (!data)
        return;
    docx_xml x;
    td_err e;
    if (extract_docx_xml_open(&x, data, len, "numbering", o->max_depth, &e) != TD_OK)
        return;
    docx_lvl *lvl = NULL;        /* the w:lvl being read */
    long cur_abs = -1, cur_num = -1;
    int ovr = -1;                /* ilvl of the open w:lvlOverride */
    char buf[128];
    while (extract_docx_xml_next(&x, &e) == 1) {
        int type = xmlTextReaderNodeType(x.r);
        if (extract_docx_xml_ns(&x) != DOCX_NS_W)
            continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(x.r);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (strcmp(ln, "abstractNum") == 0)
                cur_abs = -1;
            else if (strcmp(ln, "num") == 0)
                cur_num = -1;
            else if (strcmp(ln, "lvl") == 0)
                lvl = NULL;
            else if (strcmp(ln, "lvlOverride") == 0)
                ovr = -1;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT)
            continue;
        int empty = xmlTextReaderIsEmptyElement(x.r);
        if (strcmp(ln, "abstractNum") == 0) {
            if (nb->na == nb->cap_a) {
                nb->cap_a = nb->cap_a ? nb->cap_a * 2 : 16;
                nb->a = td_xrealloc(nb->a, nb->cap_a * sizeof *nb->a);
            }
            docx_abs_num *a = &nb->a[nb->na];
            memset(a, 0, sizeof *a);
            extract_docx_xml_attr(&x, "abstractNumId", buf, sizeof buf);
            a->id = atoi(buf);
            for (int i = 0; i < 9; i++)
                lvl_default(&a->lvl[i]);
            cur_abs = empty ? -1 : (long)nb->na;
            nb->na++;
        } else if (strcmp(ln, "num") == 0) {
            if (nb->nn == nb->cap_n) {
                nb->cap_n = nb->cap_n ? nb->cap_n * 2 : 16;
                nb->n = td_xrealloc(nb->n, nb->cap_n * sizeof *nb->n);
            }
            docx_num_def *n = &nb->n[nb->nn];
            memset(n, 0, sizeof *n);
            extract_docx_xml_attr(&x, "numId", buf, sizeof buf);
            n->id = atoi(buf);
            n->abs_id = -1;
            for (int i = 0; i < 9; i++) {
                n->start_over[i] = -1;
                lvl_default(&n->lvl[i]);
            }
            cur_num = empty ? -1 : (long)nb->nn;
            nb->nn++;
        } else if (strcmp(ln, "abstractNumId") == 0 && cur_num >= 0) {
            extract_docx_xml_attr(&x, "val", buf, sizeof buf);
            nb->n[cur_num].abs_id = atoi(buf);
        } else if (strcmp(ln, "lvlOverride") == 0 && cur_num >= 0) {
            extract_docx_xml_attr(&x, "ilvl", buf, sizeof buf);
            ovr = atoi(buf);
            if (ovr < 0 || ovr > 8 || empty)
                ovr = -1;
        } else if (strcmp(ln, "startOverride") == 0 && cur_num >= 0 && ovr >= 0) {
            extract_docx_xml_attr(&x, "val", buf, sizeof buf);
            nb->n[cur_num].start_over[ovr] = clamp_start(atoi(buf));
        } else if (strcmp(ln, "lvl") == 0) {
            extract_docx_xml_attr(&x, "ilvl", buf, sizeof buf);
            int i = atoi(buf);
            lvl = NULL;
            if (i >= 0 && i <= 8 && !empty) {
                if (cur_abs >= 0)
                    lvl = &nb->a[cur_abs].lvl[i];
                else if (cur_num >= 0 && ovr >= 0)
                    lvl = &nb->n[cur_num].lvl[i];
            }
            if (lvl)
                lvl->defined = 1;
        } else if (lvl && strcmp(ln, "start") == 0) {
            extract_docx_xml_attr(&x, "val", buf, sizeof buf);
            lvl->start = clamp_start(atoi(buf));
        } else if (lvl && strcmp(ln, "numFmt") == 0) {
            extract_docx_xml_attr(&x, "val", buf, sizeof buf);
            /* "custom" sits in an mc:Choice; its mc:Fallback has the plain
             * format, which is what is kept */
            if (strcmp(buf, "custom") != 0)
                lvl->fmt = fmt_code(buf);
        } else if (lvl && strcmp(ln, "lvlText") == 0) {
            extract_docx_xml_attr(&x, "val", lvl->text, sizeof lvl->text);
        }
    }
    extract_docx_xml_close(&x);
}

void extract_docx_numbering_free(docx_numbering *nb)
{
    free(nb->a);
    free(nb->n);
    memset(nb, 0, sizeof *nb);
}

static void roman(int v, int upper, char *out, size_t cap)
{
    static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *sym[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix",
                                "v", "iv", "i"};
    size_t o = 0;
    out[0] = '\0';
    if (v <= 0 || v >= 4000) {
        snprintf(out, cap, "%d", v);
        return;
    }
    for (int i = 0; i < 13 && o + 3 < cap; i++)
        while (v >= val[i] && o + 3 < cap) {
            for (const char *s = sym[i]; *s; s++)
                out[o++] = upper ? (char)(*s - 32) : *s;
            v -= val[i];
        }
    out[o] = '\0';
}

static void format_num(int v, char fmt, char *out, size_t cap)
{
    switch (fmt) {
    case 'z':
        snprintf(out, cap, "%02d", v);
        return;
    case 'a':
    case 'A':
        if (v >= 1) {
            /* Word: a..z, then aa..zz, aaa.. */
            int reps = (v - 1) / 26 + 1;
            char c = (char)((fmt == 'a' ? 'a' : 'A') + (v - 1) % 26);
            size_t i = 0;
            for (; i < (size_t)reps && i + 1 < cap && i < 8; i++)
                out[i] = c;
            out[i] = '\0';
            return;
        }
        break;
    case 'i':
    case 'I':
        roman(v, fmt == 'I', out, cap);
        return;
    }
    snprintf(out, cap, "%d", v);
}

int extract_docx_numbering_label(docx_numbering *nb, int num_id, int ilvl, char *buf,
                         size_t cap)
{
    buf[0] = '\0';
    docx_num_def *n = find_num(nb, num_id);
    if (!n || ilvl < 0 || ilvl > 8)
        return 0;
    int ai = find_abs(nb, n->abs_id);
    if (ai < 0)
        return 0;
    docx_abs_num *a = &nb->a[ai];
    if (!n->applied) {
        /* a list instance with start overrides restarts those levels */
        n->applied = 1;
        for (int i = 0; i < 9; i++)
            if (n->start_over[i] >= 0) {
                a->count[i] = n->start_over[i] - 1;
                a->used[i] = 1;
            }
    }
#define LVL(i) (n->lvl[i].defined ? &n->lvl[i] : &a->lvl[i])
    if (a->used[ilvl] && a->count[ilvl] < 1000000)
        a->count[ilvl]++;
    else
        a->count[ilvl] = LVL(ilvl)->start, a->used[ilvl] = 1;
    for (int i = ilvl + 1; i < 9; i++)
        a->used[i] = 0;
    const docx_lvl *l = LVL(ilvl);
    if (l->fmt == 'b' || l->fmt == 'n' || !l->text[0])
        return 0;
    size_t o = 0;
    for (const char *s = l->text; *s && o + 1 < cap; s++) {
        if (s[0] == '%' && s[1] >= '1' && s[1] <= '9') {
            int k = s[1] - '1';
            const docx_lvl *lk = LVL(k);
            int v = a->used[k] ? a->count[k] : lk->start;
            char num[32];
            format_num(v, lk->fmt == 'b' || lk->fmt == 'n' ? 'd' : lk->fmt, num, sizeof num);
            for (const char *q = num; *q && o + 1 < cap; q++)
                buf[o++] = *q;
            s++;
        } else {
            buf[o++] = *s;
        }
    }
#undef LVL
    buf[o] = '\0';
    return o > 0;
}
