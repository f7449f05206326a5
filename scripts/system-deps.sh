#!/usr/bin/env bash
# Check (and, as root or with sudo, install) the Debian packages the portal needs.
#   scripts/system-deps.sh            every package (PDF, translations, browser tests)
#   scripts/system-deps.sh runtime    only what `make run` needs (no browser)
set -euo pipefail

runtime=(libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 gettext)
full=("${runtime[@]}" poppler-utils chromium)
if [[ "${1:-full}" == "runtime" ]]; then wanted=("${runtime[@]}"); else wanted=("${full[@]}"); fi

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "system-deps: ok (${wanted[*]})"
  exit 0
fi

echo "system-deps: missing Debian packages: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  apt_get=(sudo apt-get)
else
  echo "system-deps: cannot install them without root. Run as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq "${missing[@]}"
echo "system-deps: installed ${missing[*]}"
