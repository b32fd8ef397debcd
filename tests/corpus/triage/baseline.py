"""Today's triage on the labelled multi-concern corpus, without a browser or a database.

``python -m tests.corpus.triage.baseline`` prints a Markdown report: per concern, the ROC AUC
of the single suspicion score against that concern's listings vs the genuine ones; contacts
found vs expected (at the shipped phone leniency and at "possible"); and which seller networks,
across the two sites, ``jasper network`` would draw. It builds the same
:class:`~evidence.triage.corpus.Corpus` that ``load_corpus`` builds from a crawl (text as the
demo pages carry it, images rendered and hashed as they are served) and calls
:func:`~evidence.triage.score.score_listing` and :func:`~evidence.triage.network.clusters`.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace

import yaml

from crawler.demo.images import render_png
from evidence.triage.contacts import Contact, extract_contacts
from evidence.triage.corpus import Corpus, ListingFacts, SellerKey
from evidence.triage.evaluation import roc_auc
from evidence.triage.images import ImageHashes, find_matches, hash_image
from evidence.triage.network import clusters
from evidence.triage.rules import DATA, Rules, load_rules
from evidence.triage.score import Scored, combine, score_listing
from evidence.triage.signals import ListingText, vocabulary
from tests.corpus.triage.loader import (
    CONCERNS,
    PHONE_KINDS,
    CorpusListing,
    TriageCorpus,
    load_corpus,
)

# Today's contact kinds, as the corpus names them.
_KIND = {"cashapp": "payment", "venmo": "payment", "revolut": "payment", "bitcoin": "payment",
         "usdt": "payment", "viber": "whatsapp"}  # fmt: skip
Seller = tuple[str, str]


def build_corpus(corpus: TriageCorpus, rules: Rules, leniency: str | None = None) -> Corpus:
    """The triage corpus ``load_corpus`` would build from a crawl of both sites."""
    facts: dict[int, ListingFacts] = {}
    for n, x in enumerate(corpus.listings, 1):
        text = ListingText(x.title, x.description, x.seller, x.price, x.currency)
        found = extract_contacts(text.text, rules.default_region, leniency or rules.leniency)
        owner = f"listing:{n}"
        images = [
            replace(hash_image(render_png(name), owner), source_url=name) for name in x.image_names
        ]
        url = f"http://site-{x.site}.test/item/{x.slug}"
        facts[n] = ListingFacts(n, url, n, SellerKey(x.site, x.seller), text, found, images)
    references: dict[str, tuple[str, ImageHashes]] = {}
    for brand, names in corpus.references.items():
        for name in names:
            owner = f"reference:{len(references) + 1}"
            references[owner] = (brand, hash_image(render_png(name), owner))
    images = [i for f in facts.values() for i in f.images] + [h for _, h in references.values()]
    matches = [
        m
        for m in find_matches(images, rules.image_thresholds)
        if not (m.a.owner.startswith("reference:") and m.b.owner.startswith("reference:"))
    ]
    return Corpus(facts, references, matches)


@dataclass
class ContactTally:
    """Contacts found vs expected over the corpus."""

    expected: Counter[str]
    exact: Counter[str]  # found with the right kind and value
    value_only: Counter[str]  # found with the right value, any kind
    false_phones: list[tuple[str, str]]
    false_other: list[tuple[str, str, str]]
    missed: list[tuple[str, str, str]]


def tally_contacts(corpus: TriageCorpus, found: dict[str, list[Contact]]) -> ContactTally:
    """Compare extracted contacts with each listing's expected ones."""
    t = ContactTally(Counter(), Counter(), Counter(), [], [], [])
    for x in corpus.listings:
        got = {(_KIND.get(c.kind, c.kind), c.value) for c in found[x.slug]}
        values = {v for _, v in got}
        want = {(c.kind, c.value) for c in x.contacts}
        for c in x.contacts:
            t.expected[c.kind] += 1
            t.exact[c.kind] += (c.kind, c.value) in got
            t.value_only[c.kind] += c.value in values
            if c.value not in values:
                t.missed.append((x.slug, c.kind, c.value))
        phones = {c.value for c in x.contacts if c.kind in PHONE_KINDS}
        for kind, value in sorted(got - want):
            if kind in PHONE_KINDS:
                if value not in phones:
                    t.false_phones.append((x.slug, value))
            elif value not in {c.value for c in x.contacts}:
                t.false_other.append((x.slug, kind, value))
    return t


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.0%})" if b else "-"


def concern_lines(corpus: TriageCorpus, scores: dict[str, Scored]) -> Iterator[str]:
    """Per concern: AUC of the single score, its listings vs genuine ones."""
    genuine = [x for x in corpus.listings if x.labels.genuine]
    yield "| concern | listings | genuine | ROC AUC | score >= 0.5 | no reason at all |"
    yield "|---|---|---|---|---|---|"
    for concern in CONCERNS:
        pos = [x for x in corpus.listings if x.labels.of(concern)]
        both = pos + genuine
        auc = roc_auc([scores[x.slug].score for x in both], [x in pos for x in both])
        flagged = sum(scores[x.slug].score >= 0.5 for x in pos)
        silent = sum(not scores[x.slug].reasons for x in pos)
        yield (f"| {concern} | {len(pos)} | {len(genuine)} | {auc:.3f} | "
               f"{_pct(flagged, len(pos))} | {_pct(silent, len(pos))} |")  # fmt: skip
    false = sum(scores[x.slug].score >= 0.5 for x in genuine)
    yield ""
    yield f"Genuine listings at score >= 0.5: {_pct(false, len(genuine))}."


def language_lines(corpus: TriageCorpus, scores: dict[str, Scored]) -> Iterator[str]:
    """Suspicious listings with no reason at all, by language."""
    silent: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for x in corpus.listings:
        if not x.labels.genuine:
            total[x.lang] += 1
            silent[x.lang] += not scores[x.slug].reasons
    yield "| language | suspicious listings | with no reason |"
    yield "|---|---|---|"
    for lang, n in total.most_common():
        yield f"| {lang} | {n} | {_pct(silent[lang], n)} |"


def contact_lines(corpus: TriageCorpus, rules: Rules, leniency: str) -> Iterator[str]:
    """Recall per kind and the false phones, at one phone leniency."""
    found = {
        x.slug: extract_contacts(x.text, rules.default_region, leniency) for x in corpus.listings
    }
    t = tally_contacts(corpus, found)
    yield "| kind | expected | found (kind and value) | found (value, any kind) |"
    yield "|---|---|---|---|"
    for kind, n in sorted(t.expected.items()):
        yield f"| {kind} | {n} | {_pct(t.exact[kind], n)} | {_pct(t.value_only[kind], n)} |"
    total = sum(t.expected.values())
    yield (f"| **all** | {total} | {_pct(sum(t.exact.values()), total)} | "
           f"{_pct(sum(t.value_only.values()), total)} |")  # fmt: skip
    yield ""
    yield (f"False phones: {len(t.false_phones)} in "
           f"{len({s for s, _ in t.false_phones})} listings; other false contacts: "
           f"{len(t.false_other)}.")  # fmt: skip
    if t.false_phones:
        shown = ", ".join(f"`{v}` ({s})" for s, v in t.false_phones[:12])
        yield f"False phones, first 12: {shown}."
    if t.false_other:
        yield (
            "Other false contacts: "
            + ", ".join(f"{k} `{v}` ({s})" for s, k, v in t.false_other)
            + "."
        )


def _expected_pairs(networks: dict[str, frozenset[Seller]]) -> set[frozenset[Seller]]:
    return {
        frozenset((a, b))
        for sellers in networks.values()
        for a in sellers
        for b in sellers
        if a[0] == "a" and b[0] == "b"
    }


def network_lines(corpus: TriageCorpus, built: Corpus, scores: dict[int, Scored]) -> Iterator[str]:
    """Expected networks vs the clusters ``jasper network`` would draw."""
    found = [
        (frozenset((s["site"], s["name"]) for s in c["sellers"]), c["links"])
        for c in clusters(built, scores)
    ]
    networks = corpus.expected_networks()
    member = {s: name for name, sellers in networks.items() for s in sellers}
    yield "| network | sellers (site:name) | sites | best cluster holds | exact |"
    yield "|---|---|---|---|---|"
    for name, sellers in sorted(networks.items()):
        best = max((len(sellers & c) for c, _ in found), default=0)
        exact = any(c == sellers for c, _ in found)
        shown = ", ".join(f"{s}:{n}" for s, n in sorted(sellers))
        sites = "+".join(sorted({s for s, _ in sellers}))
        yield f"| {name} | {shown} | {sites} | {best}/{len(sellers)} | {'yes' if exact else 'no'} |"
    pairs = _expected_pairs(networks)
    linked = {p for p in pairs if any(p <= c for c, _ in found)}
    yield ""
    yield f"Cross-site seller pairs linked: {_pct(len(linked), len(pairs))}."
    innocent = [
        (c, links) for c, links in found if any(s not in member for s in c)
    ]  # a cluster holding a seller of no network
    merged = [c for c, _ in found if len({member.get(s) for s in c} - {None}) > 1]
    yield f"Clusters found: {len(found)}; clusters merging two networks: {len(merged)}."
    if innocent:
        yield "Clusters holding sellers of no network (genuine or unlinked):"
        for c, links in innocent:
            values = ", ".join(f"{link['kind']} `{link['value'][:24]}`" for link in links)
            who = ", ".join(f"{s}:{n}" for s, n in sorted(c))
            yield f"- {who}, linked by {values}"
    else:
        yield "No seller outside a network is clustered."


def signal_lines(corpus: TriageCorpus, scores: dict[str, Scored]) -> Iterator[str]:
    """Which of today's signals fire on each concern's listings (and on genuine ones)."""
    groups = {c: [x for x in corpus.listings if x.labels.of(c)] for c in CONCERNS}
    groups["genuine"] = [x for x in corpus.listings if x.labels.genuine]
    yield "| listings | signals firing (listings with it) |"
    yield "|---|---|"
    for name, listings in groups.items():
        fired: Counter[str] = Counter()
        for x in listings:
            fired.update({s.name for s in scores[x.slug].signals})
        shown = ", ".join(f"{k} {v}" for k, v in sorted(fired.items(), key=lambda i: (-i[1], i[0])))
        yield f"| {name} ({len(listings)}) | {shown} |"


def _vocabulary_only(x: CorpusListing, rules: Rules) -> tuple[float, list[str]]:
    """The noisy-OR of the vocabulary signals alone, and the terms behind it."""
    text = ListingText(x.title, x.description, x.seller, x.price, x.currency)
    found = [s.as_json() for s in vocabulary(text, rules)]
    return combine(found, rules.weights)[0], [f["evidence"]["term"] for f in found]


def draft_lines(corpus: TriageCorpus, rules: Rules) -> Iterator[str]:
    """The draft piracy/unsafe files read by today's vocabulary matcher, alone."""
    yield "| file | concern | ROC AUC (vocabulary alone) | concern listings hit | genuine hit |"
    yield "|---|---|---|---|---|"
    genuine = [x for x in corpus.listings if x.labels.genuine]
    for concern in ("piracy", "unsafe"):
        path = DATA / f"{concern}.yaml"
        draft = yaml.safe_load(path.read_text(encoding="utf-8"))
        draft_rules = Rules(rules.doc | {"vocabulary": draft}, (str(path),))
        pos = [x for x in corpus.listings if x.labels.of(concern)]
        both = pos + genuine
        scored = {x.slug: _vocabulary_only(x, draft_rules) for x in both}
        auc = roc_auc([scored[x.slug][0] for x in both], [x in pos for x in both])
        hit = sum(bool(scored[x.slug][1]) for x in pos)
        false = [x for x in genuine if scored[x.slug][1]]
        yield (f"| {path.name} | {concern} | {auc:.3f} | {_pct(hit, len(pos))} | "
               f"{_pct(len(false), len(genuine))} |")  # fmt: skip
        for x in false:
            yield f"|  | genuine hit | {x.slug}: {', '.join(scored[x.slug][1])} | | |"


def report(corpus: TriageCorpus) -> Iterator[str]:
    """The whole baseline report, in Markdown."""
    rules = load_rules()
    built = build_corpus(corpus, rules)
    by_id = {n: score_listing(f, built, rules) for n, f in built.listings.items()}
    slugs = {n: x.slug for n, x in enumerate(corpus.listings, 1)}
    scores = {slugs[n]: s for n, s in by_id.items()}
    yield "### Concerns (today's single score)"
    yield ""
    yield from concern_lines(corpus, scores)
    yield ""
    yield from language_lines(corpus, scores)
    yield ""
    yield from signal_lines(corpus, scores)
    yield ""
    yield f"### Contacts, shipped leniency ({rules.leniency!r})"
    yield ""
    yield from contact_lines(corpus, rules, rules.leniency)
    yield ""
    yield "### Contacts, leniency 'possible' (the one-line change, for comparison)"
    yield ""
    yield from contact_lines(corpus, rules, "possible")
    yield ""
    yield "### Seller networks across the two sites (shipped leniency)"
    yield ""
    yield from network_lines(corpus, built, by_id)
    yield ""
    yield "### Seller networks at leniency 'possible' (for comparison)"
    yield ""
    loose = build_corpus(corpus, rules, "possible")
    loose_scores = {n: score_listing(f, loose, rules) for n, f in loose.listings.items()}
    yield from network_lines(corpus, loose, loose_scores)
    yield ""
    yield "### Draft signal files, read by today's vocabulary matcher alone"
    yield ""
    yield "Written alongside this corpus, so optimistic: a floor for the redesign, not a result."
    yield ""
    yield from draft_lines(corpus, rules)


def missed_contacts(corpus: TriageCorpus, leniency: str) -> list[tuple[str, str, str]]:
    """Expected contacts not found at ``leniency`` (slug, kind, value)."""
    rules = load_rules()
    found = {
        x.slug: extract_contacts(x.text, rules.default_region, leniency) for x in corpus.listings
    }
    return tally_contacts(corpus, found).missed


def main(argv: list[str] | None = None) -> None:
    """Print the report (``--missed``: also every expected contact not found)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missed", action="store_true", help="list missed contacts too")
    args = parser.parse_args(argv)
    corpus = load_corpus()
    for line in report(corpus):
        print(line)
    if args.missed:
        by_kind: defaultdict[str, list[str]] = defaultdict(list)
        for slug, kind, value in missed_contacts(corpus, load_rules().leniency):
            by_kind[kind].append(f"{value} ({slug})")
        print("\n### Missed contacts (shipped leniency)\n")
        for kind, items in sorted(by_kind.items()):
            print(f"- {kind}: " + "; ".join(items))


if __name__ == "__main__":
    main()
