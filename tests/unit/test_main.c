/* test_main.c - runs every registered unit test; optional name filter. */
#include <stdarg.h>
#include <stdlib.h>

#include "unit.h"

#define MAX_TESTS 1024

static struct {
    const char *name;
    unit_fn fn;
} tests[MAX_TESTS];
static int ntests, current_failed;

void unit_register(const char *name, unit_fn fn)
{
    if (ntests < MAX_TESTS) {
        tests[ntests].name = name;
        tests[ntests].fn = fn;
        ntests++;
    }
}

void unit_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stdout, "  %s:%d: ", file, line);
    vfprintf(stdout, fmt, ap);
    fputc('\n', stdout);
    va_end(ap);
    current_failed = 1;
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (int i = 0; i < ntests; i++) {
        if (argc > 1 && !strstr(tests[i].name, argv[1]))
            continue;
        current_failed = 0;
        tests[i].fn();
        if (current_failed) {
            printf("FAIL %s\n", tests[i].name);
            failed++;
        } else {
            passed++;
        }
    }
    printf("unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
