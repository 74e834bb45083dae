/* testrun.c - run the cases of rules/<topic>.test against a rule set.
 *
 * A case is "=== name", input lines (blank lines separate paragraphs; "→"
 * stands for a tab), "---", then the expected facts one per line as
 * `kind key=value ...` or "(none)".  Each input goes through the real
 * pipeline (norm_doc, rules_apply); the facts of the kinds that the
 * companion <topic>.rules produces are compared with the expected ones as
 * sorted sets.  "rule=" and "evidence=" are checked when given.
 */
#include "rules/rules_int.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "normalize/normalize.h"

typedef struct strv { char **v; size_t n, cap; } strv;

static void sv_push(strv *s, char *x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->v = td_xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = x;
}

static void sv_free(strv *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* test kind names: singular, as in the rule files */
static const char *kind_word(int k)
{
    static const char *w[] = {"title", "published", "byline", "province", "bloc",
                              "event", "pledge_year", "reviewed_year", "meeting_date",
                              "member_count", "member", "leader", "goal", "official"};
    return (k >= 0 && k < TD_FACT__COUNT) ? w[k] : "level";
}

static int kind_from_word(const char *s)
{
    for (int k = 0; k < TD_FACT__COUNT; k++)
        if (strcmp(kind_word(k), s) == 0)
            return k;
    return -1;
}

static void put_kv(td_buf *b, const char *k, const char *v)
{
    td_buf_printf(b, " %s=\"", k);
    for (; *v; v++) {
        if (*v == '"' || *v == '\\')
            td_buf_putc(b, '\\');
        td_buf_putc(b, *v);
    }
    td_buf_putc(b, '"');
}

/* The canonical line of an actual fact: kind, then its keys in a fixed
 * (alphabetical) order. */
static char *fact_line(const td_fact *f)
{
    td_buf b = TD_BUF_INIT;
    char num[32];
    td_buf_puts(&b, kind_word(f->kind));
    switch (f->kind) {
    case TD_FACT_TITLE: case TD_FACT_BYLINE: case TD_FACT_GOAL:
        put_kv(&b, "text", f->value ? f->value : "");
        break;
    case TD_FACT_PUBLISHED: case TD_FACT_MEETING_DATE:
        put_kv(&b, "date", f->value ? f->value : "");
        break;
    case TD_FACT_PROVINCE:
        put_kv(&b, "name", f->value ? f->value : "");
        break;
    case TD_FACT_BLOC:
        put_kv(&b, "level", f->extra ? f->extra : "");
        put_kv(&b, "name", f->value ? f->value : "");
        break;
    case TD_FACT_EVENT:
        put_kv(&b, "type", f->value ? f->value : "");
        break;
    case TD_FACT_PLEDGE_YEAR: case TD_FACT_REVIEWED_YEAR:
        snprintf(num, sizeof num, "%ld", f->num);
        put_kv(&b, "year", num);
        break;
    case TD_FACT_MEMBER_COUNT:
        snprintf(num, sizeof num, "%ld", f->num);
        put_kv(&b, "count", num);
        break;
    case TD_FACT_MEMBER:
        put_kv(&b, "unit", f->value ? f->value : "");
        break;
    case TD_FACT_LEADER:
        put_kv(&b, "role", f->extra ? f->extra : "");
        put_kv(&b, "unit", f->value ? f->value : "");
        if (f->year) {
            snprintf(num, sizeof num, "%d", f->year);
            put_kv(&b, "year", num);
        }
        break;
    case TD_FACT_OFFICIAL:
        put_kv(&b, "name", f->value ? f->value : "");
        if (f->extra)
            put_kv(&b, "title", f->extra);
        break;
    default:
        break;
    }
    return td_buf_detach(&b);
}

typedef struct kv { char *k, *v; } kv;

static int cmp_kv(const void *a, const void *b)
{
    return strcmp(((const kv *)a)->k, ((const kv *)b)->k);
}

/* Parse an expected line into its canonical form, pulling out rule= and
 * evidence=.  Returns NULL (and sets why) when malformed. */
static char *parse_expected(const char *line, char **rule_id, char **evidence,
                            const char **why)
{
    *rule_id = *evidence = NULL;
    const char *p = line;
    while (*p == ' ')
        p++;
    const char *k0 = p;
    while (*p && *p != ' ')
        p++;
    char kind[32];
    snprintf(kind, sizeof kind, "%.*s", (int)(p - k0), k0);
    if (kind_from_word(kind) < 0) {
        *why = "unknown fact kind";
        return NULL;
    }
    kv kvs[16];
    int n = 0;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *ks = p;
        while (*p && *p != '=' && *p != ' ')
            p++;
        if (*p != '=' || p == ks || n == 16) {
            *why = "expected key=value";
            for (int i = 0; i < n; i++) { free(kvs[i].k); free(kvs[i].v); }
            return NULL;
        }
        char *k = td_xstrndup(ks, (size_t)(p - ks));
        p++;
        td_buf v = TD_BUF_INIT;
        if (*p == '"') {
            p++;
            while (*p && *p != '"') {
                if (*p == '\\' && p[1])
                    p++;
                td_buf_putc(&v, *p++);
            }
            if (*p != '"') {
                *why = "unterminated quote";
                free(k);
                td_buf_free(&v);
                for (int i = 0; i < n; i++) { free(kvs[i].k); free(kvs[i].v); }
                return NULL;
            }
            p++;
        } else {
            while (*p && *p != ' ')
                td_buf_putc(&v, *p++);
        }
        char *vs = td_buf_detach(&v);
        if (strcmp(k, "rule") == 0) {
            free(*rule_id);
            *rule_id = vs;
            free(k);
        } else if (strcmp(k, "evidence") == 0) {
            free(*evidence);
            *evidence = vs;
            free(k);
        } else {
            kvs[n].k = k;
            kvs[n++].v = vs;
        }
    }
    qsort(kvs, (size_t)n, sizeof *kvs, cmp_kv);
    td_buf b = TD_BUF_INIT;
    td_buf_puts(&b, kind);
    for (int i = 0; i < n; i++) {
        put_kv(&b, kvs[i].k, kvs[i].v);
        free(kvs[i].k);
        free(kvs[i].v);
    }
    return td_buf_detach(&b);
}

/* Replace the visible tab arrow "→" by a tab. */
static char *untab(const char *s)
{
    td_buf b = TD_BUF_INIT;
    for (; *s; s++) {
        if (strncmp(s, "\xe2\x86\x92", 3) == 0) {
            td_buf_putc(&b, '\t');
            s += 2;
        } else {
            td_buf_putc(&b, *s);
        }
    }
    if (!b.ptr)
        td_buf_append(&b, "", 0);
    return td_buf_detach(&b);
}

typedef struct tctx {
    const rules_set *rs;
    FILE *out;
    int passed, failed;
    int *covered;              /* per rule */
    int kinds[RK__COUNT];      /* kinds compared in the current file */
    const char *file;
} tctx;

static void run_case(tctx *t, const char *name, int line, strv *input, strv *expect,
                     int none)
{
    /* the input: one block per paragraph */
    td_doc *d = td_doc_new(name);
    td_buf para = TD_BUF_INIT, all = TD_BUF_INIT;
    for (size_t i = 0; i <= input->n; i++) {
        if (i == input->n || input->v[i][0] == '\0') {
            if (para.len)
                td_doc_add_block(d, TD_BLOCK_PARA, 0, para.ptr, para.len, -1, -1);
            td_buf_clear(&para);
            continue;
        }
        char *u = untab(input->v[i]);
        if (para.len)
            td_buf_putc(&para, '\n');
        td_buf_puts(&para, u);
        td_buf_puts(&all, u);
        td_buf_putc(&all, '\n');
        free(u);
    }
    td_buf_free(&para);
    td_err e;
    td_err_clear(&e);
    strv act = {0}, exp = {0}, why = {0};
    int ok = 1;
    if (norm_doc(d, &e) != TD_OK || rules_apply(t->rs, d, &e) != TD_OK) {
        sv_push(&why, td_xstrdup(e.msg));
        ok = 0;
    } else if (d->rule_error) {
        sv_push(&why, td_xstrdup(d->rule_error));
        ok = 0;
    }
    size_t nf = d->nfacts;
    char **aline = td_xcalloc(nf + 1, sizeof *aline);
    int *aused = td_xcalloc(nf + 1, sizeof *aused);
    for (size_t i = 0; i < nf; i++)
        if (t->kinds[d->facts[i].kind])
            aline[i] = fact_line(&d->facts[i]);
    for (size_t i = 0; i < expect->n && ok; i++) {
        char *rid, *ev;
        const char *w = NULL;
        char *c = parse_expected(expect->v[i], &rid, &ev, &w);
        if (!c) {
            char msg[300];
            snprintf(msg, sizeof msg, "malformed expected line '%s': %s", expect->v[i], w);
            sv_push(&why, td_xstrdup(msg));
            ok = 0;
            break;
        }
        if (ev && (!all.ptr || !strstr(all.ptr, ev))) {
            char msg[600];
            snprintf(msg, sizeof msg, "evidence \"%s\" is not in the input", ev);
            sv_push(&why, td_xstrdup(msg));
            ok = 0;
        }
        size_t j = 0;
        for (; j < nf; j++)
            if (aline[j] && !aused[j] && strcmp(aline[j], c) == 0)
                break;
        if (j < nf) {
            aused[j] = 1;
            const td_fact *f = &d->facts[j];
            if (rid && strcmp(rid, f->rule ? f->rule : "") != 0) {
                char msg[300];
                snprintf(msg, sizeof msg, "%s: rule is %s, want %s", c, f->rule, rid);
                sv_push(&why, td_xstrdup(msg));
                ok = 0;
            }
            if (ev && (f->end - f->start != strlen(ev) ||
                       memcmp(d->text + f->start, ev, strlen(ev)) != 0)) {
                char msg[900];
                snprintf(msg, sizeof msg, "%s: evidence is \"%.*s\", want \"%s\"", c,
                         (int)(f->end - f->start), d->text + f->start, ev);
                sv_push(&why, td_xstrdup(msg));
                ok = 0;
            }
        }
        sv_push(&exp, c);
        free(rid);
        free(ev);
    }
    if (ok) {
        for (size_t i = 0; i < nf; i++)
            if (aline[i])
                sv_push(&act, td_xstrdup(aline[i]));
        if (exp.n)
            qsort(exp.v, exp.n, sizeof *exp.v, cmp_str);
        if (act.n)
            qsort(act.v, act.n, sizeof *act.v, cmp_str);
        if (exp.n != act.n)
            ok = 0;
        for (size_t i = 0; ok && i < exp.n; i++)
            if (strcmp(exp.v[i], act.v[i]) != 0)
                ok = 0;
        if (none && act.n)
            ok = 0;
    }
    if (ok && why.n == 0) {
        t->passed++;
        for (size_t i = 0; i < nf; i++)
            if (aline[i] && aused[i])
                for (size_t r = 0; r < t->rs->nrules; r++)
                    if (d->facts[i].rule && strcmp(t->rs->rules[r].id, d->facts[i].rule) == 0)
                        t->covered[r] = 1;
    } else {
        t->failed++;
        fprintf(t->out, "%s:%d: %s\n", t->file, line, name);
        for (size_t i = 0; i < why.n; i++)
            fprintf(t->out, "    %s\n", why.v[i]);
        /* a diff: lines only expected (-) and only found (+) */
        for (size_t i = 0; i < exp.n; i++) {
            int found = 0;
            for (size_t j = 0; j < act.n && !found; j++)
                found = strcmp(exp.v[i], act.v[j]) == 0;
            if (!found)
                fprintf(t->out, "  - %s\n", exp.v[i]);
        }
        for (size_t j = 0; j < act.n; j++) {
            int found = 0;
            for (size_t i = 0; i < exp.n && !found; i++)
                found = strcmp(exp.v[i], act.v[j]) == 0;
            if (!found)
                fprintf(t->out, "  + %s\n", act.v[j]);
        }
        if (!act.n && !ok && why.n == 0)
            fprintf(t->out, "  (nothing found)\n");
    }
    for (size_t i = 0; i < nf; i++)
        free(aline[i]);
    free(aline);
    free(aused);
    sv_free(&act);
    sv_free(&exp);
    sv_free(&why);
    td_buf_free(&all);
    td_doc_free(d);
}

static int run_file(tctx *t, const char *path, const char *fname, int *has_none)
{
    char *data;
    size_t len;
    td_err e;
    if (td_read_file(path, 16u << 20, &data, &len, &e) != TD_OK)
        return 0;
    strv input = {0}, expect = {0};
    char *name = NULL;
    int state = 0, line = 0, start = 0, none = 0;   /* 0 outside, 1 input, 2 expected */
    char *next = data;
    for (;;) {
        char *ln = next;
        int eof = ln == NULL;
        if (!eof) {
            char *nl = strchr(ln, '\n');
            if (nl) {
                *nl = '\0';
                next = nl + 1;
            } else {
                next = NULL;
            }
            size_t n = strlen(ln);
            if (n && ln[n - 1] == '\r')
                ln[n - 1] = '\0';
            line++;
            if (!*ln && !next)
                eof = 1;
        }
        if (eof || strncmp(ln, "=== ", 4) == 0) {
            if (state == 1) {
                t->failed++;
                fprintf(t->out, "%s:%d: %s\n    malformed case: no '---' line\n", fname, start, name);
            } else if (state == 2) {
                if (expect.n == 0 && !none) {
                    t->failed++;
                    fprintf(t->out, "%s:%d: %s\n    malformed case: nothing expected (write \"(none)\")\n",
                            fname, start, name);
                } else {
                    /* drop trailing blank input lines */
                    while (input.n && input.v[input.n - 1][0] == '\0')
                        free(input.v[--input.n]);
                    run_case(t, name, start, &input, &expect, none);
                }
            }
            sv_free(&input);
            sv_free(&expect);
            free(name);
            name = NULL;
            none = 0;
            if (eof)
                break;
            name = td_xstrdup(ln + 4);
            state = 1;
            start = line;
            continue;
        }
        if (state == 1) {
            if (strcmp(ln, "---") == 0)
                state = 2;
            else if (!(input.n == 0 && ln[0] == '\0'))
                sv_push(&input, td_xstrdup(ln));
        } else if (state == 2) {
            char *s = ln;
            while (*s == ' ' || *s == '\t')
                s++;
            if (!*s || *s == '#')
                continue;
            if (strcmp(s, "(none)") == 0) {
                none = 1;
                *has_none = 1;
            } else {
                sv_push(&expect, td_xstrdup(s));
            }
        }
    }
    free(data);
    return 1;
}

int rules_run_tests(const rules_set *rs, const char *dir, FILE *out,
                    int *passed, int *failed, td_err *e)
{
    *passed = *failed = 0;
    DIR *dh = opendir(dir);
    if (!dh)
        return td_err_set(e, TD_EIO, "cannot open test directory '%s'", dir);
    strv files = {0};
    struct dirent *ent;
    while ((ent = readdir(dh)) != NULL) {
        size_t n = strlen(ent->d_name);
        if (ent->d_name[0] != '.' && n > 5 && strcmp(ent->d_name + n - 5, ".test") == 0)
            sv_push(&files, td_xstrdup(ent->d_name));
    }
    closedir(dh);
    if (files.n)
        qsort(files.v, files.n, sizeof *files.v, cmp_str);
    tctx t;
    memset(&t, 0, sizeof t);
    t.rs = rs;
    t.out = out;
    t.covered = td_xcalloc(rs->nrules + 1, sizeof *t.covered);
    td_buf shown = TD_BUF_INIT;
    for (size_t i = 0; i < files.n; i++) {
        /* the name as printed: control characters escaped */
        td_buf_clear(&shown);
        td_buf_put_name(&shown, files.v[i]);
        /* compare the kinds the companion .rules file produces */
        char base[256];
        snprintf(base, sizeof base, "%.*s.rules", (int)(strlen(files.v[i]) - 5), files.v[i]);
        memset(t.kinds, 0, sizeof t.kinds);
        int any = 0;
        for (size_t r = 0; r < rs->nrules; r++)
            if (strcmp(rs->rules[r].file, base) == 0) {
                int k = rs->rules[r].kind;
                t.kinds[k == RK_LEVEL ? TD_FACT_BLOC : k] = 1;
                any = 1;
            }
        if (strcmp(base, "province.rules") == 0)
            t.kinds[TD_FACT_PROVINCE] = 1;
        if (!any) {
            td_buf b = TD_BUF_INIT;
            td_buf_put_name(&b, base);
            fprintf(out, "%s: no companion %s with rules\n", shown.ptr, b.ptr);
            td_buf_free(&b);
            t.failed++;
            continue;
        }
        size_t n = strlen(dir) + strlen(files.v[i]) + 2;
        char *path = td_xmalloc(n);
        snprintf(path, n, "%s/%s", dir, files.v[i]);
        int has_none = 0;
        t.file = shown.ptr;
        run_file(&t, path, shown.ptr, &has_none);
        free(path);
        if (!has_none) {
            fprintf(out, "%s: no \"(none)\" case\n", shown.ptr);
            t.failed++;
        }
    }
    t.file = NULL;
    /* every rule needs a case where one of its facts was expected; level
     * rules are seen through the bloc facts of bloc.test */
    for (size_t r = 0; r < rs->nrules; r++) {
        if (t.covered[r] || rs->rules[r].kind == RK_LEVEL)
            continue;
        td_buf_clear(&shown);
        td_buf_put_name(&shown, rs->rules[r].file);
        fprintf(out, "%s:%d: rule '%s' has no positive case\n", shown.ptr,
                rs->rules[r].line, rs->rules[r].id);
        t.failed++;
    }
    td_buf_free(&shown);
    free(t.covered);
    sv_free(&files);
    *passed = t.passed;
    *failed = t.failed;
    return TD_OK;
}
