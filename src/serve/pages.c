/* pages.c - the HTML pages of `thidua serve`, in Vietnamese.
 *
 *   /                 overview: documents per province and per year
 *                     (charts), latest ingests, recorded failures
 *   /search?q=&province=&year=&bloc=&format=&page=   search
 *   /doc/N            a document: its text with the sentence of every
 *                     fact highlighted, the facts beside it
 *   /blocs            the canonical blocs;  /bloc/N  one bloc: its names,
 *                     leaders by year, members and goals per year
 *   /compare?y1=&y2=&province=   two years side by side, with charts
 *
 * Every URL holds all the state of its page, so it can be bookmarked.
 * Values from reports are escaped where they are written (html.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon/canon.h"
#include "cli/json_out.h"
#include "serve/serve_int.h"

/* An HTML page with this status and the message (db errors: 503). */
static void db_error(serve_resp *out, const td_err *e)
{
    char m[TD_ERR_LEN + 64];
    snprintf(m, sizeof m, "Không đọc được cơ sở dữ liệu: %s", e->msg);
    serve_page_error(out, 503, m);
}

/* ---- overview ---------------------------------------------------------- */

static void count_chart(td_buf *b, const index_count *c, size_t n, size_t max)
{
    if (n > max)
        n = max;
    const char **labels = td_xcalloc(n ? n : 1, sizeof *labels);
    long *vals = td_xcalloc(n ? n : 1, sizeof *vals);
    for (size_t i = 0; i < n; i++) {
        labels[i] = c[i].key ? c[i].key : "(không rõ)";
        vals[i] = c[i].n;
    }
    if (n)
        serve_svg_bars(b, labels, vals, n);
    else
        td_buf_puts(b, "<p class=\"note\">Chưa có dữ liệu.</p>");
    free(labels);
    free(vals);
}

/* The blocs that reported in an earlier year but not in the latest year
 * any bloc reported. */
static void missing_blocs(td_buf *b, const canon_bloc *bl, size_t n)
{
    int last = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < bl[i].nyears; k++)
            if (bl[i].years[k].ndocs && bl[i].years[k].year > last)
                last = bl[i].years[k].year;
    if (!last)
        return;
    td_buf_printf(b, "<h2>Khối chưa có báo cáo năm %d</h2><ul>", last);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        int latest = 0;
        for (size_t k = 0; k < bl[i].nyears; k++)
            if (bl[i].years[k].ndocs && bl[i].years[k].year > latest)
                latest = bl[i].years[k].year;
        if (!latest || latest == last)
            continue;
        td_buf_printf(b, "<li><a href=\"/bloc/%ld\">", bl[i].id);
        serve_esc(b, bl[i].name);
        td_buf_printf(b, "</a> (báo cáo gần nhất: %d)</li>", latest);
        shown++;
    }
    td_buf_puts(b, shown ? "</ul>" : "<li>Không có.</li></ul>");
}

void serve_page_overview(const serve_req *r, serve_resp *out)
{
    td_err e;
    td_err_clear(&e);
    index_db *db;
    if (serve_db_get(r->ctx, &db, &e) != TD_OK)
        return db_error(out, &e);
    index_stats st;
    memset(&st, 0, sizeof st);
    index_recent_doc *rec = NULL;
    size_t nrec = 0;
    index_error *errs = NULL;
    size_t nerr = 0;
    long nblocs = 0;
    int rc = index_stats_get(db, &st, &e);
    if (rc == TD_OK)
        rc = index_recent(db, 10, &rec, &nrec, &e);
    if (rc == TD_OK)
        rc = index_errors_list(db, NULL, &errs, &nerr, &e);
    canon_bloc *bl = NULL;
    size_t nbl = 0;
    if (rc == TD_OK && canon_blocs(db, serve_rules_dir(r->ctx), NULL, &bl, &nbl, &e) == TD_OK)
        nblocs = (long)nbl;
    else
        nblocs = -1;
    serve_db_put(r->ctx, db);
    if (rc != TD_OK) {
        index_stats_free(&st);
        index_recent_free(rec, nrec);
        index_errors_free(errs, nerr);
        return db_error(out, &e);
    }
    td_buf *b = &out->body;
    serve_page_begin(b, "Tổng quan", "overview");
    td_buf_puts(b, "<h1>Tổng quan cơ sở dữ liệu</h1><p>");
    td_buf_printf(b, "<strong>%ld</strong> báo cáo, <strong>%ld</strong> dữ kiện",
                  st.documents, st.facts);
    if (nblocs >= 0)
        td_buf_printf(b, ", <strong>%ld</strong> khối thi đua", nblocs);
    td_buf_puts(b, " · định dạng: ");
    for (size_t i = 0; i < st.nformats; i++) {
        td_buf_puts(b, i ? ", " : "");
        serve_esc(b, st.formats[i].key);
        td_buf_printf(b, " %ld", st.formats[i].n);
    }
    td_buf_puts(b, "</p><div class=\"side\"><section><h2>Báo cáo theo tỉnh</h2>");
    count_chart(b, st.provinces, st.nprovinces, 40);
    td_buf_puts(b, "</section><section><h2>Báo cáo theo năm</h2>");
    count_chart(b, st.years, st.nyears, 40);
    td_buf_puts(b, "</section></div>");
    missing_blocs(b, bl, nbl);
    td_buf_puts(b, "<h2>Nạp gần đây</h2><table><tr><th>Mã</th>"
                   "<th>Tiêu đề</th><th>Tệp</th><th>Lúc (UTC)</th></tr>");
    for (size_t i = 0; i < nrec; i++) {
        td_buf_printf(b, "<tr><td>%ld</td><td><a href=\"/doc/%ld\">", rec[i].id, rec[i].id);
        serve_esc(b, rec[i].title && *rec[i].title ? rec[i].title : "(không có tiêu đề)");
        td_buf_puts(b, "</a></td><td class=\"src\">");
        serve_esc(b, rec[i].path);
        td_buf_puts(b, "</td><td>");
        serve_esc(b, rec[i].ingested_at);
        td_buf_puts(b, "</td></tr>");
    }
    td_buf_printf(b, "</table><h2>Tệp nạp lỗi (%zu)</h2>", nerr);
    if (nerr) {
        td_buf_puts(b, "<table><tr><th>Tệp</th><th>Lý do</th><th>Lúc (UTC)</th></tr>");
        /* newest first, at most 20 */
        for (size_t k = 0; k < nerr && k < 20; k++) {
            const index_error *x = &errs[nerr - 1 - k];
            td_buf_puts(b, "<tr><td class=\"src\">");
            serve_esc(b, x->path);
            td_buf_puts(b, "</td><td>");
            serve_esc(b, x->reason);
            td_buf_puts(b, "</td><td>");
            serve_esc(b, x->at);
            td_buf_puts(b, "</td></tr>");
        }
        td_buf_puts(b, "</table>");
    } else {
        td_buf_puts(b, "<p class=\"note\">Không có tệp nào lỗi.</p>");
    }
    serve_page_end(b);
    index_stats_free(&st);
    index_recent_free(rec, nrec);
    index_errors_free(errs, nerr);
    canon_blocs_free(bl, nbl);
}

/* ---- search ------------------------------------------------------------ */

/* The search URL with the current arguments and page p. */
static void search_url(td_buf *b, const serve_search_args *a, long p)
{
    td_buf_puts(b, "/search?q=");
    serve_urlenc(b, a->o.query);
    if (a->o.province) {
        td_buf_puts(b, "&amp;province=");
        serve_urlenc(b, a->o.province);
    }
    if (a->o.year)
        td_buf_printf(b, "&amp;year=%d", a->o.year);
    if (a->o.bloc) {
        td_buf_puts(b, "&amp;bloc=");
        serve_urlenc(b, a->o.bloc);
    }
    if (a->o.format) {
        td_buf_puts(b, "&amp;format=");
        serve_urlenc(b, a->o.format);
    }
    if (a->o.fold)
        td_buf_puts(b, "&amp;fold=1");
    if (p > 1)
        td_buf_printf(b, "&amp;page=%ld", p);
}

static void search_form(td_buf *b, const serve_req *r)
{
    static const char *const fmts[] = {"docx", "html", "text"};
    const char *fmt = serve_arg(r, "format");
    td_buf_puts(b, "<form class=\"search\" action=\"/search\" method=\"get\">"
                   "<input type=\"search\" name=\"q\" maxlength=\"500\" autofocus "
                   "placeholder=\"ví dụ: giao ước thi đua khánh hoà\" value=\"");
    serve_esc(b, serve_arg(r, "q"));
    td_buf_puts(b, "\"><input name=\"province\" placeholder=\"Tỉnh\" size=\"12\" value=\"");
    serve_esc(b, serve_arg(r, "province"));
    td_buf_puts(b, "\"><input name=\"year\" placeholder=\"Năm\" size=\"5\" inputmode=\"numeric\" "
                   "value=\"");
    serve_esc(b, serve_arg(r, "year"));
    td_buf_puts(b, "\"><input name=\"bloc\" placeholder=\"Khối\" size=\"14\" value=\"");
    serve_esc(b, serve_arg(r, "bloc"));
    td_buf_puts(b, "\"><select name=\"format\"><option value=\"\">mọi định dạng</option>");
    for (size_t i = 0; i < 3; i++)
        td_buf_printf(b, "<option%s>%s</option>",
                      fmt && strcmp(fmt, fmts[i]) == 0 ? " selected" : "", fmts[i]);
    const char *fold = serve_arg(r, "fold");
    td_buf_printf(b, "</select><label><input type=\"checkbox\" name=\"fold\" value=\"1\"%s> "
                     "bỏ qua dấu</label><button>Tìm</button></form>",
                  fold && *fold && strcmp(fold, "0") ? " checked" : "");
}

void serve_page_search(const serve_req *r, serve_resp *out)
{
    serve_search_args a;
    char msg[200];
    td_buf *b = &out->body;
    if (serve_search_args_read(r, &a, msg, sizeof msg) != 0) {
        out->status = 400;
        serve_page_begin(b, "Tìm kiếm", "search");
        search_form(b, r);
        td_buf_puts(b, "<p class=\"error\">");
        serve_esc(b, msg);
        td_buf_puts(b, "</p>");
        serve_page_end(b);
        return;
    }
    int any = a.o.query || a.o.province || a.o.bloc || a.o.format || a.o.year;
    serve_page_begin(b, a.o.query ? a.o.query : "Tìm kiếm", "search");
    search_form(b, r);
    if (!any) {
        td_buf_puts(b, "<p class=\"note\">Gõ có dấu hay không dấu đều được: "
                       "<em>khanh hoa</em> và <em>Khánh Hoà</em> tìm ra cùng các báo cáo. "
                       "Dùng \"...\" cho cụm từ, OR, NOT, NEAR(a b, 5).</p>");
        serve_page_end(b);
        return;
    }
    td_err e;
    td_err_clear(&e);
    index_db *db;
    if (serve_db_get(r->ctx, &db, &e) != TD_OK) {
        td_buf_clear(b);
        return db_error(out, &e);
    }
    index_hit *hits = NULL;
    size_t n = 0, first = 0, nstrict = 0;
    index_reading reading = INDEX_FOLDED;
    int rc = serve_search_run(db, &a, &hits, &n, &first, &reading, &nstrict, &e);
    serve_db_put(r->ctx, db);
    if (rc == TD_EUSAGE) {
        out->status = 400;
        td_buf_puts(b, "<p class=\"error\">Câu truy vấn không hợp lệ: ");
        serve_esc(b, e.msg);
        td_buf_puts(b, "</p>");
        serve_page_end(b);
        return;
    } else if (rc != TD_OK) {
        td_buf_clear(b);
        return db_error(out, &e);
    }
    if (reading == INDEX_FALLBACK)
        td_buf_printf(b, "<p class=\"note\">Chỉ có %zu kết quả khớp đúng dấu — hiển thị cả "
                         "kết quả không dấu.</p>", nstrict);
    if (n <= first)
        td_buf_puts(b, "<p>Không tìm thấy báo cáo nào.</p>");
    size_t last = n < first + SERVE_PAGE_SIZE ? n : first + SERVE_PAGE_SIZE;
    td_buf snip = TD_BUF_INIT;
    for (size_t i = first; i < last; i++) {
        const index_hit *h = &hits[i];
        td_buf_printf(b, "<div class=\"hit\"><h3><a href=\"/doc/%ld\">", h->id);
        serve_esc(b, h->title && *h->title ? h->title : h->path);
        td_buf_puts(b, "</a></h3><div class=\"src\">");
        serve_esc(b, h->path);
        td_buf_puts(b, " · ");
        serve_esc(b, h->format);
        td_buf_puts(b, "</div><div class=\"meta\">");
        serve_esc(b, h->province ? h->province : "tỉnh không rõ");
        if (h->year)
            td_buf_printf(b, " · %d", h->year);
        if (h->bloc) {
            td_buf_puts(b, " · ");
            serve_esc(b, h->bloc);
        }
        td_buf_puts(b, "</div><p class=\"snip\">");
        td_buf_clear(&snip);
        cli_search_snippet(h->snippet, CLI_MARK_OPEN, CLI_MARK_CLOSE, &snip);
        serve_esc_marked(b, snip.ptr);
        td_buf_puts(b, "</p></div>");
    }
    td_buf_free(&snip);
    td_buf_puts(b, "<p class=\"pager\">");
    if (a.page > 1) {
        td_buf_puts(b, "<a rel=\"prev\" href=\"");
        search_url(b, &a, a.page - 1);
        td_buf_puts(b, "\">← Trang trước</a>");
    }
    if (n > first)
        td_buf_printf(b, "<span>Trang %ld</span>", a.page);
    if (n > last && a.page < SERVE_MAX_PAGE) {
        td_buf_puts(b, "<a rel=\"next\" href=\"");
        search_url(b, &a, a.page + 1);
        td_buf_puts(b, "\">Trang sau →</a>");
    }
    td_buf_puts(b, "</p>");
    serve_page_end(b);
    index_hits_free(hits, n);
}

/* ---- document ---------------------------------------------------------- */

typedef struct span {
    long a, z;
} span;

static int span_cmp(const void *x, const void *y)
{
    const span *p = x, *q = y;
    return p->a < q->a ? -1 : p->a > q->a ? 1 : (p->z > q->z) - (p->z < q->z);
}

void serve_page_doc(const serve_req *r, serve_resp *out)
{
    long id;
    if (!serve_path_id(r->path, "/doc/", &id))
        return serve_page_error(out, 404, "Không có báo cáo này");
    td_err e;
    td_err_clear(&e);
    index_db *db;
    if (serve_db_get(r->ctx, &db, &e) != TD_OK)
        return db_error(out, &e);
    char key[24];
    snprintf(key, sizeof key, "%ld", id);
    index_docinfo *di = NULL;
    char *text = NULL;
    size_t len = 0;
    canon_doc_copy *cp = NULL;
    size_t ncp = 0;
    int rc = index_show(db, key, &di, &e);
    if (rc == TD_OK)
        rc = index_doc_text(db, id, &text, &len, &e);
    if (rc == TD_OK && canon_doc_copies(db, id, &cp, &ncp, &e) != TD_OK)
        ncp = 0;
    serve_db_put(r->ctx, db);
    if (rc != TD_OK) {
        index_docinfo_free(di);
        free(text);
        if (rc == TD_EUSAGE)
            return serve_page_error(out, 404, "Không có báo cáo này trong cơ sở dữ liệu");
        return db_error(out, &e);
    }
    /* the sentences of the facts, merged where they overlap; fact i
     * jumps to the merged span holding its sentence */
    span *sp = td_xcalloc(di->nfacts ? di->nfacts : 1, sizeof *sp);
    size_t ns = 0;
    for (size_t i = 0; i < di->nfacts; i++) {
        const index_fact_row *f = &di->facts[i];
        if (!f->sentence || !*f->sentence || f->sent_start < 0)
            continue;   /* metadata: no sentence in the text */
        long a = f->sent_start, z = a + (long)strlen(f->sentence);
        if (a >= (long)len)
            continue;
        if (z > (long)len)
            z = (long)len;
        sp[ns].a = a;
        sp[ns].z = z;
        ns++;
    }
    qsort(sp, ns, sizeof *sp, span_cmp);
    size_t nm = 0;
    for (size_t i = 0; i < ns; i++) {
        if (nm && sp[i].a < sp[nm - 1].z) {
            if (sp[i].z > sp[nm - 1].z)
                sp[nm - 1].z = sp[i].z;
        } else {
            sp[nm++] = sp[i];
        }
    }
    td_buf *b = &out->body;
    serve_page_begin(b, di->title && *di->title ? di->title : di->path, "");
    td_buf_puts(b, "<h1>");
    serve_esc(b, di->title && *di->title ? di->title : "(không có tiêu đề)");
    td_buf_puts(b, "</h1><p class=\"src\">");
    serve_esc(b, di->path);
    td_buf_puts(b, "</p><p class=\"meta\">");
    td_buf_printf(b, "Báo cáo %ld · ", di->id);
    serve_esc(b, di->format);
    if (di->published) {
        td_buf_puts(b, " · đăng ");
        serve_esc(b, di->published);
    }
    if (di->author) {
        td_buf_puts(b, " · ");
        serve_esc(b, di->author);
    }
    td_buf_puts(b, " · nạp lúc ");
    serve_esc(b, di->ingested_at);
    td_buf_printf(b, " UTC · <a href=\"/api/doc/%ld\">JSON</a></p>", di->id);
    if (ncp) {
        td_buf_puts(b, "<p class=\"note\">Bản đăng lại của cùng bài viết: ");
        for (size_t i = 0; i < ncp; i++) {
            td_buf_printf(b, "%s<a href=\"/doc/%ld\">", i ? ", " : "", cp[i].doc_id);
            serve_esc(b, cp[i].path);
            td_buf_printf(b, "</a> (%s%s)", cp[i].kind && strcmp(cp[i].kind, "exact") == 0
                                                ? "trùng khớp" : "gần giống",
                          cp[i].canonical ? ", bản được tính" : "");
        }
        td_buf_puts(b, "</p>");
    }
    td_buf_puts(b, "<div class=\"doc\"><div class=\"text\">");
    long pos = 0;
    for (size_t k = 0; k < nm; k++) {
        serve_escn(b, text + pos, (size_t)(sp[k].a - pos));
        td_buf_printf(b, "<mark id=\"s%zu\">", k + 1);
        serve_escn(b, text + sp[k].a, (size_t)(sp[k].z - sp[k].a));
        td_buf_puts(b, "</mark>");
        pos = sp[k].z;
    }
    serve_escn(b, text + pos, len - (size_t)pos);
    td_buf_printf(b, "</div><aside class=\"facts\"><h2>Dữ kiện (%zu)</h2><ol>", di->nfacts);
    for (size_t i = 0; i < di->nfacts; i++) {
        const index_fact_row *f = &di->facts[i];
        size_t k = 0;
        for (size_t j = 0; j < nm; j++)
            if (f->sentence && *f->sentence && f->sent_start >= sp[j].a &&
                f->sent_start < sp[j].z)
                k = j + 1;
        td_buf_puts(b, "<li><strong>");
        serve_esc(b, f->fact);
        td_buf_puts(b, "</strong>: ");
        if (f->value)
            serve_esc(b, f->value);
        else
            td_buf_printf(b, "%ld", f->num);
        if (f->extra) {
            td_buf_puts(b, " (");
            serve_esc(b, f->extra);
            td_buf_puts(b, ")");
        }
        if (f->year)
            td_buf_printf(b, " · %d", f->year);
        td_buf_puts(b, " <span class=\"rule\">quy tắc ");
        serve_esc(b, f->rule ? f->rule : "?");
        td_buf_puts(b, "</span>");
        if (k)
            td_buf_printf(b, " <a href=\"#s%zu\">→ câu</a>", k);
        td_buf_puts(b, "</li>");
    }
    td_buf_puts(b, "</ol></aside></div>");
    serve_page_end(b);
    free(sp);
    free(text);
    canon_doc_copies_free(cp, ncp);
    index_docinfo_free(di);
}

/* ---- blocs ------------------------------------------------------------- */

/* The canonical blocs matching f: TD_OK with *b, or an error page. */
static int load_blocs(const serve_req *r, serve_resp *out, const canon_filter *f,
                      canon_bloc **b, size_t *n)
{
    td_err e;
    td_err_clear(&e);
    index_db *db;
    *b = NULL;
    *n = 0;
    if (serve_db_get(r->ctx, &db, &e) != TD_OK) {
        db_error(out, &e);
        return TD_EDB;
    }
    int rc = canon_blocs(db, serve_rules_dir(r->ctx), f, b, n, &e);
    serve_db_put(r->ctx, db);
    if (rc == TD_EUSAGE) {
        char m[TD_ERR_LEN + 40];
        snprintf(m, sizeof m, "Bộ lọc không hợp lệ: %s", e.msg);
        serve_page_error(out, 400, m);
    } else if (rc != TD_OK) {
        db_error(out, &e);
    }
    return rc;
}

void serve_page_blocs(const serve_req *r, serve_resp *out)
{
    canon_filter f = {serve_arg_set(r, "province"), NULL, 0};
    canon_bloc *bl;
    size_t n;
    if (load_blocs(r, out, &f, &bl, &n) != TD_OK)
        return;
    td_buf *b = &out->body;
    serve_page_begin(b, "Khối thi đua", "blocs");
    td_buf_printf(b, "<h1>Khối thi đua (%zu)</h1><table><tr><th>Mã</th><th>Khối</th>"
                     "<th>Tỉnh</th><th>Năm có báo cáo</th><th>Trưởng khối gần nhất</th></tr>",
                  n);
    for (size_t i = 0; i < n; i++) {
        td_buf_printf(b, "<tr><td>%ld</td><td><a href=\"/bloc/%ld\">", bl[i].id, bl[i].id);
        serve_esc(b, bl[i].name);
        td_buf_puts(b, "</a></td><td>");
        serve_esc(b, bl[i].province);
        td_buf_puts(b, "</td><td>");
        const char *leader = NULL;
        for (size_t k = 0; k < bl[i].nyears; k++) {
            if (bl[i].years[k].ndocs)
                td_buf_printf(b, "%d ", bl[i].years[k].year);
            if (bl[i].years[k].leader)
                leader = bl[i].years[k].leader;
        }
        td_buf_puts(b, "</td><td>");
        serve_esc(b, leader ? leader : "—");
        td_buf_puts(b, "</td></tr>");
    }
    td_buf_puts(b, "</table><p><a href=\"/api/blocs\">JSON</a> · "
                   "<a href=\"/api/leaders\">JSON trưởng khối</a></p>");
    serve_page_end(b);
    canon_blocs_free(bl, n);
}

static int has(char **l, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(l[i], s) == 0)
            return 1;
    return 0;
}

void serve_page_bloc(const serve_req *r, serve_resp *out)
{
    long id;
    if (!serve_path_id(r->path, "/bloc/", &id))
        return serve_page_error(out, 404, "Không có khối này");
    char key[24];
    snprintf(key, sizeof key, "%ld", id);
    canon_filter f = {NULL, key, 0};
    canon_bloc *bl;
    size_t n;
    if (load_blocs(r, out, &f, &bl, &n) != TD_OK)
        return;
    const canon_bloc *x = NULL;
    for (size_t i = 0; i < n; i++)
        if (bl[i].id == id)
            x = &bl[i];
    if (!x) {
        canon_blocs_free(bl, n);
        return serve_page_error(out, 404, "Không có khối này trong cơ sở dữ liệu");
    }
    td_buf *b = &out->body;
    serve_page_begin(b, x->name, "blocs");
    td_buf_puts(b, "<h1>");
    serve_esc(b, x->name);
    td_buf_puts(b, "</h1><p class=\"meta\">");
    serve_esc(b, x->province ? x->province : "tỉnh không rõ");
    td_buf_printf(b, " · mã %ld</p><h2>Các tên gọi</h2><table><tr><th>Tên</th>"
                     "<th>Độ tin cậy</th><th>Cách gộp</th><th>Số báo cáo</th></tr>", x->id);
    for (size_t v = 0; v < x->nvariants; v++) {
        const canon_variant *cv = &x->variants[v];
        td_buf_puts(b, "<tr><td>");
        serve_esc(b, cv->name);
        td_buf_printf(b, "</td><td>%.2f</td><td>", cv->confidence);
        serve_esc(b, cv->how);
        if (cv->why) {
            td_buf_puts(b, ": ");
            serve_esc(b, cv->why);
        }
        td_buf_printf(b, "</td><td>%d</td></tr>", cv->docs);
    }
    td_buf_puts(b, "</table><h2>Trưởng khối, phó khối theo năm</h2><table><tr><th>Năm</th>"
                   "<th>Trưởng khối</th><th>Phó khối</th><th>Số thành viên</th>"
                   "<th>Báo cáo</th></tr>");
    for (size_t k = 0; k < x->nyears; k++) {
        const canon_year *y = &x->years[k];
        td_buf_printf(b, "<tr><td>%d</td><td>", y->year);
        serve_esc(b, y->leader ? y->leader : "—");
        td_buf_puts(b, "</td><td>");
        serve_esc(b, y->deputy ? y->deputy : "—");
        td_buf_puts(b, "</td><td>");
        if (y->member_count >= 0)
            td_buf_printf(b, "%ld", y->member_count);
        else if (y->nmembers)
            td_buf_printf(b, "%zu", y->nmembers);
        else
            td_buf_puts(b, "—");
        td_buf_puts(b, "</td><td>");
        for (size_t d = 0; d < y->ndocs; d++)
            td_buf_printf(b, "%s<a href=\"/doc/%ld\">%ld</a>", d ? ", " : "", y->docs[d],
                          y->docs[d]);
        td_buf_puts(b, "</td></tr>");
    }
    td_buf_puts(b, "</table><h2>Thành viên theo năm</h2>");
    const canon_year *prev = NULL;
    for (size_t k = 0; k < x->nyears; k++) {
        const canon_year *y = &x->years[k];
        if (!y->nmembers)
            continue;
        td_buf_printf(b, "<h3>%d (%zu)</h3><ul>", y->year, y->nmembers);
        for (size_t m = 0; m < y->nmembers; m++) {
            int joined = prev && !has(prev->members, prev->nmembers, y->members[m]);
            td_buf_printf(b, "<li%s>", joined ? " class=\"joined\"" : "");
            serve_esc(b, y->members[m]);
            td_buf_puts(b, joined ? " (mới)</li>" : "</li>");
        }
        for (size_t m = 0; prev && m < prev->nmembers; m++)
            if (!has(y->members, y->nmembers, prev->members[m])) {
                td_buf_puts(b, "<li class=\"left\">");
                serve_esc(b, prev->members[m]);
                td_buf_puts(b, "</li>");
            }
        td_buf_puts(b, "</ul>");
        prev = y;
    }
    td_buf_puts(b, "<h2>Mục tiêu theo năm</h2>");
    for (size_t k = 0; k < x->nyears; k++) {
        const canon_year *y = &x->years[k];
        if (!y->ngoals)
            continue;
        td_buf_printf(b, "<h3>%d</h3><ul>", y->year);
        for (size_t g = 0; g < y->ngoals; g++) {
            td_buf_puts(b, "<li>");
            serve_esc(b, y->goals[g]);
            td_buf_puts(b, "</li>");
        }
        td_buf_puts(b, "</ul>");
    }
    td_buf_printf(b, "<p><a href=\"/api/blocs?bloc=%ld\">JSON</a></p>", x->id);
    serve_page_end(b);
    canon_blocs_free(bl, n);
}

/* ---- compare ----------------------------------------------------------- */

void serve_page_compare(const serve_req *r, serve_resp *out)
{
    const char *s1 = serve_arg_set(r, "y1"), *s2 = serve_arg_set(r, "y2");
    const char *prov = serve_arg_set(r, "province");
    long y1 = 0, y2 = 0;
    td_buf *b = &out->body;
    int bad = (s1 || s2) && (!serve_parse_int(s1, 1900, 2100, &y1) ||
                             !serve_parse_int(s2, 1900, 2100, &y2) || y1 == y2);
    if (!s1 || !s2 || bad) {
        if (bad)
            out->status = 400;
        serve_page_begin(b, "So sánh", "compare");
        td_buf_puts(b, "<h1>So sánh hai năm</h1>");
        if (bad)
            td_buf_puts(b, "<p class=\"error\">Cần hai năm khác nhau, ví dụ 2023 và 2024.</p>");
        td_buf_puts(b, "<form class=\"search\" action=\"/compare\" method=\"get\">"
                       "<input name=\"y1\" placeholder=\"Năm 1\" size=\"5\" value=\"");
        serve_esc(b, s1);
        td_buf_puts(b, "\"><input name=\"y2\" placeholder=\"Năm 2\" size=\"5\" value=\"");
        serve_esc(b, s2);
        td_buf_puts(b, "\"><input name=\"province\" placeholder=\"Tỉnh (tuỳ chọn)\" value=\"");
        serve_esc(b, prov);
        td_buf_puts(b, "\"><button>So sánh</button></form>");
        serve_page_end(b);
        return;
    }
    canon_filter f = {prov, serve_arg_set(r, "bloc"), 0};
    canon_bloc *bl;
    size_t n;
    if (load_blocs(r, out, &f, &bl, &n) != TD_OK)
        return;
    cli_cmp_row *rows = NULL;
    size_t nr = 0;
    cli_compare_rows(serve_names(r->ctx), bl, n, (int)y1, (int)y2, &rows, &nr);
    char title[64];
    snprintf(title, sizeof title, "So sánh %ld và %ld", y1, y2);
    serve_page_begin(b, title, "compare");
    td_buf_printf(b, "<h1>So sánh %ld và %ld</h1><p class=\"note\">%zu khối có báo cáo "
                     "trong một trong hai năm · <a href=\"/api/compare?y1=%ld&amp;y2=%ld",
                  y1, y2, nr, y1, y2);
    if (prov) {
        td_buf_puts(b, "&amp;province=");
        serve_urlenc(b, prov);
    }
    td_buf_puts(b, "\">JSON</a></p>");
    for (size_t i = 0; i < nr; i++) {
        const cli_cmp_row *x = &rows[i];
        td_buf_printf(b, "<section><h2><a href=\"/bloc/%ld\">", x->b->id);
        serve_esc(b, x->b->name);
        td_buf_puts(b, "</a></h2><div class=\"side\">");
        for (int k = 0; k < 2; k++) {
            const canon_year *y = k ? x->y2 : x->y1;
            td_buf_printf(b, "<div><h3>%ld</h3>", k ? y2 : y1);
            if (!y) {
                td_buf_puts(b, "<p class=\"note\">Không có báo cáo.</p></div>");
                continue;
            }
            td_buf_puts(b, "<p>Trưởng khối: ");
            serve_esc(b, y->leader ? y->leader : "—");
            td_buf_puts(b, "<br>Phó khối: ");
            serve_esc(b, y->deputy ? y->deputy : "—");
            long c = k ? x->count2 : x->count1;
            if (c >= 0)
                td_buf_printf(b, "<br>Số thành viên: %ld", c);
            td_buf_printf(b, "<br>Mục tiêu: %zu</p></div>", y->ngoals);
        }
        td_buf_puts(b, "</div>");
        char l1[32], l2[32];
        snprintf(l1, sizeof l1, "thành viên %ld", y1);
        snprintf(l2, sizeof l2, "thành viên %ld", y2);
        const char *labels[] = {l1, l2, "gia nhập", "rời khối", "ở lại",
                                "mục tiêu mới", "mục tiêu bỏ", "mục tiêu giữ"};
        long vals[] = {x->count1, x->count2, (long)x->joined, (long)x->left, (long)x->kept,
                       (long)x->gnew, (long)x->gdropped, (long)x->gkept};
        serve_svg_bars(b, labels, vals, 8);
        if (!x->members_listed)
            td_buf_puts(b, "<p class=\"note\">Thành viên chỉ so được khi cả hai năm có "
                           "danh sách.</p>");
        td_buf_puts(b, "</section>");
    }
    serve_page_end(b);
    free(rows);
    canon_blocs_free(bl, n);
}
