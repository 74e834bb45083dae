/* rules.c - the stage entry point: apply a loaded rule set to a document.
 *
 * Finds the title (the reader's, else the first block a title rule
 * accepts), lays out the zones, runs the rules and resolves the facts.
 * Loading is in load.c, matching in apply.c, choosing in resolve.c.
 */
#include "rules/rules_int.h"

#include <stdlib.h>

int rules_apply(const rules_set *rs, td_doc *d, td_err *e)
{
    if (!rs || !d->fold || !d->fold_map)
        return td_err_set(e, TD_EUSAGE, "document not normalized before rules");
    docinfo di;
    rules_docinfo_init(&di, rs, d);
    for (size_t b = 0; di.title_block < 0 && b < di.nb && b < 8; b++) {
        cand c;
        if (rules_match_scoped(&di, TD_FACT_TITLE, SCOPE_DOC, di.bstart[b], di.bend[b], 1, &c))
            di.title_block = (long)b;
        else if (di.bend[b] - di.bstart[b] >= 200)
            break;   /* the article has begun: a headline comes before it */
    }
    rules_docinfo_zones(&di);
    cand_list cl = {0};
    rules_apply_rules(&di, &cl);
    rules_resolve_all(&di, &cl);
    if (d->source_url && !d->site_province)
        d->site_province = td_doc_strdup(d, rules_site_province(rs, d->source_url, NULL));
    free(cl.v);
    rules_docinfo_free(&di);
    return TD_OK;
}
