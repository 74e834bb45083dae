/* names_load.c - the name tables read from rules/: abbrev.aliases,
 * units.aliases, blocs.aliases (concepts and stop words), text.stop and
 * provinces.tsv (the 63 provinces and the 34 of the 2025 merger).  The
 * mechanics that use them are in names.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize/names_int.h"
#include "normalize/normalize.h"

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
        names_expand_words(t, from, &p->from);
    else
        names_fold_words(from, &p->from);
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
            names_split_words(s + 5, &t->stop);
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
    names_fold_words(right, &w);
    char *to = names_wl_join(&w, 0, w.n);
    add_phrase(&t->abbr, &t->nabbr, NULL, left, to, right);
    free(to);
    names_wl_free(&w);
    return TD_OK;
}

static int on_unit(names_table *t, const char *left, const char *right)
{
    t->units = td_xrealloc(t->units, (t->nunits + 1) * sizeof *t->units);
    alias *a = &t->units[t->nunits++];
    a->key = names_unit_key(t, right);
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
    names_expand_words(t, form, &l);
    size_t i = 0, k;
    while ((k = names_prefix_len(&l, i)) > 0)
        i += k;
    if (i < l.n) {
        char *j = names_wl_join(&l, i, l.n);
        if (!names_wl_has(&p->forms, j))
            names_wl_push(&p->forms, j, strlen(j));
        free(j);
    }
    names_wl_free(&l);
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
                    names_wl_push(&r->parts, trim(v), strlen(trim(v)));
    }
    /* forms are matched word by word many times: cut them once */
    for (size_t i = 0; i < t->nprovs; i++) {
        prov *r = &t->provs[i];
        r->fwords = td_xcalloc(r->forms.n ? r->forms.n : 1, sizeof *r->fwords);
        for (size_t f = 0; f < r->forms.n; f++)
            names_split_words(r->forms.w[f], &r->fwords[f]);
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
                names_wl_push(&w->parts, t->provs[j].name, strlen(t->provs[j].name));
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
                names_split_words(line, &t->textstop);
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
        names_wl_free(&p[i].from);
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
        names_wl_free(&t->provs[i].parts);
        for (size_t f = 0; t->provs[i].fwords && f < t->provs[i].forms.n; f++)
            names_wl_free(&t->provs[i].fwords[f]);
        free(t->provs[i].fwords);
        names_wl_free(&t->provs[i].forms);
    }
    free(t->provs);
    names_wl_free(&t->stop);
    names_wl_free(&t->textstop);
    free(t);
}
