/* pipeline.c - one file through extract, normalize and rules; file lists
 * (directory walks that take each file once and stay inside the tree). */
#include "cli/pipeline.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "normalize/normalize.h"

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

int pipeline_run(const char *path, const char *data, size_t len,
                 const char *source_url, const rules_set *rs, td_doc **out,
                 size_t *bad_bytes, td_err *e)
{
    *out = NULL;
    td_doc *d = NULL;
    int rc = extract_buffer(path, data, len, NULL, &d, e);
    if (bad_bytes)
        *bad_bytes = rc == TD_OK ? d->bad_bytes : 0;
    if (rc == TD_OK && source_url && *source_url) {
        d->source_url = td_doc_strdup(d, source_url);
        d->source_given = 1;
    }
    if (rc == TD_OK)   /* the folded shadow is for the rules only */
        rc = rs ? norm_doc(d, e) : norm_doc_text(d, e);
    if (rc == TD_OK && rs)
        rc = rules_apply(rs, d, e);
    if (rc != TD_OK) {
        td_doc_free(d);
        return rc;
    }
    *out = d;
    return TD_OK;
}

void pipeline_warn_bad_bytes(const char *path, size_t n)
{
    if (n)
        cli_warn("'%s': %zu byte%s not valid UTF-8 replaced by U+FFFD", path, n,
                 n == 1 ? "" : "s");
}

int pipeline_read_list(FILE *f, char ***paths, size_t *npaths, td_err *e)
{
    *paths = NULL;
    *npaths = 0;
    td_buf b = TD_BUF_INIT;
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        td_buf_append(&b, tmp, n);
    if (ferror(f)) {
        td_buf_free(&b);
        return td_err_set(e, TD_EIO, "cannot read the list of files: read error");
    }
    /* NUL-separated (find -print0) when there is a NUL, else lines */
    char sep = b.len && memchr(b.ptr, '\0', b.len) ? '\0' : '\n';
    list l = {0};
    for (size_t i = 0; i < b.len;) {
        const char *p = b.ptr + i;
        const char *end = memchr(p, sep, b.len - i);
        size_t k = end ? (size_t)(end - p) : b.len - i;
        i += k + 1;
        if (sep == '\n' && k && p[k - 1] == '\r')
            k--;
        if (k)
            list_push(&l, td_xstrndup(p, k));
    }
    td_buf_free(&b);
    *paths = l.v;
    *npaths = l.n;
    return TD_OK;
}

int pipeline_rule_error_get(const td_doc *d, td_err *e)
{
    if (!d || !d->rule_error)
        return 0;
    if (d->rule_errors > 1)
        td_err_set(e, TD_ERULE, "%s (and %d more failed matches); facts may be incomplete",
                   d->rule_error, d->rule_errors - 1);
    else
        td_err_set(e, TD_ERULE, "%s; facts may be incomplete", d->rule_error);
    return 1;
}

int pipeline_rule_error(const td_doc *d)
{
    td_err e;
    td_err_clear(&e);
    if (!pipeline_rule_error_get(d, &e))
        return 0;
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

/* ---- walking directories ------------------------------------------------
 *
 * Each file and directory is taken once, by device and inode, whatever the
 * number of paths that lead to it (symbolic links, hard links, a tree named
 * twice): so a link loop ends, and nothing is read twice.  Symbolic links
 * met inside a tree are followed after the tree's own entries (a file is
 * listed under its own path rather than a link's), and only when they lead
 * to a place inside the tree, unless --follow-symlinks is given.  Every
 * entry skipped for these reasons gets one warning line naming it. */

#define WALK_MAX_DEPTH 32

typedef struct seen_ent {
    dev_t dev;
    ino_t ino;
    char *path;       /* the path it was taken under; NULL = free slot */
} seen_ent;

typedef struct pending_link {
    char *path;
    int depth;        /* of the directory holding the link */
} pending_link;

typedef struct walker {
    list *out;               /* files taken */
    int follow;              /* --follow-symlinks */
    int *missing;            /* errors counted for the caller */
    seen_ent *seen;          /* open addressing; cap is a power of two */
    size_t nseen, cap;
    pending_link *links;     /* links met in the current tree, in order */
    size_t nlinks, caplinks;
} walker;

static size_t seen_slot(const walker *w, dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)dev * 0x9E3779B97F4A7C15u) ^ (uint64_t)ino;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 32;
    size_t i = (size_t)h & (w->cap - 1);
    while (w->seen[i].path && !(w->seen[i].dev == dev && w->seen[i].ino == ino))
        i = (i + 1) & (w->cap - 1);
    return i;
}

/* Record st's file under path; returns NULL, or the path it was already
 * recorded under (nothing is recorded then). */
static const char *seen_add(walker *w, const struct stat *st, const char *path)
{
    if ((w->nseen + 1) * 2 > w->cap) {
        seen_ent *old = w->seen;
        size_t oldcap = w->cap;
        w->cap = oldcap ? oldcap * 2 : 256;
        w->seen = td_xcalloc(w->cap, sizeof *w->seen);
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].path)
                w->seen[seen_slot(w, old[i].dev, old[i].ino)] = old[i];
        free(old);
    }
    size_t i = seen_slot(w, st->st_dev, st->st_ino);
    if (w->seen[i].path)
        return w->seen[i].path;
    w->seen[i].dev = st->st_dev;
    w->seen[i].ino = st->st_ino;
    w->seen[i].path = td_xstrdup(path);
    w->nseen++;
    return NULL;
}

/* Take the file at path (ownership passes to the list, or it is freed). */
static void take_file(walker *w, char *path, const struct stat *st)
{
    const char *prev = seen_add(w, st, path);
    if (prev) {
        cli_warn("'%s': skipped: same file as '%s'", path, prev);
        free(path);
        return;
    }
    list_push(w->out, path);
}

/* 1 when the directory at path has not been walked yet (it is then marked
 * walked); else 0, with a warning. */
static int take_dir(walker *w, const char *path, const struct stat *st)
{
    const char *prev = seen_add(w, st, path);
    if (prev)
        cli_warn("'%s': skipped: same directory as '%s'", path, prev);
    return prev == NULL;
}

static void walk_dir(walker *w, const char *path, int depth)
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
        char *full = names.v[i];
        if (lstat(full, &st) != 0) {
            free(full);    /* gone since readdir */
        } else if (S_ISLNK(st.st_mode)) {
            if (w->nlinks == w->caplinks) {
                w->caplinks = w->caplinks ? 2 * w->caplinks : 16;
                w->links = td_xrealloc(w->links, w->caplinks * sizeof *w->links);
            }
            w->links[w->nlinks].path = full;
            w->links[w->nlinks].depth = depth;
            w->nlinks++;
        } else if (S_ISDIR(st.st_mode)) {
            if (take_dir(w, full, &st) && depth < WALK_MAX_DEPTH)
                walk_dir(w, full, depth + 1);
            free(full);
        } else if (is_document_name(full)) {
            take_file(w, full, &st);
        } else {
            free(full);
        }
    }
    free(names.v);
}

/* 1 when path resolves to root_real or to a place below it. */
static int inside(const char *root_real, const char *path)
{
    if (!root_real)
        return 0;
    char *r = realpath(path, NULL);
    if (!r)
        return 0;
    size_t n = strlen(root_real);
    int in = n == 1 || (strncmp(r, root_real, n) == 0 && (r[n] == '\0' || r[n] == '/'));
    free(r);
    return in;
}

/* Follow the links met while walking the tree root (more are met on the
 * way: the list grows as it is read). */
static void follow_links(walker *w, const char *root)
{
    char *root_real = realpath(root, NULL);
    for (size_t i = 0; i < w->nlinks; i++) {
        char *path = w->links[i].path;
        int depth = w->links[i].depth;
        struct stat st;
        if (stat(path, &st) != 0) {
            if (is_document_name(path)) {
                cli_error("'%s': cannot follow symbolic link: %s", path, strerror(errno));
                (*w->missing)++;
            }
            free(path);
            continue;
        }
        int is_dir = S_ISDIR(st.st_mode);
        if (!is_dir && !is_document_name(path)) {
            free(path);
        } else if (!w->follow && !inside(root_real, path)) {
            cli_warn("'%s': skipped: symbolic link out of '%s' (--follow-symlinks follows it)",
                     path, root);
            free(path);
        } else if (is_dir) {
            if (take_dir(w, path, &st) && depth < WALK_MAX_DEPTH)
                walk_dir(w, path, depth + 1);
            free(path);
        } else {
            take_file(w, path, &st);
        }
    }
    w->nlinks = 0;
    free(root_real);
}

void pipeline_list(char **paths, int npaths, int follow_symlinks,
                   char ***files, size_t *nfiles, int *missing)
{
    list l = {0};
    *missing = 0;
    walker w = {.out = &l, .follow = follow_symlinks, .missing = missing};
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            cli_error("'%s': %s", paths[i], strerror(errno));
            (*missing)++;
        } else if (S_ISDIR(st.st_mode)) {
            size_t before = l.n;
            if (!take_dir(&w, paths[i], &st))
                continue;
            walk_dir(&w, paths[i], 0);
            follow_links(&w, paths[i]);
            if (l.n == before)
                cli_warn("'%s': no .txt, .htm, .html or .docx files found", paths[i]);
        } else {
            /* named: always taken, but a walk does not take it again */
            seen_add(&w, &st, paths[i]);
            list_push(&l, td_xstrdup(paths[i]));
        }
    }
    for (size_t i = 0; i < w.cap; i++)
        free(w.seen[i].path);
    free(w.seen);
    free(w.links);
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
