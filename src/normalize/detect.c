/* detect.c - guess the encoding of bytes that declare none.
 *
 * A port of guess_encoding() in ../shared/legacy-encodings/check_samples.py:
 * UTF-8 when the bytes are valid UTF-8 and not double-encoded; otherwise
 * decode with every legacy candidate and keep the one whose non-ASCII words
 * are valid Vietnamese syllables, when that is clear.  Byte statistics alone
 * cannot tell Western text in windows-1252 from TCVN3 (every high byte is a
 * TCVN3 letter), so the syllable check decides and "unknown" is an answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "normalize/normalize.h"
#include "normalize/norm_int.h"

#define SAMPLE_MAX (64u << 10)    /* bytes scored: thousands of words, enough */
#define MIN_HIGH 8                /* fewer high bytes: too little to judge */
#define MIN_SHARE 0.9
#define MIN_LEAD 0.15

static const char *const onsets[] = {
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t",
    "v", "x", ""};

/* Rhymes without tone, sorted by bytes (strcmp) for bsearch. */
static const char *const rhymes[] = {
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au",
    "ay", "e", "ec", "em", "en", "eng", "eo", "ep", "et", "i", "ia", "ich",
    "im", "in", "inh", "ip", "it", "iu", "iêc", "iêm", "iên", "iêng",
    "iêp", "iêt", "iêu", "o", "oa", "oac", "oach", "oai", "oam", "oan",
    "oang", "oanh", "oao", "oap", "oat", "oay", "oc", "oe", "oen", "oeo",
    "oet", "oi", "om", "on", "ong", "ooc", "oong", "op", "ot", "oăc", "oăm",
    "oăn", "oăng", "oăp", "oăt", "u", "ua", "uc", "ui", "um", "un", "ung",
    "up", "ut", "uy", "uya", "uych", "uynh", "uyt", "uyu", "uyên", "uyêt",
    "uân", "uâng", "uât", "uây", "uê", "uêch", "uênh", "uôc", "uôi",
    "uôm", "uôn", "uông", "uôt", "uơ", "y", "yêm", "yên", "yêng",
    "yêt", "yêu", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây",
    "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu", "ô", "ôc",
    "ôi", "ôm", "ôn", "ông", "ôp", "ôt", "ăc", "ăm", "ăn", "ăng",
    "ăp", "ăt", "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", "ư", "ưa", "ưc",
    "ưi", "ưm", "ưn", "ưng", "ưt", "ưu", "ươc", "ươi", "ươm",
    "ươn", "ương", "ươp", "ươt", "ươu"};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_rhyme(const char *s)
{
    return bsearch(&s, rhymes, sizeof rhymes / sizeof rhymes[0],
                   sizeof rhymes[0], cmp_str) != NULL;
}

static int is_tone_mark(int32_t c)
{
    return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}

/* The syllable check of check_samples.py: lowercase, drop the (single)
 * tone, then onset + a rhyme from the list. */
static int is_syllable(const int32_t *cps, size_t n)
{
    char s[64];
    size_t k = 0;
    int tones = 0;
    for (size_t i = 0; i < n; i++) {
        utf8proc_int32_t dec[8];
        int last = 0;
        utf8proc_ssize_t nd = utf8proc_decompose_char(utf8proc_tolower(cps[i]), dec, 8,
                                                      UTF8PROC_DECOMPOSE, &last);
        if (nd < 1)
            return 0;
        utf8proc_int32_t kept[8];
        utf8proc_ssize_t nk = 0;
        for (utf8proc_ssize_t j = 0; j < nd; j++) {
            if (is_tone_mark(dec[j]))
                tones++;
            else
                kept[nk++] = dec[j];
        }
        nk = utf8proc_normalize_utf32(kept, nk, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        for (utf8proc_ssize_t j = 0; j < nk; j++) {
            if (k + 4 >= sizeof s)
                return 0;
            k += (size_t)utf8proc_encode_char(kept[j], (utf8proc_uint8_t *)s + k);
        }
    }
    s[k] = '\0';
    if (tones > 1)
        return 0;
    char tmp[72];
    for (size_t o = 0; o < sizeof onsets / sizeof onsets[0]; o++) {
        size_t ol = strlen(onsets[o]);
        if (strncmp(s, onsets[o], ol) != 0)
            continue;
        const char *rest = s + ol;
        if (is_rhyme(rest))
            return 1;
        if (strcmp(onsets[o], "gi") == 0) {
            snprintf(tmp, sizeof tmp, "i%s", rest);
            if (*rest == '\0' || is_rhyme(tmp))
                return 1;
        }
        if (strcmp(onsets[o], "qu") == 0 && *rest) {
            snprintf(tmp, sizeof tmp, "u%s", rest);
            if (is_rhyme(tmp))
                return 1;
        }
    }
    return 0;
}

/* A word character as the reference tokenizer ([^\W\d_]+) sees it:
 * letters, and numbers other than decimal digits (¹, ½ are cp1252 bytes). */
static int is_letter(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_NO;
}

/* Share of the non-ASCII words of UTF-8 text t that are syllables. */
static double syllable_share(const char *t, size_t n)
{
    int32_t word[32];
    size_t nw = 0, total = 0, good = 0;
    int ascii = 1, overlong = 0;
    for (size_t i = 0; i <= n;) {
        int32_t cp = ' ';
        utf8proc_ssize_t k = 1;
        if (i < n) {
            k = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
                                 (utf8proc_ssize_t)(n - i), &cp);
            if (k <= 0) {
                cp = 0xFFFD;
                k = 1;
            }
        }
        i += (size_t)k;
        if (is_letter(cp)) {
            if (nw < 32)
                word[nw] = cp;
            else
                overlong = 1;
            nw++;
            ascii &= cp < 0x80;
            continue;
        }
        if (nw > 0 && !ascii) {
            total++;
            good += !overlong && is_syllable(word, nw);
        }
        nw = 0;
        ascii = 1;
        overlong = 0;
        if (i > n)
            break;
    }
    return total ? (double)good / (double)total : 0.0;
}

/* Count the multibyte UTF-8 sequences of in and the bytes that are not
 * valid UTF-8. */
static void count_utf8(const unsigned char *in, size_t n, size_t *multi,
                       size_t *invalid)
{
    *multi = *invalid = 0;
    for (size_t i = 0; i < n;) {
        if (in[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(in + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            (*invalid)++;
            i++;
            continue;
        }
        (*multi)++;
        i += (size_t)k;
    }
}

/* The rule of norm_utf8_mostly on the counts of count_utf8. */
static int mostly_utf8(size_t multi, size_t invalid)
{
    return invalid == 0 || (multi >= 8 && invalid * 50 <= multi);
}

int norm_utf8_mostly(const unsigned char *in, size_t n, size_t *invalid)
{
    size_t multi, bad;
    count_utf8(in, n, &multi, &bad);
    if (invalid)
        *invalid = bad;
    return mostly_utf8(multi, bad);
}

static int valid_utf8(const unsigned char *in, size_t n, int *multi)
{
    size_t m, bad;
    count_utf8(in, n, &m, &bad);
    *multi = m > 0;
    return bad == 0;
}

/* Double-encoded UTF-8 ("Viá»‡t"): every character is one windows-1252
 * byte, and those bytes are themselves UTF-8 with multibyte sequences. */
static int is_mojibake(const unsigned char *in, size_t n)
{
    td_buf bytes = TD_BUF_INIT;
    int ok = 1, multi = 0;
    for (size_t i = 0; i < n && ok;) {
        int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(in + i, (utf8proc_ssize_t)(n - i), &cp);
        i += (size_t)k;
        int b = -1;
        if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
            b = cp;
        else
            for (int j = 0x80; j < 0xA0; j++)
                if (norm_tab_cp1252[j] == cp)
                    b = j;
        if (b < 0)
            ok = 0;
        else
            td_buf_putc(&bytes, (char)b);
    }
    ok = ok && bytes.len && valid_utf8((unsigned char *)bytes.ptr, bytes.len, &multi) && multi;
    td_buf_free(&bytes);
    return ok;
}

/* UTF-16 without a BOM: NUL bytes in most odd (LE) or even (BE) places. */
static norm_encoding utf16_guess(const unsigned char *in, size_t n)
{
    size_t even = 0, odd = 0, pairs = n / 2;
    if (pairs < 4)
        return NORM_ENC_UNKNOWN;
    for (size_t i = 0; i + 1 < n; i += 2) {
        even += in[i] == 0;
        odd += in[i + 1] == 0;
    }
    if (odd * 10 >= pairs * 6 && even * 10 < pairs)
        return NORM_ENC_UTF16LE;
    if (even * 10 >= pairs * 6 && odd * 10 < pairs)
        return NORM_ENC_UTF16BE;
    return NORM_ENC_UNKNOWN;
}

static int vni_base(unsigned char b)
{
    return strchr("aeiouyAEIOUY", b) != NULL || b == 0xD4 || b == 0xF4 ||
           b == 0xD6 || b == 0xF6;
}

static int vni_mark(unsigned char b)
{
    static const unsigned char marks[] = {
        0xF9, 0xF8, 0xFB, 0xF5, 0xEF, 0xE2, 0xE1, 0xE0, 0xE5,
        0xE3, 0xE4, 0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB};
    return b >= 0xC0 && memchr(marks, b | 0x20, sizeof marks) != NULL;
}

static int cp1258_vowel(unsigned char b)
{
    static const int32_t v[] = {'a', 0x103, 0xE2, 'e', 0xEA, 'i', 'o', 0xF4,
                                0x1A1, 'u', 0x1B0, 'y'};
    int32_t c = utf8proc_tolower(norm_tab_cp1258[b]);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (v[i] == c)
            return 1;
    return 0;
}

norm_encoding norm_detect_ex(const unsigned char *in, size_t n, double *score,
                             norm_detect_info *info)
{
    norm_detect_info dummy;
    if (!info)
        info = &dummy;
    memset(info, 0, sizeof *info);
    if (score)
        *score = 0;
    if (n >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF) {
        if (score)
            *score = 1;
        return NORM_ENC_UTF8;
    }
    if (n >= 2 && ((in[0] == 0xFF && in[1] == 0xFE) || (in[0] == 0xFE && in[1] == 0xFF))) {
        if (score)
            *score = 1;
        return in[0] == 0xFF ? NORM_ENC_UTF16LE : NORM_ENC_UTF16BE;
    }
    norm_encoding u16 = utf16_guess(in, n < SAMPLE_MAX ? n : SAMPLE_MAX);
    if (u16 != NORM_ENC_UNKNOWN) {
        if (score)
            *score = 1;
        return u16;
    }
    size_t vn = n;
    if (n > SAMPLE_MAX) {
        /* the cut may split the last character: leave it out */
        n = vn = SAMPLE_MAX;
        size_t j = n;
        while (j > 0 && n - j < 3 && (in[j - 1] & 0xC0) == 0x80)
            j--;
        if (j > 0 && in[j - 1] >= 0xC0)
            vn = j - 1;
    }
    size_t multi, bad;
    count_utf8(in, vn, &multi, &bad);
    if (bad == 0 && (multi == 0 || !is_mojibake(in, vn))) {
        /* pure ASCII reads the same in every candidate: call it UTF-8 */
        if (score)
            *score = 1;
        return NORM_ENC_UTF8;
    }
    /* UTF-8 with a stray byte or two (a cut file, one pasted cp1252
     * character): legacy text almost never forms valid sequences at all */
    if (bad > 0 && mostly_utf8(multi, bad)) {
        if (score)
            *score = (double)multi / (double)(multi + bad);
        return NORM_ENC_UTF8;
    }
    for (size_t i = 0; i < n; i++) {
        info->high += in[i] >= 0x80;
        if (i > 0 && vni_mark(in[i]) && vni_base(in[i - 1]))
            info->vni_pairs++;
        if (i > 0 && (in[i] == 0xCC || in[i] == 0xEC || in[i] == 0xD2 ||
                      in[i] == 0xF2 || in[i] == 0xDE) && cp1258_vowel(in[i - 1]))
            info->cp1258_pairs++;
    }
    if (info->high < MIN_HIGH)
        return NORM_ENC_UNKNOWN;
    static const norm_encoding cands[NORM_DETECT_NCAND] = {
        NORM_ENC_TCVN3, NORM_ENC_VNI, NORM_ENC_CP1258, NORM_ENC_VISCII,
        NORM_ENC_CP1252};
    td_buf t = TD_BUF_INIT;
    int best = 0;
    for (int c = 0; c < NORM_DETECT_NCAND; c++) {
        td_buf_clear(&t);
        norm_decode(cands[c], in, n, 0, &t);
        info->cand[c] = cands[c];
        info->share[c] = syllable_share(t.ptr, t.len);
        if (info->share[c] > info->share[best])
            best = c;
    }
    info->ncand = NORM_DETECT_NCAND;
    td_buf_free(&t);
    double second = 0;
    for (int c = 0; c < NORM_DETECT_NCAND; c++)
        if (c != best && info->share[c] > second)
            second = info->share[c];
    if (score)
        *score = info->share[best];
    if (info->share[best] < MIN_SHARE || info->share[best] - second < MIN_LEAD ||
        cands[best] == NORM_ENC_CP1252)
        return NORM_ENC_UNKNOWN;
    return cands[best];
}

norm_encoding norm_detect(const unsigned char *in, size_t n, double *score)
{
    return norm_detect_ex(in, n, score, NULL);
}
