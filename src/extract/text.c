/* text.c - plain-text reader.
 *
 * UTF-8 text (with or without BOM) split into paragraphs on blank lines;
 * line breaks inside a paragraph are kept (folding treats them as spaces).
 * Encoding detection for legacy and UTF-16 input belongs here too.
 */
#include "extract/extract_int.h"

#include <string.h>

int extract_text(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e)
{
    (void)o;
    (void)e;
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    d->encoding = "utf-8";
    while (i < len) {
        /* a paragraph runs to the next blank line */
        size_t start = i, end = i;
        while (end < len) {
            const char *nl = memchr(data + end, '\n', len - end);
            if (!nl) {
                end = len;
                break;
            }
            size_t j = (size_t)(nl - data) + 1;
            size_t k = j;
            while (k < len && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r'))
                k++;
            if (k >= len || data[k] == '\n') {
                end = (size_t)(nl - data);
                break;
            }
            end = j;
        }
        td_doc_add_block(d, TD_BLOCK_PARA, 0, data + start, end - start,
                         (long)start, (long)end);
        i = end < len ? end + 1 : len;
    }
    return TD_OK;
}
