# dxi: digital exclusion index and Green Book appraisal for councils.
# `make` builds ./dxi, `make run` runs the default Trafford study, `make check`
# runs every test under prove.  Sources are found by wildcard: a new .c file in
# a model/ stage or a new tests/unit/test-*.c needs no edit here.

PKGS     := glib-2.0 gdal geos yaml-0.1 xlsxwriter cairo pangocairo json-glib-1.0
# What building and running need, and what the tests add (tools that open
# the outputs: ogrinfo/gdalinfo, pdfinfo, LibreOffice, QGIS's Python API).
RUN_PKGS := gcc make pkg-config libglib2.0-dev libgdal-dev libgeos-dev libyaml-dev \
            libxlsxwriter-dev libcairo2-dev libpango1.0-dev libjson-glib-dev fonts-dejavu-core
TEST_PKGS := clang-format gdal-bin poppler-utils libreoffice-calc-nogui jq python3 python3-qgis valgrind time
# make fuzz: clang and its libFuzzer runtime (libclang_rt.fuzzer in Debian 12).
FUZZ_PKGS := clang libclang-rt-14-dev
PREFIX   ?= /usr/local
# make check builds, and make fuzz-smoke fuzzes, with one job a core.
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)

ifeq ($(SANITIZE),1)
BUILD    := build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT      := -O1 -g
else
BUILD    := build
SANFLAGS :=
OPT      := -O2 -g
endif

HAVE_PKGS := $(shell pkg-config --exists $(PKGS) 2>/dev/null && echo yes)
# System headers via -isystem so their warnings stay theirs.
PKG_CFLAGS := $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm

CFLAGS   ?= $(OPT)
CFLAGS   += -std=c11 -Wall -Wextra $(WERROR) $(SANFLAGS) -pthread
CPPFLAGS += -D_GNU_SOURCE -Imodel $(PKG_CFLAGS) -DDXI_VERSION='"$(VERSION)"' -DDXI_DATA_ROOT='"$(PREFIX)/share/dxi"'
LDFLAGS  += $(SANFLAGS) -pthread
VERSION  := 0.1.0

STAGES   := core config inputs index appraisal writers run
LIB_SRC  := $(foreach s,$(STAGES),$(wildcard model/$(s)/*.c))
CLI_SRC  := $(wildcard model/cli/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/unit/test-*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard bench/bench-*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
# Fuzz targets (tests/fuzz/fuzz-<name>.c): built with clang and libFuzzer into
# build-fuzz/ (the library compiled again there, instrumented), and with $(CC)
# and tests/fuzz/replay.c into $(BUILD)/fuzz/ so make check replays their
# seed and crash corpora.
FUZZ_CC    := clang
FUZZ_BUILD := build-fuzz
FUZZ_SAN   := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS := -O1 -g -std=c11 -Wall -Wextra -pthread $(FUZZ_SAN)
FUZZ_SECONDS ?= 30
FUZZ_RUN_FLAGS ?=
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz-%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_BIN   := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz-%)
FUZZ_OBJ   := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_SMOKE := $(FUZZ_NAMES:%=fuzz-smoke-%)
REPLAY_BIN := $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz-%)
FUZZ_COMMON := tests/fuzz/common.c tests/fuzz/common.h
# Inputs stay small: GDAL-backed targets 4 KiB, the others 8 KiB.
fuzz_max_len = $(if $(filter boundaries ogr-table,$(1)),4096,8192)
DEPS     := $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

.PHONY: all deps deps-run run check tests bench install clean fuzz fuzz-smoke deps-fuzz $(FUZZ_SMOKE)
ifneq ($(HAVE_PKGS),yes)
# Fresh machine: pkg-config cannot find the libraries yet.  Install them, then
# run make again so the flags above are computed with the libraries present.
all run install:
	@$(MAKE) --no-print-directory deps-run
	@$(MAKE) --no-print-directory $@
check tests bench:
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory $@
fuzz fuzz-smoke $(FUZZ_SMOKE):
	@$(MAKE) --no-print-directory deps-fuzz
	@$(MAKE) --no-print-directory $@
else
all: dxi

dxi: $(BUILD)/dxi
	@if [ "$(BUILD)" = build ]; then ln -sf $(BUILD)/dxi dxi; fi

$(BUILD)/libdxi.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/dxi: $(CLI_OBJ) $(BUILD)/libdxi.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libdxi.a $(PKG_LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/test-%: tests/unit/test-%.c $(BUILD)/libdxi.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -DDXI_SOURCE_DIR='"$(CURDIR)"' -o $@ $< $(BUILD)/libdxi.a $(PKG_LIBS)

$(BUILD)/bench/bench-%: bench/bench-%.c $(BUILD)/libdxi.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/libdxi.a $(PKG_LIBS)

-include $(DEPS)

$(BUILD)/fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/replay.c $(FUZZ_COMMON) $(BUILD)/libdxi.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -DDXI_SOURCE_DIR='"$(CURDIR)"' -o $@ $< tests/fuzz/replay.c tests/fuzz/common.c \
	  $(LDFLAGS) $(BUILD)/libdxi.a $(PKG_LIBS)

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/libdxi.a: $(FUZZ_OBJ)
	rm -f $@ && $(AR) rcs $@ $^

$(FUZZ_BUILD)/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_COMMON) $(FUZZ_BUILD)/libdxi.a
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -DDXI_SOURCE_DIR='"$(CURDIR)"' -o $@ $< \
	  tests/fuzz/common.c $(FUZZ_BUILD)/libdxi.a $(PKG_LIBS)

-include $(FUZZ_OBJ:.o=.d)

fuzz: deps-fuzz $(FUZZ_BIN)

# Each target for FUZZ_SECONDS from its seed corpus; new inputs go to
# build-fuzz/corpus/<name>, a crash to build-fuzz/artifacts/<name>/ (and fails).
# One target a core at a time (libFuzzer runs on one thread).
fuzz-smoke:
	@$(MAKE) --no-print-directory -j$(JOBS) $(FUZZ_SMOKE)
$(FUZZ_SMOKE): fuzz-smoke-%: deps-fuzz $(FUZZ_BUILD)/fuzz-%
	@mkdir -p $(FUZZ_BUILD)/corpus/$* $(FUZZ_BUILD)/artifacts/$*
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  $(FUZZ_BUILD)/fuzz-$* -max_total_time=$(FUZZ_SECONDS) -max_len=$(call fuzz_max_len,$*) -timeout=25 \
	  -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/artifacts/$*/ $(FUZZ_RUN_FLAGS) \
	  $(FUZZ_BUILD)/corpus/$* tests/fuzz/corpus/$*

tests: $(BUILD)/dxi $(TEST_BIN) $(REPLAY_BIN)

run: deps-run all
	./$(BUILD)/dxi run scenarios/trafford/champions.yaml scenarios/trafford/devices.yaml scenarios/trafford/digital_you.yaml -o outputs/trafford

# Two test files at a time (every test works in its own mktemp folder and
# LibreOffice profile); the longest, councils.sh, starts first.
PROVE_JOBS ?= 2
CLI_TESTS := tests/cli/councils.sh $(filter-out tests/cli/councils.sh,$(wildcard tests/cli/*.sh))
check: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all tests
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  DXI=$(CURDIR)/$(BUILD)/dxi BUILD=$(BUILD) prove -j$(PROVE_JOBS) -e '' $(CLI_TESTS) $(TEST_BIN)

bench: all $(BENCH_BIN)
	bench/run.sh $(BUILD)/dxi

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dxi
	install -m 755 $(BUILD)/dxi $(DESTDIR)$(PREFIX)/bin/dxi
	cp -r indicators scenarios data $(DESTDIR)$(PREFIX)/share/dxi/
endif

# Install what is missing from Debian: apt-get as root, sudo otherwise.
define install_missing
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "dxi: installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps-run:
	$(call install_missing,$(RUN_PKGS))

deps:
	$(call install_missing,$(RUN_PKGS) $(TEST_PKGS))

deps-fuzz:
	$(call install_missing,$(RUN_PKGS) $(FUZZ_PKGS))

clean:
	rm -rf build build-san $(FUZZ_BUILD) dxi
