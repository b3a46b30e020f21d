#!/usr/bin/env bash
# The XMPP tests start their own Prosody (Debian's package) with a configuration they write, on
# free ports with a temporary data folder. This installs the package (and the Lua modules it uses)
# when missing; the package's own system service is neither needed nor touched by the tests.
set -euo pipefail
PROSODY="${ST_PROSODY:-/usr/bin/prosody}"
if [ -x "$PROSODY" ] && [ -x "$(dirname "$PROSODY")/prosodyctl" ]; then exit 0; fi
echo "prosody not found at $PROSODY: installing Debian's prosody package..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# lua-expat, lua-socket, lua-filesystem and lua-sec come as prosody's dependencies; lua-bitop and
# lua-unbound are recommended ones that Prosody uses when present.
$SUDO apt-get install -y -qq --no-install-recommends prosody lua-bitop lua-unbound >/dev/null
# The package starts a system instance on the standard ports; the tests use their own.
$SUDO systemctl disable --now prosody >/dev/null 2>&1 || $SUDO service prosody stop >/dev/null 2>&1 || true
"$(dirname "$PROSODY")/prosodyctl" about | sed -n '/^Prosody/p'
