/* td.c - errors, allocation wrappers, arena, buffer and the document model.
 *
 * The pieces every stage shares and nothing else: no Unicode knowledge (that
 * is normalize's) beyond keeping JSON output valid UTF-8, no I/O beyond
 * reading one file whole.
 *
 * One file for the one header, td.h, although it passes 600 lines: its
 * six parts are each under 200 lines, every stage uses all of them, and
 * none has a seam of its own worth a file (the buffer and the document
 * model are the two largest, and the model is built on the arena).
 */
#include "td.h"

#include <errno.h>
#include <stdarg.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

/* ---- errors ------------------------------------------------------------ */

void td_err_clear(td_err *e)
{
    if (!e)
        return;
    e->code = TD_OK;
    e->offset = -1;
    e->path[0] = '\0';
    e->msg[0] = '\0';
}

int td_err_set(td_err *e, int code, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
        e->code = code;
    }
    return code;
}

const char *td_strerror(int code)
{
    switch (code) {
    case TD_OK: return "ok";
    case TD_ENOMEM: return "out of memory";
    case TD_EIO: return "input/output error";
    case TD_EFORMAT: return "corrupt or unsupported input";
    case TD_ELIMIT: return "limit exceeded";
    case TD_EENCODING: return "undecodable text";
    case TD_ERULE: return "bad rule";
    case TD_EDB: return "database error";
    case TD_EUSAGE: return "usage error";
    case TD_EEMPTY: return "no text";
    case TD_EFULL: return "no space left";
    }
    return "unknown error";
}

/* ---- allocation -------------------------------------------------------- */

static void oom(size_t n)
{
    fprintf(stderr, "thidua: fatal: out of memory allocating %zu bytes\n", n);
    abort();
}

void *td_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *td_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *td_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *td_xstrndup(const char *s, size_t n)
{
    char *p = td_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *td_xstrdup(const char *s)
{
    return td_xstrndup(s, strlen(s));
}

/* ---- arena ------------------------------------------------------------- */

/* Chunks are chained; a request larger than the default chunk gets a chunk
 * of its own so that big blocks of text do not waste the tail. */
typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    max_align_t data[];   /* aligned storage */
} chunk;

struct td_arena {
    chunk *head;
};

#define ARENA_CHUNK (64 * 1024)

td_arena *td_arena_new(void)
{
    return td_xcalloc(1, sizeof(td_arena));
}

void *td_arena_alloc(td_arena *a, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
        c = td_xmalloc(sizeof(chunk) + size);
        c->used = 0;
        c->size = size;
        if (n > ARENA_CHUNK && a->head) {
            /* keep the current chunk at the head for small allocations */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

char *td_arena_strndup(td_arena *a, const char *s, size_t n)
{
    char *p = td_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *td_arena_strdup(td_arena *a, const char *s)
{
    return td_arena_strndup(a, s, strlen(s));
}

void td_arena_free(td_arena *a)
{
    if (!a)
        return;
    chunk *c = a->head;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

/* ---- buffer ------------------------------------------------------------ */

static void buf_grow(td_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    b->ptr = td_xrealloc(b->ptr, cap);
    b->cap = cap;
}

void td_buf_append(td_buf *b, const char *s, size_t n)
{
    buf_grow(b, n);
    if (n)
        memcpy(b->ptr + b->len, s, n);
    b->len += n;
    b->ptr[b->len] = '\0';
}

void td_buf_puts(td_buf *b, const char *s)
{
    td_buf_append(b, s, strlen(s));
}

size_t td_utf8_next_slow(const char *s, size_t i, size_t n, int32_t *cp)
{
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), cp);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return (size_t)k;
}

size_t td_utf8_encode(unsigned long c, char u[4])
{
    if (c < 0x80) {
        u[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        u[0] = (char)(0xC0 | (c >> 6)), u[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        u[0] = (char)(0xE0 | (c >> 12)), u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    u[0] = (char)(0xF0 | (c >> 18)), u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((c >> 6) & 0x3F)), u[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

void td_buf_putc_slow(td_buf *b, char c)
{
    td_buf_append(b, &c, 1);
}

void td_buf_printf(td_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    buf_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void td_buf_clear(td_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

char *td_buf_detach(td_buf *b)
{
    char *p = b->ptr ? b->ptr : td_xstrdup("");
    b->ptr = NULL;
    b->len = b->cap = 0;
    return p;
}

void td_buf_free(td_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

void td_json_strn(td_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    td_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': td_buf_append(b, "\\\"", 2); break;
        case '\\': td_buf_append(b, "\\\\", 2); break;
        case '\n': td_buf_append(b, "\\n", 2); break;
        case '\r': td_buf_append(b, "\\r", 2); break;
        case '\t': td_buf_append(b, "\\t", 2); break;
        default:
            if (c < 0x20 || c == 0x7F) {
                char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                td_buf_append(b, u, 6);
            } else if (c < 0x80) {
                td_buf_putc(b, (char)c);
            } else {
                /* JSON is UTF-8: a byte that starts no valid sequence (a
                 * file name in a legacy code page) becomes U+FFFD */
                utf8proc_int32_t cp;
                utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                      (utf8proc_ssize_t)(n - i), &cp);
                if (k <= 0) {
                    td_buf_append(b, "\\ufffd", 6);
                } else if (cp <= 0x9F) {
                    /* a C1 control: escaped, so that no raw control
                     * character reaches a terminal that shows the JSON */
                    char u[6] = {'\\', 'u', '0', '0', hex[cp >> 4], hex[cp & 15]};
                    td_buf_append(b, u, 6);
                    i += (size_t)k - 1;
                } else {
                    td_buf_append(b, s + i, (size_t)k);
                    i += (size_t)k - 1;
                }
            }
        }
    }
    td_buf_putc(b, '"');
}

void td_json_str(td_buf *b, const char *s)
{
    if (!s)
        td_buf_append(b, "null", 4);
    else
        td_json_strn(b, s, strlen(s));
}

/* Append byte c as \n, \r, \t or \xNN. */
static void put_escaped_byte(td_buf *b, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
    size_t n = 2;
    if (c == '\n')
        e[1] = 'n';
    else if (c == '\r')
        e[1] = 'r';
    else if (c == '\t')
        e[1] = 't';
    else
        n = 4;
    td_buf_append(b, e, n);
}

void td_buf_put_name(td_buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    td_buf_append(b, "", 0);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = 1;
        int esc = c < 0x20 || c == 0x7F;
        if (c >= 0x80) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                  (utf8proc_ssize_t)(n - i), &cp);
            if (r <= 0)
                esc = 1;    /* not UTF-8: raw C1 bytes are among these */
            else
                k = (size_t)r, esc = cp <= 0x9F;   /* C1 control in UTF-8 */
        }
        if (!esc)
            td_buf_append(b, s + i, k);
        else
            for (size_t j = 0; j < k; j++)
                put_escaped_byte(b, (unsigned char)s[i + j]);
        i += k;
    }
}

/* ---- files ------------------------------------------------------------- */

/* strerror without its shared buffer: ingest reads files on several
 * threads. */
static const char *errstr(int err, char *buf, size_t n)
{
    return strerror_r(err, buf, n);
}

int td_read_file(const char *path, size_t max, char **out, size_t *len,
                 td_err *e)
{
    return td_read_file_stat(path, max, out, len, NULL, e);
}

int td_read_file_stat(const char *path, size_t max, char **out, size_t *len,
                      struct stat *st_out, td_err *e)
{
    char eb[128];
    *out = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO (a named pipe left in a corpus
     * directory) would otherwise wait forever for a writer; reads block
     * again afterwards, and a FIFO without a writer reads as empty */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return td_err_set(e, TD_EIO, "cannot open: %s", errstr(errno, eb, sizeof eb));
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return td_err_set(e, TD_EIO, "is a directory");
    }
    int fl = fcntl(fd, F_GETFL);
    FILE *f = fl == -1 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1 ? NULL : fdopen(fd, "rb");
    if (!f) {
        int err = errno;
        close(fd);
        return td_err_set(e, TD_EIO, "cannot open: %s", errstr(err, eb, sizeof eb));
    }
    if (fstat(fileno(f), &st) != 0)
        memset(&st, 0, sizeof st);
    if (st_out)
        *st_out = st;
    if ((size_t)st.st_size > max) {
        fclose(f);
        return td_err_set(e, TD_ELIMIT,
                          "file is %lld bytes, larger than the limit of %zu",
                          (long long)st.st_size, max);
    }
    td_buf b = TD_BUF_INIT;
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        /* room for the whole file at once: growing by doubling would hold
         * up to twice the file, and copy it on the way */
        b.cap = (size_t)st.st_size + 1;
        b.ptr = td_xmalloc(b.cap);
        b.ptr[0] = '\0';
    }
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (b.len + n > max) {
            td_buf_free(&b);
            fclose(f);
            return td_err_set(e, TD_ELIMIT, "file larger than the limit of %zu bytes", max);
        }
        td_buf_append(&b, tmp, n);
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        td_buf_free(&b);
        return td_err_set(e, TD_EIO, "read error");
    }
    *len = b.len;
    *out = td_buf_detach(&b);
    return TD_OK;
}

void td_hash_hex(const void *data, size_t n, char out[17])
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* ---- document model ---------------------------------------------------- */

const char *td_format_name(td_format f)
{
    switch (f) {
    case TD_FMT_TEXT: return "text";
    case TD_FMT_HTML: return "html";
    case TD_FMT_DOCX: return "docx";
    default: return "unknown";
    }
}

const char *td_block_kind_name(td_block_kind k)
{
    static const char *names[] = {"title", "heading", "paragraph",
                                  "list_item", "table_cell", "note"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "block";
}

static const char *fact_names[TD_FACT__COUNT] = {
    "title", "published", "byline", "province", "bloc", "event",
    "pledge_year", "reviewed_year", "meeting_date", "member_count",
    "members", "leaders", "goals", "officials",
};

const char *td_fact_name(td_fact_kind k)
{
    return (unsigned)k < TD_FACT__COUNT ? fact_names[k] : "unknown";
}

int td_fact_kind_from_name(const char *name)
{
    static const struct { const char *alias; td_fact_kind k; } singular[] = {
        {"member", TD_FACT_MEMBER}, {"leader", TD_FACT_LEADER},
        {"goal", TD_FACT_GOAL}, {"official", TD_FACT_OFFICIAL},
    };
    for (int k = 0; k < TD_FACT__COUNT; k++)
        if (strcmp(name, fact_names[k]) == 0)
            return k;
    for (size_t i = 0; i < sizeof singular / sizeof singular[0]; i++)
        if (strcmp(name, singular[i].alias) == 0)
            return (int)singular[i].k;
    return -1;
}

td_doc *td_doc_new(const char *path)
{
    td_doc *d = td_xcalloc(1, sizeof *d);
    d->arena = td_arena_new();
    d->path = td_arena_strdup(d->arena, path ? path : "");
    d->encoding = "utf-8";
    return d;
}

void td_doc_free(td_doc *d)
{
    if (!d)
        return;
    free(d->blocks);
    free(d->facts);
    td_arena_free(d->arena);
    free(d);
}

static int is_space_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

td_block *td_doc_add_block(td_doc *d, td_block_kind kind, int level,
                           const char *text, size_t len,
                           long src_start, long src_end)
{
    /* trim ASCII whitespace and U+00A0 (C2 A0) at both ends */
    for (;;) {
        if (len && is_space_byte((unsigned char)*text)) {
            text++, len--;
        } else if (len >= 2 && (unsigned char)text[0] == 0xC2 &&
                   (unsigned char)text[1] == 0xA0) {
            text += 2, len -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (len && is_space_byte((unsigned char)text[len - 1])) {
            len--;
        } else if (len >= 2 && (unsigned char)text[len - 2] == 0xC2 &&
                   (unsigned char)text[len - 1] == 0xA0) {
            len -= 2;
        } else {
            break;
        }
    }
    if (len == 0)
        return NULL;
    if (d->nblocks == d->cap_blocks) {
        d->cap_blocks = d->cap_blocks ? d->cap_blocks * 2 : 32;
        d->blocks = td_xrealloc(d->blocks, d->cap_blocks * sizeof *d->blocks);
    }
    td_block *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->level = level;
    b->text = td_arena_strndup(d->arena, text, len);
    b->len = len;
    b->src_start = src_start;
    b->src_end = src_end;
    b->row = b->col = -1;
    return b;
}

const char *td_doc_strdup(td_doc *d, const char *s)
{
    return s ? td_arena_strdup(d->arena, s) : NULL;
}

td_fact *td_doc_add_fact(td_doc *d, const td_fact *f)
{
    if (d->nfacts == d->cap_facts) {
        d->cap_facts = d->cap_facts ? d->cap_facts * 2 : 32;
        d->facts = td_xrealloc(d->facts, d->cap_facts * sizeof *d->facts);
    }
    td_fact *n = &d->facts[d->nfacts++];
    *n = *f;
    n->value = td_doc_strdup(d, f->value);
    n->extra = td_doc_strdup(d, f->extra);
    n->rule = td_doc_strdup(d, f->rule);
    return n;
}

long td_doc_block_at(const td_doc *d, size_t off)
{
    size_t lo = 0, hi = d->nblocks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const td_block *b = &d->blocks[mid];
        if (off < b->off)
            hi = mid;
        else if (off > b->off + b->len)
            lo = mid + 1;
        else
            return (long)mid;
    }
    return -1;
}

int td_url_host(const char *url, char *out, size_t cap)
{
    if (!cap)
        return 0;
    out[0] = '\0';
    if (!url)
        return 0;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    const char *at = NULL;
    for (const char *q = p; *q && *q != '/' && *q != '?' && *q != '#'; q++)
        if (*q == '@')
            at = q;
    if (at)
        p = at + 1;
    size_t n = 0;
    for (; *p && *p != '/' && *p != '?' && *p != '#' && *p != ':' && n + 1 < cap; p++)
        out[n++] = (char)tolower((unsigned char)*p);
    out[n] = '\0';
    if (strncmp(out, "www.", 4) == 0)
        memmove(out, out + 4, n - 3);
    return out[0] != '\0';
}
