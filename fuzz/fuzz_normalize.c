/* fuzz_normalize.c - libFuzzer harness for the normalize functions that
 * take arbitrary text: NFC, fold with map, tone, key, legacy decoding,
 * encoding detection, numbers and dates. */
#include <stdint.h>
#include <stdlib.h>

#include "normalize/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    td_buf b = TD_BUF_INIT;
    uint32_t *map = NULL;
    norm_nfc(s, size, &b);
    td_buf_clear(&b);
    norm_fold(s, size, &b, &map);
    for (size_t i = 0; i + 1 <= b.len; i++)
        if (map[i] > size)
            abort();   /* the map must point inside the input */
    free(map);
    td_buf_clear(&b);
    norm_tone(s, size, &b);
    td_buf_clear(&b);
    for (int enc = NORM_ENC_CP1252; enc <= NORM_ENC_VISCII; enc++) {
        norm_decode((norm_encoding)enc, data, size, size & 1, &b);
        td_buf_clear(&b);
    }
    double score, num;
    norm_detect(data, size, &score);
    norm_parse_number(s, size, &num);
    int y, m, d;
    norm_parse_date(s, size, &y, &m, &d);
    td_buf_free(&b);
    return 0;
}
