"""Turn the fathom-products samples into a development set the evaluator reads.

The samples (Swathi Iyer's 2017 Mozilla "fathom-products" work, MPL-2.0 per its package.json)
are product pages saved from 75 US shops, each with the HTML of the title, price and image
elements a person picked. This writes ``pages/*.html`` and ``labels.json`` in the corpus's
format under ``--out`` (outside the repository: the pages are the shops' content and are
never committed). Labels are derived automatically: the price from the price element's
``content``/``data-sale-price`` attribute or else its text, the currency only when a ``$``
shows, the title from the title element's text (for a ``<title>``, its longest part, which drops
the shop's name). A few are known to be rough (see README).

    python -m tests.corpus.realweb.generate.fathom \
        --git-dir /work/.mirror/swathiiyer2+fathom-products/repo \
        --out /work/shared/devsets/fathom-products
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import lxml.html
from price_parser import Price

SPLITS = ("product_classification_test_data", "product_classification_training_data")
MAX_BYTES = 2_500_000


def git(git_dir: Path, *args: str) -> bytes:
    """Output of a git command run against a bare repository."""
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True
    ).stdout


def show(git_dir: Path, path: str) -> bytes | None:
    """A file at HEAD, or None when it is not there."""
    try:
        return git(git_dir, "show", f"HEAD:{path}")
    except subprocess.CalledProcessError:
        return None


def fragment_text(data: bytes) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML fragment, and price-like attributes found in it."""
    tree = lxml.html.fragment_fromstring(data.decode("utf-8", "replace"), create_parent="div")
    attrs: dict[str, str] = {}
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name in ("content", "data-sale-price"):
            value = element.get(name)
            if value and element.get("itemprop", "price") == "price" and re.search(r"\d", value):
                attrs.setdefault(name, value)
    for bad in tree.xpath(".//script|.//style|.//div[contains(@class,'reviews')]"):
        bad.getparent().remove(bad)
    return " ".join(tree.text_content().split()), attrs


def label_for(git_dir: Path, split: str, name: str) -> tuple[dict[str, Any], bytes] | None:
    """The label and page bytes of one sample, or None when it cannot be labelled."""
    base = f"{split}/{name}"
    page = show(git_dir, f"{base}/source.html")
    price_html = show(git_dir, f"{base}/expected-price.html")
    title_html = show(git_dir, f"{base}/expected-title.html")
    if page is None or price_html is None or title_html is None or len(page) > MAX_BYTES:
        return None
    text, attrs = fragment_text(price_html)
    raw = attrs.get("content") or attrs.get("data-sale-price") or text
    amount = Price.fromstring(raw).amount
    if not amount:  # an attribute of 0 is a placeholder the page fills in later
        raw = text
        amount = Price.fromstring(raw).amount
    if not amount:
        return None
    title, _ = fragment_text(title_html)
    full_title = title
    if title_html.lstrip().lower().startswith(b"<title"):
        # a <title> carries the shop's name too: keep its longest part, the product's name
        title = max(re.split(r"\s[|:\u2013\u2014-]\s|\|", title), key=len).strip()
    charset = "utf-8"
    try:
        page.decode("utf-8")
    except UnicodeDecodeError:
        charset = "windows-1252"
    head = page[:200_000].decode(charset, "replace")
    match = re.search(
        r'<link[^>]+rel="canonical"[^>]+href="([^"]+)"|<meta[^>]+og:url[^>]+content="([^"]+)"', head
    )
    url = html.unescape(next((g for g in match.groups() if g), "")) if match else ""
    if not re.fullmatch(r"https?://[^\s'\"+]+", url):
        url = f"https://www.{re.sub(r'[^a-z0-9]', '', name.lower())}.com/"
    split_tag = "test" if "test" in split else "training"
    label: dict[str, Any] = {
        "file": f"{split_tag}-{re.sub(r'[^A-Za-z0-9_.-]', '_', name)}.html",
        "url": url,
        "kind": "listing",
        "platform": name,
        "lang": "en",
        "title": title,
        "title_full": full_title,
        "price": str(amount),
        "currency": "USD" if "$" in text else None,
        "features": ["fathom-products", f"fathom-{split_tag}"],
        "source": f"{base} ({'attribute' if raw is not text else 'element text'})",
    }
    if charset != "utf-8":
        label["charset"] = charset
    return label, page


def main(argv: list[str] | None = None) -> None:
    """Write the dev set."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--git-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    (args.out / "pages").mkdir(parents=True, exist_ok=True)
    labels = []
    skipped = []
    for split in SPLITS:
        names = git(args.git_dir, "ls-tree", "-d", "--name-only", f"HEAD:{split}").decode()
        for name in names.split():
            made = label_for(args.git_dir, split, name)
            if made is None:
                skipped.append(f"{split}/{name}")
                continue
            label, page = made
            (args.out / "pages" / label["file"]).write_bytes(page)
            labels.append(label)
    (args.out / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n")
    commit = git(args.git_dir, "rev-parse", "HEAD").decode().strip()
    (args.out / "SOURCE.md").write_text(
        "# fathom-products development set\n\n"
        f"From https://github.com/swathiiyer2/fathom-products at {commit} (2017, Swathi Iyer,\n"
        "Mozilla; package.json declares MPL-2.0, the repository has no LICENSE file). The pages\n"
        "are the shops' own content, saved for research: use them for development only and never\n"
        "commit them. Labels were derived automatically by\n"
        "tests/corpus/realweb/generate/fathom.py.\n\n"
        f"{len(labels)} pages labelled; skipped (too large or no usable price/title): "
        f"{', '.join(skipped) or 'none'}.\n"
    )
    print(f"{len(labels)} pages written to {args.out}; {len(skipped)} skipped")


if __name__ == "__main__":
    main()
