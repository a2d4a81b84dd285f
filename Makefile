# ReturnDesk build. `make run` and `make test` are all a fresh machine needs.
GO       ?= go
TAGS     := migrated_fynedo
TESTTAGS := ci,migrated_fynedo
BIN      := bin/returndesk
export CGO_ENABLED := 1
export PATH := $(PATH):/usr/local/go/bin

.PHONY: run demo build test bench package deps deps-test vet clean

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

vet:
	$(GO) vet -tags $(TESTTAGS) ./...

# All tests, including the end-to-end test that starts the real binary under Xvfb
# and brief runs of the fuzz targets' seed corpora.
test: deps-test vet
	$(GO) test -tags $(TESTTAGS) -count=1 -timeout 30m ./...

bench: deps-test
	$(GO) test -tags $(TESTTAGS) -run '^$$' -bench . -benchmem ./...

# A Linux archive with the icon and the desktop entry, made by Fyne's packaging tool.
package: deps
	$(GO) install fyne.io/fyne/v2/cmd/fyne@v2.8.1
	$$($(GO) env GOPATH)/bin/fyne package -os linux -tags $(TAGS) --release
	@ls -l *.tar.xz

clean:
	rm -rf bin *.tar.xz
