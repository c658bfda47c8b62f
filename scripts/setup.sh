#!/usr/bin/env bash
# Installs what publish needs on a fresh Debian machine (run as root): system packages, then a venv.
# Usage: scripts/setup.sh [--test]   (--test adds the test tools: Chromium + DAISY Ace, pandoc for bench)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(fonts-linuxlibertine apertium-eng-spa apertium-eng-cat apertium-spa-cat gettext poppler-utils libgs-common)  # libgs-common: the CMYK ICC profile of --profile ingramspark
# Hunspell dictionaries: check --translations finds source words left in a translation with them (spylls reads them).
packages+=(hunspell-en-us hunspell-es hunspell-fr hunspell-ca hunspell-pt-pt hunspell-de-de)
command -v java >/dev/null || packages+=(default-jre-headless)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium pandoc)
  command -v npm >/dev/null || packages+=(nodejs npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
stamp=.venv/.publish-installed
test_stamp=.venv/.publish-test-installed
if [[ ! -f $stamp || pyproject.toml -nt $stamp || ( "${1:-}" == "--test" && ( ! -f $test_stamp || pyproject.toml -nt $test_stamp ) ) ]]; then
  # torch first and pinned: the CPU wheel is on this machine; anything newer pulls a multi-GB CUDA build.
  .venv/bin/pip install -q --disable-pip-version-check "torch==2.13.0"
  extras="translate"
  [[ "${1:-}" == "--test" ]] && extras="translate,test"
  .venv/bin/pip install -q --disable-pip-version-check -e ".[${extras}]"
  touch "$stamp"
  if [[ "${1:-}" == "--test" ]]; then touch "$test_stamp"; fi
fi

if [[ "${1:-}" == "--test" && ! -x tools/ace/node_modules/.bin/ace-puppeteer ]]; then
  # Ace's default runner needs Electron, which cannot be downloaded here: use ace-puppeteer + Debian's Chromium.
  (cd tools/ace && ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
     npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
fi

if [[ "${1:-}" == "--test" && ! -f tools/commonmark-spec/node_modules/commonmark-spec/spec.txt ]]; then
  # The CommonMark spec examples (tests/test_markdown_books.py builds every one into a book).
  (cd tools/commonmark-spec && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
fi
