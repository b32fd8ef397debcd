"""Scrapy settings for Jasper: the only place defaults live.

Plain values only: nothing here imports Jasper code or probes the machine. Everything
Jasper-specific is prefixed ``JASPER_`` and read once per process into
:class:`settings.config.JasperConfig`; environment overrides are applied in one place,
:func:`settings.config.resolve`. What depends on the machine (which Chromium, sandbox flags)
is filled in at crawl time by the add-on ``crawler.addon.BrowserAddon``.
"""

BOT_NAME = "jasper"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# scrapy-playwright needs the asyncio reactor.
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
# scrapy-playwright's handler, sending plain-HTTP requests through a SOCKS proxy when one is
# configured (crawler/egress.py); Scrapy's own HTTP client speaks only HTTP proxies.
DOWNLOAD_HANDLERS = {
    "http": "crawler.egress.EgressDownloadHandler",
    "https": "crawler.egress.EgressDownloadHandler",
}
# Plain-HTTP requests (robots.txt, light re-visits, unrendered search pages) take the crawl's
# proxy too, before Scrapy's HttpProxyMiddleware (750) reads it; a rendered request gets its
# browser context last (crawler.contexts), once every other middleware has passed it.
DOWNLOADER_MIDDLEWARES = {
    # A fleet's shared per-site rate (crawler.globalrate; off unless JASPER_RATE_LIMIT_STORAGE).
    "crawler.globalrate.GlobalRateMiddleware": 600,
    "crawler.egress.EgressMiddleware": 740,
    "crawler.contexts.ContextMiddleware": 950,
}
PLAYWRIGHT_BROWSER_TYPE = "chromium"
# Completed at crawl time (executable, --no-sandbox as root) by crawler.addon.BrowserAddon.
PLAYWRIGHT_LAUNCH_OPTIONS = {"headless": True}
ADDONS = {"crawler.addon.BrowserAddon": 100}
# Contexts are recycled (crawler.contexts): a new one after JASPER_PAGES_PER_CONTEXT pages,
# while fewer than JASPER_MAX_CONTEXTS are open. scrapy-playwright's own context limit stays
# unset (it waits for a slot while holding its launch lock, which can deadlock a crawl), and
# its pages per context default to CONCURRENT_REQUESTS.
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 0
JASPER_MAX_CONTEXTS = 3
# Navigation timeout in milliseconds: the PLAYWRIGHT_* timeouts govern rendered pages.
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
JASPER_CONTEXT_OPTIONS = {"viewport": {"width": 1280, "height": 900}, "ignore_https_errors": False}
# 500: each new context costs its pages' renderers started cold (some 2 s of a busy 2-core
# machine); 40 cost a 1,000-listing crawl 14% of its time and no memory (docs/speed.md).
JASPER_PAGES_PER_CONTEXT = 500
# A page whose capture went cleanly serves the next request to its context, after
# about:blank and with its listeners renewed (crawler.contexts); false: a new tab every page.
JASPER_REUSE_PAGES = True

# Politeness: identify ourselves, obey robots.txt, throttle per domain.
JASPER_CONTACT = "https://github.com/jasper-evidence/jasper"
# A fleet of workers (docs/scaling.md): a per-site request rate shared by every worker, kept
# in Valkey/Redis by the limits library (e.g. "async+valkey://127.0.0.1:6379"; empty: off).
JASPER_RATE_LIMIT_STORAGE = ""
# A write-once copy of every artefact: "s3://bucket/prefix" (a bucket with Object Lock; boto3's
# usual endpoint and credentials), each object locked in this mode for this many days.
JASPER_STORE_URL = ""
JASPER_STORE_LOCK_MODE = "COMPLIANCE"
JASPER_STORE_RETAIN_DAYS = 3650
JASPER_SITE_RATE = "2/second"
USER_AGENT = f"Jasper/0.1 (+{JASPER_CONTACT}; evidence collection for IP enforcement)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 10.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
COOKIES_ENABLED = True
RETRY_TIMES = 1
# Plain-HTTP requests (robots.txt); rendered pages use the PLAYWRIGHT_* timeouts.
DOWNLOAD_TIMEOUT = 30
# No control channel into a crawl: the telnet console and Scrapy's remote-control endpoint
# (which runs Python sent to it and leaves a token file behind) are both off.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"

# Thin adapters over the evidence core (evidence.capture): record each capture, then triage.
ITEM_PIPELINES = {
    "pipelines.recording.RecordEvidencePipeline": 300,
    "pipelines.scoring.ScoreListingPipeline": 400,
}

# Jasper settings, read once into settings.config.JasperConfig.
JASPER_WORKDIR = "jasper-data"  # environment: JASPER_HOME
JASPER_DB_URL = ""  # empty: SQLite inside the workdir; environment: JASPER_DB_URL
JASPER_CASE = "default"
JASPER_OPERATOR = ""  # empty: the login name of the user running Jasper; env: JASPER_OPERATOR
JASPER_RUN_ID = 0  # set per crawl by the runner: the crawl run being recorded
JASPER_EVIDENCE = True  # False: bare crawl (benchmark baseline), nothing recorded
JASPER_MAX_PAGES = 0  # search result pages per keyword and template; 0 = unlimited
JASPER_MAX_CANDIDATES = 0  # candidate pages per search; 0 = unlimited
# Rendering real pages (crawler/navigation.py, rendering.py): navigation returns once the page's
# response has arrived; the page then has JASPER_SETTLE_TIMEOUT seconds (the hard cap) to
# complete its DOM, fire `load`, go network-idle and stop changing. A `load` (or DOM) that never
# came is recorded as a failed step and the page is taken as it stood.
JASPER_SETTLE_TIMEOUT = 8.0  # seconds for a page to settle once its response has arrived
JASPER_SETTLE_QUIET = 0.5  # seconds of no network and DOM activity that count as settled
# Hard deadlines the browser cannot ignore (crawler.deadline): a page still loading, or still
# being read after it loaded, this many seconds on is closed and its capture recorded failed.
JASPER_PAGE_DEADLINE = 120.0
# 429 and 503 (and other 5xx) answers to a listing are asked again this many times, waiting as
# the server's Retry-After says (at most JASPER_RETRY_MAX_WAIT seconds), then recorded as they are.
JASPER_RETRY_STATUS_TIMES = 2
JASPER_RETRY_MAX_WAIT = 60.0
# Taller pages are taken in tiles of this height (at most 16,384: Chromium repeats content past
# it); small tiles keep the browser's memory down on very tall pages, at no cost in speed.
JASPER_SCREENSHOT_MAX_HEIGHT = 4096
# Tiles are stitched as a stream (never the whole canvas in memory), as many tall pages at a
# time as there are cores; a page larger than this many pixels is cut there, and the cut
# recorded.
JASPER_SCREENSHOT_MAX_PIXELS = 400_000_000
# Lazy images (crawler/scrolling.py): before the screenshot, scroll down the page a viewport
# at a time, at most this far and this long, then back to the top and let the images arrive.
JASPER_LAZY_SCROLL = True
JASPER_LAZY_SCROLL_MAX_HEIGHT = 30_000
JASPER_LAZY_SCROLL_TIMEOUT = 10.0
# Cookie-consent banners (crawler/consent.py): DuckDuckGo's autoconsent rules, installed by
# `make setup` from npm, opt out (reject non-essential cookies) and each capture records it.
JASPER_CONSENT = True
JASPER_CONSENT_TIMEOUT = 10.0  # seconds to wait for a banner found to be dismissed
JASPER_AUTOCONSENT_DIR = ""  # empty: the package `make setup` installed (.venv/share/jasper)
# Ad and tracker blocking (crawler/blocking.py): off by default, so that a capture shows the
# page as any visitor saw it; when on, the rules of these lists (EasyList and EasyPrivacy, as
# `make setup` installs them from Debian's webext-ublock-origin package) decide, and the run
# and every capture record the lists and what was blocked.
JASPER_BLOCK_TRACKERS = False
JASPER_BLOCKLISTS = ""  # comma-separated filter-list files; empty: the lists setup installed
# Egress (crawler/egress.py): every request of the crawl, browser and plain HTTP alike, goes
# through this proxy (http://, https:// or socks5://, credentials allowed in the URL except
# for SOCKS); empty: direct. A site profile's `proxy` overrides it for that site. Each capture
# records the egress it used, never the credentials. Environment: JASPER_PROXY.
JASPER_PROXY = ""
# What a page captured directly (`jasper capture`, a re-visit) is recorded as: listing, page,
# profile (a seller's or user's profile), post (a social post), or auto (listing when it
# carries product data, else page; `jasper capture`'s default).
JASPER_CAPTURE_KIND = "listing"
JASPER_WARC_GZIP_LEVEL = 6  # images, video and other compressed payloads: level 1
JASPER_TRIAGE_INTERVAL = 0.0  # seconds between rescorings during a crawl; 0: once, at the end
# Search and feed pages (crawler.scrolling): rendered ones are scrolled until no new content
# arrives for JASPER_SCROLL_QUIET seconds (twice where the page listens to scrolling, the
# second time after scrolling up a screen and down again), at most JASPER_SCROLL_MAX times and
# JASPER_SCROLL_TIMEOUT seconds; a site profile's scroll keys override these.
JASPER_SCROLL = True
# How search pages are read: "served" (over plain HTTP when the HTML the server sends has
# listing links and, on a search's first page, a link to the next page; no screenshot of the
# search page) or "rendered" (each rendered in Chromium, scrolled and photographed). A page
# without listing links or a next-page link, an error answer, a wall, a feed to scroll and a
# signed-in search are rendered either way.
JASPER_SEARCH_PAGES = "served"
JASPER_SCROLL_MAX = 20
JASPER_SCROLL_TIMEOUT = 60.0
JASPER_SCROLL_QUIET = 1.5
# Crawl controls: link depth from a search page (0 = unlimited), URL regular expressions a
# candidate must match (include, any) and must not match (exclude).
JASPER_MAX_DEPTH = 0
JASPER_INCLUDE: list[str] = []
JASPER_EXCLUDE: list[str] = []
# Who captures (a persona name, never its session) and under which authorisation (set per run).
JASPER_PERSONA = ""
JASPER_AUTHORISATION_ID = 0
# (The telnet console and remote control, switched off above, are also left out of Scrapy's
# base list of extensions when a crawl's settings are built: crawler/scrapy_settings.py.)
EXTENSIONS = {
    "crawler.extensions.crawlrun.CrawlRunLifecycle": 100,
    "crawler.extensions.progress.CrawlProgress": 500,
}
JASPER_PROGRESS = False  # the CLI turns this on for interactive runs

# Trusted time (RFC 3161); environment: JASPER_TSA_URLS, JASPER_TSA_CA_FILE,
# JASPER_TSA_CHAIN_FILE.
JASPER_TSA_URLS = ""  # comma-separated TSA URLs, tried in order (the rest are fail-over)
JASPER_TSA_CA_FILE = ""  # PEM trust anchors the TSA tokens must chain to
# PEM: the TSAs' own certificates and intermediates, for TSAs whose tokens carry none; copied
# into every X.tsa-chain.pem so that a reader can verify offline
JASPER_TSA_CHAIN_FILE = ""
JASPER_REQUIRE_TIMESTAMP = False  # True: a capture without a time-stamp is failed evidence
JASPER_TSA_BATCH_SIZE = 50  # captures per TSA request
JASPER_TSA_BATCH_SECONDS = 60.0  # or sooner, once the oldest waiting capture is this old
JASPER_TSA_TIMEOUT = 15.0  # seconds per TSA request

# Which Chromium to drive: empty = the system one (/usr/bin/chromium) when installed, else
# Playwright's own; environment: JASPER_CHROMIUM.
JASPER_CHROMIUM = ""

# Review decisions (jasper serve, jasper export --disposition): the dispositions a reviewer can
# give a listing, in the order shown (keys 1-4 in the triage queue); environment:
# JASPER_DISPOSITIONS, comma-separated.
JASPER_DISPOSITIONS = ("suspected counterfeit", "genuine", "needs test purchase", "not relevant")
