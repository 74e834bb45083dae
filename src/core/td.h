/* td.h - the document model shared by every stage of thidua.
 *
 * A td_doc flows through the pipeline: extract fills its blocks and metadata,
 * normalize builds the NFC text and its folded shadow, rules add facts with
 * evidence spans, index turns the facts into rows.  Everything a document owns
 * lives in its arena and goes with one td_doc_free().  Also here: the error
 * type every fallible function fills, and a growable byte buffer.
 */
#ifndef TD_H
#define TD_H

#include <stddef.h>
#include <stdint.h>

/* ---- result codes ------------------------------------------------------ */

enum {
    TD_OK = 0,
    TD_ENOMEM,     /* out of memory */
    TD_EIO,        /* file could not be read or written */
    TD_EFORMAT,    /* input is not what it claims to be (corrupt zip, bad XML) */
    TD_ELIMIT,     /* input exceeds a safety limit (size, zip bomb, depth) */
    TD_EENCODING,  /* text encoding could not be decoded */
    TD_ERULE,      /* a rule file is malformed or a pattern does not compile */
    TD_EDB,        /* SQLite reported an error */
    TD_EUSAGE,     /* caller misuse, e.g. a malformed search query */
    TD_EEMPTY,     /* input holds no text */
    TD_EFULL       /* no room to write: disk, quota or file size limit full */
};

#define TD_ERR_LEN 512

/* Caller-owned error report.  Functions that fail set code and msg; path
 * names the input (may be empty); offset is a byte offset or -1. */
typedef struct td_err {
    int code;              /* one of TD_* */
    long offset;           /* byte offset in the input, -1 when not known */
    char path[1024];       /* the file the error is about, "" if none */
    char msg[TD_ERR_LEN];  /* lowercase, no final full stop */
} td_err;

/* Reset e to "no error". */
void td_err_clear(td_err *e);

/* Fill e (when not NULL) with code and a printf-style message and return
 * code, so callers can write `return td_err_set(e, TD_EIO, "...")`. */
int td_err_set(td_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Name of a result code ("corrupt input", "limit exceeded", ...). */
const char *td_strerror(int code);

/* ---- memory ------------------------------------------------------------ */

/* Allocation wrappers: abort the process on out-of-memory (the only place
 * thidua gives up; see STYLE.md).  td_xrealloc(NULL, n) acts as malloc. */
void *td_xmalloc(size_t n);
void *td_xcalloc(size_t n, size_t size);
void *td_xrealloc(void *p, size_t n);
char *td_xstrdup(const char *s);
char *td_xstrndup(const char *s, size_t n);

/* An arena: many allocations, one free.  Not thread-safe. */
typedef struct td_arena td_arena;

td_arena *td_arena_new(void);
/* Returns zeroed memory aligned for any type, owned by the arena. */
void *td_arena_alloc(td_arena *a, size_t n);
/* Copies n bytes of s and a terminating NUL into the arena. */
char *td_arena_strndup(td_arena *a, const char *s, size_t n);
char *td_arena_strdup(td_arena *a, const char *s);
/* Frees everything the arena handed out.  Accepts NULL. */
void td_arena_free(td_arena *a);

/* Growable byte buffer, always NUL-terminated when ptr is not NULL.
 * Initialise with TD_BUF_INIT; release with td_buf_free or take the memory
 * with td_buf_detach (caller then frees it with free()). */
typedef struct td_buf {
    char *ptr;   /* bytes, NUL-terminated; NULL until the first append */
    size_t len;  /* bytes used, excluding the NUL */
    size_t cap;  /* bytes allocated */
} td_buf;

#define TD_BUF_INIT {NULL, 0, 0}

void td_buf_append(td_buf *b, const char *s, size_t n);
void td_buf_puts(td_buf *b, const char *s);
void td_buf_putc_slow(td_buf *b, char c);
/* Appends one byte; inline because readers and folding call it per byte. */
static inline void td_buf_putc(td_buf *b, char c)
{
    if (b->len + 2 <= b->cap) {
        b->ptr[b->len++] = c;
        b->ptr[b->len] = '\0';
    } else {
        td_buf_putc_slow(b, c);
    }
}
/* The UTF-8 bytes of code point cp (at most 0x10FFFF) in out; returns
 * their number, 1 to 4. */
size_t td_utf8_encode(unsigned long cp, char out[4]);
size_t td_utf8_next_slow(const char *s, size_t i, size_t n, int32_t *cp);
/* Decode the code point at s[i..n) (i < n) into *cp and return its length
 * in bytes; an invalid or cut sequence gives U+FFFD and length 1.  The one
 * UTF-8 decoder of the program (ASCII inline, the rest by utf8proc). */
static inline size_t td_utf8_next(const char *s, size_t i, size_t n, int32_t *cp)
{
    if ((unsigned char)s[i] < 0x80) {
        *cp = (unsigned char)s[i];
        return 1;
    }
    return td_utf8_next_slow(s, i, n, cp);
}
void td_buf_printf(td_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void td_buf_clear(td_buf *b);             /* len = 0, keeps the memory */
char *td_buf_detach(td_buf *b);           /* never NULL; b is reset */
void td_buf_free(td_buf *b);

/* Append s as a JSON string literal (quotes included); NULL gives null.
 * Bytes that are not valid UTF-8 become \ufffd, so the output is always
 * valid JSON; control characters (C0, DEL, C1) are escaped (\n, \u001b). */
void td_json_str(td_buf *b, const char *s);
void td_json_strn(td_buf *b, const char *s, size_t n);

/* Append s, a file name (or any name from outside: a path given on the
 * command line, a zip entry), for printing as text: control characters
 * (C0, DEL, and C1 in UTF-8 or as raw bytes) and bytes that are not valid
 * UTF-8 are escaped as \n, \r, \t or \xNN (one per byte), so the name stays
 * on one line and cannot drive a terminal.  Everything else, the backslash
 * included, is appended unchanged, so escaping twice changes nothing.
 * NULL gives "". */
void td_buf_put_name(td_buf *b, const char *s);

/* ---- files ------------------------------------------------------------- */

/* Read a whole file into *out (NUL-terminated, caller frees) refusing files
 * larger than max bytes (TD_ELIMIT) and directories (TD_EIO).  A FIFO with
 * no writer is never waited on: it reads as empty.  On failure *out is NULL. */
int td_read_file(const char *path, size_t max, char **out, size_t *len,
                 td_err *e);

/* td_read_file, and *st (may be NULL) receives the fstat of the file read
 * (taken before reading: its size and modification time). */
struct stat;
int td_read_file_stat(const char *path, size_t max, char **out, size_t *len,
                      struct stat *st, td_err *e);

/* The host of url (lower case, without userinfo, port and "www.") into out
 * (cap bytes, NUL-terminated); 0 when there is none (url may be NULL). */
int td_url_host(const char *url, char *out, size_t cap);

/* 64-bit FNV-1a of the bytes, as 16 lowercase hex digits plus NUL. */
void td_hash_hex(const void *data, size_t n, char out[17]);

/* ---- the document model ------------------------------------------------ */

typedef enum {
    TD_FMT_UNKNOWN = 0,
    TD_FMT_TEXT,
    TD_FMT_HTML,
    TD_FMT_DOCX
} td_format;

const char *td_format_name(td_format f);  /* "text", "html", "docx", "unknown" */

typedef enum {
    TD_BLOCK_TITLE = 0,   /* the title: first block for HTML/DOCX; text marks its headline where it stands */
    TD_BLOCK_HEADING,
    TD_BLOCK_PARA,
    TD_BLOCK_LIST_ITEM,
    TD_BLOCK_TABLE_CELL,
    TD_BLOCK_NOTE         /* footnote or endnote text */
} td_block_kind;

const char *td_block_kind_name(td_block_kind k);

/* One block of extracted text.  Readers fill kind..src_end; normalize
 * rewrites text in NFC and sets off. */
typedef struct td_block {
    td_block_kind kind;
    int level;            /* heading level 1-9, list depth 0-8, else 0 */
    char *text;           /* UTF-8, no leading/trailing whitespace, arena */
    size_t len;           /* bytes in text */
    size_t off;           /* byte offset of text inside doc->text */
    long src_start;       /* byte span in the source part, -1 if unknown */
    long src_end;
    const char *part;     /* source part ("word/document.xml"), NULL = file */
    int row, col;         /* table cells: 0-based row and column, else -1 */
} td_block;

typedef enum {
    TD_FACT_TITLE = 0,
    TD_FACT_PUBLISHED,     /* value: ISO date of publication */
    TD_FACT_BYLINE,
    TD_FACT_PROVINCE,      /* value: province as written */
    TD_FACT_BLOC,          /* value: bloc name as written; extra: level */
    TD_FACT_EVENT,         /* value: ky_ket | so_ket | tong_ket | other */
    TD_FACT_PLEDGE_YEAR,   /* num: year */
    TD_FACT_REVIEWED_YEAR, /* num: year under review */
    TD_FACT_MEETING_DATE,  /* value: ISO date */
    TD_FACT_MEMBER_COUNT,  /* num: count */
    TD_FACT_MEMBER,        /* value: unit as written */
    TD_FACT_LEADER,        /* value: unit; extra: truong_khoi|pho_khoi; year */
    TD_FACT_GOAL,          /* value: goal text */
    TD_FACT_OFFICIAL,      /* value: person's name; extra: title */
    TD_FACT__COUNT
} td_fact_kind;

/* The JSON key of a fact kind ("province", "leaders", ...). */
const char *td_fact_name(td_fact_kind k);
/* Inverse of td_fact_name (also accepts singular "leader", "member",
 * "goal", "official"); -1 when unknown. */
int td_fact_kind_from_name(const char *name);

/* A fact with its evidence.  Offsets are bytes in doc->text. */
typedef struct td_fact {
    td_fact_kind kind;
    const char *value;    /* main value, original spelling, NFC; arena */
    const char *extra;    /* second field (role, title, level) or NULL */
    int year;             /* leader year, 0 when not known */
    long num;             /* numeric facts; 0 otherwise */
    const char *rule;     /* id of the rule that produced it */
    size_t start, end;    /* evidence: the matched span in doc->text */
    size_t sent_start;    /* the sentence that holds the evidence */
    size_t sent_end;
} td_fact;

typedef struct td_doc {
    td_arena *arena;      /* owns everything below */
    const char *path;     /* as given on the command line */
    char hash[17];        /* td_hash_hex of the raw file bytes */
    size_t size;          /* raw file size in bytes */
    long long mtime;      /* the file's modification time (ns since the
                             epoch) to store, 0 for none (the caller sets it) */
    td_format format;
    const char *encoding; /* "utf-8", "windows-1258", "tcvn3", "vni", ... */
    size_t bad_bytes;     /* bytes of mostly-valid UTF-8 input that were not
                             UTF-8 and became U+FFFD (the caller warns) */

    /* metadata found by the reader (NULL when unknown) */
    const char *title;
    const char *published;  /* ISO date (YYYY-MM-DD) of publication */
    const char *author;     /* DOCX core.xml creator or HTML byline */
    const char *modified;   /* ISO date-time from DOCX properties */
    const char *source_url; /* where the file came from: the page's canonical
                               link or og:url, or given by the caller */
    int source_given;       /* source_url was given by the caller */

    /* set by rules_apply() from source_url: the province the site belongs
     * to (canonical spelling, rules/sites.tsv and the province names),
     * NULL when the address tells none */
    const char *site_province;

    td_block *blocks;
    size_t nblocks, cap_blocks;

    /* set by norm_doc() */
    char *text;           /* NFC blocks joined by "\n\n" (what extract --text prints) */
    size_t text_len;
    char *fold;           /* folded shadow of text: lowercase, no marks, d for đ */
    size_t fold_len;
    uint32_t *fold_map;   /* fold byte i comes from text byte fold_map[i]; fold_len+1 entries */

    td_fact *facts;
    size_t nfacts, cap_facts;

    /* set by rules_apply() when a pattern failed on this document (a PCRE2
     * match, depth or heap limit): the first failure, naming the rule, and
     * how many matches failed.  The facts of that rule may be incomplete. */
    const char *rule_error;
    int rule_errors;
} td_doc;

/* A new empty document for path (copied).  Never NULL. */
td_doc *td_doc_new(const char *path);
void td_doc_free(td_doc *d);   /* accepts NULL */

/* Append a block; text is copied into the arena with leading and trailing
 * whitespace trimmed.  Empty text is ignored (returns NULL).  The returned
 * block stays valid until the next add. */
td_block *td_doc_add_block(td_doc *d, td_block_kind kind, int level,
                           const char *text, size_t len,
                           long src_start, long src_end);

/* Append a fact (strings are copied into the arena).  Returns it. */
td_fact *td_doc_add_fact(td_doc *d, const td_fact *f);

/* Copy of s in the document's arena (NULL stays NULL). */
const char *td_doc_strdup(td_doc *d, const char *s);

/* Index of the block whose text holds doc->text offset off, or -1. */
long td_doc_block_at(const td_doc *d, size_t off);

#endif
