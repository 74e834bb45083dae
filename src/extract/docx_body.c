/* docx_body.c - walk a WordprocessingML story (body or notes) as a stream.
 *
 * One pass of xmlTextReader over the part: paragraphs become blocks (kind
 * from the paragraph style or numbering), table cells one block each, notes
 * one block each.  Text comes from w:t only, so deletions, field
 * instructions and properties are left out by construction; w:del,
 * w:moveFrom, one branch of each mc:AlternateContent and field
 * instructions are skipped explicitly.  Runs in TCVN3/VNI fonts are decoded
 * here.  Source spans are exact byte offsets found by a tag scanner that
 * follows the reader through the raw part (docx_xml.c).  This file holds
 * the element handlers and the walk; the text and the blocks it makes are
 * in docx_text.c, the walker's state in docx_walk.h.
 */
#include "extract/docx_walk.h"

#include <stdlib.h>
#include <string.h>

void extract_docx_refs_free(docx_refs *r)
{
    free(r->v);
    memset(r, 0, sizeof *r);
}

/* Record a reference; 0 when the note was already referenced. */
static int refs_add(docx_refs *r, long id, int num)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->v[i].id == id)
            return 0;
    GROW(r->v, r->n, r->cap);
    r->v[r->n].id = id;
    r->v[r->n++].num = num;
    return 1;
}

static int cmp_ref(const void *a, const void *b)
{
    long x = ((const docx_ref *)a)->id, y = ((const docx_ref *)b)->id;
    return (x > y) - (x < y);
}

/* The referenced note with this id (refs sorted), or NULL. */
static const docx_ref *refs_find(const docx_refs *r, long id)
{
    docx_ref key = {id, 0};
    if (!r || !r->n)
        return NULL;
    return bsearch(&key, r->v, r->n, sizeof *r->v, cmp_ref);
}

/* ---- element handlers -------------------------------------------------- */

static int attr_int(walker *w, const char *name, int def)
{
    char buf[32];
    if (!extract_docx_xml_attr(&w->x, name, buf, sizeof buf))
        return def;
    return atoi(buf);
}

static cont *push_cont(walker *w, int type, int depth)
{
    GROW(w->cs, w->nc, w->cap_c);
    cont *c = &w->cs[w->nc++];
    td_buf_clear(&c->text);
    c->type = type, c->depth = depth;
    c->src_start = -1, c->row = c->col = 0, c->span = 1;
    c->tstyle = NULL;
    return c;
}

static cont *top_cont(walker *w, int type)
{
    if (!w->nc || w->cs[w->nc - 1].type != type)
        return NULL;
    return &w->cs[w->nc - 1];
}

/* Does every namespace a mc:Choice requires belong to what we read? */
static int choice_ok(walker *w)
{
    char req[256];
    if (!extract_docx_xml_attr_any(&w->x, "Requires", req, sizeof req))
        return 0;
    char *save = NULL;
    for (char *tok = strtok_r(req, " \t\r\n", &save); tok;
         tok = strtok_r(NULL, " \t\r\n", &save)) {
        xmlChar *uri = xmlTextReaderLookupNamespace(w->x.r, (const xmlChar *)tok);
        int ok = extract_docx_ns_understood(uri);
        xmlFree(uri);
        if (!ok)
            return 0;
    }
    return 1;
}

static void start_ppr_child(walker *w, const char *ln, int depth, int empty)
{
    para *p = extract_docx_top_para(w);
    char buf[256];
    if (strcmp(ln, "rPr") == 0 || strcmp(ln, "pPrChange") == 0 ||
        strcmp(ln, "sectPr") == 0) {
        if (!empty)
            w->skip = depth;
    } else if (strcmp(ln, "pStyle") == 0) {
        if (extract_docx_xml_attr(&w->x, "val", buf, sizeof buf)) {
            p->style = extract_docx_style_find(w->st, buf);
            if (!p->style)   /* no styles part, or the id is missing there */
                p->id_heading = extract_docx_heading_of(buf);
        }
    } else if (strcmp(ln, "numPr") == 0) {
        p->has_numpr = 1;
    } else if (strcmp(ln, "numId") == 0) {
        p->num_id = attr_int(w, "val", 0);
    } else if (strcmp(ln, "ilvl") == 0) {
        p->ilvl = attr_int(w, "val", 0);
    } else if (strcmp(ln, "outlineLvl") == 0) {
        p->outline = attr_int(w, "val", -1);
    } else if (strcmp(ln, "framePr") == 0) {
        if (extract_docx_xml_attr(&w->x, "dropCap", buf, sizeof buf) &&
            (strcmp(buf, "drop") == 0 || strcmp(buf, "margin") == 0))
            p->dropcap = 1;
    }
}

static void start_rpr_child(walker *w, const char *ln, int depth, int empty)
{
    run *r = &w->rs[w->nr - 1];
    char buf[256];
    if (strcmp(ln, "rPrChange") == 0) {
        if (!empty)
            w->skip = depth;
    } else if (strcmp(ln, "vertAlign") == 0) {
        extract_docx_xml_attr(&w->x, "val", buf, sizeof buf);
        r->valign = strcmp(buf, "superscript") == 0 ? 1 : strcmp(buf, "subscript") == 0 ? 2 : 0;
    } else if (!w->st->legacy) {
        return;   /* fonts only matter for legacy decoding */
    } else if (strcmp(ln, "rStyle") == 0) {
        if (extract_docx_xml_attr(&w->x, "val", buf, sizeof buf))
            r->cstyle = extract_docx_style_find(w->st, buf);
    } else if (strcmp(ln, "rFonts") == 0) {
        extract_docx_rfonts(w->st, &w->x, &r->direct);
    } else if (strcmp(ln, "cs") == 0 || strcmp(ln, "rtl") == 0) {
        extract_docx_xml_attr(&w->x, "val", buf, sizeof buf);
        if (extract_docx_onoff(buf, 1))
            r->cs = 1;
    }
}

static void start_w(walker *w, const char *ln, int depth, int empty, long a)
{
    if (w->ppr >= 0) {
        start_ppr_child(w, ln, depth, empty);
        return;
    }
    if (w->rpr >= 0) {
        start_rpr_child(w, ln, depth, empty);
        return;
    }
    char buf[64];
    switch (ln[0]) {
    case 'b':
        if (strcmp(ln, "br") == 0)
            extract_docx_put(w, "\n", 1);
        return;
    case 'c':
        if (strcmp(ln, "cr") == 0)
            extract_docx_put(w, "\n", 1);
        else if (strcmp(ln, "customXmlPr") == 0 && !empty)
            w->skip = depth;
        return;
    case 'd':
        if ((strcmp(ln, "del") == 0 || strcmp(ln, "delText") == 0 ||
             strcmp(ln, "delInstrText") == 0) && !empty)
            w->skip = depth;
        return;
    case 'e':
    case 'f':
        if (strcmp(ln, "fldChar") == 0) {
            extract_docx_xml_attr(&w->x, "fldCharType", buf, sizeof buf);
            if (strcmp(buf, "begin") == 0) {
                if (w->nfld < FIELD_MAX)
                    w->fld[w->nfld++] = 1;
                else
                    w->fld_over++;
                w->instr++;
            } else if (strcmp(buf, "separate") == 0) {
                if (!w->fld_over && w->nfld && w->fld[w->nfld - 1]) {
                    w->fld[w->nfld - 1] = 0;
                    w->instr--;
                }
            } else if (strcmp(buf, "end") == 0) {
                if (w->fld_over) {
                    w->fld_over--;
                    w->instr--;
                } else if (w->nfld && w->fld[--w->nfld]) {
                    w->instr--;
                }
            }
        } else if (strcmp(ln, "footnoteReference") == 0 ||
                   strcmp(ln, "endnoteReference") == 0) {
            /* the mark Word shows as a superscript number becomes "[n]",
             * one sequence for footnotes and endnotes, as pandoc writes */
            docx_refs *r = ln[0] == 'f' ? w->foot : w->end;
            int custom = extract_docx_onoff(buf, extract_docx_xml_attr(&w->x, "customMarkFollows",
                                                                  buf, sizeof buf));
            if (r && extract_docx_xml_attr(&w->x, "id", buf, sizeof buf) && w->instr == 0 &&
                refs_add(r, atol(buf), custom ? 0 : w->note_seq + 1) && !custom) {
                char mark[24];
                int k = snprintf(mark, sizeof mark, "[%d]", ++w->note_seq);
                extract_docx_put(w, mark, (size_t)k);
            }
        } else if ((strcmp(ln, "footnote") == 0 || strcmp(ln, "endnote") == 0) &&
                   w->story != DOCX_STORY_BODY) {
            extract_docx_xml_attr(&w->x, "type", buf, sizeof buf);
            int normal = !buf[0] || strcmp(buf, "normal") == 0;
            int id = attr_int(w, "id", -1);
            const docx_ref *ref = normal ? refs_find(w->want, id) : NULL;
            if (!ref) {
                if (!empty)
                    w->skip = depth;
                return;
            }
            cont *c = push_cont(w, C_NOTE, depth);
            c->src_start = a;
            c->row = ref->num;   /* the note's number, 0 = none */
            w->acc++;
        } else if ((strcmp(ln, "footnotePr") == 0 || strcmp(ln, "endnotePr") == 0) &&
                   !empty) {
            w->skip = depth;
        }
        return;
    case 'g':
        if (strcmp(ln, "gridBefore") == 0) {
            cont *t = top_cont(w, C_TABLE);
            if (t) {
                /* clamped like gridSpan: a hostile value must not overflow
                 * the column count the cells add to */
                t->col = attr_int(w, "val", 0);
                if (t->col < 0 || t->col > 1000)
                    t->col = 0;
            }
        } else if (strcmp(ln, "gridSpan") == 0) {
            cont *c = top_cont(w, C_CELL);
            if (c) {
                c->span = attr_int(w, "val", 1);
                if (c->span < 1 || c->span > 1000)
                    c->span = 1;
            }
        }
        return;
    case 'i':
        if (strcmp(ln, "instrText") == 0 && !empty)
            w->skip = depth;
        return;
    case 'm':
        if (strcmp(ln, "moveFrom") == 0 && !empty)
            w->skip = depth;
        return;
    case 'n':
        if (strcmp(ln, "noBreakHyphen") == 0)
            extract_docx_put(w, "-", 1);
        return;
    case 'p':
        if (strcmp(ln, "p") == 0) {
            GROW(w->ps, w->np, w->cap_p);
            para *p = &w->ps[w->np++];
            td_buf_clear(&p->text);
            td_buf_clear(&p->vni);
            p->depth = depth, p->src_start = a;
            p->style = NULL, p->has_numpr = 0, p->num_id = 0, p->ilvl = 0;
            p->outline = -1;
            p->dropcap = 0;
            p->id_heading = 0;
            if (w->dropcap.len) {
                td_buf_append(&p->text, w->dropcap.ptr, w->dropcap.len);
                td_buf_clear(&w->dropcap);
            }
            w->acc++;
        } else if (strcmp(ln, "pPr") == 0) {
            para *p = extract_docx_top_para(w);
            if (p && depth == p->depth + 1 && !empty)
                w->ppr = depth;
            else if (!empty)
                w->skip = depth;
        } else if (strcmp(ln, "ptab") == 0) {
            extract_docx_put(w, "\t", 1);
        }
        return;
    case 'r':
        if (strcmp(ln, "r") == 0) {
            GROW(w->rs, w->nr, w->cap_r);
            run *r = &w->rs[w->nr++];
            td_buf_clear(&r->text);
            r->depth = depth, r->cstyle = NULL, r->cs = 0, r->valign = 0;
            memset(&r->direct, 0, sizeof r->direct);
        } else if (strcmp(ln, "rPr") == 0) {
            if (w->nr && w->rs[w->nr - 1].depth == depth - 1 && !empty)
                w->rpr = depth;
            else if (!empty)
                w->skip = depth;
        } else if (strcmp(ln, "rubyPr") == 0 && !empty) {
            w->skip = depth;
        }
        return;
    case 's':
        if (strcmp(ln, "sym") == 0)
            extract_docx_put_sym(w);
        else if (strcmp(ln, "softHyphen") == 0)
            /* U+00AD: invisible in Unicode text (folding drops it), and
             * byte 0xAD = "ư" when the run is in a TCVN3 font */
            extract_docx_put(w, "\xC2\xAD", 2);
        else if ((strcmp(ln, "sdtPr") == 0 || strcmp(ln, "sdtEndPr") == 0 ||
                  strcmp(ln, "sectPr") == 0 || strcmp(ln, "smartTagPr") == 0) &&
                 !empty)
            w->skip = depth;
        return;
    case 't':
        if (strcmp(ln, "t") == 0) {
            if (!empty)
                w->in_t = depth;
        } else if (strcmp(ln, "tab") == 0) {
            extract_docx_put(w, "\t", 1);
        } else if (strcmp(ln, "tbl") == 0) {
            cont *t = push_cont(w, C_TABLE, depth);
            t->row = -1;
        } else if (strcmp(ln, "tr") == 0) {
            cont *t = top_cont(w, C_TABLE);
            if (t)
                t->row++, t->col = 0;
        } else if (strcmp(ln, "tc") == 0) {
            cont *t = top_cont(w, C_TABLE);
            int row = t ? (t->row < 0 ? 0 : t->row) : 0, col = t ? t->col : 0;
            cont *c = push_cont(w, C_CELL, depth);
            c->row = row, c->col = col, c->src_start = a;
            w->acc++;
            if (empty) {   /* an empty cell still takes its column */
                w->acc--;
                w->nc--;
                if (t)
                    t->col++;
            }
        } else if (strcmp(ln, "tblStyle") == 0) {
            cont *t = top_cont(w, C_TABLE);
            if (t && extract_docx_xml_attr(&w->x, "val", buf, sizeof buf))
                t->tstyle = extract_docx_style_find(w->st, buf);
        } else if (strcmp(ln, "txbxContent") == 0 && !empty) {
            push_cont(w, C_TXBX, depth);
        } else if ((strcmp(ln, "tblGrid") == 0 || strcmp(ln, "tblPrChange") == 0 ||
                    strcmp(ln, "tblPrEx") == 0 || strcmp(ln, "tcPrChange") == 0 ||
                    strcmp(ln, "trPrChange") == 0) && !empty) {
            w->skip = depth;
        }
        return;
    default:
        return;
    }
}

static void end_w(walker *w, const char *ln, int depth, long b)
{
    if (w->ppr == depth && strcmp(ln, "pPr") == 0) {
        w->ppr = -1;
        return;
    }
    if (w->rpr == depth && strcmp(ln, "rPr") == 0) {
        w->rpr = -1;
        return;
    }
    if (w->in_t == depth) {
        w->in_t = -1;
        return;
    }
    if (strcmp(ln, "r") == 0) {
        if (w->nr && w->rs[w->nr - 1].depth == depth) {
            run *r = &w->rs[w->nr - 1];
            para *p = extract_docx_top_para(w);
            if (p && p->depth < r->depth)
                extract_docx_end_run(w, r, p);
            w->nr--;
        }
    } else if (strcmp(ln, "p") == 0) {
        if (w->np && w->ps[w->np - 1].depth == depth)
            extract_docx_end_para(w, b);
    } else if (strcmp(ln, "tc") == 0 || strcmp(ln, "footnote") == 0 ||
               strcmp(ln, "endnote") == 0) {
        if (!w->nc || w->cs[w->nc - 1].depth != depth)
            return;
        cont *c = &w->cs[--w->nc];
        w->acc--;
        if (c->type == C_CELL) {
            cont *t = top_cont(w, C_TABLE);
            if (t && t->col < 100000)
                t->col += c->span;
            extract_docx_emit(w, TD_BLOCK_TABLE_CELL, 0, c->row, c->col,
                 c->text.ptr ? c->text.ptr : "", c->text.len, c->src_start, b);
        } else if (c->text.len) {
            td_buf_clear(&w->scratch);
            if (c->row > 0)
                td_buf_printf(&w->scratch, "[%d] ", c->row);
            size_t k = 0;   /* the note text usually starts with a space */
            while (k < c->text.len && (c->text.ptr[k] == ' ' || c->text.ptr[k] == '\t'))
                k++;
            td_buf_append(&w->scratch, c->text.ptr + k, c->text.len - k);
            extract_docx_emit(w, TD_BLOCK_NOTE, 0, -1, -1, w->scratch.ptr, w->scratch.len,
                 c->src_start, b);
        }
        extract_docx_flush_pending(w);
    } else if (strcmp(ln, "tbl") == 0 || strcmp(ln, "txbxContent") == 0) {
        if (w->nc && w->cs[w->nc - 1].depth == depth)
            w->nc--;
    }
}

static void start_mc(walker *w, const char *ln, int depth, int empty)
{
    if (strcmp(ln, "AlternateContent") == 0) {
        if (empty)
            return;
        if (w->nmc < (int)(sizeof w->mc / sizeof w->mc[0])) {
            w->mc[w->nmc].depth = depth;
            w->mc[w->nmc++].chosen = 0;
        } else {
            w->skip = depth;   /* absurd nesting: read none of it */
        }
        return;
    }
    int in_ac = w->nmc && w->mc[w->nmc - 1].depth == depth - 1;
    if (!in_ac) {
        if (!empty)
            w->skip = depth;
        return;
    }
    int *chosen = &w->mc[w->nmc - 1].chosen;
    int take = 0;
    if (strcmp(ln, "Choice") == 0)
        take = !*chosen && choice_ok(w);
    else if (strcmp(ln, "Fallback") == 0)
        take = !*chosen;
    if (take)
        *chosen = 1;
    else if (!empty)
        w->skip = depth;
}

static int walk(walker *w, td_err *e)
{
    int rc;
    while ((rc = extract_docx_xml_next(&w->x, e)) == 1) {
        xmlTextReaderPtr r = w->x.r;
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT) {
            int depth = xmlTextReaderDepth(r);
            int start = type == XML_READER_TYPE_ELEMENT;
            int empty = start && xmlTextReaderIsEmptyElement(r);
            long a = -1, b = -1;
            if (!extract_docx_raw_tag(&w->raw, !start, (const char *)xmlTextReaderConstName(r), &a, &b))
                a = b = -1;
            if (w->skip >= 0) {
                if (!start && depth == w->skip)
                    w->skip = -1;
                continue;
            }
            docx_ns ns = extract_docx_xml_ns(&w->x);
            const char *ln = (const char *)xmlTextReaderConstLocalName(r);
            if (start) {
                if (ns == DOCX_NS_W)
                    start_w(w, ln, depth, empty, a);
                else if (ns == DOCX_NS_MC)
                    start_mc(w, ln, depth, empty);
                else if (ns == DOCX_NS_M && strcmp(ln, "t") == 0 && !empty)
                    w->in_t = depth;
                if (empty) {
                    if (w->skip == depth)
                        w->skip = -1;
                    else if (ns == DOCX_NS_W)
                        end_w(w, ln, depth, b);
                }
            } else if (ns == DOCX_NS_W) {
                end_w(w, ln, depth, b);
            } else if (ns == DOCX_NS_MC) {
                if (w->nmc && w->mc[w->nmc - 1].depth == depth)
                    w->nmc--;
            } else if (w->in_t == depth) {
                w->in_t = -1;
            }
        } else if (w->skip < 0 && w->in_t >= 0 &&
                   (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    type == XML_READER_TYPE_WHITESPACE)) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v)
                extract_docx_put_text(w, v, strlen(v));
        }
    }
    return rc < 0 ? -rc : TD_OK;
}

int extract_docx_walk(td_doc *d, docx_story story, const char *part,
              const char *data, size_t len, const docx_styles *st,
              docx_numbering *nb, const extract_opts *o, docx_refs *foot, docx_refs *end,
              int *legacy_enc, td_err *e)
{
    walker w;
    memset(&w, 0, sizeof w);
    w.d = d;
    w.st = st;
    w.nb = nb;
    w.story = story;
    w.part = td_doc_strdup(d, part);
    w.raw.s = data, w.raw.n = len, w.raw.ok = 1;
    w.skip = w.in_t = w.ppr = w.rpr = -1;
    if (story == DOCX_STORY_BODY) {
        w.foot = foot;
        w.end = end;
    } else {
        docx_refs *want = story == DOCX_STORY_FOOTNOTES ? foot : end;
        if (want && want->n)
            qsort(want->v, want->n, sizeof *want->v, cmp_ref);
        w.want = want;
    }
    int rc = extract_docx_xml_open(&w.x, data, len, part, o->max_depth, e);
    if (rc == TD_OK)
        rc = walk(&w, e);
    extract_docx_xml_close(&w.x);
    if (rc == TD_OK) {
        w.acc = 0;   /* a truncated story: keep what is pending */
        extract_docx_flush_pending(&w);
    }
    if (w.legacy_enc && legacy_enc)
        *legacy_enc = w.legacy_enc;
    for (size_t i = 0; i < w.cap_p; i++) {
        td_buf_free(&w.ps[i].text);
        td_buf_free(&w.ps[i].vni);
    }
    for (size_t i = 0; i < w.cap_r; i++)
        td_buf_free(&w.rs[i].text);
    for (size_t i = 0; i < w.cap_c; i++)
        td_buf_free(&w.cs[i].text);
    free(w.ps);
    free(w.rs);
    free(w.cs);
    free(w.pv);
    td_buf_free(&w.ptext);
    td_buf_free(&w.scratch);
    td_buf_free(&w.dropcap);
    return rc;
}
