#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries are installed for the integration tests, which start a throwaway cluster
# from /usr/lib/postgresql/<version>/bin themselves (or use SKILLSGAP_TEST_POSTGRES, a connection string, when set).
# Usage: .ci/postgres.sh            (needs root, or sudo, to install)
set -euo pipefail

shopt -s nullglob
existing=(/usr/lib/postgresql/*/bin/initdb)
if (( ${#existing[@]} > 0 )); then
  echo "PostgreSQL found: ${existing[*]}"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "PostgreSQL is missing and neither root nor sudo is available." >&2; exit 1; }
  SUDO="sudo"
fi

echo "PostgreSQL is not installed; installing it with apt-get."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q postgresql

installed=(/usr/lib/postgresql/*/bin/initdb)
if (( ${#installed[@]} == 0 )); then
  echo "apt-get finished but no /usr/lib/postgresql/*/bin/initdb exists." >&2
  exit 1
fi
# The tests run their own cluster; the distribution's default one is not needed.
if command -v service >/dev/null; then $SUDO service postgresql stop >/dev/null 2>&1 || true; fi
echo "PostgreSQL installed: ${installed[*]}"
