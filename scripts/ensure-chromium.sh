#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through playwright-core; Playwright's own browser download
# cannot work on machines without general internet access, so the project installs the distro one.
set -euo pipefail
CHROMIUM="${ST_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
echo "Chromium not found at $CHROMIUM: installing Debian's chromium package..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
"$CHROMIUM" --version
