/* html.c - HTML reader: encoding, legacy fonts, parsing, the entry point.
 *
 * Decodes the page to UTF-8 (BOM, declared charset, valid UTF-8, legacy
 * detection, windows-1258), resolves legacy fonts (.VnTime, VNI-Times) from
 * font tags, inline styles and <style> rules, and parses it with libxml2's
 * HTML parser (no network, recovering; the bytes repaired first by
 * html_prep.c) while recording each element's byte span.  The article
 * text is html_content.c's job (with html_dom.c, html_clean.c,
 * html_score.c, html_emit.c), title, date and byline html_meta.c's.
 */
#include "extract/html_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parserInternals.h>

#include "extract/text_util.h"

/* ---- encoding ----------------------------------------------------------- */


/* The charset a <meta charset> or <meta http-equiv content="...;
 * charset=..."> declares in the first bytes, copied to label. */
static int declared_charset(const char *p, size_t n, char *label, size_t cap)
{
    if (n > 16384)
        n = 16384;
    for (const char *m = extract_html_find_ci(p, n, "<meta"); m; m = extract_html_find_ci(m + 5, n - (size_t)(m + 5 - p), "<meta")) {
        const char *end = memchr(m, '>', n - (size_t)(m - p));
        if (!end)
            return 0;
        const char *cs = extract_html_find_ci(m, (size_t)(end - m), "charset");
        if (!cs)
            continue;
        cs += 7;
        while (cs < end && (isspace((unsigned char)*cs) || *cs == '=' || *cs == '"' || *cs == '\''))
            cs++;
        size_t k = 0;
        while (cs < end && k + 1 < cap && (isalnum((unsigned char)*cs) || *cs == '-' || *cs == '_'))
            label[k++] = (char)tolower((unsigned char)*cs++);
        label[k] = '\0';
        if (k)
            return 1;
    }
    return 0;
}

/* A legacy Vietnamese font name (".VnTime", "VNI-Times") in the markup. */
static int legacy_font_hint(const char *p, size_t n)
{
    for (size_t i = 1; i + 4 < n; i++) {
        char prev = p[i - 1];
        if (prev != '"' && prev != '\'' && prev != ' ' && prev != ':' && prev != ',' &&
            prev != '=' && prev != '\\' && prev != ';')
            continue;
        if ((p[i] == '.' && (p[i + 1] | 32) == 'v' && (p[i + 2] | 32) == 'n' &&
             isalpha((unsigned char)p[i + 3])) ||
            strncasecmp(p + i, "vni-", 4) == 0)
            return 1;
    }
    return 0;
}

static norm_encoding label_encoding(const char *label)
{
    static const char *const latin[] = {"windows-1252", "cp1252", "iso-8859-1",
        "latin1", "iso8859-1", "us-ascii", "ascii", "iso-8859-15", NULL};
    for (size_t i = 0; latin[i]; i++)
        if (!strcmp(label, latin[i]))
            return NORM_ENC_CP1252;
    if (!strcmp(label, "utf-8") || !strcmp(label, "utf8"))
        return NORM_ENC_UTF8;
    norm_encoding e = norm_encoding_from_label(label);
    if (e == NORM_ENC_UNKNOWN && (!strcmp(label, "windows-1258") || !strcmp(label, "cp1258")))
        e = NORM_ENC_CP1258;
    return e;
}

static int single_byte(norm_encoding e)
{
    return e == NORM_ENC_CP1252 || e == NORM_ENC_CP1258 || e == NORM_ENC_TCVN3 ||
           e == NORM_ENC_VNI || e == NORM_ENC_VISCII;
}

/* Decode the page into out as UTF-8 and set d->encoding, d->bad_bytes,
 * c->base and c->page_enc.  A declared legacy charset is overridden by
 * bytes that are valid UTF-8, or nearly (norm_utf8_mostly: legacy bytes
 * almost never are).  When the page names a
 * legacy font and is not UTF-8, every byte is kept as U+00xx so that the
 * font's text can be decoded per element after entity decoding. */
static void decode_page(html_ctx *c, const char *data, size_t len, td_buf *out)
{
    const unsigned char *u = (const unsigned char *)data;
    size_t skip = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    char label[40] = "";
    int declared = declared_charset(data, len, label, sizeof label);
    c->base = -1;
    c->page_enc = NORM_ENC_UNKNOWN;
    if (extract_valid_utf8(u + skip, len - skip)) {
        td_buf_append(out, data + skip, len - skip);
        c->base = (long)skip;
        c->d->encoding = "utf-8";
        return;
    }
    norm_encoding enc = declared ? label_encoding(label) : NORM_ENC_UNKNOWN;
    if (norm_utf8_mostly(u + skip, len - skip, &c->d->bad_bytes) || skip ||
        enc == NORM_ENC_UTF8) {
        /* UTF-8 with a few bad bytes, or with a BOM or declared: keep
         * what decodes; bad bytes become U+FFFD (counted for a warning) */
        norm_nfc(data + skip, len - skip, out);
        c->d->encoding = "utf-8";
        return;
    }
    c->d->bad_bytes = 0;
    if (!single_byte(enc)) {
        double score;
        enc = norm_detect(u, len, &score);
        if (!single_byte(enc) || enc == NORM_ENC_CP1252)
            enc = NORM_ENC_CP1258;   /* the usual code page of old pages */
    }
    c->d->encoding = enc == NORM_ENC_CP1252 ? "windows-1252" : norm_encoding_name(enc);
    if (legacy_font_hint(data, len)) {
        extract_decode_cp1252(u, len, out);
        if (enc != NORM_ENC_CP1252)
            c->page_enc = enc;
        return;
    }
    if (enc == NORM_ENC_CP1252)
        extract_decode_cp1252(u, len, out);
    else
        norm_decode(enc, u, len, 0, out);
}

/* ---- legacy fonts ------------------------------------------------------- */

/* The first family of a CSS font-family value or a face attribute, quotes
 * and backslash escapes removed. */
static void first_family(const char *v, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && v[i] != ',' && v[i] != ';'; i++) {
        char ch = v[i];
        if (ch == '"' || ch == '\'' || ch == '\\')
            continue;
        if (k + 1 < cap)
            out[k++] = ch;
    }
    out[k] = '\0';
    char *p = out;
    size_t l = k;
    while (l && isspace((unsigned char)p[0]))
        p++, l--;
    while (l && isspace((unsigned char)p[l - 1]))
        l--;
    memmove(out, p, l);
    out[l] = '\0';
}

/* The font-family declared in CSS declarations s[0..n), or "". */
static void decl_family(const char *s, size_t n, char *out, size_t cap)
{
    out[0] = '\0';
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ';')
            j++;
        const char *colon = memchr(s + i, ':', j - i);
        if (colon) {
            const char *a = s + i, *b = colon;
            while (a < b && isspace((unsigned char)*a))
                a++;
            while (b > a && isspace((unsigned char)b[-1]))
                b--;
            if ((size_t)(b - a) == 11 && strncasecmp(a, "font-family", 11) == 0)
                first_family(colon + 1, (size_t)(s + j - colon - 1), out, cap);
        }
        i = j + 1;
    }
}

/* Collect "selector { font-family: <legacy font> }" rules of one <style>. */
static void parse_css(html_ctx *c, const char *s)
{
    size_t n = strlen(s), i = 0, sel = 0;
    while (i < n) {
        if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
            const char *e = strstr(s + i + 2, "*/");
            i = e ? (size_t)(e - s) + 2 : n;
            sel = i;
            continue;
        }
        if (s[i] == '}' || s[i] == ';') {
            sel = ++i;
            continue;
        }
        if (s[i] != '{') {
            i++;
            continue;
        }
        const char *close = strchr(s + i, '}');
        size_t end = close ? (size_t)(close - s) : n;
        const char *selp = s + sel;
        size_t sl = i - sel;
        while (sl && isspace((unsigned char)*selp))
            selp++, sl--;
        if (sl >= 6 && strncasecmp(selp, "@media", 6) == 0) {
            sel = ++i;    /* read the rules inside */
            continue;
        }
        char fam[128];
        decl_family(s + i + 1, end - i - 1, fam, sizeof fam);
        int hf = 0;
        norm_encoding enc = fam[0] && selp[0] != '@' ? norm_font_encoding(fam, &hf)
                                                     : NORM_ENC_UNKNOWN;
        if (enc != NORM_ENC_UNKNOWN) {
            /* each selector of the list; the last compound of each */
            size_t a = 0;
            while (a < sl) {
                size_t b = a;
                while (b < sl && selp[b] != ',')
                    b++;
                size_t x = b;
                while (x > a && isspace((unsigned char)selp[x - 1]))
                    x--;
                size_t y = x;
                while (y > a && !isspace((unsigned char)selp[y - 1]) && selp[y - 1] != '>')
                    y--;
                if (x > y && c->ncss < 256) {
                    struct html_css *r;
                    c->css = td_xrealloc(c->css, (c->ncss + 1) * sizeof *c->css);
                    r = &c->css[c->ncss];
                    memset(r, 0, sizeof *r);
                    size_t dot = y;
                    while (dot < x && selp[dot] != '.')
                        dot++;
                    size_t tl = dot - y < sizeof r->tag ? dot - y : sizeof r->tag - 1;
                    for (size_t k = 0; k < tl; k++)
                        r->tag[k] = (char)tolower((unsigned char)selp[y + k]);
                    if (dot < x) {
                        size_t cl = x - dot - 1 < sizeof r->cls ? x - dot - 1 : sizeof r->cls - 1;
                        memcpy(r->cls, selp + dot + 1, cl);
                    }
                    if (strcmp(r->tag, "*") == 0)
                        r->tag[0] = '\0';
                    r->enc = (short)enc;
                    r->hfont = (short)hf;
                    c->ncss++;
                }
                a = b + 1;
            }
        }
        i = end + 1;
        sel = i;
    }
}

static int has_class(const char *classes, const char *cls)
{
    size_t k = strlen(cls);
    for (const char *p = classes; *p;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        const char *q = p;
        while (*q && !isspace((unsigned char)*q))
            q++;
        if ((size_t)(q - p) == k && strncasecmp(p, cls, k) == 0)
            return 1;
        p = q;
    }
    return 0;
}

void extract_html_resolve_font(html_ctx *c, xmlNode *n, html_info *in, const html_info *pin)
{
    in->enc = pin->enc;
    in->hfont = pin->hfont;
    char fam[128] = "";
    char *v;
    if (!strcmp(extract_html_tag(n), "font") && (v = extract_html_attr(n, "face"))) {
        first_family(v, strlen(v), fam, sizeof fam);
        xmlFree(v);
    }
    if ((v = extract_html_attr(n, "style"))) {
        char f2[128];
        decl_family(v, strlen(v), f2, sizeof f2);
        if (f2[0])
            memcpy(fam, f2, sizeof fam);
        xmlFree(v);
    }
    if (!fam[0] && c->ncss) {
        char *cls = extract_html_attr(n, "class");
        int best = 0;
        for (size_t i = 0; i < c->ncss; i++) {
            const struct html_css *r = &c->css[i];
            if (r->tag[0] && strcmp(r->tag, extract_html_tag(n)))
                continue;
            if (r->cls[0] && (!cls || !has_class(cls, r->cls)))
                continue;
            int spec = (r->tag[0] ? 1 : 0) + (r->cls[0] ? 2 : 0);
            if (spec >= best) {
                best = spec;
                in->enc = r->enc;
                in->hfont = r->hfont;
            }
        }
        xmlFree(cls);
        return;
    }
    if (fam[0]) {
        int hf = 0;
        norm_encoding e = norm_font_encoding(fam, &hf);
        in->enc = (short)(e == NORM_ENC_UNKNOWN ? 0 : e);
        in->hfont = (short)(e == NORM_ENC_UNKNOWN ? 0 : hf);
    }
}

/* 1 when s holds a letter no legacy font text can hold once read as
 * U+00xx (Vietnamese letters such as ư, ạ, đ): the text is Unicode already,
 * typed with a legacy font name left on it. */
static int unicode_text(const char *s, size_t n)
{
    static const unsigned short cp1252[] = {0x152, 0x153, 0x160, 0x161, 0x178,
        0x17D, 0x17E, 0x192, 0x2C6, 0x2DC, 0};
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0xC4 || b >= 0xE2)
            continue;   /* ASCII, U+0000-U+00FF, punctuation and symbols */
        unsigned cp;
        if (b < 0xE0 && i + 1 < n)
            cp = ((b & 0x1Fu) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
        else if (i + 2 < n)
            cp = ((b & 0x0Fu) << 12) | (((unsigned char)s[i + 1] & 0x3Fu) << 6) |
                 ((unsigned char)s[i + 2] & 0x3Fu);
        else
            continue;
        int punct = 0;
        for (size_t k = 0; cp1252[k]; k++)
            punct |= cp == cp1252[k];
        if (!punct)
            return 1;
    }
    return 0;
}

void extract_html_decode_text(html_ctx *c, const xmlNode *t, td_buf *out)
{
    const char *s = (const char *)t->content;
    if (!s)
        return;
    size_t n = strlen(s);
    html_info *pin = t->parent && t->parent->type == XML_ELEMENT_NODE
                         ? extract_html_info_of(c, t->parent) : NULL;
    if (pin && pin->enc && (c->page_enc || !unicode_text(s, n)))
        norm_decode_legacy_utf8((norm_encoding)pin->enc, s, n, pin->hfont, out);
    else if (c->page_enc)
        norm_decode_legacy_utf8(c->page_enc, s, n, 0, out);
    else
        td_buf_append(out, s, n);
}

/* ---- parsing ------------------------------------------------------------ */

static long input_offset(xmlParserCtxtPtr p)
{
    if (!p->input || !p->input->cur || !p->input->base)
        return -1;
    return (long)p->input->consumed + (long)(p->input->cur - p->input->base);
}

static void sax_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    xmlParserCtxtPtr p = ctx;
    html_ctx *c = p->_private;
    c->sax_start(ctx, name, atts);
    xmlNode *n = p->node;
    if (n && n->type == XML_ELEMENT_NODE && !n->_private && xmlStrEqual(n->name, name)) {
        long off = input_offset(p);
        const char *buf = (const char *)p->input->base;
        long rel = off - (long)p->input->consumed;
        long start = off;
        /* back to the '<' of the tag just read, when it is in the buffer */
        if (rel > 0 && buf[rel - 1] == '>') {
            long k = rel - 1;
            while (k > 0 && buf[k] != '<')
                k--;
            start = (long)p->input->consumed + k;
        }
        html_info *in = extract_html_info_of(c, n);
        in->start = extract_html_page_offset(c, start);
    }
}

static void sax_end(void *ctx, const xmlChar *name)
{
    xmlParserCtxtPtr p = ctx;
    html_ctx *c = p->_private;
    xmlNode *n = p->node;
    if (n && n->type == XML_ELEMENT_NODE && n->_private && xmlStrEqual(n->name, name))
        extract_html_info_of(c, n)->end = extract_html_page_offset(c, input_offset(p));
    c->sax_end(ctx, name);
}

static int parse(html_ctx *c, const char *buf, size_t len, td_err *e)
{
    if (len > (size_t)0x7fffffff)
        return td_err_set(e, TD_ELIMIT, "page too large for the HTML parser");
    htmlParserCtxtPtr p = htmlCreateMemoryParserCtxt(buf, (int)len);
    if (!p)
        return td_err_set(e, TD_ENOMEM, "cannot create the HTML parser");
    htmlCtxtUseOptions(p, HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                              HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC |
                              HTML_PARSE_COMPACT);
    xmlSwitchEncoding(p, XML_CHAR_ENCODING_UTF8);
    p->_private = c;
    c->sax_start = p->sax->startElement;
    c->sax_end = p->sax->endElement;
    p->sax->startElement = sax_start;
    p->sax->endElement = sax_end;
    htmlParseDocument(p);
    int depth_error = p->errNo == XML_ERR_INTERNAL_ERROR;
    c->doc = p->myDoc;
    p->myDoc = NULL;
    htmlFreeParserCtxt(p);
    if (depth_error)
        return td_err_set(e, TD_ELIMIT, "elements nested too deeply for the HTML parser");
    if (!c->doc || !xmlDocGetRootElement(c->doc))
        return td_err_set(e, TD_EEMPTY, "no markup or text found in the page");
    /* a broken <html ...> tag can leave the page in a second root element
     * beside an empty first one: gather everything under the first */
    xmlNode *root = xmlDocGetRootElement(c->doc);
    for (xmlNode *k = root->next, *nx; k; k = nx) {
        nx = k->next;
        if (k->type != XML_ELEMENT_NODE)
            continue;
        while (k->children) {
            xmlNode *ch = k->children;
            xmlUnlinkNode(ch);
            xmlAddChild(root, ch);
        }
        xmlUnlinkNode(k);
        xmlFreeNode(k);
    }
    return TD_OK;
}

/* ---- the reader --------------------------------------------------------- */

/* The <body>, or the root when there is none or when the page goes on
 * after it: a stray </body> early in the page makes libxml2 put the rest
 * beside the body, under <html>. */
static xmlNode *find_body(xmlNode *root)
{
    for (xmlNode *n = root; n; n = extract_html_next(n, root, 0))
        if (!strcmp(extract_html_tag(n), "body")) {
            if (n->parent == root)
                for (xmlNode *k = n->next; k; k = k->next)
                    if (k->type == XML_ELEMENT_NODE && extract_html_is_block(extract_html_tag(k)))
                        return root;
            return n;
        }
    return root;
}

int extract_html(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e)
{
    html_ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.o = o;
    td_buf buf = TD_BUF_INIT;
    decode_page(&c, data, len, &buf);
    extract_html_prepare(&c, &buf);
    int rc = buf.len ? parse(&c, buf.ptr, buf.len, e)
                     : td_err_set(e, TD_EEMPTY, "no text found");
    if (rc != TD_OK)
        goto done;
    xmlNode *root = xmlDocGetRootElement(c.doc);
    for (xmlNode *n = root; n; n = extract_html_next(n, root, 0))
        if (!strcmp(extract_html_tag(n), "style")) {
            char *css = (char *)xmlNodeGetContent(n);
            if (css)
                parse_css(&c, css);
            xmlFree(css);
        }
    xmlNode *body = find_body(root);
    rc = extract_html_content(&c, body, e);
    if (rc != TD_OK)
        goto done;
    if (d->nblocks == c.first_block) {
        rc = td_err_set(e, TD_EEMPTY, "no article text found in the page");
        goto done;
    }
    extract_html_meta(&c, root, body);
done:
    free(c.info);
    free(c.cuts);
    free(c.css);
    if (c.doc)
        xmlFreeDoc(c.doc);
    td_buf_free(&buf);
    return rc;
}
