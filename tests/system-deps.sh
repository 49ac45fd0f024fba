#!/bin/sh
# System packages the integration tests use: Debian's Chromium (browser test) and a WordPress with
# MariaDB and PHP (publish test). Installed with apt-get when run as root on Debian; anywhere else this
# says what it skipped and exits 0, and those tests are skipped with the reason. Where apt-get is there but
# fails, this fails too: a machine that should run those tests must not pass by skipping them.
# The main job (reader fetch) needs none of these: pip alone installs it.
PACKAGES="chromium wordpress wordpress-l10n wordpress-theme-twentytwentythree php-cli php-mysql php-xml php-mbstring mariadb-server"

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "tests/system-deps.sh: not root or no apt-get; browser and WordPress tests will be skipped" >&2
    exit 0
fi
missing=""
for package in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
echo "tests/system-deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends $missing >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends $missing >/dev/null; } \
    || { echo "tests/system-deps.sh: apt-get could not install$missing (see the output above)" >&2; exit 1; }
