/* snippet.c - td_snippet(), an FTS5 auxiliary function whose cost does not
 * grow with the document.
 *
 * FTS5's own snippet() scores every window against every phrase instance
 * of the row and tokenizes the whole column: on a document of 50 MB with
 * a common word that is quadratic and takes hours, and a search computes
 * it for every hit before sorting.  td_snippet() leaves documents of up to
 * SNIPPET_FTS5_MAX tokens to snippet() (it returns NULL for them, so the
 * query reads coalesce(td_snippet(...), snippet(...)) and the snippets of
 * ordinary reports stay as they were).  For a longer column it shows the
 * window around the first phrase instance found within its first
 * SNIPPET_SCAN_MAX tokens (else the column's start), cutting words only
 * up to the window's end.
 */
#include "index/index_int.h"

#include <string.h>

#define SNIPPET_FTS5_MAX 16384     /* tokens: longer columns are ours */
#define SNIPPET_SCAN_MAX 65536     /* tokens: instances after it are not shown */
#define SNIPPET_MAX_TOKENS 64      /* window size asked for, at most */

typedef struct snip_tok {
    int start, end;                /* bytes in the column text */
} snip_tok;

typedef struct snip_run {
    int pos;                       /* position of the next word */
    int from, to;                  /* the window: positions [from, to) */
    snip_tok tok[SNIPPET_MAX_TOKENS];
    int more;                      /* a word follows the window */
} snip_run;

static int snip_word(void *ctx, const char *folded, size_t nf, const char *exact,
                     size_t ne, size_t start, size_t end)
{
    (void)folded; (void)nf; (void)exact; (void)ne;
    snip_run *r = ctx;
    if (r->pos >= r->to) {
        r->more = 1;
        return SQLITE_DONE;        /* the window is complete: stop cutting */
    }
    if (r->pos >= r->from)
        r->tok[r->pos - r->from] = (snip_tok){(int)start, (int)end};
    r->pos++;
    return SQLITE_OK;
}

static void snippet_fn(const Fts5ExtensionApi *api, Fts5Context *fts,
                       sqlite3_context *ctx, int nval, sqlite3_value **val)
{
    if (nval != 5) {
        sqlite3_result_error(ctx, "td_snippet: wrong number of arguments", -1);
        return;
    }
    int col = sqlite3_value_int(val[0]);
    const char *open = (const char *)sqlite3_value_text(val[1]);
    const char *close = (const char *)sqlite3_value_text(val[2]);
    const char *ellipsis = (const char *)sqlite3_value_text(val[3]);
    int ntok = sqlite3_value_int(val[4]);
    int size = 0;
    if (api->xColumnSize(fts, col, &size) != SQLITE_OK || size <= SNIPPET_FTS5_MAX) {
        sqlite3_result_null(ctx);  /* snippet() does it */
        return;
    }
    if (ntok < 1)
        ntok = 1;
    if (ntok > SNIPPET_MAX_TOKENS)
        ntok = SNIPPET_MAX_TOKENS;
    /* the first instance of any phrase in the column (the iterators run in
     * column order, then position: they stop at the first in col) */
    int nph = api->xPhraseCount(fts), first = -1;
    for (int p = 0; p < nph; p++) {
        Fts5PhraseIter it;
        int c = -1, o = -1;
        if (api->xPhraseFirst(fts, p, &it, &c, &o) != SQLITE_OK)
            continue;
        while (c >= 0 && c < col)
            api->xPhraseNext(fts, &it, &c, &o);
        if (c == col && o < SNIPPET_SCAN_MAX && (first < 0 || o < first))
            first = o;
    }
    snip_run r;
    memset(&r, 0, sizeof r);
    if (first > 0)                 /* the instance in the middle of the window */
        r.from = first > (ntok - 1) / 2 ? first - (ntok - 1) / 2 : 0;
    r.to = r.from + ntok;
    const char *text = NULL;
    int len = 0;
    if (api->xColumnText(fts, col, &text, &len) != SQLITE_OK || !text) {
        sqlite3_result_null(ctx);
        return;
    }
    index_split(text, (size_t)len, snip_word, &r);
    int n = r.pos - r.from;        /* words of the window found */
    if (n <= 0) {
        sqlite3_result_null(ctx);
        return;
    }
    /* highlight: for each word of the window, the end of the instance that
     * starts there (0 = none) */
    int hl_end[SNIPPET_MAX_TOKENS] = {0};
    for (int p = 0; p < nph; p++) {
        Fts5PhraseIter it;
        int c = -1, o = -1, w = api->xPhraseSize(fts, p);
        if (api->xPhraseFirst(fts, p, &it, &c, &o) != SQLITE_OK)
            continue;
        while (c >= 0 && (c < col || (c == col && o < r.from + n))) {
            if (c == col && o >= r.from && o + w > hl_end[o - r.from])
                hl_end[o - r.from] = o + w;
            api->xPhraseNext(fts, &it, &c, &o);
        }
    }
    td_buf b = TD_BUF_INIT;
    if (r.from > 0)
        td_buf_puts(&b, ellipsis ? ellipsis : "");
    /* lit: the position where the open highlight ends, 0 when none is open */
    int at = r.from > 0 ? r.tok[0].start : 0, lit = 0;
    for (int i = 0; i < n; i++) {
        int pos = r.from + i;
        td_buf_append(&b, text + at, (size_t)(r.tok[i].start - at));
        if (hl_end[i] && !lit) {
            td_buf_puts(&b, open ? open : "");
            lit = hl_end[i];
        } else if (hl_end[i] > lit) {
            lit = hl_end[i];
        }
        td_buf_append(&b, text + r.tok[i].start, (size_t)(r.tok[i].end - r.tok[i].start));
        at = r.tok[i].end;
        if (lit && pos + 1 >= lit) {
            td_buf_puts(&b, close ? close : "");
            lit = 0;
        }
    }
    if (lit)                       /* an instance runs past the window */
        td_buf_puts(&b, close ? close : "");
    if (r.more)
        td_buf_puts(&b, ellipsis ? ellipsis : "");
    else
        td_buf_append(&b, text + at, (size_t)(len - at));
    sqlite3_result_text(ctx, b.ptr ? b.ptr : "", (int)b.len, SQLITE_TRANSIENT);
    td_buf_free(&b);
}

int index_snippet_register(fts5_api *api)
{
    return api->xCreateFunction(api, "td_snippet", NULL, snippet_fn, NULL);
}
