/* docx_styles.c - styles, theme fonts and font table of a DOCX file.
 *
 * Gives the body walker what paragraph styles mean (heading level, title,
 * list numbering) and resolves run fonts per rFonts attribute through the
 * layers docDefaults → table style → paragraph style chain → character
 * style chain → direct formatting, so that runs typed in TCVN3 or VNI fonts
 * can be decoded (MS-OI29500 §2.1.88; see legacy-encodings/README.md).
 */
#include "extract/docx_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "normalize/normalize.h"

#define CHAIN_MAX 24   /* basedOn chains longer than this are cycles */

struct docx_style {
    char *id;            /* w:styleId (malloc'd) */
    char *based_on;      /* w:basedOn/@w:val (malloc'd) or NULL */
    docx_style *base;    /* resolved based_on, NULL at the root */
    char type;           /* 'p' paragraph, 'c' character, 't' table, 'n' numbering */
    int heading;         /* from name or id: 1-9, 10 title, 0 none */
    int outline;         /* pPr/outlineLvl, -1 when not set */
    int num_id, ilvl;    /* pPr/numPr; num_id -1 when not set */
    docx_fonts fonts;    /* own rPr/rFonts */
};

static docx_font classify(const char *name)
{
    docx_font f = {0, 0, 0};
    int h = 0;
    if (!name || !name[0])
        return f;
    f.set = 1;
    f.enc = (unsigned char)norm_font_encoding(name, &h);
    f.h = (unsigned char)(h != 0);
    return f;
}

static int is_legacy(docx_font f)
{
    return f.set && (f.enc == NORM_ENC_TCVN3 || f.enc == NORM_ENC_VNI);
}

/* A theme reference ("minorHAnsi", "majorBidi", ...) to its typeface. */
static docx_font theme_font(const docx_styles *s, const char *ref)
{
    docx_font none = {0, 0, 0};
    int major;
    if (strncmp(ref, "major", 5) == 0)
        major = 0;
    else if (strncmp(ref, "minor", 5) == 0)
        major = 1;
    else
        return none;
    ref += 5;
    int script = strcmp(ref, "EastAsia") == 0 ? 1 : strcmp(ref, "Bidi") == 0 ? 2 : 0;
    docx_font f = s->theme[major][script];
    f.set = 1;   /* a theme reference decides the slot even if unknown */
    return f;
}

void extract_docx_rfonts(const docx_styles *s, docx_xml *x, docx_fonts *layer)
{
    static const char *plain[DOCX_F_N] = {"ascii", "hAnsi", "eastAsia", "cs"};
    static const char *themed[DOCX_F_N] = {"asciiTheme", "hAnsiTheme",
                                          "eastAsiaTheme", "cstheme"};
    char buf[128];
    for (int i = 0; i < DOCX_F_N; i++) {
        /* the theme attribute overrides the plain one on the same element */
        if (extract_docx_xml_attr(x, themed[i], buf, sizeof buf))
            layer->f[i] = theme_font(s, buf);
        else if (extract_docx_xml_attr(x, plain[i], buf, sizeof buf))
            layer->f[i] = classify(buf);
    }
}

void extract_docx_fonts_merge(docx_fonts *acc, const docx_fonts *layer)
{
    for (int i = 0; i < DOCX_F_N; i++)
        if (layer->f[i].set)
            acc->f[i] = layer->f[i];
}

static int fonts_legacy(const docx_fonts *f)
{
    for (int i = 0; i < DOCX_F_N; i++)
        if (is_legacy(f->f[i]))
            return 1;
    return 0;
}

static int cmp_style(const void *a, const void *b)
{
    return strcmp(((const docx_style *)a)->id, ((const docx_style *)b)->id);
}

docx_style *extract_docx_style_find(const docx_styles *s, const char *id)
{
    if (!id || !s->n)
        return NULL;
    docx_style key;
    key.id = (char *)id;
    return bsearch(&key, s->v, s->n, sizeof *s->v, cmp_style);
}

int extract_docx_style_heading(const docx_styles *s, docx_style *st)
{
    (void)s;
    for (int i = 0; st && i < CHAIN_MAX; i++, st = st->base) {
        if (st->heading)
            return st->heading;
        if (st->outline >= 0)
            return st->outline < 9 ? st->outline + 1 : 0;
    }
    return 0;
}

int extract_docx_style_numbering(const docx_styles *s, docx_style *st, int *ilvl)
{
    (void)s;
    for (int i = 0; st && i < CHAIN_MAX; i++, st = st->base)
        if (st->num_id >= 0) {
            *ilvl = st->ilvl;
            return st->num_id;
        }
    return 0;
}

void extract_docx_style_fonts(const docx_styles *s, docx_style *st, docx_fonts *acc)
{
    (void)s;
    docx_style *chain[CHAIN_MAX];
    int n = 0;
    for (; st && n < CHAIN_MAX; st = st->base)
        chain[n++] = st;
    while (n > 0)   /* from the root of the chain down */
        extract_docx_fonts_merge(acc, &chain[--n]->fonts);
}

/* Heading level a style's name or id implies: "heading 3" / "Heading3" → 3,
 * "Title" → 10.  Built-in styles keep their English name in w:name even in
 * localized Word; the id may be localized, the outline level is not. */
int extract_docx_heading_of(const char *s)
{
    if (!s)
        return 0;
    if (strcasecmp(s, "title") == 0)
        return 10;
    if (strncasecmp(s, "heading", 7) != 0)
        return 0;
    s += 7;
    if (*s == ' ')
        s++;
    if (s[0] >= '1' && s[0] <= '9' && s[1] == '\0')
        return s[0] - '0';
    return 0;
}

static void load_theme(docx_styles *s, const char *data, size_t len,
                       const extract_opts *o)
{
    docx_xml x;
    td_err e;
    if (extract_docx_xml_open(&x, data, len, "theme", o->max_depth, &e) != TD_OK)
        return;
    int which = -1;
    char buf[128];
    while (extract_docx_xml_next(&x, &e) == 1) {
        if (xmlTextReaderNodeType(x.r) != XML_READER_TYPE_ELEMENT ||
            extract_docx_xml_ns(&x) != DOCX_NS_A)
            continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(x.r);
        if (strcmp(ln, "majorFont") == 0)
            which = 0;
        else if (strcmp(ln, "minorFont") == 0)
            which = 1;
        else if (which >= 0 && (strcmp(ln, "latin") == 0 || strcmp(ln, "ea") == 0 ||
                                strcmp(ln, "cs") == 0)) {
            int script = ln[0] == 'l' ? 0 : ln[0] == 'e' ? 1 : 2;
            if (extract_docx_xml_attr_any(&x, "typeface", buf, sizeof buf))
                s->theme[which][script] = classify(buf);
            if (is_legacy(s->theme[which][script]))
                s->legacy = 1;
        }
    }
    extract_docx_xml_close(&x);
}

/* 1 when the font table names a legacy font, 0 when it names none, -1
 * when it could not be read. */
static int scan_font_table(const char *data, size_t len, const extract_opts *o)
{
    docx_xml x;
    td_err e;
    if (extract_docx_xml_open(&x, data, len, "fonts", o->max_depth, &e) != TD_OK)
        return -1;
    int found = 0, rc;
    char buf[128];
    while ((rc = extract_docx_xml_next(&x, &e)) == 1) {
        if (xmlTextReaderNodeType(x.r) != XML_READER_TYPE_ELEMENT ||
            extract_docx_xml_ns(&x) != DOCX_NS_W)
            continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(x.r);
        if ((strcmp(ln, "font") == 0 && extract_docx_xml_attr(&x, "name", buf, sizeof buf)) ||
            (strcmp(ln, "altName") == 0 && extract_docx_xml_attr(&x, "val", buf, sizeof buf)))
            if (is_legacy(classify(buf)))
                found = 1;
    }
    extract_docx_xml_close(&x);
    return rc < 0 ? -1 : found;
}

static docx_style *new_style(docx_styles *s)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->v = td_xrealloc(s->v, s->cap * sizeof *s->v);
    }
    docx_style *st = &s->v[s->n++];
    memset(st, 0, sizeof *st);
    st->outline = -1;
    st->num_id = -1;
    return st;
}

static void load_styles(docx_styles *s, const char *data, size_t len,
                        const extract_opts *o)
{
    docx_xml x;
    td_err e;
    if (extract_docx_xml_open(&x, data, len, "styles", o->max_depth, &e) != TD_OK)
        return;
    char buf[256], name[256];
    long cur = -1;            /* index of the style being read */
    int in_defaults = 0, skip = -1, is_default = 0;
    long default_para = -1;
    name[0] = '\0';
    while (extract_docx_xml_next(&x, &e) == 1) {
        int type = xmlTextReaderNodeType(x.r);
        int depth = xmlTextReaderDepth(x.r);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (skip >= 0) {
                if (depth == skip)
                    skip = -1;
                continue;
            }
            if (extract_docx_xml_ns(&x) != DOCX_NS_W)
                continue;
            const char *ln = (const char *)xmlTextReaderConstLocalName(x.r);
            if (strcmp(ln, "docDefaults") == 0)
                in_defaults = 0;
            else if (strcmp(ln, "style") == 0 && cur >= 0) {
                docx_style *st = &s->v[cur];
                st->heading = extract_docx_heading_of(name[0] ? name : NULL);
                if (!st->heading && st->type == 'p')
                    st->heading = extract_docx_heading_of(st->id);
                if (is_default && st->type == 'p' && default_para < 0)
                    default_para = cur;
                cur = -1;
            }
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT || skip >= 0 ||
            extract_docx_xml_ns(&x) != DOCX_NS_W)
            continue;
        const char *ln = (const char *)xmlTextReaderConstLocalName(x.r);
        int empty = xmlTextReaderIsEmptyElement(x.r);
        if (strcmp(ln, "docDefaults") == 0) {
            in_defaults = !empty;
        } else if (strcmp(ln, "style") == 0) {
            docx_style *st = new_style(s);
            cur = (long)(st - s->v);
            extract_docx_xml_attr(&x, "styleId", buf, sizeof buf);
            st->id = td_xstrdup(buf);
            extract_docx_xml_attr(&x, "type", buf, sizeof buf);
            st->type = strcmp(buf, "character") == 0 ? 'c'
                     : strcmp(buf, "table") == 0 ? 't'
                     : strcmp(buf, "numbering") == 0 ? 'n' : 'p';
            int has = extract_docx_xml_attr(&x, "default", buf, sizeof buf);
            is_default = extract_docx_onoff(buf, has);
            name[0] = '\0';
            if (empty)
                cur = -1;
        } else if (strcmp(ln, "tblStylePr") == 0 || strcmp(ln, "rPrChange") == 0 ||
                   strcmp(ln, "pPrChange") == 0) {
            if (!empty)
                skip = depth;   /* conditional or old formatting */
        } else if (strcmp(ln, "rFonts") == 0) {
            docx_fonts *layer = cur >= 0 ? &s->v[cur].fonts
                              : in_defaults ? &s->defaults : NULL;
            if (layer) {
                extract_docx_rfonts(s, &x, layer);
                if (fonts_legacy(layer))
                    s->legacy = 1;
            }
        } else if (cur >= 0) {
            docx_style *st = &s->v[cur];
            int has = extract_docx_xml_attr(&x, "val", buf, sizeof buf);
            if (!has)
                continue;
            if (strcmp(ln, "name") == 0) {
                memcpy(name, buf, sizeof name);
            } else if (strcmp(ln, "basedOn") == 0) {
                free(st->based_on);
                st->based_on = td_xstrdup(buf);
            } else if (strcmp(ln, "outlineLvl") == 0) {
                st->outline = atoi(buf);
            } else if (strcmp(ln, "numId") == 0) {
                st->num_id = atoi(buf);
            } else if (strcmp(ln, "ilvl") == 0) {
                st->ilvl = atoi(buf);
            }
        }
    }
    extract_docx_xml_close(&x);

    char *default_id = default_para >= 0 ? s->v[default_para].id : NULL;
    if (s->n)
        qsort(s->v, s->n, sizeof *s->v, cmp_style);
    for (size_t i = 0; i < s->n; i++) {
        docx_style *st = &s->v[i];
        st->base = st->based_on ? extract_docx_style_find(s, st->based_on) : NULL;
        if (st->base == st)
            st->base = NULL;
        if (st->num_id >= 0 && (st->ilvl < 0 || st->ilvl > 8))
            st->ilvl = 0;
        if (st->outline < -1 || st->outline > 9)
            st->outline = -1;
    }
    s->default_para = default_id ? extract_docx_style_find(s, default_id) : NULL;
}

void extract_docx_styles_load(docx_styles *s, const char *theme, size_t theme_len,
                      const char *fonts, size_t fonts_len,
                      const char *styles, size_t styles_len,
                      const extract_opts *o)
{
    memset(s, 0, sizeof *s);
    if (theme)
        load_theme(s, theme, theme_len, o);
    /* without a readable font table every run has to be checked */
    int ft = fonts ? scan_font_table(fonts, fonts_len, o) : -1;
    if (ft != 0)
        s->legacy = 1;
    if (styles)
        load_styles(s, styles, styles_len, o);
}

void extract_docx_styles_free(docx_styles *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].id);
        free(s->v[i].based_on);
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}
