/* html.c - HTML reader: encoding, parsing, metadata, title.
 *
 * Decodes the page to UTF-8 (BOM, declared charset, valid UTF-8, legacy
 * detection, windows-1258), parses it with libxml2's HTML parser (no
 * network, recovering) while recording each element's byte span, resolves
 * legacy fonts (.VnTime, VNI-Times) from font tags, inline styles and
 * <style> rules, and reads title, publication date and byline.  Choosing
 * and emitting the article text is extract_html_content.c's job.
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

static const char *find_ci(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(hay + i, needle, k) == 0)
            return hay + i;
    return NULL;
}

/* The charset a <meta charset> or <meta http-equiv content="...;
 * charset=..."> declares in the first bytes, copied to label. */
static int declared_charset(const char *p, size_t n, char *label, size_t cap)
{
    if (n > 16384)
        n = 16384;
    for (const char *m = find_ci(p, n, "<meta"); m; m = find_ci(m + 5, n - (size_t)(m + 5 - p), "<meta")) {
        const char *end = memchr(m, '>', n - (size_t)(m - p));
        if (!end)
            return 0;
        const char *cs = find_ci(m, (size_t)(end - m), "charset");
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
        if (!strchr("\"' :,=\\;", prev) || prev == '\0')
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

/* Decode the page into out as UTF-8 and set d->encoding, c->base and
 * c->page_enc.  A declared legacy charset is overridden by bytes that are
 * valid UTF-8 (legacy bytes almost never are).  When the page names a
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
    if (skip || extract_valid_utf8(u, len)) {
        td_buf_append(out, data + skip, len - skip);
        c->base = (long)skip;
        c->d->encoding = "utf-8";
        return;
    }
    norm_encoding enc = declared ? label_encoding(label) : NORM_ENC_UNKNOWN;
    if (enc == NORM_ENC_UTF8) {
        /* declared UTF-8 with bad bytes: keep what decodes */
        norm_nfc(data, len, out);
        c->d->encoding = "utf-8";
        return;
    }
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
    if (!strcmp(extract_html_tag(n), "font") && (v = (char *)xmlGetProp(n, (const xmlChar *)"face"))) {
        first_family(v, strlen(v), fam, sizeof fam);
        xmlFree(v);
    }
    if ((v = (char *)xmlGetProp(n, (const xmlChar *)"style"))) {
        char f2[128];
        decl_family(v, strlen(v), f2, sizeof f2);
        if (f2[0])
            memcpy(fam, f2, sizeof fam);
        xmlFree(v);
    }
    if (!fam[0] && c->ncss) {
        char *cls = (char *)xmlGetProp(n, (const xmlChar *)"class");
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

/* An attribute value or <title> text decoded like body text (no font). */
static char *decode_str(html_ctx *c, const char *s)
{
    td_buf b = TD_BUF_INIT;
    if (c->page_enc)
        norm_decode_legacy_utf8(c->page_enc, s, strlen(s), 0, &b);
    else
        td_buf_puts(&b, s);
    /* collapse white space */
    td_buf o = TD_BUF_INIT;
    for (size_t i = 0; b.ptr && i < b.len; i++) {
        unsigned char ch = (unsigned char)b.ptr[i];
        int sp = isspace(ch) || (ch == 0xC2 && i + 1 < b.len && (unsigned char)b.ptr[i + 1] == 0xA0);
        if (sp) {
            if (ch == 0xC2)
                i++;
            if (o.len && o.ptr[o.len - 1] != ' ')
                td_buf_putc(&o, ' ');
        } else {
            td_buf_putc(&o, (char)ch);
        }
    }
    td_buf_free(&b);
    char *r = td_buf_detach(&o);
    size_t l = strlen(r);
    while (l && r[l - 1] == ' ')
        r[--l] = '\0';
    return r;
}

/* ---- parsing ------------------------------------------------------------ */

/* Blank out (with spaces, so offsets stay) the MS Office markup that
 * libxml2 would misread: prefixed tags such as <o:p> (parsed as a nested
 * <p>) and <st1:place> (their text stays), and the downlevel-revealed
 * conditionals <![if !supportLists]> ... <![endif]> (shown as text). */
static void blank_office_markup(char *p, size_t n)
{
    for (size_t i = 0; i + 3 < n; i++) {
        if (p[i] != '<')
            continue;
        size_t j = i + 1;
        int blank = 0;
        if (p[j] == '!' && p[j + 1] == '[') {
            blank = (j + 4 < n && strncasecmp(p + j + 2, "if", 2) == 0) ||
                    (j + 7 < n && strncasecmp(p + j + 2, "endif", 5) == 0);
        } else {
            if (p[j] == '/')
                j++;
            size_t k = j;
            while (k < n && (isalnum((unsigned char)p[k]) || p[k] == '_' || p[k] == '-'))
                k++;
            blank = k > j && k + 1 < n && p[k] == ':' && isalpha((unsigned char)p[k + 1]);
        }
        if (!blank)
            continue;
        const char *gt = memchr(p + i, '>', n - i);
        if (!gt)
            return;
        /* "<![endif]-->" closes a comment: leave it alone */
        if (p[i + 1] == '!' && gt[-1] != ']')
            continue;
        memset(p + i, ' ', (size_t)(gt - p) - i + 1);
        i = (size_t)(gt - p);
    }
}

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
        in->start = start;
    }
}

static void sax_end(void *ctx, const xmlChar *name)
{
    xmlParserCtxtPtr p = ctx;
    html_ctx *c = p->_private;
    xmlNode *n = p->node;
    if (n && n->type == XML_ELEMENT_NODE && n->_private && xmlStrEqual(n->name, name))
        extract_html_info_of(c, n)->end = input_offset(p);
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
                              HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
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
    return TD_OK;
}

/* ---- metadata ----------------------------------------------------------- */

typedef struct meta {
    char *og_title;       /* og:title / twitter:title */
    char *title;          /* <title> */
    char *author;         /* meta author */
    char *published;      /* article:published_time and friends */
} meta;

static void set_once(char **slot, char *v)
{
    if (!*slot && v && *v)
        *slot = v;
    else
        free(v);
}

static void read_meta(html_ctx *c, xmlNode *root, meta *m)
{
    static const char *const pub[] = {"article:published_time", "og:published_time",
        "datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
        "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
        "article:published", "sailthru.date", NULL};
    for (xmlNode *n = root; n; n = extract_html_next(n, root, 0)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *tag = extract_html_tag(n);
        if (!strcmp(tag, "title") && !m->title) {
            char *t = (char *)xmlNodeGetContent(n);
            if (t)
                set_once(&m->title, decode_str(c, t));
            xmlFree(t);
            continue;
        }
        if (strcmp(tag, "meta"))
            continue;
        char *key = (char *)xmlGetProp(n, (const xmlChar *)"property");
        if (!key)
            key = (char *)xmlGetProp(n, (const xmlChar *)"name");
        if (!key)
            key = (char *)xmlGetProp(n, (const xmlChar *)"itemprop");
        char *val = (char *)xmlGetProp(n, (const xmlChar *)"content");
        if (key && val) {
            for (char *k = key; *k; k++)
                *k = (char)tolower((unsigned char)*k);
            if (!strcmp(key, "og:title") || !strcmp(key, "twitter:title"))
                set_once(&m->og_title, decode_str(c, val));
            else if (!strcmp(key, "author") || !strcmp(key, "article:author") ||
                     !strcmp(key, "dc.creator"))
                if (strncmp(val, "http", 4) && !strchr(val, '@'))
                    set_once(&m->author, decode_str(c, val));
            for (size_t i = 0; pub[i]; i++)
                if (!strcmp(key, pub[i]))
                    set_once(&m->published, decode_str(c, val));
        }
        xmlFree(key);
        xmlFree(val);
    }
}

/* Remove a site name from a page title: "Tiêu đề - Báo X", "Tiêu đề |
 * Cổng thông tin ...", "Cổng TTĐT tỉnh X | Tiêu đề".  " - " is also
 * common inside titles ("chính trị - xã hội", "Văn hóa - Xã hội"), so a
 * tail after a dash is cut only when it names a site ("Báo ...", "Cổng
 * thông tin ...", a domain). */
static char *strip_site(const char *t)
{
    static const char *const seps[] = {" | ", " :: ", " » ", " - ", " – ", " — ", NULL};
    char *s = td_xstrdup(t);
    for (int round = 0; round < 2; round++) {
        size_t n = strlen(s);
        int cut = 0;
        for (size_t k = 0; seps[k] && !cut; k++) {
            const char *sep = seps[k];
            size_t sl = strlen(sep);
            const char *last = NULL, *first = NULL;
            for (const char *p = strstr(s, sep); p; p = strstr(p + 1, sep)) {
                if (!first)
                    first = p;
                last = p;
            }
            if (!last)
                continue;
            int hard = k < 3;
            const char *tail = last + sl;
            size_t hl = (size_t)(last - s), tl = n - (size_t)(tail - s);
            int tw = extract_count_words(tail, tl), hw = extract_count_words(s, hl);
            if (hw >= 3 && extract_starts_upper(tail, tl) &&
                (extract_site_like(tail, tl) || (hard && tw <= 8))) {
                s[hl] = '\0';
                cut = 1;
            } else if (hard && extract_site_like(s, (size_t)(first - s)) &&
                       extract_count_words(first + sl, n - (size_t)(first + sl - s)) >= 3) {
                memmove(s, first + sl, strlen(first + sl) + 1);
                cut = 1;
            }
        }
        if (!cut)
            break;
    }
    return s;
}

/* Folded text of a string (malloc'd). */
static char *fold(const char *s, size_t n)
{
    char *raw = td_xstrndup(s, n);
    char *f = norm_fold_str(raw);
    free(raw);
    return f;
}

/* Text of element n as the reader would show it (decoded, collapsed). */
static char *node_text(html_ctx *c, xmlNode *n)
{
    td_buf b = TD_BUF_INIT;
    for (xmlNode *k = n; k; k = extract_html_next(k, n, 0))
        if (k->type == XML_TEXT_NODE) {
            extract_html_decode_text(c, k, &b);
            td_buf_putc(&b, ' ');
        }
    char *raw = td_buf_detach(&b);
    td_buf o = TD_BUF_INIT;
    for (size_t i = 0; raw[i]; i++) {
        unsigned char ch = (unsigned char)raw[i];
        int sp = isspace(ch) || (ch == 0xC2 && (unsigned char)raw[i + 1] == 0xA0);
        if (sp) {
            if (ch == 0xC2)
                i++;
            if (o.len && o.ptr[o.len - 1] != ' ')
                td_buf_putc(&o, ' ');
        } else {
            td_buf_putc(&o, (char)ch);
        }
    }
    free(raw);
    char *r = td_buf_detach(&o);
    size_t l = strlen(r);
    while (l && r[l - 1] == ' ')
        r[--l] = '\0';
    return r;
}

static int inside_furniture(html_ctx *c, xmlNode *n)
{
    for (xmlNode *a = n; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
        const char *tag = extract_html_tag(a);
        if (!strcmp(tag, "nav") || !strcmp(tag, "aside") || !strcmp(tag, "footer"))
            return 1;
        if ((extract_html_info_of(c, a)->flags & HTML_F_DROP) && strcmp(tag, "header"))
            return 1;
    }
    return 0;
}

static int title_class(xmlNode *n)
{
    static const char *const names[] = {"title", "tieude", "tieu-de", "tieu_de",
                                        "headline", NULL};
    int hit = 0;
    static const char *const attrs[] = {"class", "id"};
    for (int a = 0; a < 2 && !hit; a++) {
        char *v = (char *)xmlGetProp(n, (const xmlChar *)attrs[a]);
        if (!v)
            continue;
        for (char *p = v; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        for (size_t i = 0; names[i] && !hit; i++)
            hit = strstr(v, names[i]) != NULL;
        xmlFree(v);
    }
    return hit;
}

/* A site logo or name, by class or id. */
static int logo(xmlNode *n)
{
    static const char *const names[] = {"logo", "brand", "site-name", "sitename",
                                        "site-title", NULL};
    int hit = 0;
    for (xmlNode *a = n; a && a->type == XML_ELEMENT_NODE && !hit; a = a->parent) {
        static const char *const attrs[] = {"class", "id"};
        for (int k = 0; k < 2 && !hit; k++) {
            char *v = (char *)xmlGetProp(a, (const xmlChar *)attrs[k]);
            if (!v)
                continue;
            for (char *p = v; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            for (size_t i = 0; names[i] && !hit; i++)
                hit = strstr(v, names[i]) != NULL;
            xmlFree(v);
        }
        if (a != n)
            break;   /* the element and its parent */
    }
    return hit;
}

/* The article's heading: the first h1 inside the article, else the last
 * one before it; without h1, an element whose class names a title.
 * Headings inside navigation or sidebars and site logos do not count. */
static xmlNode *article_heading(html_ctx *c, xmlNode *root, const char *site)
{
    xmlNode *best[2] = {NULL, NULL};   /* [0] h1, [1] title class */
    int inside[2] = {0, 0};
    for (xmlNode *n = root; n; n = extract_html_next(n, root, 0)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        int kind = !strcmp(extract_html_tag(n), "h1") ? 0 : title_class(n) ? 1 : -1;
        if (kind < 0 || inside_furniture(c, n) || logo(n))
            continue;
        int within = 0;
        for (xmlNode *a = n; a; a = a->parent)
            if (a == c->top)
                within = 1;
        if (inside[kind] && !within)
            continue;
        char *t = node_text(c, n);
        size_t tl = strlen(t);
        int ok = extract_count_words(t, tl) >= (kind ? 4 : 3) && tl < 400 &&
                 extract_ui_phrase(t, tl) == EXTRACT_UI_NONE;
        if (ok && site) {
            char *a = fold(t, tl), *b = fold(site, strlen(site));
            ok = strcmp(a, b) != 0;
            free(a);
            free(b);
        }
        free(t);
        if (!ok)
            continue;
        if (within) {
            if (!inside[kind])
                best[kind] = n, inside[kind] = 1;
            continue;
        }
        /* before the article: the latest one wins; after it: ignore */
        if (c->top && c->top != root) {
            html_info *ti = extract_html_info_of(c, c->top), *ni = extract_html_info_of(c, n);
            if (ti->start >= 0 && ni->start > ti->start)
                continue;
        }
        best[kind] = n;
    }
    return best[0] ? best[0] : best[1];
}

static void set_published(td_doc *d, const char *s)
{
    int y, m, dd;
    if (d->published || !s || !extract_find_date(s, strlen(s), &y, &m, &dd, NULL))
        return;
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, dd);
    d->published = td_doc_strdup(d, iso);
}

/* <time datetime>, itemprop=datePublished, else a short date line near
 * the title (after it first, then just before it). */
static void find_published(html_ctx *c, xmlNode *root, xmlNode *anchor)
{
    for (xmlNode *n = root; n && !c->d->published; n = extract_html_next(n, root, 0)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        char *ip = (char *)xmlGetProp(n, (const xmlChar *)"itemprop");
        int is_pub = ip && strcasecmp(ip, "datePublished") == 0;
        xmlFree(ip);
        if (!is_pub && strcmp(extract_html_tag(n), "time"))
            continue;
        if (inside_furniture(c, n))
            continue;
        char *v = (char *)xmlGetProp(n, (const xmlChar *)"datetime");
        if (!v)
            v = (char *)xmlGetProp(n, (const xmlChar *)"content");
        if (v)
            set_published(c->d, v);
        else if (is_pub) {
            char *t = node_text(c, n);
            set_published(c->d, t);
            free(t);
        }
        xmlFree(v);
    }
    if (c->d->published || !anchor)
        return;
    /* text nodes after the anchor, then before it */
    int budget = 60;
    for (xmlNode *n = extract_html_next(anchor, root, 1); n && budget-- > 0 && !c->d->published;
         n = extract_html_next(n, root, 0)) {
        if (n->type != XML_TEXT_NODE || (n->parent && inside_furniture(c, n->parent)))
            continue;
        /* the text node with its inline siblings, when that is short */
        char *t = extract_html_info_of(c, n->parent)->text < 200
                      ? node_text(c, n->parent)
                      : td_xstrdup(n->content ? (const char *)n->content : "");
        int y, m, dd, tm;
        if (extract_is_date_line(t, strlen(t), &y, &m, &dd, &tm))
            set_published(c->d, t);
        free(t);
    }
    budget = 30;
    for (xmlNode *n = anchor->prev ? anchor->prev : anchor->parent; n && budget-- > 0 &&
         !c->d->published; n = n->prev ? n->prev : n->parent) {
        if (n->type != XML_ELEMENT_NODE || n == root || inside_furniture(c, n))
            continue;
        char *t = node_text(c, n);
        int y, m, dd, tm;
        if (extract_is_date_line(t, strlen(t), &y, &m, &dd, &tm) && tm)
            set_published(c->d, t);
        free(t);
        if (n->next == NULL && n->parent == root)
            break;
    }
}

/* rel=author or an author/byline class, inside or near the article. */
static char *author_element(html_ctx *c, xmlNode *root)
{
    static const char *const names[] = {"author", "byline", "tacgia", "tac-gia",
                                        "tac_gia", NULL};
    for (xmlNode *n = root; n; n = extract_html_next(n, root, 0)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        int hit = 0;
        char *rel = (char *)xmlGetProp(n, (const xmlChar *)"rel");
        if (rel && !strcasecmp(rel, "author"))
            hit = 1;
        xmlFree(rel);
        static const char *const attrs[] = {"class", "id", "itemprop"};
        for (int a = 0; a < 3 && !hit; a++) {
            char *v = (char *)xmlGetProp(n, (const xmlChar *)attrs[a]);
            if (!v)
                continue;
            for (char *p = v; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            for (size_t i = 0; names[i] && !hit; i++)
                hit = strstr(v, names[i]) != NULL;
            xmlFree(v);
        }
        if (!hit || inside_furniture(c, n))
            continue;
        char *t = node_text(c, n);
        size_t l = strlen(t);
        char *f = fold(t, l);
        size_t skip = 0;
        if (!strncmp(f, "tac gia:", 8))
            skip = (size_t)(strchr(t, ':') - t) + 1;
        free(f);
        const char *p = t + skip;
        size_t pl = l - skip;
        extract_trim(&p, &pl);
        if (pl >= 2 && pl <= 80) {
            char *r = td_xstrndup(p, pl);
            free(t);
            return r;
        }
        free(t);
    }
    return NULL;
}

/* ---- the reader --------------------------------------------------------- */

static xmlNode *find_body(xmlNode *root)
{
    for (xmlNode *n = root; n; n = extract_html_next(n, root, 0))
        if (!strcmp(extract_html_tag(n), "body"))
            return n;
    return root;
}

/* Put the title block first; a copy of it at the top of the article text
 * (the h1 the title came from, or the same words) is removed. */
static void add_title(html_ctx *c, const char *title)
{
    td_doc *d = c->d;
    char *ft = fold(title, strlen(title));
    for (size_t i = c->first_block; i < d->nblocks && i < c->first_block + 5; i++) {
        td_block *b = &d->blocks[i];
        if (b->kind != TD_BLOCK_HEADING && b->kind != TD_BLOCK_PARA)
            continue;
        char *fb = fold(b->text, b->len);
        int same = !strcmp(fb, ft) || (strlen(fb) >= 20 && strlen(ft) >= strlen(fb) &&
                                       !strncmp(fb, ft, strlen(fb)) && b->kind == TD_BLOCK_HEADING);
        free(fb);
        if (same) {
            memmove(b, b + 1, (d->nblocks - i - 1) * sizeof *b);
            d->nblocks--;
            break;
        }
    }
    free(ft);
    long s = -1, e = -1;
    if (c->title_node && c->base >= 0) {
        html_info *in = extract_html_info_of(c, c->title_node);
        if (in->start >= 0 && in->end > in->start)
            s = c->base + in->start, e = c->base + in->end;
    }
    if (!td_doc_add_block(d, TD_BLOCK_TITLE, 0, title, strlen(title), s, e))
        return;
    td_block t = d->blocks[d->nblocks - 1];
    memmove(d->blocks + 1, d->blocks, (d->nblocks - 1) * sizeof t);
    d->blocks[0] = t;
    d->title = d->blocks[0].text;
}

/* The signature at the end of the article text: its last block, or the
 * block right after the last long paragraph. */
static void byline_from_text(html_ctx *c)
{
    td_doc *d = c->d;
    long last = -1;
    for (size_t i = c->first_block; i < d->nblocks; i++)
        if (d->blocks[i].len >= 200)
            last = (long)i;
    size_t cand[2] = {d->nblocks - 1, last >= 0 ? (size_t)last + 1 : d->nblocks};
    for (int k = 0; k < 2; k++) {
        if (cand[k] < c->first_block || cand[k] >= d->nblocks)
            continue;
        td_block *b = &d->blocks[cand[k]];
        if (b->kind == TD_BLOCK_TITLE || b->kind == TD_BLOCK_HEADING)
            continue;
        const char *nl = memchr(b->text, '\n', b->len);
        size_t n = nl ? (size_t)(nl - b->text) : b->len;
        const char *p = b->text;
        extract_trim(&p, &n);
        if (extract_is_byline(p, n)) {
            d->author = td_arena_strndup(d->arena, p, n);
            return;
        }
    }
}

int extract_html(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e)
{
    html_ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.o = o;
    td_buf buf = TD_BUF_INIT;
    meta m = {0};
    decode_page(&c, data, len, &buf);
    if (buf.len)
        blank_office_markup(buf.ptr, buf.len);
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
    read_meta(&c, root, &m);
    xmlNode *body = find_body(root);
    rc = extract_html_content(&c, body, e);
    if (rc != TD_OK)
        goto done;
    if (d->nblocks == c.first_block) {
        rc = td_err_set(e, TD_EEMPTY, "no article text found in the page");
        goto done;
    }
    char *site_title = m.title ? strip_site(m.title) : NULL;
    const char *site = NULL;
    if (m.title && site_title && strlen(site_title) < strlen(m.title)) {
        site = m.title + strlen(site_title);
        while (*site && strchr(" -|:\xC2\xBB\xE2\x80\x93\x94", *site))
            site++;
    }
    c.title_node = article_heading(&c, body, site && *site ? site : NULL);
    char *title = NULL;
    if (m.og_title && site && *site) {
        char *a = fold(m.og_title, strlen(m.og_title)), *b = fold(site, strlen(site));
        if (!strcmp(a, b)) {   /* a CMS that puts the site name everywhere */
            free(m.og_title);
            m.og_title = NULL;
        }
        free(a);
        free(b);
    }
    /* what the reader sees first: the article's heading; then the page's
     * own metadata; then a heading opening the text; then <title> */
    if (c.title_node)
        title = node_text(&c, c.title_node);   /* headings carry no site name */
    else if (m.og_title)
        title = strip_site(m.og_title);
    else if (d->blocks[c.first_block].kind == TD_BLOCK_HEADING &&
             d->blocks[c.first_block].level <= 3 &&
             extract_count_words(d->blocks[c.first_block].text,
                                 d->blocks[c.first_block].len) >= 4)
        title = td_xstrdup(d->blocks[c.first_block].text);
    else if (site_title && extract_count_words(site_title, strlen(site_title)) >= 4)
        title = td_xstrdup(site_title);
    if (!title) {
        /* no heading and a missing or bare <title> ("BÁO CÁO", as Word
         * writes it): the headline among the first blocks, as in text */
        extract_headline h;
        extract_headline_init(&h);
        for (size_t i = c.first_block; i < d->nblocks; i++)
            if (extract_headline_feed(&h, (long)i, d->blocks[i].text, d->blocks[i].len))
                break;
        long k = extract_headline_result(&h);
        if (k >= 0) {
            /* marked where it stands, as the text reader does: lines
             * above it (a national header, a document type) keep their
             * order */
            d->blocks[k].kind = TD_BLOCK_TITLE;
            d->blocks[k].level = 0;
            d->title = d->blocks[k].text;
        } else if (site_title && *site_title) {
            title = td_xstrdup(site_title);
        }
    }
    if (title && *title)
        add_title(&c, title);
    free(title);
    free(site_title);
    set_published(d, m.published);
    find_published(&c, root, c.title_node ? c.title_node : c.top);
    /* the byline printed on the page before the meta author, which is
     * often the account that posted the article */
    char *au = author_element(&c, body);
    if (!au && m.author)
        au = td_xstrdup(m.author);
    if (au) {
        const char *p = au;
        size_t n = strlen(au);
        extract_trim(&p, &n);
        if (n)
            d->author = td_arena_strndup(d->arena, p, n);
        free(au);
    }
    if (!d->author)
        byline_from_text(&c);
done:
    free(m.og_title);
    free(m.title);
    free(m.author);
    free(m.published);
    free(c.info);
    free(c.css);
    if (c.doc)
        xmlFreeDoc(c.doc);
    td_buf_free(&buf);
    return rc;
}
