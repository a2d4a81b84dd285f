# ReturnDesk build. `make run` and `make test` are all a fresh machine needs.
GO       ?= go
TAGS     := migrated_fynedo
TESTTAGS := ci,migrated_fynedo
BIN      := bin/returndesk
export CGO_ENABLED := 1
export PATH := $(PATH):/usr/local/go/bin

.PHONY: run demo build test fuzz bench package deps deps-test vet vet-cross windows clean

run: deps build
	./$(BIN)

# Fill the default database (or RETURNDESK_DB) with demo data; it must be new and empty.
demo: deps build
	./$(BIN) demo

build:
	$(GO) build -tags $(TAGS) -o $(BIN) .

deps:
	@scripts/deps.sh run

deps-test:
	@scripts/deps.sh test
	@scripts/windows.sh deps test

vet: vet-cross
	$(GO) vet -tags $(TESTTAGS) ./...

# The code vetted as Windows and macOS compile it (no Linux-only calls slip in): Windows with
# cgo through MinGW-w64, macOS without cgo (Apple's SDK is not here), so the packages that
# need cgo there (Fyne's window, SQLite) are vetted only for Linux and Windows.
vet-cross:
	@scripts/windows.sh vet

# All tests, including the end-to-end tests that start the real binary under Xvfb, and
# the fuzz targets' committed seed corpora, then each fuzz target fuzzed briefly. CI=true:
# a test that lacks a tool, a display or root fails instead of skipping (internal/testenv).
test: deps-test vet
	CI=true $(GO) test -tags $(TESTTAGS) -count=1 -timeout 30m ./...
	@$(MAKE) --no-print-directory fuzz

# Fuzz each target for FUZZTIME (Go fuzzes one target per run); new failures are written
# to the package's testdata/fuzz. A count of runs, not a duration: a duration's deadline races
# the workers in Go 1.26 (go.dev/issue/75804, fixed in 1.27) and fails a busy machine's run with
# a bare "context deadline exceeded". Minimising a new input is capped: the runs are short.
FUZZTIME ?= 5000x
FUZZ_TARGETS := export:FuzzReadSalesCSV export:FuzzReadSalesXLSX export:FuzzReadClaimAnswers \
	policy:FuzzEvaluate policy:FuzzUnmarshal
fuzz: deps-test
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t#*:}; \
		echo "fuzz $$name ($(FUZZTIME))"; \
		out=$$($(GO) test -tags $(TESTTAGS) -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) \
			-fuzzminimizetime 50x ./$$pkg/ 2>&1) || { echo "$$out"; exit 1; }; \
	done

# Every benchmark, one package at a time so that none is timed while another runs (-v so
# that skips show), then one table of each figure beside its baseline and target
# (bench/benchtable), also written to bench/latest.json. A failed benchmark or package
# fails the target once the table is printed.
bench: SHELL := /bin/bash
bench: deps-test build
	set -o pipefail; $(GO) test -tags $(TESTTAGS) -run '^$$' -bench . -benchmem -v -p 1 -timeout 90m ./... 2>&1 \
		| tee bench/raw.txt; status=$$?; \
	$(GO) run ./bench/benchtable -json bench/latest.json bench/raw.txt || status=1; exit $$status

# A Linux archive with the icon and the desktop entry, made by Fyne's packaging tool.
package: deps
	$(GO) install fyne.io/fyne/v2/cmd/fyne@v2.8.1
	$$($(GO) env GOPATH)/bin/fyne package -os linux -tags $(TAGS) --release
	@ls -l *.tar.xz

# The Windows build, cross-compiled with MinGW-w64 (installed when missing): dist/windows/returndesk.exe
# and dist/returndesk-windows-amd64.zip for a shop. make test runs it under Wine (wintest/).
windows:
	@scripts/windows.sh build

clean:
	rm -rf bin dist *.tar.xz
