/* legacy.c - decode text typed in legacy Vietnamese encodings.
 *
 * TCVN3 (ABC, .Vn fonts; "H" fonts show the run in capitals), VNI-Windows
 * (base letter + mark byte, decoded greedily and leniently about the mark's
 * case), VISCII, windows-1258 (combining tones, hence NFC), windows-1252 and
 * UTF-16.  The tables are generated (legacy_tables.c); the rules follow
 * ../shared/legacy-encodings/README.md.  Which encoding a file or a run is
 * in is decided by detect.c or by the readers (fonts, charset labels).
 */
#include <string.h>
#include <utf8proc.h>

#include "normalize/normalize.h"
#include "normalize/norm_int.h"

static void put_cp(td_buf *out, int32_t cp)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
    td_buf_append(out, (const char *)tmp, (size_t)k);
}

/* The VNI letter written (base, mark), mark 0 for single bytes; 0 if none. */
static int32_t vni_find(unsigned char base, unsigned char mark)
{
    size_t lo = 0, hi = norm_tab_vni_len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const norm_vni_entry *e = &norm_tab_vni[mid];
        int c = e->base != base ? (int)e->base - base : (int)e->mark - mark;
        if (c == 0)
            return e->cp;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Is b a VNI mark byte, in either case (ù/Ù, â/Â ...)? */
static int vni_is_mark(unsigned char b)
{
    static const unsigned char marks[] = {
        0xF9, 0xF8, 0xFB, 0xF5, 0xEF, 0xE2, 0xE1, 0xE0, 0xE5,
        0xE3, 0xE4, 0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB};
    unsigned char low = b | 0x20;
    if (b < 0xC0)
        return 0;
    return memchr(marks, low, sizeof marks) != NULL;
}

/* Decode VNI; returns the code point and sets *used to 1 or 2. */
static int32_t vni_next(const unsigned char *in, size_t i, size_t n, size_t *used)
{
    unsigned char b = in[i];
    *used = 1;
    if (i + 1 < n) {
        unsigned char m = in[i + 1];
        int32_t cp = vni_find(b, m);
        if (!cp && vni_is_mark(m)) {
            /* lenient: the letter's case follows the base byte (Excel's
             * PROPER() leaves "Aù" pairs) */
            int upper = (b >= 'A' && b <= 'Z') || (b >= 0xC0 && b <= 0xDE);
            cp = vni_find(b, upper ? (unsigned char)(m & ~0x20) : (unsigned char)(m | 0x20));
        }
        if (cp) {
            *used = 2;
            return cp;
        }
    }
    int32_t cp = vni_find(b, 0);
    return cp ? cp : norm_tab_cp1252[b];
}

/* Decode without the final NFC; appends UTF-8 (maybe decomposed) to out. */
static void decode_raw(norm_encoding enc, const unsigned char *in, size_t n,
                       int hfont, td_buf *out)
{
    const uint16_t *tab = NULL;
    switch (enc) {
    case NORM_ENC_TCVN3: tab = norm_tab_tcvn3; break;
    case NORM_ENC_VISCII: tab = norm_tab_viscii; break;
    case NORM_ENC_CP1258: tab = norm_tab_cp1258; break;
    case NORM_ENC_CP1252: tab = norm_tab_cp1252; break;
    default: break;
    }
    if (tab) {
        int upper = hfont && enc == NORM_ENC_TCVN3;
        for (size_t i = 0; i < n; i++) {
            int32_t cp = tab[in[i]];
            put_cp(out, upper ? utf8proc_toupper(cp) : cp);
        }
        return;
    }
    if (enc == NORM_ENC_VNI) {
        for (size_t i = 0; i < n;) {
            size_t used;
            put_cp(out, vni_next(in, i, n, &used));
            i += used;
        }
        return;
    }
    if (enc == NORM_ENC_UTF16LE || enc == NORM_ENC_UTF16BE) {
        int le = enc == NORM_ENC_UTF16LE;
        size_t i = 0;
        if (n >= 2 && ((le && in[0] == 0xFF && in[1] == 0xFE) ||
                       (!le && in[0] == 0xFE && in[1] == 0xFF)))
            i = 2;
        for (; i + 1 < n; i += 2) {
            uint32_t u = le ? (uint32_t)(in[i] | in[i + 1] << 8)
                            : (uint32_t)(in[i] << 8 | in[i + 1]);
            if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
                uint32_t v = le ? (uint32_t)(in[i + 2] | in[i + 3] << 8)
                                : (uint32_t)(in[i + 2] << 8 | in[i + 3]);
                if (v >= 0xDC00 && v < 0xE000) {
                    put_cp(out, (int32_t)(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00)));
                    i += 2;
                    continue;
                }
            }
            put_cp(out, (u >= 0xD800 && u < 0xE000) ? 0xFFFD : (int32_t)u);
        }
        if (i < n)
            put_cp(out, 0xFFFD);
        return;
    }
    /* UTF-8 and unknown: as they are; norm_nfc repairs invalid bytes */
    td_buf_append(out, (const char *)in, n);
}

void norm_decode(norm_encoding enc, const unsigned char *in, size_t n,
                 int hfont, td_buf *out)
{
    td_buf raw = TD_BUF_INIT;
    size_t skip = 0;
    if (enc == NORM_ENC_UTF8 && n >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF)
        skip = 3;
    decode_raw(enc, in + skip, n - skip, hfont, &raw);
    norm_nfc(raw.ptr ? raw.ptr : "", raw.len, out);
    td_buf_free(&raw);
}

/* The byte a code point stands for in legacy-font text, or -1. */
static int legacy_byte(int32_t cp)
{
    if (cp >= 0 && cp <= 0xFF)
        return cp;
    if (cp >= 0xF020 && cp <= 0xF0FF)   /* symbol-charset private use */
        return cp - 0xF000;
    for (int b = 0x80; b < 0xA0; b++)
        if (norm_tab_cp1252[b] == cp)
            return b;
    return -1;
}

void norm_decode_legacy_utf8(norm_encoding enc, const char *s, size_t n,
                             int hfont, td_buf *out)
{
    if (enc != NORM_ENC_TCVN3 && enc != NORM_ENC_VNI && enc != NORM_ENC_VISCII &&
        enc != NORM_ENC_CP1258 && enc != NORM_ENC_CP1252) {
        norm_nfc(s, n, out);
        return;
    }
    int upper = hfont && enc == NORM_ENC_TCVN3;
    td_buf bytes = TD_BUF_INIT, raw = TD_BUF_INIT;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            cp = 0xFFFD;
            k = 1;
        }
        i += (size_t)k;
        int b = legacy_byte(cp);
        if (b >= 0) {
            td_buf_putc(&bytes, (char)b);
            continue;
        }
        /* a real Unicode character: decode the bytes before it, copy it */
        decode_raw(enc, (const unsigned char *)bytes.ptr, bytes.len, hfont, &raw);
        td_buf_clear(&bytes);
        put_cp(&raw, upper ? utf8proc_toupper(cp) : cp);
    }
    decode_raw(enc, (const unsigned char *)bytes.ptr, bytes.len, hfont, &raw);
    norm_nfc(raw.ptr ? raw.ptr : "", raw.len, out);
    td_buf_free(&bytes);
    td_buf_free(&raw);
}

/* Copy the font name without quotes, backslashes and spaces at the ends,
 * lowercased; only the first family of a CSS list counts. */
static void clean_font(const char *font, char *dst, size_t cap)
{
    size_t k = 0;
    while (*font == ' ' || *font == '\t' || *font == '"' || *font == '\'' ||
           *font == '\\')
        font++;
    for (; *font && *font != ',' && k + 1 < cap; font++) {
        unsigned char c = (unsigned char)*font;
        if (c == '"' || c == '\'' || c == '\\')
            continue;
        dst[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    while (k > 0 && (dst[k - 1] == ' ' || dst[k - 1] == '\t'))
        k--;
    dst[k] = '\0';
}

norm_encoding norm_font_encoding(const char *font, int *hfont)
{
    char name[256];
    if (hfont)
        *hfont = 0;
    if (!font)
        return NORM_ENC_UNKNOWN;
    clean_font(font, name, sizeof name);
    if (strncmp(name, ".vn", 3) == 0) {
        /* the H variant: the name ends in h once spaces are ignored */
        size_t k = strlen(name);
        while (k > 0 && name[k - 1] == ' ')
            k--;
        if (hfont)
            *hfont = k > 3 && name[k - 1] == 'h';
        return NORM_ENC_TCVN3;
    }
    if (strncmp(name, "vni-", 4) == 0 || strncmp(name, "vni ", 4) == 0)
        return NORM_ENC_VNI;
    return NORM_ENC_UNKNOWN;
}

static const struct {
    norm_encoding enc;
    const char *name;
} enc_names[] = {
    {NORM_ENC_UNKNOWN, "unknown"},
    {NORM_ENC_UTF8, "utf-8"},
    {NORM_ENC_UTF16LE, "utf-16le"},
    {NORM_ENC_UTF16BE, "utf-16be"},
    {NORM_ENC_CP1252, "windows-1252"},
    {NORM_ENC_CP1258, "windows-1258"},
    {NORM_ENC_TCVN3, "tcvn3"},
    {NORM_ENC_VNI, "vni"},
    {NORM_ENC_VISCII, "viscii"},
};

const char *norm_encoding_name(norm_encoding enc)
{
    for (size_t i = 0; i < sizeof enc_names / sizeof enc_names[0]; i++)
        if (enc_names[i].enc == enc)
            return enc_names[i].name;
    return "unknown";
}

norm_encoding norm_encoding_from_label(const char *label)
{
    /* WHATWG treats latin1 and ascii labels as windows-1252, and so do we:
     * pages that say iso-8859-1 are written in 1252 */
    static const struct {
        const char *label;
        norm_encoding enc;
    } labels[] = {
        {"utf-8", NORM_ENC_UTF8}, {"utf8", NORM_ENC_UTF8},
        {"unicode-1-1-utf-8", NORM_ENC_UTF8},
        {"utf-16le", NORM_ENC_UTF16LE}, {"utf-16", NORM_ENC_UTF16LE},
        {"unicode", NORM_ENC_UTF16LE}, {"utf-16be", NORM_ENC_UTF16BE},
        {"windows-1252", NORM_ENC_CP1252}, {"cp1252", NORM_ENC_CP1252},
        {"x-cp1252", NORM_ENC_CP1252}, {"iso-8859-1", NORM_ENC_CP1252},
        {"iso8859-1", NORM_ENC_CP1252}, {"latin1", NORM_ENC_CP1252},
        {"l1", NORM_ENC_CP1252}, {"us-ascii", NORM_ENC_CP1252},
        {"ascii", NORM_ENC_CP1252}, {"ansi_x3.4-1968", NORM_ENC_CP1252},
        {"windows-1258", NORM_ENC_CP1258}, {"cp1258", NORM_ENC_CP1258},
        {"x-cp1258", NORM_ENC_CP1258},
        {"tcvn3", NORM_ENC_TCVN3}, {"tcvn", NORM_ENC_TCVN3},
        {"tcvn-3", NORM_ENC_TCVN3}, {"tcvn5712-1", NORM_ENC_TCVN3},
        {"tcvn-5712", NORM_ENC_TCVN3}, {"abc", NORM_ENC_TCVN3},
        {"vn3", NORM_ENC_TCVN3},
        {"vni", NORM_ENC_VNI}, {"vni-windows", NORM_ENC_VNI},
        {"viscii", NORM_ENC_VISCII}, {"csviscii", NORM_ENC_VISCII},
    };
    char l[64];
    size_t k = 0;
    if (!label)
        return NORM_ENC_UNKNOWN;
    while (*label == ' ' || *label == '\t' || *label == '"' || *label == '\'')
        label++;
    for (; *label && k + 1 < sizeof l; label++) {
        unsigned char c = (unsigned char)*label;
        if (c == '"' || c == '\'' || c == ';')
            break;
        l[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    while (k > 0 && (l[k - 1] == ' ' || l[k - 1] == '\t'))
        k--;
    l[k] = '\0';
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(l, labels[i].label) == 0)
            return labels[i].enc;
    return NORM_ENC_UNKNOWN;
}
