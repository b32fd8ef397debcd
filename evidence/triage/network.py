"""Seller networks: sellers linked by a shared phone, e-mail, handle, payment handle, shop
domain or image, across sites.

A seller is identified by site and name. Sellers are nodes of a networkx graph; each shared
value adds edges between the sellers using it (phones by E.164 number, whether in an
allocated range or only possible; shop URLs and domains by registrable domain). Public
contacts (helplines) link nobody. A cluster is a connected component of two or more
sellers, so a seller sharing nothing with anyone is never clustered. Images match exactly
(same SHA-256, kind ``image``) or nearly (pHash/dHash, kind ``image-near``); a brand's
official reference image links nobody, since honest resellers reuse it too. Output: JSON,
GraphML, or a self-contained HTML page.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any, Protocol

import networkx as nx
from PIL import Image

from evidence.artefacts import ArtefactError, Artefacts
from evidence.triage import DISCLAIMER
from evidence.triage.corpus import Corpus, ListingFacts


class HasScore(Protocol):
    """A listing's triage as the network shows it (a stored or a fresh score)."""

    @property
    def score(self) -> float: ...

    @property
    def concern(self) -> str | None: ...


@dataclass(frozen=True)
class Link:
    """One value shared by listings of two or more sellers."""

    kind: str  # phone | email | handle | payment | domain | image | image-near
    value: str
    listings: tuple[int, ...]

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "listings": list(self.listings)}


def shared_links(corpus: Corpus) -> list[Link]:
    """Every contact or image used by listings of more than one seller."""
    links = []
    for value, uses in sorted(corpus.by_value.items()):
        listing_ids = sorted({lid for lid, _ in uses})
        if len({corpus.listings[lid].seller for lid in listing_ids}) > 1:
            links.append(Link(uses[0][1].family, value, tuple(listing_ids)))
    # Images: one node per SHA-256, an edge per near match; a component is one picture.
    images = nx.Graph()
    owners: dict[str, set[str]] = {}
    for facts in corpus.listings.values():
        for image in facts.images:
            images.add_node(image.sha256)
            owners.setdefault(image.sha256, set()).add(facts.owner)
    for _, hashes in corpus.references.values():
        images.add_node(hashes.sha256)
        owners.setdefault(hashes.sha256, set()).add(hashes.owner)
    for match in corpus.matches:
        if match.kind == "near":
            images.add_edge(match.a.sha256, match.b.sha256)
    for component in nx.connected_components(images):
        users = set().union(*(owners[d] for d in component))
        if any(o.startswith("reference:") for o in users):
            continue
        listing_ids = sorted(int(o.partition(":")[2]) for o in users)
        if len({corpus.listings[lid].seller for lid in listing_ids}) < 2:
            continue
        digests = sorted(component)
        kind = "image" if len(digests) == 1 else "image-near"
        links.append(Link(kind, digests[0], tuple(listing_ids)))
    return links


def seller_graph(corpus: Corpus) -> nx.Graph:
    """Sellers as nodes, shared values as edges (each edge keeps its list of links)."""
    graph = nx.Graph()
    for facts in corpus.listings.values():
        key = str(facts.seller)
        if key not in graph:
            graph.add_node(key, name=facts.seller.name, site=facts.seller.site, listings=[])
        graph.nodes[key]["listings"].append(facts.listing_id)
    for link in shared_links(corpus):
        sellers = sorted({str(corpus.listings[lid].seller) for lid in link.listings})
        for i, a in enumerate(sellers):
            for b in sellers[i + 1 :]:
                if not graph.has_edge(a, b):
                    graph.add_edge(a, b, links=[])
                graph.edges[a, b]["links"].append(link)
    return graph


def clusters(corpus: Corpus, scores: Mapping[int, HasScore]) -> list[dict[str, Any]]:
    """Clusters of linked sellers, largest first, in the ``jasper network`` JSON shape."""
    graph = seller_graph(corpus)
    found = []
    for component in nx.connected_components(graph):
        if len(component) < 2:
            continue
        sub = graph.subgraph(component)
        links: dict[tuple[str, str], Link] = {}
        for _, _, data in sub.edges(data=True):
            for link in data["links"]:
                links[(link.kind, link.value)] = link
        listing_ids = sorted(lid for s in component for lid in graph.nodes[s]["listings"])
        found.append(
            {
                "sellers": [
                    {"id": s, "name": graph.nodes[s]["name"], "site": graph.nodes[s]["site"]}
                    for s in sorted(component)
                ],
                "listings": [
                    _listing(corpus.listings[lid], scores.get(lid)) for lid in listing_ids
                ],
                "links": [links[k].as_json() for k in sorted(links)],
            }
        )
    found.sort(key=lambda c: (-len(c["sellers"]), c["sellers"][0]["id"]))
    return found


def _listing(facts: ListingFacts, scored: HasScore | None) -> dict[str, Any]:
    return {
        "id": facts.listing_id,
        "url": facts.url,
        "title": facts.text.title,
        "seller": str(facts.seller),
        "price": None if facts.text.price is None else float(facts.text.price),
        "currency": facts.text.currency,
        "score": scored.score if scored else None,
        "concern": scored.concern if scored else None,
        "images": [i.path for i in facts.images if i.path],
    }


def network_json(found: list[dict[str, Any]]) -> str:
    """The clusters as JSON, with the triage disclaimer."""
    return json.dumps({"note": DISCLAIMER, "clusters": found}, indent=2, ensure_ascii=False)


def network_graphml(corpus: Corpus) -> str:
    """The linked sellers as GraphML (edges carry their links as a label and as JSON)."""
    graph = seller_graph(corpus)
    out = nx.Graph()
    for cluster_no, component in enumerate(nx.connected_components(graph)):
        if len(component) < 2:
            continue
        for seller in component:
            data = graph.nodes[seller]
            out.add_node(
                seller,
                name=data["name"],
                site=data["site"],
                cluster=cluster_no,
                listings=",".join(map(str, data["listings"])),
            )
        for a, b, data in graph.subgraph(component).edges(data=True):
            out.add_edge(
                a,
                b,
                label="; ".join(f"{link.kind} {link.value}" for link in data["links"]),
                links=json.dumps([link.as_json() for link in data["links"]]),
            )
    buffer = io.BytesIO()
    nx.write_graphml(out, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def _thumbnail(artefacts: Artefacts, path: str, sha256: str) -> str:
    """A small JPEG of a stored image, inline so the page stands alone (or why it is not)."""
    try:
        with Image.open(artefacts.path(path, sha256)) as img:
            img.thumbnail((120, 90))
            buffer = io.BytesIO()
            img.convert("RGB").save(buffer, "JPEG", quality=80)
    except ArtefactError as exc:  # missing, or altered in the store: said, not hidden
        why = escape(str(exc))
        return f'<span class="problem" title="{why}">image {sha256[:12]} unreadable</span>'
    except OSError:
        return ""
    uri = "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="{uri}" alt="">'


def _svg(graph: nx.Graph, width: int = 640, height: int = 420) -> str:
    """The cluster drawn as inline SVG: sellers as nodes, shared values as labelled edges."""
    pos = nx.spring_layout(graph, seed=7) if len(graph) > 2 else nx.circular_layout(graph)
    margin = 90

    def xy(node: str) -> tuple[float, float]:
        x, y = pos[node]
        return (
            margin + (x + 1) / 2 * (width - 2 * margin),
            margin / 2 + (y + 1) / 2 * (height - margin),
        )

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">']  # fmt: skip
    for a, b, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = xy(a), xy(b)
        label = "; ".join(f"{link.kind}: {link.value[:24]}" for link in data["links"])
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     'stroke="#b12704" stroke-width="2"/>')  # fmt: skip
        mid_x, mid_y = (x1 + x2) / 2, (y1 + y2) / 2 - 4
        parts.append(f'<text x="{mid_x:.1f}" y="{mid_y:.1f}" font-size="11" '
                     f'text-anchor="middle" fill="#7a1b02">{escape(label)}</text>')  # fmt: skip
    for node in graph.nodes:
        x, y = xy(node)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="14" fill="#2d3e50"/>')
        parts.append(f'<text x="{x:.1f}" y="{y + 28:.1f}" font-size="12" text-anchor="middle">'
                     f"{escape(graph.nodes[node]['name'])}</text>")  # fmt: skip
    parts.append("</svg>")
    return "\n".join(parts)


def network_html(
    corpus: Corpus, found: list[dict[str, Any]], artefacts: Artefacts, case: str
) -> str:
    """A page a person can read: each cluster's graph and its listings with thumbnails."""
    graph = seller_graph(corpus)
    sections = []
    for n, cluster in enumerate(found, 1):
        sub = graph.subgraph([s["id"] for s in cluster["sellers"]])
        rows = []
        for listing in cluster["listings"]:
            thumbs = "".join(
                _thumbnail(artefacts, image.path, image.sha256)
                for image in corpus.listings[listing["id"]].images
                if image.path
            )
            score = "-" if listing["score"] is None else f"{listing['score']:.2f}"
            rows.append(
                f'<tr><td>{thumbs}</td><td><a href="{escape(listing["url"])}">'
                f"{escape(listing['title'] or listing['url'])}</a></td>"
                f"<td>{escape(listing['seller'])}</td><td>{score}</td></tr>"
            )
        links = "".join(
            f"<li>{escape(link['kind'])} <code>{escape(link['value'])}</code>: listings "
            f"{', '.join(map(str, link['listings']))}</li>"
            for link in cluster["links"]
        )
        sections.append(
            f"<section><h2>Cluster {n}: {len(cluster['sellers'])} sellers</h2>{_svg(sub)}"
            f"<h3>Shared signals</h3><ul>{links}</ul><h3>Listings</h3>"
            "<table><tr><th>images</th><th>listing</th><th>seller</th><th>score</th></tr>"
            f"{''.join(rows)}</table></section>"
        )
    body = "".join(sections) or "<p>No sellers share a contact or image.</p>"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Seller network: {escape(case)}</title>
<style>body{{font-family:sans-serif;margin:20px;color:#222}}td,th{{border-bottom:1px solid #ddd;
padding:4px;text-align:left;vertical-align:top}}img{{margin-right:4px}}svg{{border:1px solid #ccc}}
</style></head><body><h1>Seller network: case {escape(case)}</h1>
<p><em>{escape(DISCLAIMER)}</em></p>{body}</body></html>
"""
