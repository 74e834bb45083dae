/* html_jsonld.c - the article text a page states in its JSON-LD.
 *
 * News sites describe the article for search engines in
 * <script type="application/ld+json"> (schema.org NewsArticle), often with
 * its whole text as "articleBody".  The reader uses it as evidence when the
 * page's own markup yields too little (a body built by scripts, a teaser
 * with the rest behind a "read more").  Only that one string is read, so a
 * small decoder of JSON strings is enough: no JSON library is needed.
 */
#include "extract/html_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/text_util.h"

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

static long hex4(const char *s, const char *end)
{
    if (end - s < 4)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval((unsigned char)s[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Decode the JSON string starting after its opening quote at s into out;
 * markup inside it (some sites put HTML there) is dropped, a closing </p>,
 * </div> or <br> becoming a line break.  Returns 1 when the closing quote
 * was found. */
static int json_string(const char *s, const char *end, td_buf *out)
{
    td_buf raw = TD_BUF_INIT;
    int closed = 0;
    while (s < end) {
        char ch = *s++;
        if (ch == '"') {
            closed = 1;
            break;
        }
        if (ch != '\\') {
            td_buf_putc(&raw, ch);
            continue;
        }
        if (s >= end)
            break;
        ch = *s++;
        switch (ch) {
        case 'n': case 'r': td_buf_putc(&raw, '\n'); break;
        case 't': td_buf_putc(&raw, ' '); break;
        case 'b': case 'f': break;
        case 'u': {
            long v = hex4(s, end);
            if (v < 0)
                break;
            s += 4;
            if (v >= 0xD800 && v < 0xDC00 && end - s >= 6 && s[0] == '\\' && s[1] == 'u') {
                long lo = hex4(s + 2, end);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                    s += 6;
                }
            }
            if (v >= 0xD800 && v < 0xE000)
                v = 0xFFFD;
            char u[4];
            td_buf_append(&raw, u, td_utf8_encode((unsigned long)v, u));
            break;
        }
        default: td_buf_putc(&raw, ch); break;
        }
    }
    /* markup out; block ends become line breaks */
    for (size_t i = 0; i < raw.len; i++) {
        if (raw.ptr[i] == '<') {
            const char *gt = memchr(raw.ptr + i, '>', raw.len - i);
            if (gt) {
                size_t tl = (size_t)(gt - (raw.ptr + i));
                if (!strncasecmp(raw.ptr + i, "</p", 3) || !strncasecmp(raw.ptr + i, "<br", 3) ||
                    !strncasecmp(raw.ptr + i, "</div", 5) || !strncasecmp(raw.ptr + i, "</h", 3) ||
                    !strncasecmp(raw.ptr + i, "</li", 4))
                    td_buf_putc(out, '\n');
                i += tl;
                continue;
            }
        }
        td_buf_putc(out, raw.ptr[i]);
    }
    td_buf_free(&raw);
    return closed;
}

char *extract_html_ld_body(xmlNode *root)
{
    td_buf best = TD_BUF_INIT;
    int budget = 200000;
    for (xmlNode *n = root; n && budget-- > 0; n = extract_html_next(n, root, 0)) {
        if (strcmp(extract_html_tag(n), "script"))
            continue;
        char *type = extract_html_attr(n, "type");
        int ld = type && strstr(type, "ld+json");
        xmlFree(type);
        if (!ld)
            continue;
        char *js = (char *)xmlNodeGetContent(n);
        if (!js)
            continue;
        const char *end = js + strlen(js);
        for (const char *p = strstr(js, "\"articleBody\""); p; p = strstr(p + 1, "\"articleBody\"")) {
            const char *q = p + 13;
            while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
                q++;
            if (q >= end || *q != ':')
                continue;
            q++;
            while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
                q++;
            if (q >= end || *q != '"')
                continue;
            td_buf t = TD_BUF_INIT;
            if (json_string(q + 1, end, &t) && t.len > best.len) {
                td_buf_free(&best);
                best = t;
            } else {
                td_buf_free(&t);
            }
        }
        xmlFree(js);
    }
    if (!best.len) {
        td_buf_free(&best);
        return NULL;
    }
    return td_buf_detach(&best);
}
