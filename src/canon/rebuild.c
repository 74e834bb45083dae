/* rebuild.c - the derived canonical tables (see canon.h): their schema, the
 * fingerprint that says when they are stale, and the rebuild.
 *
 * The rebuild reads the per-document rows of the canonical documents
 * (dedup.c), turns each bloc name as written into a "variant", groups the
 * variants into blocs (group.c: user overrides first, then automatic merges
 * by descending confidence, never across provinces), and files every
 * member, leader and goal of a document under its bloc and year (store.c).
 * On a file it cannot write it builds the same tables as TEMP tables for
 * this connection only.  The SQLite helpers the other files share are here.
 */
#include "canon/canon.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon/canon_int.h"
#include "normalize/normalize.h"

#define CANON_VERSION 3

/* The user's overrides, and the id each variant's bloc was given: kept
 * across rebuilds (see assign_ids in store.c). */
static const char canon_override_sql[] =
    "CREATE TABLE IF NOT EXISTS canon_override (id INTEGER PRIMARY KEY,\n"
    "  kind TEXT NOT NULL, a TEXT NOT NULL, b TEXT,\n"
    "  created_at TEXT NOT NULL DEFAULT (datetime('now')));\n"
    "CREATE TABLE IF NOT EXISTS canon_bloc_key (vkey TEXT PRIMARY KEY,\n"
    "  bloc_id INTEGER NOT NULL);\n";

static const char canon_drop_sql[] =
    "DROP TABLE IF EXISTS canon_doc;\n"
    "DROP TABLE IF EXISTS canon_bloc;\n"
    "DROP TABLE IF EXISTS canon_variant;\n"
    "DROP TABLE IF EXISTS canon_bloc_year;\n"
    "DROP TABLE IF EXISTS canon_member;\n"
    "DROP TABLE IF EXISTS canon_leader;\n"
    "DROP TABLE IF EXISTS canon_goal;\n"
    "DROP TABLE IF EXISTS canon_name;\n";

/* The derived tables.  On a read-only file they are made TEMP (each
 * "CREATE TABLE" becomes "CREATE TEMP TABLE"): unqualified names then find
 * them before the file's own, and their indexes follow them into temp. */
static const char canon_tables_sql[] =
    "CREATE TABLE canon_doc (doc_id INTEGER PRIMARY KEY, canon_id INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL, similarity REAL NOT NULL);\n"
    "CREATE INDEX canon_doc_canon ON canon_doc(canon_id);\n"
    "CREATE TABLE canon_bloc (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
    "  province TEXT, key TEXT NOT NULL);\n"
    "CREATE TABLE canon_variant (bloc_id INTEGER NOT NULL, name TEXT NOT NULL,\n"
    "  province TEXT, vkey TEXT NOT NULL, confidence REAL NOT NULL,\n"
    "  how TEXT NOT NULL, docs INTEGER NOT NULL, why TEXT);\n"
    "CREATE TABLE canon_bloc_year (bloc_id INTEGER NOT NULL, year INTEGER NOT NULL,\n"
    "  event TEXT, meeting_date TEXT, member_count INTEGER,\n"
    "  doc_id INTEGER NOT NULL, evidence_id INTEGER);\n"
    "CREATE TABLE canon_member (bloc_id INTEGER NOT NULL, year INTEGER NOT NULL,\n"
    "  unit TEXT NOT NULL, unit_key TEXT NOT NULL, doc_id INTEGER NOT NULL,\n"
    "  evidence_id INTEGER);\n"
    "CREATE TABLE canon_leader (bloc_id INTEGER NOT NULL, year INTEGER NOT NULL,\n"
    "  role TEXT NOT NULL, unit TEXT NOT NULL, unit_key TEXT NOT NULL,\n"
    "  explicit INTEGER NOT NULL, doc_id INTEGER NOT NULL, evidence_id INTEGER);\n"
    "CREATE TABLE canon_goal (bloc_id INTEGER NOT NULL, year INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL, doc_id INTEGER NOT NULL, evidence_id INTEGER);\n"
    "CREATE TABLE canon_name (bloc_id INTEGER NOT NULL, vkey TEXT NOT NULL,\n"
    "  year INTEGER NOT NULL, doc_id INTEGER NOT NULL, evidence_id INTEGER);\n"
    "CREATE INDEX canon_member_bloc ON canon_member(bloc_id, year);\n"
    "CREATE INDEX canon_name_bloc ON canon_name(bloc_id, vkey);\n"
    "CREATE INDEX canon_leader_bloc ON canon_leader(bloc_id, year);\n"
    "CREATE INDEX canon_goal_bloc ON canon_goal(bloc_id, year);\n"
    "CREATE INDEX canon_year_bloc ON canon_bloc_year(bloc_id, year);\n";

/* Files whose content decides the canonical names. */
static const char *const name_files[] = {
    "abbrev.aliases", "units.aliases", "blocs.aliases", "provinces.tsv", "text.stop",
};
/* ---- small helpers ----------------------------------------------------- */

char *canon_col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s && *s ? td_xstrdup((const char *)s) : NULL;
}

int canon_exec(index_db *db, const char *sql, td_err *e)
{
    if (sqlite3_exec(index_sqlite(db), sql, NULL, NULL, NULL) != SQLITE_OK)
        return index_db_error(db, e, "canonical tables");
    return TD_OK;
}

int canon_prep(index_db *db, const char *sql, sqlite3_stmt **st, td_err *e)
{
    if (sqlite3_prepare_v2(index_sqlite(db), sql, -1, st, NULL) != SQLITE_OK)
        return index_db_error(db, e, "canonical tables");
    return TD_OK;
}

void canon_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static int year_of(const char *iso)
{
    if (iso && strlen(iso) >= 4 && isdigit((unsigned char)iso[0]) &&
        isdigit((unsigned char)iso[1]) && isdigit((unsigned char)iso[2]) &&
        isdigit((unsigned char)iso[3]))
        return atoi(iso);
    return 0;
}

/* Fingerprint of the stored documents, the name rules and the overrides:
 * a rebuild is needed when it changes. */
static void fingerprint(index_db *db, const char *rules_dir, char out[17])
{
    td_buf b = TD_BUF_INIT;
    sqlite3_stmt *st = NULL;
    td_buf_printf(&b, "canon %d\n", CANON_VERSION);
    if (sqlite3_prepare_v2(index_sqlite(db), "SELECT id, hash FROM documents ORDER BY id",
                           -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW)
            td_buf_printf(&b, "%lld %s\n", (long long)sqlite3_column_int64(st, 0),
                          (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    st = NULL;
    /* fact rows normally change only with their document, but a tool may
     * write them directly */
    if (sqlite3_prepare_v2(index_sqlite(db),
                           "SELECT (SELECT count(*) || '.' || max(id) FROM blocs),"
                           " (SELECT count(*) || '.' || max(id) FROM members),"
                           " (SELECT count(*) || '.' || max(id) FROM leaders),"
                           " (SELECT count(*) || '.' || max(id) FROM goals)",
                           -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        for (int i = 0; i < 4; i++)
            td_buf_printf(&b, "%s ", sqlite3_column_text(st, i)
                                         ? (const char *)sqlite3_column_text(st, i) : "-");
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(index_sqlite(db), "SELECT kind, a, b FROM canon_override ORDER BY id",
                           -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW)
            td_buf_printf(&b, "%s %s %s\n", (const char *)sqlite3_column_text(st, 0),
                          (const char *)sqlite3_column_text(st, 1),
                          sqlite3_column_text(st, 2) ? (const char *)sqlite3_column_text(st, 2) : "");
    sqlite3_finalize(st);
    for (size_t i = 0; i < sizeof name_files / sizeof *name_files; i++) {
        char path[1200], *data = NULL, h[17];
        size_t len = 0;
        td_err e2;
        snprintf(path, sizeof path, "%s/%s", rules_dir, name_files[i]);
        if (td_read_file(path, 4u << 20, &data, &len, &e2) == TD_OK) {
            td_hash_hex(data, len, h);
            td_buf_printf(&b, "%s %s\n", name_files[i], h);
        }
        free(data);
    }
    td_hash_hex(b.ptr, b.len, out);
    td_buf_free(&b);
}

static char *meta_text(index_db *db, const char *key)
{
    sqlite3_stmt *st = NULL;
    char *v = NULL;
    if (sqlite3_prepare_v2(index_sqlite(db), "SELECT value FROM meta WHERE key = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = canon_col_dup(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int meta_put(index_db *db, const char *key, const char *value, td_err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = canon_prep(db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", &st, e);
    if (rc != TD_OK)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = index_db_error(db, e, "canonical tables");
    sqlite3_finalize(st);
    return rc;
}

/* Number of ASCII capitals in s (a cheap measure of "written in caps"). */
static size_t capitals(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s >= 'A' && *s <= 'Z';
    return n;
}

/* 1 when the database (or this connection's temp schema) has the table. */
static int has_table(index_db *db, const char *name)
{
    sqlite3_stmt *st = NULL;
    int have = 0;
    if (sqlite3_prepare_v2(index_sqlite(db), "SELECT 1 FROM sqlite_master WHERE type = 'table'"
                           " AND name = ?1 UNION ALL SELECT 1 FROM sqlite_temp_master"
                           " WHERE type = 'table' AND name = ?1", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        have = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return have;
}

/* canon_tables_sql with every table made TEMP.  Malloc'd. */
static char *temp_tables_sql(void)
{
    td_buf b = TD_BUF_INIT;
    const char *p = canon_tables_sql, *q;
    while ((q = strstr(p, "CREATE TABLE ")) != NULL) {
        td_buf_append(&b, p, (size_t)(q - p));
        td_buf_puts(&b, "CREATE TEMP TABLE ");
        p = q + strlen("CREATE TABLE ");
    }
    td_buf_puts(&b, p);
    return td_buf_detach(&b);
}

/* Create the derived tables (dropping the old ones first, or as TEMP
 * tables when temp), then fill them. */
static int rebuild_in_tx(index_db *db, const names_table *t, int temp, td_err *e)
{
    int rc;
    int had_keys = has_table(db, "canon_bloc_key");
    if (temp) {
        char *sql = temp_tables_sql();
        rc = canon_exec(db, sql, e);
        free(sql);
        /* empty override and id tables when the file has none */
        if (rc == TD_OK && !has_table(db, "canon_override"))
            rc = canon_exec(db, "CREATE TEMP TABLE canon_override (id INTEGER PRIMARY KEY,"
                          " kind TEXT NOT NULL, a TEXT NOT NULL, b TEXT, created_at TEXT)", e);
        if (rc == TD_OK && !had_keys)
            rc = canon_exec(db, "CREATE TEMP TABLE canon_bloc_key (vkey TEXT PRIMARY KEY,"
                          " bloc_id INTEGER NOT NULL)", e);
    } else {
        rc = canon_exec(db, canon_override_sql, e);
        /* blocs built before ids were kept: their ids as they were shown */
        if (rc == TD_OK && !had_keys && has_table(db, "canon_variant"))
            rc = canon_exec(db, "INSERT OR IGNORE INTO canon_bloc_key(vkey, bloc_id)"
                          " SELECT vkey, min(bloc_id) FROM canon_variant GROUP BY vkey", e);
        if (rc == TD_OK)
            rc = canon_exec(db, canon_drop_sql, e);
        if (rc == TD_OK)
            rc = canon_exec(db, canon_tables_sql, e);
    }
    if (rc == TD_OK)
        rc = canon_dedup_build(db, e);
    if (rc != TD_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    brow *rows = NULL;
    size_t nrows = 0;
    variant *v = NULL;
    size_t nv = 0;
    docbloc *pb = NULL;
    size_t npb = 0;
    ovr *o = NULL;
    size_t no = 0;
    rc = canon_prep(db,
                    "SELECT b.doc_id, b.name, b.province, b.event, b.pledge_year, "
                    "b.reviewed_year, b.meeting_date, b.member_count, b.evidence_id, "
                    "d.published, b.level, d.province_site, d.source_url "
                    "FROM blocs b JOIN documents d ON d.id = b.doc_id "
                    "JOIN canon_doc c ON c.doc_id = b.doc_id AND c.canon_id = c.doc_id "
                    "WHERE b.name IS NOT NULL AND b.name != '' ORDER BY b.doc_id, b.id",
                    &st, e);
    while (rc == TD_OK && sqlite3_step(st) == SQLITE_ROW) {
        rows = td_xrealloc(rows, (nrows + 1) * sizeof *rows);
        brow *r = &rows[nrows++];
        memset(r, 0, sizeof *r);
        r->doc_id = (long)sqlite3_column_int64(st, 0);
        r->name = canon_col_dup(st, 1);
        char *prov_raw = canon_col_dup(st, 2);
        r->event = canon_col_dup(st, 3);
        int pledge = sqlite3_column_int(st, 4);
        r->reviewed_year = sqlite3_column_int(st, 5);
        r->meeting_date = canon_col_dup(st, 6);
        r->member_count = sqlite3_column_type(st, 7) == SQLITE_NULL
                              ? -1 : (long)sqlite3_column_int64(st, 7);
        r->evidence_id = sqlite3_column_type(st, 8) == SQLITE_NULL
                             ? 0 : (long)sqlite3_column_int64(st, 8);
        char *published = canon_col_dup(st, 9);
        const char *date = r->meeting_date ? r->meeting_date : published;
        /* the year a report is about: its pledge year, else the year under
         * review, else the year it was held or published */
        r->year = pledge ? pledge : r->reviewed_year ? r->reviewed_year
                  : year_of(r->meeting_date) ? year_of(r->meeting_date)
                                             : year_of(published);
        const char *prov = prov_raw ? names_province(t, prov_raw, date) : NULL;
        if (!prov)
            prov = names_province_in(t, r->name, date);
        /* the text is silent: the site the report came from */
        char *site_raw = canon_col_dup(st, 11);
        int from_site = 0;
        if (!prov && site_raw && (prov = names_province(t, site_raw, date)) != NULL)
            from_site = 1;
        free(site_raw);
        /* no province at all: the name ties reports of one site only, and a
         * report from nowhere known stands alone */
        char *url = canon_col_dup(st, 12);
        char origin[300];
        if (!td_url_host(url, origin, sizeof origin))
            snprintf(origin, sizeof origin, "#%ld", r->doc_id);
        free(url);
        char *vkey = prov ? canon_vkey(t, r->name, prov) : canon_vkey_origin(t, r->name, origin);
        long vi = canon_vindex(v, nv, vkey);
        if (vi < 0) {
            v = td_xrealloc(v, (nv + 1) * sizeof *v);
            variant *x = &v[nv];
            memset(x, 0, sizeof *x);
            x->name = td_xstrdup(r->name);
            x->province = prov ? td_xstrdup(prov) : NULL;
            x->vkey = vkey;
            x->parent = nv;
            x->last_doc = -1;
            x->level = canon_col_dup(st, 10);
            x->prov_site = from_site;
            if (!prov && origin[0] != '#')
                x->origin = td_xstrdup(origin);
            vi = (long)nv++;
        } else {
            free(vkey);
            /* the same name written out in full reads better than MTTQ,
             * and a headline in capitals worse than running text */
            size_t ln = strlen(r->name), lv = strlen(v[vi].name);
            if (ln > lv || (ln == lv && capitals(r->name) < capitals(v[vi].name))) {
                free(v[vi].name);
                v[vi].name = td_xstrdup(r->name);
            }
        }
        if (v[vi].last_doc != r->doc_id) {
            v[vi].docs++;
            v[vi].last_doc = r->doc_id;
        }
        r->variant = (size_t)vi;
        free(prov_raw);
        free(published);
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == TD_OK)
        rc = canon_collect_units(db, t, rows, nrows, v, e);
    if (rc == TD_OK)
        rc = canon_load_overrides(db, &o, &no, e);
    if (rc == TD_OK) {
        canon_cluster(t, v, nv, o, no);
        rc = canon_store_blocs(db, t, v, nv, temp, e);
    }
    if (rc == TD_OK)
        rc = canon_store_years(db, rows, nrows, v, &pb, &npb, e);
    if (rc == TD_OK)
        rc = canon_store_facts(db, t, pb, npb, e);
    for (size_t i = 0; i < nrows; i++) {
        free(rows[i].name);
        free(rows[i].event);
        free(rows[i].meeting_date);
    }
    free(rows);
    for (size_t i = 0; i < nv; i++) {
        free(v[i].name);
        free(v[i].province);
        free(v[i].vkey);
        free(v[i].level);
        free(v[i].origin);
        for (size_t k = 0; k < v[i].nunits; k++)
            free(v[i].units[k]);
        free(v[i].units);
    }
    free(v);
    free(pb);
    canon_free_overrides(o, no);
    return rc;
}

int canon_rebuild(index_db *db, const char *rules_dir, td_err *e)
{
    int rc = index_allow_writes(db, e);
    if (rc != TD_OK)
        return rc;
    names_table *t = NULL;
    if ((rc = names_load(rules_dir, &t, e)) != TD_OK)
        return rc;
    char fp[17];
    if ((rc = canon_exec(db, "BEGIN IMMEDIATE", e)) != TD_OK) {
        names_free(t);
        return rc;
    }
    rc = rebuild_in_tx(db, t, 0, e);
    if (rc == TD_OK) {
        char ver[16];
        snprintf(ver, sizeof ver, "%d", CANON_VERSION);
        rc = meta_put(db, "canon_version", ver, e);
    }
    if (rc == TD_OK) {
        fingerprint(db, rules_dir, fp);
        rc = meta_put(db, "canon_fingerprint", fp, e);
    }
    if (rc == TD_OK)
        rc = canon_exec(db, "COMMIT", e);
    if (rc != TD_OK)
        sqlite3_exec(index_sqlite(db), "ROLLBACK", NULL, NULL, NULL);
    names_free(t);
    return rc;
}

/* 1 when this connection holds the derived tables as TEMP tables (a
 * rebuild_temp that committed): they serve the rest of the run.  The
 * temp schema belongs to the connection, and a rebuild rolled back leaves
 * no table there. */
static int built_temp(index_db *db)
{
    sqlite3_stmt *st = NULL;
    int have = 0;
    if (sqlite3_prepare_v2(index_sqlite(db), "SELECT 1 FROM sqlite_temp_master"
                           " WHERE type = 'table' AND name = 'canon_bloc'", -1, &st,
                           NULL) == SQLITE_OK)
        have = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return have;
}

/* The rebuild as TEMP tables, for this connection only: the file is read
 * as it is and never written. */
static int rebuild_temp(index_db *db, const char *rules_dir, td_err *e)
{
    names_table *t = NULL;
    int rc = names_load(rules_dir, &t, e);
    if (rc != TD_OK)
        return rc;
    if ((rc = canon_exec(db, "BEGIN", e)) == TD_OK)
        rc = rebuild_in_tx(db, t, 1, e);
    if (rc == TD_OK)
        rc = canon_exec(db, "COMMIT", e);
    if (rc != TD_OK)
        sqlite3_exec(index_sqlite(db), "ROLLBACK", NULL, NULL, NULL);
    names_free(t);
    return rc;
}

int canon_ensure(index_db *db, const char *rules_dir, td_err *e)
{
    if (built_temp(db))
        return TD_OK;
    char fp[17];
    fingerprint(db, rules_dir, fp);
    char *have = meta_text(db, "canon_fingerprint");
    int fresh = have && strcmp(have, fp) == 0;
    free(have);
    if (fresh)
        return TD_OK;
    if (!index_is_readonly(db)) {
        int rc = canon_rebuild(db, rules_dir, e);
        /* a full disk still leaves room for this run's own copy */
        if (rc != TD_EFULL)
            return rc;
    }
    return rebuild_temp(db, rules_dir, e);
}
