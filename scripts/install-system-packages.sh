#!/bin/sh
# Install the Debian packages listed in $1 that are not installed yet.
# Idempotent: when everything is there it does nothing and needs no network.
set -eu
list=${1:-scripts/apt-packages.txt}
missing=""
for package in $(grep -v '^[[:space:]]*#' "$list" | tr -s ' \t' '\n\n'); do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $package"
    fi
done
if [ -z "$missing" ]; then
    echo "System packages: nothing to install."
    exit 0
fi
echo "System packages to install:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
# Slim Debian images delete the manual folders, and the JRE's post-install script
# fails without this one (it links java.1.gz there).
$sudo mkdir -p /usr/share/man/man1
# shellcheck disable=SC2086 # word splitting of the package list is intended
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
