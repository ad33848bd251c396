#!/usr/bin/env bash
# deps.sh run|test|bench — installs the Debian packages isms needs that are
# missing, through sudo when not root. Safe to run again: installs nothing
# when everything is there.
set -euo pipefail

# libpq-dev builds the PostgreSQL engine in; serving from SQLite needs no server.
run_pkgs=(gcc pkg-config meson ninja-build libmicrohttpd-dev libjansson-dev libsodium-dev libsqlite3-dev libpq-dev
  libssl-dev libqrencode-dev libxml2-dev libyaml-dev libcmark-gfm-dev libcmark-gfm-extensions-dev)
# postgresql: initdb, pg_ctl, psql and pg_dump for the throw-away test cluster
test_pkgs=(libcmocka-dev sqlite3 postgresql chromium curl)
bench_pkgs=(wrk nginx)

want=("${run_pkgs[@]}")
case "${1:-run}" in
  run) ;;
  test) want+=("${test_pkgs[@]}") ;;
  bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac
# Node.js and npm drive the API and browser tests; any node >= 18 will do.
if [ "${1:-run}" != run ] && ! command -v node >/dev/null; then want+=(nodejs); fi
if [ "${1:-run}" != run ] && ! command -v npm >/dev/null; then want+=(npm); fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
