/* docx.c - DOCX reader: the package side.
 *
 * Opens the zip from memory with libzip, reads entries under the size,
 * ratio and total limits (checked from the header and again while
 * inflating, so a zip bomb is refused early in bounded memory), follows the
 * relationships to the main document part and its styles, theme, font
 * table and notes, and reads title, author and dates from docProps/core.xml.
 * The story parts themselves are walked by docx_body.c.
 */
#include "extract/docx_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "normalize/normalize.h"

#define CHUNK (64u << 10)
#define RATIO_MIN_SIZE (1u << 20)   /* smaller entries cannot be bombs */

/* "64 MiB" for whole MiB, else bytes. */
static const char *fmt_size(size_t n, char *buf, size_t cap)
{
    if (n >= (1u << 20) && n % (1u << 20) == 0)
        snprintf(buf, cap, "%zu MiB", n >> 20);
    else
        snprintf(buf, cap, "%zu bytes", n);
    return buf;
}

static int bomb(const docx_pkg *p, const char *name, size_t got,
                zip_uint64_t comp, int comp_known, td_err *e)
{
    const extract_opts *o = p->o;
    char sz[32];
    if (got > o->max_entry)
        return td_err_set(e, TD_ELIMIT,
                          "zip entry '%s' expands beyond %s: refused as a possible zip bomb",
                          name, fmt_size(o->max_entry, sz, sizeof sz));
    if (p->total + got > o->max_total)
        return td_err_set(e, TD_ELIMIT,
                          "zip entries expand beyond %s in total: refused as a possible zip bomb",
                          fmt_size(o->max_total, sz, sizeof sz));
    if (comp_known && got > RATIO_MIN_SIZE &&
        (double)got > o->max_ratio * (double)(comp ? comp : 1))
        return td_err_set(e, TD_ELIMIT,
                          "zip entry '%s' is compressed more than %.0f:1: refused as a possible zip bomb",
                          name, o->max_ratio);
    return TD_OK;
}

int extract_docx_read_part(docx_pkg *p, const char *name, char **out, size_t *len,
                   td_err *e)
{
    *out = NULL;
    *len = 0;
    zip_int64_t idx = zip_name_locate(p->zip, name, ZIP_FL_NOCASE);
    if (idx < 0)
        return TD_OK;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(p->zip, (zip_uint64_t)idx, 0, &st) != 0)
        return td_err_set(e, TD_EFORMAT, "corrupt zip archive (libzip: %s)",
                          zip_strerror(p->zip));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return td_err_set(e, TD_EFORMAT, "zip entry '%s' is encrypted", name);
    int comp_known = (st.valid & ZIP_STAT_COMP_SIZE) != 0;
    int size_known = (st.valid & ZIP_STAT_SIZE) != 0;
    if (size_known) {
        size_t declared = st.size > (zip_uint64_t)SIZE_MAX / 2 ? SIZE_MAX / 2 : (size_t)st.size;
        int rc = bomb(p, name, declared, st.comp_size, comp_known, e);
        if (rc != TD_OK)
            return rc;
    }
    zip_file_t *zf = zip_fopen_index(p->zip, (zip_uint64_t)idx, 0);
    if (!zf)
        return td_err_set(e, TD_EFORMAT, "cannot read zip entry '%s' (libzip: %s)",
                          name, zip_strerror(p->zip));
    /* the header is only a claim: never hold more than it declared, nor
     * more than the limits, whatever the inflater produces */
    size_t cap = size_known ? (size_t)st.size + 1 : CHUNK;
    char *buf = td_xmalloc(cap);
    size_t n = 0;
    int rc = TD_OK;
    for (;;) {
        if (n + 1 >= cap) {
            if (size_known) {
                /* one byte beyond the declared size: the header lied */
                char probe;
                zip_int64_t k = zip_fread(zf, &probe, 1);
                if (k > 0)
                    rc = td_err_set(e, TD_EFORMAT,
                                    "zip entry '%s' holds more data than its header declares",
                                    name);
                else if (k < 0)
                    rc = td_err_set(e, TD_EFORMAT, "corrupt zip entry '%s' (libzip: %s)",
                                    name, zip_file_strerror(zf));
                break;
            }
            cap *= 2;
            buf = td_xrealloc(buf, cap);
        }
        size_t want = cap - 1 - n;
        if (want > CHUNK)
            want = CHUNK;
        zip_int64_t k = zip_fread(zf, buf + n, want);
        if (k < 0) {
            rc = td_err_set(e, TD_EFORMAT, "corrupt zip entry '%s' (libzip: %s)",
                            name, zip_file_strerror(zf));
            break;
        }
        if (k == 0)
            break;
        n += (size_t)k;
        rc = bomb(p, name, n, st.comp_size, comp_known, e);
        if (rc != TD_OK)
            break;
    }
    zip_fclose(zf);
    if (rc != TD_OK) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    p->total += n;
    *out = buf;
    *len = n;
    return TD_OK;
}

/* An auxiliary part (relationships, styles, theme, font table, numbering,
 * properties) only refines the text: a corrupt one is skipped like a
 * missing one, as Word's repair would do.  Limits still refuse the file. */
static int read_aux(docx_pkg *p, const char *name, char **out, size_t *len,
                    td_err *e)
{
    int rc = extract_docx_read_part(p, name, out, len, e);
    if (rc == TD_EFORMAT) {
        td_err_clear(e);
        rc = TD_OK;
    }
    return rc;
}

/* ---- relationships ----------------------------------------------------- */

/* strlcpy: copy what fits, always NUL-terminate. */
static void copy(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

typedef struct rel {
    char type[64];       /* last segment of the relationship type URI */
    char target[512];    /* resolved part name, no leading '/' */
} rel;

typedef struct rels {
    rel *v;
    size_t n, cap;
} rels;

/* Resolve target against the directory of the source part (dir ends in
 * '/' or is ""), handling absolute targets, "." and "..". */
static void resolve(const char *dir, const char *target, char *out, size_t cap)
{
    char tmp[1024];
    if (target[0] == '/')
        snprintf(tmp, sizeof tmp, "%s", target + 1);
    else
        snprintf(tmp, sizeof tmp, "%s%s", dir, target);
    size_t o = 0;
    out[0] = '\0';
    for (char *seg = tmp, *next; seg; seg = next) {
        next = strchr(seg, '/');
        if (next)
            *next++ = '\0';
        if (!seg[0] || strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
            out[o] = '\0';
            continue;
        }
        int k = snprintf(out + o, cap - o, "%s%s", o ? "/" : "", seg);
        if (k < 0 || (size_t)k >= cap - o)
            break;
        o += (size_t)k;
    }
}

static void dir_of(const char *part, char *out, size_t cap)
{
    const char *slash = strrchr(part, '/');
    size_t n = slash ? (size_t)(slash - part) + 1 : 0;
    if (n >= cap)
        n = 0;
    memcpy(out, part, n);
    out[n] = '\0';
}

static int load_rels(docx_pkg *p, const char *relpart, const char *dir,
                     rels *out, td_err *e)
{
    char *data;
    size_t len;
    int rc = read_aux(p, relpart, &data, &len, e);
    if (rc != TD_OK || !data)
        return rc;
    docx_xml x;
    td_err ignore;
    if (extract_docx_xml_open(&x, data, len, relpart, p->o->max_depth, &ignore) == TD_OK) {
        char type[512], target[512], mode[32];
        /* a malformed .rels only costs the defaults below */
        while (extract_docx_xml_next(&x, &ignore) == 1) {
            if (xmlTextReaderNodeType(x.r) != XML_READER_TYPE_ELEMENT ||
                extract_docx_xml_ns(&x) != DOCX_NS_PKGREL ||
                strcmp((const char *)xmlTextReaderConstLocalName(x.r), "Relationship") != 0)
                continue;
            extract_docx_xml_attr_any(&x, "TargetMode", mode, sizeof mode);
            if (strcasecmp(mode, "External") == 0 ||
                !extract_docx_xml_attr_any(&x, "Type", type, sizeof type) ||
                !extract_docx_xml_attr_any(&x, "Target", target, sizeof target))
                continue;
            if (out->n == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 16;
                out->v = td_xrealloc(out->v, out->cap * sizeof *out->v);
            }
            rel *r = &out->v[out->n++];
            const char *last = strrchr(type, '/');
            copy(r->type, sizeof r->type, last ? last + 1 : type);
            resolve(dir, target, r->target, sizeof r->target);
        }
        extract_docx_xml_close(&x);
    }
    free(data);
    return TD_OK;
}

/* The target of the first relationship of this type, else def. */
static const char *rel_find(const rels *r, const char *type, const char *def)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].type, type) == 0)
            return r->v[i].target;
    return def;
}

/* ---- document properties ---------------------------------------------- */

static int iso_date_ok(const char *s)
{
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return 0;
        } else if (!isdigit((unsigned char)s[i])) {
            return 0;
        }
    }
    /* Word writes 1601 and 1899 for "never"; those are not dates */
    return atoi(s) >= 1900;
}

static void trim(char *s)
{
    size_t n = strlen(s), i = 0;
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    while (isspace((unsigned char)s[i]))
        i++;
    memmove(s, s + i, n - i + 1);
}

/* Properties into d; the title goes to *title (malloc'd, or NULL) since
 * the text decides whether it is used. */
static void read_core(td_doc *d, const char *data, size_t len,
                      const extract_opts *o, char **title)
{
    docx_xml x;
    td_err ignore;
    if (extract_docx_xml_open(&x, data, len, "docProps/core.xml", o->max_depth, &ignore) != TD_OK)
        return;
    enum { F_NONE = -1, F_TITLE, F_CREATOR, F_CREATED, F_MODIFIED, F_N };
    td_buf val[F_N] = {TD_BUF_INIT, TD_BUF_INIT, TD_BUF_INIT, TD_BUF_INIT};
    int cur = F_NONE, cur_depth = -1;
    while (extract_docx_xml_next(&x, &ignore) == 1) {
        int type = xmlTextReaderNodeType(x.r);
        if (type == XML_READER_TYPE_ELEMENT && cur == F_NONE &&
            !xmlTextReaderIsEmptyElement(x.r)) {
            docx_ns ns = extract_docx_xml_ns(&x);
            const char *ln = (const char *)xmlTextReaderConstLocalName(x.r);
            if (ns == DOCX_NS_DC && strcmp(ln, "title") == 0)
                cur = F_TITLE;
            else if (ns == DOCX_NS_DC && strcmp(ln, "creator") == 0)
                cur = F_CREATOR;
            else if (ns == DOCX_NS_DCTERMS && strcmp(ln, "created") == 0)
                cur = F_CREATED;
            else if (ns == DOCX_NS_DCTERMS && strcmp(ln, "modified") == 0)
                cur = F_MODIFIED;
            if (cur != F_NONE) {
                cur_depth = xmlTextReaderDepth(x.r);
                td_buf_clear(&val[cur]);
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT && cur != F_NONE &&
                   xmlTextReaderDepth(x.r) == cur_depth) {
            cur = F_NONE;
        } else if (cur != F_NONE && (type == XML_READER_TYPE_TEXT ||
                                     type == XML_READER_TYPE_CDATA ||
                                     type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
            const char *v = (const char *)xmlTextReaderConstValue(x.r);
            if (v && val[cur].len < 4096)
                td_buf_puts(&val[cur], v);
        }
    }
    extract_docx_xml_close(&x);
    for (int i = 0; i < F_N; i++) {
        if (!val[i].ptr)
            continue;
        for (char *c = val[i].ptr; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
        trim(val[i].ptr);
    }
    if (val[F_TITLE].ptr && val[F_TITLE].ptr[0])
        *title = td_xstrndup(val[F_TITLE].ptr, strlen(val[F_TITLE].ptr));
    if (val[F_CREATOR].ptr && val[F_CREATOR].ptr[0])
        d->author = td_doc_strdup(d, val[F_CREATOR].ptr);
    if (val[F_CREATED].ptr && strlen(val[F_CREATED].ptr) >= 10 &&
        iso_date_ok(val[F_CREATED].ptr))
        d->published = td_arena_strndup(d->arena, val[F_CREATED].ptr, 10);
    if (val[F_MODIFIED].ptr && strlen(val[F_MODIFIED].ptr) >= 10 &&
        iso_date_ok(val[F_MODIFIED].ptr))
        d->modified = td_doc_strdup(d, val[F_MODIFIED].ptr);
    for (int i = 0; i < F_N; i++)
        td_buf_free(&val[i]);
}

/* A font attribute value that starts like a legacy font name (".Vn...",
 * "VNI-..."): the per-run font work is then needed even when the font
 * table does not list it. */
static int mentions_legacy_font(const char *s, size_t n)
{
    for (size_t i = 1; i + 4 < n; i++) {
        if (s[i - 1] != '"' && s[i - 1] != '\'')
            continue;
        if ((s[i] == '.' && (s[i + 1] | 32) == 'v' && (s[i + 2] | 32) == 'n') ||
            ((s[i] | 32) == 'v' && (s[i + 1] | 32) == 'n' && (s[i + 2] | 32) == 'i' &&
             s[i + 3] == '-'))
            return 1;
    }
    return 0;
}

/* ---- the reader -------------------------------------------------------- */

static int read_notes(docx_pkg *p, td_doc *d, docx_story story, const char *part,
                      const docx_styles *st, docx_numbering *nb, docx_refs *foot,
                      docx_refs *end, int *legacy, td_err *e)
{
    char *data;
    size_t len;
    int rc = extract_docx_read_part(p, part, &data, &len, e);
    if (rc != TD_OK || !data)
        return rc;
    rc = extract_docx_walk(d, story, part, data, len, st, nb, p->o, foot, end, legacy, e);
    free(data);
    return rc;
}

int extract_docx(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        int rc = td_err_set(e, TD_EFORMAT, "corrupt zip archive (libzip: %s)",
                            zip_error_strerror(&ze));
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);

    docx_pkg pkg = {za, o, 0};
    rels pr = {0}, dr = {0};
    docx_styles st;
    docx_refs foot = {0}, end = {0};
    docx_numbering nb;
    char *main_xml = NULL, *aux[3] = {NULL, NULL, NULL};
    size_t main_len = 0, aux_len[3] = {0, 0, 0};
    char main_part[512], core_part[512], dir[512], relpart[1100];
    char styles_part[512], theme_part[512], fonts_part[512], foot_part[512], end_part[512];
    char num_part[512];
    int legacy = 0;
    memset(&st, 0, sizeof st);
    memset(&nb, 0, sizeof nb);

    int rc = load_rels(&pkg, "_rels/.rels", "", &pr, e);
    if (rc != TD_OK)
        goto done;
    copy(main_part, sizeof main_part, rel_find(&pr, "officeDocument", "word/document.xml"));
    copy(core_part, sizeof core_part, rel_find(&pr, "core-properties", "docProps/core.xml"));
    if (zip_name_locate(za, main_part, ZIP_FL_NOCASE) < 0)
        snprintf(main_part, sizeof main_part, "word/document.xml");
    rc = extract_docx_read_part(&pkg, main_part, &main_xml, &main_len, e);
    if (rc != TD_OK)
        goto done;
    if (!main_xml) {
        rc = td_err_set(e, TD_EFORMAT, "zip archive without word/document.xml: not a DOCX file");
        goto done;
    }

    dir_of(main_part, dir, sizeof dir);
    snprintf(relpart, sizeof relpart, "%s_rels/%s.rels", dir, main_part + strlen(dir));
    rc = load_rels(&pkg, relpart, dir, &dr, e);
    if (rc != TD_OK)
        goto done;
    char def[600];
#define PART(var, type, file)                                              \
    snprintf(def, sizeof def, "%s%s", dir, file);                          \
    copy(var, sizeof var, rel_find(&dr, type, def))
    PART(styles_part, "styles", "styles.xml");
    PART(theme_part, "theme", "theme/theme1.xml");
    PART(fonts_part, "fontTable", "fontTable.xml");
    PART(foot_part, "footnotes", "footnotes.xml");
    PART(end_part, "endnotes", "endnotes.xml");
    PART(num_part, "numbering", "numbering.xml");
#undef PART

    const char *auxname[3] = {theme_part, fonts_part, styles_part};
    for (int i = 0; i < 3; i++) {
        rc = read_aux(&pkg, auxname[i], &aux[i], &aux_len[i], e);
        if (rc != TD_OK)
            goto done;
    }
    extract_docx_styles_load(&st, aux[0], aux_len[0], aux[1], aux_len[1], aux[2], aux_len[2], o);
    if (!st.legacy && mentions_legacy_font(main_xml, main_len))
        st.legacy = 1;
    char *num_xml;
    size_t num_len;
    rc = read_aux(&pkg, num_part, &num_xml, &num_len, e);
    if (rc != TD_OK)
        goto done;
    extract_docx_numbering_load(&nb, num_xml, num_len, o);
    free(num_xml);

    rc = extract_docx_walk(d, DOCX_STORY_BODY, main_part, main_xml, main_len, &st, &nb, o,
                   &foot, &end, &legacy, e);
    free(main_xml);
    main_xml = NULL;
    if (rc != TD_OK)
        goto done;
    if (foot.n) {
        rc = read_notes(&pkg, d, DOCX_STORY_FOOTNOTES, foot_part, &st, &nb, &foot, &end,
                        &legacy, e);
        if (rc != TD_OK)
            goto done;
    }
    if (end.n) {
        rc = read_notes(&pkg, d, DOCX_STORY_ENDNOTES, end_part, &st, &nb, &foot, &end,
                        &legacy, e);
        if (rc != TD_OK)
            goto done;
    }

    char *core;
    size_t core_len;
    rc = read_aux(&pkg, core_part, &core, &core_len, e);
    if (rc != TD_OK)
        goto done;
    char *core_title = NULL;
    if (core) {
        read_core(d, core, core_len, o, &core_title);
        free(core);
    }
    extract_docx_choose_title(d, core_title);
    free(core_title);
    d->encoding = legacy ? norm_encoding_name((norm_encoding)legacy) : "utf-8";

done:
    free(main_xml);
    for (int i = 0; i < 3; i++)
        free(aux[i]);
    free(pr.v);
    free(dr.v);
    extract_docx_refs_free(&foot);
    extract_docx_refs_free(&end);
    extract_docx_styles_free(&st);
    extract_docx_numbering_free(&nb);
    zip_discard(za);
    return rc;
}
