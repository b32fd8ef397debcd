#!/usr/bin/env bash
# Idempotent set-up: a .venv with Jasper installed, and a Chromium that Playwright can drive.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { [ "$(id -u)" = "0" ]; }
apt_install() {
    if as_root && command -v apt-get >/dev/null; then
        echo "setup: installing $* with apt-get"
        if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n1)" ]; then
            apt-get update -qq
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
        return 0
    fi
    return 1
}

# 1. Python virtual environment.
if [ ! -x .venv/bin/python ]; then
    if ! python3 -m venv .venv 2>/dev/null; then
        rm -rf .venv
        apt_install python3-venv || { echo "setup: python3 -m venv failed; install python3-venv" >&2; exit 1; }
        python3 -m venv .venv
    fi
fi

# 2. The project and its dependencies (re-run only when pyproject.toml changes).
stamp=".venv/.jasper-installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[dev]"
    rm -f .venv/.jasper-installed-*
    touch "$stamp"
fi

# 3. A Chromium for Playwright: the system one where possible, Playwright's download elsewhere.
if [ -x /usr/bin/chromium ]; then
    :
elif apt_install chromium; then
    :
else
    echo "setup: no system Chromium and not root; trying 'playwright install chromium'"
    .venv/bin/playwright install chromium
fi
# 4. Fonts for every script sellers write in, so screenshots and reports show text, not empty
#    boxes: Noto for Latin, Greek, Cyrillic, Arabic, Hebrew, Thai, Devanagari and more (core),
#    Chinese, Japanese and Korean (cjk), colour emoji, and Symbola (emoji outlines for the PDF
#    text layer). poppler-utils gives pdftotext/pdftoppm, to read and look at the PDF reports.
fonts="fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-symbola fontconfig poppler-utils"
missing=""
for pkg in $fonts; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    # shellcheck disable=SC2086
    apt_install $missing || echo "setup: WARNING: fonts missing ($missing); install them as root," \
        "or screenshots of non-Latin listings will show empty boxes (jasper crawl warns)" >&2
fi
echo "setup: ready ($(.venv/bin/jasper --version))"
