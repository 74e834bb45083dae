/* fuzz_docx.c - libFuzzer harness for the DOCX reader's XML handling.
 *
 * Mutating a .docx byte by byte mostly breaks its zip checksums, so this
 * harness zips the input itself: the bytes are split at lines "--PART--"
 * into word/document.xml, styles.xml, numbering.xml, footnotes.xml,
 * endnotes.xml, docProps/core.xml, theme/theme1.xml and fontTable.xml
 * (stored, no rels), then go through extract_buffer and norm_doc.
 * Build with `make fuzz FUZZ=docx`; seeds: fuzz/docx_seeds.sh.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "extract/extract.h"
#include "normalize/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const part_names[] = {
    "word/document.xml", "word/styles.xml", "word/numbering.xml",
    "word/footnotes.xml", "word/endnotes.xml", "docProps/core.xml",
    "word/theme/theme1.xml", "word/fontTable.xml",
};
#define NPARTS (sizeof part_names / sizeof *part_names)
#define SEP "\n--PART--\n"

/* The zip built from the parts, in memory; NULL on a libzip failure. */
static char *build_zip(const char *data, size_t size, size_t *zlen)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    zip_error_fini(&ze);
    char *out = NULL;
    if (!za) {
        if (src)
            zip_source_free(src);
        return NULL;
    }
    zip_source_keep(src);
    const char *p = data, *end = data + size;
    for (size_t i = 0; i < NPARTS && p <= end; i++) {
        const char *q = memmem(p, (size_t)(end - p), SEP, sizeof SEP - 1);
        size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
        zip_source_t *ps = zip_source_buffer(za, p, n, 0);
        zip_int64_t idx = ps ? zip_file_add(za, part_names[i], ps, ZIP_FL_OVERWRITE) : -1;
        if (idx < 0) {
            zip_source_free(ps);
            break;
        }
        zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
        if (!q)
            break;
        p = q + sizeof SEP - 1;
    }
    if (zip_close(za) < 0) {
        zip_discard(za);
        zip_source_free(src);
        return NULL;
    }
    zip_stat_t zs;
    if (zip_source_stat(src, &zs) == 0 && zip_source_open(src) == 0) {
        out = malloc(zs.size ? zs.size : 1);
        zip_int64_t got = zip_source_read(src, out, zs.size);
        *zlen = got > 0 ? (size_t)got : 0;
        zip_source_close(src);
    }
    zip_source_free(src);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t zlen = 0;
    char *zip = build_zip((const char *)data, size, &zlen);
    if (!zip)
        return 0;
    td_doc *d = NULL;
    td_err e;
    extract_opts o;
    extract_opts_default(&o);
    o.max_entry = 8u << 20;   /* keep the fuzzer's memory bounded */
    o.max_total = 32u << 20;
    if (extract_buffer("fuzz.docx", zip, zlen, &o, &d, &e) == TD_OK) {
        norm_doc(d, &e);
        td_doc_free(d);
    }
    free(zip);
    return 0;
}
