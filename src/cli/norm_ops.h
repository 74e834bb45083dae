/* norm_ops.h - the text operations of `thidua norm`, shared with the
 * `thidua test-norm` runner so that the tests exercise what users see.
 */
#ifndef NORM_OPS_H
#define NORM_OPS_H

#include "core/td.h"

/* Apply operation op ("fold", "key", "tone", "lower", "nfc", "number",
 * "date", or "decode ENC" / "decode-utf8 ENC" with ENC a charset label,
 * "tcvn3-h" for an H font) to text (n bytes) and append the printable
 * result to out.  Returns 0, or -1 when op is unknown (out unchanged). */
int cli_norm_op_run(const char *op, const char *text, size_t n, td_buf *out);

/* Is op a name cli_norm_op_run knows? */
int cli_norm_op_known(const char *op);

#endif
