/* resolve_int.h - what the parts of the resolver share (src/rules/).
 *
 * resolve.c runs the facts in order (title, date, byline, bloc, province,
 * event, years, meeting date, count, members and leaders, goals, officials,
 * then the cross-fact corrections); resolve_bloc.c, resolve_people.c and
 * resolve_goals.c hold the larger fact kinds.  All of them work on one
 * ctx: the candidates, the choices made so far and the facts entered.
 */
#ifndef RESOLVE_INT_H
#define RESOLVE_INT_H

#include "rules/rules_int.h"

typedef struct ctx {
    docinfo *di;
    cand_list *cl;
    long pledge_year, reviewed_year;
    int school_year;           /* the pledge year is the first of a school year */
    const char *event;
    size_t bloc_s, bloc_e;     /* fold span of the chosen bloc name */
    const char *bloc_level;
    int have_bloc;
    rules_keymap known[TD_FACT__COUNT];  /* values of the facts so far, per kind */
    size_t nknown;             /* facts entered in known */
    int meeting_y, meeting_m;  /* the meeting's year (as written) and month */
} ctx;

/* 1 when the document already holds a fact of this kind with value v.  The
 * facts are entered in a map as they come, so asking costs the same however
 * many facts there are. */
int rules_res_fact_known(ctx *x, int kind, const char *v);

const char *rules_res_set_of(const rule *r, const char *key);

void rules_res_add_fact(ctx *x, int kind, const char *value, const char *extra,
                     int year, long num, const char *rule_id, size_t fs,
                     size_t fe, size_t ss, size_t se);

int rules_res_zone_bonus(int kind, int zone);

/* Best candidate of a kind: highest score, then earliest. */
cand *rules_res_best(ctx *x, int kind);

int rules_res_value_span(const cand *c, const char *group, size_t *s, size_t *e);

long rules_res_year_of(const ctx *x, const cand *c, const char *group);

/* ---- the fact kinds of the other files ---- */
/* resolve_bloc.c: the bloc (name, level) and the province. */
void rules_res_bloc(ctx *x);
void rules_res_province(ctx *x);
/* resolve_people.c: members, then leaders. */
void rules_res_people(ctx *x);
/* resolve_people.c: named officials with their posts. */
void rules_res_officials(ctx *x);
/* resolve_goals.c: the goals. */
void rules_res_goals(ctx *x);

#endif
