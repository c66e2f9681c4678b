# Targets for developers and CI (.ci/run runs `make test`).

GO       ?= go
FUZZTIME ?= 10s

.PHONY: all build test fresh example install fuzz bench-analyzer

all: build

build:
	$(GO) build ./...

# vet and test everything; the collections are concurrent code, so they are
# tested again under the race detector. The timeout leaves room for the
# golangci-lint build of ./golangci on a cold cache. -count=1: the end-to-end
# tests run the built command on fixture files that go test cannot see, so a
# cached result could hide a changed fixture.
test:
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...
	$(GO) test -race ./collections/...

# Run .ci/run as CI does on a new machine: a clone of HEAD with empty Go
# caches and an empty HOME. Run it before submitting; it prints its time.
fresh:
	bash scripts/fresh.sh

# Time go vet, the SSA floor, nofallalloc under go vet, staticcheck and the
# standalone command, cold, compile-warm and warm (docs/benchmarks.md).
bench-analyzer:
	bash scripts/bench-analyzer.sh

# Check the examples with the command itself (exit status 1 when they have
# findings, as some are meant to).
example:
	$(GO) run ./cmd/nofallalloc ./examples/...

install:
	$(GO) install ./cmd/nofallalloc

# Run every fuzz test of the module for FUZZTIME each (go test -fuzz takes
# one target at a time).
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		list=$$($(GO) test -list '^Fuzz' $$pkg) || { echo "$$list"; exit 1; }; \
		for target in $$(echo "$$list" | grep '^Fuzz' || true); do \
			echo "fuzz $$pkg $$target"; \
			$(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

# Build golangci-lint v2 with the nofallalloc module plugin with
# golangci-lint's own `custom` command from .custom-gcl.yml, the module
# proxy standing in for its git clone, and check its diagnostics on
# testdata/golangci/fixture. Minutes with a cold build cache; `go test
# -short` skips it.
.PHONY: golangci
golangci:
	$(GO) test -count=1 -run '^TestGolangciLint$$' -timeout 30m -v ./golangci

# Measure how the -sites inventory agrees with the compiler's escape
# decisions and with what the tests allocate (docs/agree.md), for the
# packages PKG of the module in DIR: make agree PKG=strconv, or
# make agree DIR=/path/to/module PKG=./... CONFIRM=1 to follow the
# compiler (-confirm=compiler). Exit 0 whatever it finds.
PKG ?= ./...
DIR ?= .
.PHONY: agree
agree:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
		$(GO) build -o $$tmp/nofallalloc ./cmd/nofallalloc && \
		cd $(DIR) && $$tmp/nofallalloc -agree $(if $(CONFIRM),-confirm=compiler) $(PKG)

# The agreement table: make agree on std packages and on three modules
# that it downloads, both modes side by side, as one markdown table
# (scripts/agree-table.sh; about 9 minutes on a two-core machine).
.PHONY: agree-table
agree-table:
	scripts/agree-table.sh

# Robustness smoke run: a dozen standard packages with all of the standard
# library strict must give no internal error, no panic, and positions only
# in files that exist (TestSmokeStd, also part of `make test`).
.PHONY: smoke
smoke:
	$(GO) test -count=1 -run '^TestSmokeStd$$' -v ./cmd/nofallalloc
