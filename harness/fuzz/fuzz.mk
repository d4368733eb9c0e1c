# harness/fuzz/fuzz.mk - coverage-guided fuzzing with clang's libFuzzer.
# Included from the top Makefile.
#
#   make fuzz                    build every fuzzer, run each FUZZ_SECONDS
#   make fuzz FUZZ_SECONDS=300   longer runs
#   make fuzz FUZZ_TARGETS=sipmsg
#   make fuzz-regress            run each fuzzer once over fixtures/fuzz/<target>/
#                                (cheap: fit for `make check`)
#
# Needs clang and its libFuzzer runtime: tools/deps.sh --fuzz installs them.
# Targets and the untrusted input each one takes:
#   sipmsg  a SIP message from the device under test (sip/, judge/rule*.c)
#   siplog  a SIPp -trace_msg log (sipp/siplog.c, then sip/ per frame)
#   siplog_forge  the messages of a log, written as SIPp writes them (NUL-cut
#           "%s"), then split: a forged frame inside a message never yields
#           an extra parsed message (frame i is message i, byte for byte)
#   suite   a YAML suite file (suite/)
#   report  hostile strings and bytes for the JUnit/TAP/JSON writers (report*.c, repr.c)
#   merge   a shard's JUnit file for `sipconform merge` (report/merge.c): what it
#           accepts gives a schema-valid OUT that merges again
# Seeds are copied at run time into build/fuzz/corpus-<target>/ (which also
# collects what the fuzzer finds); fixtures/fuzz/<target>/ is read as a
# second corpus.  Crashes go to build/fuzz/artifacts-<target>/.  The RFC 4475
# torture messages (fixtures/corpus/rfc4475/) seed the sipmsg target.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_TARGETS ?= sipmsg siplog siplog_forge suite report merge
FUZZ_FLAGS   ?=
# e.g. -fno-sanitize=pointer-overflow to explore past a known, reported UB
FUZZ_CFLAGS_EXTRA ?=
PKG_CONFIG   ?= pkg-config

FUZZ_DIR    ?= build/fuzz
FUZZ_SAN    := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
               -fno-omit-frame-pointer $(FUZZ_CFLAGS_EXTRA)
FUZZ_CFLAGS := -g -O1 $(FUZZ_SAN) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
               -DSIPCONFORM_VERSION='"fuzz"' -DSIPCONFORM_DATADIR='"/nonexistent"' \
               $(filter-out -Wno-format-truncation,$(WARN)) -Iharness \
               $(shell $(PKG_CONFIG) --cflags yaml-0.1 libxml-2.0 jansson 2>/dev/null) -MMD -MP
FUZZ_LIBS   := $(shell $(PKG_CONFIG) --libs yaml-0.1 libxml-2.0 jansson 2>/dev/null)

# The harness sources each target links (never main.c).
# Whole folders where a stage is a leaf library (base/, sip/), so that
# splitting a file there needs no change here.
FUZZ_LEAF_SRCS       := $(patsubst harness/%,%,$(wildcard harness/base/*.c harness/sip/*.c))
FUZZ_RULE_SRCS       := $(patsubst harness/%,%,$(wildcard harness/judge/rule*.c harness/judge/expect.c)) $(FUZZ_LEAF_SRCS)
FUZZ_SRCS_sipmsg     := $(FUZZ_RULE_SRCS)
FUZZ_SRCS_siplog     := sipp/siplog.c $(FUZZ_LEAF_SRCS)
FUZZ_SRCS_siplog_forge := $(FUZZ_SRCS_siplog)
FUZZ_SRCS_suite      := $(patsubst harness/%,%,$(wildcard harness/suite/*.c)) sipp/value.c judge/expect.c $(FUZZ_LEAF_SRCS)
# judge/verdict.c (verdict_name) reads waivers: the suite stage comes along.
FUZZ_SRCS_report     := $(sort report/report.c report/junit.c report/flusher.c report/tap.c report/json.c \
                        report/html.c report/html_doc.c judge/verdict.c \
                        $(FUZZ_SRCS_suite) $(FUZZ_RULE_SRCS))

FUZZ_SRCS_merge      := report/merge.c $(FUZZ_LEAF_SRCS)

# Seeds for each target.
FUZZ_SEEDS_sipmsg    := $(wildcard fixtures/sip/*.sip) $(wildcard fixtures/corpus/rfc4475/*.dat)
FUZZ_SEEDS_siplog    := $(wildcard fixtures/siplog/*.log)
FUZZ_SEEDS_suite     := $(wildcard fixtures/suites/*.yaml)
FUZZ_SEEDS_report    := $(wildcard fixtures/sip/*.sip)
FUZZ_SEEDS_merge     := reports/examples/junit.xml

# Dictionaries (libFuzzer -dict), when a target has one.
FUZZ_DICT_sipmsg     := harness/fuzz/sip.dict
FUZZ_DICT_siplog     := harness/fuzz/sip.dict
FUZZ_DICT_siplog_forge := harness/fuzz/sip.dict
FUZZ_DICT_suite      := harness/fuzz/suite.dict

FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_OBJS := $(sort $(foreach t,$(FUZZ_TARGETS),$(FUZZ_SRCS_$(t):%.c=$(FUZZ_DIR)/obj/%.o)))

.PHONY: fuzz fuzz-build fuzz-regress

fuzz-build: $(FUZZ_BINS)

$(FUZZ_DIR)/obj/%.o: harness/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/obj/fuzz_%.o: harness/fuzz/fuzz_%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

# One link rule per target (no .SECONDEXPANSION: it would leak into the
# including Makefile).
define FUZZ_LINK_RULE
$(FUZZ_DIR)/fuzz_$(1): $(FUZZ_DIR)/obj/fuzz_$(1).o $(FUZZ_SRCS_$(1):%.c=$(FUZZ_DIR)/obj/%.o)
	$$(FUZZ_CC) $$(FUZZ_SAN) -o $$@ $$^ $$(FUZZ_LIBS)
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call FUZZ_LINK_RULE,$(t))))

# Each run starts from the seeds plus what earlier runs found.  A crash
# ends that target's run (libFuzzer stops at the first one); the other
# targets still run and `make fuzz` fails at the end.
fuzz: $(FUZZ_BINS)
	@export UBSAN_OPTIONS="$${UBSAN_OPTIONS:-print_stacktrace=1}"; fail=0; for t in $(FUZZ_TARGETS); do \
	  c=$(FUZZ_DIR)/corpus-$$t; a=$(FUZZ_DIR)/artifacts-$$t; \
	  mkdir -p $$c $$a fixtures/fuzz/$$t; \
	  case $$t in \
	  sipmsg) seeds="$(FUZZ_SEEDS_sipmsg)"; dict="$(FUZZ_DICT_sipmsg)" ;; \
	  siplog) seeds="$(FUZZ_SEEDS_siplog)"; dict="$(FUZZ_DICT_siplog)" ;; \
	  siplog_forge) seeds=""; dict="$(FUZZ_DICT_siplog_forge)" ;; \
	  suite)  seeds="$(FUZZ_SEEDS_suite)";  dict="$(FUZZ_DICT_suite)" ;; \
	  report) seeds="$(FUZZ_SEEDS_report)"; dict="" ;; \
	  merge)  seeds="$(FUZZ_SEEDS_merge)"; dict="" ;; \
	  *)      seeds=""; dict="" ;; \
	  esac; \
	  for s in $$seeds; do cp -f "$$s" $$c/seed-$$(basename "$$s"); done; \
	  d=""; if [ -n "$$dict" ] && [ -f "$$dict" ]; then d="-dict=$$dict"; fi; \
	  echo "== fuzz_$$t ($(FUZZ_SECONDS)s)"; \
	  ./$(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$$a/ $$d \
	    $(FUZZ_FLAGS) $$c fixtures/fuzz/$$t || { fail=1; \
	    echo "fuzz_$$t FAILED: reproducer in $$a/"; }; \
	done; exit $$fail

# Replay the committed regression inputs once each: no mutation, seconds.
fuzz-regress: $(FUZZ_BINS)
	@export UBSAN_OPTIONS="$${UBSAN_OPTIONS:-print_stacktrace=1}"; fail=0; for t in $(FUZZ_TARGETS); do \
	  set -- fixtures/fuzz/$$t/*; \
	  [ -e "$$1" ] || continue; \
	  echo "== fuzz_$$t: $$# regression inputs"; \
	  ./$(FUZZ_DIR)/fuzz_$$t -timeout=10 -rss_limit_mb=2048 "$$@" \
	    >$(FUZZ_DIR)/regress-$$t.log 2>&1 || { fail=1; \
	    echo "fuzz_$$t FAILED, see $(FUZZ_DIR)/regress-$$t.log"; \
	    tail -n 30 $(FUZZ_DIR)/regress-$$t.log; }; \
	done; exit $$fail

-include $(FUZZ_OBJS:.o=.d) $(FUZZ_TARGETS:%=$(FUZZ_DIR)/obj/fuzz_%.d)
