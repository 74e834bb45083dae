/* extract_int.h - interface between extract.c and the per-format readers.
 *
 * Each reader appends blocks and metadata to a fresh td_doc and returns a
 * TD_* code, filling e on failure.  The caller frees the document on error.
 */
#ifndef EXTRACT_INT_H
#define EXTRACT_INT_H

#include "extract/extract.h"

/* Interface to code in text.c: plain text in UTF-8 (BOM or not), UTF-16
 * with BOM (a UTF-16 page holding HTML goes to extract_html), windows-1258
 * or a legacy TCVN3/VNI/VISCII encoding (detected).  Paragraphs are
 * separated by blank lines (one per line when the file has none); the
 * headline is marked TD_BLOCK_TITLE where it stands, after page-header
 * lines (dates, slogans, menus).  Sets title, published (a date+time line
 * next to the headline) and author (a signature line). */
int extract_text(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e);

/* Interface to code in html.c and html_content.c: the article's main text
 * without page boilerplate, the title as the first block (or marked in
 * place when it is a headline found among the blocks), publication date
 * and byline.  TD_EEMPTY when the page holds no article text, TD_ELIMIT
 * when elements nest deeper than o->max_depth. */
int extract_html(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e);

/* Interface to code in docx.c: the body of word/document.xml in reading
 * order, notes, legacy-font runs decoded; properties from docProps/core.xml. */
int extract_docx(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e);

#endif
