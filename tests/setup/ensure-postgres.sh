#!/usr/bin/env bash
# The store contract tests run against PostgreSQL too: install Debian's postgresql package when it
# is missing. Tests start their own throwaway cluster (tests/setup/postgres.ts); the package's own
# cluster is not used.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then exit 0; fi
echo "Installing Debian's postgresql for the store tests…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
ls /usr/lib/postgresql/*/bin/initdb
