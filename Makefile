# thidua - build, test and run.  `make run` ingests corpus/ and shows the
# results; `make test` runs every test under ASan+UBSan.  Both install the
# Debian packages they need first (make deps).

PKGS := libzip libxml-2.0 libpcre2-8 libutf8proc sqlite3 libmicrohttpd
# zip, jq, python3 and curl are used by the test scripts only (curl: serve)
DEBS := libzip-dev libxml2-dev libpcre2-dev libutf8proc-dev libsqlite3-dev libmicrohttpd-dev \
        pkg-config zip jq python3 curl
VERSION := 0.1.0

BUILD ?= build
CC ?= cc
WERROR ?= -Werror
OPT ?= -O2
SANFLAGS ?=
DB ?= thidua.db

WARN := -Wall -Wextra $(WERROR) -Wstrict-prototypes -Wvla -Wformat=2 -Wno-format-nonliteral
# pkg-config is run lazily (=) so that `make deps` can install it first
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))
# -pthread: ingest extracts on several threads (src/cli/workq.c)
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE -pthread $(OPT) -g $(WARN) $(SANFLAGS) -MMD -MP -Isrc \
	-DTD_RULES_DIR='"$(abspath rules)"' -DTD_VERSION='"$(VERSION)"' \
	$(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = -pthread $(SANFLAGS) $(LDFLAGS)

SRCS := $(sort $(wildcard src/*/*.c))
OBJS := $(SRCS:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/src/main.o
TEST_SRCS := $(sort $(wildcard tests/unit/*.c))
TEST_OBJS := $(TEST_SRCS:%.c=$(BUILD)/%.o)

.PHONY: all deps run test unit asan tsan leakcheck bench bench-deps bench-corpus fuzz fuzz-build fuzz-smoke docx-score html-score real-score clean lint

all: $(BUILD)/thidua

deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists $(PKGS) || \
	   ! command -v zip >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1 || \
	   ! command -v python3 >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then \
	  echo "make deps: installing $(DEBS)"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  LOCK="-o DPkg::Lock::Timeout=600"; \
	  if command -v fuser >/dev/null 2>&1 && \
	     $$SUDO fuser /var/lib/dpkg/lock-frontend /var/lib/apt/lists/lock >/dev/null 2>&1; then \
	    echo "make deps: another apt or dpkg holds its lock; waiting up to 10 minutes"; fi; \
	  $$SUDO apt-get $$LOCK update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get $$LOCK install -y -qq $(DEBS) >/dev/null || \
	  { echo "make deps: apt-get could not install $(DEBS) (a held apt lock, no network or no root?)"; exit 1; }; \
	fi

$(BUILD)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/thidua: $(OBJS) $(MAIN_OBJ)
	@echo "LD $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/test_unit: $(OBJS) $(TEST_OBJS)
	@echo "LD $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS) -lm

# The main job: build, ingest the bundled corpus, show what was stored.
run: $(BUILD)/thidua
	@rm -f $(DB)
	./$(BUILD)/thidua --db $(DB) ingest corpus/ || true
	./$(BUILD)/thidua --db $(DB) stats
	./$(BUILD)/thidua --db $(DB) leaders
	./$(BUILD)/thidua --db $(DB) search --limit 5 "giao uoc thi dua"

# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer,
# after a one-minute run of every fuzz harness (fuzz-smoke: skipped without
# clang's libFuzzer).  The closing line stays the suites' total.
ASAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
TBUILD ?= build-asan
test: deps
	@$(MAKE) --no-print-directory BUILD=$(TBUILD) OPT=-O1 SANFLAGS="$(ASAN)" \
	  $(TBUILD)/thidua $(TBUILD)/test_unit
	@sh fuzz/smoke.sh; fz=$$?; \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  THIDUA=$(CURDIR)/$(TBUILD)/thidua TEST_UNIT=$(CURDIR)/$(TBUILD)/test_unit \
	  sh tests/run.sh; rc=$$?; \
	  [ $$fz -eq 0 ] || echo "make test: FAIL: fuzz-smoke failed (its lines are above the suites)"; \
	  [ $$rc -eq 0 ] && [ $$fz -eq 0 ]

asan: test

# ThreadSanitizer: ingest corpus/ on 4 threads (added, unchanged, forced);
# any race report fails.  tests/tsan.supp says what is suppressed and why.
tsan: deps
	@$(MAKE) --no-print-directory BUILD=build-tsan OPT=-O1 SANFLAGS=-fsanitize=thread \
	  build-tsan/thidua
	@rm -f build-tsan/t.db*; set -e; for a in "" "" --force; do \
	  TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$(CURDIR)/tests/tsan.supp" \
	    ./build-tsan/thidua --db build-tsan/t.db ingest -q --jobs 4 $$a corpus/ tests/search/docs; \
	done; echo "tsan: no race"

leakcheck: deps
	@$(MAKE) --no-print-directory BUILD=build-vg OPT=-O1 build-vg/thidua build-vg/test_unit
	@THIDUA="valgrind -q --leak-check=full --error-exitcode=99 $(CURDIR)/build-vg/thidua" \
	  TEST_UNIT="valgrind -q --leak-check=full --error-exitcode=99 $(CURDIR)/build-vg/test_unit" \
	  sh tests/run.sh

# libFuzzer harnesses (clang), one per fuzz/fuzz_NAME.c, built into
# build-fuzz/ with ASan+UBSan.  `make fuzz FUZZ=NAME` runs one from its seeds
# (fuzz/seeds.sh) and the corpus it grows in build-fuzz/corpus-NAME, for RUNS
# executions or TIME seconds (0: no bound); `make fuzz-smoke` runs each for a
# few seconds (a minute in all) and skips when clang's libFuzzer is missing.
FUZZERS := docx html text rules search extract pipeline normalize
FUZZ ?= extract
RUNS ?= 100000
TIME ?= 0
MAXLEN ?= 200000
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_BINS ?= $(FUZZERS:%=build-fuzz/fuzz_%)
fuzz-build: deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT=-O1 \
	  SANFLAGS="-fsanitize=fuzzer-no-link $(FUZZ_SAN)" $(FUZZ_BINS)

$(BUILD)/fuzz_%: fuzz/fuzz_%.c $(BUILD)/libtd.a
	@echo "LD $@"
	@$(CC) -std=c11 -D_GNU_SOURCE -g $(OPT) $(WARN) -fsanitize=fuzzer $(FUZZ_SAN) -Isrc \
	  $(PKG_CFLAGS) $< $(BUILD)/libtd.a $(PKG_LIBS) -lm -o $@

fuzz:
	@$(MAKE) --no-print-directory fuzz-build FUZZ_BINS=build-fuzz/fuzz_$(FUZZ)
	@rm -rf build-fuzz/seeds-$(FUZZ) && sh fuzz/seeds.sh $(FUZZ) build-fuzz/seeds-$(FUZZ)
	@mkdir -p build-fuzz/corpus-$(FUZZ)
	THIDUA_RULES=$(CURDIR)/rules build-fuzz/fuzz_$(FUZZ) -runs=$(RUNS) -max_total_time=$(TIME) \
	  -max_len=$(MAXLEN) -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
	  -artifact_prefix=build-fuzz/crash-$(FUZZ)- build-fuzz/corpus-$(FUZZ) build-fuzz/seeds-$(FUZZ)

fuzz-smoke: deps
	@sh fuzz/smoke.sh

$(BUILD)/libtd.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $^

# The scale bench (bench/scale.sh): a generated corpus of SIZES documents
# against the installed peers, one table.  100k documents take hours of
# ingest at today's speed: make bench SIZES="1000 10000 100000".
SIZES ?= 1000 10000
# Before it, bench/linear.sh (time and peak RSS per MB of one long report at
# 1, 4 and 16 MB: flat columns = linear); after it, bench/html_speed.sh (the
# HTML reader against Readability.js on 300 real pages of html-bench).
bench: $(BUILD)/thidua $(BUILD)/search_bench
	@rc=0; sh bench/linear.sh ./$(BUILD)/thidua 1 4 16 || rc=1; \
	  sh bench/scale.sh ./$(BUILD)/thidua ./$(BUILD)/search_bench $(SIZES) || rc=1; \
	  sh bench/html_speed.sh ./$(BUILD)/thidua || rc=1; exit $$rc

# The peers of `make bench` (Debian packages; Readability.js is installed with
# npm into ~/.cache/thidua-bench when the bench runs and node is there).
bench-deps:
	SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq pandoc docx2txt ripgrep sqlite3 >/dev/null

# The older bench: the bundled corpus copied 20 times, with its targets,
# and the HTML reader against Readability.js on ../shared/html-bench.
bench-corpus: $(BUILD)/thidua
	sh bench/run.sh ./$(BUILD)/thidua

docx-score: $(BUILD)/thidua
	sh bench/docx_score.sh ./$(BUILD)/thidua

# Word-token P/R/F1 of the HTML reader on ../shared/html-bench (real pages
# with hand-labelled main text), per source, and the worst pages.
html-score: $(BUILD)/thidua
	sh bench/html_score.sh ./$(BUILD)/thidua $(if $(KEEP),--keep $(KEEP))

# Field P/R/F1 on the real reports whose texts are cached in $(REAL_CACHE)
# (tests/real/README.md says how to rebuild the cache); BATCH=A1 for one.
REAL_CACHE ?= /tmp/real
real-score: $(BUILD)/thidua
	@REAL_CACHE=$(REAL_CACHE) sh tests/real/score.sh ./$(BUILD)/thidua $(BATCH)

lint:
	clang-tidy $(SRCS) src/main.c -- -std=c11 -D_GNU_SOURCE -Isrc $(PKG_CFLAGS)

clean:
	rm -rf build build-asan build-vg build-* thidua.db

-include $(OBJS:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_OBJS:.o=.d)

# In-process search timer of bench/scale.sh (not part of the tests).
$(BUILD)/search_bench: bench/search_bench.c $(BUILD)/libtd.a
	@echo "LD $@"
	@$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(BUILD)/libtd.a $(PKG_LIBS) -lm
