/* store.c - placeholder until the index lands. */
#include "index/index.h"

int index_open(const char *path, int writable, index_db **out, td_err *e)
{
    (void)path; (void)writable;
    *out = NULL;
    return td_err_set(e, TD_EDB, "index not built yet");
}

void index_close(index_db *db) { (void)db; }

int index_is_current(index_db *db, const char *path, const char *hash)
{
    (void)db; (void)path; (void)hash;
    return 0;
}

int index_store(index_db *db, const td_doc *d, int *status, td_err *e)
{
    (void)db; (void)d; (void)status;
    return td_err_set(e, TD_EDB, "index not built yet");
}
