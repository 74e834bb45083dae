/* docx.c - DOCX reader (placeholder until the reader lands). */
#include "extract/extract_int.h"

int extract_docx(td_doc *d, const char *data, size_t len,
                 const extract_opts *o, td_err *e)
{
    (void)d; (void)data; (void)len; (void)o;
    return td_err_set(e, TD_EFORMAT, "DOCX reader not built yet");
}
