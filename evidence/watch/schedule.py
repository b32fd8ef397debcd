"""Text for running ``jasper nightly`` from cron or a systemd timer, and installing it."""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

MARKER = "# jasper nightly"


@dataclass(frozen=True)
class NightlyCommand:
    """How the scheduler should start ``jasper nightly``."""

    executable: str  # the jasper console script (or python -m crawler.cli)
    workdir: Path
    operator: str

    def argv(self) -> list[str]:
        """The command line, workdir explicit (cron and systemd have no JASPER_HOME)."""
        return [*shlex.split(self.executable), "nightly", "--workdir", str(self.workdir)]

    def shell(self) -> str:
        """The command line quoted for a shell."""
        return shlex.join(self.argv())


def crontab_line(command: NightlyCommand, cron: str) -> str:
    """A crontab entry; output goes to the workdir's log folder (the lock makes overlaps safe)."""
    log = command.workdir / "logs" / "nightly.log"
    env = f"JASPER_OPERATOR={shlex.quote(command.operator)}"
    return f"{cron} {env} {command.shell()} >> {shlex.quote(str(log))} 2>&1 {MARKER}"


def systemd_units(command: NightlyCommand, on_calendar: str) -> dict[str, str]:
    """``jasper-nightly.service`` and ``jasper-nightly.timer`` (user units)."""
    service = f"""[Unit]
Description=Jasper nightly watchlists (workdir {command.workdir})
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
Environment=JASPER_OPERATOR={command.operator}
ExecStart={command.shell()}
"""
    timer = f"""[Unit]
Description=Run jasper nightly on a schedule

[Timer]
OnCalendar={on_calendar}
Persistent=true
RandomizedDelaySec=300

[Install]
WantedBy=timers.target
"""
    return {"jasper-nightly.service": service, "jasper-nightly.timer": timer}


def install_crontab(line: str) -> str:
    """Add ``line`` to the user's crontab, replacing an earlier jasper nightly entry."""
    current = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
    kept = [
        existing
        for existing in (current.stdout if current.returncode == 0 else "").splitlines()
        if not existing.rstrip().endswith(MARKER)
    ]
    content = "\n".join([*kept, line]) + "\n"
    subprocess.run(["crontab", "-"], input=content, text=True, check=True)
    return "crontab"


def install_systemd(units: dict[str, str], folder: Path) -> list[Path]:
    """Write the units to ``folder`` and enable the timer (``systemctl --user``)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in units.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    subprocess.run(["systemctl", "--user", "daemon-reload"], check=True)
    subprocess.run(["systemctl", "--user", "enable", "--now", "jasper-nightly.timer"], check=True)
    return written
