/* extract.h - stage 1: read DOCX, HTML and plain text into a td_doc.
 *
 * The format is sniffed from the content, never from the file name.  Each
 * reader appends blocks (title first when known) with source offsets and
 * fills the metadata it can find; normalization and facts come later.
 * Safety limits are enforced here: file size, zip entry size and
 * compression ratio, nesting depth, no network and no entity expansion.
 */
#ifndef EXTRACT_H
#define EXTRACT_H

#include "core/td.h"

typedef struct extract_opts {
    size_t max_file;        /* largest input file accepted, bytes */
    size_t max_entry;       /* largest uncompressed zip entry, bytes */
    size_t max_total;       /* largest uncompressed total of read entries */
    double max_ratio;       /* largest uncompressed/compressed ratio of an entry */
    int max_depth;          /* deepest element nesting walked in HTML/XML */
    int keep_boilerplate;   /* HTML: keep navigation, sidebars, ... (debug) */
} extract_opts;

/* Fill o with the defaults (50 MiB file, 64 MiB entry, 256 MiB total,
 * ratio 200, depth 256). */
void extract_opts_default(extract_opts *o);

/* Set up the libraries the readers share (libxml2's parser globals).  Call
 * once, before any thread reads a file; the readers may then run on
 * several threads at once. */
void extract_init(void);

/* The format of data, judged from its bytes: a zip holding
 * word/document.xml is DOCX; markup that starts (after BOM, blanks and
 * comments) with <!doctype html, <html, <head, <body or holds typical tags
 * is HTML; anything else that is not binary is text.  TD_FMT_UNKNOWN for
 * other zips and binary data. */
td_format extract_sniff(const char *data, size_t len);

/* Read the file at path and extract it.  On success *out is a new document
 * the caller frees with td_doc_free; on failure *out is NULL and e says why
 * (e->path is set to path). */
int extract_file(const char *path, const extract_opts *o, td_doc **out,
                 td_err *e);

/* Same for bytes already in memory (fuzzers, tests); path is only a name. */
int extract_buffer(const char *path, const char *data, size_t len,
                   const extract_opts *o, td_doc **out, td_err *e);

#endif
