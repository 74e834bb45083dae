/* tokenizer.c - the "thidua" FTS5 tokenizer for Vietnamese.
 *
 * Words are runs of letters, digits and combining marks.  Each word is
 * indexed folded (no tones, no vowel marks, đ→d, lowercase, final i/y
 * after a consonant unified: what every query matches on) and, in
 * document text, also as a colocated exact form (NFC, lowercase, canonical
 * tone placement, prefixed with '=') that lets search match and rank the
 * diacritics a user typed.
 *
 * A word written without diacritics gets an exact form only in a column
 * typed without them (fewer than 1 word in BARE_RATIO carries one), and
 * that form is '=' + the folded word: there "=hoi" stands for a hội or a
 * hồi whose marks were never typed, which a query for either must find
 * ("=ki" for a bare ky or ki).  In a column typed with diacritics a bare
 * word is that bare word ("ban" in Ủy ban is no "bàn"), and gets none.
 *
 * In a query, a word written right after '=' asks for its exact form and
 * the others for folded ones, so one phrase can hold both ("=hội nghi":
 * hội exactly, nghi/nghị any way).  Written against fts5_tokenizer v1
 * (SQLite 3.40).
 */
#include "index/index_int.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "normalize/normalize.h"

#define MAX_WORD 256   /* bytes kept of one word; longer ones are cut */
#define BARE_RATIO 8   /* a column is typed without diacritics when fewer
                        * than 1 word in BARE_RATIO carries one */

enum { C_OTHER, C_LETTER, C_DIGIT, C_MARK };

static int char_class(int32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
            return C_LETTER;
        return (cp >= '0' && cp <= '9') ? C_DIGIT : C_OTHER;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return C_LETTER;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    default:
        return C_OTHER;
    }
}

/* Number of ASCII digits at s[i..n). */
static size_t digits_at(const char *s, size_t i, size_t n)
{
    size_t k = 0;
    while (i + k < n && s[i + k] >= '0' && s[i + k] <= '9')
        k++;
    return k;
}

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Vietnamese writes a final i after a consonant either way (kí/ký kết,
 * lí/lý do, qui/quy định): the folded word takes the i.  "uy" (tuy, thủy)
 * and "ay" (tay) are other rhymes and stay. */
static void unify_final_y(td_buf *fold)
{
    char *f = fold->ptr;
    size_t n = fold->len;
    if (n < 2 || f[n - 1] != 'y')
        return;
    for (size_t i = 0; i < n; i++)
        if (f[i] < 'a' || f[i] > 'z')
            return;
    if (!is_vowel(f[n - 2]) || (n == 3 && f[0] == 'q' && f[1] == 'u'))
        f[n - 1] = 'i';
}

/* Fold and key one word (raw bytes w) and hand it to cb. */
static int emit(const char *w, size_t n, int letters, td_buf *fold,
                index_word_fn cb, void *ctx, size_t start, size_t end)
{
    td_buf_clear(fold);
    norm_fold(w, n, fold, NULL);
    if (fold->len == 0)
        return 0;
    unify_final_y(fold);
    if (!letters) {
        /* 02/3/2024 and 2/03/2024 are the same date: no leading zeros */
        size_t z = 0;
        while (z + 1 < fold->len && fold->ptr[z] == '0' && fold->ptr[z + 1] >= '0' &&
               fold->ptr[z + 1] <= '9')
            z++;
        return cb(ctx, fold->ptr + z, fold->len - z, NULL, 0, start, end);
    }
    char *tmp = td_xstrndup(w, n);
    char *key = norm_key_str(tmp);
    free(tmp);
    int rc = cb(ctx, fold->ptr, fold->len, key, strlen(key), start, end);
    free(key);
    return rc;
}

int index_split(const char *s, size_t n, index_word_fn cb, void *ctx)
{
    td_buf word = TD_BUF_INIT, fold = TD_BUF_INIT;
    size_t i = 0;
    int rc = 0;
    while (i < n && rc == 0) {
        int32_t cp;
        size_t k = td_utf8_next(s, i, n, &cp);
        int c = char_class(cp);
        if (c == C_OTHER) {
            i += k;
            continue;
        }
        /* a word starts here */
        size_t start = i, end = i;
        int letters = 0, only_digits = 1;
        td_buf_clear(&word);
        while (i < n) {
            k = td_utf8_next(s, i, n, &cp);
            c = char_class(cp);
            if (c == C_OTHER) {
                /* numbers keep their separators: "8.000" is 8000 (a
                 * thousands group), "1,5" stays "1,5" (decimal comma) */
                if (only_digits && word.len && (cp == '.' || cp == ',')) {
                    size_t d = digits_at(s, i + 1, n);
                    if (cp == '.' && d == 3 && !(i + 4 < n && s[i + 4] == ',')) {
                        i += 1;
                        continue;
                    }
                    if (cp == ',' && d > 0) {
                        td_buf_putc(&word, ',');
                        i += 1;
                        continue;
                    }
                }
                break;
            }
            if (c == C_LETTER)
                letters = 1;
            if (c != C_DIGIT)
                only_digits = 0;
            if (word.len + k <= MAX_WORD) {
                /* Eth (Ð ð) and African D (Ɖ ɖ) look like Đ đ and stand for
                 * them in text typed or converted from legacy fonts */
                if (cp == 0xD0 || cp == 0x189)
                    td_buf_append(&word, "\xC4\x90", 2);
                else if (cp == 0xF0 || cp == 0x256)
                    td_buf_append(&word, "\xC4\x91", 2);
                else
                    td_buf_append(&word, s + i, k);
            }
            i += k;
            end = i;
        }
        rc = emit(word.ptr, word.len, letters, &fold, cb, ctx, start, end);
    }
    td_buf_free(&word);
    td_buf_free(&fold);
    return rc;
}

/* 1 when a word of n bytes holds a byte outside ASCII: a letter with a
 * diacritic (or đ), or a combining mark. */
static int has_mark(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)w[i] >= 0x80)
            return 1;
    return 0;
}

/* 1 when the text s (n bytes) was typed without diacritics: it has words
 * with letters, and fewer than 1 in BARE_RATIO of them carries a mark
 * (an abbreviation such as LĐLĐ or a pasted name may).  Cuts words as
 * index_split does, without folding them. */
static int typed_bare(const char *s, size_t n)
{
    size_t words = 0, marked = 0, i = 0;
    int in_word = 0, letters = 0, mark = 0;
    while (i <= n) {
        int32_t cp = ' ';
        size_t k = 1;
        if (i < n)
            k = td_utf8_next(s, i, n, &cp);
        int c = char_class(cp);
        if (c == C_OTHER) {
            if (in_word && letters) {
                words++;
                marked += mark;
            }
            in_word = letters = mark = 0;
        } else {
            in_word = 1;
            letters |= c == C_LETTER;
            mark |= cp >= 0x80;
        }
        i += k;
    }
    return words > 0 && marked * BARE_RATIO < words;
}

/* ---- the FTS5 tokenizer -------------------------------------------------- */

typedef struct tok {
    int unused;   /* the tokenizer has no state; FTS5 wants an instance */
} tok;

typedef struct tok_run {
    void *fts_ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
    int document;   /* emit colocated exact forms */
    int query;      /* query text: '=' before a word asks for its exact form */
    int bare;       /* document text typed without diacritics: its bare
                     * words get exact forms too */
    const char *text;
    td_buf buf;
} tok_run;

static int tok_create(void *user, const char **argv, int argc,
                      Fts5Tokenizer **out)
{
    (void)user; (void)argv;
    *out = NULL;
    if (argc > 0)
        return SQLITE_ERROR;   /* "thidua" takes no arguments */
    tok *t = sqlite3_malloc(sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    t->unused = 0;
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
    sqlite3_free(t);
}

static int on_word(void *ctx, const char *folded, size_t nf, const char *exact,
                   size_t ne, size_t start, size_t end)
{
    tok_run *r = ctx;
    if (r->query && exact && start > 0 && r->text[start - 1] == INDEX_EXACT_MARK) {
        /* an exact query word: '=' + key */
        td_buf_clear(&r->buf);
        td_buf_putc(&r->buf, INDEX_EXACT_MARK);
        td_buf_append(&r->buf, exact, ne);
        return r->xToken(r->fts_ctx, 0, r->buf.ptr, (int)r->buf.len,
                         (int)start, (int)end);
    }
    int rc = r->xToken(r->fts_ctx, 0, folded, (int)nf, (int)start, (int)end);
    int marked = exact && has_mark(exact, ne);
    if (rc == SQLITE_OK && r->document && exact && (marked || r->bare)) {
        /* a bare word of a bare column: its folded form (ky = ki) */
        td_buf_clear(&r->buf);
        td_buf_putc(&r->buf, INDEX_EXACT_MARK);
        if (marked)
            td_buf_append(&r->buf, exact, ne);
        else
            td_buf_append(&r->buf, folded, nf);
        rc = r->xToken(r->fts_ctx, FTS5_TOKEN_COLOCATED, r->buf.ptr,
                       (int)r->buf.len, (int)start, (int)end);
    }
    return rc;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags,
                        const char *text, int len,
                        int (*xToken)(void *, int, const char *, int, int, int))
{
    (void)t;
    if (len <= 0 || !text)
        return SQLITE_OK;
    tok_run r = {ctx, xToken, 0, 0, 0, text, TD_BUF_INIT};
    size_t n = (size_t)len;
    if (flags & FTS5_TOKENIZE_QUERY) {
        r.query = 1;
    } else {
        /* documents, and AUX (highlight, snippet), which must see the
         * same positions as the index */
        r.document = 1;
        r.bare = typed_bare(text, n);
    }
    int rc = index_split(text, n, on_word, &r);
    td_buf_free(&r.buf);
    return rc;
}

/* The fts5_api of db, through SELECT fts5(?1), or NULL. */
static fts5_api *get_fts5_api(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return api;
}

int index_tokenizer_register(sqlite3 *db)
{
    fts5_api *api = get_fts5_api(db);
    if (!api || api->iVersion < 2)
        return SQLITE_ERROR;
    static fts5_tokenizer t = {tok_create, tok_delete, tok_tokenize};
    int rc = api->xCreateTokenizer(api, "thidua", NULL, &t, NULL);
    return rc == SQLITE_OK ? index_snippet_register(api) : rc;
}

/* ---- token dump for tests ------------------------------------------------ */

typedef struct dump {
    td_buf *out;
} dump;

static int dump_token(void *ctx, int tflags, const char *tok, int n,
                      int start, int end)
{
    dump *d = ctx;
    td_buf_append(d->out, tok, (size_t)n);
    td_buf_printf(d->out, "\t%d\t%d\t%d\n", start, end,
                  (tflags & FTS5_TOKEN_COLOCATED) ? 1 : 0);
    return SQLITE_OK;
}

void index_token_dump(const char *text, size_t n, int query, td_buf *out)
{
    dump d = {out};
    tok_tokenize(NULL, &d, query ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT,
                 text, (int)n, dump_token);
    if (!out->ptr)
        td_buf_append(out, "", 0);
}
