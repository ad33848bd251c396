#!/usr/bin/env bash
# run-all.sh — runs every suite against $ISMS_BIN (the sanitizer build when
# called by `make test`) and ends with one line "N passed, N failed".
#   unit     cmocka tests of base, model, store, domain (TAP output)
#   checks   source hygiene: banned functions, no SQL built from input
#   api      black-box tests against a real `isms serve` (node --test)
#   browser  headless Chromium through playwright-core (node --test)
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
  CMOCKA_MESSAGE_OUTPUT=TAP "$t" > "$LOG_DIR/$name.tap" 2>&1
  rc=$?
  read -r p f < <(count_tap "$LOG_DIR/$name.tap")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi  # crashed or sanitizer report
  echo "$name: $p passed, $f failed"
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
check no-banned-functions no_banned
check no-inline-script-or-style no_inline_script
check audit-tamper-demo tests/demo/audit-tamper.sh "$ISMS_BIN"

# --- node suites -----------------------------------------------------------
run_node() {
  local name=$1 dir=$2
  suite "$name"
  node --test --test-reporter=tap "$dir" > "$LOG_DIR/$name.tap" 2>&1
  local rc=$?
  local p f c
  p=$(grep -E '^# pass ' "$LOG_DIR/$name.tap" | awk '{print $3}' | tail -1)
  f=$(grep -E '^# fail ' "$LOG_DIR/$name.tap" | awk '{print $3}' | tail -1)
  c=$(grep -E '^# cancelled ' "$LOG_DIR/$name.tap" | awk '{print $3}' | tail -1)
  p=${p:-0}; f=$(( ${f:-0} + ${c:-0} ))  # a cancelled test (failed hook) is a failure
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  echo "$name: $p passed, $f failed"
  if [ "$f" -gt 0 ]; then grep -B2 -A30 -E '^[[:space:]]*not ok' "$LOG_DIR/$name.tap" | head -150; fi
  passed=$((passed + p)); failed=$((failed + f))
}

run_node api tests/api/

if [ -f tests/browser/package.json ]; then
  if [ ! -d tests/browser/node_modules/playwright-core ]; then
    (cd tests/browser && npm install --no-audit --no-fund --loglevel=error) > "$LOG_DIR/npm.log" 2>&1 ||
      { echo "npm install failed:"; cat "$LOG_DIR/npm.log"; }
  fi
  run_node browser tests/browser/
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
