"""The shipped systemd units are valid, and the web unit's command line serves the platform."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.ops.gunicorn_server import BIN, get, prepare, running

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("teilhabe-*.*"))


def exec_start(unit: Path) -> list[str]:
    line = next(ln for ln in unit.read_text().splitlines() if ln.startswith("ExecStart="))
    return shlex.split(line.removeprefix("ExecStart="))


def test_every_service_and_the_backup_timer_are_shipped() -> None:
    names = {unit.name for unit in UNITS}
    assert {
        "teilhabe-web.service",
        "teilhabe-worker.service",
        "teilhabe-scheduler.service",
        "teilhabe-backup.service",
        "teilhabe-backup.timer",
    } <= names


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    # The units name the installed paths; point them at existing ones here.
    (tmp_path / "opt" / ".venv").mkdir(parents=True)
    (tmp_path / "opt" / ".venv" / "bin").symlink_to(BIN)
    (tmp_path / "teilhabe.env").write_text("TEILHABE_PRODUCTION=1\n")
    (tmp_path / "lib").mkdir()
    for unit in UNITS:
        text = (
            unit.read_text()
            .replace("/opt/teilhabe", str(tmp_path / "opt"))
            .replace("/etc/teilhabe/teilhabe.env", str(tmp_path / "teilhabe.env"))
            .replace("/var/lib/teilhabe", str(tmp_path / "lib"))
        )
        (tmp_path / unit.name).write_text(text)
    units = [str(tmp_path / unit.name) for unit in UNITS]
    out = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *units],
        capture_output=True,
        text=True,
    )
    # Lines about the host (no running systemd in a container) are not the units' fault.
    problems = [
        line
        for line in (out.stdout + out.stderr).splitlines()
        if "teilhabe-" in line and "postgresql.service" not in line
    ]
    assert problems == []
    assert out.returncode == 0, out.stderr


def test_the_web_units_command_line_serves_the_login_page_and_the_health_check(
    tmp_path: Path,
) -> None:
    argv = exec_start(DEPLOY / "systemd" / "teilhabe-web.service")
    assert Path(argv[0]).name == "gunicorn"
    argv[0] = str(BIN / "gunicorn")
    prepare(tmp_path)
    with running(argv, tmp_path, tmp_path / "web.log") as base:
        login_status, login_page = get(f"{base}/konto/login/")
        health_status, health = get(f"{base}/healthz")
        static_status, _ = get(f"{base}/static/nope-missing.css")
    assert login_status == 200, (tmp_path / "web.log").read_text()[-2000:]
    assert 'name="password"' in login_page
    assert health_status == 200, health
    assert set(json.loads(health)["components"]) == {
        "database",
        "task_queue",
        "scheduler",
        "upload_disk",
    }
    assert static_status == 404
    assert "gunicorn" in (tmp_path / "web.log").read_text()
