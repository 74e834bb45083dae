/* html.c - HTML for `thidua serve`: escaping, the page around every
 * view, error pages, bar charts as inline SVG, and the stylesheet.
 *
 * Every string that comes from a report, a file name or a request goes
 * through serve_esc (or serve_esc_marked, serve_urlenc) where it is
 * written: no value is trusted to be free of markup.  The pages carry no
 * script, and the Content-Security-Policy of server.c forbids one.
 */
#include <stdio.h>
#include <string.h>

#include "cli/json_out.h"
#include "serve/serve_int.h"

void serve_escn(td_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\0': rep = ""; break;
        default: continue;
        }
        td_buf_append(b, s + run, i - run);
        td_buf_puts(b, rep);
        run = i + 1;
    }
    td_buf_append(b, s + run, n - run);
}

void serve_esc(td_buf *b, const char *s)
{
    if (s)
        serve_escn(b, s, strlen(s));
}

void serve_esc_marked(td_buf *b, const char *s)
{
    if (!s)
        return;
    while (*s) {
        size_t n = strcspn(s, CLI_MARK_OPEN CLI_MARK_CLOSE);
        serve_escn(b, s, n);
        s += n;
        if (*s == CLI_MARK_OPEN[0])
            td_buf_puts(b, "<mark>");
        else if (*s == CLI_MARK_CLOSE[0])
            td_buf_puts(b, "</mark>");
        if (*s)
            s++;
    }
}

void serve_urlenc(td_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            td_buf_putc(b, (char)c);
        } else {
            td_buf_putc(b, '%');
            td_buf_putc(b, hex[c >> 4]);
            td_buf_putc(b, hex[c & 15]);
        }
    }
}

void serve_page_begin(td_buf *b, const char *title, const char *nav)
{
    static const struct {
        const char *id, *href, *label;
    } items[] = {
        {"overview", "/", "Tổng quan"},
        {"search", "/search", "Tìm kiếm"},
        {"blocs", "/blocs", "Khối thi đua"},
        {"compare", "/compare", "So sánh"},
    };
    td_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                   "<title>");
    serve_esc(b, title);
    td_buf_puts(b, " · thidua</title><link rel=\"stylesheet\" href=\"/assets/style.css\">"
                   "</head>\n<body><header><a class=\"brand\" href=\"/\">thidua</a><nav>");
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        td_buf_printf(b, "<a href=\"%s\"%s>%s</a>", items[i].href,
                      nav && strcmp(nav, items[i].id) == 0 ? " class=\"on\"" : "",
                      items[i].label);
    td_buf_puts(b, "</nav><form class=\"quick\" action=\"/search\" method=\"get\">"
                   "<input type=\"search\" name=\"q\" placeholder=\"Tìm báo cáo…\" "
                   "maxlength=\"500\"></form></header>\n<main>\n");
}

void serve_page_end(td_buf *b)
{
    td_buf_puts(b, "\n</main><footer>thidua " TD_VERSION
                   " · dữ liệu chỉ đọc, phục vụ trên máy này</footer></body></html>\n");
}

void serve_page_error(serve_resp *r, int status, const char *msg)
{
    r->status = status;
    r->type = "text/html; charset=utf-8";
    td_buf_clear(&r->body);
    char title[64];
    snprintf(title, sizeof title, "Lỗi %d", status);
    serve_page_begin(&r->body, title, "");
    td_buf_printf(&r->body, "<h1>Lỗi %d</h1><p class=\"error\">", status);
    serve_esc(&r->body, msg);
    td_buf_puts(&r->body, "</p><p><a href=\"/\">Về trang tổng quan</a></p>");
    serve_page_end(&r->body);
}

void serve_json_error(serve_resp *r, int status, const char *msg)
{
    r->status = status;
    r->type = "application/json; charset=utf-8";
    td_buf_clear(&r->body);
    td_buf_printf(&r->body, "{\"error\":");
    td_json_str(&r->body, msg);
    td_buf_printf(&r->body, ",\"status\":%d}\n", status);
}

void serve_svg_bars(td_buf *b, const char *const *labels, const long *vals, size_t n)
{
    long max = 1;
    for (size_t i = 0; i < n; i++)
        if (vals[i] > max)
            max = vals[i];
    const int row = 20, lw = 200, bw = 300;
    td_buf_printf(b, "<svg class=\"bars\" role=\"img\" width=\"%d\" height=\"%zu\" "
                     "viewBox=\"0 0 %d %zu\" xmlns=\"http://www.w3.org/2000/svg\">",
                  lw + bw + 60, n * row + 4, lw + bw + 60, n * row + 4);
    for (size_t i = 0; i < n; i++) {
        long v = vals[i] < 0 ? 0 : vals[i];
        long w = v * bw / max;
        size_t y = i * row + 2;
        td_buf_printf(b, "<text x=\"%d\" y=\"%zu\" text-anchor=\"end\">", lw - 6, y + 14);
        serve_esc(b, labels[i] ? labels[i] : "?");
        td_buf_printf(b, "</text><rect x=\"%d\" y=\"%zu\" width=\"%ld\" height=\"%d\"/>"
                         "<text x=\"%ld\" y=\"%zu\">%ld</text>",
                      lw, y + 2, w ? w : 1, row - 6, lw + w + 4, y + 14, v);
    }
    td_buf_puts(b, "</svg>");
}

const char serve_css[] =
    ":root{--fg:#1d232b;--mut:#5b6673;--acc:#0b5cad;--bg:#fff;--hl:#fff1a8;--line:#dde3ea}\n"
    "*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,'Segoe UI',Roboto,"
    "'Noto Sans',Arial,sans-serif;color:var(--fg);background:var(--bg)}\n"
    "header{display:flex;gap:1.2em;align-items:center;padding:.6em 1.2em;"
    "border-bottom:1px solid var(--line);background:#f5f7fa;flex-wrap:wrap}\n"
    ".brand{font-weight:700;color:#b3261e;text-decoration:none;font-size:1.2em}\n"
    "nav a{margin-right:1em;color:var(--acc);text-decoration:none}nav a.on{font-weight:700;"
    "border-bottom:2px solid var(--acc)}\n"
    ".quick{margin-left:auto}.quick input{padding:.3em .5em;width:16em}\n"
    "main{max-width:1100px;margin:0 auto;padding:1em 1.2em}\n"
    "footer{color:var(--mut);font-size:.85em;text-align:center;padding:2em}\n"
    "h1{font-size:1.5em;margin:.3em 0}h2{font-size:1.15em;margin-top:1.4em}\n"
    "a{color:var(--acc)}mark{background:var(--hl);padding:0 .1em}\n"
    ".error{color:#b3261e;font-weight:600}.note{color:var(--mut)}\n"
    "form.search{display:flex;flex-wrap:wrap;gap:.5em;margin-bottom:1em}\n"
    "form.search input[name=q]{flex:1 1 24em;padding:.45em;font-size:1.05em}\n"
    "form.search input,form.search select,form.search button{padding:.35em}\n"
    ".hit{margin:1.1em 0}.hit h3{margin:0;font-size:1.1em;font-weight:500}\n"
    ".src{color:#1a7f37;font-size:.9em;word-break:break-all}.meta{color:var(--mut);font-size:.9em}\n"
    ".snip{margin:.2em 0}\n"
    ".pager a,.pager span{margin-right:.8em}\n"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid var(--line);"
    "padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f5f7fa}\n"
    ".doc{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5em}\n"
    ".text{white-space:pre-wrap;font-family:Georgia,'Noto Serif',serif;line-height:1.6}\n"
    ".text mark{scroll-margin-top:4em}.text mark:target{outline:2px solid var(--acc)}\n"
    ".facts{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto}\n"
    ".facts li{margin:.4em 0}.rule{color:var(--mut);font-size:.85em}\n"
    ".joined{color:#1a7f37}.left{color:#b3261e;text-decoration:line-through}\n"
    "svg.bars text{font-size:12px;fill:var(--fg)}svg.bars rect{fill:var(--acc)}\n"
    ".side{display:grid;grid-template-columns:1fr 1fr;gap:1em}\n"
    "@media(max-width:800px){.doc,.side{grid-template-columns:1fr}}\n";
