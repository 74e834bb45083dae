/* store.c - writing the derived tables: stable bloc ids, the blocs and
 * their variants, the bloc-years and the names, and every member, leader
 * and goal filed under its bloc and year.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon/canon_int.h"

/* The primary bloc of doc_id; pb is sorted by doc_id (rows come in
 * document order). */
static const docbloc *doc_primary(const docbloc *pb, size_t n, long doc_id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pb[mid].doc_id < doc_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && pb[lo].doc_id == doc_id ? &pb[lo] : NULL;
}

/* Sort order of blocs: province (unknown last), then name. */
typedef struct bsort {
    size_t root, best;   /* cluster root, variant giving the display name */
    const char *name, *province;
} bsort;

static int cmp_bsort(const void *a, const void *b)
{
    const bsort *x = a, *y = b;
    if ((x->province == NULL) != (y->province == NULL))
        return x->province ? -1 : 1;
    int c = x->province ? strcmp(x->province, y->province) : 0;
    return c ? c : strcmp(x->name, y->name);
}

/* A cluster's claim on an id it had: some of its variants were filed
 * under that id before. */
typedef struct claim {
    long id;
    size_t k;            /* the cluster (index into the sorted bsort) */
    int weight;          /* documents of those variants */
    sqlite3_int64 first; /* the earliest record among them (rowid) */
} claim;

static int cmp_claim_key(const void *a, const void *b)
{
    const claim *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

static int cmp_claim(const void *a, const void *b)
{
    const claim *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

/* Give each of the nb clusters (bs, in display order) a stable id in
 * ids[]: canon_bloc_key remembers the id every variant was filed under.  A
 * cluster keeps an id one of its variants had (the smallest it can: two
 * blocs merged keep the smaller id, and the other ids do not move); when
 * two clusters claim one id (a bloc split), the one with more of the
 * documents filed under it wins, then the one holding its first name.  A
 * cluster with no id gets a new one above every id ever given, in display
 * order, so a new database numbers its blocs 1, 2, ... by province and
 * name.  Unless temp (a read-only file), the ids are recorded: a new
 * variant under its cluster's id, a variant whose id went to another
 * cluster under its new one; the others keep theirs, so that a merge
 * undone gives the old ids back. */
static int assign_ids(index_db *db, variant *v, size_t n, const bsort *bs, size_t nb,
                      int temp, long *ids, td_err *e)
{
    sqlite3_stmt *get = NULL, *put = NULL, *mx = NULL;
    long maxid = 0;
    long *rec = td_xcalloc(n ? n : 1, sizeof *rec);
    sqlite3_int64 *row = td_xcalloc(n ? n : 1, sizeof *row);
    size_t *clus = td_xcalloc(n ? n : 1, sizeof *clus);
    claim *cl = NULL;
    size_t ncl = 0;
    int rc = canon_prep(db, "SELECT bloc_id, rowid FROM canon_bloc_key WHERE vkey = ?1", &get, e);
    if (rc == TD_OK)
        rc = canon_prep(db, "SELECT coalesce(max(bloc_id), 0) FROM canon_bloc_key", &mx, e);
    if (rc == TD_OK && sqlite3_step(mx) == SQLITE_ROW)
        maxid = (long)sqlite3_column_int64(mx, 0);
    size_t *kof = td_xcalloc(n ? n : 1, sizeof *kof);   /* root -> cluster */
    for (size_t k = 0; k < nb; k++) {
        ids[k] = 0;
        kof[bs[k].root] = k;
    }
    for (size_t j = 0; rc == TD_OK && j < n; j++) {
        clus[j] = kof[canon_vfind(v, j)];
        sqlite3_bind_text(get, 1, v[j].vkey, -1, SQLITE_STATIC);
        if (sqlite3_step(get) == SQLITE_ROW) {
            rec[j] = (long)sqlite3_column_int64(get, 0);
            row[j] = sqlite3_column_int64(get, 1);
        }
        sqlite3_reset(get);
        if (rec[j]) {
            cl = td_xrealloc(cl, (ncl + 1) * sizeof *cl);
            cl[ncl++] = (claim){rec[j], clus[j], v[j].docs, row[j]};
        }
    }
    /* one claim per cluster and id: the variants' documents summed */
    if (ncl > 1)
        qsort(cl, ncl, sizeof *cl, cmp_claim_key);
    size_t m = 0;
    for (size_t c = 0; c < ncl; c++) {
        if (m && cl[m - 1].id == cl[c].id && cl[m - 1].k == cl[c].k) {
            cl[m - 1].weight += cl[c].weight;
            if (cl[c].first < cl[m - 1].first)
                cl[m - 1].first = cl[c].first;
        } else {
            cl[m++] = cl[c];
        }
    }
    ncl = m;
    if (ncl > 1)
        qsort(cl, ncl, sizeof *cl, cmp_claim);
    /* claims come by id: an id is taken by the first claim on it whose
     * cluster has none yet; owner[] keeps who took which (in id order) */
    claim *owner = td_xcalloc(ncl ? ncl : 1, sizeof *owner);
    size_t nowner = 0;
    for (size_t c = 0; c < ncl; c++) {
        if (ids[cl[c].k] || (nowner && owner[nowner - 1].id == cl[c].id))
            continue;
        ids[cl[c].k] = cl[c].id;
        owner[nowner++] = cl[c];
    }
    for (size_t k = 0; k < nb; k++)
        if (!ids[k])
            ids[k] = ++maxid;
    if (rc == TD_OK && !temp)
        rc = canon_prep(db, "INSERT OR REPLACE INTO canon_bloc_key(vkey, bloc_id) VALUES (?1, ?2)",
                        &put, e);
    for (size_t j = 0; rc == TD_OK && !temp && j < n; j++) {
        long id = ids[clus[j]];
        int lost = 0;
        if (rec[j] && rec[j] != id) {
            size_t lo = 0, hi = nowner;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (owner[mid].id < rec[j])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            lost = lo < nowner && owner[lo].id == rec[j];
        }
        if (rec[j] && !lost)
            continue;
        sqlite3_bind_text(put, 1, v[j].vkey, -1, SQLITE_STATIC);
        sqlite3_bind_int64(put, 2, id);
        if (sqlite3_step(put) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_bloc_key");
        sqlite3_reset(put);
    }
    sqlite3_finalize(get);
    sqlite3_finalize(put);
    sqlite3_finalize(mx);
    free(rec);
    free(row);
    free(clus);
    free(kof);
    free(owner);
    free(cl);
    return rc;
}

/* Insert the blocs and variants; sets every variant's bloc_id. */
int canon_store_blocs(index_db *db, const names_table *t, variant *v, size_t n,
                       int temp, td_err *e)
{
    sqlite3_stmt *ib = NULL, *iv = NULL;
    int rc = canon_prep(db, "INSERT INTO canon_bloc(id, name, province, key) VALUES (?1, ?2, ?3, ?4)",
                        &ib, e);
    if (rc == TD_OK)
        rc = canon_prep(db, "INSERT INTO canon_variant(bloc_id, name, province, vkey, "
                      "confidence, how, docs, why) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  &iv, e);
    bsort *bs = td_xcalloc(n ? n : 1, sizeof *bs);
    size_t nb = 0;
    for (size_t i = 0; rc == TD_OK && i < n; i++) {
        if (canon_vfind(v, i) != i)
            continue;
        /* display: the spelling most documents use, the longer on a tie */
        size_t best = i;
        for (size_t j = 0; j < n; j++)
            if (canon_vfind(v, j) == i &&
                (v[j].docs > v[best].docs ||
                 (v[j].docs == v[best].docs && strlen(v[j].name) > strlen(v[best].name))))
                best = j;
        bs[nb++] = (bsort){i, best, v[best].name, canon_cluster_province(v, n, i)};
    }
    if (nb > 1)
        qsort(bs, nb, sizeof *bs, cmp_bsort);
    long *ids = td_xcalloc(nb ? nb : 1, sizeof *ids);
    if (rc == TD_OK)
        rc = assign_ids(db, v, n, bs, nb, temp, ids, e);
    for (size_t k = 0; rc == TD_OK && k < nb; k++) {
        long id = ids[k];
        char *key = names_bloc_key(t, bs[k].name);
        sqlite3_bind_int64(ib, 1, id);
        sqlite3_bind_text(ib, 2, bs[k].name, -1, SQLITE_TRANSIENT);
        canon_bind_text(ib, 3, bs[k].province);
        sqlite3_bind_text(ib, 4, key, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ib) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_bloc");
        sqlite3_reset(ib);
        free(key);
        for (size_t j = 0; rc == TD_OK && j < n; j++) {
            if (canon_vfind(v, j) != bs[k].root)
                continue;
            v[j].bloc_id = id;
            int self = j == bs[k].best;
            const char *how = self ? "self" : v[j].via_override ? "override" : "auto";
            double conf = self ? 1.0 : v[j].via_override ? 1.0 : v[j].conf;
            sqlite3_bind_int64(iv, 1, id);
            sqlite3_bind_text(iv, 2, v[j].name, -1, SQLITE_TRANSIENT);
            canon_bind_text(iv, 3, v[j].province);
            sqlite3_bind_text(iv, 4, v[j].vkey, -1, SQLITE_TRANSIENT);
            sqlite3_bind_double(iv, 5, conf);
            sqlite3_bind_text(iv, 6, how, -1, SQLITE_STATIC);
            sqlite3_bind_int(iv, 7, v[j].docs);
            /* why this name's documents are one bloc, and why it joined */
            char why[400];
            /* what ties the reports that write this name, then the merge */
            char tie[160] = "";
            if (v[j].docs > 1)
                snprintf(tie, sizeof tie, "%d reports: same name, %s", v[j].docs,
                         v[j].province ? (v[j].prov_site ? "same province (from the site)"
                                                         : "same province")
                                       : "same site");
            else if (!v[j].province)
                snprintf(tie, sizeof tie, "province unknown%s",
                         v[j].origin ? ", kept to its site" : ", kept apart");
            const char *merge = self ? "" : v[j].via_override ? "merged by override" : v[j].why;
            snprintf(why, sizeof why, "%s%s%s", merge, *merge && *tie ? "; " : "", tie);
            canon_bind_text(iv, 8, why[0] ? why : NULL);
            if (sqlite3_step(iv) != SQLITE_DONE)
                rc = index_db_error(db, e, "cannot write canon_variant");
            sqlite3_reset(iv);
        }
    }
    free(bs);
    free(ids);
    sqlite3_finalize(ib);
    sqlite3_finalize(iv);
    return rc;
}

/* File members, leaders and goals of every canonical document under the
 * document's primary bloc (its first bloc row) and year. */
int canon_store_facts(index_db *db, const names_table *t, const docbloc *pb,
                       size_t npb, td_err *e)
{
    sqlite3_stmt *sel = NULL, *ins = NULL;
    int rc = TD_OK;
    /* members */
    rc = canon_prep(db, "SELECT doc_id, unit, evidence_id FROM members ORDER BY id", &sel, e);
    if (rc == TD_OK)
        rc = canon_prep(db, "INSERT INTO canon_member(bloc_id, year, unit, unit_key, doc_id, "
                      "evidence_id) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS "
                      "(SELECT 1 FROM canon_member WHERE bloc_id = ?1 AND year = ?2 "
                      "AND unit_key = ?4 AND doc_id = ?5)", &ins, e);
    while (rc == TD_OK && sqlite3_step(sel) == SQLITE_ROW) {
        const docbloc *p = doc_primary(pb, npb, (long)sqlite3_column_int64(sel, 0));
        if (!p || !p->year)
            continue;
        char *disp, *key;
        names_unit(t, (const char *)sqlite3_column_text(sel, 1), &disp, &key);
        sqlite3_bind_int64(ins, 1, p->bloc_id);
        sqlite3_bind_int(ins, 2, p->year);
        sqlite3_bind_text(ins, 3, disp, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 4, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins, 5, p->doc_id);
        sqlite3_bind_value(ins, 6, sqlite3_column_value(sel, 2));
        if (*key && sqlite3_step(ins) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_member");
        sqlite3_reset(ins);
        free(disp);
        free(key);
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    sel = ins = NULL;
    /* leaders: the year next to the role wins over the document's year */
    if (rc == TD_OK)
        rc = canon_prep(db, "SELECT doc_id, unit, role, year, evidence_id FROM leaders ORDER BY id",
                        &sel, e);
    if (rc == TD_OK)
        rc = canon_prep(db, "INSERT INTO canon_leader(bloc_id, year, role, unit, unit_key, "
                      "explicit, doc_id, evidence_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                  &ins, e);
    while (rc == TD_OK && sqlite3_step(sel) == SQLITE_ROW) {
        const docbloc *p = doc_primary(pb, npb, (long)sqlite3_column_int64(sel, 0));
        const char *role = (const char *)sqlite3_column_text(sel, 2);
        int y = sqlite3_column_int(sel, 3);
        if (!p || !role || (!y && !p->year))
            continue;
        char *disp, *key;
        names_unit(t, (const char *)sqlite3_column_text(sel, 1), &disp, &key);
        sqlite3_bind_int64(ins, 1, p->bloc_id);
        sqlite3_bind_int(ins, 2, y ? y : p->year);
        sqlite3_bind_text(ins, 3, role, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 4, disp, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 5, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 6, y != 0);
        sqlite3_bind_int64(ins, 7, p->doc_id);
        sqlite3_bind_value(ins, 8, sqlite3_column_value(sel, 4));
        if (*key && sqlite3_step(ins) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_leader");
        sqlite3_reset(ins);
        free(disp);
        free(key);
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    sel = ins = NULL;
    if (rc == TD_OK)
        rc = canon_prep(db, "SELECT doc_id, text, evidence_id FROM goals ORDER BY id", &sel, e);
    if (rc == TD_OK)
        rc = canon_prep(db, "INSERT INTO canon_goal(bloc_id, year, text, doc_id, evidence_id) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)", &ins, e);
    while (rc == TD_OK && sqlite3_step(sel) == SQLITE_ROW) {
        const docbloc *p = doc_primary(pb, npb, (long)sqlite3_column_int64(sel, 0));
        if (!p || !p->year)
            continue;
        sqlite3_bind_int64(ins, 1, p->bloc_id);
        sqlite3_bind_int(ins, 2, p->year);
        sqlite3_bind_value(ins, 3, sqlite3_column_value(sel, 1));
        sqlite3_bind_int64(ins, 4, p->doc_id);
        sqlite3_bind_value(ins, 5, sqlite3_column_value(sel, 2));
        if (sqlite3_step(ins) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_goal");
        sqlite3_reset(ins);
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(ins);
    /* one display per unit key: the spelling used most */
    if (rc == TD_OK)
        rc = canon_exec(db,
            "CREATE TEMP TABLE canon_unit_pick AS SELECT unit_key, unit FROM ("
            " SELECT unit_key, unit, row_number() OVER (PARTITION BY unit_key"
            "  ORDER BY count(*) DESC, length(unit) DESC, unit) AS r FROM ("
            "  SELECT unit_key, unit FROM canon_member UNION ALL"
            "  SELECT unit_key, unit FROM canon_leader) GROUP BY unit_key, unit)"
            " WHERE r = 1;"
            "UPDATE canon_member SET unit = (SELECT unit FROM canon_unit_pick p"
            " WHERE p.unit_key = canon_member.unit_key);"
            "UPDATE canon_leader SET unit = (SELECT unit FROM canon_unit_pick p"
            " WHERE p.unit_key = canon_leader.unit_key);"
            "DROP TABLE canon_unit_pick;", e);
    return rc;
}

/* File every bloc row under its variant's bloc: where each name was
 * written (canon_name), and the year it reports on, with the year under
 * review when that is another (canon_bloc_year).  *pbp receives each
 * document's primary bloc (its first row), in document order: malloc'd,
 * also on failure (the caller frees it). */
int canon_store_years(index_db *db, const brow *rows, size_t nrows,
                      const variant *v, docbloc **pbp, size_t *npbp, td_err *e)
{
    sqlite3_stmt *st = NULL, *in = NULL;
    docbloc *pb = NULL;
    size_t npb = 0;
    int rc = canon_prep(db, "INSERT INTO canon_bloc_year(bloc_id, year, event, meeting_date, "
                            "member_count, doc_id, evidence_id) VALUES (?1, ?2, ?3, ?4, ?5, "
                            "?6, ?7)", &st, e);
    if (rc == TD_OK)
        rc = canon_prep(db, "INSERT INTO canon_name(bloc_id, vkey, year, doc_id, evidence_id) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)", &in, e);
    for (size_t i = 0; rc == TD_OK && i < nrows; i++) {
        const brow *r = &rows[i];
        long bloc = v[r->variant].bloc_id;
        /* where each name was written, for `blocs --evidence` */
        sqlite3_bind_int64(in, 1, bloc);
        sqlite3_bind_text(in, 2, v[r->variant].vkey, -1, SQLITE_STATIC);
        sqlite3_bind_int(in, 3, r->year);
        sqlite3_bind_int64(in, 4, r->doc_id);
        if (r->evidence_id)
            sqlite3_bind_int64(in, 5, r->evidence_id);
        else
            sqlite3_bind_null(in, 5);
        if (sqlite3_step(in) != SQLITE_DONE)
            rc = index_db_error(db, e, "cannot write canon_name");
        sqlite3_reset(in);
        if (!doc_primary(pb, npb, r->doc_id)) {
            pb = td_xrealloc(pb, (npb + 1) * sizeof *pb);
            pb[npb++] = (docbloc){r->doc_id, bloc, r->year};
        }
        for (int pass = 0; pass < 2 && rc == TD_OK; pass++) {
            /* a review of year Y held with the pledge for Y+1 reports on both */
            int y = pass == 0 ? r->year : r->reviewed_year;
            if (!y || (pass == 1 && y == r->year))
                continue;
            sqlite3_bind_int64(st, 1, bloc);
            sqlite3_bind_int(st, 2, y);
            canon_bind_text(st, 3, r->event);
            canon_bind_text(st, 4, r->meeting_date);
            if (pass == 0 && r->member_count >= 0)
                sqlite3_bind_int64(st, 5, r->member_count);
            else
                sqlite3_bind_null(st, 5);
            sqlite3_bind_int64(st, 6, r->doc_id);
            if (r->evidence_id)
                sqlite3_bind_int64(st, 7, r->evidence_id);
            else
                sqlite3_bind_null(st, 7);
            if (sqlite3_step(st) != SQLITE_DONE)
                rc = index_db_error(db, e, "cannot write canon_bloc_year");
            sqlite3_reset(st);
        }
    }
    sqlite3_finalize(st);
    sqlite3_finalize(in);
    *pbp = pb;
    *npbp = npb;
    return rc;
}
