#!/usr/bin/env bash
# The cluster tests, `npm run cluster` and the cluster benchmarks put Debian's HAProxy in front of
# the proxies, started in the foreground on a free port with a configuration of their own in a
# temporary folder. This installs the package when it is missing; Debian's package also sets up a
# system service, which they neither need nor touch.
set -euo pipefail
HAPROXY="${ST_HAPROXY:-/usr/sbin/haproxy}"
if [ -x "$HAPROXY" ]; then exit 0; fi
echo "haproxy not found at $HAPROXY: installing Debian's haproxy package..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends haproxy >/dev/null
"$HAPROXY" -v | head -1
