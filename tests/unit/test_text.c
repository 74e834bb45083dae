/* test_text.c - the plain-text reader: encodings, paragraphs, headline,
 * publication date and byline; the seed reports' titles against gold. */
#include <stdlib.h>

#include "unit.h"
#include "core/td.h"
#include "extract/extract.h"

static td_doc *from_string(const char *s, size_t n, int *rc)
{
    td_doc *d = NULL;
    td_err e;
    td_err_clear(&e);
    *rc = extract_buffer("t.txt", s, n, NULL, &d, &e);
    return d;
}

static long find_kind(const td_doc *d, td_block_kind k)
{
    for (size_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == k)
            return (long)i;
    return -1;
}

/* A page flattened to text: crawl date, slogan, toolbar, publication
 * date+time, headline, body, signature, furniture. */
static const char page[] =
    "Thứ Hai, 04/03/2024 08:00\n"
    "\n"
    "ĐOÀN KẾT - ĐỔI MỚI - PHÁT TRIỂN\n"
    "\n"
    "A- A A+ | Chia sẻ bài viết lên facebook | In bài viết\n"
    "\n"
    "  01/03/2024 15:30  \n"
    "\n"
    "Khối thi đua các cơ quan Đảng tỉnh ký kết giao ước thi đua năm 2024\n"
    "\n"
    "Quang cảnh hội nghị\n"
    "\n"
    "Chiều 29/02/2024, Khối thi đua các cơ quan Đảng tỉnh tổ chức hội nghị ký kết giao "
    "ước thi đua năm 2024. Dự hội nghị có đại diện lãnh đạo Ban Thi đua, Khen thưởng "
    "tỉnh, lãnh đạo các cơ quan, đơn vị thành viên trong Khối thi đua.\n"
    "Dòng thứ hai của cùng đoạn văn.\n"
    "\n"
    "Ban Tổ chức Tỉnh ủy làm Trưởng khối năm 2024.\n"
    "\n"
    "Ngọc Lan\n"
    "\n"
    "Lượt truy cập\n"
    "Online\n";

TEST(text_headline_after_page_header)
{
    int rc;
    td_doc *d = from_string(page, sizeof page - 1, &rc);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    CHECK_STR(d->title, "Khối thi đua các cơ quan Đảng tỉnh ký kết giao ước thi đua năm 2024");
    /* document order kept: header lines stay before the title block */
    long t = find_kind(d, TD_BLOCK_TITLE);
    CHECK_INT(t, 4);
    CHECK_STR(d->blocks[t].text, d->title);
    /* the date+time right above the headline, not the crawl date */
    CHECK_STR(d->published, "2024-03-01");
    CHECK_STR(d->author, "Ngọc Lan");
    /* every paragraph is kept; single line breaks stay inside */
    CHECK_INT(d->nblocks, 10);
    CHECK(strstr(d->blocks[6].text, "Khối thi đua.\nDòng thứ hai") != NULL);
    CHECK_STR(d->blocks[9].text, "Lượt truy cập\nOnline");
    CHECK_STR(d->encoding, "utf-8");
    /* offsets are file offsets */
    CHECK_INT(d->blocks[0].src_start, 0);
    CHECK(!strncmp(page + d->blocks[t].src_start, "Khối thi đua", strlen("Khối thi đua")));
    td_doc_free(d);
}

TEST(text_date_without_time_is_not_publication)
{
    const char *s = "Thứ Ba, 05/12/2023\n\nKhối các Hội đặc thù ký kết giao ước thi đua năm 2023\n\n"
                    "Thứ Sáu, 03/03/2023\n\nNgày 3/3, Khối các Hội đặc thù đã tổ chức ký kết.\n";
    int rc;
    td_doc *d = from_string(s, strlen(s), &rc);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    CHECK_STR(d->title, "Khối các Hội đặc thù ký kết giao ước thi đua năm 2023");
    CHECK(d->published == NULL);
    td_doc_free(d);
}

TEST(text_bom_crlf_and_line_paragraphs)
{
    /* no blank line at all: one paragraph per line */
    const char *s = "\xEF\xBB\xBF" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\r\nĐộc lập - Tự do - Hạnh phúc\r\n"
                    "BÁO CÁO TỔNG KẾT CÔNG TÁC THI ĐUA KHỐI CÁC HUYỆN NĂM 2023\r\n"
                    "Năm 2023, các đơn vị trong Khối đã hoàn thành tốt nhiệm vụ, chỉ tiêu được giao.\r\n"
                    "Khối đã tổ chức nhiều hoạt động thiết thực, hiệu quả trong năm qua.\r\n";
    int rc;
    td_doc *d = from_string(s, strlen(s), &rc);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    CHECK_INT(d->nblocks, 5);
    /* the national header is not a title; an all-caps document title is,
     * when no mixed-case headline comes before the body */
    CHECK_STR(d->title, "BÁO CÁO TỔNG KẾT CÔNG TÁC THI ĐUA KHỐI CÁC HUYỆN NĂM 2023");
    CHECK_INT(d->blocks[2].kind, TD_BLOCK_TITLE);
    CHECK_STR(d->blocks[0].text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    CHECK(!strchr(d->blocks[3].text, '\r'));
    CHECK_INT(d->blocks[0].src_start, 3);
    td_doc_free(d);
}

TEST(text_no_headline)
{
    const char *s = "Năm 2023, Khối thi đua các doanh nghiệp nhà nước đã hoàn thành tốt các chỉ tiêu "
                    "được giao, trong đó có nhiều chỉ tiêu vượt kế hoạch, góp phần vào sự phát triển "
                    "chung của tỉnh; các đơn vị đã chủ động khắc phục khó khăn, đổi mới phương thức.\n\n"
                    "Các đơn vị đã ký giao ước thi đua năm 2024.\n";
    int rc;
    td_doc *d = from_string(s, strlen(s), &rc);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    CHECK(d->title == NULL);
    CHECK_INT(find_kind(d, TD_BLOCK_TITLE), -1);
    CHECK_INT(d->nblocks, 2);
    td_doc_free(d);
}

static void utf16(int be)
{
    const char *src = "Khối thi đua ký kết giao ước năm 2024\n\nHội nghị diễn ra sáng 22/02/2024.";
    td_buf b = TD_BUF_INIT;
    td_buf_append(&b, be ? "\xFE\xFF" : "\xFF\xFE", 2);
    for (const unsigned char *p = (const unsigned char *)src; *p;) {
        unsigned cp = *p, k = 1;
        if (cp >= 0xE0)
            cp = ((cp & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F), k = 3;
        else if (cp >= 0xC0)
            cp = ((cp & 0x1F) << 6) | (p[1] & 0x3F), k = 2;
        char u[2] = {(char)(be ? cp >> 8 : cp & 0xFF), (char)(be ? cp & 0xFF : cp >> 8)};
        td_buf_append(&b, u, 2);
        p += k;
    }
    int rc;
    td_doc *d = from_string(b.ptr, b.len, &rc);
    CHECK_INT(rc, TD_OK);
    if (d) {
        CHECK_STR(d->encoding, be ? "utf-16be" : "utf-16le");
        CHECK_INT(d->nblocks, 2);
        CHECK_STR(d->title, "Khối thi đua ký kết giao ước năm 2024");
        CHECK_STR(d->blocks[1].text, "Hội nghị diễn ra sáng 22/02/2024.");
        CHECK_INT(d->blocks[1].src_start, -1);
    }
    td_doc_free(d);
    td_buf_free(&b);
}

TEST(text_utf16_le_and_be)
{
    utf16(0);
    utf16(1);
}

static td_doc *from_file(const char *path, int *rc)
{
    td_doc *d = NULL;
    td_err e;
    *rc = extract_file(path, NULL, &d, &e);
    return d;
}

TEST(text_legacy_encodings)
{
    int rc;
    td_doc *d = from_file("tests/data/text/cp1258.txt", &rc);
    CHECK_INT(rc, TD_OK);
    if (d) {
        CHECK_STR(d->encoding, "windows-1258");
        CHECK_STR(d->title, "Khối thi đua các huyện, thị xã tổng kết công tác năm 2003");
        CHECK(d->nblocks == 3 && strstr(d->blocks[2].text, "2003.\nHội nghị đã bầu huyện Diên Khánh"));
    }
    td_doc_free(d);
    d = from_file("tests/data/text/tcvn3.txt", &rc);
    CHECK_INT(rc, TD_OK);
    if (d) {
        CHECK_STR(d->encoding, "tcvn3");
        CHECK_STR(d->title, "Khối thi đua các sở, ngành tổng kết công tác năm 2005");
        CHECK(d->nblocks == 3 && !strcmp(d->blocks[2].text,
                                         "Sở Giáo dục và Đào tạo làm Trưởng khối năm 2006."));
    }
    td_doc_free(d);
}

/* The five seed reports (../shared, when present): the reader's title must
 * be the title a careful reader took (gold.jsonl). */
TEST(text_seed_titles_match_gold)
{
    const char *shared = getenv("SHARED") ? getenv("SHARED") : "../shared";
    char path[1024];
    snprintf(path, sizeof path, "%s/seeds/gold.jsonl", shared);
    char *gold;
    size_t len;
    td_err e;
    if (td_read_file(path, 1 << 20, &gold, &len, &e) != TD_OK)
        SKIP("%s not found (set $SHARED)", path);
    int checked = 0;
    for (char *line = gold; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *id = strstr(line, "\"id\": \""), *title = strstr(line, "\"title\": \"");
        if (id && title) {
            id += 7;
            title += 10;
            *strchr(id, '"') = '\0';
            *strchr(title, '"') = '\0';
            snprintf(path, sizeof path, "%s/seeds/%s", shared, id);
            int rc;
            td_doc *d = from_file(path, &rc);
            CHECK_INT(rc, TD_OK);
            if (d) {
                CHECK_STR(d->title, title);
                checked++;
            }
            td_doc_free(d);
        }
        line = nl ? nl + 1 : NULL;
    }
    CHECK_INT(checked, 5);
    free(gold);
}

TEST(text_menu_lines_and_byline_under_title)
{
    const char *s = "Trang chủ  |  Giới thiệu  |  Tin tức  |  Văn bản\n"
                    "Cập nhật lúc 15:47, Thứ Hai, 15/07/2024\n\n"
                    "Chính trị  Xã hội  Kinh tế  Văn hóa\n\n"
                    "Khối thi đua các cơ quan Đảng tỉnh sơ kết 6 tháng đầu năm 2024\n\n"
                    "Minh Quân\n\n"
                    "Sáng ngày 12-7, Khối thi đua các cơ quan Đảng tỉnh tổ chức Hội nghị sơ kết "
                    "công tác thi đua, khen thưởng 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng "
                    "cuối năm 2024, với sự tham dự của lãnh đạo các đơn vị trong Khối.\n\n"
                    "Tin liên quan:\n- Khối thi đua tỉnh bạn sơ kết 6 tháng (10/07/2024)\n"
                    "- Một tin khác về hội nghị thi đua của tỉnh bạn năm nay (09/07/2024)\n"
                    "- Và một tin khác nữa về phong trào thi đua yêu nước (08/07/2024)\n";
    int rc;
    td_doc *d = from_string(s, strlen(s), &rc);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    CHECK_STR(d->title, "Khối thi đua các cơ quan Đảng tỉnh sơ kết 6 tháng đầu năm 2024");
    CHECK_STR(d->published, "2024-07-15");
    CHECK_STR(d->author, "Minh Quân");
    td_doc_free(d);
}
