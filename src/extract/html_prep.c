/* html_prep.c - the page's bytes made safe for libxml2's HTML parser.
 *
 * libxml2 reads some real markup in ways that lose the article or take
 * minutes; each repair here works in place on the decoded buffer with
 * spaces (offsets stay) except the last, which removes script and style
 * texts and keeps a map of the offsets: MS Office prefixed tags and
 * downlevel conditionals, an internal DTD subset, tags with thousands of
 * attributes, a <title> never closed.  One scan reads markup the way
 * libxml2 does (names, quoted values, comments, raw script and style).
 */
#include "extract/html_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *extract_html_find_ci(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (isalpha((unsigned char)needle[0])) {
        int c0 = needle[0] | 0x20;
        for (size_t i = 0; i + k <= n; i++)
            if ((hay[i] | 0x20) == c0 && strncasecmp(hay + i, needle, k) == 0)
                return hay + i;
        return NULL;
    }
    /* a needle opening with '<': let memchr find the candidates */
    for (const char *q = hay, *end = hay + n; (size_t)(end - q) >= k;) {
        q = memchr(q, needle[0], (size_t)(end - q) - k + 1);
        if (!q)
            return NULL;
        if (strncasecmp(q, needle, k) == 0)
            return q;
        q++;
    }
    return NULL;
}

/* Blank out (with spaces, so offsets stay) the MS Office markup that
 * libxml2 would misread: prefixed tags such as <o:p> (parsed as a nested
 * <p>) and <st1:place> (their text stays), and the downlevel-revealed
 * conditionals <![if !supportLists]> ... <![endif]> (shown as text). */
static void blank_office_markup(char *p, size_t n)
{
    /* the first '>' after the last candidate: a later candidate before it
     * has the same one, so a run of "<![if" without '>' is not rescanned */
    const char *gt = NULL;
    for (size_t i = 0; i + 3 < n; i++) {
        const char *lt = memchr(p + i, '<', n - 3 - i);
        if (!lt)
            return;
        i = (size_t)(lt - p);
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
        if (!gt || gt < p + i)
            gt = memchr(p + i, '>', n - i);
        if (!gt)
            return;
        /* "<![endif]-->" closes a comment: leave it alone */
        if (p[i + 1] == '!' && gt[-1] != ']')
            continue;
        memset(p + i, ' ', (size_t)(gt - p) - i + 1);
        i = (size_t)(gt - p);
    }
}

/* libxml2 compares each attribute of a start tag with all the earlier ones
 * and appends it at the end of a list, so a tag with 300000 attributes
 * takes minutes.  Tags keep their first HTML_MAX_ATTRS attributes; the rest
 * are blanked with spaces (offsets stay).  One pass that reads markup the
 * way libxml2's HTML parser does (names, quoted values, comments, <!...>
 * and <?...>, raw <script> and <style>), so that a quote inside a comment
 * or a script cannot hide a tag from it. */
#define HTML_MAX_ATTRS 256

static int name_start(unsigned char ch)
{
    return isalpha(ch) || ch == '_' || ch == ':' || ch == '.';
}

static int name_char(unsigned char ch)
{
    return isalnum(ch) || ch == '_' || ch == ':' || ch == '.' || ch == '-';
}

static int tag_end(const char *p, size_t i, size_t n)
{
    return p[i] == '>' || (p[i] == '/' && i + 1 < n && p[i + 1] == '>');
}

/* Offset just past the first case-insensitive needle at or after i, or
 * (size_t)-1 when there is none. */
static size_t skip_past(const char *p, size_t i, size_t n, const char *needle)
{
    const char *q = i <= n ? extract_html_find_ci(p + i, n - i, needle) : NULL;
    return q ? (size_t)(q - p) + strlen(needle) : (size_t)-1;
}

static size_t skip_blanks(const char *p, size_t i, size_t n)
{
    while (i < n && isspace((unsigned char)p[i]))
        i++;
    return i;
}

/* After "<!DOCTYPE" at i: past the name and the quoted PUBLIC/SYSTEM
 * literals, where a '>' does not end the doctype (elsewhere it does). */
static size_t doctype_literals(const char *p, size_t i, size_t n)
{
    i = skip_blanks(p, i, n);
    while (i < n && name_char((unsigned char)p[i]))
        i++;
    i = skip_blanks(p, i, n);
    if (!(n - i >= 6 && (strncasecmp(p + i, "public", 6) == 0 ||
                         strncasecmp(p + i, "system", 6) == 0)))
        return i;
    i += 6;
    for (int k = 0; k < 2; k++) {
        i = skip_blanks(p, i, n);
        if (i >= n || (p[i] != '"' && p[i] != '\''))
            break;
        const char *q = i + 1 < n ? memchr(p + i + 1, p[i], n - i - 1) : NULL;
        i = q ? (size_t)(q - p) + 1 : n;
    }
    return i;
}

/* Byte ranges [a, b) of the page, growable. */
typedef struct spans {
    size_t (*r)[2];
    size_t n, cap;
} spans;

static void spans_add(spans *s, size_t a, size_t b)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->r = td_xrealloc(s->r, s->cap * sizeof *s->r);
    }
    s->r[s->n][0] = a;
    s->r[s->n][1] = b;
    s->n++;
}

/* The scan also notes, in scripts, the text of every <script> that is not
 * JSON (JSON-LD is read later) and of every <style> that names no legacy
 * font: cut_scripts removes them before parsing. */
static void cap_attributes(char *p, size_t n, spans *scripts)
{
    size_t i = 0;
    int open_comment = 0;   /* a "<!--" had no "-->" after it: nor will a later one */
    while (i < n) {
        const char *lt = memchr(p + i, '<', n - i);
        if (!lt)
            return;
        i = (size_t)(lt - p) + 1;
        /* as libxml2: a comment runs to "-->" (unterminated, it is scanned
         * on as markup: harmless), a doctype and a PI to '>', any other
         * "<!" is text */
        if (!open_comment && n - i >= 3 && memcmp(p + i, "!--", 3) == 0) {
            size_t e = skip_past(p, i + 3, n, "-->");
            if (e != (size_t)-1)
                i = e;
            else
                open_comment = 1;
            continue;
        }
        if ((i < n && p[i] == '?') || (n - i >= 8 && strncasecmp(p + i, "!doctype", 8) == 0)) {
            if (p[i] == '!')
                i = doctype_literals(p, i + 8, n);
            const char *gt = memchr(p + i, '>', n - i);
            if (!gt)
                return;
            i = (size_t)(gt - p) + 1;
            continue;
        }
        if (i >= n || !isalpha((unsigned char)p[i]))
            continue;
        size_t name = i;
        while (i < n && name_char((unsigned char)p[i]))
            i++;
        size_t name_len = i - name;
        int count = 0;
        size_t cut = 0;
        while (i < n && !tag_end(p, i, n)) {
            if (isspace((unsigned char)p[i])) {
                i++;
                continue;
            }
            if (++count == HTML_MAX_ATTRS + 1)
                cut = i;
            if (!name_start((unsigned char)p[i])) {
                /* libxml2 skips a bad attribute name to the next blank */
                while (i < n && !isspace((unsigned char)p[i]) && !tag_end(p, i, n))
                    i++;
                continue;
            }
            while (i < n && name_char((unsigned char)p[i]))
                i++;
            size_t j = i;
            while (j < n && isspace((unsigned char)p[j]))
                j++;
            if (j >= n || p[j] != '=')
                continue;
            i = j + 1;
            while (i < n && isspace((unsigned char)p[i]))
                i++;
            if (i < n && (p[i] == '"' || p[i] == '\'')) {
                const char *q = i + 1 < n ? memchr(p + i + 1, p[i], n - i - 1) : NULL;
                i = q ? (size_t)(q - p) + 1 : n;
            } else {
                while (i < n && !isspace((unsigned char)p[i]) && p[i] != '>')
                    i++;
            }
        }
        if (cut)
            memset(p + cut, ' ', i - cut);
        /* the text of <script> and <style> runs to its end tag */
        int script = name_len == 6 && strncasecmp(p + name, "script", 6) == 0;
        if (script || (name_len == 5 && strncasecmp(p + name, "style", 5) == 0)) {
            char end[9] = "</";
            memcpy(end + 2, p + name, name_len);
            end[2 + name_len] = '\0';
            const char *gt = i < n ? memchr(p + i, '>', n - i) : NULL;
            size_t from = gt ? (size_t)(gt - p) + 1 : n;
            int json = extract_html_find_ci(p + name, i - name, "json") != NULL;
            i = skip_past(p, i, n, end);
            if (i == (size_t)-1)
                return;
            size_t to = i - strlen(end);
            /* a style sheet is read for legacy fonts only (parse_css:
             * families ".Vn..." and "VNI-...") */
            int fonts = !script && (extract_html_find_ci(p + from, to - from, ".vn") ||
                                    extract_html_find_ci(p + from, to - from, "vni"));
            if (to > from && !json && !fonts)
                spans_add(scripts, from, to);
        }
    }
}

/* Remove the script and style texts of cut (sorted, disjoint) from buf
 * and note in c->cuts how parsed offsets map back to the page.  libxml2
 * copies every byte of a script one character at a time into a node the
 * reader drops; on the pages of html-bench scripts are 17% of the bytes
 * and style sheets 9%. */
static void cut_scripts(html_ctx *c, td_buf *buf, const spans *cut)
{
    if (!cut->n)
        return;
    c->cuts = td_xmalloc(cut->n * sizeof *c->cuts);
    size_t w = cut->r[0][0], removed = 0;
    for (size_t k = 0; k < cut->n; k++) {
        size_t a = cut->r[k][0], b = cut->r[k][1];
        size_t next = k + 1 < cut->n ? cut->r[k + 1][0] : buf->len;
        removed += b - a;
        c->cuts[k].at = (long)w;
        c->cuts[k].shift = (long)removed;
        memmove(buf->ptr + w, buf->ptr + b, next - b);
        w += next - b;
    }
    c->ncuts = cut->n;
    buf->len = w;
    buf->ptr[w] = '\0';
}

/* The page offset of parsed offset off. */
long extract_html_page_offset(const html_ctx *c, long off)
{
    if (off < 0 || !c->ncuts || off < c->cuts[0].at)
        return off;
    size_t lo = 0, hi = c->ncuts;   /* the last cut at or before off */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (c->cuts[mid].at <= off)
            lo = mid;
        else
            hi = mid;
    }
    return off + c->cuts[lo].shift;
}


/* A <title> that is never closed (a page cut and spliced by a crawler)
 * would swallow the whole page as its text: blank its tag, in place, so
 * offsets stay, and its words stay text. */
static void blank_open_title(char *p, size_t n)
{
    const char *t = extract_html_find_ci(p, n, "<title");
    if (!t || extract_html_find_ci(t, n - (size_t)(t - p), "</title"))
        return;
    char *q = p + (t - p);
    char *gt = memchr(q, '>', n - (size_t)(q - p));
    if (gt)
        memset(q, ' ', (size_t)(gt - q) + 1);
}

/* An internal DTD subset, <!DOCTYPE html [<!ENTITY x "...">]>: libxml2's
 * HTML parser ends the doctype at the first '>' and shows the rest as body
 * text.  Blank each subset, brackets included, in place (offsets stay);
 * its entities are never expanded anyway.  Quoted literals and comments
 * inside it may hold ']' and '>'.  An unterminated subset is left alone. */
static void blank_internal_subset(char *p, size_t n)
{
    size_t i = 0;
    const char *dt;
    while (i < n && (dt = extract_html_find_ci(p + i, n - i, "<!doctype")) != NULL) {
        size_t a = skip_blanks(p, doctype_literals(p, (size_t)(dt - p) + 9, n), n);
        i = (size_t)(dt - p) + 9;
        if (a >= n || p[a] != '[')
            continue;
        size_t j = a + 1, z = (size_t)-1;
        while (j < n && z == (size_t)-1) {
            if (p[j] == '"' || p[j] == '\'') {
                const char *q = j + 1 < n ? memchr(p + j + 1, p[j], n - j - 1) : NULL;
                if (!q)
                    return;
                j = (size_t)(q - p) + 1;
            } else if (n - j >= 4 && memcmp(p + j, "<!--", 4) == 0) {
                j = skip_past(p, j + 4, n, "-->");
                if (j == (size_t)-1)
                    return;
            } else if (p[j] == ']') {
                size_t k = skip_blanks(p, j + 1, n);
                if (k < n && p[k] == '>')
                    z = j;
                j++;
            } else {
                j++;
            }
        }
        if (z == (size_t)-1)
            return;
        memset(p + a, ' ', z - a + 1);
        i = z + 1;
    }
}


void extract_html_prepare(html_ctx *c, td_buf *buf)
{
    if (!buf->len)
        return;
    blank_internal_subset(buf->ptr, buf->len);
    blank_office_markup(buf->ptr, buf->len);
    spans scripts = {NULL, 0, 0};
    cap_attributes(buf->ptr, buf->len, &scripts);
    cut_scripts(c, buf, &scripts);
    free(scripts.r);
    blank_open_title(buf->ptr, buf->len);
}
