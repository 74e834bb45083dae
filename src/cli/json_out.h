/* json_out.h - the JSON shapes of the CLI's --json, as builders.
 *
 * `thidua search|show|blocs|leaders|compare --json` and the JSON API of
 * `thidua serve` (src/serve/api.c) write the same objects; the builders
 * live beside the command that documents the shape (cmd_<name>.c) and
 * append to a td_buf, without the closing newline the CLI adds.
 */
#ifndef JSON_OUT_H
#define JSON_OUT_H

#include "canon/canon.h"
#include "core/td.h"
#include "index/index.h"
#include "normalize/names.h"

/* Marks around matched words in snippets (index_search_opts.mark_open/close). */
#define CLI_MARK_OPEN "\x02"
#define CLI_MARK_CLOSE "\x03"

/* A snippet with CLI_MARK_* marks on one line (white space collapsed),
 * neighbouring matches under one mark, marks replaced by open and close
 * (copied as given: the caller escapes the text around them if needed). */
void cli_search_snippet(const char *s, const char *open, const char *close, td_buf *out);

/* One hit of `search --json` (cmd_search.c); snippet as rendered. */
void cli_json_search_hit(td_buf *b, const index_hit *h, int rank, const char *snippet,
                         index_reading reading);

/* One document of `show --json` (cmd_show.c). */
void cli_json_doc(td_buf *b, const index_docinfo *di, const canon_doc_copy *cp,
                  size_t ncp);

/* The array of `blocs --json` (cmd_blocs.c) and `leaders --json`
 * (cmd_leaders.c); src gives the evidence. */
void cli_json_blocs(td_buf *o, canon_sources *src, const canon_bloc *b, size_t n);
void cli_json_leaders(td_buf *o, canon_sources *src, const canon_bloc *b, size_t n);

/* The object of `compare Y1 Y2 --json` (cmd_compare.c) over b[0..n). */
void cli_json_compare(td_buf *o, const names_table *t, canon_sources *src,
                      const canon_bloc *b, size_t n, int y1, int y2);

/* The counts of a comparison, one row per bloc known in y1 or y2 (for
 * charts); *out is malloc'd (free()); the pointers borrow from b. */
typedef struct cli_cmp_row {
    const canon_bloc *b;
    const canon_year *y1, *y2;       /* NULL when the bloc did not report */
    long count1, count2;             /* member counts, -1 unknown */
    int members_listed, goals_listed; /* both years list them */
    size_t joined, left, kept;       /* members */
    size_t gnew, gdropped, gkept;    /* goals */
} cli_cmp_row;
void cli_compare_rows(const names_table *t, const canon_bloc *b, size_t n, int y1,
                      int y2, cli_cmp_row **out, size_t *nout);

#endif
