/* html.c - HTML reader (placeholder until the reader lands). */
#include "extract/extract_int.h"

int extract_html(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e)
{
    (void)d; (void)data; (void)len; (void)o;
    return td_err_set(e, TD_EFORMAT, "HTML reader not built yet");
}
