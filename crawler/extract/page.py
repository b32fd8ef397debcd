"""A rendered page as a reader sees it: its visible elements in order, its main heading,
the prices it shows (with what surrounds each) and its buy or contact actions.

Only the markup is used (no computed styles): an element counts as hidden when it or an
ancestor says so (``hidden``, ``display:none``, the usual hiding classes), and as page chrome
when it sits in the header, navigation or footer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from crawler.extract import prices
from crawler.extract.vocabulary import (
    ACTION_ATTRS,
    ACTION_WORDS,
    AFTER_SIDE,
    CLASS_CURRENT,
    CLASS_ELSEWHERE,
    CLASS_OLD,
    CLASS_PRICE,
    CLASS_SIDE,
    LABEL_BID,
    LABEL_BIDS,
    LABEL_CURRENT,
    LABEL_OLD,
    LABEL_SIDE,
    LABEL_START,
)

SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object",
             "canvas", "math", "title", "meta", "link"}  # fmt: skip
CHROME_TAGS = {"header", "nav", "footer"}
CHROME_ROLES = {"banner", "navigation", "contentinfo", "search"}
STRUCK_TAGS = {"del", "s", "strike"}
HIDDEN_CLASSES = frozenset({
    "hidden", "hide", "d-none", "is-hidden", "aok-hidden", "visually-hidden", "visuallyhidden",
    "sr-only", "screen-reader-text", "a-offscreen", "offscreen", "u-hidden", "invisible",
    "hidden-xs-up", "sr-text", "hiddenText",
})  # fmt: skip
HIDDEN_STYLE = re.compile(r"(?<![-\w])(display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
STRUCK_STYLE = re.compile(r"line-through", re.I)
MAX_READ_CHARS = 8_000_000  # pages larger than this are read for structured data only
MAX_PRICE_TEXT = 48  # longer texts are sentences that mention a price, read apart
MAX_LABEL_LETTERS = 16  # letters besides the currency in a price element ("Current bid:")
# "+ £4.50", "-$80.00": an amount added or taken off, not a price.
DISCOUNT = re.compile(r"^[^\d]*?(^|\s|:)[+\-−–]\s?\D{0,4}\d")
# "£2m", "$1.5 billion": an amount of money in a sentence, not a price.
MAGNITUDE = re.compile(r"\d\s?(m|k|bn|mn|mio|mrd|million|billion|millionen|milliarden)\b", re.I)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_TAGS = {"div", "section", "article", "main", "li", "td", "tr", "dd", "dl", "form",
              "aside", "ul", "ol", "table", "tbody", "p", "body", "fieldset"}  # fmt: skip

_WORD_SPLIT = re.compile(r"[-_]+|(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=8192)
def _words(value: str) -> frozenset[str]:
    found: set[str] = set()
    for token in value.split():
        found.add(token.lower().replace("-", "").replace("_", ""))
        for part in _WORD_SPLIT.split(token):
            if part:
                found.add(part.lower())
    return frozenset(found)


def words(value: str | None) -> set[str]:
    """The lower-case words of a class list or id, split on ``-``, ``_`` and camelCase."""
    return set(_words(value)) if value else set()


def norm(text: str | None) -> str:
    """Whitespace-collapsed text."""
    return " ".join((text or "").split())


def fold_text(text: str | None) -> str:
    """Text for comparisons: Unicode-normalised, case-folded, whitespace-collapsed."""
    return norm(unicodedata.normalize("NFKC", text or "").casefold())


def title_tokens(text: str | None) -> set[str]:
    """Words of a title for comparing titles; CJK runs as character pairs."""
    folded = fold_text(text)
    tokens: set[str] = set()
    for word in re.findall(r"\w+", folded):
        if re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]", word):
            tokens.update(word[i : i + 2] for i in range(max(1, len(word) - 1)))
        else:
            tokens.add(word)
    return tokens


def similarity(candidate: str | None, reference: str | None) -> float:
    """Share of the candidate's words found in the reference (0 to 1)."""
    a, b = title_tokens(candidate), title_tokens(reference)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a)


def css_path(element: HtmlElement) -> str:
    """A CSS selector that finds exactly this element: from the nearest ancestor with a
    unique-looking id, by tag and position (``#main > div:nth-of-type(2) > span``)."""
    steps: list[str] = []
    node: HtmlElement | None = element
    while node is not None and isinstance(node.tag, str):
        ident = node.get("id")
        if ident and re.fullmatch(r"[A-Za-z][\w-]*", ident):
            steps.append(f"#{ident}")
            break
        parent = node.getparent()
        if parent is None:
            steps.append(node.tag)
            break
        same = [c for c in parent if c.tag == node.tag]
        steps.append(
            node.tag if len(same) == 1 else f"{node.tag}:nth-of-type({same.index(node) + 1})"
        )
        node = parent
    return " > ".join(reversed(steps))


@dataclass
class Mention:
    """A price the page shows, with what its markup and its neighbourhood say about it."""

    element: HtmlElement
    amount: Decimal
    symbol: str | None
    text: str
    position: int
    inline: bool = False  # found inside a longer text (a caption, a sentence)
    struck: bool = False
    chrome: bool = False
    option: bool = False  # a choice in a <select>
    elsewhere: bool = False  # in a carousel or list of other products
    elsewhere_in: list[HtmlElement] = field(default_factory=list)  # the elements saying so
    linked: bool = False  # inside a link
    side: bool = False  # member, coupon, instalment, shipping, converted...
    priceish: bool = False  # the markup calls it a price
    current: bool = False  # the markup calls it the current, sale or final price
    bid: str | None = None  # "current-bid" or "starting-bid"
    bids: int | None = None
    label: str = ""

    @property
    def secondary(self) -> bool:
        """Not the price a buyer pays: struck, member-only, in a list of options..."""
        return self.struck or self.side or self.option


@dataclass
class Action:
    """A buy, bid or contact control."""

    element: HtmlElement
    text: str
    position: int
    kind: str  # buy | bid | contact


ACTION_TAGS = {"button", "input", "a"}
LOGO = re.compile(r"logo|brand|site-?name|masthead", re.I)


@dataclass
class Heading:
    """The page's main heading: the element naming what the page is about."""

    element: HtmlElement
    text: str
    position: int
    how: str


@dataclass
class PageView:
    """A parsed page and what a reader sees of it."""

    html: str
    url: str
    root: HtmlElement = field(init=False)

    def __post_init__(self) -> None:
        parser = lxml.html.HTMLParser(encoding="UTF-8")
        self.root = lxml.html.fromstring(self.html.encode("utf-8", "replace"), parser=parser)

    # -- the tree --------------------------------------------------------------------------

    @cached_property
    def order(self) -> dict[HtmlElement, int]:
        """Document position of every element."""
        return {el: i for i, el in enumerate(self._elements)}

    @cached_property
    def lang(self) -> str | None:
        """The page's declared language (``<html lang>``, else the content-language meta)."""
        lang = self.root.get("lang") or self.root.get("xml:lang")
        if not lang:
            metas = self.root.xpath("//meta[@http-equiv][@content]")
            lang = next(
                (
                    m.get("content")
                    for m in metas
                    if m.get("http-equiv").lower() == "content-language"
                ),
                None,
            )
        return lang.strip() if lang else None

    def meta(self, *names: str) -> str | None:
        """The first non-empty ``<meta property|name=...>`` content among ``names``."""
        wanted = {n.lower() for n in names}
        for node in self.root.iter("meta"):
            key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
            if key in wanted and norm(node.get("content")):
                return norm(node.get("content"))
        return None

    @cached_property
    def document_title(self) -> str | None:
        """The ``<title>`` text."""
        found = self.root.find(".//title")
        return norm(found.text_content()) if found is not None else None

    @cached_property
    def _hidden(self) -> set[HtmlElement]:
        """Every element the markup hides: those that say so, and everything inside them."""
        hidden: set[HtmlElement] = set()
        for el in self._elements:
            if el in hidden:
                continue
            style = el.get("style")
            kind = el.get("type")
            classes = el.get("class")
            if (
                el.tag in SKIP_TAGS
                or el.get("hidden") is not None
                or (kind is not None and kind.lower() == "hidden")
                or (style is not None and HIDDEN_STYLE.search(style) is not None)
                or (classes is not None and not HIDDEN_CLASSES.isdisjoint(classes.split()))
            ):
                hidden.update(el.iter())
        return hidden

    @cached_property
    def _chrome(self) -> set[HtmlElement]:
        """Every element in the page's header, navigation or footer."""
        chrome: set[HtmlElement] = set()
        for el in self._elements:
            if el in chrome:
                continue
            role = el.get("role")
            if el.tag in CHROME_TAGS or (role is not None and role.lower() in CHROME_ROLES):
                chrome.update(el.iter())
        return chrome

    @cached_property
    def _elements(self) -> list[HtmlElement]:
        """Every element in document order; none on a page too large to read element by
        element (its structured data is still read)."""
        if self.oversized:
            return []
        return [el for el in self.root.iter() if isinstance(el.tag, str)]

    @property
    def oversized(self) -> bool:
        """Whether the page is too large to read beyond its structured data."""
        return len(self.html) > MAX_READ_CHARS

    def hidden(self, el: HtmlElement) -> bool:
        """Whether the markup hides the element."""
        return el in self._hidden or not isinstance(el.tag, str)

    def chrome(self, el: HtmlElement) -> bool:
        """Whether the element sits in the page's header, navigation or footer."""
        return el in self._chrome

    def visible(self) -> Iterator[HtmlElement]:
        """Visible elements in document order."""
        hidden = self._hidden
        for el in self._elements:
            if el not in hidden:
                yield el

    def text_of(self, el: HtmlElement) -> str:
        """The visible text of an element (hidden descendants left out)."""
        parts: list[str] = []
        if not isinstance(el.tag, str):
            return ""
        walker = etree.iterwalk(el, events=("start", "end"))
        for event, node in walker:  # not recursive: pages may nest thousands deep
            if event == "start":
                if self.hidden(node) or not isinstance(node.tag, str):
                    walker.skip_subtree()
                else:
                    parts.append(node.text or "")
            elif node is not el:
                parts.append(node.tail or "")
        return norm(" ".join(parts))

    @cached_property
    def short_texts(self) -> dict[HtmlElement, str]:
        """The visible text of every element whose text is short (price-sized), joined
        without separators as inline markup renders it (``$<b>179</b>.00``)."""
        texts: dict[HtmlElement, str] = {}
        long: set[HtmlElement] = set()
        for el in reversed(list(self.root.iter())):
            if not isinstance(el.tag, str) or self.hidden(el):
                continue
            parts = [el.text or ""]
            too_long = False
            for child in el:
                if isinstance(child.tag, str) and not self.hidden(child):
                    if child in long:
                        too_long = True
                        break
                    piece = texts.get(child, "")
                    if _cents(child, piece, parts):
                        piece = "." + piece  # R$399<sup>90</sup> is R$399.90
                    # block-level children are separate words
                    parts.append(
                        f" {piece} " if child.tag in BLOCK_TAGS or child.tag == "br" else piece
                    )
                parts.append(child.tail or "")
            text = "" if too_long else norm("".join(parts))
            if too_long or len(text) > MAX_PRICE_TEXT * 3:
                long.add(el)
            else:
                texts[el] = text
        return texts

    # -- what the page is about ------------------------------------------------------------

    def references(self, extra: list[str] | None = None) -> list[str]:
        """Titles the page gives itself elsewhere: og:title, twitter:title, ``<title>``."""
        found = [
            self.meta("og:title"),
            self.meta("twitter:title"),
            self.document_title,
            *(extra or []),
        ]
        return [t for t in found if t]

    def heading(self, names: list[str] | None = None) -> Heading | None:
        """The main heading: the visible ``<h1>`` (not a logo, not in the page chrome) that
        best matches the titles the page gives itself; failing that the heading or
        title-like element that matches them best."""
        if self.oversized:
            return None
        references = self.references(names)
        best: tuple[float, int, Heading] | None = None
        for el in self.root.iter("h1"):
            if self.hidden(el) or self._logo(el):
                continue
            text = self.text_of(el)
            if len(text) < 2:
                continue
            score = max((similarity(text, r) for r in references), default=0.0)
            if self.chrome(el):
                score -= 0.5
            pos = self.order[el]
            key = (score, -pos)
            if best is None or key > best[:2]:
                best = (score, -pos, Heading(el, text, pos, "the page's main heading (h1)"))
        if best is not None and best[0] >= 0.3:
            return best[2]
        fallback = self._titled_element(references)
        if fallback is not None:
            return fallback
        return best[2] if best is not None and best[0] >= 0 else None

    def _logo(self, el: HtmlElement) -> bool:
        attrs = " ".join(el.get(a) or "" for a in ("class", "id"))
        if LOGO.search(attrs):
            return True
        link = el.find(".//a")
        return (
            link is not None
            and (link.get("href") or "").rstrip("/") in ("", "/")
            and len(self.text_of(el)) < 30
        )

    def _titled_element(self, references: list[str]) -> Heading | None:
        """A heading (h2, h3) or an element whose class, id or itemprop says title or name,
        whose text matches the page's own titles best."""
        if not references:
            return None
        best: tuple[float, int, HtmlElement] | None = None
        for el in self.root.iter("h2", "h3", "div", "span", "p", "strong", "b"):
            if self.hidden(el) or self.chrome(el):
                continue
            tag = el.tag
            if tag not in ("h2", "h3"):
                marks = words(el.get("class")) | words(el.get("id")) | words(el.get("itemprop"))
                marks |= words(el.get("data-testid")) | words(el.get("data-qa"))
                if not marks & {"title", "name", "productname", "producttitle", "itemtitle",
                                "subject", "heading", "goodsname"}:  # fmt: skip
                    continue
            text = self.short_texts.get(el) or self.text_of(el)
            if not 3 <= len(text) <= 300:
                continue
            score = max(max(similarity(text, r), similarity(r, text)) for r in references)
            pos = self.order[el]
            if best is None or (score, -pos) > best[:2]:
                best = (score, -pos, el)
        if best is None or best[0] < 0.5:
            return None
        el = best[2]
        return Heading(el, self.text_of(el), self.order[el],
                       f"the {el.tag} element matching the page's own title")  # fmt: skip

    # -- prices ----------------------------------------------------------------------------

    @cached_property
    def mentions(self) -> list[Mention]:
        """Every price the page shows, innermost element first, in document order."""
        found: list[Mention] = []
        texts = self.short_texts
        claimed: set[HtmlElement] = set()
        # A number the markup calls a price but printed without its currency (``189.`` of
        # ``$<span>189.</span><span>99</span>``) gives way to an ancestor showing it whole.
        weak: dict[HtmlElement, Mention] = {}
        for el in reversed(list(self.visible())):
            text = texts.get(el)
            if el in claimed:
                parent = el.getparent()
                if parent is not None:
                    claimed.add(parent)
                continue
            if text is None or not text or len(text) > MAX_PRICE_TEXT:
                continue
            mention = self._mention(el, text)
            if mention is None:
                continue
            if mention.symbol is None:
                weak[el] = mention
                continue
            for child in el.iterdescendants():
                weak.pop(child, None)
            found.append(mention)
            node = el.getparent()
            if node is not None:
                claimed.add(node)
        for el, mention in weak.items():
            if not any(a in weak for a in self.ancestors(el)[1:]):
                found.append(mention)
        found.extend(self._inline_mentions())
        found.sort(key=lambda m: m.position)
        return _dedupe(found)

    def _mention(self, el: HtmlElement, text: str) -> Mention | None:
        marks = self._marks(el)
        parsed = prices.parse(text)
        if parsed is None or parsed.amount <= 0:
            return None
        letters = re.sub(r"[\d\s.,:\-–'’]", "", prices.fold(text))
        if parsed.symbol is None:
            if not marks & CLASS_PRICE or len(letters) > 3:
                return None
        elif len(letters) - len(parsed.symbol) > MAX_LABEL_LETTERS:
            return None
        if MAGNITUDE.search(text):
            return None
        mention = Mention(el, parsed.amount, parsed.symbol, text, self.order[el])
        self._describe(mention, marks)
        return mention

    def _inline_mentions(self) -> list[Mention]:
        """Prices inside longer texts (a caption, a heading): a number right next to a
        currency symbol or code."""
        found = []
        for el in self.visible():
            own = norm(el.text)
            if not own or len(own) <= MAX_PRICE_TEXT:
                continue
            folded = prices.fold(own)
            for match in _INLINE.finditer(folded):
                parsed = prices.parse(match.group(0))
                if parsed is None or parsed.amount <= 0 or parsed.symbol is None:
                    continue
                if MAGNITUDE.match(folded[match.end() - 1 :]):
                    continue
                mention = Mention(el, parsed.amount, parsed.symbol, match.group(0).strip(),
                                  self.order[el], inline=True)  # fmt: skip
                self._describe(mention, self._marks(el))
                found.append(mention)
        return found

    def _marks(self, el: HtmlElement) -> set[str]:
        """The words of an element's class, id, itemprop and data- attribute names."""
        found = self._marks_cache.get(el)
        if found is None:
            found = (
                words(el.get("class"))
                | words(el.get("id"))
                | words(el.get("itemprop"))
                | {k[5:].lower() for k in el.keys() if k.startswith("data-")}
            )
            self._marks_cache[el] = found
        return found

    @cached_property
    def _marks_cache(self) -> dict[HtmlElement, set[str]]:
        return {}

    def _describe(self, mention: Mention, own: set[str]) -> None:
        """What the price's markup and neighbourhood say about it."""
        el = mention.element
        mention.chrome = self.chrome(el)
        mention.priceish = bool(own & CLASS_PRICE) or el.get("itemprop") == "price"
        node: HtmlElement | None = el
        depth = 0
        while node is not None and isinstance(node.tag, str) and node.tag not in ("body", "html"):
            tag = node.tag
            marks = self._marks(node)
            near = depth <= 3
            if tag in STRUCK_TAGS or STRUCK_STYLE.search(node.get("style") or ""):
                mention.struck = True
            if (node.get("data-a-strike") or "").lower() == "true":
                mention.struck = True
            if near and marks & CLASS_OLD:
                mention.struck = True
            if near and marks & CLASS_SIDE:
                mention.side = True
            if near and marks & CLASS_PRICE:
                mention.priceish = True
            if near and marks & CLASS_CURRENT:
                mention.current = True
            if marks & CLASS_ELSEWHERE and tag not in ("html",):
                mention.elsewhere = True
                mention.elsewhere_in.append(node)
            if tag in ("option", "select"):
                mention.option = True
            if tag == "a" and node.get("href"):
                mention.linked = True
            node = node.getparent()
            depth += 1
        label = self._label(el, mention.text)
        mention.label = label
        after = self._after(el)
        if LABEL_OLD.search(label):
            mention.struck = True
        if LABEL_SIDE.search(label) or AFTER_SIDE.match(after) or DISCOUNT.search(mention.text):
            mention.side = True
        if LABEL_CURRENT.search(label):
            mention.current = True
        if LABEL_START.search(label):
            mention.bid = "starting-bid"
        elif LABEL_BID.search(label):
            mention.bid = "current-bid"
        if mention.bid:
            mention.current = True
            count = LABEL_BIDS.search(after)
            if count:
                mention.bids = int(count.group(1))
                if mention.bids == 0 and mention.bid == "current-bid":
                    mention.bid = "starting-bid"

    def _label(self, el: HtmlElement, text: str) -> str:
        """The visible words just before a price within its small block (its label, such as
        ``Was:`` or ``Current bid:``), and the price element's own text. The label ends at
        a heading and at the previous price."""
        before: list[str] = []
        node = el
        for _ in range(3):
            prev = node.getprevious()
            while prev is not None and len(" ".join(before)) < 40:
                if isinstance(prev.tag, str):
                    if prev.tag in HEADINGS or prev.find(".//h1") is not None:
                        return self._label_text(before, text)
                    if not self.hidden(prev):
                        before.insert(
                            0, self.short_texts.get(prev, "")[-60:] + " " + norm(prev.tail)
                        )
                prev = prev.getprevious()
            parent = node.getparent()
            if len(" ".join(before)) >= 40 or parent is None or parent.tag in ("body", "html"):
                break
            if parent.text and parent.text.strip():
                before.insert(0, norm(parent.text))
            node = parent
        return self._label_text(before, text)

    @staticmethod
    def _label_text(before: list[str], text: str) -> str:
        joined = norm(" ".join(before))
        previous = list(_INLINE.finditer(prices.fold(joined)))
        if previous:  # the label of a price ends where the previous price is, and a
            # parenthesis right after that price belongs to it ("$299.99 (Reg) $179.99")
            joined = re.sub(r"^\s*\([^)]{0,24}\)", "", joined[previous[-1].end() :])
        return norm(joined[-60:] + " " + text)

    def _after(self, el: HtmlElement) -> str:
        """Short visible text following a price (``23 bids``, ``+ £4.50 shipping``)."""
        parts = [norm(el.tail)]
        node: HtmlElement | None = el
        for _ in range(2):
            if node is None:
                break
            sibling = node.getnext()
            while sibling is not None and len(" ".join(parts)) < 80:
                if isinstance(sibling.tag, str) and not self.hidden(sibling):
                    parts.append(self.short_texts.get(sibling, "")[:80])
                sibling = sibling.getnext()
            node = node.getparent()
        return " ".join(parts)[:160]

    # -- actions ---------------------------------------------------------------------------

    @cached_property
    def actions(self) -> list[Action]:
        """Buy, bid and contact controls in the main content (not the page chrome)."""
        found: list[Action] = []
        for el in self.visible():
            tag = el.tag
            if tag not in ACTION_TAGS and (el.get("role") or "") != "button":
                continue
            if tag == "input" and (el.get("type") or "").lower() not in (
                "submit",
                "button",
                "image",
            ):
                continue
            if self.chrome(el):
                continue
            text = norm(el.get("value") if tag == "input" else self.text_of(el)) or norm(
                el.get("aria-label") or el.get("title")
            )
            attrs = " ".join(el.get(a) or "" for a in ("id", "name", "class", "data-testid"))
            kind = next(
                (
                    k
                    for k, pattern in ACTION_WORDS.items()
                    if text and len(text) < 60 and pattern.search(text)
                ),
                None,
            )
            if kind is None and ACTION_ATTRS.search(attrs):
                kind = (
                    "bid"
                    if re.search(r"bid|offer", attrs, re.I)
                    else ("contact" if re.search(r"contact|message", attrs, re.I) else "buy")
                )
            if kind is not None:
                found.append(Action(el, text or attrs, self.order[el], kind))
        return found

    # -- neighbourhoods --------------------------------------------------------------------

    def ancestors(self, el: HtmlElement) -> list[HtmlElement]:
        """The element and its ancestors, innermost first."""
        chain = []
        node: HtmlElement | None = el
        while node is not None and isinstance(node.tag, str):
            chain.append(node)
            node = node.getparent()
        return chain

    def common_ancestor(self, a: HtmlElement, b: HtmlElement) -> HtmlElement:
        """The innermost element containing both."""
        seen = set(self.ancestors(a))
        for node in self.ancestors(b):
            if node in seen:
                return node
        return self.root

    def in_repeated_item(self, el: HtmlElement, stop: HtmlElement) -> bool:
        """Whether the element sits (below ``stop``) in one of several sibling items alike in
        tag and class that each show a price and link elsewhere: a tile of a result list or
        of a carousel, not the product the page is about."""
        for node in self.ancestors(el):
            if node is stop:
                return False
            parent = node.getparent()
            if parent is None:
                return False
            alike = [
                s for s in parent
                if isinstance(s.tag, str) and s.tag == node.tag
                and s.get("class") == node.get("class")
            ]  # fmt: skip
            if len(alike) >= 3:
                priced = sum(1 for s in alike if self._has_price_and_link(s))
                if priced >= 3:
                    return True
        return False

    def _has_price_and_link(self, el: HtmlElement) -> bool:
        has_link = el.tag == "a" or el.find(".//a[@href]") is not None
        if not has_link:
            return False
        return any(
            m.element is el or el in self.ancestors(m.element)
            for m in self._mention_index.get(el, [])
        )

    @cached_property
    def _mention_index(self) -> dict[HtmlElement, list[Mention]]:
        index: dict[HtmlElement, list[Mention]] = {}
        for m in self.mentions:
            for node in self.ancestors(m.element):
                index.setdefault(node, []).append(m)
        return index

    def mentions_in(self, el: HtmlElement) -> list[Mention]:
        """The price mentions inside an element."""
        return self._mention_index.get(el, [])


_INLINE = re.compile(
    r"(?:(?:US|AU|CA|NZ|HK|NT|R|S|C|A)?\$|[€£¥₹₩₽₺₫₦₪฿]|R\$|Rp|RM)\s?\d[\d.,\s]*\d?|"
    r"\d[\d.,\s]*\s?(?:€|£|zł|Kč|₽|₺|TL|руб\.?|₫|원|円|元|kr|:-|ر\.س|د\.إ|บาท)"
    r"|\b(?:EUR|USD|GBP|CHF|PLN|SEK|NOK|DKK|JPY|CNY|AUD|CAD|BRL|MXN|INR|TRY|RUB)\s?\d[\d.,]*",
)


CENTS_CLASSES = {"cents", "cent", "fraction", "decimals", "decimal", "pennies", "kopecks"}


def _cents(child: HtmlElement, piece: str, before: list[str]) -> bool:
    """Whether a child shows the cents of the amount before it without a separator
    (``<sup>90</sup>``, ``<span class="price__cents">90</span>``)."""
    if not re.fullmatch(r"\d{2}", piece):
        return False
    so_far = "".join(before).rstrip()
    if not so_far or not so_far[-1].isdigit():
        return False
    return child.tag == "sup" or bool(words(child.get("class")) & CENTS_CLASSES)


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per shown price: twins (a screen-reader copy and the visible one) of
    the same amount inside one small block are kept once."""
    out: list[Mention] = []
    for m in mentions:
        twin = next(
            (
                o for o in out[-3:]
                if o.amount == m.amount and not o.inline and not m.inline
                and m.position - o.position < 8 and o.struck == m.struck
            ),
            None,
        )  # fmt: skip
        if twin is None:
            out.append(m)
    return out


def text_content(el: etree._Element) -> str:
    """All text of an element (hidden or not), whitespace-collapsed."""
    return norm(el.text_content()) if isinstance(el, HtmlElement) else ""
