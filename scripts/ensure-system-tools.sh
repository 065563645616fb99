#!/usr/bin/env bash
# The system programs the tests drive, from Debian's packages: Chromium for the browser tests
# (Playwright must never download a browser of its own) and strace, which watches the setup
# scripts for network connections. Installed with apt when missing and running as root.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v strace >/dev/null || missing+=(strace)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need Debian's ${missing[*]}: sudo apt-get install ${missing[*]}" >&2
exit 1
