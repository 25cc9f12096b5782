#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (Chromium, OpenLDAP, Samba AD, PostgreSQL) when run as root;
# otherwise prints the exact command and fails if something is missing.
set -euo pipefail

PACKAGES=(chromium slapd ldap-utils samba samba-dsdb-modules samba-vfs-modules samba-ad-provision ldb-tools openssl postgresql)
COMMANDS=(/usr/bin/chromium /usr/sbin/slapd /usr/bin/ldapsearch /usr/sbin/samba /usr/bin/openssl)

missing=()
for c in "${COMMANDS[@]}"; do [ -x "$c" ] || missing+=("$c"); done
# The PostgreSQL server's path carries its version (/usr/lib/postgresql/15/bin/postgres on Debian 12).
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(/usr/lib/postgresql/VERSION/bin/postgres)
if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies: all present"
  exit 0
fi

cmd="apt-get update && echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PACKAGES[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "missing: ${missing[*]}"
  echo "install them as root with:"
  echo "  sudo sh -c \"$cmd\""
  exit 1
fi

# Wait for (or retry around) a dpkg lock held by another installer.
apt_retry() {
  local i
  for i in $(seq 1 30); do
    if "$@"; then return 0; fi
    echo "apt is busy (attempt $i); retrying in 10 s" >&2
    sleep 10
  done
  return 1
}

export DEBIAN_FRONTEND=noninteractive
# Keep the distribution's daemons from starting (no init system here; the tests start private servers).
if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; fi
echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections
apt_retry apt-get update -q
apt_retry apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=120 "${PACKAGES[@]}"
echo "test dependencies: installed ${PACKAGES[*]}"
