#!/usr/bin/env bash
# The PostgreSQL store's tests start their own PostgreSQL cluster (initdb + pg_ctl in a temporary
# folder, on a free port; see packages/proxy/src/testing/postgres.ts). This installs Debian's
# postgresql package when it is missing, and stops and disables the cluster the package creates,
# so no system service is left running.
set -euo pipefail
BIN="${ST_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
if [ -x "$BIN/initdb" ] && [ -x "$BIN/pg_ctl" ] && [ -x "$BIN/pg_dump" ]; then exit 0; fi
echo "PostgreSQL not found at $BIN: installing Debian's postgresql package..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
# The package starts a "main" cluster of its own where services run; the tests never use it.
if command -v pg_lsclusters >/dev/null; then
  pg_lsclusters --no-header 2>/dev/null | while read -r version name _; do
    $SUDO pg_ctlcluster "$version" "$name" stop 2>/dev/null || true
    echo "manual" | $SUDO tee "/etc/postgresql/$version/$name/start.conf" >/dev/null || true
  done
fi
"$BIN/postgres" --version
