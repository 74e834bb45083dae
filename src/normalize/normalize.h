/* normalize.h - stage 2: Vietnamese text normalization.
 *
 * NFC (utf8proc), one tone-placement convention, case, folding for search
 * and matching (no diacritics, đ→d) with an offset map back to the original,
 * legacy encodings (TCVN3, VNI, VISCII, windows-1258), numbers and dates.
 * norm_doc() applies the stage to a whole td_doc.  Nothing here does I/O.
 */
#ifndef NORMALIZE_H
#define NORMALIZE_H

#include "core/td.h"

/* ---- the stage --------------------------------------------------------- */

/* Rewrite every block of d in NFC, join them into d->text (blocks separated
 * by "\n\n", setting each block's off), and build d->fold and d->fold_map.
 * Returns TD_OK, or TD_EEMPTY when the document has no text. */
int norm_doc(td_doc *d, td_err *e);

/* norm_doc() without the folded shadow (d->fold stays NULL): for callers
 * that only show the text. */
int norm_doc_text(td_doc *d, td_err *e);

/* ---- Unicode ----------------------------------------------------------- */

/* Append s (n bytes) to out in NFC.  Invalid UTF-8 bytes become U+FFFD;
 * NUL bytes are dropped. */
void norm_nfc(const char *s, size_t n, td_buf *out);

/* Append the folded form of s to out: canonical decomposition, combining
 * marks dropped, lowercase, đ/Đ→d, dashes → '-', curly quotes → '"' or '\'',
 * soft hyphens and zero-width characters dropped, and every run of white
 * space → one ' ' (or one '\n' when the run holds two or more line breaks,
 * which keeps block boundaries).  Works on NFC and NFD input alike.
 * When map is not NULL, *map receives a malloc'd array of (bytes appended
 * + 1) entries: map[i] is the offset in s of the character that produced
 * output byte i, and the last entry is n.  A folded span [a,b) therefore
 * comes from s[map[a] .. map[b]).  Caller frees *map. */
void norm_fold(const char *s, size_t n, td_buf *out, uint32_t **map);

/* Fold a NUL-terminated string; returns a malloc'd string the caller frees. */
char *norm_fold_str(const char *s);

/* Append s lowercased (Vietnamese-aware: Đ→đ, toned capitals) in NFC. */
void norm_lower(const char *s, size_t n, td_buf *out);

/* Append s (NFC) with the tone mark of every syllable moved to the one
 * canonical place (the convention of official headers: hòa, thủy, khỏe,
 * hóa; oa/oe/uy carry the tone on the first vowel in an open syllable).
 * Everything else is copied unchanged. */
void norm_tone(const char *s, size_t n, td_buf *out);

/* The exact matching key: NFC, canonical tone placement, lowercase, same
 * punctuation and space unification as norm_fold but diacritics kept.
 * Returns a malloc'd string the caller frees. */
char *norm_key_str(const char *s);

/* ---- legacy encodings -------------------------------------------------- */

typedef enum {
    NORM_ENC_UNKNOWN = 0,
    NORM_ENC_UTF8,
    NORM_ENC_UTF16LE,
    NORM_ENC_UTF16BE,
    NORM_ENC_CP1252,
    NORM_ENC_CP1258,
    NORM_ENC_TCVN3,
    NORM_ENC_VNI,
    NORM_ENC_VISCII
} norm_encoding;

/* "utf-8", "windows-1258", "tcvn3", ... */
const char *norm_encoding_name(norm_encoding enc);
/* Parse a charset label ("windows-1258", "cp1258", "utf8", "TCVN3"...). */
norm_encoding norm_encoding_from_label(const char *label);

/* Decode n raw bytes in enc and append UTF-8 NFC to out.  For TCVN3 with
 * hfont set the result is uppercased (an .VnTimeH-style "H" font).  VNI is
 * decoded leniently (mark case need not match the base). */
void norm_decode(norm_encoding enc, const unsigned char *in, size_t n,
                 int hfont, td_buf *out);

/* Decode text that a DOCX or HTML parser already turned into UTF-8 but that
 * was typed in a legacy font: every code point U+0000-U+00FF (and the
 * windows-1252 punctuation U+2018.. that stands for bytes 0x80-0x9F) is the
 * legacy byte.  Other code points are copied.  Appends NFC to out. */
void norm_decode_legacy_utf8(norm_encoding enc, const char *s, size_t n,
                             int hfont, td_buf *out);

/* The legacy encoding a font name implies: ".VnTime" → TCVN3, ".VnTimeH"
 * → TCVN3 with *hfont = 1, "VNI-Times" → VNI; NORM_ENC_UNKNOWN otherwise. */
norm_encoding norm_font_encoding(const char *font, int *hfont);

/* Guess the encoding of bytes with no declared charset: UTF-8 (valid and
 * not mojibake), else the legacy candidate whose decoding has the largest
 * share of valid Vietnamese syllables when it is clear (>= 0.9 and ahead of
 * the runner-up by >= 0.15); else NORM_ENC_UNKNOWN.  *score (may be NULL)
 * receives the winner's share. */
norm_encoding norm_detect(const unsigned char *in, size_t n, double *score);

/* 1 when in is UTF-8, or UTF-8 with a few stray bytes (a cut file, a pasted
 * windows-1252 character): at least 8 valid multibyte sequences and at most
 * 1 invalid byte per 50 of them.  Legacy single-byte text almost never
 * forms valid sequences at all.  *invalid (may be NULL) receives the number
 * of bytes that are not part of a valid sequence: each is one U+FFFD when
 * the bytes go through norm_nfc. */
int norm_utf8_mostly(const unsigned char *in, size_t n, size_t *invalid);

/* What norm_detect looked at, for `thidua norm detect`.  Pure ASCII counts
 * as UTF-8, and so does UTF-8 with a few stray bytes (norm_utf8_mostly;
 * *score is then the valid share).  A UTF-8 or UTF-16
 * verdict leaves ncand at 0. */
#define NORM_DETECT_NCAND 5
typedef struct norm_detect_info {
    size_t high;          /* bytes >= 0x80 in the sample */
    size_t vni_pairs;     /* vowel followed by a VNI mark byte */
    size_t cp1258_pairs;  /* vowel followed by a windows-1258 tone byte */
    int ncand;            /* candidates scored (0 or NORM_DETECT_NCAND) */
    norm_encoding cand[NORM_DETECT_NCAND];
    double share[NORM_DETECT_NCAND];  /* valid-syllable share of each */
} norm_detect_info;

/* norm_detect that also fills info (may be NULL).  Only the first 64 KiB
 * are examined. */
norm_encoding norm_detect_ex(const unsigned char *in, size_t n, double *score,
                             norm_detect_info *info);

/* ---- numbers and dates ------------------------------------------------- */

/* Parse a Vietnamese number at s (n bytes): "8.000" = 8000, "1.234.567",
 * "09" = 9, "1,5" = 1.5 (decimal comma).  Returns the number of bytes
 * consumed (0 when s does not start with a number); *out gets the value. */
size_t norm_parse_number(const char *s, size_t n, double *out);

/* Parse a date at s: "22/02/2024", "22-2-2024", "3/3", "ngày 3 tháng 3 năm
 * 2024", "tháng 3/2024" (day 0).  A missing year is 0.  Returns bytes
 * consumed, 0 when no valid date starts at s.  Accepts folded or unfolded
 * text. */
size_t norm_parse_date(const char *s, size_t n, int *y, int *m, int *d);

#endif
