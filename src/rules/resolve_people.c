/* resolve_people.c - members, leaders and officials of the bloc.
 *
 * Member lists are split into units; leader candidates become leads (unit,
 * role, year) that are dated from their sentence, the pledge or the
 * reviewed year, and reduced to one unit per role and year (a bloc may
 * have two deputies); officials are named people with their posts.  Part
 * of resolve.c's work (resolve_int.h).
 */
#include "rules/resolve_int.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "normalize/normalize.h"

/* A short line without a full stop (an aside) at fold position pos reads
 * as a photo caption of the meeting, or as the last paragraph of a text cut
 * short, when it tells what someone does there ({CAPTION}: "Đồng chí X ...
 * phát biểu", "trao cờ", "thống nhất bầu") and is not one of a run of
 * three or more such lines (blank lines between them aside): a sidebar, a
 * menu or a list of related news names other blocs' leaders. */
int rules_res_caption_block(const docinfo *di, size_t pos)
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
        role = rules_res_set_of(c->r, g);
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
    long y = rules_res_year_of(x, c, g);
    if (!y && *sfx)
        y = rules_res_year_of(x, c, "year");
    int explicit_year = y != 0;
    if (giver && y)   /* the year written is the one taken over */
        y--;
    /* a handover ("set when=next"): the unit taking the role over leads
     * the year after the one under review (at a signing, the pledge year);
     * the one handing it over, the year under review (the year before) */
    const char *when = rules_res_set_of(c->r, "when");
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
                          when && strcmp(when, "next") == 0 && !giver, c->score + rules_res_zone_bonus(TD_FACT_LEADER, c->zone), c->r, c->ss, c->se,
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
        rules_res_add_fact(x, TD_FACT_LEADER, rules_orig_str(x->di, a->us, a->ue), a->role, (int)a->year,
                 0, a->r->id, a->fs, a->fe, a->ss, a->se);
    }
    rules_keymap_free(&top);
    td_buf_free(&k);
}

/* ---- members ------------------------------------------------------------- */

static void add_member(ctx *x, const char *v, const cand *b, size_t s, size_t e)
{
    if (rules_res_fact_known(x, TD_FACT_MEMBER, v))
        return;
    rules_res_add_fact(x, TD_FACT_MEMBER, v, NULL, 0, 0, b->r->id, s, e, b->ss, b->se);
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
        const char *ik = rules_res_set_of(c->r, "items");
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
    const char *bik = rules_res_set_of(b->r, "items");
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


/* Members, then leaders (a member list may name the leading units):
 * every leader candidate outside the page header, and in an aside only
 * when that reads as a photo caption of the meeting. */
void rules_res_people(ctx *x)
{
    docinfo *di = x->di;
    cand_list *cl = x->cl;
    lead_list leads = {0};
    do_members(x, &leads);
    for (size_t i = 0; i < cl->n; i++) {
        cand *c = &cl->v[i];
        /* a sidebar headline names other blocs' leaders; a photo caption
         * between the article's paragraphs names this meeting's */
        if (c->r->kind != TD_FACT_LEADER || c->zone == ZONE_HEADER ||
            (c->zone == ZONE_ASIDE && !rules_res_caption_block(di, c->ov[0])))
            continue;
        lead_add(x, &leads, c, "", c->ov[0], c->ov[1]);
        lead_add(x, &leads, c, "2", c->ov[0], c->ov[1]);
        lead_add(x, &leads, c, "f", c->ov[0], c->ov[1]);
    }
    emit_leaders(x, &leads);
    free(leads.v);
}

void rules_res_officials(ctx *x)
{
    docinfo *di = x->di;
    for (size_t i = 0; i < x->cl->n; i++) {
        cand *c = &x->cl->v[i];
        if (c->r->kind != TD_FACT_OFFICIAL || c->zone == ZONE_HEADER ||
            (c->zone == ZONE_ASIDE && !rules_res_caption_block(di, c->ov[0])))
            continue;
        size_t ns, ne, ts, te;
        if (!rules_cand_group(c, "name", &ns, &ne))
            continue;
        int has_title = rules_cand_group(c, "title", &ts, &te);
        rules_trim_span(di->d->fold, &ns, &ne);
        const char *name = rules_orig_str(di, ns, ne);
        if (rules_res_fact_known(x, TD_FACT_OFFICIAL, name))
            continue;
        const char *title = NULL;
        if (has_title) {
            rules_trim_span(di->d->fold, &ts, &te);
            title = rules_orig_str(di, ts, te);
        }
        rules_res_add_fact(x, TD_FACT_OFFICIAL, name, title, 0, 0, c->r->id, c->ov[0], c->ov[1],
                 c->ss, c->se);
    }
}
