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
# An editable install is not byte-compiled as `pip install .` is, and where the environment
# sets PYTHONDONTWRITEBYTECODE (as some container images do) every `jasper` command would
# compile the project's modules again: some 0.1 s of each crawl's start. Stale files are ignored.
.venv/bin/python -m compileall -q -j 0 crawler evidence pipelines settings >/dev/null

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

# 5. Rendering assets, from the registries (never fetched from a CDN while crawling):
#    DuckDuckGo's cookie-consent rules from npm, and EasyList + EasyPrivacy as Debian ships them
#    in its uBlock Origin package (the list files only: the extension is not installed).
assets=".venv/share/jasper"
autoconsent_version="16.23.0"
if [ ! -f "$assets/node_modules/@duckduckgo/autoconsent/package.json" ] \
    || ! grep -q "\"version\": \"$autoconsent_version\"" "$assets/node_modules/@duckduckgo/autoconsent/package.json"; then
    if ! command -v npm >/dev/null; then
        apt_install npm || echo "setup: no npm; cookie banners will not be handled (install npm, re-run)" >&2
    fi
    if command -v npm >/dev/null; then
        mkdir -p "$assets"
        npm install --prefix "$assets" --no-save --no-audit --no-fund --ignore-scripts \
            --loglevel=error "@duckduckgo/autoconsent@$autoconsent_version" >/dev/null
    fi
fi
# htmx for the review workspace (jasper serve), served from the workspace itself: no CDN.
htmx_version="2.0.11"
if [ ! -f "$assets/web/node_modules/htmx.org/package.json" ] \
    || ! grep -q "\"version\": \"$htmx_version\"" "$assets/web/node_modules/htmx.org/package.json"; then
    if command -v npm >/dev/null; then
        mkdir -p "$assets/web"
        npm install --prefix "$assets/web" --no-save --no-audit --no-fund --ignore-scripts \
            --loglevel=error "htmx.org@$htmx_version" >/dev/null \
            || echo "setup: could not install htmx; jasper serve works without it, less smoothly" >&2
    fi
fi
lists="$assets/blocklists"
if [ ! -f "$lists/VERSION" ]; then
    if command -v apt-get >/dev/null; then
        work="$(mktemp -d)"
        if as_root && [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n1)" ]; then
            apt-get update -qq || true
        fi
        if (cd "$work" && apt-get download -qq webext-ublock-origin-chromium 2>/dev/null); then
            deb="$(ls "$work"/*.deb)"
            dpkg-deb -x "$deb" "$work/x"
            mkdir -p "$lists"
            cp "$work/x/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/"easy{list,privacy}.txt "$lists/"
            echo "EasyList + EasyPrivacy from Debian webext-ublock-origin-chromium $(dpkg-deb -f "$deb" Version)" > "$lists/VERSION"
        else
            echo "setup: could not download the filter lists; --block-trackers will not work" >&2
        fi
        rm -rf "$work"
    fi
fi
echo "setup: ready ($(.venv/bin/jasper --version))"
