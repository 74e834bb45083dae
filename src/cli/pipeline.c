/* pipeline.c - one file through extract, normalize and rules; file lists. */
#include "cli/pipeline.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "normalize/normalize.h"

int pipeline_run(const char *path, const char *data, size_t len,
                 const char *source_url, const rules_set *rs, td_doc **out,
                 td_err *e)
{
    *out = NULL;
    td_doc *d = NULL;
    int rc = extract_buffer(path, data, len, NULL, &d, e);
    if (rc == TD_OK && d->bad_bytes)
        cli_warn("'%s': %zu byte%s not valid UTF-8 replaced by U+FFFD", path,
                 d->bad_bytes, d->bad_bytes == 1 ? "" : "s");
    if (rc == TD_OK && source_url && *source_url) {
        d->source_url = td_doc_strdup(d, source_url);
        d->source_given = 1;
    }
    if (rc == TD_OK)
        rc = norm_doc(d, e);
    if (rc == TD_OK && rs)
        rc = rules_apply(rs, d, e);
    if (rc != TD_OK) {
        td_doc_free(d);
        return rc;
    }
    *out = d;
    return TD_OK;
}

int pipeline_rule_error(const td_doc *d)
{
    if (!d || !d->rule_error)
        return 0;
    td_err e;
    td_err_clear(&e);
    if (d->rule_errors > 1)
        td_err_set(&e, TD_ERULE, "%s (and %d more failed matches); facts may be incomplete",
                   d->rule_error, d->rule_errors - 1);
    else
        td_err_set(&e, TD_ERULE, "%s; facts may be incomplete", d->rule_error);
    cli_file_error(d->path, &e);
    return 1;
}

struct pipeline_sources {
    char **path, **real, **url;
    size_t n;
};

int pipeline_sources_load(const char *file, pipeline_sources **out, td_err *e)
{
    *out = NULL;
    char *data;
    size_t len;
    int rc = td_read_file(file, 64u << 20, &data, &len, e);
    if (rc != TD_OK)
        return rc;
    pipeline_sources *s = td_xcalloc(1, sizeof *s);
    size_t cap = 0;
    int line = 0;
    char *save = NULL;
    for (char *ln = strtok_r(data, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
        line++;
        size_t n = strlen(ln);
        while (n && (ln[n - 1] == '\r' || ln[n - 1] == ' '))
            ln[--n] = '\0';
        if (!n || ln[0] == '#')
            continue;
        char *tab = strchr(ln, '\t');
        if (!tab || tab == ln || !tab[1]) {
            pipeline_sources_free(s);
            free(data);
            return td_err_set(e, TD_EFORMAT, "line %d is not 'path<TAB>url'", line);
        }
        *tab = '\0';
        if (s->n == cap) {
            cap = cap ? 2 * cap : 64;
            s->path = td_xrealloc(s->path, cap * sizeof *s->path);
            s->real = td_xrealloc(s->real, cap * sizeof *s->real);
            s->url = td_xrealloc(s->url, cap * sizeof *s->url);
        }
        s->path[s->n] = td_xstrdup(ln);
        s->real[s->n] = realpath(ln, NULL);
        s->url[s->n] = td_xstrdup(tab + 1);
        s->n++;
    }
    free(data);
    *out = s;
    return TD_OK;
}

const char *pipeline_sources_get(const pipeline_sources *s, const char *path)
{
    if (!s)
        return NULL;
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->path[i], path) == 0)
            return s->url[i];
    char *real = realpath(path, NULL);
    const char *hit = NULL;
    for (size_t i = 0; real && i < s->n && !hit; i++)
        if (s->real[i] && strcmp(s->real[i], real) == 0)
            hit = s->url[i];
    free(real);
    return hit;
}

void pipeline_sources_free(pipeline_sources *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->path[i]);
        free(s->real[i]);
        free(s->url[i]);
    }
    free(s->path);
    free(s->real);
    free(s->url);
    free(s);
}

typedef struct list {
    char **v;
    size_t n, cap;
} list;

static void list_push(list *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = td_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = s;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Inside a directory only document files are taken, so that a corpus can
 * keep its README, gold files and DOCX sources beside the documents. */
static int is_document_name(const char *name)
{
    static const char *const exts[] = {".txt", ".htm", ".html", ".docx"};
    const char *dot = strrchr(name, '.');
    if (!dot)
        return 0;
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
        if (strcasecmp(dot, exts[i]) == 0)
            return 1;
    return 0;
}

static void walk(const char *path, list *l, int depth)
{
    DIR *dir = opendir(path);
    if (!dir) {
        cli_error("'%s': cannot read directory: %s", path, strerror(errno));
        return;
    }
    list names = {0};
    struct dirent *ent;
    while ((ent = readdir(dir)) != NULL) {
        if (ent->d_name[0] == '.')
            continue;
        size_t n = strlen(path) + strlen(ent->d_name) + 2;
        char *full = td_xmalloc(n);
        snprintf(full, n, "%s%s%s", path,
                 path[strlen(path) - 1] == '/' ? "" : "/", ent->d_name);
        list_push(&names, full);
    }
    closedir(dir);
    if (names.n > 1)
        qsort(names.v, names.n, sizeof *names.v, cmp_str);
    for (size_t i = 0; i < names.n; i++) {
        struct stat st;
        if (stat(names.v[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (depth < 32)
                walk(names.v[i], l, depth + 1);
            free(names.v[i]);
        } else if (is_document_name(names.v[i])) {
            list_push(l, names.v[i]);
        } else {
            free(names.v[i]);
        }
    }
    free(names.v);
}

void pipeline_list(char **paths, int npaths, char ***files, size_t *nfiles,
                   int *missing)
{
    list l = {0};
    *missing = 0;
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            cli_error("'%s': %s", paths[i], strerror(errno));
            (*missing)++;
        } else if (S_ISDIR(st.st_mode)) {
            size_t before = l.n;
            walk(paths[i], &l, 0);
            if (l.n == before)
                cli_warn("'%s': no .txt, .htm, .html or .docx files found", paths[i]);
        } else {
            list_push(&l, td_xstrdup(paths[i]));
        }
    }
    *files = l.v;
    *nfiles = l.n;
}

void pipeline_free_list(char **files, size_t nfiles)
{
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
}

/* Feed a file's bytes into the running FNV hash h (files that cannot be
 * read add only their name). */
static void hash_file(const char *path, td_buf *acc)
{
    char *data;
    size_t len;
    td_err e;
    td_buf_puts(acc, path);
    if (td_read_file(path, 256u << 20, &data, &len, &e) == TD_OK) {
        char h[17];
        td_hash_hex(data, len, h);
        td_buf_append(acc, h, 16);
        free(data);
    }
}

void pipeline_fingerprint(const char *rules_dir, char out[17])
{
    td_buf acc = TD_BUF_INIT;
    td_buf_puts(&acc, TD_VERSION);
    hash_file("/proc/self/exe", &acc);
    list l = {0};
    DIR *dir = opendir(rules_dir);
    struct dirent *ent;
    while (dir && (ent = readdir(dir)) != NULL) {
        if (ent->d_name[0] != '.')
            list_push(&l, td_xstrdup(ent->d_name));
    }
    if (dir)
        closedir(dir);
    if (l.n > 1)
        qsort(l.v, l.n, sizeof *l.v, cmp_str);
    for (size_t i = 0; i < l.n; i++) {
        size_t n = strlen(rules_dir) + strlen(l.v[i]) + 2;
        char *full = td_xmalloc(n);
        snprintf(full, n, "%s/%s", rules_dir, l.v[i]);
        struct stat st;
        if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
            td_buf_puts(&acc, l.v[i]);
            hash_file(full, &acc);
        }
        free(full);
        free(l.v[i]);
    }
    free(l.v);
    td_hash_hex(acc.ptr, acc.len, out);
    td_buf_free(&acc);
}
