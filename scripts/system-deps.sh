#!/usr/bin/env bash
# Install the Debian packages casedesk needs, when run as root and they are missing.
#   scripts/system-deps.sh run    what `make run` needs (venv, PDF fonts and libraries, OCR, LibreOffice)
#   scripts/system-deps.sh test   plus PostgreSQL and Chromium for the test suite
set -euo pipefail
want=(python3-venv python3-dev libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 fonts-noto-core fonts-noto-cjk
  tesseract-ocr tesseract-ocr-eng ghostscript qpdf poppler-utils
  libreoffice-writer-nogui python3-uno fonts-crosextra-carlito fonts-crosextra-caladea)
if [ "${1:-run}" = "test" ]; then
  want+=(postgresql chromium)
fi
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A python3 that already has venv (pyenv, a custom build) does not need python3-venv / python3-dev.
if python3 -c 'import venv, ensurepip' 2>/dev/null; then
  filtered=()
  for pkg in "${missing[@]}"; do
    case "$pkg" in python3-venv|python3-dev) ;; *) filtered+=("$pkg") ;; esac
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "casedesk needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
