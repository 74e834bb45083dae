/* load.c - read rules/ (*.rules files and provinces.tsv) and compile them.
 *
 * A .rules file holds macros ("define NAME pattern"), value maps ("map
 * GROUP VALUE pattern") and rules ("rule ID" followed by indented "key
 * value" lines); see rules/README.md.  Macros are global across files and
 * expanded as {NAME}.  provinces.tsv adds the macros {PROVINCE} and
 * {PROVINCE_BARE}.  Patterns compile with UTF, UCP, CASELESS, MULTILINE and
 * JIT when available; applying them is apply.c's job.
 *
 * Why one file of ~770 lines: the .rules parser, the macro expansion and
 * the provinces.tsv macros all write one loader state (the macro table,
 * the file:line of every error); the provinces part would have to export
 * that state to stand alone.
 */
#include "rules/rules_int.h"

#include <dirent.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "normalize/normalize.h"

#define MAX_EXPAND_DEPTH 12

static const char *kind_names[RK__COUNT] = {
    "title", "published", "byline", "province", "bloc", "event",
    "pledge_year", "reviewed_year", "meeting_date", "member_count",
    "member", "leader", "goal", "official", "level",
};

static int kind_from(const char *s)
{
    for (int k = 0; k < RK__COUNT; k++)
        if (strcmp(s, kind_names[k]) == 0)
            return k;
    return -1;
}

static const macro *find_macro(const rules_set *rs, const char *name, size_t n)
{
    for (size_t i = 0; i < rs->nmacros; i++)
        if (strlen(rs->macros[i].name) == n &&
            memcmp(rs->macros[i].name, name, n) == 0)
            return &rs->macros[i];
    return NULL;
}

/* Expand {NAME} references; returns 0 and fills err on an unknown macro. */
static int expand(const rules_set *rs, const char *src, td_buf *out, int depth,
                  char *err, size_t errlen)
{
    if (depth > MAX_EXPAND_DEPTH) {
        snprintf(err, errlen, "macros nested too deep (a cycle?)");
        return 0;
    }
    for (const char *p = src; *p;) {
        if (*p == '\\' && p[1]) {           /* keep escapes: \{ \p{L} \x{..} */
            size_t k = 2;
            if (strchr("pPxNgk", p[1]) && p[2] == '{') {
                const char *q = strchr(p + 2, '}');
                if (q)
                    k = (size_t)(q - p) + 1;
            }
            td_buf_append(out, p, k);
            p += k;
            continue;
        }
        if (*p == '{' && ((p[1] >= 'A' && p[1] <= 'Z') || p[1] == '_')) {
            const char *q = p + 1;
            while ((*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '_')
                q++;
            if (*q == '}') {
                const macro *m = find_macro(rs, p + 1, (size_t)(q - p - 1));
                if (!m) {
                    snprintf(err, errlen, "unknown macro {%.*s}", (int)(q - p - 1), p + 1);
                    return 0;
                }
                td_buf_puts(out, "(?:");
                if (!expand(rs, m->body, out, depth + 1, err, errlen))
                    return 0;
                td_buf_puts(out, ")");
                p = q + 1;
                continue;
            }
        }
        td_buf_putc(out, *p++);
    }
    return 1;
}

int rules_expand(const rules_set *rs, const char *src, td_buf *out, char *err,
                 size_t errlen)
{
    return expand(rs, src, out, 0, err, errlen);
}

pcre2_code *rules_compile(const rules_set *rs, const char *src, char *err,
                          size_t errlen)
{
    td_buf b = TD_BUF_INIT;
    if (!expand(rs, src, &b, 0, err, errlen)) {
        td_buf_free(&b);
        return NULL;
    }
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)b.ptr, b.len, RULES_PCRE2_OPTIONS,
                                   &ec, &eo, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        snprintf(err, errlen, "pattern does not compile: %s (at offset %zu of the expanded pattern)",
                 (char *)msg, (size_t)eo);
        td_buf_free(&b);
        return NULL;
    }
    td_buf_free(&b);
    uint32_t cap = 0;
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &cap);
    if (cap + 1 > RULES_MAX_GROUPS) {
        snprintf(err, errlen, "pattern has %u groups, at most %d allowed",
                 cap, RULES_MAX_GROUPS - 1);
        pcre2_code_free(re);
        return NULL;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);  /* falls back to the interpreter */
    return re;
}

/* ---- parsing ------------------------------------------------------------ */

typedef struct pending {      /* a rule or map before compilation */
    size_t rule;              /* index in rs->rules, or (size_t)-1 */
    char *what;               /* "pattern", "sentence", "not-sentence", "map" */
    char *src;
    const char *file;
    int line;
} pending;

typedef struct loader {
    rules_set *rs;
    pending *pend; size_t npend, cap_pend;
    size_t cap_rules, cap_macros, cap_maps;
} loader;

static void add_pending(loader *L, size_t rule, const char *what,
                        const char *src, const char *file, int line)
{
    if (L->npend == L->cap_pend) {
        L->cap_pend = L->cap_pend ? 2 * L->cap_pend : 64;
        L->pend = td_xrealloc(L->pend, L->cap_pend * sizeof *L->pend);
    }
    L->pend[L->npend++] = (pending){rule, td_xstrdup(what), td_xstrdup(src), file, line};
}

static void add_macro(loader *L, const char *name, const char *body)
{
    rules_set *rs = L->rs;
    for (size_t i = 0; i < rs->nmacros; i++)
        if (strcmp(rs->macros[i].name, name) == 0) {  /* later wins */
            free(rs->macros[i].body);
            rs->macros[i].body = td_xstrdup(body);
            return;
        }
    if (rs->nmacros == L->cap_macros) {
        L->cap_macros = L->cap_macros ? 2 * L->cap_macros : 64;
        rs->macros = td_xrealloc(rs->macros, L->cap_macros * sizeof *rs->macros);
    }
    rs->macros[rs->nmacros].name = td_xstrdup(name);
    rs->macros[rs->nmacros++].body = td_xstrdup(body);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* Split "word rest" at the first blank. */
static char *split_word(char *s)
{
    char *p = s;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    if (!*p)
        return p;
    *p++ = '\0';
    return trim(p);
}

static int rule_option(loader *L, rule *r, size_t ri, char *key, char *val,
                       const char *file, int line, td_err *e)
{
    if (strcmp(key, "fact") == 0) {
        r->kind = kind_from(val);
        if (r->kind < 0)
            return td_err_set(e, TD_ERULE, "%s:%d: unknown fact '%s'", file, line, val);
    } else if (strcmp(key, "prio") == 0) {
        r->prio = atoi(val);
    } else if (strcmp(key, "set") == 0) {
        char *eq = strchr(val, '=');
        if (!eq || r->nset >= RULES_MAX_SET)
            return td_err_set(e, TD_ERULE, "%s:%d: 'set' wants KEY=VALUE", file, line);
        *eq = '\0';
        r->set_key[r->nset] = td_xstrdup(val);
        r->set_val[r->nset++] = td_xstrdup(eq + 1);
    } else if (strcmp(key, "split") == 0) {
        static const char *modes[] = {"none", "list", "ordinal", "semicolon", "bullet",
                                      "quoted", "blocks"};
        int m = -1;
        for (int i = 0; i < 7; i++)
            if (strcmp(val, modes[i]) == 0)
                m = i;
        if (m < 0)
            return td_err_set(e, TD_ERULE, "%s:%d: unknown split '%s'", file, line, val);
        r->split = (split_mode)m;
    } else if (strcmp(key, "scope") == 0) {
        if (strcmp(val, "doc") == 0) r->scope = SCOPE_DOC;
        else if (strcmp(val, "bloc") == 0) r->scope = SCOPE_BLOC;
        else if (strcmp(val, "item") == 0) r->scope = SCOPE_ITEM;
        else return td_err_set(e, TD_ERULE, "%s:%d: unknown scope '%s'", file, line, val);
    } else if (strcmp(key, "zone") == 0) {
        r->zones = 0;
        char *save = NULL;
        for (char *t = strtok_r(val, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
            if (strcmp(t, "header") == 0) r->zones |= ZONE_HEADER;
            else if (strcmp(t, "title") == 0) r->zones |= ZONE_TITLE;
            else if (strcmp(t, "lead") == 0) r->zones |= ZONE_LEAD;
            else if (strcmp(t, "body") == 0) r->zones |= ZONE_BODY | ZONE_ASIDE;
            else if (strcmp(t, "aside") == 0) r->zones |= ZONE_ASIDE;
            else if (strcmp(t, "any") == 0) r->zones |= ZONE_ANY;
            else return td_err_set(e, TD_ERULE, "%s:%d: unknown zone '%s'", file, line, t);
        }
    } else if (strcmp(key, "cont") == 0) {
        r->cont = atoi(val);
    } else if (strcmp(key, "cap") == 0) {
        r->cap = td_xstrdup(val);
    } else if (strcmp(key, "capwords") == 0) {
        r->capwords = td_xstrdup(val);
    } else if (strcmp(key, "trim") == 0) {
        r->trim = td_xstrdup(val);
    } else if (strcmp(key, "lower") == 0) {
        r->lower = td_xstrdup(val);
    } else if (strcmp(key, "pattern") == 0 || strcmp(key, "sentence") == 0 ||
               strcmp(key, "not-sentence") == 0 || strcmp(key, "within") == 0) {
        add_pending(L, ri, key, val, file, line);
    } else {
        return td_err_set(e, TD_ERULE, "%s:%d: unknown rule option '%s'", file, line, key);
    }
    return TD_OK;
}

static int parse_file(loader *L, const char *path, const char *fname, td_err *e)
{
    char *data;
    size_t len;
    int rc = td_read_file(path, 4u << 20, &data, &len, e);
    if (rc != TD_OK)
        return rc;
    rules_set *rs = L->rs;
    size_t cur = (size_t)-1;
    int lineno = 0;
    rc = TD_OK;
    char *next = data;
    while (next && rc == TD_OK) {
        char *ln = next;
        char *nl = strchr(ln, '\n');
        if (nl) {
            *nl = '\0';
            next = nl + 1;
        } else {
            next = NULL;
        }
        lineno++;
        int indented = (ln[0] == ' ' || ln[0] == '\t');
        char *s = trim(ln);
        if (!*s || *s == '#')
            continue;
        char *rest = split_word(s);
        if (indented) {
            if (cur == (size_t)-1) {
                rc = td_err_set(e, TD_ERULE, "%s:%d: indented line outside a rule", fname, lineno);
                break;
            }
            rc = rule_option(L, &rs->rules[cur], cur, s, rest, fname, lineno, e);
            continue;
        }
        cur = (size_t)-1;
        if (strcmp(s, "define") == 0) {
            char *body = split_word(rest);
            if (!*rest || !*body) {
                rc = td_err_set(e, TD_ERULE, "%s:%d: 'define' wants NAME PATTERN", fname, lineno);
                break;
            }
            add_macro(L, rest, body);
        } else if (strcmp(s, "map") == 0) {
            char *val = split_word(rest);
            char *pat = split_word(val);
            if (!*rest || !*val || !*pat) {
                rc = td_err_set(e, TD_ERULE, "%s:%d: 'map' wants GROUP VALUE PATTERN", fname, lineno);
                break;
            }
            if (rs->nmaps == L->cap_maps) {
                L->cap_maps = L->cap_maps ? 2 * L->cap_maps : 16;
                rs->maps = td_xrealloc(rs->maps, L->cap_maps * sizeof *rs->maps);
            }
            rmap *m = &rs->maps[rs->nmaps];
            m->group = td_xstrdup(rest);
            m->value = td_xstrdup(val);
            m->code = NULL;
            add_pending(L, rs->nmaps++, "map", pat, fname, lineno);
        } else if (strcmp(s, "rule") == 0) {
            if (!*rest) {
                rc = td_err_set(e, TD_ERULE, "%s:%d: 'rule' wants an id", fname, lineno);
                break;
            }
            for (size_t i = 0; i < rs->nrules; i++)
                if (strcmp(rs->rules[i].id, rest) == 0) {
                    rc = td_err_set(e, TD_ERULE, "%s:%d: rule '%s' defined twice", fname, lineno, rest);
                    break;
                }
            if (rc != TD_OK)
                break;
            if (rs->nrules == L->cap_rules) {
                L->cap_rules = L->cap_rules ? 2 * L->cap_rules : 64;
                rs->rules = td_xrealloc(rs->rules, L->cap_rules * sizeof *rs->rules);
            }
            cur = rs->nrules++;
            rule *r = &rs->rules[cur];
            memset(r, 0, sizeof *r);
            r->id = td_xstrdup(rest);
            r->kind = -1;
            r->prio = 50;
            r->zones = ZONE_ANY;
            r->file = fname;
            r->line = lineno;
        } else {
            rc = td_err_set(e, TD_ERULE, "%s:%d: unknown directive '%s'", fname, lineno, s);
        }
    }
    free(data);
    return rc;
}

/* ---- provinces.tsv ------------------------------------------------------- */

static void regex_escape(td_buf *b, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\^$.|?*+()[]{}", *s))
            td_buf_putc(b, '\\');
        td_buf_putc(b, *s);
    }
}

static int cmp_prov_len(const void *a, const void *b)
{
    const prov *x = a, *y = b;
    size_t lx = strlen(x->fold), ly = strlen(y->fold);
    return lx < ly ? 1 : lx > ly ? -1 : strcmp(x->fold, y->fold);
}

typedef struct prov_extra { char *before, *after; } prov_extra;

static int load_provinces(loader *L, const char *dir, td_err *e)
{
    rules_set *rs = L->rs;
    size_t n = strlen(dir) + 32;
    char *path = td_xmalloc(n);
    snprintf(path, n, "%s/provinces.tsv", dir);
    char *data;
    size_t len;
    int rc = td_read_file(path, 4u << 20, &data, &len, e);
    free(path);
    if (rc != TD_OK)
        return rc;
    int c_name = -1, c_var = -1, c_match = -1, c_nf = -1, c_np = -1, c_set = -1, c_until = -1,
        c_into = -1;
    prov_extra *ex = NULL;
    size_t cap = 0;
    char *save = NULL;
    int first = 1;
    for (char *ln = strtok_r(data, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
        if (ln[0] == '#')
            continue;
        char *cols[32];
        int nc = 0;
        for (char *p = ln;; ) {
            cols[nc++] = p;
            char *t = strchr(p, '\t');
            if (!t || nc == 32)
                break;
            *t = '\0';
            p = t + 1;
        }
        for (int i = 0; i < nc; i++)
            trim(cols[i]);
        if (first) {
            first = 0;
            for (int i = 0; i < nc; i++) {
                if (strcmp(cols[i], "name") == 0) c_name = i;
                else if (strcmp(cols[i], "variants") == 0) c_var = i;
                else if (strcmp(cols[i], "match") == 0) c_match = i;
                else if (strcmp(cols[i], "not_followed_by") == 0) c_nf = i;
                else if (strcmp(cols[i], "not_preceded_by") == 0) c_np = i;
                else if (strcmp(cols[i], "set") == 0) c_set = i;
                else if (strcmp(cols[i], "valid_until") == 0) c_until = i;
                else if (strcmp(cols[i], "merged_into") == 0) c_into = i;
            }
            if (c_name < 0 || c_var < 0) {
                free(data);
                return td_err_set(e, TD_ERULE, "provinces.tsv: header lacks name/variants");
            }
            continue;
        }
        if (c_name >= nc || !*cols[c_name] || cols[0][0] == '#')
            continue;
        const char *name = cols[c_name];
        /* a former name: its spellings stay with the successor's row */
        if (c_set >= 0 && c_set < nc && strcmp(cols[c_set], "predecessor") == 0 &&
            c_until >= 0 && c_until < nc && c_into >= 0 && c_into < nc && *cols[c_into] &&
            atoi(cols[c_until]) > 0) {
            rs->formers = td_xrealloc(rs->formers, (rs->nformers + 1) * sizeof *rs->formers);
            rs->formers[rs->nformers++] = (prov_former){td_xstrdup(name), td_xstrdup(cols[c_into]),
                                                        atoi(cols[c_until])};
        }
        int prefix_only = c_match >= 0 && c_match < nc && strcmp(cols[c_match], "prefix") == 0;
        /* the name and each variant become one folded spelling */
        td_buf all = TD_BUF_INIT;
        td_buf_puts(&all, name);
        if (c_var < nc && *cols[c_var]) {
            td_buf_putc(&all, '|');
            td_buf_puts(&all, cols[c_var]);
        }
        char *s2 = NULL;
        for (char *v = strtok_r(all.ptr, "|", &s2); v; v = strtok_r(NULL, "|", &s2)) {
            char *f = norm_fold_str(trim(v));
            int dup = 0;
            for (size_t i = 0; i < rs->nprovs; i++)
                if (strcmp(rs->provs[i].fold, f) == 0)
                    dup = 1;
            if (dup || !*f) {
                free(f);
                continue;
            }
            if (rs->nprovs == cap) {
                cap = cap ? 2 * cap : 128;
                rs->provs = td_xrealloc(rs->provs, cap * sizeof *rs->provs);
                ex = td_xrealloc(ex, cap * sizeof *ex);
            }
            /* a spelling that carries its own prefix ("TP.HCM", "Thành phố
             * Hồ Chí Minh") needs none in front of it */
            int own_prefix = !strncmp(f, "tp", 2) || !strncmp(f, "thanh pho ", 10);
            rs->provs[rs->nprovs] = (prov){f, td_xstrdup(name), prefix_only && !own_prefix};
            ex[rs->nprovs].before = (c_nf >= 0 && c_nf < nc && *cols[c_nf]) ? td_xstrdup(cols[c_nf]) : NULL;
            ex[rs->nprovs].after = (c_np >= 0 && c_np < nc && *cols[c_np]) ? td_xstrdup(cols[c_np]) : NULL;
            rs->nprovs++;
        }
        td_buf_free(&all);
    }
    free(data);
    /* longest spelling first so "thua thien hue" wins over "hue" */
    size_t *order = td_xmalloc((rs->nprovs + 1) * sizeof *order);
    prov *sorted = td_xmalloc((rs->nprovs + 1) * sizeof *sorted);
    memcpy(sorted, rs->provs, rs->nprovs * sizeof *sorted);
    if (rs->nprovs)
        qsort(sorted, rs->nprovs, sizeof *sorted, cmp_prov_len);
    td_buf any = TD_BUF_INIT, bare = TD_BUF_INIT;
    for (size_t k = 0; k < rs->nprovs; k++) {
        size_t i = 0;
        while (i < rs->nprovs && rs->provs[i].fold != sorted[k].fold)
            i++;
        order[k] = i;
        td_buf alt = TD_BUF_INIT;
        if (ex[i].after) {
            char *s3 = NULL, *tmp = td_xstrdup(ex[i].after);
            for (char *w = strtok_r(tmp, "|", &s3); w; w = strtok_r(NULL, "|", &s3)) {
                char *f = norm_fold_str(w);
                td_buf_puts(&alt, "(?<!");
                regex_escape(&alt, f);
                td_buf_puts(&alt, " )");
                free(f);
            }
            free(tmp);
        }
        regex_escape(&alt, rs->provs[i].fold);
        if (ex[i].before) {
            char *f = norm_fold_str(ex[i].before);
            td_buf_puts(&alt, "(?! (?:");
            td_buf_puts(&alt, f);  /* a regex alternation of folded words */
            td_buf_puts(&alt, ")(?![\\p{L}\\p{N}]))");
            free(f);
        }
        td_buf_puts(&any, any.len ? "|" : "");
        td_buf_append(&any, alt.ptr, alt.len);
        if (!rs->provs[i].prefix_only) {
            td_buf_puts(&bare, bare.len ? "|" : "");
            td_buf_append(&bare, alt.ptr, alt.len);
        }
        td_buf_free(&alt);
    }
    for (size_t i = 0; i < rs->nprovs; i++) {
        free(ex[i].before);
        free(ex[i].after);
    }
    free(ex);
    free(order);
    free(sorted);
    td_buf wrap = TD_BUF_INIT;
    td_buf_printf(&wrap, "(?<![\\p{L}\\p{N}])(?:%s)(?![\\p{L}\\p{N}])", any.ptr ? any.ptr : "(*FAIL)");
    add_macro(L, "PROVINCE", wrap.ptr);
    td_buf_clear(&wrap);
    td_buf_printf(&wrap, "(?<![\\p{L}\\p{N}])(?:%s)(?![\\p{L}\\p{N}])", bare.ptr ? bare.ptr : "(*FAIL)");
    add_macro(L, "PROVINCE_BARE", wrap.ptr);
    td_buf_free(&wrap);
    td_buf_free(&any);
    td_buf_free(&bare);
    return TD_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The macros the C code reads by name, and where their compiled form goes.
 * Every one must be defined: a missing one is an error, not a silently
 * weaker extractor. */
static const struct {
    const char *name;
    size_t off;
} SPECIALS[] = {
    {"UNIT_HEAD", offsetof(rules_set, unit_head)},
    {"LIST_END", offsetof(rules_set, list_end)},
    {"LIST_SKIP", offsetof(rules_set, list_skip)},
    {"LIST_KEEP", offsetof(rules_set, nonsplit)},
    {"GOAL_STRIP", offsetof(rules_set, goal_strip)},
    {"GOAL_STOP", offsetof(rules_set, goal_stop)},
    {"GOAL_DROP", offsetof(rules_set, goal_drop)},
    {"GOAL_GENERIC", offsetof(rules_set, goal_generic)},
    {"ORDINAL", offsetof(rules_set, ordinal)},
    {"GOAL_VERB", offsetof(rules_set, goal_verb)},
    {"PROVINCE", offsetof(rules_set, province_any)},
    {"ABBREV", offsetof(rules_set, abbrev)},
    {"HEADLINE", offsetof(rules_set, headline)},
    {"NOT_HEADLINE", offsetof(rules_set, not_headline)},
    {"PROVINCE_PREFIX", offsetof(rules_set, province_prefix)},
    {"INSTITUTION", offsetof(rules_set, institution)},
    {"REGIONAL", offsetof(rules_set, regional)},
    {"CAPTION", offsetof(rules_set, caption)},
};

static pcre2_code **special_slot(rules_set *rs, size_t i)
{
    return (pcre2_code **)(void *)((char *)rs + SPECIALS[i].off);
}

/* Compile every macro of SPECIALS; TD_ERULE naming the first one missing
 * or broken. */
static int load_specials(rules_set *rs, td_err *e)
{
    for (size_t i = 0; i < sizeof SPECIALS / sizeof *SPECIALS; i++) {
        const char *name = SPECIALS[i].name;
        if (!find_macro(rs, name, strlen(name)))
            return td_err_set(e, TD_ERULE, "macro {%s} is not defined in '%s' "
                              "(the program reads it by name)", name, rs->dir);
        char src[64], err[300];
        snprintf(src, sizeof src, "{%s}", name);
        pcre2_code *re = rules_compile(rs, src, err, sizeof err);
        if (!re)
            return td_err_set(e, TD_ERULE, "macro {%s}: %s", name, err);
        *special_slot(rs, i) = re;
    }
    return TD_OK;
}

const char *rules_special_name(const rules_set *rs, const pcre2_code *re)
{
    for (size_t i = 0; i < sizeof SPECIALS / sizeof *SPECIALS; i++)
        if (*special_slot((rules_set *)rs, i) == re)
            return SPECIALS[i].name;
    return "?";
}

int rules_load(const char *dir, rules_set **out, td_err *e)
{
    *out = NULL;
    rules_set *rs = td_xcalloc(1, sizeof *rs);
    rs->dir = td_xstrdup(dir);
    loader L = {.rs = rs};
    int rc = TD_OK;
    DIR *dh = opendir(dir);
    if (!dh) {
        rules_free(rs);
        return td_err_set(e, TD_EIO, "cannot open rule directory '%s'", dir);
    }
    size_t capf = 0;
    struct dirent *ent;
    while ((ent = readdir(dh)) != NULL) {
        size_t n = strlen(ent->d_name);
        if (ent->d_name[0] == '.' || n < 7 || strcmp(ent->d_name + n - 6, ".rules") != 0)
            continue;
        if (rs->nfiles == capf) {
            capf = capf ? 2 * capf : 16;
            rs->files = td_xrealloc(rs->files, capf * sizeof *rs->files);
        }
        rs->files[rs->nfiles++] = td_xstrdup(ent->d_name);
    }
    closedir(dh);
    if (rs->nfiles == 0) {
        rules_free(rs);
        return td_err_set(e, TD_ERULE, "no *.rules files in '%s'", dir);
    }
    qsort(rs->files, rs->nfiles, sizeof *rs->files, cmp_str);
    rc = load_provinces(&L, dir, e);
    if (rc == TD_OK)
        rc = rules_load_sites(rs, dir, e);
    for (size_t i = 0; i < rs->nfiles && rc == TD_OK; i++) {
        size_t n = strlen(dir) + strlen(rs->files[i]) + 2;
        char *path = td_xmalloc(n);
        snprintf(path, n, "%s/%s", dir, rs->files[i]);
        rc = parse_file(&L, path, rs->files[i], e);
        free(path);
    }
    for (size_t i = 0; i < rs->nrules && rc == TD_OK; i++)
        if (rs->rules[i].kind < 0)
            rc = td_err_set(e, TD_ERULE, "%s:%d: rule '%s' has no 'fact'",
                            rs->rules[i].file, rs->rules[i].line, rs->rules[i].id);
    for (size_t i = 0; i < L.npend && rc == TD_OK; i++) {
        pending *p = &L.pend[i];
        char err[400];
        pcre2_code *re = rules_compile(rs, p->src, err, sizeof err);
        if (!re) {
            rc = td_err_set(e, TD_ERULE, "%s:%d: %s", p->file, p->line, err);
            break;
        }
        if (strcmp(p->what, "map") == 0) {
            rs->maps[p->rule].code = re;
            continue;
        }
        rule *r = &rs->rules[p->rule];
        pcre2_code *had = strcmp(p->what, "sentence") == 0 ? r->sentence
                        : strcmp(p->what, "within") == 0 ? r->within
                        : strcmp(p->what, "not-sentence") == 0 ? r->not_sentence : NULL;
        if (had) {   /* a second line would silently replace the first */
            pcre2_code_free(re);
            rc = td_err_set(e, TD_ERULE, "%s:%d: rule '%s' has a second '%s' line "
                            "(one is allowed: join the patterns with |)",
                            p->file, p->line, r->id, p->what);
            break;
        }
        if (strcmp(p->what, "pattern") == 0) {
            r->pats = td_xrealloc(r->pats, (r->npats + 1) * sizeof *r->pats);
            r->srcs = td_xrealloc(r->srcs, (r->npats + 1) * sizeof *r->srcs);
            r->srcs[r->npats] = td_xstrdup(p->src);
            r->pats[r->npats++] = re;
        } else if (strcmp(p->what, "sentence") == 0) {
            if (r->sentence) pcre2_code_free(r->sentence);
            r->sentence = re;
        } else if (strcmp(p->what, "within") == 0) {
            if (r->within) pcre2_code_free(r->within);
            r->within = re;
        } else {
            if (r->not_sentence) pcre2_code_free(r->not_sentence);
            r->not_sentence = re;
        }
    }
    for (size_t i = 0; i < L.npend; i++) {
        free(L.pend[i].what);
        free(L.pend[i].src);
    }
    free(L.pend);
    for (size_t i = 0; i < rs->nrules && rc == TD_OK; i++)
        if (rs->rules[i].npats == 0)
            rc = td_err_set(e, TD_ERULE, "%s:%d: rule '%s' has no pattern",
                            rs->rules[i].file, rs->rules[i].line, rs->rules[i].id);
    if (rc != TD_OK) {
        rules_free(rs);
        return rc;
    }
    if (load_specials(rs, e) != TD_OK || rules_pf_build(rs, e) != TD_OK) {
        rules_free(rs);
        return TD_ERULE;
    }
    rs->mctx = pcre2_match_context_create(NULL);
    /* limits: a pathological document fails one rule, not the batch */
    pcre2_set_match_limit(rs->mctx, 2000000);
    pcre2_set_depth_limit(rs->mctx, 20000);
    *out = rs;
    return TD_OK;
}

void rules_free(rules_set *rs)
{
    if (!rs)
        return;
    rules_free_sites(rs);
    rules_pf_free(rs->pf);
    for (size_t i = 0; i < rs->nrules; i++) {
        rule *r = &rs->rules[i];
        free(r->id);
        for (int k = 0; k < r->nset; k++) {
            free(r->set_key[k]);
            free(r->set_val[k]);
        }
        free(r->cap);
        free(r->capwords);
        free(r->trim);
        free(r->lower);
        pcre2_code_free(r->sentence);
        pcre2_code_free(r->not_sentence);
        pcre2_code_free(r->within);
        for (size_t k = 0; k < r->npats; k++) {
            pcre2_code_free(r->pats[k]);
            free(r->srcs[k]);
        }
        free(r->pats);
        free(r->srcs);
    }
    free(rs->rules);
    for (size_t i = 0; i < rs->nmaps; i++) {
        free(rs->maps[i].group);
        free(rs->maps[i].value);
        pcre2_code_free(rs->maps[i].code);
    }
    free(rs->maps);
    for (size_t i = 0; i < rs->nmacros; i++) {
        free(rs->macros[i].name);
        free(rs->macros[i].body);
    }
    free(rs->macros);
    for (size_t i = 0; i < rs->nprovs; i++) {
        free(rs->provs[i].fold);
        free(rs->provs[i].name);
    }
    free(rs->provs);
    for (size_t i = 0; i < rs->nformers; i++) {
        free(rs->formers[i].name);
        free(rs->formers[i].successor);
    }
    free(rs->formers);
    for (size_t i = 0; i < rs->nfiles; i++)
        free(rs->files[i]);
    free(rs->files);
    pcre2_code_free(rs->unit_head);
    pcre2_code_free(rs->list_end);
    pcre2_code_free(rs->list_skip);
    pcre2_code_free(rs->nonsplit);
    pcre2_code_free(rs->goal_strip);
    pcre2_code_free(rs->goal_stop);
    pcre2_code_free(rs->abbrev);
    pcre2_code_free(rs->headline);
    pcre2_code_free(rs->not_headline);
    pcre2_code_free(rs->goal_drop);
    pcre2_code_free(rs->goal_generic);
    pcre2_code_free(rs->ordinal);
    pcre2_code_free(rs->goal_verb);
    pcre2_code_free(rs->province_any);
    pcre2_code_free(rs->province_prefix);
    pcre2_code_free(rs->institution);
    pcre2_code_free(rs->regional);
    pcre2_code_free(rs->caption);
    pcre2_match_context_free(rs->mctx);
    free(rs->dir);
    free(rs);
}
