/* fuzz_extract.c - libFuzzer harness: any bytes through extract and
 * normalize (sniffing picks the DOCX, HTML or text reader).  Build with
 * `make fuzz`; seeds come from corpus/ and tests/data/. */
#include <stddef.h>
#include <stdint.h>

#include "extract/extract.h"
#include "normalize/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    td_doc *d = NULL;
    td_err e;
    extract_opts o;
    extract_opts_default(&o);
    o.max_entry = 8u << 20;   /* keep the fuzzer's memory bounded */
    o.max_total = 32u << 20;
    if (extract_buffer("fuzz", (const char *)data, size, &o, &d, &e) == TD_OK) {
        norm_doc(d, &e);
        td_doc_free(d);
    }
    return 0;
}
