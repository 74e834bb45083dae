/* rules.c - placeholder until the rule engine lands: an empty rule set. */
#include "rules/rules.h"

#include <stdlib.h>

struct rules_set {
    int unused;
};

int rules_load(const char *dir, rules_set **out, td_err *e)
{
    (void)dir;
    (void)e;
    *out = td_xcalloc(1, sizeof **out);
    return TD_OK;
}

void rules_free(rules_set *rs) { free(rs); }

int rules_apply(const rules_set *rs, td_doc *d, td_err *e)
{
    (void)rs; (void)d; (void)e;
    return TD_OK;
}

int rules_run_tests(const rules_set *rs, const char *dir, FILE *out,
                    int *passed, int *failed, td_err *e)
{
    (void)rs; (void)dir; (void)out; (void)e;
    *passed = *failed = 0;
    return TD_OK;
}

void rules_facts_json(const td_doc *d, td_buf *out)
{
    td_buf_puts(out, "{\"file\":");
    td_json_str(out, d->path);
    td_buf_printf(out, ",\"format\":\"%s\"}", td_format_name(d->format));
}

void rules_facts_print(const td_doc *d, FILE *out)
{
    fprintf(out, "%s (%s)\n", d->path, td_format_name(d->format));
}
