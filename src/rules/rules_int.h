/* rules_int.h - internals of the rule engine shared by the src/rules/ files.
 *
 * load.c parses rules/ (*.rules, provinces.tsv) and compiles the patterns;
 * apply.c runs them over doc->fold and collects candidates; resolve.c picks
 * one value per fact and writes td_facts; split.c cuts member and goal
 * lists; output.c prints facts; testrun.c runs the *.test cases.
 */
#ifndef RULES_INT_H
#define RULES_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "rules/rules.h"

/* Rule kinds: the td_fact kinds, plus the bloc level (a field of bloc). */
#define RK_LEVEL TD_FACT__COUNT
#define RK__COUNT (TD_FACT__COUNT + 1)

#define RULES_MAX_GROUPS 16    /* capture groups per pattern, 0 included */
#define RULES_MAX_SET 6        /* constant fields per rule */

typedef enum { SPLIT_NONE = 0, SPLIT_LIST, SPLIT_ORDINAL, SPLIT_SEMICOLON,
               SPLIT_BULLET, SPLIT_QUOTED, SPLIT_BLOCKS } split_mode;
typedef enum { SCOPE_DOC = 0, SCOPE_BLOC, SCOPE_ITEM } scope_mode;
/* ASIDE: a short body block that does not end like a sentence (a caption,
 * a sidebar headline about another story). */
enum { ZONE_HEADER = 1, ZONE_TITLE = 2, ZONE_LEAD = 4, ZONE_BODY = 8,
       ZONE_ASIDE = 16, ZONE_ANY = 31 };

typedef struct rule {
    char *id;                  /* "leader.elect_la" */
    int kind;                  /* td_fact_kind or RK_LEVEL */
    int prio;                  /* base score of its candidates */
    const char *file;          /* file name (points into rules_set) */
    int line;                  /* line of the "rule" header */
    char *set_key[RULES_MAX_SET], *set_val[RULES_MAX_SET];  /* set k=v */
    int nset;
    split_mode split;
    scope_mode scope;
    int zones;                 /* ZONE_* bits where matches count */
    int cont;                  /* goals: following blocks a region may take */
    char *cap;                 /* groups whose first letter must be upper case */
    char *capwords;            /* groups whose every word must be upper case */
    char *trim;                /* groups trimmed to start at a unit head */
    char *lower;               /* groups that must hold a lower-case letter */
    pcre2_code *sentence;      /* the sentence must match this, or NULL */
    pcre2_code *not_sentence;  /* the sentence must not match this */
    pcre2_code *within;        /* run only in sentences holding a match of this */
    pcre2_code **pats;         /* alternatives, each compiled alone */
    char **srcs;               /* their sources, macros unexpanded (prefilter.c) */
    size_t npats;
    int positive;              /* test runner: seen in an expected fact */
} rule;

typedef struct rmap {          /* "map role pho_khoi {ROLE_PHO}" */
    char *group, *value;
    pcre2_code *code;
} rmap;

typedef struct prov {          /* one folded spelling of a province */
    char *fold;                /* "khanh hoa" */
    char *name;                /* canonical spelling, as in the gazetteer */
    int prefix_only;           /* bare name is ambiguous: needs tỉnh/TP */
} prov;

/* a province's former name (a "predecessor" row of provinces.tsv): a
 * report of a year up to until_year names the province so ("Thừa Thiên
 * Huế" for Huế before 2025) */
typedef struct prov_former { char *name, *successor; int until_year; } prov_former;

typedef struct macro { char *name, *body; } macro;

typedef struct rules_site {   /* one line of sites.tsv */
    char *host;               /* host suffix, lower case */
    char *province;           /* canonical name, NULL for "-" (national) */
} rules_site;

struct rules_set {
    char *dir;
    char **files; size_t nfiles;          /* *.rules names, owned */
    rule *rules; size_t nrules;
    rmap *maps; size_t nmaps;
    macro *macros; size_t nmacros;
    prov *provs; size_t nprovs;
    prov_former *formers; size_t nformers;
    rules_site *sites; size_t nsites;
    pcre2_code *unit_head;     /* {UNIT_HEAD}: a unit name starts here */
    pcre2_code *list_end;      /* {LIST_END}: a member list stops here */
    pcre2_code *list_skip;     /* {LIST_SKIP}: table cells that are not members */
    pcre2_code *nonsplit;      /* {LIST_KEEP}: names never cut in a list */
    pcre2_code *goal_strip;    /* {GOAL_STRIP}: words dropped before a goal */
    pcre2_code *goal_stop;     /* {GOAL_STOP}: a block that ends a goal region */
    pcre2_code *goal_drop;     /* {GOAL_DROP}: a clause that is never a goal */
    pcre2_code *goal_generic;  /* {GOAL_GENERIC}: a whole clause that is a formula */
    pcre2_code *ordinal;       /* {ORDINAL}: "một là", "thứ hai" */
    pcre2_code *goal_verb;     /* {GOAL_VERB}: a verb that opens a goal clause */
    pcre2_code *headline;      /* {HEADLINE}: a block about the genre could be the headline */
    pcre2_code *not_headline;  /* {NOT_HEADLINE}: a block starting so is never the headline */
    pcre2_code *abbrev;        /* {ABBREV}: kept in capitals when a shouted name is re-cased */
    pcre2_code *province_any;  /* {PROVINCE} alone, for bloc names */
    pcre2_code *province_prefix; /* {PROVINCE_PREFIX}: stripped from values */
    pcre2_code *institution;   /* {INSTITUTION}: names that carry other places */
    pcre2_code *regional;      /* {REGIONAL}: a bloc of several provinces */
    pcre2_code *caption;       /* {CAPTION}: a short line that is a photo caption */
    pcre2_match_context *mctx; /* limits; no JIT stack: each apply has its own */
    struct rules_pf *pf;       /* probes of the costly patterns (prefilter.c), or NULL */
};

/* A group that did not take part in the match (cand.ov). */
#define CAND_UNSET UINT32_MAX

/* A match of one rule: offsets are bytes in doc->fold.  A document has a
 * candidate every few sentences, so a candidate is kept small: offsets in
 * 32 bits (the fold of a document is shorter than 4 GiB, as fold_map
 * already assumes). */
typedef struct cand {
    const rule *r;
    const pcre2_code *code;
    uint32_t ov[2 * RULES_MAX_GROUPS];   /* group spans; CAND_UNSET when unset */
    int ng;                    /* pairs used in ov */
    int score;                 /* prio plus position bonus */
    int zone;                  /* ZONE_* of its block */
    size_t ss, se;             /* its sentence in doc->fold */
    int used;                  /* resolution: taken or rejected */
} cand;

typedef struct cand_list { cand *v; size_t n, cap; } cand_list;

/* Document geometry computed once per apply. */
typedef struct docinfo {
    td_doc *d;
    const rules_set *rs;
    size_t *bstart, *bend;     /* fold spans of blocks */
    size_t nb;
    long title_block, lead_block;
    int title_moved;           /* the reader's title is no headline; title_block is */
    int *zone;                 /* per block */
    pcre2_match_context *mctx; /* the set's limits plus a callout bound to this doc */
    pcre2_jit_stack *jit;      /* this call's JIT stack (NULL: the machine stack) */
    size_t *sent_s, *sent_e;   /* sentences of the fold, in order */
    size_t nsent;
    size_t *prov_s, *prov_e;   /* province mentions in the fold, in order */
    size_t nprov;
} docinfo;

/* ---- load.c ---- */
/* Expand the {NAME} macros of src into out; 0 and err filled on failure. */
int rules_expand(const rules_set *rs, const char *src, td_buf *out, char *err,
                 size_t errlen);
/* Compile pattern src (macros expanded) with the engine's flags. */
pcre2_code *rules_compile(const rules_set *rs, const char *src, char *err,
                          size_t errlen);

/* The name of a compiled macro the C code reads ({UNIT_HEAD} ...), "?"
 * for any other pattern. */
const char *rules_special_name(const rules_set *rs, const pcre2_code *re);

/* ---- site.c ---- */
/* Read dir/sites.tsv when it exists; TD_ERULE on a malformed line. */
int rules_load_sites(rules_set *rs, const char *dir, td_err *e);
void rules_free_sites(rules_set *rs);

/* ---- apply.c ---- */
/* Record on the document that a match of `what` (a rule id or a macro
 * name) failed with PCRE2 code rc at fold position pos; no-op for a match
 * or a plain no-match. */
void rules_note_rc(const docinfo *di, int rc, const char *what, size_t pos);
void rules_docinfo_init(docinfo *di, const rules_set *rs, td_doc *d);
/* After title_block is known: lead block and per-block zones. */
void rules_docinfo_zones(docinfo *di);
void rules_docinfo_free(docinfo *di);
long rules_di_block_of(const docinfo *di, size_t pos);
void rules_di_sentence(const docinfo *di, size_t pos, size_t *s, size_t *e);
/* Run every doc-scope rule; candidates go to out. */
void rules_apply_rules(const docinfo *di, cand_list *out);
/* Run the rules of kind/scope anchored on fold[s..e); first match wins.
 * Returns 1 and fills c when one matched. */
int rules_match_scoped(const docinfo *di, int kind, scope_mode scope, size_t s,
                 size_t e, int anchored, cand *c);
int rules_cand_group(const cand *c, const char *name, size_t *s, size_t *e);
/* Match a single compiled pattern at fold[s..e); 1 if it matches; when ms is
 * not NULL it gets the match span. */
int rules_re_find(const docinfo *di, const pcre2_code *re, size_t s, size_t e,
            int anchored, size_t *ms, size_t *me);
int rules_upper_at(const docinfo *di, size_t fold_pos);
int rules_allcaps_word_at(const docinfo *di, size_t fold_pos);
/* Original (doc->text) string of a fold span, trimmed; arena-owned. */
const char *rules_orig_str(const docinfo *di, size_t s, size_t e);
void rules_trim_span(const char *fold, size_t *s, size_t *e);
const char *rules_map_value(const docinfo *di, const char *group, const char *fold,
                      size_t s, size_t e);
int rules_parse_int(const char *s, size_t n, long *out);
void rules_cand_push(cand_list *l, const cand *c);

/* A unit name starts at fold position p (before e): a capitalized
 * {UNIT_HEAD} or abbreviation, or a lower-case head before a capitalized
 * name ("thành phố Hà Tiên"). */
int rules_unit_start(const docinfo *di, size_t p, size_t e);

/* ---- split.c ---- */
typedef struct span { size_t s, e; } span;
typedef struct span_list { span *v; size_t n, cap; } span_list;
void rules_span_push(span_list *l, size_t s, size_t e);
/* Cut a member list at fold[s..e) into item spans.  loose: a shared head
 * word was given ("các Sở: A, B và C"), so "và" before any capital cuts. */
void rules_split_members(const docinfo *di, size_t s, size_t e, span_list *items,
                   int loose);
/* The blocks after fold position e that form a list (table cells, short
 * lines): items are the blocks that start with a unit name (a bullet or
 * number in front is skipped); a block right after an item that is only a
 * role word ("Khối trưởng", a role column) goes to roles[k] of that item
 * (s == e when none).  roles has room for as many entries as items. */
void rules_split_blocks(const docinfo *di, size_t e, span_list *items, span_list *roles);
/* Cut a goal region into item spans by mode. */
void rules_split_goals(const docinfo *di, split_mode mode, size_t s, size_t e,
                 int cont, span_list *items);

/* ---- keymap.c ---- */
typedef struct rules_keyent {
    const char *key;           /* copy in the map's arena; NULL = free slot */
    size_t len;
    uint64_t hash;
    size_t val;
} rules_keyent;
typedef struct rules_keymap {  /* zero-initialise; rules_keymap_free when done */
    rules_keyent *slot;        /* open addressing; cap is a power of two */
    size_t cap, len;
    td_arena *arena;
} rules_keymap;
/* The value slot of key k[0..n): when the key is new it is added with
 * value v (*added = 1, when added is not NULL).  The pointer stays valid
 * until the next put. */
size_t *rules_keymap_put(rules_keymap *m, const char *k, size_t n, size_t v, int *added);
/* The value slot of key k[0..n), or NULL when it is not in the map. */
size_t *rules_keymap_get(const rules_keymap *m, const char *k, size_t n);
void rules_keymap_free(rules_keymap *m);

/* ---- prefilter.c ---- */
/* The options every rule pattern compiles with (load.c, prefilter.c). */
#define RULES_PCRE2_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MULTILINE)
/* A doc-scope pattern that opens with a long group (a unit or person
 * name: {UNIT}, {PNAME}) gets a probe, the pattern without that group: a
 * match of the pattern contains a match of its probe, and the probe, which
 * opens with the literal words after the name, is cheap to search.  Where
 * the probe finds nothing the pattern is not run.  Built once at load,
 * read-only afterwards (any number of threads may share it).
 * THIDUA_NO_PREFILTER=1 (at load) turns it off. */
typedef struct rules_pf rules_pf;
/* Build rs->pf; a pattern that cannot be split keeps running alone. */
int rules_pf_build(rules_set *rs, td_err *e);
void rules_pf_free(rules_pf *pf);
/* pcre2_match of re over fold[0..e) from start, as apply.c calls it, but
 * not run where its probe says it cannot match: the same result. */
int rules_pf_match(const docinfo *di, const pcre2_code *re, size_t e, size_t start,
                   uint32_t opts, pcre2_match_data *md);

/* ---- resolve.c ---- */
void rules_resolve_all(docinfo *di, cand_list *cands);

#endif
