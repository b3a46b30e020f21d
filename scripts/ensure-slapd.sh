#!/usr/bin/env bash
# The LDAP tests start their own OpenLDAP server (Debian's slapd) on a free port with a temporary
# configuration. This installs the packages when they are missing, telling debconf to configure no
# directory of its own, so no system service is set up or started.
set -euo pipefail
SLAPD="${ST_SLAPD:-/usr/sbin/slapd}"
if [ -x "$SLAPD" ] && [ -x /usr/sbin/slapadd ] && command -v ldapsearch >/dev/null; then exit 0; fi
echo "slapd not found at $SLAPD: installing Debian's slapd and ldap-utils packages..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "slapd slapd/no_configuration boolean true" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends slapd ldap-utils >/dev/null
"$SLAPD" -VV 2>&1 | head -n 1
