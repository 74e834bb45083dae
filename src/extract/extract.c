/* extract.c - format sniffing and dispatch to the readers.
 *
 * Decides what a file is from its bytes and hands it to text.c, html.c or
 * docx.c.  Limits on the whole file are checked here, before any reader
 * allocates.
 */
#include "extract/extract_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/parser.h>

#include "normalize/normalize.h"

void extract_init(void)
{
    /* libxml2 initializes its globals on first use, which is a race when
     * the first uses are on several threads */
    xmlInitParser();
    /* libzip turns entry times into time_t with mktime(), whose first call
     * reads the time zone into glibc's globals: done here, once, it is
     * only looked up on the threads */
    tzset();
}

void extract_opts_default(extract_opts *o)
{
    o->max_file = 50u << 20;
    o->max_entry = 64u << 20;
    o->max_total = 256u << 20;
    o->max_ratio = 200.0;
    o->max_depth = 256;
    o->keep_boilerplate = 0;
}

/* Case-insensitive search for needle in the first n bytes of hay. */
static int has_ci(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    int c0 = needle[0] | 0x20;
    for (size_t i = 0; i + k <= n; i++)
        if ((hay[i] | 0x20) == c0 && strncasecmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

static int looks_html(const char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    /* UTF-16 BOMs: decide on the text after conversion, treat as text */
    for (;;) {
        while (i < n && isspace((unsigned char)p[i]))
            i++;
        if (i + 4 <= n && memcmp(p + i, "<!--", 4) == 0) {
            const char *end = NULL;
            for (size_t j = i + 4; j + 3 <= n; j++)
                if (memcmp(p + j, "-->", 3) == 0) {
                    end = p + j + 3;
                    break;
                }
            if (!end)
                return 0;
            i = (size_t)(end - p);
            continue;
        }
        if (i + 5 <= n && strncasecmp(p + i, "<?xml", 5) == 0) {
            const char *q = memchr(p + i, '>', n - i);
            if (!q)
                return 0;
            i = (size_t)(q - p) + 1;
            continue;
        }
        break;
    }
    static const char *starts[] = {"<!doctype html", "<html", "<head",
                                   "<body", "<meta", "<title"};
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
        size_t len = strlen(starts[k]);
        if (i + len <= n && strncasecmp(p + i, starts[k], len) == 0)
            return 1;
    }
    /* markup without a proper head: a page that opens with a script,
     * style, link or a DOCTYPE cut short, or a fragment of block tags;
     * the markup must go on past its first tag (closing tags, a body) */
    if (i + 1 >= n || p[i] != '<' || !(isalpha((unsigned char)p[i + 1]) || p[i + 1] == '!'))
        return 0;
    size_t scan = n < 65536 ? n : 65536;
    static const char *const marks[] = {"<body", "</div>", "</p>", "<p>", "<p ",
        "</td>", "</table>", "</a>", "<br", "<div", "<article", NULL};
    for (size_t k = 0; marks[k]; k++)
        if (has_ci(p + i, scan - i, marks[k]))
            return 1;
    return 0;
}

td_format extract_sniff(const char *data, size_t len)
{
    if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
        /* a zip: DOCX when word/document.xml (or any word/ part) is named */
        size_t scan = len < (1u << 20) ? len : (1u << 20);
        if (has_ci(data, scan, "word/") || has_ci(data, scan, "[Content_Types].xml"))
            return TD_FMT_DOCX;
        /* the central directory sits at the end of the file */
        if (len > scan && has_ci(data + len - scan, scan, "word/"))
            return TD_FMT_DOCX;
        return TD_FMT_UNKNOWN;
    }
    if (len >= 2 && ((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE))
        return TD_FMT_TEXT;   /* UTF-16LE BOM */
    if (len >= 2 && ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))
        return TD_FMT_TEXT;   /* UTF-16BE BOM */
    if (looks_html(data, len))
        return TD_FMT_HTML;
    /* binary: NUL bytes in the first 8 KiB */
    size_t scan = len < 8192 ? len : 8192;
    if (memchr(data, '\0', scan))
        return TD_FMT_UNKNOWN;
    return TD_FMT_TEXT;
}

int extract_buffer(const char *path, const char *data, size_t len,
                   const extract_opts *o, td_doc **out, td_err *e)
{
    extract_opts def;
    if (!o) {
        extract_opts_default(&def);
        o = &def;
    }
    *out = NULL;
    if (len == 0)
        return td_err_set(e, TD_EEMPTY, "empty file");
    if (len > o->max_file)
        return td_err_set(e, TD_ELIMIT, "file is %zu bytes, larger than the limit of %zu",
                          len, o->max_file);
    td_format f = extract_sniff(data, len);
    if (f == TD_FMT_UNKNOWN) {
        if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
            return td_err_set(e, TD_EFORMAT, "zip archive without word/document.xml: not a DOCX file");
        norm_encoding u16 = norm_detect((const unsigned char *)data, len < 8192 ? len : 8192, NULL);
        if (u16 == NORM_ENC_UTF16LE || u16 == NORM_ENC_UTF16BE)
            return td_err_set(e, TD_EENCODING, "UTF-16 text without a byte-order mark: "
                                               "not read (save it as UTF-8)");
        return td_err_set(e, TD_EFORMAT, "binary data: not DOCX, HTML or text");
    }
    td_doc *d = td_doc_new(path);
    d->format = f;
    d->size = len;
    td_hash_hex(data, len, d->hash);
    int rc;
    switch (f) {
    case TD_FMT_DOCX: rc = extract_docx(d, data, len, o, e); break;
    case TD_FMT_HTML: rc = extract_html(d, data, len, o, e); break;
    default: rc = extract_text(d, data, len, o, e); break;
    }
    if (rc == TD_OK && d->nblocks == 0)
        rc = td_err_set(e, TD_EEMPTY, "no text found");
    if (rc != TD_OK) {
        td_doc_free(d);
        return rc;
    }
    *out = d;
    return TD_OK;
}

int extract_file(const char *path, const extract_opts *o, td_doc **out,
                 td_err *e)
{
    extract_opts def;
    if (!o) {
        extract_opts_default(&def);
        o = &def;
    }
    *out = NULL;
    char *data;
    size_t len;
    int rc = td_read_file(path, o->max_file, &data, &len, e);
    if (rc == TD_OK) {
        rc = extract_buffer(path, data, len, o, out, e);
        free(data);
    }
    if (rc != TD_OK && e)
        snprintf(e->path, sizeof e->path, "%s", path);
    return rc;
}
