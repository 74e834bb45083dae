/* names.c - canonical names of units, blocs and provinces (see names.h).
 *
 * Everything works on word lists: a name is folded (norm_fold), cut into
 * words at spaces and punctuation, and rewritten by phrase tables loaded
 * from rules/ (abbreviations, unit aliases, bloc concepts, provinces).
 * The tables are small (hundreds of entries), so lookups are linear scans.
 */
#include "normalize/names.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize/normalize.h"

/* A growable list of malloc'd words. */
typedef struct wlist {
    char **w;
    size_t n, cap;
} wlist;

/* A phrase rewrite: the words `from` become the words of `to` ("" drops). */
typedef struct phrase {
    wlist from;
    char *to;        /* replacement words, space-separated, folded */
    char *display;   /* replacement as it should be shown (abbreviations) */
} phrase;

typedef struct alias {
    char *key;       /* unit key of the variant */
    char *display;   /* canonical display name (shared by the entry's variants) */
} alias;

typedef struct prov {
    char *name;        /* canonical name, NFC */
    int set;           /* 63 or 34 */
    int city;          /* a centrally-run city (type thanh_pho) */
    char *successor;   /* merged_into (63 set), NULL otherwise */
    wlist parts;       /* merged_from (34 set), canonical names */
    wlist forms;       /* name and variants as names_words, prefix removed */
    wlist *fwords;     /* the same forms cut into words (forms.n entries) */
} prov;

struct names_table {
    phrase *abbr;   size_t nabbr;      /* abbrev.aliases, longest first */
    phrase *conc;   size_t nconc;      /* blocs.aliases concepts, longest first */
    alias *units;   size_t nunits;     /* units.aliases */
    wlist stop;                        /* blocs.aliases "stop:" words */
    wlist textstop;                    /* text.stop */
    prov *provs;    size_t nprovs;     /* provinces.tsv, sets 63 and 34 */
};

/* ---- word lists -------------------------------------------------------- */

static void wl_push(wlist *l, const char *s, size_t n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->w = td_xrealloc(l->w, l->cap * sizeof *l->w);
    }
    l->w[l->n++] = td_xstrndup(s, n);
}

static void wl_free(wlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->w[i]);
    free(l->w);
    memset(l, 0, sizeof *l);
}

static char *wl_join(const wlist *l, size_t from, size_t to)
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

static int wl_has(const wlist *l, const char *w)
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
static void split_words(const char *s, wlist *out)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        while (i < n && !word_byte((unsigned char)s[i]))
            i++;
        size_t st = i;
        while (i < n && word_byte((unsigned char)s[i]))
            i++;
        if (i > st)
            wl_push(out, s + st, i - st);
    }
}

static void fold_words(const char *s, wlist *out)
{
    char *f = norm_fold_str(s);
    split_words(f, out);
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
            split_words(hit->to, out);
            i += hit->from.n;
        } else {
            wl_push(out, in->w[i], strlen(in->w[i]));
            i++;
        }
    }
}

/* Folded, abbreviation-expanded words of s. */
static void expand_words(const names_table *t, const char *s, wlist *out)
{
    wlist raw = {0};
    fold_words(s, &raw);
    if (t)
        rewrite(t->abbr, t->nabbr, &raw, out);
    else
        for (size_t i = 0; i < raw.n; i++)
            wl_push(out, raw.w[i], strlen(raw.w[i]));
    wl_free(&raw);
}

char *names_words(const names_table *t, const char *s)
{
    wlist l = {0};
    expand_words(t, s ? s : "", &l);
    char *r = wl_join(&l, 0, l.n);
    wl_free(&l);
    return r;
}

/* ---- provinces --------------------------------------------------------- */

/* Length of a province prefix ("tinh", "thanh pho", "thu do") at w[i]. */
static size_t prefix_len(const wlist *l, size_t i)
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
    expand_words(t, raw, &l);
    size_t i = 0, k;
    /* "UBND tỉnh X" and "tỉnh X" name the same province */
    if (l.n >= 4 && strcmp(l.w[0], "uy") == 0 && strcmp(l.w[1], "ban") == 0 &&
        strcmp(l.w[2], "nhan") == 0 && strcmp(l.w[3], "dan") == 0)
        i = 4;
    while ((k = prefix_len(&l, i)) > 0)
        i += k;
    const prov *hit = NULL;
    size_t m = match_province(t, &l, i, names_province_set(date), &hit);
    const char *r = (m > 0 && i + m == l.n) ? hit->name : NULL;
    wl_free(&l);
    return r;
}

/* Where a province is named in l: after a prefix, or as the last words.
 * Sets *at and *len to the span (prefix excluded) and returns the row. */
static const prov *find_province(const names_table *t, const wlist *l,
                                 int pref, size_t *at, size_t *len)
{
    const prov *hit = NULL;
    for (size_t i = 0; i < l->n; i++) {
        size_t k = prefix_len(l, i);
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
    expand_words(t, text, &l);
    size_t at, len;
    const prov *p = find_province(t, &l, names_province_set(date), &at, &len);
    wl_free(&l);
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
            return wl_has(&t->provs[r].parts, part);
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

static char *unit_key(const names_table *t, const char *s)
{
    wlist l = {0};
    expand_words(t, s, &l);
    strip_unit_tail(t, &l);
    char *k = wl_join(&l, 0, l.n);
    wl_free(&l);
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
            wl_push(&tok, s + st, i - st);
    }
    td_buf_free(&nfc);
    /* where a trailing province starts, in whole tokens */
    size_t cut = tok.n;
    for (size_t j = 0; j + 1 < tok.n; j++) {
        char *tail = wl_join(&tok, j + 1, tok.n);
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
    wl_free(&tok);
    if (!b.ptr)
        td_buf_append(&b, "", 0);
    return td_buf_detach(&b);
}

void names_unit(const names_table *t, const char *raw, char **display,
                char **key)
{
    if (!raw)
        raw = "";
    char *k = unit_key(t, raw);
    for (size_t i = 0; t && i < t->nunits; i++) {
        if (strcmp(t->units[i].key, k) == 0) {
            *display = td_xstrdup(t->units[i].display);
            free(k);
            *key = unit_key(t, t->units[i].display);
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
    expand_words(t, name ? name : "", &l);
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
        if (!(t && wl_has(&t->stop, c.w[i])) && !is_year(c.w[i]) &&
            !wl_has(&out, c.w[i]))
            wl_push(&out, c.w[i], strlen(c.w[i]));
    if (out.n > 1)
        qsort(out.w, out.n, sizeof *out.w, cmp_str);
    char *r = wl_join(&out, 0, out.n);
    wl_free(&l);
    wl_free(&c);
    wl_free(&out);
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
    split_words(a ? a : "", &la);
    split_words(b ? b : "", &lb);
    size_t common = 0, na = 0, nb = 0, numa = 0, numb = 0, numc = 0;
    for (size_t i = 0; i < la.n; i++) {
        size_t j = 0;
        while (j < i && strcmp(la.w[j], la.w[i]) != 0)
            j++;
        if (j < i)
            continue;   /* counted already */
        na++;
        numa += is_number(la.w[i]);
        if (wl_has(&lb, la.w[i])) {
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
    wl_free(&la);
    wl_free(&lb);
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
    expand_words(t, a ? a : "", &la);
    expand_words(t, b ? b : "", &lb);
    for (int side = 0; side < 2; side++) {
        wlist *in = side ? &lb : &la, *out = side ? &sb : &sa;
        for (size_t i = 0; i < in->n; i++)
            if (strlen(in->w[i]) >= 2 && !(t && wl_has(&t->textstop, in->w[i])) &&
                !wl_has(out, in->w[i]))
                wl_push(out, in->w[i], strlen(in->w[i]));
    }
    size_t common = 0;
    for (size_t i = 0; i < sa.n; i++)
        common += wl_has(&sb, sa.w[i]);
    size_t uni = sa.n + sb.n - common;
    double r = uni ? (double)common / (double)uni : 0;
    wl_free(&la);
    wl_free(&lb);
    wl_free(&sa);
    wl_free(&sb);
    return r;
}

/* ---- loading ----------------------------------------------------------- */

/* Read dir/name; a missing file gives TD_OK with *data NULL. */
static int read_rules_file(const char *dir, const char *name, char **data,
                           char *path, size_t pathsz, td_err *e)
{
    size_t len;
    snprintf(path, pathsz, "%s/%s", dir, name);
    *data = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return TD_OK;
    fclose(f);
    return td_read_file(path, 4u << 20, data, &len, e);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* Next line of *p (modified in place), or NULL at the end. */
static char *next_line(char **p)
{
    if (!*p || !**p)
        return NULL;
    char *s = *p, *nl = strchr(s, '\n');
    if (nl) {
        *nl = '\0';
        *p = nl + 1;
    } else {
        *p = s + strlen(s);
    }
    return s;
}

static int cmp_phrase(const void *a, const void *b)
{
    const phrase *x = a, *y = b;
    return (x->from.n < y->from.n) - (x->from.n > y->from.n);
}

static void add_phrase(phrase **arr, size_t *n, const names_table *t,
                       const char *from, const char *to_words,
                       const char *display)
{
    *arr = td_xrealloc(*arr, (*n + 1) * sizeof **arr);
    phrase *p = &(*arr)[(*n)++];
    memset(p, 0, sizeof *p);
    if (t)
        expand_words(t, from, &p->from);
    else
        fold_words(from, &p->from);
    p->to = td_xstrdup(to_words);
    p->display = td_xstrdup(display);
}

/* "LEFT = a | b | c" lines: calls fn(table, left, right_item) per item. */
static int parse_eq_file(names_table *t, char *data, const char *path,
                         int (*fn)(names_table *, const char *, const char *),
                         td_err *e)
{
    char *p = data, *line;
    int lineno = 0;
    while ((line = next_line(&p)) != NULL) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        if (strncmp(s, "stop:", 5) == 0) {
            split_words(s + 5, &t->stop);
            continue;
        }
        char *eq = strstr(s, " = ");
        if (!eq) {
            e->offset = lineno;
            snprintf(e->path, sizeof e->path, "%s", path);
            return td_err_set(e, TD_ERULE, "%s:%d: expected 'name = variant | ...'",
                              path, lineno);
        }
        *eq = '\0';
        char *left = trim(s), *right = eq + 3;
        int rc = fn(t, left, left);
        for (char *item = right; rc == TD_OK && item;) {
            char *bar = strchr(item, '|');
            if (bar)
                *bar = '\0';
            char *v = trim(item);
            if (*v)
                rc = fn(t, left, v);
            item = bar ? bar + 1 : NULL;
        }
        if (rc != TD_OK)
            return td_err_set(e, rc, "%s:%d: bad entry", path, lineno);
    }
    return TD_OK;
}

static int on_abbr(names_table *t, const char *left, const char *right)
{
    if (left == right)
        return TD_OK;   /* the abbreviation itself is not an expansion */
    wlist w = {0};
    fold_words(right, &w);
    char *to = wl_join(&w, 0, w.n);
    add_phrase(&t->abbr, &t->nabbr, NULL, left, to, right);
    free(to);
    wl_free(&w);
    return TD_OK;
}

static int on_unit(names_table *t, const char *left, const char *right)
{
    t->units = td_xrealloc(t->units, (t->nunits + 1) * sizeof *t->units);
    alias *a = &t->units[t->nunits++];
    a->key = unit_key(t, right);
    a->display = td_xstrdup(left);
    return TD_OK;
}

static int on_concept(names_table *t, const char *left, const char *right)
{
    char *to;
    if (strcmp(left, "-") == 0) {
        if (left == right)
            return TD_OK;
        to = td_xstrdup("");
    } else {
        /* a concept is one word: its folded words joined by '_' */
        char *w = names_words(t, left);
        for (char *q = w; *q; q++)
            if (*q == ' ')
                *q = '_';
        to = w;
    }
    add_phrase(&t->conc, &t->nconc, t, right, to, left);
    free(to);
    return TD_OK;
}

/* Index of column name in the header fields, or -1. */
static int column(char **hdr, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(hdr[i], name) == 0)
            return i;
    return -1;
}

/* Split s at tabs in place; returns the field count (at most max). */
static int split_tabs(char *s, char **f, int max)
{
    int n = 0;
    while (n < max) {
        f[n++] = s;
        char *tab = strchr(s, '\t');
        if (!tab)
            break;
        *tab = '\0';
        s = tab + 1;
    }
    return n;
}

static void add_form(names_table *t, prov *p, const char *form)
{
    wlist l = {0};
    expand_words(t, form, &l);
    size_t i = 0, k;
    while ((k = prefix_len(&l, i)) > 0)
        i += k;
    if (i < l.n) {
        char *j = wl_join(&l, i, l.n);
        if (!wl_has(&p->forms, j))
            wl_push(&p->forms, j, strlen(j));
        free(j);
    }
    wl_free(&l);
}

static int parse_provinces(names_table *t, char *data, const char *path,
                           td_err *e)
{
    char *p = data, *line;
    /* comment lines may precede the header */
    while ((line = next_line(&p)) != NULL && (line[0] == '#' || !*trim(line)))
        ;
    char *hdr[32];
    int nh = line ? split_tabs(line, hdr, 32) : 0;
    int cn = column(hdr, nh, "name"), cv = column(hdr, nh, "variants"),
        cs = column(hdr, nh, "set"), ci = column(hdr, nh, "merged_into"),
        cf = column(hdr, nh, "merged_from"), ct = column(hdr, nh, "type");
    if (cn < 0 || cs < 0)
        return td_err_set(e, TD_ERULE, "%s:1: header lacks 'name' or 'set'", path);
    while ((line = next_line(&p)) != NULL) {
        size_t ll = strlen(line);
        if (ll && line[ll - 1] == '\r')
            line[ll - 1] = '\0';
        if (!*trim(line) || line[0] == '#')
            continue;
        char *f[32];
        int nf = split_tabs(line, f, 32);
        if (cn >= nf || cs >= nf)
            continue;
        int set = atoi(f[cs]);
        if (set != 63 && set != 34)
            continue;   /* the predecessor row (Thừa Thiên Huế) is a variant of Huế */
        t->provs = td_xrealloc(t->provs, (t->nprovs + 1) * sizeof *t->provs);
        prov *r = &t->provs[t->nprovs++];
        memset(r, 0, sizeof *r);
        r->name = td_xstrdup(trim(f[cn]));
        r->set = set;
        r->city = ct >= 0 && ct < nf && strcmp(trim(f[ct]), "thanh_pho") == 0;
        r->successor = (set == 63 && ci >= 0 && ci < nf && *trim(f[ci]))
                           ? td_xstrdup(trim(f[ci])) : NULL;
        add_form(t, r, r->name);
        if (cv >= 0 && cv < nf)
            for (char *save = NULL, *v = strtok_r(f[cv], "|", &save); v;
                 v = strtok_r(NULL, "|", &save))
                add_form(t, r, trim(v));
        if (set == 34 && cf >= 0 && cf < nf)
            for (char *save = NULL, *v = strtok_r(f[cf], "|", &save); v;
                 v = strtok_r(NULL, "|", &save))
                if (*trim(v))
                    wl_push(&r->parts, trim(v), strlen(trim(v)));
    }
    /* forms are matched word by word many times: cut them once */
    for (size_t i = 0; i < t->nprovs; i++) {
        prov *r = &t->provs[i];
        r->fwords = td_xcalloc(r->forms.n ? r->forms.n : 1, sizeof *r->fwords);
        for (size_t f = 0; f < r->forms.n; f++)
            split_words(r->forms.w[f], &r->fwords[f]);
    }
    /* without a merged_from column, the parts of a new unit are the old
     * units whose merged_into names it */
    for (size_t i = 0; i < t->nprovs; i++) {
        prov *w = &t->provs[i];
        if (w->set != 34 || w->parts.n)
            continue;
        for (size_t j = 0; j < t->nprovs; j++)
            if (t->provs[j].set == 63 && t->provs[j].successor &&
                strcmp(t->provs[j].successor, w->name) == 0)
                wl_push(&w->parts, t->provs[j].name, strlen(t->provs[j].name));
    }
    return TD_OK;
}

int names_load(const char *rules_dir, names_table **out, td_err *e)
{
    *out = NULL;
    names_table *t = td_xcalloc(1, sizeof *t);
    char path[1200];
    char *data = NULL;
    int rc;
    /* order matters: units and concepts are keyed through abbreviations
     * and provinces */
    if ((rc = read_rules_file(rules_dir, "abbrev.aliases", &data, path,
                              sizeof path, e)) != TD_OK)
        goto fail;
    if (data && (rc = parse_eq_file(t, data, path, on_abbr, e)) != TD_OK)
        goto fail;
    free(data);
    if (t->nabbr > 1)
        qsort(t->abbr, t->nabbr, sizeof *t->abbr, cmp_phrase);

    if ((rc = read_rules_file(rules_dir, "provinces.tsv", &data, path,
                              sizeof path, e)) != TD_OK)
        goto fail;
    if (data && (rc = parse_provinces(t, data, path, e)) != TD_OK)
        goto fail;
    free(data);

    if ((rc = read_rules_file(rules_dir, "units.aliases", &data, path,
                              sizeof path, e)) != TD_OK)
        goto fail;
    if (data && (rc = parse_eq_file(t, data, path, on_unit, e)) != TD_OK)
        goto fail;
    free(data);

    if ((rc = read_rules_file(rules_dir, "blocs.aliases", &data, path,
                              sizeof path, e)) != TD_OK)
        goto fail;
    if (data && (rc = parse_eq_file(t, data, path, on_concept, e)) != TD_OK)
        goto fail;
    free(data);
    if (t->nconc > 1)
        qsort(t->conc, t->nconc, sizeof *t->conc, cmp_phrase);

    if ((rc = read_rules_file(rules_dir, "text.stop", &data, path,
                              sizeof path, e)) != TD_OK)
        goto fail;
    if (data) {
        char *p = data, *line;
        while ((line = next_line(&p)) != NULL)
            if (*trim(line) != '#')
                split_words(line, &t->textstop);
    }
    free(data);
    *out = t;
    return TD_OK;
fail:
    free(data);
    names_free(t);
    return rc;
}

static void free_phrases(phrase *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        wl_free(&p[i].from);
        free(p[i].to);
        free(p[i].display);
    }
    free(p);
}

void names_free(names_table *t)
{
    if (!t)
        return;
    free_phrases(t->abbr, t->nabbr);
    free_phrases(t->conc, t->nconc);
    for (size_t i = 0; i < t->nunits; i++) {
        free(t->units[i].key);
        free(t->units[i].display);
    }
    free(t->units);
    for (size_t i = 0; i < t->nprovs; i++) {
        free(t->provs[i].name);
        free(t->provs[i].successor);
        wl_free(&t->provs[i].parts);
        for (size_t f = 0; t->provs[i].fwords && f < t->provs[i].forms.n; f++)
            wl_free(&t->provs[i].fwords[f]);
        free(t->provs[i].fwords);
        wl_free(&t->provs[i].forms);
    }
    free(t->provs);
    wl_free(&t->stop);
    wl_free(&t->textstop);
    free(t);
}
