/* stubs.c - temporary stand-ins for normalize functions not written yet.
 * Each is removed from here when its real implementation lands. */
#include "normalize/normalize.h"

#include <string.h>

const char *norm_encoding_name(norm_encoding enc)
{
    return enc == NORM_ENC_UTF8 ? "utf-8" : "unknown";
}

norm_encoding norm_encoding_from_label(const char *label)
{
    (void)label;
    return NORM_ENC_UNKNOWN;
}

void norm_decode(norm_encoding enc, const unsigned char *in, size_t n,
                 int hfont, td_buf *out)
{
    (void)enc; (void)hfont;
    norm_nfc((const char *)in, n, out);
}

void norm_decode_legacy_utf8(norm_encoding enc, const char *s, size_t n,
                             int hfont, td_buf *out)
{
    (void)enc; (void)hfont;
    norm_nfc(s, n, out);
}

norm_encoding norm_font_encoding(const char *font, int *hfont)
{
    (void)font;
    if (hfont)
        *hfont = 0;
    return NORM_ENC_UNKNOWN;
}

norm_encoding norm_detect(const unsigned char *in, size_t n, double *score)
{
    (void)in; (void)n;
    if (score)
        *score = 0;
    return NORM_ENC_UTF8;
}
