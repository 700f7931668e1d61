# mét'ODD — build, run and test. `make run` and `make test` are the README's
# two commands: each installs what it needs first (scripts/deps.sh).

GO ?= go
ADDR ?= :8080
DATA ?= ./data/metodd.db
WEB := server/web/dist

.PHONY: deps run test web server dist bench clean

deps:
	@./scripts/deps.sh

test: deps
	@./scripts/test.sh

# The browser client: the WASM build, its loader and page, pre-compressed.
web:
	@./scripts/build-web.sh $(WEB)

server: web
	CGO_ENABLED=0 $(GO) build -o build/metodd-server ./cmd/metodd-server

run: deps server
	./build/metodd-server --addr $(ADDR) --data $(DATA)

# Every build target: the Windows .exe and the Linux desktop client, the
# server for Linux and Windows, and the browser bundle.
dist: deps web
	@./scripts/dist.sh

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf build dist
