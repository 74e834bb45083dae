/* names.c - canonical names of units, blocs and provinces (see names.h).
 *
 * Everything works on word lists: a name is folded (norm_fold), cut into
 * words at spaces and punctuation, and rewritten by phrase tables loaded
 * from rules/ (abbreviations, unit aliases, bloc concepts, provinces).
 * The tables are small (hundreds of entries), so lookups are linear scans.
 * Reading them from rules/ is names_load.c.
 */
#include "normalize/names_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize/normalize.h"

/* ---- word lists -------------------------------------------------------- */

void names_wl_push(wlist *l, const char *s, size_t n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->w = td_xrealloc(l->w, l->cap * sizeof *l->w);
    }
    l->w[l->n++] = td_xstrndup(s, n);
}

void names_wl_free(wlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->w[i]);
    free(l->w);
    memset(l, 0, sizeof *l);
}

char *names_wl_join(const wlist *l, size_t from, size_t to)
{
    td_buf b = TD_BUF_INIT;
    for (size_t i = from; i < to; i++) {
        if (i > from)
            td_buf_putc(&b, ' ');
        td_buf_puts(&b, l->w[i]);
    }
    if (!b.ptr)
        td_buf_append(&b, "", 0);
    return td_buf_detach(&b);
}

int names_wl_has(const wlist *l, const char *w)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->w[i], w) == 0)
            return 1;
    return 0;
}

/* Folded bytes that belong to a word: ASCII letters and digits, and any
 * non-ASCII byte (letters folding leaves, such as those of other scripts),
 * and '_', which joins the words of a bloc concept into one. */
static int word_byte(unsigned char c)
{
    return c >= 0x80 || isalnum(c) || c == '_';
}

/* Split already folded (or plain space-separated) text into words. */
void names_split_words(const char *s, wlist *out)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        while (i < n && !word_byte((unsigned char)s[i]))
            i++;
        size_t st = i;
        while (i < n && word_byte((unsigned char)s[i]))
            i++;
        if (i > st)
            names_wl_push(out, s + st, i - st);
    }
}

void names_fold_words(const char *s, wlist *out)
{
    char *f = norm_fold_str(s);
    names_split_words(f, out);
    free(f);
}

/* Rewrite `in` with the phrases (sorted longest first) into `out`. */
static void rewrite(const phrase *ph, size_t nph, const wlist *in, wlist *out)
{
    size_t i = 0;
    while (i < in->n) {
        const phrase *hit = NULL;
        for (size_t k = 0; k < nph && !hit; k++) {
            const wlist *f = &ph[k].from;
            if (f->n == 0 || f->n > in->n - i)
                continue;
            size_t j = 0;
            while (j < f->n && strcmp(f->w[j], in->w[i + j]) == 0)
                j++;
            if (j == f->n)
                hit = &ph[k];
        }
        if (hit) {
            names_split_words(hit->to, out);
            i += hit->from.n;
        } else {
            names_wl_push(out, in->w[i], strlen(in->w[i]));
            i++;
        }
    }
}

/* Folded, abbreviation-expanded words of s. */
void names_expand_words(const names_table *t, const char *s, wlist *out)
{
    wlist raw = {0};
    names_fold_words(s, &raw);
    if (t)
        rewrite(t->abbr, t->nabbr, &raw, out);
    else
        for (size_t i = 0; i < raw.n; i++)
            names_wl_push(out, raw.w[i], strlen(raw.w[i]));
    names_wl_free(&raw);
}

char *names_words(const names_table *t, const char *s)
{
    wlist l = {0};
    names_expand_words(t, s ? s : "", &l);
    char *r = names_wl_join(&l, 0, l.n);
    names_wl_free(&l);
    return r;
}

/* ---- provinces --------------------------------------------------------- */

/* Length of a province prefix ("tinh", "thanh pho", "thu do") at w[i]. */
size_t names_prefix_len(const wlist *l, size_t i)
{
    if (i < l->n && strcmp(l->w[i], "tinh") == 0)
        return 1;
    if (i + 1 < l->n && strcmp(l->w[i], "thanh") == 0 &&
        strcmp(l->w[i + 1], "pho") == 0)
        return 2;
    if (i + 1 < l->n && strcmp(l->w[i], "thu") == 0 &&
        strcmp(l->w[i + 1], "do") == 0)
        return 2;
    return 0;
}

/* Number of words of the longest province form matching l at i (0 when
 * none); *hit gets the row, preferring set `pref`. */
static size_t match_province(const names_table *t, const wlist *l, size_t i,
                             int pref, const prov **hit)
{
    size_t best = 0;
    *hit = NULL;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t r = 0; r < t->nprovs; r++) {
            const prov *p = &t->provs[r];
            if ((pass == 0) != (p->set == pref))
                continue;
            for (size_t f = 0; f < p->forms.n; f++) {
                const wlist *fw = &p->fwords[f];
                size_t j = 0;
                if (fw->n > 0 && fw->n <= l->n - i) {
                    while (j < fw->n && strcmp(fw->w[j], l->w[i + j]) == 0)
                        j++;
                }
                if (fw->n > 0 && j == fw->n && j > best) {
                    best = j;
                    *hit = p;
                }
            }
        }
    }
    return best;
}

int names_province_set(const char *date)
{
    if (date && strlen(date) >= 10 && isdigit((unsigned char)date[0]) &&
        strncmp(date, "2025-07-01", 10) >= 0)
        return 34;
    return 63;
}

const char *names_province(const names_table *t, const char *raw,
                           const char *date)
{
    if (!t || !raw)
        return NULL;
    wlist l = {0};
    names_expand_words(t, raw, &l);
    size_t i = 0, k;
    /* "UBND tỉnh X" and "tỉnh X" name the same province */
    if (l.n >= 4 && strcmp(l.w[0], "uy") == 0 && strcmp(l.w[1], "ban") == 0 &&
        strcmp(l.w[2], "nhan") == 0 && strcmp(l.w[3], "dan") == 0)
        i = 4;
    while ((k = names_prefix_len(&l, i)) > 0)
        i += k;
    const prov *hit = NULL;
    size_t m = match_province(t, &l, i, names_province_set(date), &hit);
    const char *r = (m > 0 && i + m == l.n) ? hit->name : NULL;
    names_wl_free(&l);
    return r;
}

/* Where a province is named in l: after a prefix, or as the last words.
 * Sets *at and *len to the span (prefix excluded) and returns the row. */
static const prov *find_province(const names_table *t, const wlist *l,
                                 int pref, size_t *at, size_t *len)
{
    const prov *hit = NULL;
    for (size_t i = 0; i < l->n; i++) {
        size_t k = names_prefix_len(l, i);
        if (k == 0)
            continue;
        size_t m = match_province(t, l, i + k, pref, &hit);
        if (m > 0) {
            *at = i + k;
            *len = m;
            return hit;
        }
    }
    for (size_t i = l->n > 6 ? l->n - 6 : 0; i < l->n; i++) {
        size_t m = match_province(t, l, i, pref, &hit);
        /* a bare "Hồ Chí Minh" is the person (Đoàn TNCS Hồ Chí Minh) */
        if (m > 0 && i + m == l->n && strcmp(hit->name, "Hồ Chí Minh") != 0) {
            *at = i;
            *len = m;
            return hit;
        }
    }
    return NULL;
}

const char *names_province_in(const names_table *t, const char *text,
                              const char *date)
{
    if (!t || !text)
        return NULL;
    wlist l = {0};
    names_expand_words(t, text, &l);
    size_t at, len;
    const prov *p = find_province(t, &l, names_province_set(date), &at, &len);
    names_wl_free(&l);
    return p ? p->name : NULL;
}

const char *names_province_successor(const names_table *t, const char *name)
{
    if (!t || !name)
        return NULL;
    for (size_t r = 0; r < t->nprovs; r++)
        if (t->provs[r].set == 63 && strcmp(t->provs[r].name, name) == 0)
            return t->provs[r].successor;
    for (size_t r = 0; r < t->nprovs; r++)
        if (t->provs[r].set == 34 && strcmp(t->provs[r].name, name) == 0)
            return t->provs[r].name;
    return NULL;
}

int names_province_is_part(const names_table *t, const char *whole,
                           const char *part)
{
    if (!t || !whole || !part || strcmp(whole, part) == 0)
        return 0;
    for (size_t r = 0; r < t->nprovs; r++)
        if (t->provs[r].set == 34 && strcmp(t->provs[r].name, whole) == 0)
            return names_wl_has(&t->provs[r].parts, part);
    return 0;
}

/* ---- units ------------------------------------------------------------- */

/* 1 when the province p named after the word `pre` is the province-level
 * unit: "tỉnh X", or "thành phố X" for a centrally-run city only (UBND
 * thành phố Tây Ninh is the provincial capital's, not the province's). */
static int province_level(const prov *p, const char *pre)
{
    return strcmp(pre, "tinh") == 0 || (strcmp(pre, "pho") == 0 && p->city);
}

/* Drop a trailing "tỉnh [Province]" (or "thành phố [City]"), then a bare
 * trailing "tỉnh", from l. */
static void strip_unit_tail(const names_table *t, wlist *l)
{
    size_t at, len;
    const prov *p = t ? find_province(t, l, 63, &at, &len) : NULL;
    if (p && at + len == l->n && at > 0 && province_level(p, l->w[at - 1])) {
        while (l->n > at)
            free(l->w[--l->n]);
    }
    if (l->n > 1 && strcmp(l->w[l->n - 1], "tinh") == 0)
        free(l->w[--l->n]);
}

char *names_unit_key(const names_table *t, const char *s)
{
    wlist l = {0};
    names_expand_words(t, s, &l);
    strip_unit_tail(t, &l);
    char *k = names_wl_join(&l, 0, l.n);
    names_wl_free(&l);
    return k;
}

/* raw with white space collapsed, single-word abbreviations written out and
 * a trailing province after "tỉnh"/"thành phố" removed. */
static char *unit_display(const names_table *t, const char *raw)
{
    td_buf nfc = TD_BUF_INIT;
    norm_tone(raw, strlen(raw), &nfc);
    wlist tok = {0};
    const char *s = nfc.ptr ? nfc.ptr : "";
    for (size_t i = 0, n = strlen(s); i < n;) {
        while (i < n && isspace((unsigned char)s[i]))
            i++;
        size_t st = i;
        while (i < n && !isspace((unsigned char)s[i]))
            i++;
        if (i > st)
            names_wl_push(&tok, s + st, i - st);
    }
    td_buf_free(&nfc);
    /* where a trailing province starts, in whole tokens */
    size_t cut = tok.n;
    for (size_t j = 0; j + 1 < tok.n; j++) {
        char *tail = names_wl_join(&tok, j + 1, tok.n);
        char *fj = norm_fold_str(tok.w[j]);
        size_t fl = strlen(fj);
        while (fl && !word_byte((unsigned char)fj[fl - 1]))
            fj[--fl] = '\0';
        int pre = strcmp(fj, "tinh") == 0 || strcmp(fj, "pho") == 0 ||
                  strcmp(fj, "tp") == 0;
        const prov *pv = NULL;
        if (pre && t) {
            const char *pn = names_province(t, tail, NULL);
            for (size_t r = 0; pn && r < t->nprovs && !pv; r++)
                if (strcmp(t->provs[r].name, pn) == 0)
                    pv = &t->provs[r];
        }
        if (pv && province_level(pv, strcmp(fj, "tp") == 0 ? "pho" : fj)) {
            cut = j + 1;
            free(fj);
            free(tail);
            break;
        }
        free(fj);
        free(tail);
    }
    td_buf b = TD_BUF_INIT;
    for (size_t j = 0; j < cut; j++) {
        if (j)
            td_buf_putc(&b, ' ');
        char *f = norm_fold_str(tok.w[j]);
        const char *rep = NULL;
        for (size_t k = 0; t && k < t->nabbr && !rep; k++)
            if (t->abbr[k].from.n == 1 && strcmp(t->abbr[k].from.w[0], f) == 0)
                rep = t->abbr[k].display;
        td_buf_puts(&b, rep ? rep : tok.w[j]);
        free(f);
    }
    names_wl_free(&tok);
    if (!b.ptr)
        td_buf_append(&b, "", 0);
    return td_buf_detach(&b);
}

void names_unit(const names_table *t, const char *raw, char **display,
                char **key)
{
    if (!raw)
        raw = "";
    char *k = names_unit_key(t, raw);
    for (size_t i = 0; t && i < t->nunits; i++) {
        if (strcmp(t->units[i].key, k) == 0) {
            *display = td_xstrdup(t->units[i].display);
            free(k);
            *key = names_unit_key(t, t->units[i].display);
            return;
        }
    }
    *display = unit_display(t, raw);
    *key = k;
}

/* ---- blocs ------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_year(const char *w)
{
    return strlen(w) == 4 && (strncmp(w, "19", 2) == 0 || strncmp(w, "20", 2) == 0) &&
           isdigit((unsigned char)w[2]) && isdigit((unsigned char)w[3]);
}

char *names_bloc_key(const names_table *t, const char *name)
{
    wlist l = {0}, c = {0}, out = {0};
    names_expand_words(t, name ? name : "", &l);
    size_t at, len;
    /* the province is compared separately, so drop every mention of it */
    while (t && find_province(t, &l, 63, &at, &len)) {
        for (size_t i = at; i < at + len; i++)
            free(l.w[i]);
        memmove(l.w + at, l.w + at + len, (l.n - at - len) * sizeof *l.w);
        l.n -= len;
    }
    if (t)
        rewrite(t->conc, t->nconc, &l, &c);
    for (size_t i = 0; i < c.n; i++)
        if (!(t && names_wl_has(&t->stop, c.w[i])) && !is_year(c.w[i]) &&
            !names_wl_has(&out, c.w[i]))
            names_wl_push(&out, c.w[i], strlen(c.w[i]));
    if (out.n > 1)
        qsort(out.w, out.n, sizeof *out.w, cmp_str);
    char *r = names_wl_join(&out, 0, out.n);
    names_wl_free(&l);
    names_wl_free(&c);
    names_wl_free(&out);
    return r;
}

static int is_number(const char *w)
{
    for (; *w; w++)
        if (!isdigit((unsigned char)*w))
            return 0;
    return 1;
}

double names_key_similarity(const char *a, const char *b)
{
    wlist la = {0}, lb = {0};
    names_split_words(a ? a : "", &la);
    names_split_words(b ? b : "", &lb);
    size_t common = 0, na = 0, nb = 0, numa = 0, numb = 0, numc = 0;
    for (size_t i = 0; i < la.n; i++) {
        size_t j = 0;
        while (j < i && strcmp(la.w[j], la.w[i]) != 0)
            j++;
        if (j < i)
            continue;   /* counted already */
        na++;
        numa += is_number(la.w[i]);
        if (names_wl_has(&lb, la.w[i])) {
            common++;
            numc += is_number(la.w[i]);
        }
    }
    for (size_t i = 0; i < lb.n; i++) {
        size_t j = 0;
        while (j < i && strcmp(lb.w[j], lb.w[i]) != 0)
            j++;
        if (j < i)
            continue;
        nb++;
        numb += is_number(lb.w[i]);
    }
    names_wl_free(&la);
    names_wl_free(&lb);
    if (na == 0 || nb == 0)
        return 0;
    if (numa && numb && !numc)
        return 0;   /* Khối thi đua 10 is not Khối thi đua 4 */
    double jac = (double)common / (double)(na + nb - common);
    double con = (double)common / (double)(na < nb ? na : nb);
    return (jac + con) / 2;
}

double names_bloc_confidence(const names_table *t, const char *a,
                             const char *prov_a, const char *b,
                             const char *prov_b)
{
    if (prov_a && prov_b && strcmp(prov_a, prov_b) != 0)
        return 0;
    char *ka = names_bloc_key(t, a), *kb = names_bloc_key(t, b);
    double s = names_key_similarity(ka, kb);
    free(ka);
    free(kb);
    if ((prov_a == NULL) != (prov_b == NULL))
        s *= 0.9;
    return s;
}

double names_text_similarity(const names_table *t, const char *a,
                             const char *b)
{
    wlist la = {0}, lb = {0}, sa = {0}, sb = {0};
    names_expand_words(t, a ? a : "", &la);
    names_expand_words(t, b ? b : "", &lb);
    for (int side = 0; side < 2; side++) {
        wlist *in = side ? &lb : &la, *out = side ? &sb : &sa;
        for (size_t i = 0; i < in->n; i++)
            if (strlen(in->w[i]) >= 2 && !(t && names_wl_has(&t->textstop, in->w[i])) &&
                !names_wl_has(out, in->w[i]))
                names_wl_push(out, in->w[i], strlen(in->w[i]));
    }
    size_t common = 0;
    for (size_t i = 0; i < sa.n; i++)
        common += names_wl_has(&sb, sa.w[i]);
    size_t uni = sa.n + sb.n - common;
    double r = uni ? (double)common / (double)uni : 0;
    names_wl_free(&la);
    names_wl_free(&lb);
    names_wl_free(&sa);
    names_wl_free(&sb);
    return r;
}
