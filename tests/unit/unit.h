/* unit.h - a minimal unit-test harness for thidua's C tests.
 *
 * TEST(name) { ... } defines a test that registers itself; CHECK and
 * CHECK_STR record failures with file and line and go on.  SKIP(reason)
 * ends a test that cannot run here (a data file of ../shared missing): it
 * is counted as skipped, never as passed.  test_main.c runs every test and
 * ends with "unit: N passed, N failed, N skipped".
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

typedef void (*unit_fn)(void);
void unit_register(const char *name, unit_fn fn);
void unit_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Mark the running test skipped, saying why (use SKIP, which returns). */
void unit_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define SKIP(...)                                                     \
    do {                                                              \
        unit_skip(__VA_ARGS__);                                       \
        return;                                                       \
    } while (0)

#define TEST(name)                                                    \
    static void test_##name(void);                                    \
    __attribute__((constructor)) static void reg_##name(void)         \
    {                                                                 \
        unit_register(#name, test_##name);                            \
    }                                                                 \
    static void test_##name(void)

#define CHECK(cond)                                                   \
    do {                                                              \
        if (!(cond))                                                  \
            unit_fail(__FILE__, __LINE__, "check failed: %s", #cond); \
    } while (0)

#define CHECK_STR(got, want)                                          \
    do {                                                              \
        const char *g_ = (got), *w_ = (want);                         \
        if (!g_ || strcmp(g_, w_) != 0)                               \
            unit_fail(__FILE__, __LINE__, "%s: got \"%s\", want \"%s\"", \
                      #got, g_ ? g_ : "(null)", w_);                  \
    } while (0)

#define CHECK_INT(got, want)                                          \
    do {                                                              \
        long long g_ = (long long)(got), w_ = (long long)(want);      \
        if (g_ != w_)                                                 \
            unit_fail(__FILE__, __LINE__, "%s: got %lld, want %lld",  \
                      #got, g_, w_);                                  \
    } while (0)

#endif
