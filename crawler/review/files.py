"""Captured files served back by SHA-256 only: the hash is looked up in the database and the
file it names is served; nothing from the request ever becomes a path. Thumbnails and the
difference of two screenshots are derived from such files."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

from PIL import Image, ImageChops
from sqlalchemy import select
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from crawler.review.app import Bench, bench, require
from crawler.review.security import ARTEFACT_HEADERS
from evidence.artefacts import ArtefactError, ArtefactMissing
from evidence.export.images import band_png, top_thumbnail
from evidence.models import Artefact
from evidence.review import decisions

SHA256 = re.compile(r"[0-9a-f]{64}")
THUMB_WIDTH = 240
DIFF_ROWS = 3000  # the top of each screenshot compared (a tall page is cut, and says so)
# Served as themselves; anything else (HTML, scripts, WARCs...) is served as an inert download.
INLINE = {"image/png", "image/jpeg", "image/gif", "image/webp"}
_thumb_lock = threading.Lock()


def _artefact(b: Bench, digest: str, kind: str | None = None) -> tuple[Artefact, Path]:
    """The artefact with this SHA-256 and its file: the workdir's, else the store's (checked
    against the hash as it is fetched); 404 when neither has it."""
    if not SHA256.fullmatch(digest):
        raise HTTPException(404, "artefacts are addressed by their SHA-256 (64 hex digits)")
    with b.workspace.db.session() as session:
        query = select(Artefact).where(Artefact.digest_hex == digest)
        if kind:
            query = query.where(Artefact.kind == kind)
        found = session.scalars(query.limit(1)).first()
    if found is None:
        raise HTTPException(404, "no artefact with that SHA-256")
    try:
        path = b.workspace.artefacts.path(found.path, found.digest_hex)
    except ArtefactMissing as exc:
        raise HTTPException(404, str(exc)) from None
    except ArtefactError as exc:  # altered in the store, or the store unreachable
        raise HTTPException(502, str(exc)) from None
    return found, path


def artefact(request: Request) -> Response:
    """An artefact by SHA-256: images inline (shown within a logged page); everything else
    as an inert download, itself logged as a view of that capture's evidence."""
    me = require(request)
    b = bench(request)
    found, path = _artefact(b, request.path_params["sha256"])
    media = found.media_type or "application/octet-stream"
    headers = dict(ARTEFACT_HEADERS)
    if media.split(";")[0].strip() in INLINE:
        return FileResponse(path, media_type=media, headers=headers)
    with b.workspace.db.transaction() as session:
        decisions.record_view(session, listing_id=None, capture_id=found.capture_id,
                              actor=me.name)  # fmt: skip
    headers["Content-Disposition"] = f'attachment; filename="{found.digest_hex}{path.suffix}"'
    return FileResponse(path, media_type="application/octet-stream", headers=headers)


def thumbnail(request: Request) -> Response:
    """The top of a screenshot, small (made once per server run)."""
    require(request)
    b = bench(request)
    found, path = _artefact(b, request.path_params["sha256"], "screenshot")
    target = b.scratch / "thumbs" / f"{found.digest_hex}.jpg"
    with _thumb_lock:
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            top_thumbnail(path, target, THUMB_WIDTH)
    return FileResponse(target, media_type="image/jpeg", headers=dict(ARTEFACT_HEADERS))


def _top(path: Path) -> Image.Image:
    return Image.open(io.BytesIO(band_png(path, 0, DIFF_ROWS))).convert("RGB")


def _canvas(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    canvas = Image.new("RGB", size, "white")
    canvas.paste(image, (0, 0))
    return canvas


def difference(request: Request) -> Response:
    """Where two screenshots differ: the second one dimmed, changed pixels in red."""
    require(request)
    b = bench(request)
    _, left = _artefact(b, request.path_params["a"], "screenshot")
    _, right = _artefact(b, request.path_params["b"], "screenshot")
    a, c = _top(left), _top(right)
    size = (max(a.width, c.width), max(a.height, c.height))
    a, c = _canvas(a, size), _canvas(c, size)
    changed = ImageChops.difference(a, c).convert("L").point(lambda v: 255 if v > 24 else 0)
    base = Image.blend(Image.new("RGB", size, "white"), c, 0.35)
    out = Image.composite(Image.new("RGB", size, (220, 20, 20)), base, changed)
    buffer = io.BytesIO()
    out.save(buffer, "PNG", optimize=False)
    headers = dict(ARTEFACT_HEADERS) | {"X-Changed-Pixels": str(sum(changed.histogram()[255:]))}
    return Response(buffer.getvalue(), media_type="image/png", headers=headers)


ROUTES = [
    Route("/artefact/{sha256}", artefact),
    Route("/thumb/{sha256}", thumbnail),
    Route("/diff/{a}/{b}", difference),
]
