"""A screenshot of a very tall page (hundreds of millions of pixels, past Pillow's bomb guard)
exports: the PDF prints its first rows at full width and says where the whole file is."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
import pyvips

from evidence.capture.session import recording
from evidence.export.bundle import ExportRequest, export_case
from evidence.signing import create_key
from evidence.workspace import Workspace
from tests.test_evidence_core import page

pytestmark = pytest.mark.fast


def test_a_screenshot_past_pillows_limit_exports(tmp_path: Path) -> None:
    tall = pyvips.Image.black(1280, 200_000).new_from_image([250, 250, 250])
    captured = page("https://shop.example/item/tall", title="Very tall listing")
    captured.screenshot = tall.pngsave_buffer(compression=1)  # 256 million pixels
    workspace = Workspace(tmp_path / "work")
    try:
        with recording(workspace, case="tall") as recorder:
            recorder.record(captured)
        create_key(workspace, "test-operator")
        export_case(workspace, ExportRequest("tall", tmp_path / "b.zip", "test-operator", "T"))
    finally:
        workspace.close()
    with zipfile.ZipFile(tmp_path / "b.zip") as bundle:
        pdf = next(n for n in bundle.namelist() if n.endswith("report.pdf"))
        (tmp_path / "report.pdf").write_bytes(bundle.read(pdf))
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "1280 × 200000 px" in text
    assert "The first 40,000 of its 200,000 pixel rows are printed here" in " ".join(text.split())
