# thidua - build, test and run.  `make run` ingests corpus/ and shows the
# results; `make test` runs every test under ASan+UBSan.  Both install the
# Debian packages they need first (make deps).

PKGS := libzip libxml-2.0 libpcre2-8 libutf8proc sqlite3
# zip, jq and python3 are used by the test scripts only
DEBS := libzip-dev libxml2-dev libpcre2-dev libutf8proc-dev libsqlite3-dev pkg-config zip jq python3
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
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE $(OPT) -g $(WARN) $(SANFLAGS) -MMD -MP -Isrc \
	-DTD_RULES_DIR='"$(abspath rules)"' -DTD_VERSION='"$(VERSION)"' \
	$(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SANFLAGS) $(LDFLAGS)

SRCS := $(sort $(wildcard src/*/*.c))
OBJS := $(SRCS:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/src/main.o
TEST_SRCS := $(sort $(wildcard tests/unit/*.c))
TEST_OBJS := $(TEST_SRCS:%.c=$(BUILD)/%.o)

.PHONY: all deps run test unit asan leakcheck bench bench-deps bench-corpus fuzz docx-score html-score real-score clean lint

all: $(BUILD)/thidua

deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists $(PKGS) || \
	   ! command -v zip >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1 || \
	   ! command -v python3 >/dev/null 2>&1; then \
	  echo "make deps: installing $(DEBS)"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(DEBS) >/dev/null || exit 1; \
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

# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
ASAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
TBUILD ?= build-asan
test: deps
	@$(MAKE) --no-print-directory BUILD=$(TBUILD) OPT=-O1 SANFLAGS="$(ASAN)" \
	  $(TBUILD)/thidua $(TBUILD)/test_unit
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  THIDUA=$(CURDIR)/$(TBUILD)/thidua TEST_UNIT=$(CURDIR)/$(TBUILD)/test_unit \
	  sh tests/run.sh

asan: test

leakcheck: deps
	@$(MAKE) --no-print-directory BUILD=build-vg OPT=-O1 build-vg/thidua build-vg/test_unit
	@THIDUA="valgrind -q --leak-check=full --error-exitcode=99 $(CURDIR)/build-vg/thidua" \
	  TEST_UNIT="valgrind -q --leak-check=full --error-exitcode=99 $(CURDIR)/build-vg/test_unit" \
	  sh tests/run.sh

# libFuzzer harnesses (clang): make fuzz FUZZ=extract|normalize RUNS=100000
FUZZ ?= extract
RUNS ?= 100000
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT=-O1 \
	  SANFLAGS="-fsanitize=fuzzer-no-link,address,undefined" build-fuzz/libtd.a
	clang -fsanitize=fuzzer,address,undefined -Isrc $(PKG_CFLAGS) fuzz/fuzz_$(FUZZ).c \
	  build-fuzz/libtd.a $(PKG_LIBS) -lm -o build-fuzz/fuzz_$(FUZZ)
	@mkdir -p build-fuzz/corpus-$(FUZZ)
	build-fuzz/fuzz_$(FUZZ) -runs=$(RUNS) -max_len=200000 build-fuzz/corpus-$(FUZZ) corpus tests/data

$(BUILD)/libtd.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $^

# The scale bench (bench/scale.sh): a generated corpus of SIZES documents
# against the installed peers, one table.  100k documents take hours of
# ingest at today's speed: make bench SIZES="1000 10000 100000".
SIZES ?= 1000 10000
bench: $(BUILD)/thidua $(BUILD)/search_bench
	sh bench/scale.sh ./$(BUILD)/thidua ./$(BUILD)/search_bench $(SIZES)

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
