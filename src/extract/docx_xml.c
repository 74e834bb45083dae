/* docx_xml.c - the safe streaming XML reader the DOCX parts go through.
 *
 * Wraps libxml2's xmlTextReader: no network, no entity substitution, no DTD
 * loading, errors captured into a one-line message that names the part,
 * and a nesting limit.  Also the namespace table: elements are matched on
 * namespace URI and local name, never on prefixes.  And the raw tag
 * scanner that follows the reader through the bytes of a part, for the
 * source spans of the body's blocks.
 */
#include "extract/docx_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *uri;
    docx_ns ns;
} ns_table[] = {
    {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", DOCX_NS_W},
    {"http://purl.oclc.org/ooxml/wordprocessingml/main", DOCX_NS_W},
    {"http://schemas.openxmlformats.org/markup-compatibility/2006", DOCX_NS_MC},
    {"http://schemas.openxmlformats.org/officeDocument/2006/math", DOCX_NS_M},
    {"http://purl.oclc.org/ooxml/officeDocument/math", DOCX_NS_M},
    {"http://schemas.openxmlformats.org/drawingml/2006/main", DOCX_NS_A},
    {"http://purl.oclc.org/ooxml/drawingml/main", DOCX_NS_A},
    {"http://schemas.openxmlformats.org/package/2006/relationships", DOCX_NS_PKGREL},
    {"http://purl.org/dc/elements/1.1/", DOCX_NS_DC},
    {"http://purl.org/dc/terms/", DOCX_NS_DCTERMS},
};

docx_ns extract_docx_ns_of(const xmlChar *uri)
{
    if (!uri)
        return DOCX_NS_OTHER;
    for (size_t i = 0; i < sizeof ns_table / sizeof ns_table[0]; i++)
        if (strcmp((const char *)uri, ns_table[i].uri) == 0)
            return ns_table[i].ns;
    return DOCX_NS_OTHER;
}

/* Namespaces whose content the generic walk reads correctly: text boxes in
 * DrawingML shapes and groups, Word 2010+ extensions, math, VML. */
int extract_docx_ns_understood(const xmlChar *uri)
{
    static const char *known[] = {
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
        "http://schemas.microsoft.com/office/word/2010/wordml",
        "http://schemas.microsoft.com/office/word/2012/wordml",
        "http://schemas.microsoft.com/office/drawing/2010/main",
        "http://schemas.openxmlformats.org/officeDocument/2006/math",
        "urn:schemas-microsoft-com:vml",
        "urn:schemas-microsoft-com:office:office",
        "urn:schemas-microsoft-com:office:word",
    };
    if (!uri)
        return 0;
    if (extract_docx_ns_of(uri) != DOCX_NS_OTHER)
        return 1;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp((const char *)uri, known[i]) == 0)
            return 1;
    return 0;
}

/* External entities and DTDs are never fetched, whatever the options say. */
static xmlParserInputPtr no_loader(const char *url, const char *id,
                                   xmlParserCtxtPtr ctxt)
{
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

static void on_error(void *arg, xmlErrorPtr err)
{
    docx_xml *x = arg;
    if (!err || err->level < XML_ERR_ERROR || x->err[0])
        return;
    const char *msg = err->message ? err->message : "parse error";
    if (strstr(msg, "Excessive depth"))
        x->err_depth = 1;
    int n = snprintf(x->err, sizeof x->err, "line %d: ", err->line);
    if (n < 0 || (size_t)n >= sizeof x->err)
        return;
    /* one line, lowercase first word, no final full stop */
    size_t j = (size_t)n;
    for (const char *p = msg; *p && j + 1 < sizeof x->err; p++)
        x->err[j++] = (*p == '\n' || *p == '\r') ? ' ' : *p;
    while (j > (size_t)n && (x->err[j - 1] == ' ' || x->err[j - 1] == '.'))
        j--;
    x->err[j] = '\0';
    x->err[n] = (char)tolower((unsigned char)x->err[n]);
}

#define DOCX_MAX_ATTRS 512   /* Word writes a few dozen at most */

/* 1 when a start tag in data carries more than max attributes.  libxml2
 * appends attributes to a list it walks each time, so thousands of them
 * in one tag cost quadratic time; such a part is refused up front. */
static int too_many_attributes(const char *p, size_t n, int max)
{
    size_t i = 0;
    while (i < n) {
        const char *lt = memchr(p + i, '<', n - i);
        if (!lt)
            return 0;
        i = (size_t)(lt - p) + 1;
        if (i >= n || !(isalpha((unsigned char)p[i]) || p[i] == '_'))
            continue;
        int count = 0;
        while (i < n && p[i] != '>') {
            if (p[i] == '"' || p[i] == '\'') {
                const char *q = i + 1 < n ? memchr(p + i + 1, p[i], n - i - 1) : NULL;
                i = q ? (size_t)(q - p) + 1 : n;
                continue;
            }
            if (p[i] == '=' && ++count > max)
                return 1;
            i++;
        }
    }
    return 0;
}

int extract_docx_xml_open(docx_xml *x, const char *data, size_t len,
                  const char *part, int max_depth, td_err *e)
{
    memset(x, 0, sizeof *x);
    x->part = part;
    x->max_depth = max_depth;
    if (len > (size_t)0x7fffffff)
        return td_err_set(e, TD_ELIMIT, "part '%s' is too large", part);
    if (too_many_attributes(data, len, DOCX_MAX_ATTRS))
        return td_err_set(e, TD_ELIMIT,
                          "xml in '%s' has an element with more than %d attributes",
                          part, DOCX_MAX_ATTRS);
    x->saved_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(no_loader);
    /* no XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR or
     * XML_PARSE_HUGE: entities stay references and libxml2 keeps its own
     * size limits */
    x->r = xmlReaderForMemory(data, (int)len, part, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING);
    if (!x->r) {
        extract_docx_xml_close(x);
        return td_err_set(e, TD_ENOMEM, "cannot create an xml reader for '%s'", part);
    }
    xmlTextReaderSetStructuredErrorHandler(x->r, on_error, x);
    return TD_OK;
}

int extract_docx_xml_next(docx_xml *x, td_err *e)
{
    int rc = xmlTextReaderRead(x->r);
    if (rc == 1) {
        if (xmlTextReaderDepth(x->r) > x->max_depth) {
            td_err_set(e, TD_ELIMIT, "xml in '%s' nests deeper than %d elements",
                       x->part, x->max_depth);
            return -TD_ELIMIT;
        }
        return 1;
    }
    if (rc == 0 && !x->err[0])
        return 0;
    if (x->err_depth) {
        td_err_set(e, TD_ELIMIT, "xml in '%s' nests deeper than %d elements",
                   x->part, x->max_depth);
        return -TD_ELIMIT;
    }
    td_err_set(e, TD_EFORMAT, "malformed xml in '%s' (%s)", x->part,
               x->err[0] ? x->err : "parse error");
    return -TD_EFORMAT;
}

docx_ns extract_docx_xml_ns(docx_xml *x)
{
    const xmlChar *uri = xmlTextReaderConstNamespaceUri(x->r);
    if (uri != x->last_uri) {
        /* the reader interns names, so one pointer stands for one URI */
        x->last_uri = uri;
        x->last_ns = extract_docx_ns_of(uri);
    }
    return x->last_ns;
}

static int attr_impl(docx_xml *x, const char *local, int any_ns, char *buf,
                     size_t n)
{
    int found = 0;
    buf[0] = '\0';
    if (xmlTextReaderMoveToFirstAttribute(x->r) != 1)
        return 0;
    do {
        const xmlChar *ln = xmlTextReaderConstLocalName(x->r);
        if (!ln || strcmp((const char *)ln, local) != 0)
            continue;
        const xmlChar *uri = xmlTextReaderConstNamespaceUri(x->r);
        if (!any_ns && uri && extract_docx_ns_of(uri) != DOCX_NS_W)
            continue;
        const xmlChar *v = xmlTextReaderConstValue(x->r);
        snprintf(buf, n, "%s", v ? (const char *)v : "");
        found = 1;
        if (uri)   /* a namespaced match beats an unqualified one */
            break;
    } while (xmlTextReaderMoveToNextAttribute(x->r) == 1);
    xmlTextReaderMoveToElement(x->r);
    return found;
}

int extract_docx_xml_attr(docx_xml *x, const char *local, char *buf, size_t n)
{
    return attr_impl(x, local, 0, buf, n);
}

int extract_docx_xml_attr_any(docx_xml *x, const char *local, char *buf, size_t n)
{
    return attr_impl(x, local, 1, buf, n);
}

void extract_docx_xml_close(docx_xml *x)
{
    if (x->r)
        xmlFreeTextReader(x->r);
    x->r = NULL;
    if (x->saved_loader)
        xmlSetExternalEntityLoader(x->saved_loader);
    x->saved_loader = NULL;
}

int extract_docx_onoff(const char *val, int present)
{
    if (!present)
        return 0;
    if (!val[0])
        return 1;
    return strcmp(val, "1") == 0 || strcmp(val, "true") == 0 ||
           strcmp(val, "on") == 0;
}

/* ---- raw tag scanner: byte offsets of the reader's elements ------------ */

static size_t skip_past(const char *s, size_t n, size_t i, const char *end)
{
    size_t k = strlen(end);
    const char *p = memmem(s + i, n - i, end, k);
    return p ? (size_t)(p - s) + k : n;
}

/* Find the next start (end = 0) or end tag (end = 1) after rp->pos and
 * check that it is qname.  Sets [*a, *b) to the tag's bytes. */
int extract_docx_raw_tag(docx_rawpos *rp, int end, const char *qname, long *a, long *b)
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
