/* resolve.c - from candidates to facts: one value per fact, lists split.
 *
 * Each fact kind picks its best candidate by score (rule priority plus a
 * bonus for the title and the lead, a malus for page-header junk), ties
 * going to the earliest.  Cross-fact logic lives here: a province inside
 * the bloc name wins; a leader's year defaults to the pledge year; a
 * meeting date without a year takes it from the pledge or review year only
 * when the month makes that unambiguous.  The larger fact kinds are in
 * resolve_bloc.c (bloc, province), resolve_people.c (members, leaders,
 * officials) and resolve_goals.c; resolve_int.h is what they share.
 */
#include "rules/resolve_int.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "normalize/normalize.h"

/* 1 when the document already holds a fact of this kind with value v.  The
 * facts are entered in a map as they come, so asking costs the same however
 * many facts there are. */
int rules_res_fact_known(ctx *x, int kind, const char *v)
{
    const td_doc *d = x->di->d;
    for (; x->nknown < d->nfacts; x->nknown++) {
        const td_fact *f = &d->facts[x->nknown];
        if (f->value && (int)f->kind >= 0 && (int)f->kind < TD_FACT__COUNT)
            rules_keymap_put(&x->known[f->kind], f->value, strlen(f->value), 0, NULL);
    }
    return rules_keymap_get(&x->known[kind], v, strlen(v)) != NULL;
}

const char *rules_res_set_of(const rule *r, const char *key)
{
    for (int i = 0; i < r->nset; i++)
        if (strcmp(r->set_key[i], key) == 0)
            return r->set_val[i];
    return NULL;
}

void rules_res_add_fact(ctx *x, int kind, const char *value, const char *extra,
                     int year, long num, const char *rule_id, size_t fs,
                     size_t fe, size_t ss, size_t se)
{
    td_doc *d = x->di->d;
    td_fact f;
    memset(&f, 0, sizeof f);
    f.kind = (td_fact_kind)kind;
    f.value = value;
    f.extra = extra;
    f.year = year;
    f.num = num;
    f.rule = rule_id;
    if (fe > d->fold_len) fe = d->fold_len;
    if (se > d->fold_len) se = d->fold_len;
    f.start = d->fold_map[fs];
    f.end = d->fold_map[fe];
    f.sent_start = d->fold_map[ss < fs ? ss : fs];
    f.sent_end = d->fold_map[se > fe ? se : fe];
    /* a sentence of a few hundred bytes around the evidence at most, cut
     * on character boundaries: a page without full stops is one sentence */
    if (f.sent_start + 600 < f.start)
        f.sent_start = f.start - 300;
    if (f.sent_end > f.end + 600)
        f.sent_end = f.end + 300;
    while (f.sent_start > 0 && ((unsigned char)d->text[f.sent_start] & 0xC0) == 0x80)
        f.sent_start--;
    while (f.sent_end < d->text_len && ((unsigned char)d->text[f.sent_end] & 0xC0) == 0x80)
        f.sent_end++;
    /* evidence never ends on trailing blanks of the original */
    while (f.end > f.start && (d->text[f.end - 1] == ' ' || d->text[f.end - 1] == '\n'))
        f.end--;
    while (f.sent_end > f.sent_start &&
           (d->text[f.sent_end - 1] == ' ' || d->text[f.sent_end - 1] == '\n'))
        f.sent_end--;
    td_doc_add_fact(d, &f);
}

int rules_res_zone_bonus(int kind, int zone)
{
    switch (zone) {
    case ZONE_HEADER:
        return (kind == TD_FACT_PUBLISHED || kind == TD_FACT_TITLE) ? 0 : -50;
    case ZONE_TITLE:
        return kind == TD_FACT_EVENT ? 30 : 10;
    case ZONE_ASIDE:
        return (kind == TD_FACT_PUBLISHED || kind == TD_FACT_BYLINE) ? 0 : -15;
    case ZONE_LEAD:
        return kind == TD_FACT_EVENT ? 20 : kind == TD_FACT_MEETING_DATE ? 20 : 10;
    default:
        return 0;
    }
}

/* Best candidate of a kind: highest score, then earliest. */
cand *rules_res_best(ctx *x, int kind)
{
    cand *b = NULL;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        if (c->r->kind != kind || c->used)
            continue;
        int s = c->score + rules_res_zone_bonus(kind, c->zone);
        if (!b || s > b->score + rules_res_zone_bonus(kind, b->zone) ||
            (s == b->score + rules_res_zone_bonus(kind, b->zone) && c->ov[0] < b->ov[0]))
            b = c;
    }
    return b;
}

int rules_res_value_span(const cand *c, const char *group, size_t *s, size_t *e)
{
    if (rules_cand_group(c, group, s, e))
        return 1;
    *s = c->ov[0];
    *e = c->ov[1];
    return 0;
}

long rules_res_year_of(const ctx *x, const cand *c, const char *group)
{
    size_t s, e;
    long y;
    if (rules_cand_group(c, group, &s, &e) && rules_parse_int(x->di->d->fold + s, e - s, &y) &&
        y >= 1945 && y <= 2100)
        return y;
    return 0;
}

/* ---- numbers and dates ---------------------------------------------------- */

static size_t read_num(const char *s, size_t i, size_t n, long *v)
{
    size_t k = i;
    *v = 0;
    while (k < n && s[k] >= '0' && s[k] <= '9' && k - i < 5)
        *v = *v * 10 + (s[k++] - '0');
    return k - i;
}

/* Parse a folded date: "22/02/2024", "31/1", "22-2", "25, 26/9/2019",
 * "3 thang 3 nam 2024".  Falls back on our own reading when normalize's
 * parser declines.  Year 0 when absent. */
static int parse_date(const char *s, size_t n, int *y, int *m, int *d)
{
    if (norm_parse_date(s, n, y, m, d) > 0 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31)
        return 1;
    long a, b, c = 0;
    size_t i = 0, k;
    if ((k = read_num(s, i, n, &a)) == 0)
        return 0;
    i += k;
    /* a range "25, 26/9", "14 va 15/3", "14 den 16/3", "25-26/9" keeps
     * the first day (a hyphen only before a '/': "5-3" is day-month) */
    {
        size_t j = i;
        int hyphen = 0;
        if (j < n && s[j] == ',') {
            j++;
            while (j < n && s[j] == ' ')
                j++;
        } else if (j + 4 <= n && memcmp(s + j, " va ", 4) == 0) {
            j += 4;
        } else if (j + 5 <= n && memcmp(s + j, " den ", 5) == 0) {
            j += 5;
        } else if (j < n && s[j] == '-') {
            j++;
            hyphen = 1;
        }
        long tmp;
        size_t k2 = j > i ? read_num(s, j, n, &tmp) : 0;
        size_t q = j + k2;
        if (k2 && q + 1 < n && (hyphen ? s[q] == '/' : (s[q] == '/' || s[q] == '-' || s[q] == '.')) &&
            s[q + 1] >= '0' && s[q + 1] <= '9')
            i = q;
    }
    if (i < n && (s[i] == '/' || s[i] == '-' || s[i] == '.'))
        i++;
    else if (i + 7 <= n && memcmp(s + i, " thang ", 7) == 0)
        i += 7;
    else
        return 0;
    if ((k = read_num(s, i, n, &b)) == 0)
        return 0;
    i += k;
    if (i < n && (s[i] == '/' || s[i] == '-' || s[i] == '.') && i + 1 < n &&
        s[i + 1] >= '0' && s[i + 1] <= '9') {
        read_num(s, i + 1, n, &c);
    } else if (i + 5 <= n && memcmp(s + i, " nam ", 5) == 0) {
        read_num(s, i + 5, n, &c);
    }
    if (b < 1 || b > 12 || a < 1 || a > 31)
        return 0;
    if (c && (c < 1945 || c > 2100))
        c = 0;
    *d = (int)a;
    *m = (int)b;
    *y = (int)c;
    return 1;
}

/* ---- per fact ------------------------------------------------------------- */

/* The fold position of text offset t (fold_map is non-decreasing). */
static size_t fold_pos_of(const td_doc *d, size_t t)
{
    size_t lo = 0, hi = d->fold_len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->fold_map[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A fact the reader found: its evidence is where the text holds it (the
 * last occurrence for a byline), else no span. */
static void add_reader_fact(ctx *x, int kind, const char *v, int last)
{
    td_doc *d = x->di->d;
    const char *p = NULL, *q = d->text;
    while ((q = strstr(q, v)) != NULL) {
        p = q;
        if (!last)
            break;
        q++;
    }
    size_t s = 0, e = 0;
    if (p && *v) {
        s = fold_pos_of(d, (size_t)(p - d->text));
        e = fold_pos_of(d, (size_t)(p - d->text) + strlen(v));
    }
    rules_res_add_fact(x, kind, v, NULL, 0, 0, "reader", s, e, s, e);
}

static void do_title(ctx *x)
{
    docinfo *di = x->di;
    td_doc *d = di->d;
    /* the reader's title, unless it is a site name, a byline or a sidebar
     * link and a headline about the genre stands next to it */
    if (d->title && *d->title && !di->title_moved) {
        size_t s = 0, e = 0;
        if (di->title_block >= 0) {
            s = di->bstart[di->title_block];
            e = di->bend[di->title_block];
        }
        rules_res_add_fact(x, TD_FACT_TITLE, d->title, NULL, 0, 0, "reader", s, e, s, e);
        return;
    }
    if (di->title_block < 0)
        return;
    size_t s = di->bstart[di->title_block], e = di->bend[di->title_block];
    rules_res_add_fact(x, TD_FACT_TITLE, rules_orig_str(di, s, e), NULL, 0, 0, "title.headline",
             s, e, s, e);
}

static void do_published(ctx *x)
{
    docinfo *di = x->di;
    if (di->d->published && *di->d->published) {
        add_reader_fact(x, TD_FACT_PUBLISHED, di->d->published, 0);
        return;
    }
    cand *b = NULL;
    long tb = di->title_block < 0 ? 0 : di->title_block, bd = 0;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        if (c->r->kind != TD_FACT_PUBLISHED)
            continue;
        long blk = rules_di_block_of(di, c->ov[0]);
        /* the date nearest the headline; after it when equally near */
        long dist = blk >= tb ? 2 * (blk - tb) : 2 * (tb - blk) + 1;
        if (!b || dist < bd) {
            b = c;
            bd = dist;
        }
    }
    if (!b)
        return;
    size_t s, e;
    rules_res_value_span(b, "date", &s, &e);
    int y, m, dd;
    if (!parse_date(di->d->fold + s, e - s, &y, &m, &dd) || !y)
        return;
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, dd);
    rules_res_add_fact(x, TD_FACT_PUBLISHED, td_doc_strdup(di->d, iso), NULL, 0, 0, b->r->id,
             b->ov[0], b->ov[1], b->ss, b->se);
}

static void do_byline(ctx *x)
{
    docinfo *di = x->di;
    /* a DOCX author is the file's dc:creator (a login name, the template's
     * owner), not the report's byline; HTML and text readers find bylines */
    if (di->d->author && *di->d->author && di->d->format != TD_FMT_DOCX) {
        add_reader_fact(x, TD_FACT_BYLINE, di->d->author, 1);
        return;
    }
    cand *b = NULL;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        if (c->r->kind == TD_FACT_BYLINE && (!b || c->score > b->score ||
                                              (c->score == b->score && c->ov[0] > b->ov[0])))
            b = c;
    }
    if (!b)
        return;
    size_t s, e;
    rules_res_value_span(b, "text", &s, &e);
    rules_trim_span(di->d->fold, &s, &e);
    rules_res_add_fact(x, TD_FACT_BYLINE, rules_orig_str(di, s, e), NULL, 0, 0, b->r->id, s, e, b->ss, b->se);
}

/* The event value of a candidate (its rule's set value or mapped group). */
static const char *event_value(ctx *x, const cand *c)
{
    const char *v = rules_res_set_of(c->r, "value");
    size_t s, e;
    if (!v && rules_cand_group(c, "value", &s, &e))
        v = rules_map_value(x->di, "event", x->di->d->fold, s, e);
    return v;
}

/* Is c in the opening of an article that has no headline: a block up to
 * the lead (or the first block when no block is long enough to be one)? */
static int opening(ctx *x, const cand *c)
{
    const docinfo *di = x->di;
    if (di->title_block >= 0 || c->zone != ZONE_BODY)
        return 0;
    long b = rules_di_block_of(di, c->ov[0]);
    return di->lead_block >= 0 ? b <= di->lead_block : b == 0;
}

/* The first candidate in zone (by position; a higher rule priority at the
 * same place) whose rule names a meeting (priority >= 50), restricted to
 * value `only` when not NULL. */
static cand *first_named(ctx *x, int zone, const char *only)
{
    cand *b = NULL;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        if (c->r->kind != TD_FACT_EVENT || c->r->prio < 50)
            continue;
        if (c->zone != zone && !(zone == ZONE_LEAD && opening(x, c)))
            continue;
        const char *v = event_value(x, c);
        if (!v || strcmp(v, "other") == 0 || (only && strcmp(v, only) != 0))
            continue;
        if (!b || c->ov[0] < b->ov[0] || (c->ov[0] == b->ov[0] && c->r->prio > b->r->prio))
            b = c;
    }
    return b;
}

/* The first fact of kind k found so far in the document, or NULL. */
static const td_fact *first_fact(const ctx *x, td_fact_kind k)
{
    for (size_t i = 0; i < x->di->d->nfacts; i++)
        if (x->di->d->facts[i].kind == k)
            return &x->di->d->facts[i];
    return NULL;
}

/* The event, as the reports' readers name it: what the headline names
 * (ký kết, sơ kết, tổng kết; the first one named), else the meeting named
 * in the lead, else a signing in the body, else "other" for a report of a
 * bloc (an exchange, a plan, an inspection ...).  A review named only in
 * passing in the body is not the meeting of the report. */
static void do_event(ctx *x)
{
    cand *b = first_named(x, ZONE_TITLE, NULL);
    if (!b)
        b = first_named(x, ZONE_LEAD, NULL);
    if (!b)
        b = first_named(x, ZONE_BODY, "ky_ket");
    if (!b) {
        b = rules_res_best(x, TD_FACT_EVENT);   /* a title that names an exchange, a visit ... */
        if (b && (!event_value(x, b) || strcmp(event_value(x, b), "other") != 0))
            b = NULL;   /* a pledge named in passing, a review in the body: not the meeting */
    }
    const char *v = b ? event_value(x, b) : NULL;
    if (v) {
        x->event = v;
        rules_res_add_fact(x, TD_FACT_EVENT, v, NULL, 0, 0, b->r->id, b->ov[0], b->ov[1], b->ss, b->se);
        return;
    }
    /* a report about a bloc that names no meeting of the kinds above */
    const td_fact *bl = first_fact(x, TD_FACT_BLOC);
    if (!bl)
        return;
    x->event = "other";
    td_fact f = *bl;
    f.kind = TD_FACT_EVENT;
    f.value = "other";
    f.extra = NULL;
    f.rule = "event.none_named";
    td_doc_add_fact(x->di->d, &f);
}

/* Best year of a kind: by score, then by how often the year is given. */
static long do_year(ctx *x, int kind)
{
    /* the years once, then how often each one is given */
    size_t n = x->cl->n;
    long *years = td_xcalloc(n + 1, sizeof *years);
    long seen[64];
    int count[64];
    size_t nseen = 0;
    for (size_t i = 0; i < n; i++) {
        if (x->cl->v[i].r->kind != kind)
            continue;
        long y = rules_res_year_of(x, &x->cl->v[i], "year");
        years[i] = y;
        size_t k = 0;
        while (k < nseen && seen[k] != y)
            k++;
        if (k == nseen && nseen < 64) {
            seen[nseen] = y;
            count[nseen++] = 0;
        }
        if (k < nseen)
            count[k]++;
    }
    cand *b = NULL;
    int bs = 0, bn = 0;
    long by = 0;
    for (size_t i = 0; i < n; i++) {
        cand *c = &x->cl->v[i];
        long y = years[i];
        if (c->r->kind != kind || !y)
            continue;
        int cnt = 0;
        for (size_t k = 0; k < nseen; k++)
            if (seen[k] == y)
                cnt = count[k];
        int sc = c->score + rules_res_zone_bonus(kind, c->zone);
        if (!b || sc > bs || (sc == bs && cnt > bn)) {
            b = c;
            bs = sc;
            bn = cnt;
            by = y;
        }
    }
    free(years);
    if (!b)
        return 0;
    if (kind == TD_FACT_PLEDGE_YEAR) {
        /* "năm học 2023-2024": the matched words say so */
        const char *f = x->di->d->fold;
        for (size_t p = b->ov[0]; p + 7 <= b->ov[1]; p++)
            if (memcmp(f + p, "nam hoc", 7) == 0)
                x->school_year = 1;
    }
    char buf[16];
    snprintf(buf, sizeof buf, "%ld", by);
    rules_res_add_fact(x, kind, td_doc_strdup(x->di->d, buf), NULL, (int)by, by, b->r->id,
             b->ov[0], b->ov[1], b->ss, b->se);
    return by;
}

/* With no pledge or review year, the year of day d/m from the page's
 * publication date, when the day falls at most two months before it (a
 * report is published soon after the meeting; a repost years later gives
 * nothing).  0 when it does not. */
static int year_from_published(ctx *x, int m, int d)
{
    const td_doc *doc = x->di->d;
    for (size_t i = 0; i < doc->nfacts; i++) {
        int py, pm, pd;
        if (doc->facts[i].kind != TD_FACT_PUBLISHED ||
            sscanf(doc->facts[i].value, "%d-%d-%d", &py, &pm, &pd) != 3)
            continue;
        int y = (m > pm || (m == pm && d > pd)) ? py - 1 : py;
        int days = ((py - y) * 12 + pm - m) * 31 + pd - d;
        return days >= 0 && days <= 62 ? y : 0;
    }
    return 0;
}

static void do_meeting(ctx *x)
{
    docinfo *di = x->di;
    cand *b = rules_res_best(x, TD_FACT_MEETING_DATE);
    if (!b)
        return;
    size_t s, e;
    rules_res_value_span(b, "date", &s, &e);
    int y, m, d;
    if (!parse_date(di->d->fold + s, e - s, &y, &m, &d))
        return;
    if (y) {
        x->meeting_y = y;
        x->meeting_m = m;
    }
    if (!y) {
        /* the year only when the meeting's years make it unambiguous */
        long p = x->pledge_year, r = x->reviewed_year;
        if (p && r && r != p - 1)
            r = 0;   /* a review year that is not the one before tells nothing */
        if (p && x->school_year) {
            /* a school year runs from August to the next summer */
            y = (int)(m >= 8 ? p : p + 1);
        } else if (p && r) {
            if (m <= 4) y = (int)p;
            else if (m >= 11) y = (int)r;
        } else if (p && !r) {
            if (m <= 9) y = (int)p;
        } else if (r && !p) {
            if (m >= 11) y = (int)r;
            else if (m <= 3) y = (int)r + 1;
        }
        /* else the page's publication date, when it follows the day
         * closely (a report of a December signing for the next year) */
        if (!y)
            y = year_from_published(x, m, d);
        if (!y)
            return;
    }
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    rules_res_add_fact(x, TD_FACT_MEETING_DATE, td_doc_strdup(di->d, iso), NULL, 0, 0, b->r->id,
             b->ov[0], b->ov[1], b->ss, b->se);
}

static void do_count(ctx *x)
{
    cand *b = rules_res_best(x, TD_FACT_MEMBER_COUNT);
    if (!b)
        return;
    size_t s, e;
    long n = 0;
    if (!rules_cand_group(b, "count", &s, &e))
        return;
    double v = 0;
    if (norm_parse_number(x->di->d->fold + s, e - s, &v) > 0 && v >= 1 && v < 100000)
        n = (long)v;
    else if (!rules_parse_int(x->di->d->fold + s, e - s, &n))
        return;
    if (n < 2 || n > 500)
        return;
    char buf[16];
    snprintf(buf, sizeof buf, "%ld", n);
    rules_res_add_fact(x, TD_FACT_MEMBER_COUNT, td_doc_strdup(x->di->d, buf), NULL, 0, n,
             b->r->id, b->ov[0], b->ov[1], b->ss, b->se);
}

/* The pledge year is the emulation year the report is about: with no
 * signing in it, that is the year under review.  The fact keeps the review
 * year's evidence. */
static void pledge_from_review(ctx *x)
{
    if (x->pledge_year || !x->reviewed_year)
        return;
    const td_fact *r = first_fact(x, TD_FACT_REVIEWED_YEAR);
    if (!r)
        return;
    td_fact f = *r;
    f.kind = TD_FACT_PLEDGE_YEAR;
    td_doc_add_fact(x->di->d, &f);
    x->pledge_year = x->reviewed_year;
}

/* With neither a year signed for nor one reviewed, a meeting dated in a
 * year is about that year's emulation; a review early in the year (a
 * tổng kết up to March) reviews the year before.  Only a year written in
 * the meeting's date counts. */
static void pledge_from_meeting(ctx *x)
{
    if (x->pledge_year || x->reviewed_year || !x->meeting_y)
        return;
    const td_fact *m = first_fact(x, TD_FACT_MEETING_DATE);
    if (!m)
        return;
    long y = x->meeting_y;
    if (x->event && strcmp(x->event, "tong_ket") == 0 && x->meeting_m <= 3)
        y--;
    char buf[24];
    snprintf(buf, sizeof buf, "%ld", y);
    td_fact f = *m;
    f.kind = TD_FACT_PLEDGE_YEAR;
    f.value = td_doc_strdup(x->di->d, buf);
    f.extra = NULL;
    f.year = (int)y;
    f.num = y;
    f.rule = "pledge.meeting_date";
    td_doc_add_fact(x->di->d, &f);
    x->pledge_year = y;
}

/* A province renamed since (provinces.tsv "predecessor" rows): a report
 * of a year up to the old name's last one gets the old name, the one the
 * province had then ("Thừa Thiên Huế", not the city of Huế of 2025).  The
 * year is the pledge year, else the one reviewed, else the publication's. */
static void former_province(ctx *x)
{
    td_doc *d = x->di->d;
    long y = x->pledge_year ? x->pledge_year : x->reviewed_year;
    if (!y && d->published && strlen(d->published) >= 4)
        y = atol(d->published);
    if (!y)
        return;
    const rules_set *rs = x->di->rs;
    for (size_t i = 0; i < d->nfacts; i++) {
        td_fact *f = &d->facts[i];
        if (f->kind != TD_FACT_PROVINCE || !f->value)
            continue;
        for (size_t k = 0; k < rs->nformers; k++)
            if (strcmp(rs->formers[k].successor, f->value) == 0 && y <= rs->formers[k].until_year) {
                f->value = rs->formers[k].name;
                break;
            }
    }
}

void rules_resolve_all(docinfo *di, cand_list *cl)
{
    ctx x;
    memset(&x, 0, sizeof x);
    x.di = di;
    x.cl = cl;
    do_title(&x);
    do_published(&x);
    do_byline(&x);
    rules_res_bloc(&x);
    rules_res_province(&x);
    do_event(&x);
    x.pledge_year = do_year(&x, TD_FACT_PLEDGE_YEAR);
    /* a year under review only for a review meeting: a signing that plans
     * "Hội nghị tổng kết ... năm 2021" reviews nothing yet */
    if (x.event && (strcmp(x.event, "tong_ket") == 0 || strcmp(x.event, "so_ket") == 0))
        x.reviewed_year = do_year(&x, TD_FACT_REVIEWED_YEAR);
    do_meeting(&x);
    do_count(&x);
    rules_res_people(&x);
    rules_res_goals(&x);
    rules_res_officials(&x);
    /* last: the choices above tell a signing's year from a review's */
    pledge_from_review(&x);
    pledge_from_meeting(&x);
    former_province(&x);
    for (int k = 0; k < TD_FACT__COUNT; k++)
        rules_keymap_free(&x.known[k]);
}
