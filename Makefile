# nianbao — the two commands of the README each work alone on a fresh Debian machine:
#   make demo   set up, build, write the bundled samples' exports into output/
#   make test   set up, build, run the tests
SHELL := /bin/bash
SWIFT ?= swift
SAMPLES := $(wildcard Tests/NianbaoIngestTests/Fixtures/samples/*.txt)
WHOLE := $(wildcard Tests/NianbaoIngestTests/Fixtures/whole/*.txt)
REPORTS_2019 := $(wildcard Tests/NianbaoIngestTests/Fixtures/y2019/*.txt)
OUT ?= output
# Debian packages nianbao needs: Cairo/Pango headers, poppler-glib and libxml2 (reading PDF,
# HTML, DOCX), CJK fonts; and for reading outputs back in tests: poppler (pdftotext,
# pdffonts, pdfinfo -struct-text), qpdf, MuPDF (mutool), pikepdf (PDF/A), python3-venv
# (for easyofd, the OFD reader, from PyPI); SQLite (GRDB links it; sqlite3 reads the archive back in tests);
# chromium, the browser the web page's tests drive.
DEB_PACKAGES := pkg-config libsqlite3-dev sqlite3 libcairo2-dev libpango1.0-dev libdeflate-dev libisal-dev zlib1g-dev libpoppler-glib-dev libxml2-dev fonts-noto-cjk fonts-arphic-gkai00mp poppler-utils qpdf mupdf-tools python3-pikepdf python3-venv chromium
# easyofd (PyPI) reads OFD files back in tests, in a virtual environment of its own.
OFD_VENV := .build/ofd-venv
EASYOFD := easyofd==20260427
# pandas (PyPI) reads the comparison CSV back as a spreadsheet user's script would, in another.
TABLE_VENV := .build/table-venv
PANDAS := pandas==2.3.3
# typst (PyPI), the reference `make bench` compares render speed against, in a third.
TYPST_VENV := .build/typst-venv
TYPST := typst==0.15.2
# Playwright (PyPI) drives Debian's chromium in the web page's tests; its own browsers are never
# downloaded (the tests pass executable_path=/usr/bin/chromium).
WEB_VENV := .build/web-venv
PLAYWRIGHT := playwright==1.65.2

PREFIX ?= /usr/local
BIN := .build/debug/nianbao

# What to type next: the README's `nianbao …` lines need the binary on the PATH, which
# `make demo` and `make test` do not do.
define HOW_TO_RUN
	@echo; echo "nianbao is built: $(CURDIR)/$(BIN)"; \
	echo "  run it by that path, e.g.  $(BIN) render report.pdf"; \
	echo "  or put it on the PATH:     make install PREFIX=~/.local   (then ~/.local/bin/nianbao; PREFIX=/usr/local as root)"; \
	case ":$$PATH:" in *":$$HOME/.local/bin:"*) ;; *) echo "  ~/.local/bin is not on your PATH yet: export PATH=\"\$$HOME/.local/bin:\$$PATH\" (Debian's ~/.profile adds it at the next login once it exists)";; esac; \
	echo "  the web page for office staff:  $(BIN) serve   (then open the address it prints, http://127.0.0.1:8765/; Ctrl-C stops it)"
endef

.PHONY: all setup fonts test-fonts test-tools build demo test test-web screenshots fuzz golden bench bench-sizes bench-archive install clean

all: build

# Installs what is missing with apt-get when run as root; otherwise says what to install.
setup:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "please install:$$missing (sudo apt-get install$$missing)"; exit 1; fi; \
	fi

# Noto CJK cut to GB2312 and the CJK Unified Ideographs and converted to TrueType, once,
# into fonts/prepared (not committed): nianbao's own writer embeds them (tagged, PDF/A-able),
# PDFs ~3x faster and ~4x smaller than from the full faces. Made again when the cut changes
# (fonts/prepared/CUT). Without fonttools the full Noto faces are used instead.
PREPARED_CUT := $(shell sed -n 's/^CUT = "\(.*\)"/\1/p' scripts/prepare-fonts.py)
fonts: setup
	@if [ "$$(cat fonts/prepared/CUT 2>/dev/null)" = "$(PREPARED_CUT)" ] && [ $$(ls fonts/prepared/*.ttf 2>/dev/null | wc -l) -ge 4 ]; then :; \
	elif python3 -c 'import fontTools' 2>/dev/null || python3 -m pip install --quiet fonttools >/dev/null 2>&1; then \
	  echo "preparing fonts (once, about a minute)"; python3 scripts/prepare-fonts.py fonts/prepared; \
	else echo "note: fonttools unavailable; rendering with the full Noto faces"; fi

build: fonts
	$(SWIFT) build --product nianbao
	$(SWIFT) build --product nianbao-serve

demo: build
	@mkdir -p $(OUT)
	@for f in $(SAMPLES); do \
	  n=$$(basename $$f .txt); \
	  for fmt in json cells text markdown; do \
	    case $$fmt in json) ext=json;; cells) ext=cells.csv;; text) ext=txt;; markdown) ext=md;; esac; \
	    $(BIN) parse --format $$fmt $$f -o $(OUT)/$$n.$$ext || exit 1; \
	  done; \
	  echo "$(OUT)/$$n.{json,cells.csv,txt,md}"; \
	done
	$(BIN) render $(SAMPLES) --output-dir $(OUT) --format pdf,ofd
	@# A report with every part around its sections: cover letter (not printed), preamble,
	@# run-in heading, notes under tables, attachment and closing block.
	$(BIN) render $(WHOLE) --output-dir $(OUT) --format pdf,txt
	$(BIN) compare $(SAMPLES) -o $(OUT)/comparison.pdf --metrics summary
	$(BIN) compare $(SAMPLES) -o $(OUT)/comparison.csv
	@echo; echo "checks of the bundled samples:"; $(BIN) check $(SAMPLES) || true
	$(HOW_TO_RUN)

# Test helpers from PyPI, installed once: easyofd (an independent OFD reader) and pandas (reads
# the comparison CSV). A helper that cannot be installed makes its tests fail, saying so.
test-tools: setup
	@if [ ! -x $(OFD_VENV)/bin/python ] || ! $(OFD_VENV)/bin/python -c 'import easyofd' 2>/dev/null; then \
	  echo "installing $(EASYOFD) into $(OFD_VENV) (once)"; \
	  /usr/bin/python3 -m venv $(OFD_VENV) && $(OFD_VENV)/bin/pip install --quiet $(EASYOFD) \
	  || echo "warning: could not install $(EASYOFD); the OFD read-back tests will fail"; \
	fi
	@if [ ! -x $(TABLE_VENV)/bin/python ] || ! $(TABLE_VENV)/bin/python -c 'import pandas' 2>/dev/null; then \
	  echo "installing $(PANDAS) into $(TABLE_VENV) (once)"; \
	  /usr/bin/python3 -m venv $(TABLE_VENV) && $(TABLE_VENV)/bin/pip install --quiet $(PANDAS) \
	  || echo "warning: could not install $(PANDAS); the comparison CSV read-back test will fail"; \
	fi
	@if [ ! -x $(WEB_VENV)/bin/python ] || ! $(WEB_VENV)/bin/python -c 'import playwright' 2>/dev/null; then \
	  echo "installing $(PLAYWRIGHT) into $(WEB_VENV) (once; it drives Debian's chromium)"; \
	  /usr/bin/python3 -m venv $(WEB_VENV) && $(WEB_VENV)/bin/pip install --quiet $(PLAYWRIGHT) \
	  || echo "warning: could not install $(PLAYWRIGHT); the web page's browser tests will fail"; \
	fi

# The web page's browser tests alone (also part of make test).
test-web: test-tools
	$(SWIFT) build --product nianbao-serve
	$(SWIFT) build --product nianbao
	$(WEB_VENV)/bin/python Tests/WebTests/web_test.py .build/debug/nianbao-serve
	$(WEB_VENV)/bin/python Tests/WebTests/archive_web_test.py .build/debug/nianbao-serve .build/debug/nianbao

# The browser tests, writing a screenshot of each page into docs/ (look at them before committing).
screenshots: test-tools
	$(SWIFT) build --product nianbao-serve
	$(SWIFT) build --product nianbao
	SCREENSHOTS=1 $(WEB_VENV)/bin/python Tests/WebTests/web_test.py .build/debug/nianbao-serve
	SCREENSHOTS=1 $(WEB_VENV)/bin/python Tests/WebTests/archive_web_test.py .build/debug/nianbao-serve .build/debug/nianbao

# The tests use the committed test fonts (Tests/Fonts), not fonts/prepared: no font preparation here.
test: setup test-tools
	$(SWIFT) build --build-tests
	NIANBAO_REQUIRE_TEST_TOOLS=1 $(SWIFT) test --skip-build --disable-swift-testing
	$(WEB_VENV)/bin/python Tests/WebTests/web_test.py .build/debug/nianbao-serve
	$(WEB_VENV)/bin/python Tests/WebTests/archive_web_test.py .build/debug/nianbao-serve .build/debug/nianbao
	@# The fuzzer's watchdog must catch a crash, a hang and a blow-up; then a short run of it.
	$(FUZZ) --self-test
	$(FUZZ) --seed 1 --cases $(FUZZ_SMOKE_CASES) --seconds 60 $(FUZZ_SEEDS)
	$(HOW_TO_RUN)

# The fuzzer: the fixtures of every input kind mutated (bytes, digits, CJK, table separators,
# cuts, splices, zip headers and entries, deep nesting) and run through read, check, export,
# layout, PDF and OFD in worker processes, each case bound in time and memory. Crashers, hangs
# and blow-ups are saved in .build/fuzz/crashes (with how each was made) and printed; the exit
# status is 1 when there is one. Before a release: make fuzz FUZZ_SECONDS=300.
FUZZ_SECONDS ?= 60
FUZZ_SEED ?= $(shell date +%s)
FUZZ_SMOKE_CASES ?= 2000
FUZZ_SEEDS := Tests/NianbaoFilesTests/Fixtures Tests/NianbaoIngestTests/Fixtures
FUZZ = .build/debug/nianbao-fuzz --fonts-dir Tests/Fonts --crashes .build/fuzz/crashes
fuzz: fonts
	$(SWIFT) build --product nianbao-fuzz
	$(FUZZ) --seed $(FUZZ_SEED) --seconds $(FUZZ_SECONDS) $(FUZZ_SEEDS)

# Remakes the committed test fonts (Tests/Fonts) for the characters the samples (as nianbao
# reads them: radical forms mapped), the tests and the styles use. Run after adding text to tests.
test-fonts: build
	rm -rf .build/test-font-text Tests/Fonts/*.ttf && mkdir -p .build/test-font-text
	$(SWIFT) run -c debug nianbao parse --format text $(SAMPLES) $(WHOLE) $(REPORTS_2019) -o .build/test-font-text
	python3 scripts/prepare-fonts.py --test-font Tests/Fonts .build/test-font-text/* $(SAMPLES) $(WHOLE) $(REPORTS_2019) \
		Tests/NianbaoIngestTests/Fixtures/variants/*.txt $$(find Sources Tests -name '*.swift') styles/*.yaml

# Rewrites the golden frame dumps (Tests/*/Golden) from the current layout: look at the
# diff before committing it.
golden: fonts
	$(SWIFT) build --build-tests
	NIANBAO_UPDATE_GOLDEN=1 $(SWIFT) test --skip-build --disable-swift-testing --filter FramesMatchTheGoldenFile
	-git diff --stat -- Tests/*/Golden

# Parse and render figures, then typst on the same reports right after nianbao's render (the
# ratio of the two in one run, so that the machine's speed that day cancels), then batch.
bench: fonts
	@if [ ! -x $(TYPST_VENV)/bin/python ] || ! $(TYPST_VENV)/bin/python -c 'import typst' 2>/dev/null; then \
	  echo "installing $(TYPST) into $(TYPST_VENV) (once)"; \
	  /usr/bin/python3 -m venv $(TYPST_VENV) && $(TYPST_VENV)/bin/pip install --quiet $(TYPST) \
	  || echo "warning: could not install $(TYPST); the bench prints no typst figure"; \
	fi
	$(SWIFT) build -c release --product nianbao-bench
	$(SWIFT) build -c release --product nianbao
	@mkdir -p .build/bench
	.build/release/nianbao-bench Tests/NianbaoIngestTests/Fixtures/samples 3
	@# nianbao's render again, and typst at once after it: the ratio from one stretch of time.
	@echo; echo "render beside typst:"
	BENCH_ONLY=render .build/release/nianbao-bench Tests/NianbaoIngestTests/Fixtures/samples 3 | tee .build/bench/render.txt
	@if [ -x $(TYPST_VENV)/bin/python ]; then $(TYPST_VENV)/bin/python scripts/bench-typst.py .build/release/nianbao .build/bench/render.txt; fi
	scripts/bench-batch.sh
	$(MAKE) --no-print-directory bench-archive

# The archive database: 10,000 synthetic reports written as `batch --db` writes them, then the
# archive page's queries timed (ARCHIVE_BENCH_REUSE=1 keeps the archive of an earlier run).
bench-archive:
	$(SWIFT) build -c release --product nianbao-archive-bench
	@mkdir -p .build/bench
	.build/release/nianbao-archive-bench Tests/NianbaoIngestTests/Fixtures/samples 10000 .build/bench/archive-10000.sqlite | tee .build/bench/archive.txt

# Parse cost per MB of text, HTML and DOCX at 1, 4 and 16 MiB (also the end of `make bench`).
bench-sizes:
	$(SWIFT) build -c release --product nianbao-bench
	BENCH_ONLY=sizes .build/release/nianbao-bench Tests/NianbaoIngestTests/Fixtures/samples

# A copy that runs away from the checkout: the Swift runtime linked in, styles built in, the
# prepared fonts in PREFIX/share/nianbao/fonts (found beside PREFIX/bin/nianbao).
install: fonts
	$(SWIFT) build -c release --product nianbao --static-swift-stdlib
	$(SWIFT) build -c release --product nianbao-serve --static-swift-stdlib
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/nianbao/fonts $(DESTDIR)$(PREFIX)/share/nianbao/styles
	install -m 755 .build/release/nianbao $(DESTDIR)$(PREFIX)/bin/nianbao
	install -m 755 .build/release/nianbao-serve $(DESTDIR)$(PREFIX)/bin/nianbao-serve   # `nianbao serve` runs it from beside nianbao
	install -m 644 styles/*.yaml $(DESTDIR)$(PREFIX)/share/nianbao/styles/
	@if ls fonts/prepared/*.ttf >/dev/null 2>&1; then install -m 644 fonts/prepared/*.ttf $(DESTDIR)$(PREFIX)/share/nianbao/fonts/; fi
	@echo "installed $(DESTDIR)$(PREFIX)/bin/nianbao"
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) echo "  $(PREFIX)/bin is on the PATH: run nianbao";; \
	  *) echo "  $(PREFIX)/bin is not on the PATH: run $(PREFIX)/bin/nianbao, or export PATH=\"$(PREFIX)/bin:\$$PATH\"";; esac

clean:
	rm -rf .build
