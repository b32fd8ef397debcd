"""Real exported bundles without a browser: captures recorded through the evidence core (as any
entry point records them), a key made, the case exported by ``export_case``, time-stamped by a
real ``openssl ts`` TSA when one is given."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from evidence.capture.session import recording
from evidence.export.bundle import ExportRequest, export_case
from evidence.signing import create_key, key_paths, seal_bag
from evidence.workspace import Workspace
from settings.config import load_config
from tests.hostile.bundles import pack, rebag
from tests.test_evidence_core import page

CASE = "trusted"


@dataclass(frozen=True)
class Exported:
    """A workdir with captures and a key, and a bundle exported from it."""

    workdir: Path
    bundle: Path
    env: dict[str, str]

    @property
    def public_key(self) -> Path:
        """The producer's public key, as a reader would be given it."""
        return key_paths(self.workdir)[1]

    def workspace(self) -> Workspace:
        """The workdir opened with the same settings it was made with."""
        return Workspace(config=load_config({"JASPER_WORKDIR": self.workdir}, env=self.env))


def export_bundle(root: Path, env: dict[str, str] | None = None, captures: int = 3) -> Exported:
    """Record ``captures`` listing pages and export them, with the settings in ``env``
    (for example ``JASPER_TSA_URLS``) as the environment."""
    env = dict(env or {})
    made = Exported(root / "work", root / "bundle.zip", env)
    workspace = made.workspace()
    try:
        with recording(workspace, case=CASE, operator="test-operator") as recorder:
            for n in range(captures):
                recorder.record(page(f"https://shop.example/item/{n}", title=f"Rolex {n}"))
        create_key(workspace, "test-operator")
        export_case(workspace, ExportRequest(CASE, made.bundle, "test-operator", "AB"))
    finally:
        workspace.close()
    return made


def unpacked(bundle: Path, dest: Path) -> Path:
    """Extract a bundle we made ourselves; return the bag folder."""
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(dest)
    (bag,) = [p for p in dest.iterdir() if p.is_dir()]
    return bag


def reseal(made: Exported, bag: Path, out: Path) -> Path:
    """What the honest producer would do after changing ``bag``: rebag, seal, zip."""
    for name in [p.name for p in bag.iterdir() if p.is_file()]:
        if name.startswith(("jasper-seal", "public-key")):
            (bag / name).unlink()
    rebag(bag)
    workspace = made.workspace()
    try:
        seal_bag(bag, workspace)
    finally:
        workspace.close()
    return pack(bag, out)
