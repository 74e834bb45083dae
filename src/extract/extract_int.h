/* extract_int.h - interface between extract.c and the per-format readers.
 *
 * Each reader appends blocks and metadata to a fresh td_doc and returns a
 * TD_* code, filling e on failure.  The caller frees the document on error.
 */
#ifndef EXTRACT_INT_H
#define EXTRACT_INT_H

#include "extract/extract.h"

/* Interface to code in text.c: plain text in UTF-8 (BOM or not), UTF-16
 * with BOM, windows-1258 or a legacy TCVN3/VNI encoding (detected).
 * Paragraphs are separated by blank lines; the first short line is the
 * title. */
int extract_text(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e);

/* Interface to code in html.c: the article's main text without page
 * boilerplate, with title, publication date and byline. */
int extract_html(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e);

/* Interface to code in docx.c: the body of word/document.xml in reading
 * order, notes, legacy-font runs decoded; properties from docProps/core.xml. */
int extract_docx(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e);

#endif
