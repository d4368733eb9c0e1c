# sipconform - SIP protocol conformance test suite.
#
#   make                 build ./sipconform
#   make test            unit tests only (no SIPp, no network)
#   make check           unit + integration tests (real SIPp / Kamailio on loopback)
#   make check SANITIZE=1   the same under ASan + UBSan (objects go to build/asan;
#                        with CC=clang to build/asan-clang)
#   make bench           benchmarks
#   make demo            run the default suite against the bundled Kamailio
#   make install PREFIX=/usr/local DESTDIR=
#   DEVELOPER=1          adds -Werror

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/sipconform
MANDIR  ?= $(PREFIX)/share/man
DOCDIR  ?= $(PREFIX)/share/doc/sipconform
CC      ?= cc
PKG_CONFIG ?= pkg-config
VERSION := 0.1.0

WARN = -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings \
       -Wold-style-definition -Wvla -Wpointer-arith -Wshadow -Wformat=2 \
       -Wno-format-nonliteral -fno-common
# Reasons and labels live in fixed buffers and are cut on purpose (snprintf):
# GCC's guesses about that truncation vary with -O level and are not bugs.
WARN += $(shell $(CC) -Werror -Wno-format-truncation -E -x c /dev/null >/dev/null 2>&1 && echo -Wno-format-truncation)
OPT ?= -O2 -g
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif

DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags yaml-0.1 libxml-2.0 jansson 2>/dev/null)
DEPS_LIBS   := $(shell $(PKG_CONFIG) --libs yaml-0.1 libxml-2.0 jansson 2>/dev/null)
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

ifeq ($(SANITIZE),1)
# gcc and clang sanitizer builds side by side (clang's UBSan also checks
# pointer arithmetic on NULL, which gcc's does not).
BUILD := build/asan$(if $(findstring clang,$(notdir $(CC))),-clang,)
SAN   := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT   := -O1 -g
else
BUILD := build/default
SAN   :=
endif

ALL_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
              -DSIPCONFORM_VERSION='"$(VERSION)"' -DSIPCONFORM_DATADIR='"$(DATADIR)"' \
              $(WARN) $(OPT) $(SAN) $(DEPS_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SAN) $(LDFLAGS)

# One folder per pipeline stage (harness/README.md); cli/main.c is the program.
STAGES    := base cli suite sip sipp judge report run
LIB_SRCS  := $(filter-out harness/cli/main.c,$(foreach d,$(STAGES),$(wildcard harness/$(d)/*.c)))
LIB_OBJS  := $(LIB_SRCS:harness/%.c=$(BUILD)/%.o)
MAIN_OBJ  := $(BUILD)/cli/main.o
LIB       := $(BUILD)/libsipconform.a
TEST_SRCS := $(wildcard harness/tests/check_*.c)
# tests/t*.c (tmain.c and the shared test helpers) link into every Check program.
TMAIN_OBJ := $(patsubst harness/tests/%.c,$(BUILD)/tests/%.o,$(wildcard harness/tests/t*.c))
TEST_BINS := $(TEST_SRCS:harness/tests/%.c=$(BUILD)/tests/%)
# Check programs that start real SIPp processes run with the integration tests.
SIPP_TEST_BINS := $(BUILD)/tests/check_sipp $(BUILD)/tests/check_tls
UNIT_BINS := $(filter-out $(SIPP_TEST_BINS),$(TEST_BINS))
IT_TESTS  := $(sort $(wildcard harness/tests/it/t*.sh))

ifeq ($(SANITIZE),1)
BIN := $(BUILD)/sipconform
else
BIN := sipconform
endif

# Keep object files of test programs between runs.
.SECONDARY:

.PHONY: all test check check-unit check-it bench demo install uninstall clean asan deps

all: $(BIN)

$(BUILD)/%.o: harness/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Iharness -c -o $@ $<

$(BUILD)/tests/%.o: harness/tests/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Iharness -c -o $@ $<

$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB) $(DEPS_LIBS)

# Every Check program shares tests/tmain.c's main() and the helpers.
$(BUILD)/tests/check_%: $(BUILD)/tests/check_%.o $(TMAIN_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(TMAIN_OBJ) $(LIB) $(DEPS_LIBS) $(CHECK_LIBS)

# Unit tests: no network, no SIPp.  CK_FORK=no under the sanitizer so that
# leaks are reported by the process that made them.
test check-unit: $(TEST_BINS)
	@fail=0; for t in $(UNIT_BINS); do \
	  echo "== $$t"; \
	  if [ "$(SANITIZE)" = 1 ]; then CK_FORK=no ./$$t || fail=1; else ./$$t || fail=1; fi; \
	done; exit $$fail

# Integration tests: the real binary, real SIPp and Kamailio on loopback.
check-it: $(BIN) $(SIPP_TEST_BINS)
	@fail=0; for t in $(SIPP_TEST_BINS); do \
	  echo "== $$t"; \
	  if [ "$(SANITIZE)" = 1 ]; then CK_FORK=no ./$$t || fail=1; else ./$$t || fail=1; fi; \
	done; \
	SIPCONFORM_BIN=$(abspath $(BIN)) harness/tests/it/run $(IT_TESTS) || fail=1; exit $$fail

check: check-unit check-it

asan:
	$(MAKE) check SANITIZE=1

# bench_osip needs libosip2, which tools/deps.sh --bench installs: it is
# built after that (a second make), and the run script skips what is missing.
BENCH_BINS := $(addprefix $(BUILD)/bench/,bench_judge bench_parse bench_spawn bench_rusage bench_report)

bench: $(BIN) $(BENCH_BINS)
	@tools/deps.sh --bench
	@$(MAKE) --no-print-directory $(BUILD)/bench/bench_osip || echo "bench: no libosip2, its comparison is skipped"
	@BUILD=$(abspath $(BUILD)) harness/bench/run $(abspath $(BIN))

$(BUILD)/bench/bench_osip: harness/bench/bench_osip.c harness/bench/corpus.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Iharness $(shell $(PKG_CONFIG) --cflags libosip2 2>/dev/null) $(ALL_LDFLAGS) \
		-o $@ $< $(shell $(PKG_CONFIG) --libs libosip2 2>/dev/null || echo -losipparser2)

$(BUILD)/bench/%: harness/bench/%.c harness/bench/corpus.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Iharness $(ALL_LDFLAGS) -o $@ $< $(LIB) $(DEPS_LIBS)

demo:
	@tools/deps.sh
	@$(MAKE) --no-print-directory $(BIN)
	@tools/demo.sh $(abspath $(BIN))

deps:
	@tools/deps.sh

# The man pages, the README and the result schemas (reports/*.schema.json) go with the binary.
install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/scenarios $(DESTDIR)$(DATADIR)/suites \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DOCDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/sipconform
	install -m 644 scenarios/*.xml $(DESTDIR)$(DATADIR)/scenarios/
	install -m 644 suites/*.yaml $(DESTDIR)$(DATADIR)/suites/
	install -m 644 doc/sipconform.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 doc/sipconform-suite.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/
	for f in $(wildcard doc/*.md reports/*.schema.json); do install -m 644 $$f $(DESTDIR)$(DOCDIR)/ || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sipconform
	rm -f $(DESTDIR)$(MANDIR)/man1/sipconform.1 $(DESTDIR)$(MANDIR)/man5/sipconform-suite.5
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build sipconform

# make fuzz / make fuzz-regress (clang + libFuzzer; tools/deps.sh --fuzz)
include harness/fuzz/fuzz.mk

-include $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d) $(TMAIN_OBJ:.o=.d) $(TEST_SRCS:harness/tests/%.c=$(BUILD)/tests/%.d)
