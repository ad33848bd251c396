#!/usr/bin/env bash
# audit-tamper.sh — shows `isms audit verify` catching a row edited behind
# isms's back. Makes a throw-away database, writes a few audited changes
# through the CLI, verifies (exit 0), edits one audit row with the sqlite3
# shell, verifies again (must exit 1 naming that entry). Exits 0 when the
# tampering was caught, 1 otherwise.
#   usage: tests/demo/audit-tamper.sh [path/to/isms]
set -euo pipefail
ISMS=${1:-${ISMS_BIN:-build/isms}}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/isms.db"

ISMS_ADMIN_PASSWORD=Demo-Admin-Passw0rd "$ISMS" init --db "$db" > /dev/null
ISMS_PASSWORD=Demo-User-Passw0rd-1 "$ISMS" user add --db "$db" --email ann@example.org --name Ann --role owner > /dev/null
"$ISMS" settings set --db "$db" --key session_idle_minutes --value 30 > /dev/null
"$ISMS" user disable --db "$db" --email ann@example.org > /dev/null

echo "before: $("$ISMS" audit verify --db "$db")"
victim=$(sqlite3 "$db" "SELECT id FROM audit_log WHERE action = 'setting_change'")
sqlite3 "$db" "UPDATE audit_log SET after_json = '{\"session_idle_minutes\":1440}' WHERE id = $victim"
echo "tampered with entry $victim: changed the recorded new value to 1440"
if out=$("$ISMS" audit verify --db "$db" 2>&1); then
  echo "NOT CAUGHT: $out"
  exit 1
fi
echo "after:  $out"
case "$out" in
  *"$victim"*) echo "caught: verify names entry $victim" ;;
  *) echo "verify failed but did not name entry $victim"; exit 1 ;;
esac
