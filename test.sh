#!/usr/bin/env bash
# Runs every test: unit tests of each module, then end-to-end tests against real James 3.8.1 servers
# started from the distribution layout (target/james) with the drop-in jar.
#
#   ./test.sh [extra maven arguments]
#
# On a fresh Debian machine it first installs what the tests use besides Java and Maven (when run as
# root): dkimpy, the independent DKIM verifier the DKIM tests call, and Chromium, the real headless
# browser in which the end-to-end tests open the links of Sendguard's notices (with a Japanese font
# for its screenshots).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

APT_PACKAGES=(python3-dkim chromium fonts-ipafont-gothic)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "test.sh: installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "test.sh: please install ${missing[*]} (apt-get install ${missing[*]})" >&2
        exit 1
    fi
fi

cd "$HERE"
exec mvn -B verify "$@"
