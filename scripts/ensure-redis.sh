#!/usr/bin/env bash
# The cluster tests start their own Redis (Debian's redis-server) on a free port with a temporary
# folder. This installs the package when it is missing; Debian's package also sets up a system
# service, which the tests neither need nor touch (they pass every setting on the command line).
set -euo pipefail
REDIS="${ST_REDIS_SERVER:-/usr/bin/redis-server}"
if [ -x "$REDIS" ]; then exit 0; fi
echo "redis-server not found at $REDIS: installing Debian's redis-server package..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
"$REDIS" --version
