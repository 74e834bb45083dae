/* test_rules.c - the rule engine: loading (macros, errors), applying to a
 * document (facts, evidence offsets in the original spelling), limits, and
 * the JSON keys.  The rule cases themselves live in rules/ .test files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "core/td.h"
#include "normalize/normalize.h"
#include "rules/rules.h"
#include "extract/extract.h"
#include <dirent.h>

/* A scratch rule directory with a provinces.tsv and the given files. */
static char *scratch_dir(const char *name1, const char *body1)
{
    char tmpl[] = "/tmp/thidua-rules-XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!dir)
        return NULL;
    char path[256];
    snprintf(path, sizeof path, "%s/provinces.tsv", dir);
    FILE *f = fopen(path, "w");
    fputs("name\tvariants\tmatch\n"
          "Khánh Hòa\tKhánh Hoà\tany\n"
          "Hồ Chí Minh\tTP.HCM\tprefix\n", f);
    fclose(f);
    /* the macros the program reads by name must exist; here they match nothing */
    snprintf(path, sizeof path, "%s/0-specials.rules", dir);
    f = fopen(path, "w");
    static const char *const specials[] = {"UNIT_HEAD", "LIST_END", "LIST_SKIP",
        "LIST_KEEP", "GOAL_STRIP", "GOAL_STOP", "GOAL_DROP", "GOAL_GENERIC", "ORDINAL",
        "GOAL_VERB", "ABBREV", "HEADLINE", "NOT_HEADLINE", "PROVINCE_PREFIX", "INSTITUTION",
        "REGIONAL", "CAPTION"};
    for (size_t i = 0; i < sizeof specials / sizeof *specials; i++)
        fprintf(f, "define %s (?!)\n", specials[i]);
    fclose(f);
    if (name1) {
        snprintf(path, sizeof path, "%s/%s", dir, name1);
        f = fopen(path, "w");
        fputs(body1, f);
        fclose(f);
    }
    return td_xstrdup(dir);
}

static void rm_dir(char *dir)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(dir);
}

static td_doc *doc_of(const char *text)
{
    td_doc *d = td_doc_new("t.txt");
    td_doc_add_block(d, TD_BLOCK_PARA, 0, text, strlen(text), -1, -1);
    td_err e;
    norm_doc(d, &e);
    return d;
}

static const td_fact *find_fact(const td_doc *d, td_fact_kind k)
{
    for (size_t i = 0; i < d->nfacts; i++)
        if (d->facts[i].kind == k)
            return &d->facts[i];
    return NULL;
}

TEST(rules_load_real_rules)
{
    rules_set *rs = NULL;
    td_err e;
    td_err_clear(&e);
    CHECK_INT(rules_load(TD_RULES_DIR, &rs, &e), TD_OK);
    CHECK(rs != NULL);
    rules_free(rs);
    rules_free(NULL);
}

TEST(rules_unknown_macro_names_file_and_line)
{
    char *dir = scratch_dir("x.rules", "# a comment\n\nrule x.one\n  fact leader\n  pattern {NOPE}\n");
    rules_set *rs = (rules_set *)1;
    td_err e;
    td_err_clear(&e);
    CHECK_INT(rules_load(dir, &rs, &e), TD_ERULE);
    CHECK(rs == NULL);
    CHECK(strstr(e.msg, "x.rules:5") != NULL);
    CHECK(strstr(e.msg, "unknown macro {NOPE}") != NULL);
    rm_dir(dir);
}

TEST(rules_bad_option_and_missing_pattern)
{
    char *dir = scratch_dir("y.rules", "rule y.one\n  fact leader\n  colour blue\n");
    rules_set *rs = NULL;
    td_err e;
    td_err_clear(&e);
    CHECK_INT(rules_load(dir, &rs, &e), TD_ERULE);
    CHECK(strstr(e.msg, "y.rules:3: unknown rule option 'colour'") != NULL);
    rm_dir(dir);
    dir = scratch_dir("z.rules", "rule z.one\n  fact leader\n");
    CHECK_INT(rules_load(dir, &rs, &e), TD_ERULE);
    CHECK(strstr(e.msg, "has no pattern") != NULL);
    rm_dir(dir);
    CHECK_INT(rules_load("/nonexistent/rules", &rs, &e), TD_EIO);
}

TEST(rules_macros_and_captures_in_original_spelling)
{
    char *dir = scratch_dir("p.rules",
        "define WHERE (?:tinh|thanh pho)\n"
        "rule p.prefixed\n  fact province\n  cap value\n"
        "  pattern {WHERE} (?<value>{PROVINCE})\n");
    rules_set *rs = NULL;
    td_err e;
    td_err_clear(&e);
    CHECK_INT(rules_load(dir, &rs, &e), TD_OK);
    /* old tone placement, decomposed input: a province is given in its
     * canonical spelling, the evidence keeps the writer's form */
    td_doc *d = doc_of("Hội nghị của tỉnh Kha\xcc\x81nh Hoa\xcc\x80 đã diễn ra.");
    CHECK_INT(rules_apply(rs, d, &e), TD_OK);
    const td_fact *f = find_fact(d, TD_FACT_PROVINCE);
    CHECK(f != NULL);
    if (f) {
        CHECK_STR(f->value, "Khánh Hòa");
        CHECK_STR(f->rule, "p.prefixed");
        /* the evidence span points into doc->text */
        CHECK(f->end <= d->text_len && f->start < f->end);
        CHECK(strncmp(d->text + f->start, "tỉnh Khánh Hoà", f->end - f->start) == 0);
        CHECK(f->sent_start == 0);
    }
    td_doc_free(d);
    /* lower case is refused by "cap value"; the bare city needs its prefix */
    d = doc_of("Bàn về thành phố hồ chí minh và tỉnh khánh hòa.");
    CHECK_INT(rules_apply(rs, d, &e), TD_OK);
    CHECK(find_fact(d, TD_FACT_PROVINCE) == NULL);
    td_doc_free(d);
    rules_free(rs);
    rm_dir(dir);
}

TEST(rules_match_limit_fails_one_rule_only)
{
    char *dir = scratch_dir("m.rules",
        "rule m.slow\n  fact event\n  set value=other\n  pattern (?:a|aa)+(?:a|aa)+c\n"
        "rule m.ok\n  fact pledge_year\n  pattern nam (?<year>20\\d\\d)\n");
    rules_set *rs = NULL;
    td_err e;
    td_err_clear(&e);
    CHECK_INT(rules_load(dir, &rs, &e), TD_OK);
    char text[200];
    memset(text, 'a', 120);
    strcpy(text + 120, " năm 2024 c");   /* a "c" later: no quick rejection */
    td_doc *d = doc_of(text);
    CHECK_INT(rules_apply(rs, d, &e), TD_OK);
    CHECK(find_fact(d, TD_FACT_EVENT) == NULL);
    const td_fact *y = find_fact(d, TD_FACT_PLEDGE_YEAR);
    CHECK(y != NULL && y->num == 2024);
    /* ... and the failure is on record, naming the rule */
    CHECK(d->rule_errors >= 1);
    CHECK(d->rule_error != NULL && strstr(d->rule_error, "rule 'm.slow'") != NULL);
    td_doc_free(d);
    rules_free(rs);
    rm_dir(dir);
}

TEST(rules_facts_json_keys_and_nulls)
{
    rules_set *rs = NULL;
    td_err e;
    td_err_clear(&e);
    CHECK_INT(rules_load(TD_RULES_DIR, &rs, &e), TD_OK);
    td_doc *d = doc_of("Ngày 31/1, Khối Mặt trận tỉnh Kon Tum tổng kết công tác thi đua năm 2023 "
                       "và ký kết giao ước thi đua năm 2024. Năm 2024, Hội Cựu chiến binh tỉnh "
                       "làm trưởng khối \"thi đua\".");
    CHECK_INT(rules_apply(rs, d, &e), TD_OK);
    td_buf b = TD_BUF_INIT;
    rules_facts_json(d, &b);
    CHECK(strncmp(b.ptr, "{\"file\":\"t.txt\",\"format\":\"unknown\",\"title\":", 42) == 0);
    CHECK(strstr(b.ptr, "\"province\":\"Kon Tum\"") != NULL);
    CHECK(strstr(b.ptr, "\"bloc\":{\"name\":\"Khối Mặt trận tỉnh Kon Tum\",\"level\":\"tinh\"}") != NULL);
    CHECK(strstr(b.ptr, "\"event\":\"tong_ket\",\"pledge_year\":2024,\"reviewed_year\":2023,\"meeting_date\":\"2024-01-31\"") != NULL);
    CHECK(strstr(b.ptr, "\"member_count\":null,\"members\":[]") != NULL);
    CHECK(strstr(b.ptr, "\"leaders\":[{\"unit\":\"Hội Cựu chiến binh tỉnh\",\"role\":\"truong_khoi\",\"year\":2024}]") != NULL);
    CHECK(strstr(b.ptr, "\"officials\":[],\"evidence\":[{\"fact\":") != NULL);
    CHECK(b.ptr[b.len - 1] == '}');
    td_buf_free(&b);
    td_doc_free(d);
    rules_free(rs);
}

/* Collapse runs of white space, so a span read back compares with a value
 * that was written on one line. */
static char *squeeze(const char *s, size_t n)
{
    td_buf b = TD_BUF_INIT;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
            (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)) {
            if (c == 0xC2)
                i++;
            sp = 1;
            continue;
        }
        if (sp && b.len)
            td_buf_putc(&b, ' ');
        sp = 0;
        td_buf_putc(&b, (char)c);
    }
    if (!b.ptr)
        td_buf_append(&b, "", 0);
    return td_buf_detach(&b);
}

/* Every fact of every corpus document and seed: the evidence span lies in
 * doc->text, inside its sentence, and read back it holds the value up to
 * case and diacritics (or is held by it, for a member that borrowed a
 * shared head). */
static int check_dir(const rules_set *rs, const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return 0;
    int docs = 0;
    struct dirent *ent;
    while ((ent = readdir(dh)) != NULL) {
        const char *n = ent->d_name;
        size_t len = strlen(n);
        if (n[0] == '.' || len < 5 ||
            !(strcmp(n + len - 4, ".txt") == 0 || strcmp(n + len - 5, ".html") == 0 ||
              strcmp(n + len - 5, ".docx") == 0))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, n);
        char *data;
        size_t dlen;
        td_err e;
        td_err_clear(&e);
        if (td_read_file(path, 50u << 20, &data, &dlen, &e) != TD_OK)
            continue;
        td_doc *d = NULL;
        if (extract_buffer(path, data, dlen, NULL, &d, &e) == TD_OK && norm_doc(d, &e) == TD_OK &&
            rules_apply(rs, d, &e) == TD_OK) {
            docs++;
            for (size_t i = 0; i < d->nfacts; i++) {
                const td_fact *f = &d->facts[i];
                CHECK(f->start <= f->end && f->end <= d->text_len);
                CHECK(f->sent_start <= f->sent_end && f->sent_end <= d->text_len);
                if (f->end == f->start)
                    continue;
                CHECK(f->sent_start <= f->start && f->end <= f->sent_end);
                /* a province is given in its canonical spelling and its
                 * evidence may be any spelling ("TP.HCM" for "Hồ Chí Minh");
                 * it is read back folded like the others unless it is an
                 * abbreviation (no space in the span) */
                if (f->kind == TD_FACT_PROVINCE && !memchr(d->text + f->start, ' ', f->end - f->start))
                    continue;
                int textual = f->kind == TD_FACT_PROVINCE || f->kind == TD_FACT_BLOC ||
                              f->kind == TD_FACT_MEMBER || f->kind == TD_FACT_LEADER ||
                              f->kind == TD_FACT_OFFICIAL || f->kind == TD_FACT_GOAL;
                if (!textual || !f->value)
                    continue;
                /* folded: a province is given in its canonical spelling
                 * ("Khánh Hòa" from "Khánh Hoà") and a name from a shouted
                 * headline re-cased */
                char *sq = squeeze(d->text + f->start, f->end - f->start);
                char *sv = squeeze(f->value, strlen(f->value));
                char *span = norm_fold_str(sq);
                char *val = norm_fold_str(sv);
                free(sq);
                free(sv);
                int ok = strstr(span, val) != NULL || strstr(val, span) != NULL;
                if (!ok)
                    unit_fail(__FILE__, __LINE__, "%s: %s \"%s\" not in its evidence \"%s\"", n,
                              td_fact_name(f->kind), val, span);
                free(span);
                free(val);
            }
        }
        td_doc_free(d);
        free(data);
    }
    closedir(dh);
    return docs;
}

TEST(rules_evidence_holds_the_value)
{
    rules_set *rs = NULL;
    td_err e;
    td_err_clear(&e);
    CHECK_INT(rules_load(TD_RULES_DIR, &rs, &e), TD_OK);
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/../corpus", TD_RULES_DIR);
    int n = check_dir(rs, dir);
    CHECK(n >= 20);
    snprintf(dir, sizeof dir, "%s/../tests/data/heldout", TD_RULES_DIR);
    int h = check_dir(rs, dir);
    CHECK(h >= 30);
    rules_free(rs);
}

/* The same for the seed reports of ../shared. */
TEST(rules_evidence_holds_the_value_seeds)
{
    char dir[1024];
    const char *shared = getenv("SHARED");
    if (shared && *shared)
        snprintf(dir, sizeof dir, "%s/seeds", shared);
    else
        snprintf(dir, sizeof dir, "%s/../../shared/seeds", TD_RULES_DIR);
    DIR *dh = opendir(dir);
    if (!dh)
        SKIP("%s not found (set $SHARED)", dir);
    closedir(dh);
    rules_set *rs = NULL;
    td_err e;
    td_err_clear(&e);
    CHECK_INT(rules_load(TD_RULES_DIR, &rs, &e), TD_OK);
    CHECK(check_dir(rs, dir) >= 5);
    rules_free(rs);
}
