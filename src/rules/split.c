/* split.c - cut member lists and goal regions into items.
 *
 * Member lists split on ';' always, on ',' when the next item starts with a
 * capital, and on "và" only when a unit name ({UNIT_HEAD} or an all-caps
 * abbreviation, capitalized) follows, so "Sở Văn hóa, Thể thao và Du lịch"
 * stays whole ({LIST_KEEP} protects such names too).  Goals split by
 * ordinal markers, semicolons and sentences, bullet blocks, or quotes.
 */
#include "rules/rules_int.h"

#include <stdlib.h>
#include <string.h>

void rules_span_push(span_list *l, size_t s, size_t e)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = td_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n].s = s;
    l->v[l->n++].e = e;
}

int rules_unit_start(const docinfo *di, size_t p, size_t e)
{
    size_t ms, me;
    if (!rules_upper_at(di, p)) {
        /* a lower-case head before a capitalized name: "thành phố Hà Tiên" */
        return rules_re_find(di, di->rs->unit_head, p, e, 1, &ms, &me) && me + 1 < e &&
               di->d->fold[me] == ' ' && rules_upper_at(di, me + 1);
    }
    return rules_re_find(di, di->rs->unit_head, p, e, 1, NULL, NULL) || rules_allcaps_word_at(di, p);
}

static void push_trimmed(span_list *l, const char *f, size_t s, size_t e)
{
    rules_trim_span(f, &s, &e);
    if (e > s)
        rules_span_push(l, s, e);
}

void rules_split_members(const docinfo *di, size_t s, size_t e, span_list *items,
                   int loose)
{
    const char *f = di->d->fold;
    size_t ms, me;
    if (rules_re_find(di, di->rs->list_end, s, e, 0, &ms, &me))
        e = ms;
    /* names that must not be cut */
    span_list keep = {0};
    for (size_t p = s; p < e && rules_re_find(di, di->rs->nonsplit, p, e, 0, &ms, &me);) {
        rules_span_push(&keep, ms, me);
        p = me > ms ? me : ms + 1;
    }
    size_t a = s;
    int depth = 0, quote = 0;
    for (size_t p = s; p < e; p++) {
        char ch = f[p];
        if (ch == '(') depth++;
        else if (ch == ')' && depth) depth--;
        else if (ch == '"') quote = !quote;
        if (depth || quote)
            continue;
        int kept = 0;
        for (size_t k = 0; k < keep.n; k++)
            if (p > keep.v[k].s && p < keep.v[k].e)
                kept = 1;
        if (kept)
            continue;
        size_t next = 0;
        int cut = 0;
        if (ch == ';') {
            cut = 1;
            next = p + 1;
        } else if (ch == ',' && p + 1 < e && f[p + 1] != ' ' && p > s &&
                   ((f[p - 1] >= 'a' && f[p - 1] <= 'z') || (f[p - 1] >= '0' && f[p - 1] <= '9'))) {
            /* a comma inside an abbreviation: "Sở VH,TT&DL" */
            continue;
        } else if (ch == ',') {
            next = p + 1;
            while (next < e && f[next] == ' ')
                next++;
            if (next + 3 < e && memcmp(f + next, "va ", 3) == 0) {
                /* ", và X" */
                size_t q = next + 3;
                cut = rules_unit_start(di, q, e);
                if (cut)
                    next = q;
            } else {
                cut = next < e && rules_upper_at(di, next);
            }
        } else if (ch == ' ' && p + 4 < e && memcmp(f + p, " va ", 4) == 0) {
            next = p + 4;
            cut = loose ? rules_upper_at(di, next) || rules_unit_start(di, next, e) : rules_unit_start(di, next, e);
        }
        if (cut) {
            push_trimmed(items, f, a, p);
            a = next;
            p = next - 1;
        }
    }
    push_trimmed(items, f, a, e);
    free(keep.v);
}

/* Drop connectors in front of a goal ("Đặc biệt, các đơn vị sẽ ..."). */
static void strip_goal(const docinfo *di, size_t *s, size_t e)
{
    const char *f = di->d->fold;
    for (int i = 0; i < 3; i++) {
        size_t ms, me;
        if (!rules_re_find(di, di->rs->goal_strip, *s, e, 1, &ms, &me) || me <= ms)
            break;
        *s = me;
        while (*s < e && (f[*s] == ' ' || f[*s] == ','))
            (*s)++;
    }
}

static void push_goal(const docinfo *di, span_list *l, size_t s, size_t e)
{
    const char *f = di->d->fold;
    /* a clause that opens a list ("tập trung vào các nội dung:") is not one */
    size_t after = e;
    while (after < di->d->fold_len && f[after] == ' ')
        after++;
    if (after < di->d->fold_len && f[after] == ':')
        return;
    size_t last = e;
    while (last > s && (f[last - 1] == ' ' || f[last - 1] == '\n'))
        last--;
    if (last > s && f[last - 1] == ':')
        return;
    rules_trim_span(f, &s, &e);
    if (e > s && rules_re_find(di, di->rs->goal_drop, s, e, 0, NULL, NULL))
        return;
    strip_goal(di, &s, e);
    rules_trim_span(f, &s, &e);
    /* an ellipsis or a dangling quote is not part of the goal */
    while (e > s && (f[e - 1] == '.' || f[e - 1] == ' ' || (unsigned char)f[e - 1] >= 0x80)) {
        if ((unsigned char)f[e - 1] >= 0x80) {
            size_t k = e - 1;
            while (k > s && (f[k] & 0xC0) == 0x80)
                k--;
            if (e - k == 3 && memcmp(f + k, "\xe2\x80\xa6", 3) == 0) {  /* … */
                e = k;
                continue;
            }
            break;
        }
        e--;
    }
    size_t words = 1;
    for (size_t p = s; p < e; p++)
        if (f[p] == ' ')
            words++;
    if (e > s && rules_re_find(di, di->rs->goal_generic, s, e, 1, NULL, NULL))
        return;
    /* a short clause that runs to the end of a text cut short is a
     * fragment ("Phát động thi đua gắn"), not a goal */
    size_t end = di->d->fold_len;
    while (end > e && (f[end - 1] == ' ' || f[end - 1] == '\n'))
        end--;
    if (e >= end && words < 6)
        return;
    if (e > s && words >= 3)
        rules_span_push(l, s, e);
}

/* Split [s,e) on ';', sentence ends and block breaks; also where " và "
 * joins a second goal ({GOAL_VERB} after a clause of 5+ words). */
static void split_clauses(const docinfo *di, size_t s, size_t e, span_list *l)
{
    const char *f = di->d->fold;
    size_t a = s;
    int quote = 0, depth = 0, words = 0;
    for (size_t p = s; p < e; p++) {
        if (f[p] == ' ' && p > a && f[p - 1] != ' ' && f[p - 1] != ';' && f[p - 1] != ',')
            words++;      /* words of the clause so far, before this blank */
        if (!quote && !depth && words >= 5 && f[p] == ' ' &&
            p + 4 < e && memcmp(f + p, " va ", 4) == 0) {
            size_t v = p + 4;
            if (rules_re_find(di, di->rs->goal_verb, v, e, 1, NULL, NULL)) {
                push_goal(di, l, a, p);
                a = v;
                p = v - 1;
                words = 0;
                continue;
            }
        }
        if (f[p] == '"') quote = !quote;
        else if (f[p] == '(') depth++;
        else if (f[p] == ')' && depth) depth--;
        int cut = f[p] == '\n' ||
                  (!quote && !depth && (f[p] == ';' ||
                   ((f[p] == '.' || f[p] == '!' || f[p] == '?') && (p + 1 >= e || f[p + 1] == ' ')) ||
                   (p + 3 < e && memcmp(f + p, "\xe2\x80\xa6 ", 4) == 0)));
        if (cut) {
            push_goal(di, l, a, p);
            a = p + ((unsigned char)f[p] == 0xE2 ? 3 : 1);
            p = a - 1;
            words = 0;
        }
    }
    push_goal(di, l, a, e);
}

/* Extend a region over up to cont following blocks that continue it. */
static size_t extend_region(const docinfo *di, size_t e, int cont)
{
    long b = rules_di_block_of(di, e);
    for (int k = 0; k < cont && (size_t)b + 1 < di->nb; k++) {
        long nb = b + 1;
        size_t bs = di->bstart[nb], be = di->bend[nb];
        if (be - bs < 60)
            break;
        if (rules_re_find(di, di->rs->goal_stop, bs, be, 0, NULL, NULL))
            break;
        e = be;
        b = nb;
    }
    return e;
}

static int is_bullet(const char *f, size_t p)
{
    return f[p] == '-' || f[p] == '+' || f[p] == '*' ||
           (unsigned char)f[p] == 0xE2;  /* • and other dingbats */
}

void rules_split_goals(const docinfo *di, split_mode mode, size_t s, size_t e,
                 int cont, span_list *items)
{
    const char *f = di->d->fold;
    if (cont > 0 && mode != SPLIT_BULLET)
        e = extend_region(di, e, cont);
    if (mode == SPLIT_ORDINAL && di->rs->ordinal) {
        /* items between markers; each item is its first clause */
        span_list marks = {0};
        size_t ms, me;
        for (size_t p = s; p < e && rules_re_find(di, di->rs->ordinal, p, e, 0, &ms, &me);) {
            rules_span_push(&marks, ms, me);
            p = me > ms ? me : ms + 1;
        }
        for (size_t i = 0; i < marks.n; i++) {
            size_t a = marks.v[i].e, z = i + 1 < marks.n ? marks.v[i + 1].s : e;
            size_t q = a;
            int quote = 0;
            while (q < z && f[q] != '\n' && !(f[q] == ';' && !quote) &&
                   !(f[q] == '.' && (q + 1 >= z || f[q + 1] == ' ') && !quote)) {
                if (f[q] == '"')
                    quote = !quote;
                q++;
            }
            push_goal(di, items, a, q);
        }
        free(marks.v);
    } else if (mode == SPLIT_BULLET) {
        long b = rules_di_block_of(di, e);
        int misses = 0;
        for (long nb = b + 1; (size_t)nb < di->nb && nb <= b + 12; nb++) {
            size_t bs = di->bstart[nb], be = di->bend[nb];
            long tb = td_doc_block_at(di->d, di->d->fold_map[bs]);
            int listy = tb >= 0 && di->d->blocks[tb].kind == TD_BLOCK_LIST_ITEM;
            size_t num = bs;
            while (num < be && f[num] >= '0' && f[num] <= '9')
                num++;
            int numbered = num > bs && num < be && (f[num] == '.' || f[num] == ')') &&
                           num + 1 < be && f[num + 1] == ' ';
            if (bs < be && (is_bullet(f, bs) || numbered || listy || f[be - 1] == ';')) {
                misses = 0;
                size_t p = bs;
                if (is_bullet(f, bs) || numbered)
                    while (p < be && f[p] != ' ')
                        p++;
                size_t q = p;
                while (q < be && !(f[q] == '.' && (q + 1 >= be || f[q + 1] == ' ')))
                    q++;
                push_goal(di, items, p, q);
            } else if (++misses >= 2 || rules_re_find(di, di->rs->goal_stop, bs, be, 0, NULL, NULL)) {
                break;
            }
        }
    } else if (mode == SPLIT_QUOTED) {
        for (size_t p = s; p < e; p++) {
            if (f[p] != '"')
                continue;
            size_t q = p + 1;
            while (q < e && f[q] != '"' && f[q] != '\n')
                q++;
            if (q < e && f[q] == '"')
                push_goal(di, items, p + 1, q);
            p = q;
        }
    } else {
        split_clauses(di, s, e, items);
    }
}

/* A heading: every letter written in capitals, three words or more. */
static int shouted(const docinfo *di, size_t s, size_t e)
{
    const char *f = di->d->fold;
    int words = 1;
    for (size_t p = s; p < e; p++) {
        if (f[p] == ' ')
            words++;
        else if (f[p] >= 'a' && f[p] <= 'z' && !rules_upper_at(di, p))
            return 0;
    }
    return words >= 3;
}

/* One cell of a list block: 1 a unit (pushed), 2 a role beside the last
 * unit, 0 something else (a number, a header, another column). */
static int split_cell(const docinfo *di, size_t p, size_t be, span_list *items, span_list *roles)
{
    const char *f = di->d->fold;
    /* skip a bullet or a number in front: "- ", "1. ", "2) " */
    while (p < be && (f[p] == '-' || f[p] == '+' || f[p] == '*' || (f[p] >= '0' && f[p] <= '9') ||
                      f[p] == '.' || f[p] == ')' || f[p] == ' '))
        p++;
    size_t z = be;
    while (z > p && (f[z - 1] == ';' || f[z - 1] == ',' || f[z - 1] == '.' || f[z - 1] == ' '))
        z--;
    if (p < z && rules_re_find(di, di->rs->list_skip, p, z, 1, NULL, NULL))
        return 0;
    if (p < z && rules_unit_start(di, p, z)) {
        rules_span_push(items, p, z);
        rules_span_push(roles, 0, 0);
        return 1;
    }
    if (items->n && z - p < 40 && rules_map_value(di, "role", f, p, z) &&
        roles->v[roles->n - 1].s == roles->v[roles->n - 1].e) {
        roles->v[roles->n - 1].s = p;
        roles->v[roles->n - 1].e = z;
        return 2;
    }
    return 0;
}

void rules_split_blocks(const docinfo *di, size_t e, span_list *items, span_list *roles)
{
    const char *f = di->d->fold;
    long b = rules_di_block_of(di, e);
    int misses = 0;
    for (long nb = b + 1; (size_t)nb < di->nb && nb <= b + 200; nb++) {
        size_t bs = di->bstart[nb], be = di->bend[nb];
        if (be - bs > 160 || shouted(di, bs, be))
            break;                   /* a paragraph or a heading: the list is over */
        /* a table row flattened to one line ("1 | Sở Y tế | Khối trưởng")
         * is read cell by cell */
        int hit = 0;
        for (size_t cs = bs; cs <= be;) {
            size_t ce = cs;
            while (ce < be && f[ce] != '|')
                ce++;
            hit |= split_cell(di, cs, ce, items, roles);
            cs = ce + 1;
        }
        if (hit) {
            misses = 0;
            continue;
        }
        /* numbers, headers ("STT", "Đơn vị") and other cells in between */
        if (items->n && ++misses > 4)
            break;
        if (!items->n && nb > b + 8)
            break;
    }
}
