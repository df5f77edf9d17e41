#!/usr/bin/env bash
# ensure-apt.sh COMMAND PACKAGE: install a Debian package when COMMAND is missing and we are
# root; otherwise say, in one line, how to install it.
set -euo pipefail
command_name=$1 package=$2
command -v "$command_name" >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing $package (apt-get)…"
  if ! apt-get install -y -qq "$package" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null && apt-get install -y -qq "$package" >/dev/null
  fi
  command -v "$command_name" >/dev/null && exit 0
fi
echo "'$command_name' is missing: install it with 'sudo apt-get install $package' (or 'brew install $package')." >&2
exit 1
