#!/usr/bin/env bash
# The Debian packages the full test suite needs: Chromium for the browser tests, CJK fonts for
# charts and the PDF, a Java runtime for the Nu Html Checker, Node.js and npm for axe-core, poppler-utils
# (pdffonts, pdfinfo) for the PDF benchmark.
# Installs what is missing when it can (root, or passwordless sudo); otherwise stops at once,
# naming the packages and the command to run.
#   tools/system-packages.sh         everything the tests need
#   tools/system-packages.sh fonts   only the CJK font the build draws the cover thumbnails with (make book)
set -euo pipefail

missing=()
[ -n "$(fc-list "Noto Sans CJK SC" 2>/dev/null)" ] || missing+=(fonts-noto-cjk)
if [ "${1:-}" != fonts ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v pdffonts >/dev/null 2>&1 || missing+=(poppler-utils)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "error: the tests need these Debian packages, which are not installed: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "installing Debian packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
