/* keymap.c - a hash map from byte strings to indices, for resolve.c.
 *
 * Resolution compares candidates with one another ("is this member already
 * a fact", "the best lead of this role and year"); done pair by pair that
 * is quadratic in the number of candidates, which grows with the document.
 * A keymap answers each such question in constant time.  Keys are copied
 * into the map's own arena; values are whatever the caller stores.
 */
#include "rules/rules_int.h"

#include <stdlib.h>
#include <string.h>

static uint64_t key_hash(const char *k, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)k[i];
        h *= 0x100000001b3u;
    }
    return h ^ (h >> 31);
}

static size_t key_slot(const rules_keymap *m, const char *k, size_t n, uint64_t h)
{
    size_t i = (size_t)h & (m->cap - 1);
    while (m->slot[i].key && !(m->slot[i].hash == h && m->slot[i].len == n &&
                               memcmp(m->slot[i].key, k, n) == 0))
        i = (i + 1) & (m->cap - 1);
    return i;
}

size_t *rules_keymap_put(rules_keymap *m, const char *k, size_t n, size_t v, int *added)
{
    if ((m->len + 1) * 2 > m->cap) {
        rules_keyent *old = m->slot;
        size_t oldcap = m->cap;
        m->cap = oldcap ? 2 * oldcap : 64;
        m->slot = td_xcalloc(m->cap, sizeof *m->slot);
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].key)
                m->slot[key_slot(m, old[i].key, old[i].len, old[i].hash)] = old[i];
        free(old);
        if (!m->arena)
            m->arena = td_arena_new();
    }
    uint64_t h = key_hash(k, n);
    size_t i = key_slot(m, k, n, h);
    if (added)
        *added = m->slot[i].key == NULL;
    if (!m->slot[i].key) {
        m->slot[i].key = td_arena_strndup(m->arena, k, n);
        m->slot[i].len = n;
        m->slot[i].hash = h;
        m->slot[i].val = v;
        m->len++;
    }
    return &m->slot[i].val;
}

size_t *rules_keymap_get(const rules_keymap *m, const char *k, size_t n)
{
    if (!m->cap)
        return NULL;
    size_t i = key_slot(m, k, n, key_hash(k, n));
    return m->slot[i].key ? &m->slot[i].val : NULL;
}

void rules_keymap_free(rules_keymap *m)
{
    free(m->slot);
    td_arena_free(m->arena);
    memset(m, 0, sizeof *m);
}
