#!/usr/bin/env bash
# Tests need a few Debian packages (never a browser or database downloaded by npm):
#   ensure-package.sh <path that proves the package is installed (a glob)> <package>
# installs the package with apt-get when the path is missing.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: ensure-package.sh <path-glob> <debian-package>" >&2
  exit 2
fi
if compgen -G "$1" >/dev/null; then exit 0; fi
echo "Installing Debian's $2 for the tests…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$2" >/dev/null
compgen -G "$1" >/dev/null || { echo "$2 installed, but $1 is still missing" >&2; exit 1; }
