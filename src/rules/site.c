/* site.c - the province a page's address belongs to.
 *
 * Most real reports never name their province: the portal they were
 * published on does (sonoivu.<province>.gov.vn, bao<province>.vn).  This
 * file reads rules/sites.tsv (host suffixes with their province, or "-"
 * for national sites that carry none) and, for other hosts, looks for a
 * province's name written without spaces in one label of the host name
 * (the whole label, or its start or end: "backan", "baoninhthuan",
 * "lienminhquangtri").  The answer is never taken as what the text says:
 * it is kept apart as td_doc.site_province.
 */
#include "rules/rules_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int rules_load_sites(rules_set *rs, const char *dir, td_err *e)
{
    size_t n = strlen(dir) + 16;
    char *path = td_xmalloc(n);
    snprintf(path, n, "%s/sites.tsv", dir);
    char *data;
    size_t len;
    td_err e2;
    int rc = td_read_file(path, 4u << 20, &data, &len, &e2);
    free(path);
    if (rc != TD_OK)
        return TD_OK;   /* optional: the host names alone still tell */
    char *save = NULL;
    int line = 0;
    size_t cap = 0;
    for (char *ln = strtok_r(data, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
        line++;
        if (ln[0] == '#' || ln[0] == '\0')
            continue;
        char *tab = strchr(ln, '\t');
        if (!tab) {
            free(data);
            return td_err_set(e, TD_ERULE, "sites.tsv: a line without a tab: '%.60s'", ln);
        }
        *tab = '\0';
        char *prov = tab + 1;
        char *end = prov + strlen(prov);
        while (end > prov && (end[-1] == '\r' || end[-1] == ' '))
            *--end = '\0';
        if (strcmp(ln, "host") == 0)
            continue;   /* the header */
        if (rs->nsites == cap) {
            cap = cap ? 2 * cap : 64;
            rs->sites = td_xrealloc(rs->sites, cap * sizeof *rs->sites);
        }
        for (char *p = ln; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        rs->sites[rs->nsites].host = td_xstrdup(ln);
        rs->sites[rs->nsites].province = strcmp(prov, "-") == 0 ? NULL : td_xstrdup(prov);
        rs->nsites++;
    }
    free(data);
    return TD_OK;
}

void rules_free_sites(rules_set *rs)
{
    for (size_t i = 0; i < rs->nsites; i++) {
        free(rs->sites[i].host);
        free(rs->sites[i].province);
    }
    free(rs->sites);
}

/* Does host end with suffix at a label boundary? */
static int host_has_suffix(const char *host, const char *suffix)
{
    size_t h = strlen(host), s = strlen(suffix);
    if (s > h || strcmp(host + h - s, suffix) != 0)
        return 0;
    return s == h || host[h - s - 1] == '.';
}

/* The province written in one host label, by its spelling without spaces
 * or punctuation; NULL when none or when two provinces fit equally. */
static const char *label_province(const rules_set *rs, const char *lab, size_t ln)
{
    const char *best = NULL;
    size_t best_len = 0;
    int tie = 0;
    for (size_t i = 0; i < rs->nprovs; i++) {
        char slug[64];
        size_t k = 0;
        for (const char *p = rs->provs[i].fold; *p && k + 1 < sizeof slug; p++)
            if (isalnum((unsigned char)*p))
                slug[k++] = *p;
        slug[k] = '\0';
        if (k < 5 || k > ln)
            continue;   /* "hue", "hcm": too short to tell in a host name */
        if (memcmp(lab, slug, k) != 0 && memcmp(lab + ln - k, slug, k) != 0)
            continue;
        if (k > best_len) {
            best = rs->provs[i].name;
            best_len = k;
            tie = 0;
        } else if (k == best_len && strcmp(best, rs->provs[i].name) != 0) {
            tie = 1;
        }
    }
    return tie ? NULL : best;
}

const char *rules_site_province(const rules_set *rs, const char *url, int *known)
{
    char host[256];
    if (known)
        *known = 0;
    if (!rs || !url || !td_url_host(url, host, sizeof host))
        return NULL;
    /* the longest listed suffix wins: "ubmttq.x.gov.vn" before "gov.vn" */
    const rules_site *hit = NULL;
    for (size_t i = 0; i < rs->nsites; i++)
        if (host_has_suffix(host, rs->sites[i].host) &&
            (!hit || strlen(rs->sites[i].host) > strlen(hit->host)))
            hit = &rs->sites[i];
    if (hit) {
        if (known)
            *known = 1;
        return hit->province;
    }
    /* labels right to left, skipping the generic ones (vn, gov, com ...) */
    static const char *const generic[] = {"vn", "gov", "com", "org", "net", "edu",
                                          "info", "biz", "int", "ac", "health", "name",
                                          "pro", "www", NULL};
    const char *end = host + strlen(host);
    while (end > host) {
        const char *start = end;
        while (start > host && start[-1] != '.')
            start--;
        size_t ln = (size_t)(end - start);
        int gen = 0;
        for (size_t g = 0; generic[g] && !gen; g++)
            gen = strlen(generic[g]) == ln && memcmp(start, generic[g], ln) == 0;
        if (!gen) {
            const char *p = label_province(rs, start, ln);
            if (p) {
                if (known)
                    *known = 1;
                return p;
            }
        }
        end = start > host ? start - 1 : host;
    }
    return NULL;
}
