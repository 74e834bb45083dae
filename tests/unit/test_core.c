/* test_core.c - the document model, arena, buffer and folding basics. */
#include <stdlib.h>

#include "unit.h"
#include "core/td.h"
#include "normalize/normalize.h"

TEST(buf_and_json)
{
    td_buf b = TD_BUF_INIT;
    td_json_str(&b, "a\"b\\c\n\x01");
    CHECK_STR(b.ptr, "\"a\\\"b\\\\c\\n\\u0001\"");
    td_buf_clear(&b);
    td_json_str(&b, NULL);
    CHECK_STR(b.ptr, "null");
    td_buf_free(&b);
}

TEST(json_escapes_controls)
{
    td_buf b = TD_BUF_INIT;
    td_json_str(&b, "a\x1b[2J\x7f\xc2\x9b\xc3\xa0\xff");
    CHECK_STR(b.ptr, "\"a\\u001b[2J\\u007f\\u009b\xc3\xa0\\ufffd\"");
    td_buf_free(&b);
}

TEST(name_escaped_for_printing)
{
    td_buf b = TD_BUF_INIT;
    td_buf_put_name(&b, "in/a\nb\tc\rd\x1b[2J\x7f\xc2\x9b\x9b\xff-Vi\xe1\xbb\x87t\\x.txt");
    CHECK_STR(b.ptr, "in/a\\nb\\tc\\rd\\x1b[2J\\x7f\\xc2\\x9b\\x9b\\xff-Vi\xe1\xbb\x87t\\x.txt");
    /* escaping twice changes nothing */
    char *once = td_buf_detach(&b);
    td_buf_put_name(&b, once);
    CHECK_STR(b.ptr, once);
    free(once);
    td_buf_clear(&b);
    td_buf_put_name(&b, NULL);
    CHECK_STR(b.ptr, "");
    td_buf_free(&b);
}

TEST(arena_large_and_small)
{
    td_arena *a = td_arena_new();
    char *big = td_arena_alloc(a, 200000);
    char *s = td_arena_strdup(a, "xin chào");
    big[199999] = 'x';
    CHECK_STR(s, "xin chào");
    CHECK(((uintptr_t)td_arena_alloc(a, 3) % _Alignof(max_align_t)) == 0);
    td_arena_free(a);
}

TEST(doc_blocks_trimmed)
{
    td_doc *d = td_doc_new("x.txt");
    CHECK(td_doc_add_block(d, TD_BLOCK_PARA, 0, "  \xC2\xA0 ", 5, 0, 5) == NULL);
    td_block *b = td_doc_add_block(d, TD_BLOCK_PARA, 0, " Khối thi đua \n", strlen(" Khối thi đua \n"), 0, 17);
    CHECK(b != NULL);
    CHECK_STR(b->text, "Khối thi đua");
    CHECK_INT(d->nblocks, 1);
    td_doc_free(d);
}

TEST(fold_vietnamese)
{
    char *f = norm_fold_str("Khánh Hoà – ĐOÀN KẾT “Thi đua”");
    CHECK_STR(f, "khanh hoa - doan ket \"thi dua\"");
    free(f);
    /* decomposed input (NFD) folds the same */
    f = norm_fold_str("Kha\xCC\x81nh Ho\xCC\x80" "a");
    CHECK_STR(f, "khanh hoa");
    free(f);
}

TEST(fold_map_points_back)
{
    const char *s = "Hội  Nông\ndân";
    td_buf out = TD_BUF_INIT;
    uint32_t *map = NULL;
    norm_fold(s, strlen(s), &out, &map);
    CHECK_STR(out.ptr, "hoi nong dan");
    /* "nong" is folded bytes 4..8; it comes from the original "Nông" */
    CHECK_INT(map[4], 7);
    CHECK_INT(map[8] - map[4], strlen("Nông"));
    CHECK(strncmp(s + map[4], "Nông", strlen("Nông")) == 0);
    CHECK_INT(map[out.len], strlen(s));
    free(map);
    td_buf_free(&out);
}

TEST(norm_doc_joins_blocks)
{
    td_doc *d = td_doc_new("x.txt");
    td_doc_add_block(d, TD_BLOCK_TITLE, 0, "Tiêu đề", strlen("Tiêu đề"), -1, -1);
    td_doc_add_block(d, TD_BLOCK_PARA, 0, "Đoạn một", strlen("Đoạn một"), 0, 10);
    td_err e;
    CHECK_INT(norm_doc(d, &e), TD_OK);
    CHECK_STR(d->text, "Tiêu đề\n\nĐoạn một");
    CHECK_STR(d->fold, "tieu de\ndoan mot");
    CHECK_INT(d->blocks[1].off, strlen("Tiêu đề\n\n"));
    CHECK_INT(td_doc_block_at(d, d->blocks[1].off + 2), 1);
    td_doc_free(d);
}
