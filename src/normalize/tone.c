/* tone.c - one tone placement for every syllable, and the matching key.
 *
 * "Hoà" and "Hòa", "thuỷ" and "thủy" are different NFC strings
 * for the same word.  We keep the convention of official headers ("CỘNG
 * HÒA"): in an open syllable whose vowels carry no other mark the tone sits
 * on the first of two vowels (hòa, khỏe, thủy) or the middle of three
 * (ngoài, khuỷu); a closed syllable takes it on the last vowel (hoàn,
 * thoát); a vowel with a circumflex, breve or horn takes it first (thuyền,
 * người).  qu- and gi- are onsets (quý, già).  Folding for search drops
 * tones anyway; this matters for the exact key and the colocated tokens.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "normalize/normalize.h"
#include "normalize/norm_int.h"

#define MAX_LETTERS 12   /* longer words are not syllables: copied as is */

/* One letter of a word, decomposed. */
typedef struct {
    int32_t base;   /* base letter, case kept (a, A, đ ...) */
    int32_t low;    /* lowercase base */
    int32_t qual;   /* circumflex U+0302, breve U+0306, horn U+031B or 0 */
    int32_t tone;   /* one of the five tone marks or 0 */
} letter;

static int is_tone_mark(int32_t c)
{
    return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}

static int is_vowel(int32_t low)
{
    return low == 'a' || low == 'e' || low == 'i' || low == 'o' || low == 'u' ||
           low == 'y';
}

static void put_cp(td_buf *out, int32_t cp)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
    td_buf_append(out, (const char *)tmp, (size_t)k);
}

/* Split an NFC word into letters; 0 when it holds something we do not
 * handle (a mark that is not Vietnamese, too many letters, two marks of a
 * kind on one letter). */
static size_t split_word(const int32_t *cps, size_t n, letter *L)
{
    size_t nl = 0;
    for (size_t i = 0; i < n; i++) {
        utf8proc_int32_t dec[8];
        int last = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(cps[i], dec, 8,
                                                     UTF8PROC_DECOMPOSE, &last);
        if (k < 1 || k > 3)
            return 0;
        const utf8proc_property_t *p = utf8proc_get_property(dec[0]);
        if (p->category == UTF8PROC_CATEGORY_MN) {
            /* a stray combining mark that NFC left alone */
            return 0;
        }
        if (nl == MAX_LETTERS)
            return 0;
        letter *l = &L[nl++];
        l->base = dec[0];
        l->low = utf8proc_tolower(dec[0]);
        l->qual = l->tone = 0;
        for (utf8proc_ssize_t j = 1; j < k; j++) {
            if (is_tone_mark(dec[j]) && !l->tone)
                l->tone = dec[j];
            else if ((dec[j] == 0x302 || dec[j] == 0x306 || dec[j] == 0x31B) &&
                     !l->qual)
                l->qual = dec[j];
            else
                return 0;
        }
    }
    return nl;
}

static int is_coda(const letter *L, size_t n)
{
    static const char *const codas[] = {"c", "ch", "m", "n", "ng", "nh", "p", "t"};
    if (n == 0)
        return 1;
    if (n > 2)
        return 0;
    for (size_t i = 0; i < sizeof codas / sizeof codas[0]; i++) {
        if (strlen(codas[i]) != n)
            continue;
        size_t j = 0;
        while (j < n && L[j].low == codas[i][j] && !L[j].qual && !L[j].tone)
            j++;
        if (j == n)
            return 1;
    }
    return 0;
}

/* Index of the letter that should carry the tone, or -1 when the word is
 * not a syllable we can place a tone in. */
static long tone_target(const letter *L, size_t n)
{
    size_t on = 0;
    if (n > 2 && ((L[0].low == 'q' && L[1].low == 'u') ||
                  (L[0].low == 'g' && L[1].low == 'i')) &&
        !L[1].qual && is_vowel(L[2].low))
        on = 2;   /* qu- and gi- (quý, già); "gì" keeps its i */
    else
        while (on < n && !is_vowel(L[on].low))
            on++;
    if (on > 3)
        return -1;
    size_t v = on;
    while (v < n && is_vowel(L[v].low))
        v++;
    size_t nv = v - on;
    if (nv == 0 || nv > 3 || !is_coda(L + v, n - v))
        return -1;
    long marked = -1;
    for (size_t i = on; i < v; i++)
        if (L[i].qual)
            marked = (long)i;   /* ươ: the last, ơ */
    if (marked >= 0)
        return marked;
    if (nv == 1)
        return (long)on;
    if (v < n)
        return (long)v - 1;     /* closed: hoàn, thoát, quỳnh */
    return nv == 2 ? (long)on : (long)on + 1;
}

/* Append a word (cps, n code points, originally bytes w..w+wn) with its
 * tone moved where it belongs. */
static void tone_word(const int32_t *cps, size_t n, const char *w, size_t wn,
                      td_buf *out)
{
    letter L[MAX_LETTERS];
    size_t nl = split_word(cps, n, L);
    long at = -1, target;
    int ntones = 0;
    for (size_t i = 0; i < nl; i++)
        if (L[i].tone) {
            at = (long)i;
            ntones++;
        }
    if (ntones != 1 || (target = tone_target(L, nl)) < 0 || target == at) {
        td_buf_append(out, w, wn);
        return;
    }
    L[target].tone = L[at].tone;
    L[at].tone = 0;
    for (size_t i = 0; i < nl; i++) {
        /* canonical order: horn (216), dot below (220), then the 230s */
        int32_t marks[3];
        int nm = 0;
        if (L[i].qual == 0x31B)
            marks[nm++] = 0x31B;
        if (L[i].tone == 0x323)
            marks[nm++] = 0x323;
        if (L[i].qual && L[i].qual != 0x31B)
            marks[nm++] = L[i].qual;
        if (L[i].tone && L[i].tone != 0x323)
            marks[nm++] = L[i].tone;
        utf8proc_int32_t buf[4];
        buf[0] = L[i].base;
        for (int j = 0; j < nm; j++)
            buf[j + 1] = marks[j];
        utf8proc_ssize_t len = utf8proc_normalize_utf32(buf, nm + 1,
                                                        UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        for (utf8proc_ssize_t j = 0; j < len; j++)
            put_cp(out, buf[j]);
    }
}

static int is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           c == UTF8PROC_CATEGORY_MN;
}

void norm_tone(const char *s, size_t n, td_buf *out)
{
    td_buf nfc = TD_BUF_INIT;
    norm_nfc(s, n, &nfc);
    const char *t = nfc.ptr;
    size_t tn = nfc.len;
    int32_t cps[MAX_LETTERS + 1];
    size_t i = 0;
    if (!out->ptr)
        td_buf_append(out, "", 0);
    while (i < tn) {
        int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
                                              (utf8proc_ssize_t)(tn - i), &cp);
        if (k <= 0) {   /* norm_nfc output is valid UTF-8; be safe anyway */
            td_buf_append(out, t + i, 1);
            i++;
            continue;
        }
        if (!is_word_cp(cp)) {
            td_buf_append(out, t + i, (size_t)k);
            i += (size_t)k;
            continue;
        }
        /* a word: collect its code points (up to the limit) */
        size_t start = i, ncp = 0;
        int ascii = 1;
        while (i < tn) {
            k = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
                                 (utf8proc_ssize_t)(tn - i), &cp);
            if (k <= 0 || !is_word_cp(cp))
                break;
            if (ncp < MAX_LETTERS + 1)
                cps[ncp] = cp;
            ncp++;
            ascii &= cp < 0x80;
            i += (size_t)k;
        }
        if (ascii || ncp > MAX_LETTERS)
            td_buf_append(out, t + start, i - start);
        else
            tone_word(cps, ncp, t + start, i - start, out);
    }
    td_buf_free(&nfc);
}

char *norm_key_str(const char *s)
{
    td_buf toned = TD_BUF_INIT, low = TD_BUF_INIT, key = TD_BUF_INIT;
    norm_tone(s, strlen(s), &toned);
    norm_lower(toned.ptr, toned.len, &low);
    norm_unify(low.ptr, low.len, &key);
    td_buf_free(&toned);
    td_buf_free(&low);
    return td_buf_detach(&key);
}
