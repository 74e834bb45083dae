/* test_docx.c - the DOCX reader seen through extract_buffer: block kinds,
 * levels, table coordinates, source spans, parts, properties, limits and a
 * zip entry whose header lies.  Packages are built in memory with libzip
 * from the fixtures in tests/data/docx/ (run from the repository root) or
 * from XML given inline. */
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/td.h"
#include "extract/extract.h"
#include "unit.h"

#define FX "tests/data/docx/"
#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

typedef struct entry {
    const char *name;
    const char *data;   /* NULL: read from file */
    const char *file;
} entry;

static char *slurp(const char *path, size_t *len)
{
    char *data = NULL;
    td_err e;
    if (td_read_file(path, 1u << 24, &data, len, &e) != TD_OK)
        return NULL;
    return data;
}

/* A zip in memory holding the entries; caller frees. */
static char *build_zip(const entry *ents, size_t n, size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    zip_source_keep(src);
    char *owned[32];
    size_t nowned = 0;
    for (size_t i = 0; i < n; i++) {
        const char *data = ents[i].data;
        size_t dlen;
        if (!data) {
            char *d = slurp(ents[i].file, &dlen);
            if (!d)
                continue;
            owned[nowned++] = d;
            data = d;
        } else {
            dlen = strlen(data);
        }
        zip_source_t *s = zip_source_buffer(za, data, dlen, 0);
        zip_file_add(za, ents[i].name, s, ZIP_FL_ENC_UTF_8);
    }
    zip_close(za);
    for (size_t i = 0; i < nowned; i++)
        free(owned[i]);
    zip_stat_t st;
    zip_source_open(src);
    zip_source_stat(src, &st);
    char *out = malloc(st.size + 1);
    *len = (size_t)zip_source_read(src, out, st.size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    return out;
}

static td_doc *read_entries(const entry *ents, size_t n, const extract_opts *o,
                            int *rc, td_err *e)
{
    size_t len;
    char *zip = build_zip(ents, n, &len);
    td_doc *d = NULL;
    td_err_clear(e);
    *rc = extract_buffer("t.docx", zip, len, o, &d, e);
    free(zip);
    return d;
}

static const td_block *find_block(const td_doc *d, const char *text)
{
    for (size_t i = 0; i < d->nblocks; i++)
        if (strcmp(d->blocks[i].text, text) == 0)
            return &d->blocks[i];
    return NULL;
}

#define COMMON                                                                  \
    {"[Content_Types].xml", NULL, FX "_common/[Content_Types].xml"},           \
    {"_rels/.rels", NULL, FX "_common/_rels/.rels"}

TEST(docx_kinds_and_properties)
{
    entry ents[] = {
        COMMON,
        {"word/document.xml", NULL, FX "features/word/document.xml"},
        {"word/styles.xml", NULL, FX "features/word/styles.xml"},
        {"word/_rels/document.xml.rels", NULL, FX "features/word/_rels/document.xml.rels"},
        {"docProps/core.xml", NULL, FX "features/docProps/core.xml"},
    };
    int rc;
    td_err e;
    td_doc *d = read_entries(ents, sizeof ents / sizeof ents[0], NULL, &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    CHECK(d->nblocks > 5);
    CHECK_INT(d->blocks[0].kind, TD_BLOCK_TITLE);
    CHECK_INT(d->blocks[1].kind, TD_BLOCK_HEADING);
    CHECK_INT(d->blocks[1].level, 1);
    CHECK_INT(d->blocks[2].level, 2);   /* localized id, name "heading 2" */
    CHECK_INT(d->blocks[3].level, 3);   /* outlineLvl 2 in the style */
    CHECK_INT(d->blocks[4].kind, TD_BLOCK_HEADING);   /* basedOn Heading1 */
    CHECK_INT(d->blocks[4].level, 1);
    CHECK_INT(d->blocks[5].kind, TD_BLOCK_PARA);
    /* the Title-styled paragraph, not core.xml's "Báo cáo tổng kết Khối thi đua số 5" */
    CHECK_STR(d->title, "Báo cáo tổng kết năm 2024");
    CHECK_STR(d->author, "Nguyễn Văn A");
    CHECK_STR(d->published, "2024-12-20");
    CHECK_STR(d->modified, "2025-01-03T10:15:00Z");
    CHECK_STR(d->encoding, "utf-8");

    /* source spans are exact: the paragraph's own tags in document.xml */
    size_t xlen;
    char *xml = slurp(FX "features/word/document.xml", &xlen);
    for (size_t i = 0; xml && i < d->nblocks; i++) {
        const td_block *b = &d->blocks[i];
        CHECK_STR(b->part, "word/document.xml");
        CHECK(b->src_start >= 0 && b->src_end > b->src_start && (size_t)b->src_end <= xlen);
        if (b->src_start < 0 || b->src_end <= b->src_start)
            continue;
        CHECK(strncmp(xml + b->src_start, "<w:p>", 5) == 0);
        CHECK(strncmp(xml + b->src_end - 6, "</w:p>", 6) == 0);
    }
    const td_block *b = find_block(d, "Xem cổng thông tin của Khánh Hòa năm nay");
    CHECK(b != NULL);
    if (b && xml) {
        char *span = strndup(xml + b->src_start, (size_t)(b->src_end - b->src_start));
        CHECK(strstr(span, "cổng thông tin") != NULL);
        CHECK(strstr(span, "22/02/2024") == NULL);   /* the next paragraph */
        free(span);
    }
    free(xml);
    td_doc_free(d);
}

TEST(docx_table_cells)
{
    entry ents[] = {COMMON, {"word/document.xml", NULL, FX "tables/word/document.xml"}};
    int rc;
    td_err e;
    td_doc *d = read_entries(ents, sizeof ents / sizeof ents[0], NULL, &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    const td_block *b = find_block(d, "Trước bảng");
    CHECK(b && b->kind == TD_BLOCK_PARA && b->row == -1 && b->col == -1);
    struct { const char *text; int row, col; } want[] = {
        {"Đơn vị", 0, 0}, {"Xếp hạng", 0, 2}, {"Sở Nội vụ\ntỉnh", 1, 0},
        {"98,5 - hạng Nhất", 1, 1}, {"Ghi chú", 2, 1}, {"x", 2, 2},
        {"A1", 0, 0}, {"B1", 0, 1},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        b = find_block(d, want[i].text);
        CHECK(b != NULL);
        if (!b)
            continue;
        CHECK_INT(b->kind, TD_BLOCK_TABLE_CELL);
        CHECK_INT(b->row, want[i].row);
        CHECK_INT(b->col, want[i].col);
    }
    td_doc_free(d);
}

TEST(docx_lists_and_notes)
{
    entry lists[] = {
        COMMON,
        {"word/document.xml", NULL, FX "lists/word/document.xml"},
        {"word/numbering.xml", NULL, FX "lists/word/numbering.xml"},
        {"word/styles.xml", NULL, FX "lists/word/styles.xml"},
        {"word/_rels/document.xml.rels", NULL, FX "lists/word/_rels/document.xml.rels"},
    };
    int rc;
    td_err e;
    td_doc *d = read_entries(lists, sizeof lists / sizeof lists[0], NULL, &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (d) {
        const td_block *b = find_block(d, "b) ý b");
        CHECK(b && b->kind == TD_BLOCK_LIST_ITEM && b->level == 1);
        b = find_block(d, "Gạch đầu dòng");
        CHECK(b && b->kind == TD_BLOCK_LIST_ITEM && b->level == 0);
        b = find_block(d, "Không đánh số");
        CHECK(b && b->kind == TD_BLOCK_PARA);
        td_doc_free(d);
    }
    entry notes[] = {
        COMMON,
        {"word/document.xml", NULL, FX "notes/word/document.xml"},
        {"word/footnotes.xml", NULL, FX "notes/word/footnotes.xml"},
        {"word/endnotes.xml", NULL, FX "notes/word/endnotes.xml"},
        {"word/_rels/document.xml.rels", NULL, FX "notes/word/_rels/document.xml.rels"},
    };
    d = read_entries(notes, sizeof notes / sizeof notes[0], NULL, &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (d) {
        const td_block *b = find_block(d, "[1] Chú thích một\nđoạn hai");
        CHECK(b && b->kind == TD_BLOCK_NOTE);
        CHECK(b && b->part && strcmp(b->part, "word/footnotes.xml") == 0);
        b = find_block(d, "[2] Ghi chú cuối");
        CHECK(b && b->kind == TD_BLOCK_NOTE);
        CHECK(b && b->part && strcmp(b->part, "word/endnotes.xml") == 0);
        CHECK_INT(d->blocks[d->nblocks - 1].kind, TD_BLOCK_NOTE);
        td_doc_free(d);
    }
}

TEST(docx_title_fallback_and_no_core)
{
    entry ents[] = {
        {"word/document.xml", "<w:document " W_NS "><w:body>"
         "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Tiêu đề</w:t></w:r></w:p>"
         "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Lần hai</w:t></w:r></w:p>"
         "</w:body></w:document>", NULL},
    };
    int rc;
    td_err e;
    td_doc *d = read_entries(ents, 1, NULL, &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    CHECK_INT(d->nblocks, 2);
    CHECK_INT(d->blocks[0].kind, TD_BLOCK_TITLE);
    CHECK_INT(d->blocks[1].kind, TD_BLOCK_HEADING);   /* only the first is the title */
    CHECK_STR(d->title, "Tiêu đề");
    CHECK(d->author == NULL && d->published == NULL);
    td_doc_free(d);
}

TEST(docx_limits_from_options)
{
    char big[6000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    char *xml = malloc(sizeof big + 200);
    snprintf(xml, sizeof big + 200,
             "<w:document " W_NS "><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>",
             big);
    entry ents[] = {{"word/document.xml", xml, NULL}};
    extract_opts o;
    extract_opts_default(&o);
    o.max_entry = 1000;
    int rc;
    td_err e;
    td_doc *d = read_entries(ents, 1, &o, &rc, &e);
    CHECK_INT(rc, TD_ELIMIT);
    CHECK(d == NULL);
    CHECK(strstr(e.msg, "expands beyond 1000 bytes") != NULL);

    extract_opts_default(&o);
    o.max_total = 3000;
    d = read_entries(ents, 1, &o, &rc, &e);
    CHECK_INT(rc, TD_ELIMIT);
    CHECK(strstr(e.msg, "in total") != NULL);

    extract_opts_default(&o);
    o.max_depth = 3;   /* document/body/p/r is already deeper */
    d = read_entries(ents, 1, &o, &rc, &e);
    CHECK_INT(rc, TD_ELIMIT);
    CHECK(strstr(e.msg, "nests deeper than 3") != NULL);
    free(xml);
}

/* Patch the uncompressed size of every entry in both the local headers and
 * the central directory. */
static void patch_sizes(char *zip, size_t len, uint32_t size)
{
    unsigned char le[4] = {size & 0xff, (size >> 8) & 0xff, (size >> 16) & 0xff,
                           (size >> 24) & 0xff};
    for (size_t i = 0; i + 46 <= len; i++) {
        if (memcmp(zip + i, "PK\3\4", 4) == 0)
            memcpy(zip + i + 22, le, 4);
        else if (memcmp(zip + i, "PK\1\2", 4) == 0)
            memcpy(zip + i + 24, le, 4);
    }
}

TEST(docx_lying_header_is_refused)
{
    /* 2 MB of one repeated paragraph that claims to be 300 bytes */
    size_t n = 2u << 20;
    char *xml = malloc(n + 64);
    const char *head = "<w:document " W_NS "><w:body>";
    size_t o = strlen(head);
    memcpy(xml, head, o);
    while (o + 40 < n) {
        memcpy(xml + o, "<w:p><w:r><w:t>x</w:t></w:r></w:p>", 34);
        o += 34;
    }
    strcpy(xml + o, "</w:body></w:document>");
    entry ents[] = {{"word/document.xml", xml, NULL}};
    size_t len;
    char *zip = build_zip(ents, 1, &len);
    free(xml);
    patch_sizes(zip, len, 300);
    td_doc *d = NULL;
    td_err e;
    td_err_clear(&e);
    int rc = extract_buffer("lie.docx", zip, len, NULL, &d, &e);
    CHECK(rc == TD_EFORMAT || rc == TD_ELIMIT);
    CHECK(d == NULL);
    CHECK(e.msg[0] != '\0');
    free(zip);
}

TEST(docx_malformed_parts)
{
    entry bad_doc[] = {{"word/document.xml", "<w:document " W_NS "><w:body><w:p></w:body>", NULL}};
    int rc;
    td_err e;
    td_doc *d = read_entries(bad_doc, 1, NULL, &rc, &e);
    CHECK_INT(rc, TD_EFORMAT);
    CHECK(d == NULL);
    CHECK(strncmp(e.msg, "malformed xml in 'word/document.xml' (line 1: ", 46) == 0);
    CHECK(strchr(e.msg, '\n') == NULL);

    /* a broken styles part only loses the styles */
    entry bad_styles[] = {
        {"word/document.xml", "<w:document " W_NS "><w:body><w:p><w:r><w:t>Vẫn đọc</w:t>"
                              "</w:r></w:p></w:body></w:document>", NULL},
        {"word/styles.xml", "<w:styles " W_NS "><w:style>", NULL},
    };
    d = read_entries(bad_styles, 2, NULL, &rc, &e);
    CHECK_INT(rc, TD_OK);
    CHECK(d && d->nblocks == 1 && strcmp(d->blocks[0].text, "Vẫn đọc") == 0);
    td_doc_free(d);
}

#define THEME                                                                     \
    "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">" \
    "<a:themeElements><a:fontScheme><a:majorFont><a:latin typeface=\"Arial\"/>"   \
    "</a:majorFont><a:minorFont><a:latin typeface=\".VnTime\"/></a:minorFont>"    \
    "</a:fontScheme></a:themeElements></a:theme>"

TEST(docx_legacy_fonts_resolved_per_run)
{
    /* TCVN3 through a theme font in docDefaults; a direct Unicode font
     * overrides it; VNI split over two runs; a cs run uses the cs font;
     * a soft hyphen element in a TCVN3 run */
    entry ents[] = {
        {"word/theme/theme1.xml", THEME, NULL},
        {"word/styles.xml", "<w:styles " W_NS "><w:docDefaults><w:rPrDefault><w:rPr>"
         "<w:rFonts w:asciiTheme=\"minorHAnsi\" w:hAnsiTheme=\"minorHAnsi\"/>"
         "</w:rPr></w:rPrDefault></w:docDefaults></w:styles>", NULL},
        {"word/document.xml", "<w:document " W_NS "><w:body>"
         "<w:p><w:r><w:t>C\xc3\xa9ng h\xc3\x9f" "a</w:t></w:r></w:p>"
         "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/>"
         "</w:rPr><w:t>C\xc3\xa9ng</w:t></w:r></w:p>"
         "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"VNI-Times\" w:hAnsi=\"VNI-Times\"/></w:rPr>"
         "<w:t>Vie</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii=\"VNI-Times\" w:hAnsi=\"VNI-Times\"/>"
         "<w:b/></w:rPr><w:t>\xc3\xa4t Nam</w:t></w:r></w:p>"
         "<w:p><w:r><w:rPr><w:rFonts w:hAnsi=\"Times New Roman\" w:cs=\".VnTimeH\"/><w:cs/>"
         "</w:rPr><w:t>c\xc3\xa9ng</w:t></w:r></w:p>"
         "<w:p><w:r><w:t>ng</w:t><w:softHyphen/><w:t>\xc3\xaai</w:t></w:r></w:p>"
         "</w:body></w:document>", NULL},
    };
    int rc;
    td_err e;
    td_doc *d = read_entries(ents, sizeof ents / sizeof ents[0], NULL, &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    CHECK_INT(d->nblocks, 5);
    if (d->nblocks == 5) {
        CHECK_STR(d->blocks[0].text, "Cộng hòa");
        CHECK_STR(d->blocks[1].text, "Céng");
        CHECK_STR(d->blocks[2].text, "Việt Nam");
        CHECK_STR(d->blocks[3].text, "CỘNG");
        CHECK_STR(d->blocks[4].text, "người");   /* w:softHyphen is byte 0xAD */
    }
    td_doc_free(d);
}

/* A document.xml whose body is the given paragraphs ("|" separates them;
 * "T:" starts a Title-styled one, "H:" a Heading1, "C:" a table cell). */
static td_doc *read_paras(const char *paras, const char *core, int *rc, td_err *e)
{
    td_buf x = TD_BUF_INIT;
    td_buf_puts(&x, "<w:document " W_NS "><w:body>");
    char *copy = strdup(paras);
    for (char *p = strtok(copy, "|"); p; p = strtok(NULL, "|")) {
        const char *style = NULL;
        int cell = 0;
        if (strncmp(p, "T:", 2) == 0)
            style = "Title", p += 2;
        else if (strncmp(p, "H:", 2) == 0)
            style = "Heading1", p += 2;
        else if (strncmp(p, "C:", 2) == 0)
            cell = 1, p += 2;
        if (cell)
            td_buf_puts(&x, "<w:tbl><w:tr><w:tc>");
        td_buf_puts(&x, "<w:p>");
        if (style)
            td_buf_printf(&x, "<w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
        td_buf_puts(&x, "<w:r><w:t xml:space=\"preserve\">");
        for (char *c = p; *c; c++) {
            if (*c == '/' && c[1] == '/')
                td_buf_puts(&x, "</w:t><w:br/><w:t xml:space=\"preserve\">"), c++;
            else
                td_buf_putc(&x, *c);
        }
        td_buf_puts(&x, "</w:t></w:r></w:p>");
        if (cell)
            td_buf_puts(&x, "</w:tc></w:tr></w:tbl>");
    }
    free(copy);
    td_buf_puts(&x, "</w:body></w:document>");
    char *corexml = NULL;
    if (core) {
        td_buf c = TD_BUF_INIT;
        td_buf_printf(&c, "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
                      "package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/"
                      "elements/1.1/\"><dc:title>%s</dc:title></cp:coreProperties>", core);
        corexml = td_buf_detach(&c);
    }
    entry ents[] = {
        {"word/document.xml", x.ptr, NULL},
        {"docProps/core.xml", corexml ? corexml : "", NULL},
    };
    td_doc *d = read_entries(ents, corexml ? 2 : 1, NULL, rc, e);
    td_buf_free(&x);
    free(corexml);
    return d;
}

#define HEADER "C:ỦY BAN NHÂN DÂN TỈNH//KHỐI THI ĐUA SỐ 3//Số: 01/BC-K3|"          \
               "C:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM//Độc lập - Tự do - Hạnh phúc|" \
               "Sơn La, ngày 12 tháng 01 năm 2023|"
#define BODY "Ngày 10/01/2023, tại Sở Kế hoạch và Đầu tư, Khối tổ chức hội nghị "    \
             "tổng kết công tác thi đua, khen thưởng năm 2022 với sự tham dự của lãnh " \
             "đạo các đơn vị thành viên."

static int count_kind(const td_doc *d, td_block_kind k)
{
    int n = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        n += d->blocks[i].kind == k;
    return n;
}

TEST(docx_title_from_official_header)
{
    struct {
        const char *paras, *core, *want;
    } cases[] = {
        /* type line, subject over two paragraphs; junk dc:title ignored */
        {HEADER "BÁO CÁO|Tổng kết công tác thi đua năm 2022|của Khối thi đua số 3|" BODY,
         "Bao cao tong ket Khoi 3 nam 2022",
         "Tổng kết công tác thi đua năm 2022 của Khối thi đua số 3"},
        /* type and subject in one paragraph split by a line break */
        {HEADER "THÔNG BÁO//Kết quả Hội nghị ký kết giao ước thi đua năm 2023|" BODY,
         "Microsoft Word - tb.doc", "Kết quả Hội nghị ký kết giao ước thi đua năm 2023"},
        /* the type line itself Title-styled */
        {HEADER "T:BIÊN BẢN|Hội nghị sơ kết công tác thi đua 6 tháng đầu năm|" BODY, NULL,
         "Hội nghị sơ kết công tác thi đua 6 tháng đầu năm"},
        /* a subject in capitals under the type line, after the header */
        {HEADER "BÁO CÁO|TỔNG KẾT CÔNG TÁC THI ĐUA NĂM 2022|" BODY, NULL,
         "TỔNG KẾT CÔNG TÁC THI ĐUA NĂM 2022"},
        /* a header in plain paragraphs, no layout table */
        {"ỦY BAN NHÂN DÂN TỈNH|SỞ NỘI VỤ|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|"
         "Độc lập - Tự do - Hạnh phúc|Số: 12/KH-SNV|Sơn La, ngày 02 tháng 02 năm 2024|"
         "KẾ HOẠCH|Tổ chức Hội nghị ký kết giao ước thi đua năm 2024|" BODY, "KH 2024",
         "Tổ chức Hội nghị ký kết giao ước thi đua năm 2024"},
        /* a heading above the body, no official header */
        {"H:Khối thi đua số 3 tổng kết năm 2022|" BODY, "Template title", "Khối thi đua số 3 tổng kết năm 2022"},
        /* a section heading is not a title; dc:title said in the text is */
        {"Khối thi đua số 3 tổng kết năm 2022|" BODY "|H:I. KẾT QUẢ", "Khối thi đua số 3 tổng kết năm 2022",
         "Khối thi đua số 3 tổng kết năm 2022"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int rc;
        td_err e;
        td_doc *d = read_paras(cases[k].paras, cases[k].core, &rc, &e);
        CHECK_INT(rc, TD_OK);
        if (!d)
            continue;
        CHECK_STR(d->title, cases[k].want);
        /* the title comes first and exactly once */
        CHECK_INT(d->blocks[0].kind, TD_BLOCK_TITLE);
        CHECK_STR(d->blocks[0].text, cases[k].want);
        CHECK_INT(count_kind(d, TD_BLOCK_TITLE), 1);
        for (size_t i = 1; i < d->nblocks; i++)
            CHECK(strstr(d->blocks[i].text, cases[k].want) == NULL);
        td_doc_free(d);
    }
}

TEST(docx_no_title_when_nothing_reads_as_one)
{
    int rc;
    td_err e;
    /* only prose and a junk dc:title that the text does not say */
    td_doc *d = read_paras(BODY "|" BODY, "BC tong ket 2025", &rc, &e);
    CHECK_INT(rc, TD_OK);
    if (!d)
        return;
    CHECK(d->title == NULL);
    CHECK_INT(count_kind(d, TD_BLOCK_TITLE), 0);
    /* the type line stays in place when the title is cut out of it */
    td_doc_free(d);
    d = read_paras(HEADER "BÁO CÁO//Tổng kết công tác thi đua năm 2022|" BODY, NULL, &rc, &e);
    if (!d)
        return;
    const td_block *b = find_block(d, "BÁO CÁO");
    CHECK(b && b->kind == TD_BLOCK_PARA);
    td_doc_free(d);
}
