# mét'ODD — build, run and test. `make run` and `make test` are the README's
# two commands: each installs what it needs first, and only that
# (scripts/deps.sh run|test): the server gets no test tools.

GO ?= go
ADDR ?= :8080
DATA ?= ./data/metodd.db
WEB := server/web/dist

.PHONY: deps deps-run deps-dist deps-test run test web server dist bench clean

deps: deps-test

deps-run:
	@./scripts/deps.sh run

deps-dist:
	@./scripts/deps.sh dist

deps-test:
	@./scripts/deps.sh test

test: deps-test
	@./scripts/test.sh

# The browser client: the WASM build, its loader and page, pre-compressed.
web:
	@./scripts/build-web.sh $(WEB)

server: web
	CGO_ENABLED=0 $(GO) build -o build/metodd-server ./cmd/metodd-server

run: deps-run server
	./build/metodd-server --addr $(ADDR) --data $(DATA)

# Every build target: the Windows .exe and the Linux desktop client, the
# server for Linux and Windows, and the browser bundle.
dist: deps-dist web
	@./scripts/dist.sh

# Every benchmark's figures; packages linking Ebiten run under xvfb-run (or
# are left out, saying so, on a machine without it).
bench:
	@./scripts/bench.sh

clean:
	rm -rf build dist
