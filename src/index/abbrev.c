/* abbrev.c - the abbreviation table search expands queries with.
 *
 * rules/abbrev.tsv holds groups of equivalent forms (MTTQ, Mặt trận Tổ
 * quốc); a query naming one form finds the others.  Forms are kept as
 * folded word sequences, cut by the tokenizer's own splitter, and with
 * their exact (diacritics kept) spelling for ranking.
 */
#include "index/index_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct form {
    char **words;      /* folded words */
    size_t nwords;
    char *folded;      /* words joined by ' ' */
    char *exact;       /* exact keys joined by ' ' */
} form;

typedef struct group {
    form *forms;
    size_t nforms;
    const char **all;  /* folded phrases: own forms + containing abbreviations */
    const char **all_exact;
    size_t nall;
    int province;      /* from provinces.tsv: lends no forms to other groups */
} group;

struct index_abbrev {
    group *groups;
    size_t ngroups;
};

typedef struct split_acc {
    char **words;
    size_t n, cap;
    td_buf folded, exact;
} split_acc;

static int add_word(void *ctx, const char *f, size_t nf, const char *x,
                    size_t nx, size_t start, size_t end)
{
    (void)start; (void)end;
    split_acc *a = ctx;
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 8;
        a->words = td_xrealloc(a->words, a->cap * sizeof *a->words);
    }
    a->words[a->n++] = td_xstrndup(f, nf);
    if (a->folded.len)
        td_buf_putc(&a->folded, ' ');
    td_buf_append(&a->folded, f, nf);
    if (a->exact.len)
        td_buf_putc(&a->exact, ' ');
    if (x)
        td_buf_append(&a->exact, x, nx);
    else
        td_buf_append(&a->exact, f, nf);
    return 0;
}

/* The form of text p[0..n), or 0 when it holds no word. */
static int make_form(const char *p, size_t n, form *out)
{
    split_acc a = {0};
    index_split(p, n, add_word, &a);
    if (a.n == 0) {
        free(a.words);
        td_buf_free(&a.folded);
        td_buf_free(&a.exact);
        return 0;
    }
    *out = (form){a.words, a.n, td_buf_detach(&a.folded), td_buf_detach(&a.exact)};
    return 1;
}

static void free_form(form *f)
{
    for (size_t i = 0; i < f->nwords; i++)
        free(f->words[i]);
    free(f->words);
    free(f->folded);
    free(f->exact);
}

void index_abbrev_free(index_abbrev *ab)
{
    if (!ab)
        return;
    for (size_t g = 0; g < ab->ngroups; g++) {
        for (size_t i = 0; i < ab->groups[g].nforms; i++)
            free_form(&ab->groups[g].forms[i]);
        free(ab->groups[g].forms);
        free(ab->groups[g].all);
        free(ab->groups[g].all_exact);
    }
    free(ab->groups);
    free(ab);
}

size_t index_abbrev_count(const index_abbrev *ab)
{
    return ab ? ab->ngroups : 0;
}

/* 1 when the words of inner occur in outer as a contiguous run */
static int contains(const form *outer, const form *inner)
{
    if (inner->nwords == 0 || inner->nwords > outer->nwords)
        return 0;
    for (size_t i = 0; i + inner->nwords <= outer->nwords; i++) {
        size_t k = 0;
        while (k < inner->nwords && strcmp(outer->words[i + k], inner->words[k]) == 0)
            k++;
        if (k == inner->nwords)
            return 1;
    }
    return 0;
}

static void add_all(group *g, const form *f)
{
    for (size_t i = 0; i < g->nall; i++)
        if (strcmp(g->all[i], f->folded) == 0)
            return;
    g->all[g->nall] = f->folded;
    g->all_exact[g->nall] = f->exact;
    g->nall++;
}

/* Fill each group's equivalent forms, adding the one-word forms of groups
 * that contain it (UBMTTQ, written "Ủy ban MTTQ", for MTTQ). */
static void close_groups(index_abbrev *ab)
{
    size_t total = 0;
    for (size_t g = 0; g < ab->ngroups; g++)
        total += ab->groups[g].nforms;
    for (size_t g = 0; g < ab->ngroups; g++) {
        group *G = &ab->groups[g];
        G->all = td_xcalloc(total + 1, sizeof *G->all);
        G->all_exact = td_xcalloc(total + 1, sizeof *G->all_exact);
        for (size_t i = 0; i < G->nforms; i++)
            add_all(G, &G->forms[i]);
        for (size_t h = 0; h < ab->ngroups; h++) {
            if (h == g)
                continue;
            const group *H = &ab->groups[h];
            if (H->province)
                continue;   /* "TP Đà Nẵng" does not make Danang a TP */
            int inside = 0;
            for (size_t i = 0; i < H->nforms && !inside; i++)
                for (size_t j = 0; j < G->nforms && !inside; j++)
                    inside = H->forms[i].nwords > G->forms[j].nwords &&
                             contains(&H->forms[i], &G->forms[j]);
            if (!inside)
                continue;
            for (size_t i = 0; i < H->nforms; i++)
                if (H->forms[i].nwords == 1)
                    add_all(G, &H->forms[i]);
        }
    }
}

static void push_group(index_abbrev *ab, size_t *capg, group g)
{
    if (ab->ngroups == *capg) {
        *capg = *capg ? *capg * 2 : 32;
        ab->groups = td_xrealloc(ab->groups, *capg * sizeof *ab->groups);
    }
    ab->groups[ab->ngroups++] = g;
}

/* Add the spellings of each province in rules_dir/provinces.tsv (columns
 * name and variants, '|'-separated) as a group: Kontum, Đắc Lắc, BRVT,
 * Sài Gòn, and the former name of a renamed one (Thừa Thiên Huế for
 * Huế).  Variants that fold to a form already there are dropped.  A
 * missing file adds nothing. */
static void load_provinces(index_abbrev *ab, size_t *capg, const char *rules_dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/provinces.tsv", rules_dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0, first = ab->ngroups;
    while (getline(&line, &cap, f) >= 0) {
        if (line[0] == '#' || strncmp(line, "name\t", 5) == 0)
            continue;
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        char *vend = strchr(tab + 1, '\t');
        if (!vend)
            vend = tab + 1 + strcspn(tab + 1, "\r\n");
        group g = {0};
        g.forms = td_xcalloc(1, sizeof *g.forms);
        if (!make_form(line, (size_t)(tab - line), &g.forms[0])) {
            free(g.forms);
            continue;
        }
        g.nforms = 1;
        int dup = 0;
        for (size_t h = first; h < ab->ngroups && !dup; h++)
            dup = strcmp(ab->groups[h].forms[0].folded, g.forms[0].folded) == 0;
        for (char *v = tab + 1; v < vend && !dup;) {
            size_t n = strcspn(v, "|\t\r\n");
            if (v + n > vend)
                n = (size_t)(vend - v);
            form fm;
            if (n > 0 && make_form(v, n, &fm)) {
                int keep = 1;
                for (size_t i = 0; i < g.nforms && keep; i++)
                    keep = strcmp(g.forms[i].folded, fm.folded) != 0;
                if (keep) {
                    g.forms = td_xrealloc(g.forms, (g.nforms + 1) * sizeof *g.forms);
                    g.forms[g.nforms++] = fm;
                } else {
                    free_form(&fm);
                }
            }
            v += n + 1;
        }
        if (dup || g.nforms < 2) {
            for (size_t i = 0; i < g.nforms; i++)
                free_form(&g.forms[i]);
            free(g.forms);
            continue;
        }
        g.province = 1;
        push_group(ab, capg, g);
    }
    free(line);
    fclose(f);
}

int index_abbrev_load(const char *rules_dir, index_abbrev **out, td_err *e)
{
    *out = NULL;
    index_abbrev *ab = td_xcalloc(1, sizeof *ab);
    if (!rules_dir) {
        *out = ab;
        return TD_OK;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/abbrev.tsv", rules_dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT) {
            *out = ab;
            return TD_OK;
        }
        index_abbrev_free(ab);
        int rc = td_err_set(e, TD_EIO, "cannot open: %s", strerror(errno));
        snprintf(e->path, sizeof e->path, "%s", path);
        return rc;
    }
    char *line = NULL;
    size_t cap = 0, capg = 0;
    long lineno = 0;
    ssize_t len;
    int rc = TD_OK;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        group g = {0};
        size_t capf = 0;
        for (char *p = line, *tab; p; p = tab ? tab + 1 : NULL) {
            tab = strchr(p, '\t');
            size_t n = tab ? (size_t)(tab - p) : strlen(p);
            form fm;
            if (!make_form(p, n, &fm))
                continue;
            if (g.nforms == capf) {
                capf = capf ? capf * 2 : 4;
                g.forms = td_xrealloc(g.forms, capf * sizeof *g.forms);
            }
            g.forms[g.nforms++] = fm;
        }
        if (g.nforms < 2) {
            for (size_t i = 0; i < g.nforms; i++)
                free_form(&g.forms[i]);
            free(g.forms);
            rc = td_err_set(e, TD_ERULE, "%s:%ld: a line needs an abbreviation "
                            "and at least one expansion, separated by tabs",
                            path, lineno);
            break;
        }
        push_group(ab, &capg, g);
    }
    free(line);
    fclose(f);
    if (rc != TD_OK) {
        index_abbrev_free(ab);
        return rc;
    }
    load_provinces(ab, &capg, rules_dir);
    close_groups(ab);
    *out = ab;
    return TD_OK;
}

size_t index_abbrev_match(const index_abbrev *ab, char *const *words,
                          size_t n, size_t i, size_t *group)
{
    return index_abbrev_match_max(ab, words, n, i, (size_t)-1, group);
}

size_t index_abbrev_match_max(const index_abbrev *ab, char *const *words,
                              size_t n, size_t i, size_t max, size_t *group)
{
    size_t best = 0;
    if (!ab)
        return 0;
    for (size_t g = 0; g < ab->ngroups; g++) {
        for (size_t j = 0; j < ab->groups[g].nforms; j++) {
            const form *f = &ab->groups[g].forms[j];
            if (f->nwords <= best || f->nwords > max || i + f->nwords > n)
                continue;
            size_t k = 0;
            while (k < f->nwords && strcmp(words[i + k], f->words[k]) == 0)
                k++;
            if (k == f->nwords) {
                best = f->nwords;
                *group = g;
            }
        }
    }
    return best;
}

size_t index_abbrev_forms(const index_abbrev *ab, size_t g,
                          const char *const **folded,
                          const char *const **exact)
{
    *folded = ab->groups[g].all;
    *exact = ab->groups[g].all_exact;
    return ab->groups[g].nall;
}
