/* fuzz_text.c - libFuzzer harness for the plain-text reader and encoding
 * detection: any bytes go to norm_detect_ex and norm_utf8_mostly (which
 * must agree with themselves: a verdict is a known encoding and a score in
 * [0, 1]), then to extract_text (UTF-8 with stray bytes, UTF-16 with a BOM,
 * windows-1258, TCVN3, VNI, VISCII; headline, date and signature lines)
 * and norm_doc.  Build and run with `make fuzz FUZZ=text`; seeds: the text
 * files of corpus/ and tests/data/ (fuzz/seeds.sh).
 */
#include <stdint.h>
#include <stdlib.h>

#include "extract/extract_int.h"
#include "normalize/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    double score = -1;
    norm_detect_info info;
    norm_encoding enc = norm_detect_ex(data, size, &score, &info);
    if (enc != NORM_ENC_UNKNOWN && (score < 0 || score > 1))
        abort();   /* a verdict comes with a share */
    if (info.ncand < 0 || info.ncand > NORM_DETECT_NCAND)
        abort();
    size_t invalid = 0;
    if (norm_utf8_mostly(data, size, &invalid) && invalid > size)
        abort();

    extract_opts o;
    extract_opts_default(&o);
    td_err e;
    td_doc *d = td_doc_new("fuzz.txt");
    d->format = TD_FMT_TEXT;
    d->size = size;
    if (size && extract_text(d, (const char *)data, size, &o, &e) == TD_OK && d->nblocks)
        norm_doc(d, &e);
    td_doc_free(d);
    return 0;
}
