/* resolve_bloc.c - the bloc's name and level, and the province.
 *
 * The bloc name is the best candidate, completed with its description and
 * re-cased when it was shouted; a province inside the bloc name wins over
 * one mentioned elsewhere, and a province taken only from a venue or a
 * footer gives way.  Part of resolve.c's work (resolve_int.h).
 */
#include "rules/resolve_int.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "normalize/normalize.h"

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
        rules_res_value_span(c, "value", &cs, &ce);
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

void rules_res_bloc(ctx *x)
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
        rules_res_value_span(c, "value", &s, &e);
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
        rules_res_value_span(c, "value", &s, &e);
        int sc = c->score + rules_res_zone_bonus(TD_FACT_BLOC, c->zone);
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
    rules_res_value_span(b, "value", &s, &e);
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
        rules_res_value_span(c, "value", &cs, &ce);
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
            rules_res_value_span(c, "value", &cs, &ce);
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
        rules_res_value_span(c, "value", &cs, &ce);
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
        level = rules_res_set_of(lc.r, "value");
    if (!level) {
        cand *l = rules_res_best(x, RK_LEVEL);
        if (l)
            level = rules_res_set_of(l->r, "value");
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
    rules_res_add_fact(x, TD_FACT_BLOC, name, level ? level : "other", 0, 0,
             b->r->id, b->ov[0], b->ov[1], b->ss, b->se);
}

static const prov *prov_lookup(const rules_set *rs, const char *f, size_t n)
{
    for (size_t i = 0; i < rs->nprovs; i++)
        if (strlen(rs->provs[i].fold) == n && memcmp(rs->provs[i].fold, f, n) == 0)
            return &rs->provs[i];
    return NULL;
}

void rules_res_province(ctx *x)
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
        rules_res_add_fact(x, TD_FACT_PROVINCE, pv ? pv->name : rules_orig_str(di, ps, pe), NULL, 0, 0, "province.in_bloc",
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
        rules_res_value_span(c, "value", &s, &e);
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
        int sc = c->score + rules_res_zone_bonus(TD_FACT_PROVINCE, c->zone), more = 0;
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
    rules_res_value_span(b, "value", &s, &e);
    /* the canonical spelling: an abbreviation, a name in capitals or in
     * the old tone placement all give the gazetteer's name */
    const prov *pv = prov_lookup(di->rs, di->d->fold + s, e - s);
    rules_res_add_fact(x, TD_FACT_PROVINCE, pv ? pv->name : rules_orig_str(di, s, e), NULL, 0, 0, b->r->id,
             b->ov[0], b->ov[1], b->ss, b->se);
}
