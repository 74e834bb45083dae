/* fuzz_rules.c - libFuzzer harness for the rules engine: the rules of
 * rules/ (loaded once, from $THIDUA_RULES or ./rules) run over fuzz text
 * given straight as blocks, without a reader in between, so every byte
 * reaches the patterns, the splitters and the resolver.  Blocks are
 * separated by blank lines; a block starting with "T:", "H:", "L:" or "C:"
 * is a title, heading, list item or table cell (cells take their row and
 * column from the count of cells so far), any other a paragraph.  A first
 * line starting with "http" is the document's source address (the site's
 * province).  Facts must point inside the text and have a known kind;
 * then both fact printers run.  Build and run with `make fuzz FUZZ=rules`;
 * seeds: the cases of the rules/ .test files (fuzz/seeds.sh).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize/normalize.h"
#include "rules/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rules_set *rs;
static FILE *devnull;

static void add_block(td_doc *d, const char *s, size_t n, int *cells)
{
    td_block_kind k = TD_BLOCK_PARA;
    if (n >= 2 && s[1] == ':') {
        switch (s[0]) {
        case 'T': k = TD_BLOCK_TITLE; break;
        case 'H': k = TD_BLOCK_HEADING; break;
        case 'L': k = TD_BLOCK_LIST_ITEM; break;
        case 'C': k = TD_BLOCK_TABLE_CELL; break;
        default: break;
        }
        if (k != TD_BLOCK_PARA) {
            s += 2;
            n -= 2;
        }
    }
    td_block *b = td_doc_add_block(d, k, k == TD_BLOCK_HEADING ? 1 : 0, s, n,
                                   -1, -1);
    if (b && k == TD_BLOCK_TABLE_CELL) {
        b->row = *cells / 3;
        b->col = *cells % 3;
        (*cells)++;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    td_err e;
    if (!rs) {
        const char *dir = getenv("THIDUA_RULES");
        if (rules_load(dir ? dir : "rules", &rs, &e) != TD_OK) {
            fprintf(stderr, "fuzz_rules: cannot load rules: %s\n", e.msg);
            abort();
        }
        devnull = fopen("/dev/null", "w");
    }
    const char *p = (const char *)data, *end = p + size;
    td_doc *d = td_doc_new("fuzz.txt");
    d->format = TD_FMT_TEXT;
    d->size = size;
    if (size >= 4 && memcmp(p, "http", 4) == 0) {
        const char *nl = memchr(p, '\n', size);
        size_t n = nl ? (size_t)(nl - p) : size;
        char *url = strndup(p, n);
        d->source_url = td_doc_strdup(d, url);
        free(url);
        p += nl ? n + 1 : n;
    }
    int cells = 0;
    while (p < end) {
        const char *q = memmem(p, (size_t)(end - p), "\n\n", 2);
        size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
        add_block(d, p, n, &cells);
        p += q ? n + 2 : n;
    }
    if (d->nblocks && norm_doc(d, &e) == TD_OK && rules_apply(rs, d, &e) == TD_OK) {
        for (size_t i = 0; i < d->nfacts; i++) {
            const td_fact *f = &d->facts[i];
            if ((unsigned)f->kind >= TD_FACT__COUNT || f->start > f->end ||
                f->end > d->text_len || f->sent_start > f->sent_end ||
                f->sent_end > d->text_len) {
                fprintf(stderr, "fuzz_rules: fact %zu (%s, rule %s) spans %zu-%zu, "
                        "sentence %zu-%zu, of %zu bytes\n", i, td_fact_name(f->kind),
                        f->rule ? f->rule : "?", f->start, f->end, f->sent_start,
                        f->sent_end, d->text_len);
                abort();
            }
        }
        td_buf b = TD_BUF_INIT;
        rules_facts_json(d, &b);
        td_buf_free(&b);
        if (devnull)
            rules_facts_print(d, devnull);
    }
    td_doc_free(d);
    return 0;
}
