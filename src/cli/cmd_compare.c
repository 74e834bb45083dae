/* cmd_compare.c - `thidua compare Y1 Y2`: what changed in each bloc
 * between two years: leader and deputy, members joined / left / kept,
 * member count, goals new / dropped / kept (matched by the similarity of
 * their folded words), and blocs that reported in one year only.  Every
 * fact can be traced to the reports and sentences behind it (--evidence;
 * always in --json).
 *
 * One subcommand, one file (as git's builtin/), although it passes 600
 * lines: the diff of two years (bloc_cmp) and its three renderings (text
 * with --evidence, CSV, JSON with the sources) share that model and
 * nothing else does.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/canon_table.h"
#include "cli/cli.h"
#include "cli/json_out.h"
#include "canon/canon.h"
#include "normalize/names.h"

/* Two goals are the same goal when their word sets are this similar. */
#define GOAL_MATCH 0.5

const char cmd_compare_usage[] =
    "usage: thidua compare YEAR1 YEAR2 [--province P] [--bloc B]\n"
    "                      [--evidence | --json | --csv]\n"
    "\n"
    "For every bloc known in YEAR1 or YEAR2: the leader (trưởng khối) and\n"
    "deputy (phó khối) of each year, the member count, the members that\n"
    "joined, left or stayed, the goals that are new, dropped or kept, and the\n"
    "years in which the bloc reported at all.  Names are canonical (see\n"
    "'thidua blocs'); goals match when their folded words are similar enough,\n"
    "not only when identical.  Joined/left/kept are computed only when both\n"
    "years list members (\"members_listed\"), new/dropped/kept only when both\n"
    "list goals (\"goals_listed\"); otherwise they are empty.  The member\n"
    "count is the stated count, else the length of the year's list.\n"
    "\n"
    "options:\n"
    "  --province P  only blocs of province P (any spelling); for a province\n"
    "                formed by the 1 July 2025 merger, also its former parts\n"
    "  --bloc B      only the bloc with id B, or whose name is like B\n"
    "  --evidence    under each bloc, the source of every fact shown: document\n"
    "                id and path, and the sentence with the words that state\n"
    "                it [marked] (bold on a terminal)\n"
    "  --json        one JSON object: {\"year1\", \"year2\", \"blocs\": [{\"id\",\n"
    "                \"bloc\", \"province\", \"leader\": {\"Y1\", \"Y2\"}, \"deputy\",\n"
    "                \"member_count\", \"members\": {\"joined\", \"left\", \"kept\"},\n"
    "                \"goals\": {\"new\", \"dropped\", \"kept\"}, \"sources\":\n"
    "                {\"Y1\": [path], \"Y2\": [path]}, \"present\": [...],\n"
    "                \"evidence\": {\"present\", \"leader\", \"deputy\",\n"
    "                \"member_count\": {\"Y1\": [source], \"Y2\": [source]},\n"
    "                \"members\": {\"joined\", \"left\", \"kept\"}, \"goals\":\n"
    "                {\"new\", \"dropped\", \"kept\"}}}]}: the lists of \"evidence\"\n"
    "                run parallel to those of \"members\" and \"goals\", one\n"
    "                [source] per item; a source is {\"doc\", \"path\", \"year\",\n"
    "                \"written\", \"sentence\", \"start\", \"end\",\n"
    "                \"sentence_start\"} (offsets: bytes in the document text);\n"
    "                a member count not stated (the length of the list) has []\n"
    "  --csv         CSV, one row per bloc; lists joined by \"; \"\n"
    "  --db PATH     database (default: $THIDUA_DB or ./thidua.db)\n"
    "  --rules DIR   rule directory (names: *.aliases, provinces.tsv)\n"
    "  -h, --help    this text\n"
    "\n"
    "Exit status: 0 done (also when nothing matches); 2 usage error or unknown\n"
    "province; 3 the database could not be opened.\n";

/* A list of borrowed strings. */
typedef struct slist {
    const char **s;
    size_t n;
} slist;

static void sl_add(slist *l, const char *s)
{
    l->s = td_xrealloc(l->s, (l->n + 1) * sizeof *l->s);
    l->s[l->n++] = s;
}

typedef struct bloc_cmp {
    const canon_bloc *b;
    const canon_year *y1, *y2;
    long count1, count2;             /* -1 unknown */
    int members_listed1, members_listed2, goals_listed1, goals_listed2;
    slist joined, left, kept;
    slist gnew, gdropped, gkept;
    slist gkept_old;                 /* the YEAR1 goal each kept goal matched */
} bloc_cmp;

static int in_list(char **l, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(l[i], s) == 0)
            return 1;
    return 0;
}

static long count_of(const canon_year *y)
{
    if (!y)
        return -1;
    if (y->member_count >= 0)
        return y->member_count;
    return y->nmembers ? (long)y->nmembers : -1;
}

static void diff(const names_table *t, bloc_cmp *c)
{
    const canon_year *a = c->y1, *b = c->y2;
    c->count1 = count_of(a);
    c->count2 = count_of(b);
    c->members_listed1 = a && a->nmembers > 0;
    c->members_listed2 = b && b->nmembers > 0;
    c->goals_listed1 = a && a->ngoals > 0;
    c->goals_listed2 = b && b->ngoals > 0;
    if (c->members_listed1 && c->members_listed2) {
        /* canonical names: one spelling per unit, so equality is enough */
        for (size_t i = 0; i < b->nmembers; i++)
            sl_add(in_list(a->members, a->nmembers, b->members[i]) ? &c->kept : &c->joined,
                   b->members[i]);
        for (size_t i = 0; i < a->nmembers; i++)
            if (!in_list(b->members, b->nmembers, a->members[i]))
                sl_add(&c->left, a->members[i]);
    }
    if (c->goals_listed1 && c->goals_listed2) {
        /* greedy: each new goal takes its most similar old goal */
        char *used = td_xcalloc(a->ngoals, 1);
        for (size_t i = 0; i < b->ngoals; i++) {
            double best = 0;
            size_t bj = 0;
            for (size_t j = 0; j < a->ngoals; j++) {
                if (used[j])
                    continue;
                double s = names_text_similarity(t, b->goals[i], a->goals[j]);
                if (s > best) {
                    best = s;
                    bj = j;
                }
            }
            if (best >= GOAL_MATCH) {
                used[bj] = 1;
                sl_add(&c->gkept, b->goals[i]);
                sl_add(&c->gkept_old, a->goals[bj]);
            } else {
                sl_add(&c->gnew, b->goals[i]);
            }
        }
        for (size_t j = 0; j < a->ngoals; j++)
            if (!used[j])
                sl_add(&c->gdropped, a->goals[j]);
        free(used);
    }
}

static void json_list(td_buf *o, const slist *l)
{
    td_buf_putc(o, '[');
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            td_buf_putc(o, ',');
        td_json_str(o, l->s[i]);
    }
    td_buf_putc(o, ']');
}

static void json_pair_str(td_buf *o, const char *key, int y1, int y2,
                          const char *a, const char *b)
{
    td_buf_printf(o, ",\"%s\":{\"%d\":", key, y1);
    td_json_str(o, a);
    td_buf_printf(o, ",\"%d\":", y2);
    td_json_str(o, b);
    td_buf_putc(o, '}');
}

static void json_num(td_buf *o, long n)
{
    if (n < 0)
        td_buf_puts(o, "null");
    else
        td_buf_printf(o, "%ld", n);
}

/* ---- evidence ---------------------------------------------------------- */

typedef struct srcs {
    canon_source *v;
    size_t n;
} srcs;

/* Append the sources of one fact to out (none when value is NULL). */
static void collect(canon_sources *s, long bloc, int year, canon_src_kind k,
                    const char *value, srcs *out)
{
    static int warned;
    canon_source *v = NULL;
    size_t n = 0;
    td_err e;
    td_err_clear(&e);
    if (!value)
        return;
    if (canon_sources_get(s, bloc, year, k, value, &v, &n, &e) != TD_OK) {
        if (!warned)
            cli_warn("sources not shown: %s", e.msg);
        warned = 1;
        return;
    }
    if (n) {
        out->v = td_xrealloc(out->v, (out->n + n) * sizeof *out->v);
        memcpy(out->v + out->n, v, n * sizeof *v);
        out->n += n;
    }
    free(v);   /* the strings moved to out */
}

static void srcs_free(srcs *x)
{
    canon_sources_free(x->v, x->n);
    x->v = NULL;
    x->n = 0;
}

/* The value of a per-year fact of y, as canon_sources_get wants it:
 * presence "", a stated member count in decimal (buf), a unit; NULL when
 * the year does not state it. */
static const char *year_value(const canon_year *y, canon_src_kind k, char *buf,
                              size_t nbuf)
{
    if (!y)
        return NULL;
    switch (k) {
    case CANON_SRC_BLOC: return y->ndocs ? "" : NULL;
    case CANON_SRC_LEADER: return y->leader;
    case CANON_SRC_DEPUTY: return y->deputy;
    case CANON_SRC_COUNT:
        if (y->member_count < 0)
            return NULL;
        snprintf(buf, nbuf, "%ld", y->member_count);
        return buf;
    default: return NULL;
    }
}

static const struct {
    const char *key, *label;
    canon_src_kind kind;
} per_year[] = {
    {"present", "reported in", CANON_SRC_BLOC},
    {"leader", "leader", CANON_SRC_LEADER},
    {"deputy", "deputy", CANON_SRC_DEPUTY},
    {"member_count", "member count", CANON_SRC_COUNT},
};

/* One source list per item of l, all of year y (and y2 for items of
 * both years: l2 holds the item's YEAR1 form, or l itself). */
static void json_item_sources(td_buf *o, canon_sources *s, long bloc,
                              canon_src_kind k, const slist *l, int y,
                              const slist *l2, int y2)
{
    td_buf_putc(o, '[');
    for (size_t i = 0; i < l->n; i++) {
        srcs r = {0};
        if (l2)
            collect(s, bloc, y2, k, l2->s[i], &r);
        collect(s, bloc, y, k, l->s[i], &r);
        if (i)
            td_buf_putc(o, ',');
        cli_json_sources(o, r.v, r.n);
        srcs_free(&r);
    }
    td_buf_putc(o, ']');
}

static void json_evidence(td_buf *o, canon_sources *s, const bloc_cmp *x, int y1,
                          int y2)
{
    long id = x->b->id;
    td_buf_puts(o, ",\"evidence\":{");
    for (size_t f = 0; f < sizeof per_year / sizeof *per_year; f++) {
        td_buf_printf(o, "%s\"%s\":{", f ? "," : "", per_year[f].key);
        for (int k = 0; k < 2; k++) {
            char buf[32];
            const canon_year *y = k ? x->y2 : x->y1;
            int yr = k ? y2 : y1;
            srcs r = {0};
            collect(s, id, yr, per_year[f].kind,
                    year_value(y, per_year[f].kind, buf, sizeof buf), &r);
            td_buf_printf(o, "%s\"%d\":", k ? "," : "", yr);
            cli_json_sources(o, r.v, r.n);
            srcs_free(&r);
        }
        td_buf_putc(o, '}');
    }
    td_buf_puts(o, ",\"members\":{\"joined\":");
    json_item_sources(o, s, id, CANON_SRC_MEMBER, &x->joined, y2, NULL, 0);
    td_buf_puts(o, ",\"left\":");
    json_item_sources(o, s, id, CANON_SRC_MEMBER, &x->left, y1, NULL, 0);
    td_buf_puts(o, ",\"kept\":");
    json_item_sources(o, s, id, CANON_SRC_MEMBER, &x->kept, y2, &x->kept, y1);
    td_buf_puts(o, "},\"goals\":{\"new\":");
    json_item_sources(o, s, id, CANON_SRC_GOAL, &x->gnew, y2, NULL, 0);
    td_buf_puts(o, ",\"dropped\":");
    json_item_sources(o, s, id, CANON_SRC_GOAL, &x->gdropped, y1, NULL, 0);
    td_buf_puts(o, ",\"kept\":");
    json_item_sources(o, s, id, CANON_SRC_GOAL, &x->gkept, y2, &x->gkept_old, y1);
    td_buf_puts(o, "}}");
}

/* "  label: shown" and the sources of value (in year ya; and of vb in
 * year yb when vb is set) under it. */
static void text_fact(canon_sources *s, long bloc, const char *label,
                      const char *shown, canon_src_kind k, int ya, const char *va,
                      int yb, const char *vb, int bold)
{
    srcs r = {0};
    if (vb)
        collect(s, bloc, yb, k, vb, &r);
    collect(s, bloc, ya, k, va, &r);
    printf("  %s%s%s\n", label, *shown ? ": " : "", shown);
    cli_print_sources(stdout, "    ", r.v, r.n, bold);
    srcs_free(&r);
}

static void text_items(canon_sources *s, const bloc_cmp *x, const char *label,
                       canon_src_kind k, const slist *l, int y, const slist *l2,
                       int y2, int bold)
{
    for (size_t i = 0; i < l->n; i++) {
        char lab[64];
        td_buf shown = TD_BUF_INIT;
        td_buf_puts(&shown, l->s[i]);
        if (l2)
            snprintf(lab, sizeof lab, "%s %d, %d", label, y2, y);
        else
            snprintf(lab, sizeof lab, "%s %d", label, y);
        /* a goal kept in other words: both wordings */
        if (l2 && strcmp(l2->s[i], l->s[i]) != 0)
            td_buf_printf(&shown, " (%d: %s)", y2, l2->s[i]);
        text_fact(s, x->b->id, lab, shown.ptr, k, y, l->s[i], y2, l2 ? l2->s[i] : NULL,
                  bold);
        td_buf_free(&shown);
    }
}

static void text_evidence(canon_sources *s, const bloc_cmp *x, int y1, int y2,
                          int bold)
{
    puts("  evidence:");
    for (size_t f = 0; f < sizeof per_year / sizeof *per_year; f++)
        for (int k = 0; k < 2; k++) {
            char buf[32], lab[64];
            const canon_year *y = k ? x->y2 : x->y1;
            int yr = k ? y2 : y1;
            const char *v = year_value(y, per_year[f].kind, buf, sizeof buf);
            snprintf(lab, sizeof lab, "%s %d", per_year[f].label, yr);
            if (v)
                text_fact(s, x->b->id, lab, v, per_year[f].kind, yr, v, 0, NULL, bold);
            else if (per_year[f].kind == CANON_SRC_COUNT && y && y->nmembers)
                printf("  %s: %zu, not stated: the members listed\n", lab, y->nmembers);
        }
    text_items(s, x, "joined", CANON_SRC_MEMBER, &x->joined, y2, NULL, 0, bold);
    text_items(s, x, "left", CANON_SRC_MEMBER, &x->left, y1, NULL, 0, bold);
    text_items(s, x, "kept", CANON_SRC_MEMBER, &x->kept, y2, &x->kept, y1, bold);
    text_items(s, x, "goal new", CANON_SRC_GOAL, &x->gnew, y2, NULL, 0, bold);
    text_items(s, x, "goal dropped", CANON_SRC_GOAL, &x->gdropped, y1, NULL, 0, bold);
    text_items(s, x, "goal kept", CANON_SRC_GOAL, &x->gkept, y2, &x->gkept_old, y1,
               bold);
}

static void json_cmp(td_buf *o, canon_sources *src, const bloc_cmp *c, size_t n, int y1,
                     int y2)
{
    td_buf_printf(o, "{\"year1\":%d,\"year2\":%d,\"blocs\":[", y1, y2);
    for (size_t i = 0; i < n; i++) {
        const bloc_cmp *x = &c[i];
        td_buf_printf(o, "%s{\"id\":%ld,\"bloc\":", i ? "," : "", x->b->id);
        td_json_str(o, x->b->name);
        td_buf_puts(o, ",\"province\":");
        td_json_str(o, x->b->province);
        if (x->b->part_of) {
            td_buf_puts(o, ",\"merged_into\":");
            td_json_str(o, x->b->part_of);
        }
        json_pair_str(o, "leader", y1, y2, x->y1 ? x->y1->leader : NULL,
                      x->y2 ? x->y2->leader : NULL);
        json_pair_str(o, "deputy", y1, y2, x->y1 ? x->y1->deputy : NULL,
                      x->y2 ? x->y2->deputy : NULL);
        td_buf_printf(o, ",\"member_count\":{\"%d\":", y1);
        json_num(o, x->count1);
        td_buf_printf(o, ",\"%d\":", y2);
        json_num(o, x->count2);
        td_buf_puts(o, "},\"members\":{\"joined\":");
        json_list(o, &x->joined);
        td_buf_puts(o, ",\"left\":");
        json_list(o, &x->left);
        td_buf_puts(o, ",\"kept\":");
        json_list(o, &x->kept);
        td_buf_printf(o, "},\"members_listed\":{\"%d\":%s,\"%d\":%s}", y1,
                      x->members_listed1 ? "true" : "false", y2,
                      x->members_listed2 ? "true" : "false");
        td_buf_puts(o, ",\"goals\":{\"new\":");
        json_list(o, &x->gnew);
        td_buf_puts(o, ",\"dropped\":");
        json_list(o, &x->gdropped);
        td_buf_puts(o, ",\"kept\":");
        json_list(o, &x->gkept);
        td_buf_printf(o, "},\"goals_listed\":{\"%d\":%s,\"%d\":%s}", y1,
                      x->goals_listed1 ? "true" : "false", y2,
                      x->goals_listed2 ? "true" : "false");
        /* where each year's facts come from */
        td_buf_puts(o, ",\"sources\":{");
        for (int k = 0; k < 2; k++) {
            const canon_year *y = k ? x->y2 : x->y1;
            td_buf_printf(o, "%s\"%d\":[", k ? "," : "", k ? y2 : y1);
            for (size_t p = 0; y && p < y->npaths; p++) {
                if (p)
                    td_buf_putc(o, ',');
                td_json_str(o, y->paths[p]);
            }
            td_buf_putc(o, ']');
        }
        td_buf_putc(o, '}');
        td_buf_puts(o, ",\"present\":[");
        int k = 0;
        if (x->y1 && x->y1->ndocs)
            td_buf_printf(o, "\"%d\"", y1), k++;
        if (x->y2 && x->y2->ndocs)
            td_buf_printf(o, "%s\"%d\"", k ? "," : "", y2);
        td_buf_putc(o, ']');
        json_evidence(o, src, x, y1, y2);
        td_buf_putc(o, '}');
    }
    td_buf_puts(o, "]}");
}

/* The blocs of b[0..n) known in y1 or y2, compared (free with cmp_free). */
static bloc_cmp *cmp_build(const names_table *t, const canon_bloc *b, size_t n, int y1,
                           int y2, size_t *nc)
{
    bloc_cmp *cmp = td_xcalloc(n ? n : 1, sizeof *cmp);
    *nc = 0;
    for (size_t i = 0; i < n; i++) {
        const canon_year *a = canon_bloc_year_get(&b[i], y1);
        const canon_year *z = canon_bloc_year_get(&b[i], y2);
        if (!a && !z)
            continue;
        cmp[*nc].b = &b[i];
        cmp[*nc].y1 = a;
        cmp[*nc].y2 = z;
        diff(t, &cmp[*nc]);
        (*nc)++;
    }
    return cmp;
}

static void cmp_free(bloc_cmp *cmp, size_t nc)
{
    for (size_t i = 0; i < nc; i++) {
        free(cmp[i].joined.s);
        free(cmp[i].left.s);
        free(cmp[i].kept.s);
        free(cmp[i].gnew.s);
        free(cmp[i].gdropped.s);
        free(cmp[i].gkept.s);
        free(cmp[i].gkept_old.s);
    }
    free(cmp);
}

void cli_json_compare(td_buf *o, const names_table *t, canon_sources *src,
                      const canon_bloc *b, size_t n, int y1, int y2)
{
    size_t nc;
    bloc_cmp *cmp = cmp_build(t, b, n, y1, y2, &nc);
    json_cmp(o, src, cmp, nc, y1, y2);
    cmp_free(cmp, nc);
}

void cli_compare_rows(const names_table *t, const canon_bloc *b, size_t n, int y1,
                      int y2, cli_cmp_row **out, size_t *nout)
{
    size_t nc;
    bloc_cmp *cmp = cmp_build(t, b, n, y1, y2, &nc);
    cli_cmp_row *r = td_xcalloc(nc ? nc : 1, sizeof *r);
    for (size_t i = 0; i < nc; i++) {
        r[i].b = cmp[i].b;
        r[i].y1 = cmp[i].y1;
        r[i].y2 = cmp[i].y2;
        r[i].count1 = cmp[i].count1;
        r[i].count2 = cmp[i].count2;
        r[i].members_listed = cmp[i].members_listed1 && cmp[i].members_listed2;
        r[i].goals_listed = cmp[i].goals_listed1 && cmp[i].goals_listed2;
        r[i].joined = cmp[i].joined.n;
        r[i].left = cmp[i].left.n;
        r[i].kept = cmp[i].kept.n;
        r[i].gnew = cmp[i].gnew.n;
        r[i].gdropped = cmp[i].gdropped.n;
        r[i].gkept = cmp[i].gkept.n;
    }
    cmp_free(cmp, nc);
    *out = r;
    *nout = nc;
}

static char *join(const slist *l, const char *sep)
{
    td_buf b = TD_BUF_INIT;
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            td_buf_puts(&b, sep);
        td_buf_puts(&b, l->s[i]);
    }
    if (!b.ptr)
        td_buf_append(&b, "", 0);
    return td_buf_detach(&b);
}

static void num_cell(char *buf, size_t n, long v, const char *none)
{
    if (v < 0)
        snprintf(buf, n, "%s", none);
    else
        snprintf(buf, n, "%ld", v);
}

static void print_csv(const bloc_cmp *c, size_t n, int y1, int y2)
{
    char h[12][40];
    const char *names[] = {"present_%d", "leader_%d", "deputy_%d", "member_count_%d"};
    for (int k = 0; k < 4; k++) {
        snprintf(h[2 * k], sizeof h[0], names[k], y1);
        snprintf(h[2 * k + 1], sizeof h[0], names[k], y2);
    }
    const char *head[] = {"id", "bloc", "province", h[0], h[1], h[2], h[3], h[4], h[5],
                          h[6], h[7], "members_joined", "members_left", "members_kept",
                          "goals_new", "goals_dropped", "goals_kept"};
    cli_table t;
    cli_table_init(&t, 17, head);
    for (size_t i = 0; i < n; i++) {
        const bloc_cmp *x = &c[i];
        char id[24], n1[24], n2[24];
        snprintf(id, sizeof id, "%ld", x->b->id);
        num_cell(n1, sizeof n1, x->count1, "");
        num_cell(n2, sizeof n2, x->count2, "");
        char *l[6] = {join(&x->joined, "; "), join(&x->left, "; "), join(&x->kept, "; "),
                      join(&x->gnew, "; "), join(&x->gdropped, "; "), join(&x->gkept, "; ")};
        const char *row[] = {id, x->b->name, x->b->province,
                             x->y1 && x->y1->ndocs ? "yes" : "no",
                             x->y2 && x->y2->ndocs ? "yes" : "no",
                             x->y1 ? x->y1->leader : NULL, x->y2 ? x->y2->leader : NULL,
                             x->y1 ? x->y1->deputy : NULL, x->y2 ? x->y2->deputy : NULL,
                             n1, n2, l[0], l[1], l[2], l[3], l[4], l[5]};
        cli_table_add(&t, row);
        for (int k = 0; k < 6; k++)
            free(l[k]);
    }
    cli_table_print(&t, stdout, 1, NULL);
    cli_table_free(&t);
}

/* "label (n): a; b; c" lines under a bloc, skipped when not computable. */
static void print_items(const char *label, const slist *l, int computable)
{
    if (!computable)
        return;
    printf("  %s (%zu)%s", label, l->n, l->n ? ": " : "\n");
    if (l->n) {
        char *s = join(l, "; ");
        puts(s);
        free(s);
    }
}

static void print_text(canon_sources *src, const bloc_cmp *c, size_t n, int y1,
                       int y2, int bold)
{
    slist only1 = {0}, only2 = {0};
    for (size_t i = 0; i < n; i++) {
        const bloc_cmp *x = &c[i];
        int p1 = x->y1 && x->y1->ndocs, p2 = x->y2 && x->y2->ndocs;
        if (p1 && !p2)
            sl_add(&only1, x->b->name);
        if (p2 && !p1)
            sl_add(&only2, x->b->name);
        printf("%s#%ld %s", i ? "\n" : "", x->b->id, x->b->name);
        if (x->b->province)
            printf(" (%s%s%s)", x->b->province, x->b->part_of ? ", now part of " : "",
                   x->b->part_of ? x->b->part_of : "");
        putchar('\n');
        char ys1[16], ys2[16], n1[32], n2[32];
        snprintf(ys1, sizeof ys1, "%d", y1);
        snprintf(ys2, sizeof ys2, "%d", y2);
        num_cell(n1, sizeof n1, x->count1, "-");
        num_cell(n2, sizeof n2, x->count2, "-");
        if (x->count1 >= 0 && x->count2 >= 0 && x->count1 != x->count2) {
            size_t l = strlen(n2);
            snprintf(n2 + l, sizeof n2 - l, " (%+ld)", x->count2 - x->count1);
        }
        const char *head[] = {"", ys1, ys2};
        cli_table t;
        cli_table_init(&t, 3, head);
        const char *r1[] = {"reported", p1 ? "yes" : "no", p2 ? "yes" : "no"};
        const char *r2[] = {"leader", x->y1 && x->y1->leader ? x->y1->leader : "-",
                            x->y2 && x->y2->leader ? x->y2->leader : "-"};
        const char *r3[] = {"deputy", x->y1 && x->y1->deputy ? x->y1->deputy : "-",
                            x->y2 && x->y2->deputy ? x->y2->deputy : "-"};
        const char *r4[] = {"members", n1, n2};
        cli_table_add(&t, r1);
        cli_table_add(&t, r2);
        cli_table_add(&t, r3);
        cli_table_add(&t, r4);
        cli_table_print(&t, stdout, 0, "  ");
        cli_table_free(&t);
        int mc = x->members_listed1 && x->members_listed2;
        int gc = x->goals_listed1 && x->goals_listed2;
        print_items("joined", &x->joined, mc);
        print_items("left", &x->left, mc);
        print_items("kept", &x->kept, mc);
        print_items("goals new", &x->gnew, gc);
        print_items("goals dropped", &x->gdropped, gc);
        print_items("goals kept", &x->gkept, gc);
        if (src)
            text_evidence(src, x, y1, y2, bold);
    }
    printf("%sreported in %d only (%zu)", n ? "\n" : "", y1, only1.n);
    for (size_t i = 0; i < only1.n; i++)
        printf("%s%s", i ? "; " : ": ", only1.s[i]);
    printf("\nreported in %d only (%zu)", y2, only2.n);
    for (size_t i = 0; i < only2.n; i++)
        printf("%s%s", i ? "; " : ": ", only2.s[i]);
    putchar('\n');
    if (!src && n)
        puts("\n" CLI_EVIDENCE_HINT);
    free(only1.s);
    free(only2.s);
}

static int parse_year(const char *s, int *y)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end || v < 1900 || v > 2100)
        return 0;
    *y = (int)v;
    return 1;
}

int cmd_compare(int argc, char **argv, cli_ctx *ctx)
{
    canon_filter f = {NULL, NULL, 0};
    int evidence = 0;
    cli_args a;
    int c = cli_canon_args(&a, argc, argv, ctx, &f, &evidence);
    if (c < 0)
        return CLI_ARGS_EXIT(c);
    int y1, y2;
    if (a.npos != 2)
        return cli_usage_error(ctx, "compare needs two years");
    if (!parse_year(a.pos[0], &y1) || !parse_year(a.pos[1], &y2))
        return cli_usage_error(ctx, "'%s' is not a year",
                               parse_year(a.pos[0], &y1) ? a.pos[1] : a.pos[0]);
    if (y1 == y2)
        return cli_usage_error(ctx, "compare needs two different years");
    if (ctx->json && ctx->csv)
        return cli_usage_error(ctx, "--json and --csv exclude each other");
    if (evidence && ctx->csv)
        return cli_usage_error(ctx, "--evidence is for the table (--json always "
                               "carries the evidence)");

    td_err e;
    td_err_clear(&e);
    index_db *db = NULL;
    if (cli_open_db(ctx, &db) != CLI_OK)
        return CLI_FATAL;
    names_table *t = NULL;
    if (names_load(ctx->rules_dir, &t, &e) != TD_OK) {
        cli_error("cannot load names from '%s': %s", ctx->rules_dir, e.msg);
        index_close(db);
        return CLI_FATAL;
    }
    canon_bloc *b;
    size_t n;
    canon_sources *src;
    int rc = cli_canon_load(ctx, db, &f, ctx->json || evidence, &b, &n, &src);
    if (rc != CLI_OK) {
        names_free(t);
        index_close(db);
        return rc;
    }
    size_t nc;
    bloc_cmp *cmp = cmp_build(t, b, n, y1, y2, &nc);
    if (nc == 0)
        cli_note("no blocs match");
    if (ctx->json) {
        td_buf j = TD_BUF_INIT;
        json_cmp(&j, src, cmp, nc, y1, y2);
        td_buf_putc(&j, '\n');
        fwrite(j.ptr, 1, j.len, stdout);
        td_buf_free(&j);
    }
    else if (ctx->csv)
        print_csv(cmp, nc, y1, y2);
    else
        print_text(src, cmp, nc, y1, y2, cli_bold(ctx));
    canon_sources_close(src);
    cmp_free(cmp, nc);
    canon_blocs_free(b, n);
    names_free(t);
    index_close(db);
    return CLI_OK;
}
