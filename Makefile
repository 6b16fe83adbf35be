# plankit — see README.md. Targets: build, demo, test, lint, bench, bench-peers.
GO          ?= go
BIN         := bin/plankit
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOBIN       := $(shell $(GO) env GOPATH)/bin

.PHONY: all build demo test lint tidy-check bench bench-peers fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/plankit

demo: build
	@scripts/demo.sh $(BIN)

lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt: these files need formatting:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@test -x $(GOBIN)/staticcheck || { echo "installing $(STATICCHECK)"; $(GO) install $(STATICCHECK); }
	$(GOBIN)/staticcheck ./...

tidy-check:
	@$(GO) mod tidy -diff || { echo "go mod tidy would change go.mod/go.sum (diff above): run 'go mod tidy'"; exit 1; }

test: lint tidy-check
	$(GO) test -race ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Side-by-side benchmarks against peer tools (installs them from Debian).
bench-peers:
	scripts/bench/sat.sh
	scripts/bench/csp.sh
	scripts/bench/graph.sh
	scripts/bench/lp.sh
	scripts/bench/geom.sh
	scripts/bench/travel.sh
	scripts/bench/travel_solve.sh

# Short fuzzing run of every parser (FUZZTIME per target).
FUZZTIME ?= 20s
fuzz:
	scripts/fuzz.sh $(FUZZTIME)

clean:
	rm -rf bin
