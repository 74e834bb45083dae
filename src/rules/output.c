/* output.c - facts as `extract --json` objects and as a readable summary.
 *
 * The JSON keys are fixed (see rules.h), plus "byline" and "reviewed_year"
 * that seeds/gold.jsonl also carries; a fact not found is null or [].
 * The summary shows each fact with its rule id and the evidence sentence,
 * the matched span marked »like this«.
 */
#include "rules/rules_int.h"

#include <string.h>

static const td_fact *first(const td_doc *d, td_fact_kind k)
{
    for (size_t i = 0; i < d->nfacts; i++)
        if (d->facts[i].kind == k)
            return &d->facts[i];
    return NULL;
}

static void key(td_buf *b, const char *k)
{
    td_buf_printf(b, ",\"%s\":", k);
}

static void str_fact(td_buf *b, const td_doc *d, const char *k, td_fact_kind kind)
{
    const td_fact *f = first(d, kind);
    key(b, k);
    td_json_str(b, f ? f->value : NULL);
}

static void num_fact(td_buf *b, const td_doc *d, const char *k, td_fact_kind kind)
{
    const td_fact *f = first(d, kind);
    key(b, k);
    if (f)
        td_buf_printf(b, "%ld", f->num);
    else
        td_buf_puts(b, "null");
}

void rules_facts_json(const td_doc *d, td_buf *out)
{
    td_buf_puts(out, "{\"file\":");
    td_json_str(out, d->path);
    td_buf_printf(out, ",\"format\":\"%s\"", td_format_name(d->format));
    str_fact(out, d, "title", TD_FACT_TITLE);
    str_fact(out, d, "published", TD_FACT_PUBLISHED);
    str_fact(out, d, "byline", TD_FACT_BYLINE);
    str_fact(out, d, "province", TD_FACT_PROVINCE);
    /* the site's province is kept apart from what the text says */
    key(out, "province_site");
    td_json_str(out, d->site_province);
    key(out, "province_source");
    td_json_str(out, first(d, TD_FACT_PROVINCE) ? "text" : d->site_province ? "site" : NULL);
    key(out, "source_url");
    td_json_str(out, d->source_url);
    const td_fact *bl = first(d, TD_FACT_BLOC);
    key(out, "bloc");
    if (bl) {
        td_buf_puts(out, "{\"name\":");
        td_json_str(out, bl->value);
        td_buf_puts(out, ",\"level\":");
        td_json_str(out, bl->extra);
        td_buf_putc(out, '}');
    } else {
        td_buf_puts(out, "null");
    }
    str_fact(out, d, "event", TD_FACT_EVENT);
    num_fact(out, d, "pledge_year", TD_FACT_PLEDGE_YEAR);
    num_fact(out, d, "reviewed_year", TD_FACT_REVIEWED_YEAR);
    str_fact(out, d, "meeting_date", TD_FACT_MEETING_DATE);
    num_fact(out, d, "member_count", TD_FACT_MEMBER_COUNT);
    int n = 0;
    key(out, "members");
    td_buf_putc(out, '[');
    for (size_t i = 0; i < d->nfacts; i++)
        if (d->facts[i].kind == TD_FACT_MEMBER) {
            if (n++) td_buf_putc(out, ',');
            td_json_str(out, d->facts[i].value);
        }
    td_buf_putc(out, ']');
    n = 0;
    key(out, "leaders");
    td_buf_putc(out, '[');
    for (size_t i = 0; i < d->nfacts; i++)
        if (d->facts[i].kind == TD_FACT_LEADER) {
            const td_fact *f = &d->facts[i];
            if (n++) td_buf_putc(out, ',');
            td_buf_puts(out, "{\"unit\":");
            td_json_str(out, f->value);
            td_buf_puts(out, ",\"role\":");
            td_json_str(out, f->extra);
            if (f->year)
                td_buf_printf(out, ",\"year\":%d}", f->year);
            else
                td_buf_puts(out, ",\"year\":null}");
        }
    td_buf_putc(out, ']');
    n = 0;
    key(out, "goals");
    td_buf_putc(out, '[');
    for (size_t i = 0; i < d->nfacts; i++)
        if (d->facts[i].kind == TD_FACT_GOAL) {
            if (n++) td_buf_putc(out, ',');
            td_json_str(out, d->facts[i].value);
        }
    td_buf_putc(out, ']');
    n = 0;
    key(out, "officials");
    td_buf_putc(out, '[');
    for (size_t i = 0; i < d->nfacts; i++)
        if (d->facts[i].kind == TD_FACT_OFFICIAL) {
            const td_fact *f = &d->facts[i];
            if (n++) td_buf_putc(out, ',');
            td_buf_puts(out, "{\"name\":");
            td_json_str(out, f->value);
            td_buf_puts(out, ",\"title\":");
            td_json_str(out, f->extra);
            td_buf_putc(out, '}');
        }
    td_buf_putc(out, ']');
    n = 0;
    key(out, "evidence");
    td_buf_putc(out, '[');
    for (size_t i = 0; i < d->nfacts; i++) {
        const td_fact *f = &d->facts[i];
        if (n++) td_buf_putc(out, ',');
        td_buf_printf(out, "{\"fact\":\"%s\",\"rule\":", td_fact_name(f->kind));
        td_json_str(out, f->rule);
        td_buf_printf(out, ",\"start\":%zu,\"end\":%zu,\"sentence\":", f->start, f->end);
        if (d->text && f->sent_end <= d->text_len && f->sent_start <= f->sent_end)
            td_json_strn(out, d->text + f->sent_start, f->sent_end - f->sent_start);
        else
            td_buf_puts(out, "null");
        td_buf_putc(out, '}');
    }
    td_buf_puts(out, "]}");
}

/* The sentence with the evidence span marked, on one line. */
static void print_sentence(const td_doc *d, const td_fact *f, FILE *out)
{
    if (!d->text || f->sent_end > d->text_len || f->start >= f->end)
        return;
    size_t a = f->sent_start, z = f->sent_end;
    if (f->start < a) a = f->start;
    if (f->end > z) z = f->end;
    fputs("      ", out);
    for (size_t i = a; i < z; i++) {
        if (i == f->start) fputs("\xc2\xbb", out);   /* » */
        if (i == f->end) fputs("\xc2\xab", out);     /* « */
        char ch = d->text[i];
        fputc(ch == '\n' ? ' ' : ch, out);
    }
    if (z == f->end)
        fputs("\xc2\xab", out);
    fputc('\n', out);
}

void rules_facts_print(const td_doc *d, FILE *out)
{
    td_buf name = TD_BUF_INIT;
    td_buf_put_name(&name, d->path);
    fprintf(out, "%s (%s)\n", name.ptr, td_format_name(d->format));
    td_buf_free(&name);
    if (d->nfacts == 0)
        fputs("  no facts found\n", out);
    if (d->site_province)
        fprintf(out, "  %-13s %s  [site %s]\n", "province_site", d->site_province,
                d->source_url ? d->source_url : "");
    for (size_t i = 0; i < d->nfacts; i++) {
        const td_fact *f = &d->facts[i];
        fprintf(out, "  %-13s %s", td_fact_name(f->kind), f->value ? f->value : "");
        if (f->kind == TD_FACT_LEADER)
            fprintf(out, " (%s%s%.0d)", f->extra ? f->extra : "", f->year ? ", " : "", f->year);
        else if (f->kind == TD_FACT_BLOC || f->kind == TD_FACT_OFFICIAL)
            fprintf(out, " (%s)", f->extra ? f->extra : "");
        if (f->end > f->start)
            fprintf(out, "  [%s %zu-%zu]\n", f->rule ? f->rule : "", f->start, f->end);
        else
            fprintf(out, "  [%s]\n", f->rule ? f->rule : "");
        print_sentence(d, f, out);
    }
}
