/* apply.c - run compiled rules over a document's folded text.
 *
 * Computes the document's geometry once (blocks, zones: header junk before
 * the title, title, lead, body), runs each doc-scope rule over doc->fold
 * and keeps the matches that pass the rule's checks (zone, sentence filter,
 * capitalization in the original text) as candidates.  Choosing among the
 * candidates is resolve.c's job.
 *
 * Why one file of ~700 lines: the document geometry (blocks, zones,
 * sentences, province mentions) and the matching that reads it are one
 * docinfo's life cycle; the checks of a match (zone, sentence filters,
 * capitals in the original) need all of it.
 */
#include "rules/rules_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

void rules_cand_push(cand_list *l, const cand *c)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = td_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = *c;
}

long rules_di_block_of(const docinfo *di, size_t pos)
{
    size_t lo = 0, hi = di->nb;
    while (lo < hi) {          /* last block starting at or before pos */
        size_t mid = (lo + hi) / 2;
        if (di->bstart[mid] <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? (long)lo - 1 : 0;
}

/* A sentence ends at . ! ? or an ellipsis followed by a blank, or at the
 * end of its block.  Abbreviations like "TP. HCM" are rare enough. */
static int sent_end_at(const char *f, size_t i, size_t e)
{
    if (f[i] != '.' && f[i] != '!' && f[i] != '?')
        return 0;
    return i + 1 >= e || f[i + 1] == ' ';
}

void rules_di_sentence(const docinfo *di, size_t pos, size_t *s, size_t *e)
{
    size_t lo = 0, hi = di->nsent;
    while (lo < hi) {          /* the last sentence starting at or before pos */
        size_t mid = (lo + hi) / 2;
        if (di->sent_s[mid] <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0) {
        *s = *e = pos;
        return;
    }
    *s = di->sent_s[lo - 1];
    *e = di->sent_e[lo - 1];
}

/* Cut every block into sentences once, so finding the sentence of a match
 * is a binary search. */
static void find_sentences(docinfo *di)
{
    const char *f = di->d->fold;
    size_t cap = 0;
    for (size_t b = 0; b < di->nb; b++) {
        size_t bs = di->bstart[b], be = di->bend[b], a = bs;
        for (size_t p = bs; p <= be; p++) {
            if (p < be && !sent_end_at(f, p, be))
                continue;
            size_t z = p < be ? p + 1 : be;
            if (z > a) {
                if (di->nsent == cap) {
                    cap = cap ? 2 * cap : 64;
                    di->sent_s = td_xrealloc(di->sent_s, cap * sizeof *di->sent_s);
                    di->sent_e = td_xrealloc(di->sent_e, cap * sizeof *di->sent_e);
                }
                di->sent_s[di->nsent] = a;
                di->sent_e[di->nsent++] = z;
            }
            a = z;
            while (a < be && f[a] == ' ')
                a++;
            p = a > 0 ? a - 1 : 0;
            if (a >= be)
                break;
        }
    }
}

/* Callout (?C"U"): the character at the current position must be upper
 * case (or a digit) in the original text; otherwise the engine backtracks.
 * This lets patterns ask for capitals although they match the fold. */
static int callout(pcre2_callout_block *cb, void *data)
{
    const docinfo *di = data;
    if (cb->callout_string && cb->callout_string[0] == 'U')
        return rules_upper_at(di, cb->current_position) ? 0 : 1;
    /* (?C"P"): the current position is not inside a province name, so
     * "Bắc Giang Trần Văn Hùng" does not give a person "Giang Trần ..." */
    if (cb->callout_string && cb->callout_string[0] == 'P') {
        size_t pos = cb->current_position, lo = 0, hi = di->nprov;
        while (lo < hi) {      /* the last mention starting before pos */
            size_t mid = (lo + hi) / 2;
            if (di->prov_s[mid] < pos)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo && pos < di->prov_e[lo - 1])
            return 1;
    }
    /* (?C"I"): the position is not inside the name of an institution that
     * carries another place ("Đại học Nông Lâm TP. Hồ Chí Minh"): no
     * {INSTITUTION} word earlier in the same clause */
    if (cb->callout_string && cb->callout_string[0] == 'I' && di->rs->institution) {
        const char *f = di->d->fold;
        size_t pos = cb->current_position, a = pos;
        while (a > 0 && !strchr(",.;:()\n", f[a - 1]) && pos - a < 200)
            a--;
        if (a < pos && rules_re_find(di, di->rs->institution, a, pos, 0, NULL, NULL))
            return 1;
    }
    return 0;
}

static void find_provinces(docinfo *di)
{
    size_t cap = 0, p = 0, ms, me;
    const td_doc *d = di->d;
    while (p < d->fold_len && rules_re_find(di, di->rs->province_any, p, d->fold_len, 0, &ms, &me)) {
        if (di->nprov == cap) {
            cap = cap ? 2 * cap : 16;
            di->prov_s = td_xrealloc(di->prov_s, cap * sizeof *di->prov_s);
            di->prov_e = td_xrealloc(di->prov_e, cap * sizeof *di->prov_e);
        }
        di->prov_s[di->nprov] = ms;
        di->prov_e[di->nprov++] = me;
        p = me > ms ? me : ms + 1;
    }
}

/* Block b reads as the article's headline: short, not a sentence, about
 * the genre ({HEADLINE}) and not a sidebar, source or byline line
 * ({NOT_HEADLINE} at its start). */
static int headline_like(const docinfo *di, size_t b)
{
    size_t s = di->bstart[b], e = di->bend[b];
    if (!di->rs->headline || e - s < 20 || e - s > 300 || di->d->fold[e - 1] == '.')
        return 0;
    if (di->rs->not_headline && rules_re_find(di, di->rs->not_headline, s, e, 1, NULL, NULL))
        return 0;
    for (size_t p = s; p + 3 <= e; p++)   /* a menu or breadcrumb line */
        if (memcmp(di->d->fold + p, " | ", 3) == 0)
            return 0;
    return rules_re_find(di, di->rs->headline, s, e, 0, NULL, NULL);
}

/* When the reader's title is not a headline about the genre (a site name,
 * a byline, a sidebar link), the headline is a nearby block that is: the
 * next few blocks before the first paragraph, else the few before it. */
static void fix_title_block(docinfo *di)
{
    long tb = di->title_block;
    if (tb >= 0 && headline_like(di, (size_t)tb))
        return;
    size_t from = tb < 0 ? 0 : (size_t)tb + 1, lim = tb < 0 ? 8 : 5;
    for (size_t b = from; b < di->nb && b < from + lim; b++) {
        if (headline_like(di, b)) {
            di->title_block = (long)b;
            di->title_moved = tb >= 0;
            return;
        }
        if (di->bend[b] - di->bstart[b] >= 200)
            break;                  /* the first paragraph: no headline after it */
    }
    for (long b = tb - 1; b >= 0 && b >= tb - 5; b--)
        if (headline_like(di, (size_t)b)) {
            di->title_block = b;
            di->title_moved = 1;
            return;
        }
}

void rules_docinfo_init(docinfo *di, const rules_set *rs, td_doc *d)
{
    memset(di, 0, sizeof *di);
    di->d = d;
    di->rs = rs;
    di->mctx = pcre2_match_context_copy(rs->mctx);
    pcre2_set_callout(di->mctx, callout, di);
    /* a JIT stack of this call's own: documents are matched on several
     * threads at once (ingest --jobs), and a JIT stack serves one match at
     * a time; without one PCRE2 uses 32 KiB of the machine stack */
    di->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    if (di->jit)
        pcre2_jit_stack_assign(di->mctx, NULL, di->jit);
    find_provinces(di);
    size_t cap = 16;
    di->bstart = td_xmalloc(cap * sizeof *di->bstart);
    di->bend = td_xmalloc(cap * sizeof *di->bend);
    size_t s = 0;
    for (size_t i = 0; i <= d->fold_len; i++) {
        if (i == d->fold_len || d->fold[i] == '\n') {
            size_t a = s, z = i;
            while (a < z && d->fold[a] == ' ')
                a++;
            while (z > a && d->fold[z - 1] == ' ')
                z--;
            if (di->nb == cap) {
                cap *= 2;
                di->bstart = td_xrealloc(di->bstart, cap * sizeof *di->bstart);
                di->bend = td_xrealloc(di->bend, cap * sizeof *di->bend);
            }
            di->bstart[di->nb] = a;
            di->bend[di->nb++] = z;
            s = i + 1;
        }
    }
    find_sentences(di);
    /* the title: the reader's title when it is in the text, else the first
     * headline-like block among the first few */
    di->title_block = -1;
    if (d->title && *d->title) {
        const char *p = strstr(d->text, d->title);
        if (p) {
            size_t off = (size_t)(p - d->text);
            for (size_t i = 0; i < d->fold_len; i++)
                if (d->fold_map[i] >= off) {
                    di->title_block = rules_di_block_of(di, i);
                    break;
                }
        }
    }
    fix_title_block(di);
}

static int aside(const docinfo *di, size_t b)
{
    const td_doc *d = di->d;
    size_t s = di->bstart[b], e = di->bend[b];
    if (e <= s || e - s >= 200)
        return 0;
    long tb = td_doc_block_at(d, d->fold_map[s]);
    if (tb >= 0 && (d->blocks[tb].kind == TD_BLOCK_TABLE_CELL ||
                    d->blocks[tb].kind == TD_BLOCK_LIST_ITEM))
        return 0;
    char last = d->fold[e - 1];
    if (strchr(".!?:;,)", last) || (unsigned char)last >= 0x80)
        return 0;
    /* a paragraph with a page widget glued on after its full stop
     * ("... Trung tâm Pháp y tỉnh. Share 0 +1 0 Tweet 0") is no aside */
    for (size_t q = e - 1; q > s + 80 && q + 30 >= e; q--)
        if (d->fold[q] == ' ' && strchr(".!?", d->fold[q - 1]))
            return 0;
    return 1;
}

void rules_docinfo_zones(docinfo *di)
{
    /* the lead: the first real paragraph after the title */
    di->lead_block = -1;
    for (size_t b = di->title_block < 0 ? 0 : (size_t)di->title_block + 1; b < di->nb; b++)
        if (di->bend[b] - di->bstart[b] >= 80) {
            di->lead_block = (long)b;
            break;
        }
    di->zone = td_xmalloc((di->nb + 1) * sizeof *di->zone);
    for (size_t b = 0; b < di->nb; b++) {
        if ((long)b == di->title_block)
            di->zone[b] = ZONE_TITLE;
        else if ((long)b == di->lead_block)
            di->zone[b] = ZONE_LEAD;
        else if (di->title_block >= 0 && (long)b < di->title_block)
            di->zone[b] = ZONE_HEADER;
        else
            di->zone[b] = aside(di, b) ? ZONE_ASIDE : ZONE_BODY;
    }
}

void rules_docinfo_free(docinfo *di)
{
    free(di->bstart);
    free(di->bend);
    free(di->zone);
    pcre2_match_context_free(di->mctx);
    if (di->jit)
        pcre2_jit_stack_free(di->jit);
    free(di->prov_s);
    free(di->prov_e);
    free(di->sent_s);
    free(di->sent_e);
}

static size_t text_off(const docinfo *di, size_t fold_pos)
{
    return di->d->fold_map[fold_pos > di->d->fold_len ? di->d->fold_len : fold_pos];
}

static int32_t cp_at(const docinfo *di, size_t fold_pos)
{
    size_t t = text_off(di, fold_pos);
    const td_doc *d = di->d;
    if (t >= d->text_len)
        return 0;
    int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)d->text + t,
                                          (utf8proc_ssize_t)(d->text_len - t), &cp);
    return k > 0 ? cp : 0;
}

int rules_upper_at(const docinfo *di, size_t fold_pos)
{
    int32_t cp = cp_at(di, fold_pos);
    if (cp >= '0' && cp <= '9')
        return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* The word at fold_pos is written in capitals, at least two letters. */
int rules_allcaps_word_at(const docinfo *di, size_t fold_pos)
{
    const char *f = di->d->fold;
    size_t i = fold_pos, n = 0;
    while (i < di->d->fold_len && f[i] != ' ' && f[i] != '\n' && f[i] != ',' &&
           f[i] != ';' && f[i] != '(' && f[i] != ')') {
        if ((f[i] >= 'a' && f[i] <= 'z')) {
            if (!rules_upper_at(di, i))
                return 0;
            n++;
        }
        i++;
    }
    return n >= 2;
}

void rules_trim_span(const char *f, size_t *s, size_t *e)
{
    while (*s < *e && strchr(" ,;:-\n", f[*s]))
        (*s)++;
    while (*e > *s && strchr(" ,;:-\n", f[*e - 1]))
        (*e)--;
    /* a trailing full stop or ellipsis is punctuation, not part of a value */
    while (*e > *s && f[*e - 1] == '.')
        (*e)--;
    while (*e > *s && f[*e - 1] == ' ')
        (*e)--;
}

const char *rules_orig_str(const docinfo *di, size_t s, size_t e)
{
    size_t a = text_off(di, s), z = text_off(di, e);
    if (z < a)
        z = a;
    const td_doc *d = di->d;
    /* keep the text's own characters; collapse its inner line breaks */
    td_buf b = TD_BUF_INIT;
    int sp = 0;
    for (size_t i = a; i < z; i++) {
        char ch = d->text[i];
        if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
            sp = 1;
            continue;
        }
        /* no-break and other Unicode spaces read as one plain space */
        if ((unsigned char)ch == 0xC2 && i + 1 < z && (unsigned char)d->text[i + 1] == 0xA0) {
            sp = 1;
            i++;
            continue;
        }
        if ((unsigned char)ch == 0xE2 && i + 2 < z && (unsigned char)d->text[i + 1] == 0x80 &&
            (unsigned char)d->text[i + 2] <= 0x8A) {
            sp = 1;
            i += 2;
            continue;
        }
        if (sp && b.len)
            td_buf_putc(&b, ' ');
        sp = 0;
        td_buf_putc(&b, ch);
    }
    const char *r = td_doc_strdup(di->d, b.ptr ? b.ptr : "");
    td_buf_free(&b);
    return r;
}

int rules_cand_group(const cand *c, const char *name, size_t *s, size_t *e)
{
    int n = pcre2_substring_number_from_name(c->code, (PCRE2_SPTR)name);
    if (n <= 0 || n >= c->ng)
        return 0;
    if (c->ov[2 * n] == CAND_UNSET)
        return 0;
    *s = c->ov[2 * n];
    *e = c->ov[2 * n + 1];
    return 1;
}

const char *rules_map_value(const docinfo *di, const char *group, const char *fold,
                      size_t s, size_t e)
{
    const rules_set *rs = di->rs;
    pcre2_match_data *md = NULL;
    const char *v = NULL;
    for (size_t i = 0; i < rs->nmaps && !v; i++) {
        if (strcmp(rs->maps[i].group, group) != 0)
            continue;
        if (!md)
            md = pcre2_match_data_create(RULES_MAX_GROUPS, NULL);
        int rc = pcre2_match(rs->maps[i].code, (PCRE2_SPTR)fold, e, s,
                             PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, md, di->mctx);
        if (rc > 0)
            v = rs->maps[i].value;
    }
    pcre2_match_data_free(md);
    return v;
}

int rules_parse_int(const char *s, size_t n, long *out)
{
    long v = 0;
    size_t i = 0;
    while (i < n && (s[i] < '0' || s[i] > '9'))
        i++;
    if (i == n)
        return 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        v = v * 10 + (s[i] - '0');
        if (v > 100000000)
            return 0;
    }
    *out = v;
    return 1;
}

void rules_note_rc(const docinfo *di, int rc, const char *what, size_t pos)
{
    if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
        return;
    td_doc *d = di->d;
    if (d->rule_errors++ == 0) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(rc, msg, sizeof msg);
        char buf[400];
        snprintf(buf, sizeof buf, "rule '%s' failed at byte %lu of the text: %s",
                 what, (unsigned long)text_off(di, pos), (const char *)msg);
        d->rule_error = td_doc_strdup(d, buf);
    }
}

int rules_re_find(const docinfo *di, const pcre2_code *re, size_t s, size_t e,
            int anchored, size_t *ms, size_t *me)
{
    if (!re)
        return 0;
    pcre2_match_data *md = pcre2_match_data_create(RULES_MAX_GROUPS, NULL);
    int rc = rules_pf_match(di, re, e, s,
                            (anchored ? PCRE2_ANCHORED : 0) | PCRE2_NO_UTF_CHECK, md);
    rules_note_rc(di, rc, rules_special_name(di->rs, re), s);
    if (rc > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (ms) *ms = ov[0];
        if (me) *me = ov[1];
    }
    pcre2_match_data_free(md);
    return rc > 0;
}

/* Move the start of group [s,e) to the first word that is capitalized in
 * the original and starts a unit name ({UNIT_HEAD} or an abbreviation). */
static int trim_to_unit(const docinfo *di, size_t *s, size_t e)
{
    const char *f = di->d->fold;
    for (size_t p = *s; p < e; p++) {
        if (p > *s && f[p - 1] != ' ' && f[p - 1] != '(' && f[p - 1] != '"')
            continue;
        if (!rules_upper_at(di, p))
            continue;
        if (rules_re_find(di, di->rs->unit_head, p, e, 1, NULL, NULL) || rules_allcaps_word_at(di, p)) {
            *s = p;
            return 1;
        }
    }
    return 0;
}

static int group_list_check(const docinfo *di, cand *c, const char *list,
                            int mode)
{
    if (!list)
        return 1;
    char buf[128];
    snprintf(buf, sizeof buf, "%s", list);
    char *save = NULL;
    for (char *g = strtok_r(buf, ",", &save); g; g = strtok_r(NULL, ",", &save)) {
        int n = pcre2_substring_number_from_name(c->code, (PCRE2_SPTR)g);
        if (n <= 0 || n >= c->ng || c->ov[2 * n] == CAND_UNSET)
            continue;
        size_t s = c->ov[2 * n], e = c->ov[2 * n + 1];
        if (mode == 0) {               /* cap */
            if (!rules_upper_at(di, s))
                return 0;
        } else if (mode == 1) {        /* capwords */
            const char *f = di->d->fold;
            for (size_t p = s; p < e; p++)
                if ((p == s || f[p - 1] == ' ') && f[p] >= 'a' && f[p] <= 'z' &&
                    !rules_upper_at(di, p))
                    return 0;
        } else if (mode == 3) {        /* lower */
            int any = 0;
            const char *f = di->d->fold;
            for (size_t p = s; p < e && !any; p++)
                if (f[p] >= 'a' && f[p] <= 'z' && !rules_upper_at(di, p))
                    any = 1;
            if (!any)
                return 0;
        } else {                       /* trim */
            if (!trim_to_unit(di, &s, e))
                return 0;
            c->ov[2 * n] = (uint32_t)s;
        }
    }
    return 1;
}

/* The sentence filters' verdict on the last sentence seen by one pattern:
 * many matches in one long sentence (a page of 20000 lines without a full
 * stop) must not run the filters over it again each time. */
typedef struct sent_cache {
    size_t ss, se;
    int sentence, not_sentence;  /* the filter matched */
} sent_cache;

/* Checks a candidate against its rule's filters; fills zone and sentence. */
static int accept(const docinfo *di, cand *c, sent_cache *sc)
{
    const rule *r = c->r;
    long b = rules_di_block_of(di, c->ov[0]);
    c->zone = di->zone[b];
    if (!(r->zones & c->zone))
        return 0;
    rules_di_sentence(di, c->ov[0], &c->ss, &c->se);
    if (c->se < c->ov[1])
        c->se = c->ov[1] < di->bend[b] ? c->ov[1] : di->bend[b];
    if ((r->sentence || r->not_sentence) && (sc->ss != c->ss || sc->se != c->se)) {
        sc->ss = c->ss;
        sc->se = c->se;
        sc->sentence = r->sentence && rules_re_find(di, r->sentence, c->ss, c->se, 0, NULL, NULL);
        sc->not_sentence = r->not_sentence &&
                           rules_re_find(di, r->not_sentence, c->ss, c->se, 0, NULL, NULL);
    }
    if (r->sentence && !sc->sentence)
        return 0;
    if (r->not_sentence && sc->not_sentence)
        return 0;
    if (!group_list_check(di, c, r->trim, 2))
        return 0;
    if (!group_list_check(di, c, r->cap, 0))
        return 0;
    if (!group_list_check(di, c, r->capwords, 1))
        return 0;
    if (!group_list_check(di, c, r->lower, 3))
        return 0;
    c->score = r->prio;
    return 1;
}

static void fill(cand *c, const rule *r, const pcre2_code *re, pcre2_match_data *md, int rc)
{
    memset(c, 0, sizeof *c);
    c->r = r;
    c->code = re;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    uint32_t cap = 0;
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &cap);
    c->ng = (int)cap + 1;
    for (int i = 0; i < 2 * c->ng; i++)
        c->ov[i] = i < 2 * rc && ov[i] != PCRE2_UNSET ? (uint32_t)ov[i] : CAND_UNSET;
}

/* All matches of one pattern in fold[s..e), candidates to out. */
static void run_pattern(const docinfo *di, const rule *r, const pcre2_code *re,
                        pcre2_match_data *md, size_t s, size_t e, cand_list *out)
{
    const td_doc *d = di->d;
    size_t start = s;
    const size_t first = out->n;   /* this region's candidates start here */
    sent_cache sc = {(size_t)-1, (size_t)-1, 0, 0};
    while (start <= e) {
        int rc = rules_pf_match(di, re, e, start, PCRE2_NO_UTF_CHECK, md);
        if (rc <= 0) {
            rules_note_rc(di, rc, r->id, start);
            break;   /* no match, or a limit: this rule gives up here */
        }
        cand c;
        fill(&c, r, re, md, rc);
        size_t m0 = c.ov[0], m1 = c.ov[1];
        int ok = accept(di, &c, &sc);
#ifdef RULES_DEBUG
        fprintf(stderr, "%s %s [%zu,%zu) %.*s\n", ok ? "+" : "-", r->id, m0, m1,
                (int)(m1 - m0), d->fold + m0);
#endif
        if (ok) {
            int dup = 0;   /* regions of a "within" rule may overlap */
            /* a duplicate can only come from the overlap with an earlier
             * region (matches within one region start ever later): look at
             * the candidates before this region's, back to the first that
             * starts before the region, so k matches cost k steps, not k^2 */
            for (size_t i = first; i-- > 0 && !dup && out->v[i].r == r &&
                                   out->v[i].ov[0] >= s;)
                dup = out->v[i].code == re && out->v[i].ov[0] == m0 && out->v[i].ov[1] == m1;
            if (!dup)
                rules_cand_push(out, &c);
        }
        /* a refused match may hide a good one starting inside it */
        size_t next = (ok && m1 > m0) ? m1 : m0 + 1;
        while (next < e && (d->fold[next] & 0xC0) == 0x80)
            next++;
        start = next;
    }
}

void rules_apply_rules(const docinfo *di, cand_list *out)
{
    const rules_set *rs = di->rs;
    const td_doc *d = di->d;
    pcre2_match_data *md = pcre2_match_data_create(RULES_MAX_GROUPS, NULL);
    for (size_t i = 0; i < rs->nrules; i++) {
        const rule *r = &rs->rules[i];
        /* titles are found block by block (rules.c); level rules that are
         * not doc-scope run on the bloc name */
        if (r->scope != SCOPE_DOC || r->kind == TD_FACT_TITLE)
            continue;
#ifdef RULES_PROFILE
        clock_t t0 = clock();
#endif
        for (size_t k = 0; k < r->npats; k++) {
            if (!r->within) {
                run_pattern(di, r, r->pats[k], md, 0, d->fold_len, out);
                continue;
            }
            /* only the sentences around a keyword: cheap for rare facts */
            size_t p = 0, ms, me, done = 0;
            while (p < d->fold_len && rules_re_find(di, r->within, p, d->fold_len, 0, &ms, &me)) {
                size_t ss, se;
                rules_di_sentence(di, ms, &ss, &se);
                if (se > done) {
                    run_pattern(di, r, r->pats[k], md, ss > done ? ss : done, se, out);
                    done = se;
                }
                p = me > ms ? me : ms + 1;
            }
        }
#ifdef RULES_PROFILE
        fprintf(stderr, "%8.3f ms  %s\n", 1000.0 * (double)(clock() - t0) / CLOCKS_PER_SEC, r->id);
#endif
    }
    pcre2_match_data_free(md);
}

int rules_match_scoped(const docinfo *di, int kind, scope_mode scope, size_t s,
                 size_t e, int anchored, cand *c)
{
    const rules_set *rs = di->rs;
    pcre2_match_data *md = pcre2_match_data_create(RULES_MAX_GROUPS, NULL);
    int found = 0;
    for (size_t i = 0; i < rs->nrules && !found; i++) {
        const rule *r = &rs->rules[i];
        if (r->scope != scope || r->kind != kind)
            continue;
        for (size_t k = 0; k < r->npats && !found; k++) {
            int rc = pcre2_match(r->pats[k], (PCRE2_SPTR)di->d->fold, e, s,
                                 (anchored ? PCRE2_ANCHORED : 0) | PCRE2_NO_UTF_CHECK,
                                 md, di->mctx);
            if (rc <= 0) {
                rules_note_rc(di, rc, r->id, s);
                continue;
            }
            fill(c, r, r->pats[k], md, rc);
            c->zone = di->zone ? di->zone[rules_di_block_of(di, c->ov[0])] : ZONE_BODY;
            rules_di_sentence(di, c->ov[0], &c->ss, &c->se);
            c->score = r->prio;
            if (group_list_check(di, c, r->trim, 2) && group_list_check(di, c, r->cap, 0))
                found = 1;
        }
    }
    pcre2_match_data_free(md);
    return found;
}
