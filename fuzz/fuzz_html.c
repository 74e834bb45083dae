/* fuzz_html.c - libFuzzer harness for the HTML reader: any bytes go to
 * extract_html (whatever the sniffer would say), then through norm_doc, so
 * charset detection, libxml2's recovery, the boilerplate filter, JSON-LD,
 * the metadata and the block builder all see hostile markup.  Build and run
 * with `make fuzz FUZZ=html`; seeds: the .html files of corpus/ and
 * tests/data/ (fuzz/seeds.sh).
 */
#include <stdint.h>

#include "extract/extract_int.h"
#include "normalize/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    extract_opts o;
    extract_opts_default(&o);
    td_err e;
    td_doc *d = td_doc_new("fuzz.html");
    d->format = TD_FMT_HTML;
    d->size = size;
    if (extract_html(d, (const char *)data, size, &o, &e) == TD_OK && d->nblocks)
        norm_doc(d, &e);
    td_doc_free(d);
    return 0;
}
