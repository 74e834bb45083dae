/* html_content.c - the article inside an HTML page, as blocks: the passes.
 *
 * One content pass computes the statistics (html_dom.c), drops furniture
 * (html_clean.c), chooses the article's container (html_score.c) with its
 * lead and qualifying siblings, and emits them (html_emit.c).  When a pass
 * keeps too little it runs again with less cleaning (Readability's retry);
 * a JSON-LD articleBody can stand in for a page built by scripts.  Every
 * walk is iterative, so nesting depth cannot exhaust the stack.
 */
#include "extract/html_int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/text_util.h"

/* Hints of the article's lead ("sapo" in Vietnamese newsrooms), which
 * many pages keep outside the container of the body text. */
static const char *const lead_hints[] = {
    "sapo", "lead", "summary", "description", "standfirst", "intro",
    "excerpt", "chapeau", "tom-tat", "tomtat", "teaser", "abstract", NULL};

/* Lists of links (three or more items, nearly all link) under n: the
 * columns of a page footer or a site map.  Stops counting at two. */
static int link_lists(html_ctx *c, xmlNode *n)
{
    int k = 0, budget = 20000;
    for (xmlNode *e = n->children; e && k < 2 && budget-- > 0;) {
        int skip = 0;
        if (e->type == XML_ELEMENT_NODE) {
            html_info *in = extract_html_info_of(c, e);
            const char *tag = extract_html_tag(e);
            skip = (in->flags & HTML_F_DROP) != 0;
            if (!skip && (!strcmp(tag, "ul") || !strcmp(tag, "ol"))) {
                int items = 0;
                for (xmlNode *li = e->children; li; li = li->next)
                    items += !strcmp(extract_html_tag(li), "li");
                if (items >= 3 && extract_html_link_density(in) >= 0.8)
                    k++;
                skip = 1;
            }
        }
        e = extract_html_next(e, n, skip);
    }
    return k;
}

/* Siblings of top that belong to the article (Readability's rule).  A
 * sibling holding two or more lists of links is a page region (a footer
 * with an "about us" text beside its link columns), however well its
 * prose scores. */
static int sibling_ok(html_ctx *c, xmlNode *s, xmlNode *top, double top_score)
{
    html_info *si = extract_html_info_of(c, s);
    if (si->flags & HTML_F_DROP)
        return 0;
    if (link_lists(c, s) >= 2)
        return 0;
    si = extract_html_info_of(c, s);
    double threshold = top_score * 0.2 > 10 ? top_score * 0.2 : 10;
    double bonus = 0;
    char *a = extract_html_attr(s, "class"), *b = extract_html_attr(top, "class");
    if (a && b && *a && !strcmp(a, b))
        bonus = top_score * 0.2;
    xmlFree(a);
    xmlFree(b);
    if ((si->flags & HTML_F_SCORED) && extract_html_final_score(si) + bonus >= threshold)
        return 1;
    if (!strcmp(extract_html_tag(s), "p")) {
        double ld = extract_html_link_density(si);
        if (si->text > 70 && ld < 0.25)
            return 1;
        if (si->text > 0 && si->text <= 70 && ld == 0 && si->commas >= 0) {
            td_buf t = TD_BUF_INIT;
            extract_html_inline_text(c, s, &t, 400);
            int sentence = t.ptr && (strstr(t.ptr, ". ") || (t.len > 1 && t.ptr[t.len - 2] == '.'));
            td_buf_free(&t);
            return sentence;
        }
    }
    return 0;
}

/* The lead paragraph kept outside the article container: the first
 * element before top, within top's grandparent, named like a lead, with
 * text and few links.  NULL when there is none before top. */
static xmlNode *find_lead(html_ctx *c, xmlNode *top, xmlNode *body)
{
    xmlNode *scope = top->parent;
    if (scope != body && scope->parent && scope->parent->type == XML_ELEMENT_NODE)
        scope = scope->parent;
    int budget = 20000;
    for (xmlNode *n = scope->children; n && n != top && budget-- > 0;) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE) {
            html_info *in = extract_html_info_of(c, n);
            if (in->flags & HTML_F_DROP) {
                skip = 1;
            } else if (in->text >= 40 && extract_html_link_density(in) < 0.3 && !extract_html_descends(top, n)) {
                char *cls = extract_html_attr(n, "class"), *id = extract_html_attr(n, "id");
                int hit = extract_html_hint_match_str(cls, lead_hints) || extract_html_hint_match_str(id, lead_hints);
                xmlFree(cls);
                xmlFree(id);
                if (hit)
                    return n;
            }
        }
        n = extract_html_next(n, scope, skip);
    }
    return NULL;
}

/* Characters (not bytes) in the blocks emitted since c->first_block. */
static long emitted_chars(const html_ctx *c)
{
    long k = 0;
    for (size_t i = c->first_block; i < c->d->nblocks; i++)
        for (size_t j = 0; j < c->d->blocks[i].len; j++)
            k += ((unsigned char)c->d->blocks[i].text[j] & 0xC0) != 0x80;
    return k;
}

/* One content pass with c->pass: choose the container and emit it with
 * its siblings and lead. */
static void content_pass(html_ctx *c, xmlNode *body)
{
    extract_html_stats(c, body);
    if (!c->o->keep_boilerplate) {
        extract_html_drop_by_hint(c, body);
        extract_html_stats(c, body);
    }
    xmlNode *top = c->o->keep_boilerplate ? body : extract_html_choose_top(c, body);
    c->top = top;
    emitter em = {0};
    em.c = c;
    em.top_text = extract_html_info_of(c, top)->text;
    c->first_block = c->d->nblocks;
    if (top == body || !top->parent) {
        extract_html_emit_subtree(&em, top);
    } else {
        double ts = extract_html_final_score(extract_html_info_of(c, top));
        xmlNode *lead = find_lead(c, top, body);
        if (lead && !extract_html_descends(lead, top->parent))
            extract_html_emit_subtree(&em, lead);
        for (xmlNode *s = top->parent->children; s; s = s->next) {
            if (s->type != XML_ELEMENT_NODE)
                continue;
            if (s == top || sibling_ok(c, s, top, ts) || extract_html_article_header(s))
                extract_html_emit_subtree(&em, s);
            else if (lead && extract_html_descends(lead, s))
                extract_html_emit_subtree(&em, lead);
        }
    }
    td_buf_free(&em.cur);
    td_buf_free(&em.tmp);
}

/* The JSON-LD articleBody instead of the blocks from start on, when the
 * markup gave less than half of it (a body built by scripts, a teaser):
 * one paragraph per line. */
static void use_ld_body(html_ctx *c, size_t start)
{
    char *ld = extract_html_ld_body(xmlDocGetRootElement(c->doc));
    if (!ld)
        return;
    long lc = 0;
    for (const char *p = ld; *p; p++)
        lc += ((unsigned char)*p & 0xC0) != 0x80 && !isspace((unsigned char)*p);
    if (lc >= 200 && emitted_chars(c) * 2 < lc) {
        c->d->nblocks = start;
        c->first_block = start;
        for (char *line = ld, *nl; line && *line; line = nl) {
            nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) : strlen(line);
            td_doc_add_block(c->d, TD_BLOCK_PARA, 0, line, n, -1, -1);
            nl = nl ? nl + 1 : NULL;
        }
    }
    free(ld);
}

/* Readability's retry: a pass that keeps fewer characters than this is
 * run again with less cleaning. */
#define HTML_MIN_CHARS 500

int extract_html_content(html_ctx *c, xmlNode *body, td_err *e)
{
    int rc = extract_html_drop_by_tag(c, body, e);
    if (rc != TD_OK)
        return rc;
    static const unsigned passes[] = {
        HTML_P_STRIP | HTML_P_WEIGHT | HTML_P_CLEAN,
        HTML_P_WEIGHT | HTML_P_CLEAN,
        HTML_P_CLEAN,
        0};
    size_t npass = c->o->keep_boilerplate ? 1 : sizeof passes / sizeof *passes;
    /* what the passes change: the flags after dropping by tag are kept */
    size_t nsaved = c->ninfo;
    unsigned *saved = td_xmalloc((nsaved ? nsaved : 1) * sizeof *saved);
    for (size_t i = 0; i < nsaved; i++)
        saved[i] = c->info[i].flags;
    size_t start = c->d->nblocks;
    td_block *best = NULL;   /* the best short pass, kept while a looser one runs */
    size_t nbest = 0;
    long best_chars = -1;
    xmlNode *best_top = NULL;
    for (size_t p = 0; p < npass; p++) {
        if (p > 0) {
            for (size_t i = 0; i < c->ninfo; i++) {
                c->info[i].flags = i < nsaved ? saved[i] : 0;
                c->info[i].score = 0;
                c->info[i].ui = 0;
            }
            c->d->nblocks = start;
        }
        c->pass = passes[p];
        content_pass(c, body);
        long k = emitted_chars(c);
        /* a looser pass must keep twice as much to beat a stricter one:
         * a little more text from a looser pass is mostly furniture */
        int better = best_chars < 0 || k >= 2 * best_chars;
        if (k >= HTML_MIN_CHARS || p + 1 == npass) {
            if (!better) {   /* put the stricter pass back */
                c->d->nblocks = start;
                for (size_t i = 0; i < nbest; i++) {
                    if (c->d->nblocks == c->d->cap_blocks) {
                        c->d->cap_blocks = c->d->cap_blocks ? c->d->cap_blocks * 2 : 32;
                        c->d->blocks = td_xrealloc(c->d->blocks,
                                                   c->d->cap_blocks * sizeof *c->d->blocks);
                    }
                    c->d->blocks[c->d->nblocks++] = best[i];
                }
                c->top = best_top;
            }
            break;
        }
        if (better) {   /* too short: keep it while a looser pass runs */
            free(best);
            nbest = c->d->nblocks - start;
            best = td_xmalloc((nbest ? nbest : 1) * sizeof *best);
            if (nbest)
                memcpy(best, c->d->blocks + start, nbest * sizeof *best);
            best_chars = k;
            best_top = c->top;
        }
    }
    c->first_block = start;
    free(best);
    free(saved);
    if (!c->o->keep_boilerplate)
        use_ld_body(c, start);
    return TD_OK;
}
