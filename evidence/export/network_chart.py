"""The seller network of the exported listings, drawn for the bundle (SVG) and the PDF.

Sellers are linked when their listings share a phone, e-mail, handle, payment handle or image
(:mod:`evidence.triage.network`). Only the exported listings count; each seller is labelled
with the exhibits of its listings, so the chart points into the bundle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import networkx as nx
from sqlalchemy.orm import Session

from evidence.models import Case
from evidence.records import ListingRecord
from evidence.triage import DISCLAIMER
from evidence.triage.network import seller_graph
from evidence.triage.score import Triage

WIDTH, HEIGHT = 720.0, 190.0  # points per cluster drawing
MARGIN = 60.0


@dataclass
class Cluster:
    """One group of linked sellers, laid out: node positions, labels and edge labels."""

    nodes: dict[str, tuple[float, float]]  # seller -> (x, y), y up, in points
    labels: dict[str, str]
    edges: list[tuple[str, str, str]]
    signals: list[str]


@dataclass
class SellerChart:
    """The clusters of linked sellers among the exported listings."""

    clusters: list[Cluster] = field(default_factory=list)

    def labels(self) -> list[str]:
        """Every text the chart draws (for choosing fonts)."""
        out = [DISCLAIMER]
        for cluster in self.clusters:
            out += list(cluster.labels.values()) + [e[2] for e in cluster.edges] + cluster.signals
        return out

    def svg(self) -> str:
        """All clusters, one under the other, as a standalone SVG document."""
        height = max(HEIGHT * len(self.clusters), 60.0)
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {WIDTH:.0f} {height:.0f}" font-family="Noto Sans, sans-serif">',
            '<rect width="100%" height="100%" fill="#fff"/>',
        ]
        if not self.clusters:
            parts.append(
                '<text x="10" y="30" font-size="13">No seller among the exported '
                "listings shares a contact or image with another.</text>"
            )
        for n, cluster in enumerate(self.clusters):
            top = n * HEIGHT

            def xy(node: str, top: float = top, cluster: Cluster = cluster) -> tuple[float, float]:
                x, y = cluster.nodes[node]
                return x, top + HEIGHT - y

            parts.append(
                f'<text x="8" y="{top + 18:.0f}" font-size="13" font-weight="bold">'
                f"Cluster {n + 1}</text>"
            )
            for a, b, label in cluster.edges:
                (x1, y1), (x2, y2) = xy(a), xy(b)
                parts.append(
                    f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                    'stroke="#b12704" stroke-width="2"/>'
                )
                parts.append(
                    f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 5:.1f}" '
                    'font-size="10" text-anchor="middle" fill="#7a1b02">'
                    f"{escape(label)}</text>"
                )
            for node in cluster.nodes:
                x, y = xy(node)
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="#2d3e50"/>')
                parts.append(
                    f'<text x="{x:.1f}" y="{y + 22:.1f}" font-size="11" '
                    f'text-anchor="middle">{escape(cluster.labels[node])}</text>'
                )
        parts.append("</svg>")
        return "\n".join(parts) + "\n"

    def write_svg(self, out: Path) -> None:
        """Write :meth:`svg` to ``out``."""
        out.write_text(self.svg(), encoding="utf-8")

    def drawings(self, font: Any, width: float) -> list[Any]:
        """One ReportLab drawing per cluster, ``width`` points wide; ``font(text)`` names the
        font for a label."""
        from reportlab.graphics.shapes import Circle, Drawing, Line, String
        from reportlab.lib import colors

        scale = min(1.0, width / WIDTH)
        out = []
        for n, cluster in enumerate(self.clusters):
            drawing = Drawing(WIDTH * scale, HEIGHT * scale)
            drawing.scale(scale, scale)
            drawing.add(String(8, HEIGHT - 18, f"Cluster {n + 1}", fontName=font(""), fontSize=12))
            for a, b, label in cluster.edges:
                (x1, y1), (x2, y2) = cluster.nodes[a], cluster.nodes[b]
                drawing.add(
                    Line(x1, y1, x2, y2, strokeColor=colors.HexColor("#b12704"), strokeWidth=2)
                )
                drawing.add(
                    String(
                        (x1 + x2) / 2,
                        (y1 + y2) / 2 + 5,
                        label,
                        fontSize=9,
                        fontName=font(label),
                        textAnchor="middle",
                        fillColor=colors.HexColor("#7a1b02"),
                    )
                )
            for node, (x, y) in cluster.nodes.items():
                drawing.add(Circle(x, y, 9, fillColor=colors.HexColor("#2d3e50"), strokeColor=None))
                label = cluster.labels[node]
                drawing.add(
                    String(x, y - 22, label, fontSize=10, fontName=font(label), textAnchor="middle")
                )
            out.append(drawing)
        return out


def _layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    pos = nx.spring_layout(graph, seed=7) if len(graph) > 2 else nx.circular_layout(graph)
    return {
        node: (MARGIN + (x + 1) / 2 * (WIDTH - 2 * MARGIN), 30 + (y + 1) / 2 * (HEIGHT - 60))
        for node, (x, y) in pos.items()
    }


def seller_chart(
    session: Session, case: Case, workdir: Path, records: list[ListingRecord]
) -> SellerChart:
    """The linked sellers among ``records`` (the exported listings), laid out for drawing."""
    exported = {r["id"]: r for r in records}
    corpus, _ = Triage(workdir).corpus(session, case)
    graph = seller_graph(corpus)
    keep = [s for s in graph.nodes if any(lid in exported for lid in graph.nodes[s]["listings"])]
    sub = nx.Graph()
    for seller in keep:
        sub.add_node(seller, **graph.nodes[seller])
    for a, b, data in graph.subgraph(keep).edges(data=True):
        links = [link for link in data["links"] if any(lid in exported for lid in link.listings)]
        if links:
            sub.add_edge(a, b, links=links)
    chart = SellerChart()
    components = sorted(
        (c for c in nx.connected_components(sub) if len(c) > 1),
        key=lambda c: (-len(c), sorted(c)[0]),
    )
    for component in components:
        part = sub.subgraph(component)
        labels = {}
        for seller in part.nodes:
            refs = [
                r
                for lid in part.nodes[seller]["listings"]
                if lid in exported
                for r in exported[lid].get("exhibits", [])[-1:]
            ]
            labels[seller] = f"{part.nodes[seller]['name']} ({', '.join(refs)})"
        edges: list[tuple[str, str, str]] = []
        signals: set[str] = set()
        for a, b, data in part.edges(data=True):
            kinds = "; ".join(f"{link.kind} {link.value[:20]}" for link in data["links"][:2])
            edges.append((a, b, kinds))
            signals.update(f"{link.kind}: {link.value}" for link in data["links"])
        chart.clusters.append(Cluster(_layout(part), labels, edges, sorted(signals)))
    return chart
