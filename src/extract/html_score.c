/* html_score.c - which container holds the article.
 *
 * Readability's scoring: each paragraph-like element gives its parent
 * and grandparent a score from its text length and commas; the score is
 * weighed by class/id hints and link density, and the best container is
 * kept.  The box around the page's headline, and an <article> or
 * itemprop=articleBody, are evidence too.
 */
#include "extract/html_int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/text_util.h"

/* ---- scoring ------------------------------------------------------------ */

static int para_like(const char *tag)
{
    static const char *const t[] = {"p", "pre", "li", "blockquote", "dd", "dt",
        "figcaption", "caption", "address", "h1", "h2", "h3", "h4", "h5", "h6", NULL};
    return extract_html_in_list(tag, t);
}

static double tag_base(const char *tag)
{
    if (!strcmp(tag, "div") || !strcmp(tag, "article") || !strcmp(tag, "section"))
        return 5;
    if (!strcmp(tag, "pre") || !strcmp(tag, "td") || !strcmp(tag, "blockquote"))
        return 3;
    static const char *const minus3[] = {"address", "ol", "ul", "dl", "dd", "dt",
                                         "li", "form", NULL};
    if (extract_html_in_list(tag, minus3))
        return -3;
    if (extract_html_heading_level(tag) || !strcmp(tag, "th"))
        return -5;
    return 0;
}

double extract_html_final_score(const html_info *in)
{
    return in->score * (1.0 - extract_html_link_density(in));
}

/* Folded inline text of n, spaces squeezed and trimmed (caller frees). */
static char *folded_text(html_ctx *c, xmlNode *n)
{
    td_buf t = TD_BUF_INIT;
    extract_html_inline_text(c, n, &t, 1000);
    char *f = norm_fold_str(t.ptr ? t.ptr : "");
    td_buf_free(&t);
    size_t k = 0;
    for (size_t i = 0; f[i]; i++)
        if (!isspace((unsigned char)f[i]) || (k && !isspace((unsigned char)f[k - 1])))
            f[k++] = isspace((unsigned char)f[i]) ? ' ' : f[i];
    while (k && f[k - 1] == ' ')
        k--;
    f[k] = '\0';
    return f;
}

/* The page's headline: the first h1 or h2 of four words or more whose
 * words <title> also holds (sites append their name to <title>).  NULL
 * when there is none. */
xmlNode *extract_html_headline_node(html_ctx *c, xmlNode *body)
{
    xmlNode *root = xmlDocGetRootElement(c->doc), *tn = NULL;
    int budget = 5000;
    for (xmlNode *n = root; n && !tn && budget-- > 0;) {
        int in_body = !strcmp(extract_html_tag(n), "body");
        if (!strcmp(extract_html_tag(n), "title"))
            tn = n;
        n = extract_html_next(n, root, in_body);
    }
    if (!tn)
        return NULL;
    char *tf = folded_text(c, tn);
    xmlNode *hit = NULL;
    budget = 50000;
    for (xmlNode *n = body; n && !hit && tf[0] && budget-- > 0;) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE && n != body) {
            const char *tag = extract_html_tag(n);
            if (extract_html_info_of(c, n)->flags & HTML_F_DROP) {
                skip = 1;
            } else if (!strcmp(tag, "h1") || !strcmp(tag, "h2")) {
                char *hf = folded_text(c, n);
                if (extract_count_words(hf, strlen(hf)) >= 4 && strstr(tf, hf))
                    hit = n;
                free(hf);
                skip = 1;
            }
        }
        n = extract_html_next(n, body, skip);
    }
    free(tf);
    return hit;
}

xmlNode *extract_html_choose_top(html_ctx *c, xmlNode *body)
{
    xmlNode **cand = NULL;
    size_t nc = 0, cap = 0;
    for (xmlNode *n = body; n;) {
        int skip = 0;
        if (n->type == XML_ELEMENT_NODE) {
            html_info *in = extract_html_info_of(c, n);
            if (n != body && (in->flags & HTML_F_DROP)) {
                skip = 1;
            } else if (in->own >= 20 && in->own_links * 2 < in->own) {
                long bonus = in->own / 85;
                double s = 1.0 + (double)in->own_commas + (double)(bonus > 3 ? 3 : bonus);
                xmlNode *a = para_like(extract_html_tag(n)) ? n->parent : n;
                for (int lvl = 0; lvl < 5 && a && a->type == XML_ELEMENT_NODE &&
                                  strcmp(extract_html_tag(a), "html"); lvl++, a = a->parent) {
                    html_info *ai = extract_html_info_of(c, a);
                    if (!(ai->flags & HTML_F_SCORED)) {
                        ai->flags |= HTML_F_SCORED;
                        ai->score = tag_base(extract_html_tag(a)) + extract_html_body_prop(a) +
                                    ((c->pass & HTML_P_WEIGHT) ? extract_html_class_weight(c, a) : 0);
                        if (nc == cap) {
                            cap = cap ? cap * 2 : 64;
                            cand = td_xrealloc(cand, cap * sizeof *cand);
                        }
                        cand[nc++] = a;
                    }
                    ai->score += s / (lvl == 0 ? 1.0 : lvl == 1 ? 2.0 : lvl * 3.0);
                    if (a == body)
                        break;
                }
            }
        }
        n = extract_html_next(n, body, skip);
    }
    xmlNode *top = NULL;
    double best = 0;
    for (size_t i = 0; i < nc; i++) {
        double f = extract_html_final_score(extract_html_info_of(c, cand[i]));
        if (!top || f > best)
            top = cand[i], best = f;
    }
    /* the article stands by its headline: when the best container is
     * elsewhere (a long "about us" box in a sidebar), the best one within
     * two levels of the headline wins if it scores a fifth as much */
    xmlNode *h = top ? extract_html_headline_node(c, body) : NULL, *rejected = NULL;
    if (h && h->parent && !extract_html_descends(h, top)) {
        xmlNode *scope = h->parent;
        if (scope != body && scope->parent && scope->parent->type == XML_ELEMENT_NODE)
            scope = scope->parent;
        if (!extract_html_descends(top, scope)) {
            xmlNode *alt = NULL;
            double ab = 0;
            /* a box holding little more than the headline (its byline and
             * date) is the article's head, not the article */
            long htext = extract_html_info_of(c, h)->text;
            for (size_t i = 0; i < nc; i++) {
                html_info *ci = extract_html_info_of(c, cand[i]);
                double f = extract_html_final_score(ci);
                if (extract_html_descends(cand[i], scope) && ci->text - htext >= 200 && (!alt || f > ab))
                    alt = cand[i], ab = f;
            }
            if (alt && ab >= best * 0.2 && ab > 0) {
                rejected = top;
                top = alt, best = ab;
            }
        }
    }
    /* Readability: when three or more other containers score nearly as
     * well (3/4 of the best), the article is split over them; their
     * closest common ancestor with top is the article */
    if (top && best > 0 && !rejected) {
        xmlNode *alt[5];
        int na = 0;
        for (size_t i = 0; i < nc && na < 5; i++) {
            double f = extract_html_final_score(extract_html_info_of(c, cand[i]));
            if (cand[i] != top && f >= best * 0.75 && !extract_html_descends(cand[i], top) &&
                !extract_html_descends(top, cand[i]))
                alt[na++] = cand[i];
        }
        for (xmlNode *p = top->parent; na >= 3 && p && p != body; p = p->parent) {
            int k = 0;
            for (int i = 0; i < na; i++)
                k += extract_html_descends(alt[i], p);
            if (k >= 3) {
                top = p;
                break;
            }
        }
    }
    free(cand);
    if (!top || best <= 0)
        return body;
    /* Readability: a container alone in its parent stands for the parent,
     * whose siblings may hold the rest of the article */
    while (top->parent && top->parent != body && top->parent->type == XML_ELEMENT_NODE) {
        /* table cells of a layout: the row's siblings are page furniture */
        const char *pt = extract_html_tag(top->parent);
        if (!strcmp(pt, "td") || !strcmp(pt, "tr") || !strcmp(pt, "tbody") ||
            !strcmp(pt, "table") || !strcmp(extract_html_tag(top), "td"))
            break;
        int others = 0;
        for (xmlNode *k = top->parent->children; k && !others; k = k->next)
            others = k != top && k->type == XML_ELEMENT_NODE && !extract_html_dropped(c, k);
        if (others)
            break;
        top = top->parent;
    }
    if (extract_html_info_of(c, top)->flags & HTML_F_SCORED)
        best = extract_html_final_score(extract_html_info_of(c, top));
    /* climb while a parent scores higher (Readability: the article is
     * often split over sibling containers) */
    double last = best, threshold = best / 3;
    for (xmlNode *p = top->parent; p && p != body->parent && p->type == XML_ELEMENT_NODE;
         p = p->parent) {
        if (rejected && extract_html_descends(rejected, p))
            break;   /* never back up to the container the headline ruled out */
        html_info *pi = extract_html_info_of(c, p);
        if (!(pi->flags & HTML_F_SCORED))
            continue;
        double ps = extract_html_final_score(pi);
        if (ps < threshold)
            break;
        if (ps > last) {
            top = p;
            break;
        }
        last = ps;
    }
    return top;
}
