/* test_html.c - the HTML reader: main text, furniture removal, title, date,
 * byline, encodings, legacy fonts, tables, limits and bad pages.  Pages are
 * in tests/data/html/ (the unit runner starts in the repository root). */
#include <stdlib.h>

#include "unit.h"
#include "core/td.h"
#include "extract/extract.h"
#include "extract/text_util.h"

#define HDIR "tests/data/html/"

static td_doc *load(const char *path, int *rc, td_err *e)
{
    td_doc *d = NULL;
    td_err_clear(e);
    *rc = extract_file(path, NULL, &d, e);
    return d;
}

/* All block texts joined by "\n\n" (what `extract --text` prints, minus
 * NFC, which the pages already are). */
static char *joined(const td_doc *d)
{
    td_buf b = TD_BUF_INIT;
    for (size_t i = 0; i < d->nblocks; i++) {
        if (i)
            td_buf_puts(&b, "\n\n");
        td_buf_append(&b, d->blocks[i].text, d->blocks[i].len);
    }
    return td_buf_detach(&b);
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

TEST(html_portal_main_text_only)
{
    int rc;
    td_err e;
    td_doc *d = load(HDIR "portal.html", &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    char *t = joined(d);
    /* the article */
    CHECK(strstr(t, "Sáng 22/02/2024, Khối thi đua các Hội đặc thù tỉnh") != NULL);
    CHECK(strstr(t, "Hội Luật gia tỉnh làm Phó khối") != NULL);
    CHECK(strstr(t, "Quang cảnh Hội nghị ký kết giao ước thi đua.") != NULL);
    CHECK(strstr(t, "chuyển đổi số trong hoạt động của các Hội.") != NULL);
    /* <br> is a line break inside its paragraph */
    CHECK(strstr(t, "năm 2024.\nCác đơn vị thành viên") != NULL);
    /* the furniture */
    static const char *const junk[] = {
        "Điện Biên", "Sơn La", "Quảng Trị", "Kon Tum", "Lào Cai", "Hải Dương",
        "Tin mới", "Đọc nhiều", "Bài viết liên quan", "Lượt truy cập",
        "truy cập", "Khảo sát", "OCOP", "Bình chọn", "Tổng số điểm",
        "đánh giá bài viết", "Chia sẻ", "A- A A+", "In bài viết",
        "Ý kiến bạn đọc", "Họ và tên", "Mã xác nhận", "Gửi bình luận",
        "Trang chủ", "Thời sự", "Cơ quan chủ quản", "Địa chỉ", "Bản quyền",
        "ĐOÀN KẾT", "Trời nắng", "_gaq", "display:inline", NULL};
    for (size_t i = 0; junk[i]; i++)
        if (strstr(t, junk[i]))
            unit_fail(__FILE__, __LINE__, "boilerplate kept: \"%s\"", junk[i]);
    /* title first, once, without the site name */
    CHECK_INT(d->blocks[0].kind, TD_BLOCK_TITLE);
    CHECK_STR(d->title, "Khối thi đua các Hội đặc thù tỉnh ký kết giao ước thi đua năm 2024");
    CHECK_INT(count(t, "Hội đặc thù tỉnh ký kết giao ước thi đua năm 2024"), 1);
    CHECK_STR(d->published, "2024-02-23");
    CHECK_STR(d->author, "Mai Thảo");
    CHECK_STR(d->encoding, "utf-8");
    int items = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        items += d->blocks[i].kind == TD_BLOCK_LIST_ITEM;
    CHECK_INT(items, 3);
    free(t);
    td_doc_free(d);
}

TEST(html_portal_offsets_point_into_the_file)
{
    int rc;
    td_err e;
    td_doc *d = load(HDIR "portal.html", &rc, &e);
    char *raw = NULL;
    size_t len = 0;
    td_read_file(HDIR "portal.html", 1 << 20, &raw, &len, &e);
    if (!d || !raw) {
        CHECK(0);
        free(raw);
        td_doc_free(d);
        return;
    }
    for (size_t i = 0; i < d->nblocks; i++) {
        td_block *b = &d->blocks[i];
        CHECK(b->src_start >= 0 && b->src_end > b->src_start && (size_t)b->src_end <= len);
        if (b->src_start < 0 || b->src_end <= b->src_start || (size_t)b->src_end > len)
            continue;
        /* the first words of the block lie inside its span */
        size_t k = b->len < 12 ? b->len : 12;
        while (k < b->len && ((unsigned char)b->text[k] & 0xC0) == 0x80)
            k++;
        char *span = td_xstrndup(raw + b->src_start, (size_t)(b->src_end - b->src_start));
        char *head = td_xstrndup(b->text, k);
        if (!strstr(span, head))
            unit_fail(__FILE__, __LINE__, "block %zu \"%s\" not in its span", i, head);
        free(span);
        free(head);
    }
    free(raw);
    td_doc_free(d);
}

TEST(html_table_layout_2000s)
{
    int rc;
    td_err e;
    td_doc *d = load(HDIR "table2000.html", &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    char *t = joined(d);
    CHECK(strstr(t, "Ngày 02/3/2007, Khối thi đua các sở, ngành Nội chính") != NULL);
    CHECK(strstr(t, "Sở Tư pháp làm Phó khối năm 2007.\nCác đơn vị đã ký kết") != NULL);
    static const char *const junk[] = {"Tin khác", "Bắc Hà", "Tây Giang", "Nam Lâm",
        "Lượt truy cập", "0123456", "In bài viết", "Gửi email", "Quay lại",
        "Giới thiệu chung", "Hỏi đáp", "Địa chỉ", "Ghi rõ nguồn", "Trang chủ", NULL};
    for (size_t i = 0; junk[i]; i++)
        if (strstr(t, junk[i]))
            unit_fail(__FILE__, __LINE__, "boilerplate kept: \"%s\"", junk[i]);
    CHECK_STR(d->title, "Khối thi đua các sở, ngành Nội chính tổng kết công tác thi đua năm 2006");
    CHECK_STR(d->published, "2007-03-05");
    CHECK_STR(d->author, "Theo Báo Đông Sơn");
    /* two <br> split paragraphs; a layout table gives paragraphs, not cells */
    CHECK_INT(d->nblocks, 5);
    for (size_t i = 1; i < d->nblocks; i++)
        CHECK_INT(d->blocks[i].kind, TD_BLOCK_PARA);
    free(t);
    td_doc_free(d);
}

TEST(html_malformed_recovers)
{
    int rc;
    td_err e;
    td_doc *d = load(HDIR "malformed.html", &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    char *t = joined(d);
    CHECK(strstr(t, "Chiều 14/7/2023, Khối thi đua Mặt trận") != NULL);
    CHECK(strstr(t, "nông dân sản xuất, kinh doanh giỏi.") != NULL);
    CHECK(!strstr(t, "Đắk Lắk") && !strstr(t, "Gia Lai") && !strstr(t, "Lê Duẩn"));
    CHECK(!strstr(t, "Liên hệ"));
    /* no h1: the heading that opens the article is the title */
    CHECK_STR(d->title, "Khối thi đua Mặt trận và các đoàn thể sơ kết 6 tháng đầu năm 2023");
    CHECK_INT(count(t, "sơ kết 6 tháng đầu năm 2023"), 1);
    CHECK_STR(d->author, "Nguyễn Hà");
    int items = 0, cells = 0;
    for (size_t i = 0; i < d->nblocks; i++) {
        td_block *b = &d->blocks[i];
        items += b->kind == TD_BLOCK_LIST_ITEM;
        if (b->kind == TD_BLOCK_TABLE_CELL) {
            cells++;
            if (!strcmp(b->text, "Tỉnh đoàn")) {
                CHECK_INT(b->row, 2);
                CHECK_INT(b->col, 0);
            }
            if (!strcmp(b->text, "95")) {
                CHECK_INT(b->row, 1);
                CHECK_INT(b->col, 1);
            }
        }
    }
    CHECK_INT(items, 2);
    CHECK_INT(cells, 6);
    free(t);
    td_doc_free(d);
}

TEST(html_meta_and_html5)
{
    int rc;
    td_err e;
    td_doc *d = load(HDIR "meta.html", &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    char *t = joined(d);
    /* the h1 in the article header, not the site logo nor <title> */
    CHECK_STR(d->title, "Liên đoàn Lao động tỉnh làm Trưởng khối thi đua năm 2025");
    CHECK_INT(count(t, "Trưởng khối thi đua năm 2025"), 1);
    CHECK(!strstr(t, "Cổng thông tin"));
    /* meta article:published_time wins over <time> */
    CHECK_STR(d->published, "2025-01-16");
    CHECK_STR(d->author, "Thu Hà");
    CHECK(!strstr(t, "Facebook") && !strstr(t, "Zalo") && !strstr(t, "Nam Lâm"));
    CHECK(strstr(t, "Tỉnh đoàn làm Phó khối năm 2025") != NULL);
    int found = 0;
    for (size_t i = 0; i < d->nblocks; i++) {
        td_block *b = &d->blocks[i];
        if (b->kind == TD_BLOCK_TABLE_CELL && !strcmp(b->text, "Xếp loại")) {
            CHECK_INT(b->row, 0);
            CHECK_INT(b->col, 2);
            found++;
        }
    }
    CHECK_INT(found, 1);
    free(t);
    td_doc_free(d);
}

TEST(html_vntime_fonts)
{
    int rc;
    td_err e;
    td_doc *d = load(HDIR "vntime.html", &rc, &e);
    char *want = NULL;
    size_t wl;
    td_read_file(HDIR "vntime.expected", 1 << 20, &want, &wl, &e);
    CHECK_INT(rc, TD_OK);
    if (d && want) {
        char *t = joined(d);
        while (wl && want[wl - 1] == '\n')
            want[--wl] = '\0';
        CHECK_STR(t, want);
        CHECK_STR(d->title, "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH TỔNG KẾT CÔNG TÁC NĂM 2006");
        free(t);
    }
    free(want);
    td_doc_free(d);
}

TEST(html_windows_1258_declared_and_guessed)
{
    static const char *const files[] = {HDIR "cp1258.html", HDIR "cp1258-nodecl.html"};
    for (int i = 0; i < 2; i++) {
        int rc;
        td_err e;
        td_doc *d = load(files[i], &rc, &e);
        CHECK_INT(rc, TD_OK);
        if (!d)
            continue;
        char *t = joined(d);
        CHECK_STR(d->encoding, "windows-1258");
        CHECK(strstr(t, "Khối gồm 8 đơn vị: Sở Kế hoạch và Đầu tư, Sở Tài chính") != NULL);
        CHECK(strstr(t, "nội dung đã ký kết – nhất là cải cách hành chính.") != NULL);
        CHECK_STR(d->title, "Khối thi đua Khối Kinh tế tổng hợp sơ kết 6 tháng");
        CHECK(!strstr(t, "Bản quyền") && !strstr(t, "Thời sự"));
        /* decoded text has no offsets in the file */
        CHECK_INT(d->blocks[1].src_start, -1);
        free(t);
        td_doc_free(d);
    }
}

TEST(html_utf16_page)
{
    /* "<html><body><p>Hội nghị ...</p></body></html>" as UTF-16LE with BOM */
    const char *src = "<html><head><title>Tiêu đề trang</title></head><body><div class=\"content\">"
                      "<p>Hội nghị ký kết giao ước thi đua năm 2024 của Khối thi đua các cơ quan tỉnh, "
                      "với sự tham dự của các đơn vị thành viên.</p></div></body></html>";
    td_buf b = TD_BUF_INIT;
    td_buf_append(&b, "\xFF\xFE", 2);
    for (const unsigned char *p = (const unsigned char *)src; *p;) {
        unsigned cp = *p, k = 1;
        if (cp >= 0xE0)
            cp = ((cp & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F), k = 3;
        else if (cp >= 0xC0)
            cp = ((cp & 0x1F) << 6) | (p[1] & 0x3F), k = 2;
        char u[2] = {(char)(cp & 0xFF), (char)(cp >> 8)};
        td_buf_append(&b, u, 2);
        p += k;
    }
    td_doc *d = NULL;
    td_err e;
    int rc = extract_buffer("p16.html", b.ptr, b.len, NULL, &d, &e);
    CHECK_INT(rc, TD_OK);
    if (d) {
        CHECK_INT(d->format, TD_FMT_HTML);
        CHECK_STR(d->encoding, "utf-16le");
        CHECK_STR(d->title, "Tiêu đề trang");
        CHECK(d->nblocks == 2 && strstr(d->blocks[1].text, "với sự tham dự") != NULL);
    }
    td_doc_free(d);
    td_buf_free(&b);
}

TEST(html_bad_pages)
{
    int rc;
    td_err e;
    td_doc *d = load(HDIR "empty.html", &rc, &e);
    CHECK_INT(rc, TD_EEMPTY);
    CHECK(d == NULL);
    d = load(HDIR "nobody.html", &rc, &e);
    CHECK_INT(rc, TD_EEMPTY);
    CHECK(d == NULL);
    CHECK(strstr(e.msg, "no article text") != NULL);
    CHECK(strstr(e.path, "nobody.html") != NULL);
}

static char *nested(int depth, size_t *len)
{
    td_buf b = TD_BUF_INIT;
    td_buf_puts(&b, "<html><body>");
    for (int i = 0; i < depth; i++)
        td_buf_puts(&b, "<div>");
    td_buf_puts(&b, "Văn bản nằm rất sâu trong trang, với nhiều thẻ lồng nhau.");
    for (int i = 0; i < depth; i++)
        td_buf_puts(&b, "</div>");
    td_buf_puts(&b, "</body></html>");
    *len = b.len;
    return td_buf_detach(&b);
}

TEST(html_deep_nesting_is_a_limit)
{
    size_t len;
    char *p = nested(100000, &len);
    td_doc *d = NULL;
    td_err e;
    int rc = extract_buffer("deep.html", p, len, NULL, &d, &e);
    CHECK_INT(rc, TD_ELIMIT);
    CHECK(d == NULL);
    free(p);

    /* within libxml2's limit but beyond ours */
    extract_opts o;
    extract_opts_default(&o);
    o.max_depth = 50;
    p = nested(100, &len);
    rc = extract_buffer("deep100.html", p, len, &o, &d, &e);
    CHECK_INT(rc, TD_ELIMIT);
    CHECK(strstr(e.msg, "50") != NULL);
    /* and fine with the default */
    rc = extract_buffer("deep100.html", p, len, NULL, &d, &e);
    CHECK_INT(rc, TD_OK);
    CHECK(d && d->nblocks == 1 && strstr(d->blocks[0].text, "rất sâu"));
    td_doc_free(d);
    free(p);
}

TEST(html_keep_boilerplate_option)
{
    extract_opts o;
    extract_opts_default(&o);
    o.keep_boilerplate = 1;
    char *raw;
    size_t len;
    td_err e;
    td_doc *d = NULL;
    CHECK_INT(td_read_file(HDIR "portal.html", 1 << 20, &raw, &len, &e), TD_OK);
    CHECK_INT(extract_buffer("portal.html", raw, len, &o, &d, &e), TD_OK);
    if (d) {
        char *t = joined(d);
        CHECK(strstr(t, "Lượt truy cập") && strstr(t, "Đọc nhiều"));
        CHECK(!strstr(t, "_gaq"));
        free(t);
    }
    td_doc_free(d);
    free(raw);
}

TEST(text_util_ui_phrases)
{
#define UI(s) extract_ui_phrase(s, strlen(s))
    CHECK_INT(UI("Bài viết liên quan"), EXTRACT_UI_SECTION);
    CHECK_INT(UI("Tin khác:"), EXTRACT_UI_SECTION);
    CHECK_INT(UI("Lượt truy cập"), EXTRACT_UI_COUNTER);
    CHECK_INT(UI("Số lượt truy cập : 10145028"), EXTRACT_UI_COUNTER);
    CHECK_INT(UI("Online"), EXTRACT_UI_COUNTER);
    CHECK_INT(UI("Khảo sát"), EXTRACT_UI_POLL);
    CHECK_INT(UI("A- A A+ | Chia sẻ bài viết lên facebook Chia sẻ bài viết lên twitter"),
              EXTRACT_UI_TOOLBAR);
    CHECK_INT(UI("Cộng hòa xã hội chủ nghĩa Việt Nam"), EXTRACT_UI_MOTTO);
    /* real sentences that merely contain such words */
    CHECK_INT(UI("Các đơn vị chia sẻ kinh nghiệm tổ chức phong trào thi đua."), EXTRACT_UI_NONE);
    CHECK_INT(UI("Bình chọn 10 sự kiện tiêu biểu của tỉnh năm 2023"), EXTRACT_UI_NONE);
    CHECK_INT(UI("Tin mới nhất về hội nghị ký kết giao ước thi đua của các khối"), EXTRACT_UI_NONE);
#undef UI
}

TEST(text_util_bylines_and_dates)
{
#define BY(s) extract_is_byline(s, strlen(s))
    CHECK(BY("Mai Thảo"));
    CHECK(BY(" Thái Hoàn"));
    CHECK(BY("Vũ Hùng, Phòng Nghiệp Vụ"));
    CHECK(BY("Theo Báo Hải Dương"));
    CHECK(BY("(Theo TTXVN)"));
    CHECK(!BY("Bài viết liên quan"));
    CHECK(!BY("Video clip"));
    CHECK(!BY("Quang cảnh Hội nghị"));
    CHECK(!BY("Năm 2024"));
    CHECK(BY("H.N"));
    CHECK(BY("T.T"));
    CHECK(BY("Nguồn: Báo Lạng Sơn"));
    CHECK(!BY("TP.HCM"));
#undef BY
#define NAV(s) extract_is_nav_line(s, strlen(s))
    CHECK(NAV("Chính trị  Xã hội  Kinh tế  Văn hóa  Thể thao"));
    CHECK(NAV("Trang chủ > Tin tức - Sự kiện > Hoạt động của ngành"));
    CHECK(NAV("Giới thiệu | Tin tức | Văn bản | Liên hệ"));
    CHECK(NAV("Tây Ninh Online - Thời sự"));
    CHECK(!NAV("Khối thi đua MTTQ và các tổ chức chính trị - xã hội tỉnh tổng kết năm 2022"));
    CHECK(!NAV("Báo Nghệ An được suy tôn dẫn đầu Khối thi đua năm 2022"));
#undef NAV
    int y, m, d, t;
    const char *s = "Thứ Bảy, 15/06/2024 17:21";
    CHECK(extract_is_date_line(s, strlen(s), &y, &m, &d, &t));
    CHECK(y == 2024 && m == 6 && d == 15 && t == 1);
    s = "Cập nhật: 5-3-2007";
    CHECK(extract_is_date_line(s, strlen(s), &y, &m, &d, &t) && t == 0 && m == 3 && d == 5);
    s = "2025-01-16T08:30:00+07:00";
    CHECK(extract_find_date(s, strlen(s), &y, &m, &d, NULL) && y == 2025 && d == 16);
    s = "Sáng 22/02/2024, Khối thi đua Mặt trận tổ chức hội nghị ký kết giao ước";
    CHECK(!extract_is_date_line(s, strlen(s), &y, &m, &d, &t));
    s = "31/02/2024";
    CHECK(!extract_find_date(s, strlen(s), &y, &m, &d, NULL));
    /* English month names, either order; a numeric date wins */
    s = "March 11, 2024, 6:02 p.m. ET";
    CHECK(extract_is_date_line(s, strlen(s), &y, &m, &d, &t));
    CHECK(y == 2024 && m == 3 && d == 11 && t == 1);
    s = "Updated 3 Sept. 2023";
    CHECK(extract_find_date(s, strlen(s), &y, &m, &d, NULL) && y == 2023 && m == 9 && d == 3);
    s = "May 5, 2024 (cập nhật 06/05/2024)";
    CHECK(extract_find_date(s, strlen(s), &y, &m, &d, NULL) && m == 5 && d == 6);
    s = "Tổng công ty May 10 năm 2024";
    CHECK(!extract_find_date(s, strlen(s), &y, &m, &d, NULL));
    s = "February 30, 2024";
    CHECK(!extract_find_date(s, strlen(s), &y, &m, &d, NULL));
}

TEST(html_div_paragraphs_and_related_list)
{
    int rc;
    td_err e;
    td_doc *d = load(HDIR "related.html", &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    char *t = joined(d);
    CHECK_STR(d->title, "Khối thi đua Nội chính tỉnh ký kết giao ước thi đua năm 2022");
    CHECK_STR(d->published, "2022-02-15");
    CHECK_STR(d->author, "Hoàng Minh");
    CHECK(strstr(t, "Viện Kiểm sát nhân dân tỉnh làm Phó khối") != NULL);
    /* the date stamp, the related list (links or not), font-size and
     * visitor widgets are gone */
    static const char *const junk[] = {"Cập nhật", "Tin liên quan", "Bình Định", "Phú Yên",
                                       "Gia Lai", "Cỡ chữ", "A+", "online", "Hôm nay", "Sơn La", NULL};
    for (size_t i = 0; junk[i]; i++)
        if (strstr(t, junk[i]))
            unit_fail(__FILE__, __LINE__, "boilerplate kept: \"%s\"", junk[i]);
    CHECK_INT(d->nblocks, 4);
    free(t);
    td_doc_free(d);
}

TEST(html_comment_thread_and_form_wrapper)
{
    /* the whole page sits in an ASP.NET <form>; reader comments hold most
     * of the text; " - Xã hội" in the heading is not a site name */
    int rc;
    td_err e;
    td_doc *d = load(HDIR "comments.html", &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    char *t = joined(d);
    CHECK_STR(d->title, "Tổng kết Khối thi đua Văn hóa - Xã hội năm 2023");
    CHECK_INT(d->nblocks, 3);
    CHECK(strstr(t, "Sở Y tế làm Trưởng khối") != NULL);
    CHECK(!strstr(t, "Hòa Bình") && !strstr(t, "Bạn đọc") && !strstr(t, "Bình luận"));
    CHECK(!strstr(t, "Trang chủ"));
    free(t);
    td_doc_free(d);
}

TEST(html_title_site_suffix)
{
    static const struct {
        const char *title, *want;
    } cases[] = {
        {"Khối thi đua ký kết giao ước năm 2024 - Báo Khánh Hòa",
         "Khối thi đua ký kết giao ước năm 2024"},
        {"Khối thi đua ký kết giao ước năm 2024 | Cổng thông tin điện tử tỉnh Kon Tum",
         "Khối thi đua ký kết giao ước năm 2024"},
        {"Cổng TTĐT tỉnh Hải Dương | Khối thi đua ký kết giao ước năm 2024",
         "Khối thi đua ký kết giao ước năm 2024"},
        {"Khối thi đua Mặt trận và các tổ chức chính trị - xã hội tỉnh",
         "Khối thi đua Mặt trận và các tổ chức chính trị - xã hội tỉnh"},
        {"Tổng kết Khối thi đua Văn hóa - Xã hội năm 2023",
         "Tổng kết Khối thi đua Văn hóa - Xã hội năm 2023"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        td_buf b = TD_BUF_INIT;
        td_buf_printf(&b, "<html><head><meta charset=\"utf-8\"><title>%s</title></head><body>"
                          "<p>Hội nghị đã diễn ra với sự tham dự của đại diện các đơn vị, "
                          "các đơn vị đã ký kết giao ước thi đua.</p></body></html>",
                      cases[i].title);
        td_doc *d = NULL;
        td_err e;
        CHECK_INT(extract_buffer("t.html", b.ptr, b.len, NULL, &d, &e), TD_OK);
        if (d)
            CHECK_STR(d->title, cases[i].want);
        td_doc_free(d);
        td_buf_free(&b);
    }
}

TEST(html_saved_from_word)
{
    /* MS Office HTML: <o:p> is not a paragraph, <![if ...]> is not text,
     * and the bare <title> "BÁO CÁO" gives way to the headline */
    int rc;
    td_err e;
    td_doc *d = load(HDIR "word.html", &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    char *t = joined(d);
    CHECK(!strstr(t, "<!["));
    CHECK(!strstr(t, "endif"));
    CHECK_STR(d->title, "Tổng kết công tác thi đua Khối các cơ quan tỉnh năm 2010");
    CHECK_INT(d->nblocks, 5);
    /* the headline comes first, once; the type line keeps its place */
    CHECK_INT(d->blocks[0].kind, TD_BLOCK_TITLE);
    CHECK_STR(d->blocks[0].text, d->title);
    CHECK_STR(d->blocks[1].text, "BÁO CÁO");
    for (size_t i = 1; i < d->nblocks; i++)
        CHECK(d->blocks[i].kind != TD_BLOCK_TITLE && strcmp(d->blocks[i].text, d->title));
    CHECK(strstr(t, "\n\n- Tổ chức tốt các phong trào thi đua yêu nước.\n\n") != NULL);
    for (size_t i = 0; i < d->nblocks; i++)
        CHECK(d->blocks[i].src_start > 0 && d->blocks[i].src_end > d->blocks[i].src_start);
    free(t);
    td_doc_free(d);
}

static td_doc *load_str(const char *html)
{
    td_doc *d = NULL;
    td_err e;
    td_err_clear(&e);
    extract_buffer("t.html", html, strlen(html), NULL, &d, &e);
    return d;
}

#define LONG_P "<p>Khối thi đua các sở, ngành tổ chức hội nghị tổng kết công tác thi đua, " \
               "khen thưởng năm 2024, thống nhất các nội dung giao ước thi đua năm 2025, "   \
               "bầu Trưởng khối, Phó Trưởng khối.</p>"

TEST(html_hidden_by_class_and_aria)
{
    td_doc *d = load_str(
        "<html><head><title>Tin tức</title></head><body><div class=\"content\">"
        LONG_P LONG_P
        "<p class=\"sr-only\">SR-ONLY-TEXT</p><span aria-hidden=\"true\">ARIA-TEXT</span>"
        "<p class=\"d-none\">DNONE-TEXT</p>"
        "<p class=\"d-none d-md-block\">Hiện trên màn hình rộng, vẫn là bài viết.</p>"
        "<p class=\"overflow-hidden\">Đoạn văn có lớp overflow-hidden vẫn hiện.</p>"
        LONG_P "</div></body></html>");
    CHECK(d != NULL);
    if (!d)
        return;
    char *t = joined(d);
    CHECK(!strstr(t, "SR-ONLY-TEXT") && !strstr(t, "ARIA-TEXT") && !strstr(t, "DNONE-TEXT"));
    CHECK(strstr(t, "Hiện trên màn hình rộng") != NULL);
    CHECK(strstr(t, "overflow-hidden vẫn hiện") != NULL);
    free(t);
    td_doc_free(d);
}

TEST(html_comment_thread_without_class_hints)
{
    /* five posts, each with a date stamp of its own, longer than the
     * article together: not the article */
    td_buf h = TD_BUF_INIT;
    td_buf_puts(&h, "<html><head><title>Khối thi đua các sở, ngành tổng kết năm 2024</title></head>"
                    "<body><div class=\"a\"><h1>Khối thi đua các sở, ngành tổng kết năm 2024</h1>"
                    "<div class=\"b\">" LONG_P LONG_P "</div><div class=\"list\">");
    for (int i = 0; i < 5; i++)
        td_buf_printf(&h, "<div class=\"item\"><b>Bạn đọc %d</b> <span>0%d/01/2025 10:1%d</span>"
                          "<p>POST-%d: Ý kiến rất dài của bạn đọc, có nhiều dấu phẩy, về hội nghị, "
                          "về các đơn vị, về tiêu chí chấm điểm, về khen thưởng, về năm sau.</p>"
                          "<a href=\"#\">Trả lời</a></div>",
                      i, i + 1, i, i);
    td_buf_puts(&h, "</div></div></body></html>");
    td_doc *d = load_str(h.ptr);
    td_buf_free(&h);
    CHECK(d != NULL);
    if (!d)
        return;
    char *t = joined(d);
    CHECK(!strstr(t, "POST-"));
    CHECK(count(t, "bầu Trưởng khối") == 2);
    CHECK_INT(d->blocks[0].kind, TD_BLOCK_TITLE);
    free(t);
    td_doc_free(d);

    /* a dated timeline in the article (no pictures, no action links) stays */
    td_buf_puts(&h, "<html><body><div class=\"content\">" LONG_P "<div class=\"tl\">");
    for (int i = 0; i < 4; i++)
        td_buf_printf(&h, "<div class=\"step\"><span>0%d/03/2025</span><p>STEP-%d: các đơn vị "
                          "trong Khối gửi báo cáo, tự chấm điểm và đề nghị khen thưởng.</p></div>",
                      i + 1, i);
    td_buf_puts(&h, "</div>" LONG_P "</div></body></html>");
    d = load_str(h.ptr);
    td_buf_free(&h);
    CHECK(d != NULL);
    if (!d)
        return;
    t = joined(d);
    CHECK_INT(count(t, "STEP-"), 4);
    free(t);
    td_doc_free(d);
}

/* Script texts are cut before parsing (html.c): the blocks after them
 * still point at their own bytes of the page, and a script holding markup
 * or a '>' in a quoted attribute does not end early.  (JSON-LD scripts
 * are kept: t322's recover-jsonld.html.) */
TEST(html_script_cut_keeps_offsets)
{
    const char *page =
        "<html><head><title>Khối thi đua Nội chính ký kết giao ước</title>"
        "<script src=\"a.js?x=1>2\" async>var s = '<p>NOT-TEXT</p>'; if (a<b) f();</script>"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"headline\":\"Khối thi đua Nội chính ký kết giao ước\"}</script>"
        "<style>.x{color:red}</style></head><body>"
        "<script>document.write('<div>NOT-TEXT-2</div>');</script>"
        "<div class=\"content\"><p>FIRST: Sáng 12/3, Khối thi đua Nội chính tỉnh tổ chức hội nghị "
        "ký kết giao ước thi đua năm 2025 với sự tham dự của lãnh đạo các đơn vị.</p>"
        "<SCRIPT>for (i = 0; i < 3; i++) { x += '</scr' + 'ipt>'; }</SCRIPT>"
        "<p>SECOND: Các đơn vị thống nhất năm nội dung thi đua trọng tâm, trong đó "
        "có cải cách hành chính và chuyển đổi số.</p>"
        "<script></script><p>THIRD: Hội nghị bầu Sở Tư pháp làm Trưởng khối, "
        "Thanh tra tỉnh làm Phó Trưởng khối năm 2025.</p></div></body></html>";
    td_doc *d = load_str(page);
    CHECK(d != NULL);
    if (!d)
        return;
    char *t = joined(d);
    CHECK(!strstr(t, "NOT-TEXT"));
    static const char *const heads[] = {"FIRST:", "SECOND:", "THIRD:"};
    for (int k = 0; k < 3; k++) {
        CHECK_INT(count(t, heads[k]), 1);
        int seen = 0;
        for (size_t i = 0; i < d->nblocks; i++) {
            td_block *b = &d->blocks[i];
            if (strncmp(b->text, heads[k], strlen(heads[k])) != 0)
                continue;
            seen = 1;
            CHECK(b->src_start >= 0 && b->src_end > b->src_start &&
                  (size_t)b->src_end <= strlen(page));
            if (b->src_start >= 0 && (size_t)b->src_start + strlen(heads[k]) <= strlen(page))
                CHECK(strstr(page + b->src_start, heads[k]) != NULL &&
                      strstr(page + b->src_start, heads[k]) - (page + b->src_start) < 8);
        }
        CHECK(seen);
    }
    free(t);
    td_doc_free(d);
}
