/* resolve.c - from candidates to facts: one value per fact, lists split.
 *
 * Each fact kind picks its best candidate by score (rule priority plus a
 * bonus for the title and the lead, a malus for page-header junk), ties
 * going to the earliest.  Cross-fact logic lives here: a province inside
 * the bloc name wins; a leader's year defaults to the pledge year; a
 * meeting date without a year takes it from the pledge or review year only
 * when the month makes that unambiguous.
 */
#include "rules/rules_int.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "normalize/normalize.h"

typedef struct ctx {
    docinfo *di;
    cand_list *cl;
    long pledge_year, reviewed_year;
    int school_year;           /* the pledge year is the first of a school year */
    const char *event;
    size_t bloc_s, bloc_e;     /* fold span of the chosen bloc name */
    const char *bloc_level;
    int have_bloc;
    rules_keymap known[TD_FACT__COUNT];  /* values of the facts so far, per kind */
    size_t nknown;             /* facts entered in known */
    int meeting_y, meeting_m;  /* the meeting's year (as written) and month */
} ctx;

/* 1 when the document already holds a fact of this kind with value v.  The
 * facts are entered in a map as they come, so asking costs the same however
 * many facts there are. */
static int fact_known(ctx *x, int kind, const char *v)
{
    const td_doc *d = x->di->d;
    for (; x->nknown < d->nfacts; x->nknown++) {
        const td_fact *f = &d->facts[x->nknown];
        if (f->value && (int)f->kind >= 0 && (int)f->kind < TD_FACT__COUNT)
            rules_keymap_put(&x->known[f->kind], f->value, strlen(f->value), 0, NULL);
    }
    return rules_keymap_get(&x->known[kind], v, strlen(v)) != NULL;
}

static const char *set_of(const rule *r, const char *key)
{
    for (int i = 0; i < r->nset; i++)
        if (strcmp(r->set_key[i], key) == 0)
            return r->set_val[i];
    return NULL;
}

static void add_fact(ctx *x, int kind, const char *value, const char *extra,
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

static int zone_bonus(int kind, int zone)
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
static cand *best(ctx *x, int kind)
{
    cand *b = NULL;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        if (c->r->kind != kind || c->used)
            continue;
        int s = c->score + zone_bonus(kind, c->zone);
        if (!b || s > b->score + zone_bonus(kind, b->zone) ||
            (s == b->score + zone_bonus(kind, b->zone) && c->ov[0] < b->ov[0]))
            b = c;
    }
    return b;
}

static int value_span(const cand *c, const char *group, size_t *s, size_t *e)
{
    if (rules_cand_group(c, group, s, e))
        return 1;
    *s = c->ov[0];
    *e = c->ov[1];
    return 0;
}

static long year_of(const ctx *x, const cand *c, const char *group)
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
    add_fact(x, kind, v, NULL, 0, 0, "reader", s, e, s, e);
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
        add_fact(x, TD_FACT_TITLE, d->title, NULL, 0, 0, "reader", s, e, s, e);
        return;
    }
    if (di->title_block < 0)
        return;
    size_t s = di->bstart[di->title_block], e = di->bend[di->title_block];
    add_fact(x, TD_FACT_TITLE, rules_orig_str(di, s, e), NULL, 0, 0, "title.headline",
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
    value_span(b, "date", &s, &e);
    int y, m, dd;
    if (!parse_date(di->d->fold + s, e - s, &y, &m, &dd) || !y)
        return;
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, dd);
    add_fact(x, TD_FACT_PUBLISHED, td_doc_strdup(di->d, iso), NULL, 0, 0, b->r->id,
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
    value_span(b, "text", &s, &e);
    rules_trim_span(di->d->fold, &s, &e);
    add_fact(x, TD_FACT_BYLINE, rules_orig_str(di, s, e), NULL, 0, 0, b->r->id, s, e, b->ss, b->se);
}

static int province_in(ctx *x, size_t s, size_t e, size_t *ps, size_t *pe)
{
    size_t p = s;
    while (p < e && rules_re_find(x->di, x->di->rs->province_any, p, e, 0, ps, pe)) {
        size_t ms, me;
        if (rules_re_find(x->di, x->di->rs->province_prefix, *ps, *pe, 1, &ms, &me) && me < *pe)
            *ps = me;
        if (rules_upper_at(x->di, *ps))
            return 1;
        p = *pe > *ps ? *pe : *ps + 1;
    }
    return 0;
}

/* Two blocs joined in one phrase, "Khối thi đua A và Khối thi đua B tỉnh
 * P": the tail belongs to both and the article is about the first.  The
 * bloc candidate whose name ends where " va "/", " and then a second bloc
 * name (holding a province) starts; pos is the end (first) or the start
 * (second) of the name asked about. */
static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static int has_pos(const size_t *v, size_t n, size_t pos)
{
    return n && bsearch(&pos, v, n, sizeof *v, cmp_size) != NULL;
}

/* pos is the end (first) or the start (second) of a bloc name; starts are
 * the sorted starts of the names holding a province, ends the sorted ends
 * of all names (so a page of 20000 names stays fast). */
static int bloc_pair(ctx *x, size_t pos, int first, const size_t *starts, size_t ns,
                     const size_t *ends, size_t ne)
{
    const char *f = x->di->d->fold;
    size_t flen = x->di->d->fold_len;
    if (first) {
        if (pos + 4 <= flen && memcmp(f + pos, " va ", 4) == 0)
            return has_pos(starts, ns, pos + 4);
        if (pos + 2 <= flen && memcmp(f + pos, ", ", 2) == 0)
            return has_pos(starts, ns, pos + 2);
        return 0;
    }
    if (pos >= 4 && memcmp(f + pos - 4, " va ", 4) == 0 && has_pos(ends, ne, pos - 4))
        return 1;
    return pos >= 2 && memcmp(f + pos - 2, ", ", 2) == 0 && has_pos(ends, ne, pos - 2);
}

/* Every letter of fold span [s,e) is a capital in the original (and there
 * are three letters or more): a name taken from a shouted headline. */
static int shouted_span(const docinfo *di, size_t s, size_t e)
{
    const char *f = di->d->fold;
    int n = 0;
    for (size_t p = s; p < e; p++)
        if (f[p] >= 'a' && f[p] <= 'z') {
            if (!rules_upper_at(di, p))
                return 0;
            n++;
        }
    return n >= 3;
}

static const prov *prov_lookup(const rules_set *rs, const char *f, size_t n);

/* Append the original text of fold span [s,e) in lower case, except the
 * words matching {ABBREV}; a province in it gets its canonical spelling. */
static void put_lower(ctx *x, td_buf *b, size_t s, size_t e)
{
    docinfo *di = x->di;
    const char *f = di->d->fold;
    size_t p = s;
    while (p < e) {
        size_t ps, pe, ms, me;
        size_t stop = e;
        const prov *pv = NULL;
        if (di->rs->province_any && rules_re_find(di, di->rs->province_any, p, e, 0, &ps, &pe)) {
            if (di->rs->province_prefix &&
                rules_re_find(di, di->rs->province_prefix, ps, pe, 1, &ms, &me) && me < pe)
                ps = me;
            pv = prov_lookup(di->rs, f + ps, pe - ps);
            if (pv)
                stop = ps;
        }
        /* word by word up to stop */
        while (p < stop) {
            size_t w = p;
            while (w < stop && f[w] != ' ')
                w++;
            const char *o = rules_orig_str(di, p, w);
            if (di->rs->abbrev && rules_re_find(di, di->rs->abbrev, p, w, 1, &ms, &me) && me == w) {
                td_buf_puts(b, o);
            } else {
                const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)o;
                utf8proc_int32_t cp;
                utf8proc_ssize_t k;
                while (*u && (k = utf8proc_iterate(u, -1, &cp)) > 0) {
                    utf8proc_uint8_t out[4];
                    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), out);
                    td_buf_append(b, (const char *)out, (size_t)m);
                    u += k;
                }
            }
            p = w;
            while (p < stop && f[p] == ' ') {
                td_buf_putc(b, ' ');
                p++;
            }
        }
        if (pv && stop < e) {
            td_buf_puts(b, pv->name);
            p = pe;
            while (p < e && f[p] == ' ') {
                td_buf_putc(b, ' ');
                p++;
            }
        } else {
            break;
        }
    }
}

/* A bloc name taken from a shouted headline, spelled as a sentence would:
 * the longest bloc mention in mixed case that it starts with, then the
 * rest in lower case ("KHỐI THI ĐUA SỐ 5 TỈNH THÁI BÌNH" with "Khối thi
 * đua số 5" in the body gives "Khối thi đua số 5 tỉnh Thái Bình").  The
 * string lives in the document's arena. */
static const char *recase_bloc(ctx *x, size_t s, size_t e)
{
    docinfo *di = x->di;
    const char *f = di->d->fold;
    size_t best = 0, bs = 0;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        size_t cs, ce;
        if (c->r->kind != TD_FACT_BLOC)
            continue;
        value_span(c, "value", &cs, &ce);
        rules_trim_span(f, &cs, &ce);
        /* a mention that the shouted name starts with, or that starts
         * with the shouted name ("... Đảng tỉnh" for "... ĐẢNG") */
        size_t n = ce - cs < e - s ? ce - cs : e - s;
        if (n <= best || memcmp(f + cs, f + s, n) != 0 ||
            (s + n < e && f[s + n] != ' ') || (cs + n < ce && f[cs + n] != ' ') ||
            shouted_span(di, cs, cs + n))
            continue;
        best = n;
        bs = cs;
    }
    td_buf b = TD_BUF_INIT;
    size_t p = s;
    if (best) {
        td_buf_puts(&b, rules_orig_str(di, bs, bs + best));
        p = s + best;
    }
    size_t mark = b.len;
    put_lower(x, &b, p, e);
    if (!best && b.len > mark) {
        /* capitalize the first letter */
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)b.ptr, (utf8proc_ssize_t)b.len, &cp);
        utf8proc_uint8_t out[4];
        if (k > 0 && utf8proc_encode_char(utf8proc_toupper(cp), out) == k)
            memcpy(b.ptr, out, (size_t)k);
    }
    char *t = td_buf_detach(&b);
    const char *r = td_doc_strdup(di->d, t);
    free(t);
    return r;
}

/* Where the descriptor of bloc name [s,e) starts: after "khoi" (or
 * "cum") and a following "thi dua"/"thi" (s + 4 when the name is
 * "khoi ..."; a "cum" name always has its "thi dua"). */
static size_t desc_start(const char *f, size_t s, size_t e)
{
    size_t p = s + (e - s >= 3 && memcmp(f + s, "cum", 3) == 0 ? 3 : 4);
    if (p + 8 <= e && memcmp(f + p, " thi dua", 8) == 0)
        p += 8;
    else if (p + 4 <= e && memcmp(f + p, " thi", 4) == 0 && (p + 4 == e || f[p + 4] == ' '))
        p += 4;
    return p;
}

static void do_bloc(ctx *x)
{
    docinfo *di = x->di;
    cand *b = NULL;
    int bs = 0;
    /* where names start (with a province) and end, for bloc_pair */
    size_t *starts = td_xmalloc((x->cl->n + 1) * sizeof *starts);
    size_t *ends = td_xmalloc((x->cl->n + 1) * sizeof *ends);
    size_t ns = 0, ne = 0;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        size_t s, e, ps, pe;
        if (c->r->kind != TD_FACT_BLOC)
            continue;
        value_span(c, "value", &s, &e);
        ends[ne++] = e;
        if (province_in(x, s, e, &ps, &pe))
            starts[ns++] = s;
    }
    qsort(starts, ns, sizeof *starts, cmp_size);
    qsort(ends, ne, sizeof *ends, cmp_size);
    long qblk = -2;       /* quote parity of the block up to qpos */
    size_t qpos = 0;
    int qodd = 0;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        if (c->r->kind != TD_FACT_BLOC)
            continue;
        size_t s, e, ps, pe;
        value_span(c, "value", &s, &e);
        int sc = c->score + zone_bonus(TD_FACT_BLOC, c->zone);
        /* the first of a pair shares the second's province */
        if (bloc_pair(x, e, 1, starts, ns, ends, ne))
            sc += 20;
        else if (province_in(x, s, e, &ps, &pe) && !bloc_pair(x, s, 0, starts, ns, ends, ne))
            sc += 20;
        if (rules_upper_at(di, s))
            sc += 3;
        if (rules_allcaps_word_at(di, s))
            sc -= 5;   /* a shouted header line; a sentence spells it better */
        {
            /* inside a quoted slogan ("Tuổi trẻ Khối các cơ quan xung kích");
             * the count goes on from the last candidate of the same block */
            long blk = rules_di_block_of(di, s);
            size_t from = blk >= 0 ? di->bstart[blk] : 0;
            if (blk != qblk || s < qpos) {
                qblk = blk;
                qpos = from;
                qodd = 0;
            }
            for (; qpos < s; qpos++)
                if (di->d->fold[qpos] == '"')
                    qodd = !qodd;
            if (qodd)
                sc -= 15;
        }
        {
            /* "... các đoàn thể huyện" names no place; "... huyện Cư M'gar" does */
            size_t z = e, a;
            while (z > s && di->d->fold[z - 1] == ' ')
                z--;
            a = z;
            while (a > s && di->d->fold[a - 1] != ' ')
                a--;
            if ((z - a == 4 && memcmp(di->d->fold + a, "tinh", 4) == 0) ||
                (z - a == 5 && memcmp(di->d->fold + a, "huyen", 5) == 0))
                sc -= 8;
        }
        if (!b || sc > bs || (sc == bs && c->ov[0] < b->ov[0])) {
            b = c;
            bs = sc;
        }
    }
    if (!b) {
        free(starts);
        free(ends);
        return;
    }
    size_t s, e;
    value_span(b, "value", &s, &e);
    rules_trim_span(di->d->fold, &s, &e);
    /* the same name written out further elsewhere ("Khối thi đua Văn hóa -
     * Xã hội huyện" in the headline, "... huyện Tháp Mười" in the lead):
     * the longest such mention */
    const char *f = di->d->fold;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        size_t cs, ce;
        if (c->r->kind != TD_FACT_BLOC || c->zone == ZONE_HEADER || c->zone == ZONE_ASIDE)
            continue;
        value_span(c, "value", &cs, &ce);
        rules_trim_span(f, &cs, &ce);
        /* not when all it adds is a bare "tỉnh"/"huyện" */
        size_t xs = cs + (e - s) + 1;
        int bare = (ce - xs == 4 && memcmp(f + xs, "tinh", 4) == 0) ||
                   (ce - xs == 5 && memcmp(f + xs, "huyen", 5) == 0);
        if (ce - cs > e - s && memcmp(f + cs, f + s, e - s) == 0 && !bare &&
            (f[cs + (e - s)] == ' ' || f[cs + (e - s)] == ',')) {
            s = cs;
            e = ce;
            b = c;
            continue;
        }
        /* the headline's "Khối Nội chính", the lead's "Khối thi đua Nội
         * chính [tỉnh]": the same bloc, written out in the lead */
        size_t ds = desc_start(f, s, e), cds = desc_start(f, cs, ce);
        if ((c->zone & (ZONE_TITLE | ZONE_LEAD)) && ds == s + 4 && cds > cs + 4 &&
            ce - cds >= e - ds && memcmp(f + cds, f + ds, e - ds) == 0 &&
            (cds + (e - ds) == ce || f[cds + (e - ds)] == ' ')) {
            s = cs;
            e = ce;
            b = c;
        }
    }
    /* "Khối thi đua A và Khối thi đua B tỉnh P": A gets the shared tail */
    size_t ts = 0, te = 0;
    if (bloc_pair(x, e, 1, starts, ns, ends, ne)) {
        size_t s2 = e + (f[e] == ',' ? 2 : 4);
        for (size_t i = 0; i < x->cl->n; i++) {
            cand *c = &x->cl->v[i];
            size_t cs, ce, ps, pe;
            if (c->r->kind != TD_FACT_BLOC)
                continue;
            value_span(c, "value", &cs, &ce);
            rules_trim_span(f, &cs, &ce);
            if (cs != s2 || ce <= te || !province_in(x, cs, ce, &ps, &pe))
                continue;
            /* back over the place's own word: "tỉnh", "thành phố", "tp" */
            size_t a = ps;
            while (a > cs && f[a - 1] == ' ')
                a--;
            if (a >= cs + 4 && memcmp(f + a - 4, "tinh", 4) == 0)
                a -= 4;
            else if (a >= cs + 9 && memcmp(f + a - 9, "thanh pho", 9) == 0)
                a -= 9;
            else if (a >= cs + 3 && memcmp(f + a - 3, "tp.", 3) == 0)
                a -= 3;
            else if (a >= cs + 2 && memcmp(f + a - 2, "tp", 2) == 0)
                a -= 2;
            else
                a = ps;
            if (a > cs && f[a - 1] == ' ') {
                ts = a;
                te = ce;
            }
        }
    }
    /* ... unless the report also names A on its own, without the tail */
    for (size_t i = 0; te > ts && i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        size_t cs, ce;
        if (c->r->kind != TD_FACT_BLOC || c->zone == ZONE_HEADER || c->zone == ZONE_ASIDE)
            continue;
        value_span(c, "value", &cs, &ce);
        rules_trim_span(f, &cs, &ce);
        if (cs != s && ce - cs == e - s && memcmp(f + cs, f + s, e - s) == 0 &&
            rules_upper_at(di, cs) && !bloc_pair(x, ce, 1, starts, ns, ends, ne))
            ts = te = 0;
    }
    free(starts);
    free(ends);
    x->bloc_s = s;
    x->bloc_e = e;
    x->have_bloc = 1;
    /* the level: bloc-scope rules over the name, else doc-scope ones */
    const char *level = NULL;
    cand lc;
    if (rules_match_scoped(di, RK_LEVEL, SCOPE_BLOC, s, e, 0, &lc))
        level = set_of(lc.r, "value");
    if (!level) {
        cand *l = best(x, RK_LEVEL);
        if (l)
            level = set_of(l->r, "value");
    }
    x->bloc_level = level ? level : "other";
    const char *name = shouted_span(di, s, e) ? recase_bloc(x, s, e) : rules_orig_str(di, s, e);
    if (te > ts && !shouted_span(di, ts, te)) {
        td_buf nb = TD_BUF_INIT;
        td_buf_puts(&nb, name);
        td_buf_putc(&nb, ' ');
        td_buf_puts(&nb, rules_orig_str(di, ts, te));
        char *t = td_buf_detach(&nb);
        name = td_doc_strdup(di->d, t);
        free(t);
    }
    add_fact(x, TD_FACT_BLOC, name, level ? level : "other", 0, 0,
             b->r->id, b->ov[0], b->ov[1], b->ss, b->se);
}

static const prov *prov_lookup(const rules_set *rs, const char *f, size_t n)
{
    for (size_t i = 0; i < rs->nprovs; i++)
        if (strlen(rs->provs[i].fold) == n && memcmp(rs->provs[i].fold, f, n) == 0)
            return &rs->provs[i];
    return NULL;
}

static void do_province(ctx *x)
{
    docinfo *di = x->di;
    size_t ps, pe;
    /* a bloc of ministries belongs to no province, whatever the venue or
     * the area in its name ("các trường đại học khu vực Hà Nội thuộc Bộ") */
    if (x->bloc_level && strcmp(x->bloc_level, "bo_nganh") == 0)
        return;
    if (x->have_bloc && province_in(x, x->bloc_s, x->bloc_e, &ps, &pe)) {
        size_t ss, se;
        rules_di_sentence(di, ps, &ss, &se);
        const prov *pv = prov_lookup(di->rs, di->d->fold + ps, pe - ps);
        add_fact(x, TD_FACT_PROVINCE, pv ? pv->name : rules_orig_str(di, ps, pe), NULL, 0, 0, "province.in_bloc",
                 ps, pe, ss, se);
        return;
    }
    /* a bloc named after a national body ("Cụm thi đua số 2 Liên hiệp
     * Hội Việt Nam") belongs to no province: its venue's is not the bloc's */
    if (x->have_bloc && x->bloc_e >= x->bloc_s + 9) {
        const char *f = di->d->fold;
        size_t p = x->bloc_e - 8;
        if (memcmp(f + p, "viet nam", 8) == 0 && f[p - 1] == ' ')
            return;
    }
    /* a bloc of several provinces ("... các tỉnh vùng đồng bằng sông Hồng")
     * belongs to none of them: the province of its venue or of its leading
     * member is not the bloc's */
    if (x->have_bloc) {
        size_t ss, se;
        rules_di_sentence(di, x->bloc_s, &ss, &se);
        size_t lim = x->bloc_e + 160 < se ? x->bloc_e + 160 : se;
        if (rules_re_find(di, di->rs->regional, x->bloc_s, lim, 0, NULL, NULL))
            return;
    }
    /* otherwise the best mention; repeated mentions of one province add up
     * (2 for every other mention, 10 at most): the mentions of each name
     * are counted once, not for every mention again */
    const prov **pv_of = td_xcalloc(x->cl->n + 1, sizeof *pv_of);
    rules_keymap mentions = {0};
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        if (c->r->kind != TD_FACT_PROVINCE)
            continue;
        size_t s, e;
        value_span(c, "value", &s, &e);
        pv_of[i] = prov_lookup(di->rs, di->d->fold + s, e - s);
        if (pv_of[i])
            (*rules_keymap_put(&mentions, pv_of[i]->name, strlen(pv_of[i]->name), 0, NULL))++;
    }
    cand *b = NULL;
    int bs = 0;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        /* a province named only in a caption or a sidebar headline is not
         * known to be the bloc's */
        if (c->r->kind != TD_FACT_PROVINCE || c->zone == ZONE_ASIDE)
            continue;
        const prov *p = pv_of[i];
        int sc = c->score + zone_bonus(TD_FACT_PROVINCE, c->zone), more = 0;
        if (p) {
            size_t others = *rules_keymap_get(&mentions, p->name, strlen(p->name)) - 1;
            more = others >= 5 ? 10 : 2 * (int)others;
        }
        sc += more;
        if (!b || sc > bs || (sc == bs && c->ov[0] < b->ov[0])) {
            b = c;
            bs = sc;
        }
    }
    free(pv_of);
    rules_keymap_free(&mentions);
    if (!b)
        return;
    size_t s, e;
    value_span(b, "value", &s, &e);
    /* the canonical spelling: an abbreviation, a name in capitals or in
     * the old tone placement all give the gazetteer's name */
    const prov *pv = prov_lookup(di->rs, di->d->fold + s, e - s);
    add_fact(x, TD_FACT_PROVINCE, pv ? pv->name : rules_orig_str(di, s, e), NULL, 0, 0, b->r->id,
             b->ov[0], b->ov[1], b->ss, b->se);
}

/* The event value of a candidate (its rule's set value or mapped group). */
static const char *event_value(ctx *x, const cand *c)
{
    const char *v = set_of(c->r, "value");
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
        b = best(x, TD_FACT_EVENT);   /* a title that names an exchange, a visit ... */
        if (b && (!event_value(x, b) || strcmp(event_value(x, b), "other") != 0))
            b = NULL;   /* a pledge named in passing, a review in the body: not the meeting */
    }
    const char *v = b ? event_value(x, b) : NULL;
    if (v) {
        x->event = v;
        add_fact(x, TD_FACT_EVENT, v, NULL, 0, 0, b->r->id, b->ov[0], b->ov[1], b->ss, b->se);
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
        long y = year_of(x, &x->cl->v[i], "year");
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
        int sc = c->score + zone_bonus(kind, c->zone);
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
    add_fact(x, kind, td_doc_strdup(x->di->d, buf), NULL, (int)by, by, b->r->id,
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
    cand *b = best(x, TD_FACT_MEETING_DATE);
    if (!b)
        return;
    size_t s, e;
    value_span(b, "date", &s, &e);
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
    add_fact(x, TD_FACT_MEETING_DATE, td_doc_strdup(di->d, iso), NULL, 0, 0, b->r->id,
             b->ov[0], b->ov[1], b->ss, b->se);
}

static void do_count(ctx *x)
{
    cand *b = best(x, TD_FACT_MEMBER_COUNT);
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
    add_fact(x, TD_FACT_MEMBER_COUNT, td_doc_strdup(x->di->d, buf), NULL, 0, n,
             b->r->id, b->ov[0], b->ov[1], b->ss, b->se);
}

/* A short line without a full stop (an aside) at fold position pos reads
 * as a photo caption of the meeting, or as the last paragraph of a text cut
 * short, when it tells what someone does there ({CAPTION}: "Đồng chí X ...
 * phát biểu", "trao cờ", "thống nhất bầu") and is not one of a run of
 * three or more such lines (blank lines between them aside): a sidebar, a
 * menu or a list of related news names other blocs' leaders. */
static int caption_block(const docinfo *di, size_t pos)
{
    long b = rules_di_block_of(di, pos);
    int run = 1;
    for (long k = b - 1; k >= 0 && run < 3; k--) {
        if (di->bend[k] <= di->bstart[k])
            continue;                          /* a blank line */
        if (di->zone[k] != ZONE_ASIDE)
            break;
        run++;
    }
    for (size_t k = (size_t)b + 1; k < di->nb && run < 3; k++) {
        if (di->bend[k] <= di->bstart[k])
            continue;
        if (di->zone[k] != ZONE_ASIDE)
            break;
        run++;
    }
    return run < 3 && rules_re_find(di, di->rs->caption, di->bstart[b], di->bend[b], 0, NULL, NULL);
}

/* ---- leaders ------------------------------------------------------------- */

typedef struct lead {
    size_t us, ue;             /* unit, fold span */
    const char *role;
    long year;
    int explicit_year;         /* written next to the role */
    int next;                  /* takes the role over (a handover) */
    int score;
    const rule *r;             /* the rule that said it */
    size_t ss, se;             /* its sentence */
    size_t fs, fe;             /* evidence span */
} lead;

typedef struct lead_list { lead *v; size_t n, cap; } lead_list;

static void lead_add(ctx *x, lead_list *l, const cand *c, const char *sfx, size_t fs, size_t fe)
{
    char g[16];
    size_t us, ue, rs_, re_;
    snprintf(g, sizeof g, "unit%s", sfx);
    if (!rules_cand_group(c, g, &us, &ue))
        return;
    rules_trim_span(x->di->d->fold, &us, &ue);
    if (ue <= us)
        return;
    {
        /* a bare kind of unit names none ("Giám đốc Sở, Trưởng khối") */
        static const char *const bare[] = {"so", "ban", "hoi", "bo", "cuc", "phong", "vien",
                                           "truong", "don vi", "co quan", "nganh"};
        const char *f = x->di->d->fold;
        for (size_t k = 0; k < sizeof bare / sizeof *bare; k++)
            if (ue - us == strlen(bare[k]) && memcmp(f + us, bare[k], ue - us) == 0)
                return;
    }
    const char *role = NULL;
    /* "unitf": the unit that hands the role over ("chuyển giao cụm trưởng
     * từ X cho Y"), in the role of the unit that takes it */
    int giver = strcmp(sfx, "f") == 0;
    snprintf(g, sizeof g, "role%s", giver ? "" : sfx);
    if (rules_cand_group(c, g, &rs_, &re_))
        role = rules_map_value(x->di, "role", x->di->d->fold, rs_, re_);
    if (!role) {
        snprintf(g, sizeof g, "role%s", sfx);
        role = set_of(c->r, g);
    }
    if (!role)
        return;
    /* evidence from the unit (after trimming) when it comes first */
    if (rules_cand_group(c, g, &rs_, &re_) && us < rs_ && us > fs && us < fe)
        fs = us;
    /* a unit that is really several ("X và Y") is ambiguous here */
    span_list parts = {0};
    rules_split_members(x->di, us, ue, &parts, 0);
    size_t nparts = parts.n;
    free(parts.v);
    if (nparts > 1)
        return;
    snprintf(g, sizeof g, "year%s", sfx);
    long y = year_of(x, c, g);
    if (!y && *sfx)
        y = year_of(x, c, "year");
    int explicit_year = y != 0;
    if (giver && y)   /* the year written is the one taken over */
        y--;
    /* a handover ("set when=next"): the unit taking the role over leads
     * the year after the one under review (at a signing, the pledge year);
     * the one handing it over, the year under review (the year before) */
    const char *when = set_of(c->r, "when");
    if (!y && when && strcmp(when, "next") == 0) {
        if (giver)
            y = x->reviewed_year ? x->reviewed_year : x->pledge_year ? x->pledge_year - 1 : 0;
        else
            y = x->reviewed_year ? x->reviewed_year + 1 : x->pledge_year;
    }
    if (!y)   /* the pledge year; with no pledge, the year under review */
        y = x->pledge_year ? x->pledge_year : x->reviewed_year;
    /* at a review that also opens the next year, a unit named as the
     * holder of the role (an apposition, "when=holder"), without a year,
     * led the year under review; one elected or assigned leads the next */
    if (!explicit_year && when && strcmp(when, "holder") == 0 && x->event &&
        strcmp(x->event, "tong_ket") == 0 && x->reviewed_year && x->pledge_year == x->reviewed_year + 1)
        y = x->reviewed_year;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->v = td_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = (lead){us, ue, role, y, explicit_year,
                          when && strcmp(when, "next") == 0 && !giver, c->score + zone_bonus(TD_FACT_LEADER, c->zone), c->r, c->ss, c->se,
                          fs, fe};
}

/* The key of a lead for the maps below: its sentence start (when ss),
 * its role, and its unit's folded text (when unit) or year. */
static void lead_key(const ctx *x, const lead *a, int ss, int unit, td_buf *k)
{
    td_buf_clear(k);
    if (ss)
        td_buf_append(k, (const char *)&a->ss, sizeof a->ss);
    td_buf_puts(k, a->role ? a->role : "");
    td_buf_putc(k, '\0');
    if (unit)
        td_buf_append(k, x->di->d->fold + a->us, a->ue - a->us);
    else
        td_buf_append(k, (const char *)&a->year, sizeof a->year);
}

static int same_unit(const ctx *x, const lead *a, const lead *b)
{
    return a->ue - a->us == b->ue - b->us &&
           memcmp(x->di->d->fold + a->us, x->di->d->fold + b->us, a->ue - a->us) == 0;
}

/* Two units that may be one: the same span or overlapping spans, or one
 * name inside the other ("huyện X" and "Công an huyện X") */
static int unit_overlap(const ctx *x, const lead *a, const lead *b)
{
    if (a->us < b->ue && b->us < a->ue)
        return 1;
    const char *f = x->di->d->fold;
    size_t na = a->ue - a->us, nb = b->ue - b->us;
    const lead *lo = na <= nb ? a : b, *hi = na <= nb ? b : a;
    size_t nl = lo->ue - lo->us, nh = hi->ue - hi->us;
    for (size_t i = 0; i + nl <= nh; i++)
        if (memcmp(f + hi->us + i, f + lo->us, nl) == 0)
            return 1;
    return 0;
}

static int role_cmp(const lead *a, const lead *b)
{
    return strcmp(a->role ? a->role : "", b->role ? b->role : "");
}

/* Each step below asks, for every lead, about the other leads: a map per
 * step makes that one look-up per lead, so a page of many thousand leads
 * costs linear time. */
static void emit_leaders(ctx *x, lead_list *l)
{
    td_buf k = TD_BUF_INIT;
    /* a role without its own year takes one written for another role in
     * the same sentence ("bầu Trưởng khối năm 2024 là X; Phó khối là Y"):
     * the first dated lead of the sentence that is not the year of another
     * unit in the same role: that is the outgoing one ("X, Trưởng khối năm
     * 2022, bàn giao trách nhiệm trưởng khối cho Y").  That is the first
     * dated lead of the sentence (j1) when it has another role or the same
     * unit, else the earlier of the sentence's first dated lead with
     * another role than j1's (j2) and its first with the same role and
     * unit. */
    rules_keymap first = {0}, other = {0}, same = {0};
    for (size_t j = 0; j < l->n; j++) {
        if (!l->v[j].explicit_year)
            continue;
        int added;
        size_t j1 = *rules_keymap_put(&first, (const char *)&l->v[j].ss, sizeof l->v[j].ss, j,
                                      &added);
        if (!added && role_cmp(&l->v[j], &l->v[j1]) != 0)
            rules_keymap_put(&other, (const char *)&l->v[j].ss, sizeof l->v[j].ss, j, NULL);
        lead_key(x, &l->v[j], 1, 1, &k);
        rules_keymap_put(&same, k.ptr, k.len, j, NULL);
    }
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].explicit_year)
            continue;
        const size_t *j1 = rules_keymap_get(&first, (const char *)&l->v[i].ss, sizeof l->v[i].ss);
        if (!j1)
            continue;
        size_t j = *j1;
        if (role_cmp(&l->v[j], &l->v[i]) == 0 && !same_unit(x, &l->v[j], &l->v[i])) {
            const size_t *j2 = rules_keymap_get(&other, (const char *)&l->v[i].ss,
                                                sizeof l->v[i].ss);
            lead_key(x, &l->v[i], 1, 1, &k);
            const size_t *j3 = rules_keymap_get(&same, k.ptr, k.len);
            if (!j2 && !j3)
                continue;
            j = j2 && (!j3 || *j2 < *j3) ? *j2 : *j3;
        }
        l->v[i].year = l->v[j].year;
    }
    rules_keymap_free(&first);
    rules_keymap_free(&other);
    rules_keymap_free(&same);
    /* a role without a year whose unit differs from the one dated that
     * year for the same role in another sentence is the outgoing leader of the year under
     * review ("Tỉnh đoàn (khối trưởng), ..." beside "Hội X làm khối trưởng
     * năm 2024" at a review of 2023), and so are the other undated roles
     * of its sentence */
    for (size_t i = 0; i < l->n && x->reviewed_year; i++) {
        lead *a = &l->v[i];
        if (a->explicit_year || a->next || !a->year || a->year == x->reviewed_year)
            continue;
        size_t j;
        for (j = 0; j < l->n; j++) {
            lead *b = &l->v[j];
            if (b->explicit_year && b->year == a->year && strcmp(b->role, a->role) == 0 &&
                b->ss != a->ss && !same_unit(x, a, b))
                break;
        }
        if (j == l->n)
            continue;
        for (j = 0; j < l->n; j++)   /* the year reviewed has its own leader */
            if (l->v[j].explicit_year && l->v[j].year == x->reviewed_year &&
                strcmp(l->v[j].role, a->role) == 0)
                break;
        if (j < l->n)
            continue;
        long from = a->year;
        for (size_t k = 0; k < l->n; k++)
            if (!l->v[k].explicit_year && !l->v[k].next && l->v[k].year == from &&
                l->v[k].ss == a->ss)
                l->v[k].year = x->reviewed_year;
    }
    /* a unit named for a role without a year, and again with one: keep the
     * dated statement */
    rules_keymap dated = {0};
    for (size_t j = 0; j < l->n; j++)
        if (l->v[j].year) {
            lead_key(x, &l->v[j], 0, 1, &k);
            rules_keymap_put(&dated, k.ptr, k.len, j, NULL);
        }
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].year)
            continue;
        lead_key(x, &l->v[i], 0, 1, &k);
        if (rules_keymap_get(&dated, k.ptr, k.len)) {
            l->v[i].score = -1000;   /* loses every comparison below */
            l->v[i].role = "";
        }
    }
    rules_keymap_free(&dated);
    /* one unit per role and year: the best-scored, then the earliest; a
     * bloc may have two deputies ("Phó khối 1: X; Phó khối 2: Y"), so a
     * deputy gives way only to a unit that may be the same one (asked
     * pairwise among the deputies: a page names few) */
    rules_keymap top = {0};
    for (size_t j = 0; j < l->n; j++) {
        lead_key(x, &l->v[j], 0, 0, &k);
        size_t *b = rules_keymap_put(&top, k.ptr, k.len, j, NULL);
        if (l->v[j].score > l->v[*b].score)
            *b = j;
    }
    for (size_t i = 0; i < l->n; i++) {
        lead *a = &l->v[i];
        if (a->role[0] == '\0')
            continue;
        int keep = 1;
        if (strcmp(a->role, "pho_khoi") == 0) {
            for (size_t j = 0; j < l->n && keep; j++) {
                lead *b = &l->v[j];
                if (i == j || strcmp(a->role, b->role) != 0 || a->year != b->year ||
                    !unit_overlap(x, a, b))
                    continue;
                if (b->score > a->score || (b->score == a->score && j < i))
                    keep = 0;
            }
        } else {
            lead_key(x, a, 0, 0, &k);
            keep = *rules_keymap_get(&top, k.ptr, k.len) == i;
        }
        if (!keep)
            continue;
        add_fact(x, TD_FACT_LEADER, rules_orig_str(x->di, a->us, a->ue), a->role, (int)a->year,
                 0, a->r->id, a->fs, a->fe, a->ss, a->se);
    }
    rules_keymap_free(&top);
    td_buf_free(&k);
}

/* ---- members ------------------------------------------------------------- */

static void add_member(ctx *x, const char *v, const cand *b, size_t s, size_t e)
{
    if (fact_known(x, TD_FACT_MEMBER, v))
        return;
    add_fact(x, TD_FACT_MEMBER, v, NULL, 0, 0, b->r->id, s, e, b->ss, b->se);
}

static void do_members(ctx *x, lead_list *leads)
{
    docinfo *di = x->di;
    const char *f = di->d->fold;
    cand *b = NULL;
    span_list best_items = {0}, best_roles = {0};
    int bs = 0;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        if (c->r->kind != TD_FACT_MEMBER)
            continue;
        size_t s, e;
        if (!rules_cand_group(c, "list", &s, &e))
            continue;
        span_list items = {0}, roles = {0};
        size_t hs1, he1;
        /* a rule that says its items are bare names ("các địa phương: Đức
         * Trọng, Di Linh và Bảo Lộc", set items=names) needs no unit word
         * and splits on "và" before a capital, as a list with a head does */
        const char *ik = set_of(c->r, "items");
        int names = ik && strcmp(ik, "names") == 0;
        if (c->r->split == SPLIT_BLOCKS)
            rules_split_blocks(di, e, &items, &roles);
        else
            rules_split_members(di, s, e, &items, names || rules_cand_group(c, "head", &hs1, &he1));
        /* a real list: at least two items, each starting with a capital */
        size_t good = 0;
        for (size_t k = 0; k < items.n; k++)
            if (rules_upper_at(di, items.v[k].s))
                good++;
        int sc = c->score * 100 + (int)good;
        size_t hs0, he0;
        int starts = items.n && (names || rules_cand_group(c, "head", &hs0, &he0) ||
                                 rules_re_find(di, di->rs->unit_head, items.v[0].s, items.v[0].e, 1, NULL, NULL) ||
                                 rules_allcaps_word_at(di, items.v[0].s));
        if (starts && rules_upper_at(di, items.v[0].s) && good >= 2 && good * 4 >= items.n * 3 &&
            (!b || sc > bs)) {
            free(best_items.v);
            free(best_roles.v);
            best_items = items;
            best_roles = roles;
            b = c;
            bs = sc;
        } else {
            free(items.v);
            free(roles.v);
        }
    }
    if (!b)
        return;
    /* a shared head: "các Sở: Xây dựng, Tài chính" gives every item its
     * head; "Sở A, B, C" lends the head of the last item that had one to
     * the capitalized items that follow without one */
    size_t hs = 0, he = 0;
    const char *given = NULL, *cur = NULL;
    if (rules_cand_group(b, "head", &hs, &he)) {
        /* the head without its plural word: "các Bệnh viện" gives
         * "Bệnh viện", "các Sở" "Sở" */
        const char *f = di->d->fold;
        while (he > hs && f[he - 1] == ' ')
            he--;
        static const char *const plural[] = {"cac ", "nhung ", "ca "};
        for (size_t k = 0; k < sizeof plural / sizeof *plural; k++) {
            size_t l = strlen(plural[k]);
            if (he - hs > l && strncmp(f + hs, plural[k], l) == 0) {
                hs += l;
                break;
            }
        }
        given = rules_orig_str(di, hs, he);
        /* "UBND các huyện: A, B" gives "UBND huyện A" (group "pre") */
        size_t qs, qe;
        if (rules_cand_group(b, "pre", &qs, &qe) && qe > qs) {
            td_buf t = TD_BUF_INIT;
            td_buf_puts(&t, rules_orig_str(di, qs, qe));
            td_buf_putc(&t, ' ');
            td_buf_puts(&t, given);
            char *g = td_buf_detach(&t);
            given = td_doc_strdup(di->d, g);
            free(g);
        }
    }
    const char *bik = set_of(b->r, "items");
    int bnames = bik && strcmp(bik, "names") == 0;
    for (size_t k = 0; k < best_items.n; k++) {
        size_t s = best_items.v[k].s, e = best_items.v[k].e;
        if (!rules_upper_at(di, s) && !rules_unit_start(di, s, e))
            continue;
        cand lc;
        if (rules_match_scoped(di, TD_FACT_LEADER, SCOPE_ITEM, s, e, 1, &lc)) {
            lead_add(x, leads, &lc, "", s, e);
            size_t us, ue;
            if (rules_cand_group(&lc, "unit", &us, &ue)) {
                s = us;
                e = ue;
                rules_trim_span(f, &s, &e);
            }
        }
        size_t ms, me;
        int has_head = rules_re_find(di, di->rs->unit_head, s, e, 1, &ms, &me) || rules_allcaps_word_at(di, s);
        const char *prefix = NULL;
        if (has_head && rules_re_find(di, di->rs->unit_head, s, e, 1, &ms, &me))
            cur = rules_orig_str(di, ms, me);
        else if (has_head)
            cur = NULL;
        /* lend a head only to a short name part ("Y tế"), never to a name
         * that stands alone ("Thư viện tỉnh") */
        int standalone = 0, words = 1;
        for (size_t q = s; q < e; q++) {
            if (f[q] == ' ')
                words++;
            if ((q == s || f[q - 1] == ' ') && q + 4 <= e && memcmp(f + q, "tinh", 4) == 0 &&
                (q + 4 == e || f[q + 4] == ' '))
                standalone = 1;
        }
        if (!has_head && (given || (!standalone && words <= 8)))
            prefix = given ? given : cur;
        if (bnames)
            prefix = NULL;   /* bare names: "Bảo Lâm" lends no "Báo" */
        /* "Agribank (các chi nhánh: A, B)": one member per branch */
        const char *op = memchr(f + s, '(', e - s);
        if (op && (size_t)(op - f) + 5 < e && memcmp(op + 1, "cac ", 4) == 0) {
            size_t ps = (size_t)(op - f) + 5, colon = ps;
            while (colon < e && f[colon] != ':' && f[colon] != ')')
                colon++;
            size_t close = colon;
            while (close < e && f[close] != ')')
                close++;
            if (colon < e && f[colon] == ':') {
                const char *base = rules_orig_str(di, s, (size_t)(op - f));
                const char *noun = rules_orig_str(di, ps, colon);
                span_list sub = {0};
                rules_split_members(di, colon + 1, close, &sub, 1);
                for (size_t q = 0; q < sub.n; q++) {
                    td_buf vb = TD_BUF_INIT;
                    td_buf_printf(&vb, "%s %s %s", base, noun, rules_orig_str(di, sub.v[q].s, sub.v[q].e));
                    add_member(x, td_doc_strdup(di->d, vb.ptr), b, sub.v[q].s, sub.v[q].e);
                    td_buf_free(&vb);
                }
                free(sub.v);
                if (sub.n)
                    continue;
            }
        }
        if (k < best_roles.n && best_roles.v[k].e > best_roles.v[k].s) {
            /* a role column beside the unit */
            const char *role = rules_map_value(di, "role", f, best_roles.v[k].s, best_roles.v[k].e);
            if (leads->n == leads->cap) {
                leads->cap = leads->cap ? 2 * leads->cap : 8;
                leads->v = td_xrealloc(leads->v, leads->cap * sizeof *leads->v);
            }
            leads->v[leads->n++] = (lead){s, e, role, x->pledge_year ? x->pledge_year : x->reviewed_year, 0, 0, b->score, b->r,
                                          b->ss, b->se, s, e};
        }
        const char *v = rules_orig_str(di, s, e);
        if (prefix) {
            td_buf vb = TD_BUF_INIT;
            td_buf_printf(&vb, "%s %s", prefix, v);
            v = td_doc_strdup(di->d, vb.ptr);
            td_buf_free(&vb);
        }
        add_member(x, v, b, best_items.v[k].s, best_items.v[k].e);
    }
    free(best_roles.v);
    free(best_items.v);
    /* a second group after the list ({MEMBER_STOP} ends it there): "A, B
     * và các Sở: Xây dựng, Tài chính" gives "Sở Xây dựng", "Sở Tài chính" */
    size_t ls, le;
    if (!rules_cand_group(b, "list", &ls, &le))
        return;
    size_t q = le;
    while (q < di->d->fold_len && f[q] == ' ')
        q++;
    size_t hs2, he2;
    if (q + 7 >= di->d->fold_len || memcmp(f + q, "va cac ", 7) != 0 ||
        !rules_upper_at(di, q + 7) ||
        !rules_re_find(di, di->rs->unit_head, q + 7, di->d->fold_len, 1, &hs2, &he2))
        return;
    size_t p2 = he2;
    while (p2 < di->d->fold_len && f[p2] == ' ')
        p2++;
    if (p2 >= di->d->fold_len || f[p2] != ':')
        return;
    p2++;
    size_t e2 = p2;
    while (e2 < di->d->fold_len && f[e2] != '.' && f[e2] != '\n' && f[e2] != '(' && f[e2] != ')')
        e2++;
    span_list g2 = {0};
    rules_split_members(di, p2, e2, &g2, 1);
    const char *head2 = rules_orig_str(di, hs2, he2);
    for (size_t k = 0; k < g2.n; k++) {
        size_t s = g2.v[k].s, e = g2.v[k].e;
        if (!rules_upper_at(di, s))
            continue;
        td_buf vb = TD_BUF_INIT;
        if (rules_re_find(di, di->rs->unit_head, s, e, 1, NULL, NULL))
            td_buf_puts(&vb, rules_orig_str(di, s, e));
        else
            td_buf_printf(&vb, "%s %s", head2, rules_orig_str(di, s, e));
        add_member(x, td_doc_strdup(di->d, vb.ptr), b, s, e);
        td_buf_free(&vb);
    }
    free(g2.v);
}

/* ---- goals --------------------------------------------------------------- */

typedef struct gitem { size_t s, e; const cand *c; int drop; size_t rs, re; } gitem;

static int cmp_gitem(const void *a, const void *b)
{
    const gitem *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    return x->e > y->e ? -1 : x->e < y->e;
}

static int cmp_region(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->s < y->s ? -1 : x->s > y->s;
}

static int cmp_int_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x > y ? -1 : x < y;
}

/* Inside the region of a stronger rule only that rule's items count
 * (quoted movement names excepted: they replace their container): drop
 * every item that overlaps the region of an item of a higher priority.
 * For each priority the stronger regions are sorted by start, with the
 * furthest end reached so far, so each item is one binary search. */
static void drop_weaker_goals(gitem *g, size_t n)
{
    if (n < 2)
        return;
    int *prios = td_xmalloc(n * sizeof *prios);
    for (size_t i = 0; i < n; i++)
        prios[i] = g[i].c->r->prio;
    qsort(prios, n, sizeof *prios, cmp_int_desc);
    span *reg = td_xmalloc(n * sizeof *reg);
    size_t *reach = td_xmalloc(n * sizeof *reach);
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && prios[k] == prios[k - 1])
            continue;
        int p = prios[k];
        size_t nr = 0;
        for (size_t j = 0; j < n; j++)
            if (g[j].c->r->prio > p)
                reg[nr++] = (span){g[j].rs, g[j].re};
        if (!nr)
            continue;
        qsort(reg, nr, sizeof *reg, cmp_region);
        for (size_t j = 0; j < nr; j++)
            reach[j] = j && reach[j - 1] > reg[j].e ? reach[j - 1] : reg[j].e;
        for (size_t i = 0; i < n; i++) {
            if (g[i].c->r->prio != p || g[i].c->r->split == SPLIT_QUOTED)
                continue;
            size_t lo = 0, hi = nr;   /* regions starting before the item's end */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (reg[mid].s < g[i].e)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo && reach[lo - 1] > g[i].s)
                g[i].drop = 1;
        }
    }
    free(prios);
    free(reg);
    free(reach);
}

static void do_goals(ctx *x)
{
    docinfo *di = x->di;
    gitem *g = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        if (c->r->kind != TD_FACT_GOAL)
            continue;
        size_t s, e;
        if (!rules_cand_group(c, "list", &s, &e) && !rules_cand_group(c, "text", &s, &e))
            continue;
        /* goals fronted by a year ("Năm 2024, các đơn vị tập trung ...")
         * are pledges only for the pledge year; others report the past */
        long gy = year_of(x, c, "year");
        /* ... or, at a review, for the year after the one reviewed */
        if (gy && gy != x->pledge_year && !(x->reviewed_year && gy == x->reviewed_year + 1))
            continue;
        span_list items = {0};
        if (c->r->split == SPLIT_NONE) {
            rules_trim_span(di->d->fold, &s, &e);
            if (e > s)
                rules_span_push(&items, s, e);
        } else {
            rules_split_goals(di, c->r->split, s, e, c->r->cont, &items);
        }
        for (size_t k = 0; k < items.n; k++) {
            if (n == cap) {
                cap = cap ? 2 * cap : 16;
                g = td_xrealloc(g, cap * sizeof *g);
            }
            g[n++] = (gitem){items.v[k].s, items.v[k].e, c, 0, s, e};
        }
        free(items.v);
    }
    drop_weaker_goals(g, n);
    if (n)
        qsort(g, n, sizeof *g, cmp_gitem);
    /* a goal that holds two or more others is a container: keep the parts;
     * one that holds a single other is kept and the part dropped; partial
     * overlaps keep the first.  In start order (then longest first) the
     * goals a goal holds come right after it, and the ones it overlaps
     * too: the scans stop at its end. */
    for (size_t i = 0; i < n; i++) {
        if (g[i].drop)
            continue;
        size_t inner = 0;
        for (size_t j = i + 1; j < n && g[j].s <= g[i].e && inner < 2; j++)
            if (!g[j].drop && g[j].e <= g[i].e && !(g[j].s == g[i].s && g[j].e == g[i].e))
                inner++;
        if (inner >= 2) {
            g[i].drop = 1;
            continue;
        }
        for (size_t j = i + 1; j < n && g[j].s < g[i].e; j++)
            g[j].drop = 1;
    }
    /* a quoted movement name that another goal states with its words
     * ("đẩy mạnh phong trào thi đua “X” năm 2024") or that is quoted again
     * is that goal, not a second one */
    const char *f = di->d->fold;
    for (size_t i = 0; i < n; i++) {
        if (g[i].drop || g[i].c->r->split != SPLIT_QUOTED)
            continue;
        size_t a = g[i].s, z = g[i].e;
        while (a < z && (f[a] == '"' || f[a] == ' '))
            a++;
        while (z > a && (f[z - 1] == '"' || f[z - 1] == ' '))
            z--;
        size_t len = z - a;
        for (size_t j = 0; j < n && !g[i].drop && len; j++) {
            if (j == i || g[j].drop || g[j].e - g[j].s < len)
                continue;
            if (g[j].c->r->split == SPLIT_QUOTED && g[j].s > g[i].s)
                continue;          /* of two equal names, the first stays */
            for (size_t q = g[j].s; q + len <= g[j].e; q++)
                if (memcmp(f + q, f + a, len) == 0) {
                    g[i].drop = 1;
                    break;
                }
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (g[i].drop)
            continue;
        const char *v = rules_orig_str(di, g[i].s, g[i].e);
        if (fact_known(x, TD_FACT_GOAL, v))
            continue;
        size_t ss, se;
        rules_di_sentence(di, g[i].s, &ss, &se);
        add_fact(x, TD_FACT_GOAL, v, NULL, 0, 0, g[i].c->r->id, g[i].s, g[i].e, ss,
                 se > g[i].e ? se : g[i].e);
    }
    free(g);
}

static void do_officials(ctx *x)
{
    docinfo *di = x->di;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        if (c->r->kind != TD_FACT_OFFICIAL || c->zone == ZONE_HEADER ||
            (c->zone == ZONE_ASIDE && !caption_block(di, c->ov[0])))
            continue;
        size_t ns, ne, ts, te;
        if (!rules_cand_group(c, "name", &ns, &ne))
            continue;
        int has_title = rules_cand_group(c, "title", &ts, &te);
        rules_trim_span(di->d->fold, &ns, &ne);
        const char *name = rules_orig_str(di, ns, ne);
        if (fact_known(x, TD_FACT_OFFICIAL, name))
            continue;
        const char *title = NULL;
        if (has_title) {
            rules_trim_span(di->d->fold, &ts, &te);
            title = rules_orig_str(di, ts, te);
        }
        add_fact(x, TD_FACT_OFFICIAL, name, title, 0, 0, c->r->id, c->ov[0], c->ov[1],
                 c->ss, c->se);
    }
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
    do_bloc(&x);
    do_province(&x);
    do_event(&x);
    x.pledge_year = do_year(&x, TD_FACT_PLEDGE_YEAR);
    /* a year under review only for a review meeting: a signing that plans
     * "Hội nghị tổng kết ... năm 2021" reviews nothing yet */
    if (x.event && (strcmp(x.event, "tong_ket") == 0 || strcmp(x.event, "so_ket") == 0))
        x.reviewed_year = do_year(&x, TD_FACT_REVIEWED_YEAR);
    do_meeting(&x);
    do_count(&x);
    lead_list leads = {0};
    do_members(&x, &leads);
    for (size_t i = 0; i < cl->n; i++) {
        cand *c = &cl->v[i];
        /* a sidebar headline names other blocs' leaders; a photo caption
         * between the article's paragraphs names this meeting's */
        if (c->r->kind != TD_FACT_LEADER || c->zone == ZONE_HEADER ||
            (c->zone == ZONE_ASIDE && !caption_block(di, c->ov[0])))
            continue;
        lead_add(&x, &leads, c, "", c->ov[0], c->ov[1]);
        lead_add(&x, &leads, c, "2", c->ov[0], c->ov[1]);
        lead_add(&x, &leads, c, "f", c->ov[0], c->ov[1]);
    }
    emit_leaders(&x, &leads);
    free(leads.v);
    do_goals(&x);
    do_officials(&x);
    /* last: the choices above tell a signing's year from a review's */
    pledge_from_review(&x);
    pledge_from_meeting(&x);
    former_province(&x);
    for (int k = 0; k < TD_FACT__COUNT; k++)
        rules_keymap_free(&x.known[k]);
}
