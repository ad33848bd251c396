#!/usr/bin/env bash
# run-all.sh — runs every suite against $ISMS_BIN (the sanitizer build when
# called by `make test`) and ends with one line "N passed, N failed".
#   unit     cmocka tests of base, model, store, domain (TAP output); the
#            store tests run on SQLite and again on PostgreSQL
#   checks   source hygiene: banned functions, no SQL built from input,
#            the same migrations for every engine
#   api      black-box tests against a real `isms serve` (node --test),
#            once per engine: "api (sqlite)", "api (postgres)"
#   browser  headless Chromium through playwright-core (node --test)
#
# PostgreSQL is a throw-away cluster (tests/pg-cluster.sh) in a temporary
# folder, started first and removed on exit, also on failure or interrupt.
set -uo pipefail
cd "$(dirname "$0")/.."
export ISMS_BIN="${ISMS_BIN:-build-san/isms}"
BUILD_DIR="$(dirname "$ISMS_BIN")"
LOG_DIR="${BUILD_DIR}/test-logs"
mkdir -p "$LOG_DIR"
# LeakSanitizer is on; keep the sanitizers strict and their reports readable.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

passed=0
failed=0

# --- the PostgreSQL cluster ------------------------------------------------
PG_DIR=""
stop_cluster() { [ -z "$PG_DIR" ] || tests/pg-cluster.sh stop "$PG_DIR"; PG_DIR=""; }
trap stop_cluster EXIT
trap 'exit 130' INT TERM
if pg_env=$(tests/pg-cluster.sh start 2> "$LOG_DIR/pg-cluster.log"); then
  eval "$pg_env"
  PG_DIR=$ISMS_TEST_PG_DIR
  export ISMS_TEST_PG_URL PGPASSWORD
else
  echo "cannot start a PostgreSQL cluster for the tests:"; cat "$LOG_DIR/pg-cluster.log"
  failed=$((failed + 1))
fi

# Adds the counts of a TAP stream: "ok N" / "not ok N" lines.
count_tap() {
  local file=$1 p f
  p=$(grep -cE '^[[:space:]]*ok [0-9]+' "$file" || true)
  f=$(grep -cE '^[[:space:]]*not ok [0-9]+' "$file" || true)
  echo "$p $f"
}

suite() { echo; echo "=== $1 ==="; }

# --- unit ----------------------------------------------------------------
suite unit
units=0
for t in "$BUILD_DIR"/tests/unit/test_*; do
  [ -f "$t" ] && [ -x "$t" ] || continue
  name=$(basename "$t")
  units=$((units + 1))
  t0=$SECONDS
  CMOCKA_MESSAGE_OUTPUT=TAP "$t" > "$LOG_DIR/$name.tap" 2>&1
  rc=$?
  read -r p f < <(count_tap "$LOG_DIR/$name.tap")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi  # crashed or sanitizer report
  echo "$name: $p passed, $f failed ($((SECONDS - t0)) s)"
  [ "$f" -gt 0 ] && grep -vE '^ok ' "$LOG_DIR/$name.tap" | head -40
  passed=$((passed + p)); failed=$((failed + f))
done

if [ "$units" -eq 0 ]; then
  echo "no unit test executables in $BUILD_DIR/tests/unit (was cmocka missing at meson setup? rm -rf $BUILD_DIR)"
  failed=$((failed + 1))
fi

# --- checks --------------------------------------------------------------
suite checks
check() {
  local name=$1; shift
  if "$@" > "$LOG_DIR/check-$name.log" 2>&1; then
    echo "ok - $name"; passed=$((passed + 1))
  else
    echo "not ok - $name"; cat "$LOG_DIR/check-$name.log"; failed=$((failed + 1))
  fi
}
no_banned() { ! grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi)[[:space:]]*\(' -r src tools --include='*.c' --include='*.h' | grep -v 'snprintf\|vsnprintf'; }
no_inline_script() { ! grep -nE '<script>|style="|on(click|load|submit)=' -r src/web --include='*.c'; }
# a migration written for one engine only fails here (and in test_store)
same_migrations() { diff <(ls src/store/migrations/sqlite) <(ls src/store/migrations/postgres); }
# every rule of the style sheet closed: a brace lost in a merge silently drops
# every rule after it
css_balanced() { awk '{ o += gsub(/\{/, "{"); c += gsub(/\}/, "}") } END { if (o != c) { print o " { but " c " }"; exit 1 } }' src/web/assets/style.css; }
check no-banned-functions no_banned
check no-inline-script-or-style no_inline_script
check same-migrations-for-every-engine same_migrations
check css-braces-balanced css_balanced
check audit-tamper-demo tests/demo/audit-tamper.sh "$ISMS_BIN"

# --- node suites -----------------------------------------------------------
# run_node NAME DIR [ENGINE]: the suites of DIR with ISMS_TEST_ENGINE=ENGINE
run_node() {
  local name=$1 dir=$2 engine=${3:-sqlite}
  suite "$name"
  local t0=$SECONDS
  ISMS_TEST_ENGINE=$engine node --test --test-reporter=tap "$dir" > "$LOG_DIR/$name.tap" 2>&1
  local rc=$?
  local p f c
  p=$(grep -E '^# pass ' "$LOG_DIR/$name.tap" | awk '{print $3}' | tail -1)
  f=$(grep -E '^# fail ' "$LOG_DIR/$name.tap" | awk '{print $3}' | tail -1)
  c=$(grep -E '^# cancelled ' "$LOG_DIR/$name.tap" | awk '{print $3}' | tail -1)
  p=${p:-0}; f=$(( ${f:-0} + ${c:-0} ))  # a cancelled test (failed hook) is a failure
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  echo "$name: $p passed, $f failed ($((SECONDS - t0)) s)"
  if [ "$f" -gt 0 ]; then grep -B2 -A30 -E '^[[:space:]]*not ok' "$LOG_DIR/$name.tap" | head -150; fi
  passed=$((passed + p)); failed=$((failed + f))
}

# node_deps DIR MODULE: installs DIR's package.json (devDependencies) when MODULE is missing
node_deps() {
  [ -f "$1/package.json" ] && [ ! -d "$1/node_modules/$2" ] || return 0
  (cd "$1" && npm install --no-audit --no-fund --loglevel=error) > "$LOG_DIR/npm-$(basename "$1").log" 2>&1 ||
    { echo "npm install in $1 failed:"; cat "$LOG_DIR/npm-$(basename "$1").log"; }
}

# ajv validates the OSCAL exports against NIST's JSON schemas
node_deps tests/api ajv-formats
run_node "api (sqlite)" tests/api/ sqlite
[ -z "$PG_DIR" ] || run_node "api (postgres)" tests/api/ postgres

if [ -f tests/browser/package.json ]; then
  node_deps tests/browser playwright-core
  run_node browser tests/browser/
fi

stop_cluster
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
