/* names_int.h - what names.c and names_load.c share: the table's layout
 * and the word-list helpers.  Nothing else includes it.
 */
#ifndef NAMES_INT_H
#define NAMES_INT_H

#include "normalize/names.h"

/* A growable list of malloc'd words. */
typedef struct wlist {
    char **w;
    size_t n, cap;
} wlist;

/* A phrase rewrite: the words `from` become the words of `to` ("" drops). */
typedef struct phrase {
    wlist from;
    char *to;        /* replacement words, space-separated, folded */
    char *display;   /* replacement as it should be shown (abbreviations) */
} phrase;

typedef struct alias {
    char *key;       /* unit key of the variant */
    char *display;   /* canonical display name (shared by the entry's variants) */
} alias;

typedef struct prov {
    char *name;        /* canonical name, NFC */
    int set;           /* 63 or 34 */
    int city;          /* a centrally-run city (type thanh_pho) */
    char *successor;   /* merged_into (63 set), NULL otherwise */
    wlist parts;       /* merged_from (34 set), canonical names */
    wlist forms;       /* name and variants as names_words, prefix removed */
    wlist *fwords;     /* the same forms cut into words (forms.n entries) */
} prov;

struct names_table {
    phrase *abbr;   size_t nabbr;      /* abbrev.aliases, longest first */
    phrase *conc;   size_t nconc;      /* blocs.aliases concepts, longest first */
    alias *units;   size_t nunits;     /* units.aliases */
    wlist stop;                        /* blocs.aliases "stop:" words */
    wlist textstop;                    /* text.stop */
    prov *provs;    size_t nprovs;     /* provinces.tsv, sets 63 and 34 */
};

/* ---- interface to code in names.c -------------------------------------- */

/* Append the n bytes at s as a word; free the words; join words[from, to)
 * with single spaces (malloc'd); 1 when w is one of the words. */
void names_wl_push(wlist *l, const char *s, size_t n);
void names_wl_free(wlist *l);
char *names_wl_join(const wlist *l, size_t from, size_t to);
int names_wl_has(const wlist *l, const char *w);

/* Split already folded (or plain space-separated) text into words. */
void names_split_words(const char *s, wlist *out);
/* Fold s, then split it into words. */
void names_fold_words(const char *s, wlist *out);
/* Folded, abbreviation-expanded words of s. */
void names_expand_words(const names_table *t, const char *s, wlist *out);

/* Length of a province prefix ("tinh", "thanh pho", "thu do") at w[i]. */
size_t names_prefix_len(const wlist *l, size_t i);

/* The matching key of a unit name (names_unit's *key). */
char *names_unit_key(const names_table *t, const char *s);

/* ---- end of interface to code in names.c ------------------------------- */

#endif
