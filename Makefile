# The two commands of the README:
#   make run   installs missing Debian packages, builds, creates var/isms.db
#              when absent, and serves http://127.0.0.1:8080
#   make test  installs what the tests need, builds with ASan + UBSan, runs
#              every suite and ends with "N passed, N failed"
DB      ?= var/isms.db
LISTEN  ?= 127.0.0.1:8080

.PHONY: run build test test-build bench deps clean

run: build
	@if [ ! -f "$(DB)" ]; then ./build/isms init --db "$(DB)"; fi
	./build/isms serve --db "$(DB)" --listen "$(LISTEN)"

build:
	@scripts/deps.sh run
	@[ -f build/build.ninja ] || meson setup build --buildtype=release
	ninja -C build

test:
	@scripts/deps.sh test
	@[ -f build-san/build.ninja ] || meson setup build-san --buildtype=debug -Db_sanitize=address,undefined
	ninja -C build-san
	ISMS_BIN=build-san/isms tests/run-all.sh

bench: build
	@scripts/deps.sh bench
	bench/run.sh

clean:
	rm -rf build build-san
