/* fuzz_pipeline.c - libFuzzer harness for the whole `extract --json` path:
 * any bytes through extract, normalize, the rules of rules/ (loaded once,
 * from $THIDUA_RULES or ./rules) and the JSON and text fact printers.
 * Build with `make fuzz FUZZ=pipeline` from the repository root.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "extract/extract.h"
#include "normalize/normalize.h"
#include "rules/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rules_set *rs;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    td_err e;
    if (!rs) {
        const char *dir = getenv("THIDUA_RULES");
        if (rules_load(dir ? dir : "rules", &rs, &e) != TD_OK) {
            fprintf(stderr, "fuzz_pipeline: cannot load rules: %s\n", e.msg);
            abort();
        }
    }
    td_doc *d = NULL;
    extract_opts o;
    extract_opts_default(&o);
    o.max_entry = 8u << 20;   /* keep the fuzzer's memory bounded */
    o.max_total = 32u << 20;
    if (extract_buffer("fuzz", (const char *)data, size, &o, &d, &e) != TD_OK)
        return 0;
    if (norm_doc(d, &e) == TD_OK && rules_apply(rs, d, &e) == TD_OK) {
        td_buf b = TD_BUF_INIT;
        rules_facts_json(d, &b);
        td_buf_free(&b);
        FILE *null = fopen("/dev/null", "w");
        if (null) {
            rules_facts_print(d, null);
            fclose(null);
        }
    }
    td_doc_free(d);
    return 0;
}
