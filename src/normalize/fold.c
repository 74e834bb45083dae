/* fold.c - NFC and folding for matching, with an offset map back.
 *
 * Folding is what rules and the search tokenizer match on: the same
 * Vietnamese words written with or without diacritics, with old or new tone
 * placement, decomposed or composed, in any case, give the same bytes.  The
 * offset map lets a match in the folded text be reported in the original
 * spelling.  Tone placement (tone.c) and legacy decoding live elsewhere.
 */
#include "normalize/normalize.h"
#include "normalize/norm_int.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static void put_cp(td_buf *out, int32_t cp)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
    td_buf_append(out, (const char *)tmp, (size_t)k);
}

void norm_nfc(const char *s, size_t n, td_buf *out)
{
    /* check first: most text needs no cleaning, and text made only of
     * code points that are NFC on their own and never combine (ASCII,
     * Latin up to U+02FF, the precomposed Vietnamese letters, common
     * punctuation) is NFC already */
    int settled = 1, clean = 1;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            clean &= s[i] != '\0';
            i++;
            continue;
        }
        int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                (utf8proc_ssize_t)(n - i), &cp);
        if (len <= 0) {
            clean = 0;
            break;
        }
        settled &= cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) ||
                   (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
                   (cp >= 0x20A0 && cp <= 0x20BF);
        i += (size_t)len;
    }
    if (clean && settled) {
        td_buf_append(out, s, n);
        return;
    }
    /* utf8proc rejects invalid UTF-8 as a whole, so copy it clean first */
    td_buf copy = TD_BUF_INIT;
    if (!clean) {
        for (size_t i = 0; i < n;) {
            int32_t cp;
            size_t k = td_utf8_next(s, i, n, &cp);
            if (cp != 0)
                put_cp(&copy, cp);
            i += k;
        }
        s = copy.ptr ? copy.ptr : "";
        n = copy.len;
    }
    if (n == 0) {
        td_buf_append(out, "", 0);
        td_buf_free(&copy);
        return;
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s,
                                        (utf8proc_ssize_t)n, &dst,
                                        UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (len >= 0)
        td_buf_append(out, (const char *)dst, (size_t)len);
    else
        td_buf_append(out, s, n);
    free(dst);
    td_buf_free(&copy);
}

/* Space-like code points that fold to white space. */
static int is_space_cp(int32_t cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
        cp == '\v' || cp == 0xA0 || cp == 0x1680 || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000 || cp == 0x2028 || cp == 0x2029)
        return 1;
    return cp >= 0x2000 && cp <= 0x200A;
}

/* Code points dropped entirely: soft hyphen, zero-width, BOM, controls. */
static int is_ignorable_cp(int32_t cp)
{
    return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
           cp == 0xFEFF || (cp < 0x20 && cp != '\t' && cp != '\n' &&
                            cp != '\r' && cp != '\f' && cp != '\v');
}

/* Punctuation unified for matching; 0 when cp is not one of them. */
static int32_t unify_punct(int32_t cp)
{
    switch (cp) {
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
    case 0x0060: case 0x00B4:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
    case 0x00BB: case 0x2033:
        return '"';
    }
    return 0;
}

/* The folded base letter of cp (lowercase, no marks), or -1 to drop it. */
static int32_t fold_cp_uncached(int32_t cp)
{
    if (cp == 0x0110 || cp == 0x0111 || cp == 0x00D0 || cp == 0x0189)
        return 'd';
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->category == UTF8PROC_CATEGORY_MN ||
        p->category == UTF8PROC_CATEGORY_ME)
        return -1;
    utf8proc_int32_t dec[8];
    int last = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE,
                                                 &last);
    int32_t base = (k >= 1) ? dec[0] : cp;
    return utf8proc_tolower(base);
}

/* fold_cp_uncached with a table for the code points below U+2000 (all the
 * Latin letters, the Vietnamese ones included): entry + 2, 0 when not yet
 * known.  Relaxed atomics: threads that race store the same value. */
static int32_t fold_cp(int32_t cp)
{
    static _Atomic int32_t known[0x2000];
    if (cp < 0x80)
        return fold_cp_uncached(cp);
    if (cp >= 0x2000)
        return fold_cp_uncached(cp);
    int32_t v = atomic_load_explicit(&known[cp], memory_order_relaxed);
    if (v == 0) {
        v = fold_cp_uncached(cp) + 2;
        atomic_store_explicit(&known[cp], v, memory_order_relaxed);
    }
    return v - 2;
}

/* The folding loop.  keep_marks leaves letters as they are (the caller has
 * already put them in NFC and lowercase) and unifies only punctuation and
 * white space: that is norm_unify, the last step of a matching key. */
static void fold_impl(const char *s, size_t n, td_buf *out, uint32_t **map,
                      int keep_marks)
{
    size_t start_len = out->len;
    uint32_t *m = NULL;
    size_t mcap = 0;
    if (map) {
        mcap = n + 16;
        m = td_xmalloc(mcap * sizeof *m);
    }
#define MAP_TO(off)                                                        \
    do {                                                                   \
        if (m) {                                                           \
            while (out->len - start_len + 1 > mcap) {                      \
                mcap *= 2;                                                 \
                m = td_xrealloc(m, mcap * sizeof *m);                      \
            }                                                              \
            for (size_t j = mapped; j < out->len - start_len; j++)         \
                m[j] = (uint32_t)(off);                                    \
            mapped = out->len - start_len;                                 \
        }                                                                  \
    } while (0)
    size_t mapped = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (b > ' ' && b < 0x7F && b != '`') {   /* printable ASCII */
            td_buf_putc(out, (char)(!keep_marks && b >= 'A' && b <= 'Z' ? b + 32 : b));
            MAP_TO(i);
            i++;
            continue;
        }
        int32_t cp;
        size_t k = td_utf8_next(s, i, n, &cp);
        if (is_space_cp(cp)) {
            size_t run = i, newlines = 0;
            while (i < n) {
                size_t k2 = td_utf8_next(s, i, n, &cp);
                if (!is_space_cp(cp) && !is_ignorable_cp(cp))
                    break;
                if (cp == '\n' || cp == 0x2029)
                    newlines++;
                i += k2;
            }
            td_buf_putc(out, newlines >= 2 ? '\n' : ' ');
            MAP_TO(run);
            continue;
        }
        if (is_ignorable_cp(cp)) {
            i += k;
            continue;
        }
        int32_t f = unify_punct(cp);
        if (!f)
            f = keep_marks ? cp : fold_cp(cp);
        if (f >= 0) {
            put_cp(out, f);
            MAP_TO(i);
        }
        i += k;
    }
    if (m) {
        MAP_TO(n);
        if (mapped >= mcap)
            m = td_xrealloc(m, (mapped + 1) * sizeof *m);
        m[mapped] = (uint32_t)n;
        *map = m;
    }
    if (!out->ptr)
        td_buf_append(out, "", 0);
#undef MAP_TO
}

void norm_fold(const char *s, size_t n, td_buf *out, uint32_t **map)
{
    fold_impl(s, n, out, map, 0);
}

void norm_unify(const char *s, size_t n, td_buf *out)
{
    fold_impl(s, n, out, NULL, 1);
}

char *norm_fold_str(const char *s)
{
    td_buf b = TD_BUF_INIT;
    norm_fold(s, strlen(s), &b, NULL);
    return td_buf_detach(&b);
}

void norm_lower(const char *s, size_t n, td_buf *out)
{
    td_buf tmp = TD_BUF_INIT;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += td_utf8_next(s, i, n, &cp);
        put_cp(&tmp, utf8proc_tolower(cp));
    }
    norm_nfc(tmp.ptr ? tmp.ptr : "", tmp.len, out);
    td_buf_free(&tmp);
}

int norm_doc(td_doc *d, td_err *e)
{
    int rc = norm_doc_text(d, e);
    if (rc != TD_OK)
        return rc;
    td_buf fold = TD_BUF_INIT;
    uint32_t *map = NULL;
    norm_fold(d->text, d->text_len, &fold, &map);
    d->fold = td_arena_strndup(d->arena, fold.ptr, fold.len);
    d->fold_len = fold.len;
    d->fold_map = td_arena_alloc(d->arena, (fold.len + 1) * sizeof *map);
    memcpy(d->fold_map, map, (fold.len + 1) * sizeof *map);
    free(map);
    td_buf_free(&fold);
    return TD_OK;
}

int norm_doc_text(td_doc *d, td_err *e)
{
    td_buf text = TD_BUF_INIT, nb = TD_BUF_INIT;
    for (size_t i = 0; i < d->nblocks; i++) {
        td_block *b = &d->blocks[i];
        td_buf_clear(&nb);
        norm_nfc(b->text, b->len, &nb);
        /* most text is NFC already: keep the block's copy then, so a long
         * document is not held twice more */
        if (nb.len != b->len || (nb.len && memcmp(nb.ptr, b->text, nb.len) != 0)) {
            b->text = td_arena_strndup(d->arena, nb.ptr, nb.len);
            b->len = nb.len;
        }
        if (i > 0)
            td_buf_append(&text, "\n\n", 2);
        b->off = text.len;
        td_buf_append(&text, b->text, b->len);
    }
    td_buf_free(&nb);
    if (text.len == 0) {
        td_buf_free(&text);
        return td_err_set(e, TD_EEMPTY, "no text found");
    }
    d->text = td_arena_strndup(d->arena, text.ptr, text.len);
    d->text_len = text.len;
    td_buf_free(&text);
    if (d->title) {
        td_buf t = TD_BUF_INIT;
        norm_nfc(d->title, strlen(d->title), &t);
        d->title = td_arena_strndup(d->arena, t.ptr, t.len);
        td_buf_free(&t);
    }
    return TD_OK;
}
