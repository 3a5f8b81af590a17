"""Issue 21/6: searched names reached the server log through 4xx request lines' query strings.

Requests with `?q=<demo name>` go through the real production server (gunicorn, its access
log) and the real runserver (`django.server`); the captured logs must not name anyone.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from teilhabe.demo.names import FAMILY
from tests.ops.gunicorn_server import BIN, get, prepare, running

SERVERS = {
    "gunicorn": [str(BIN / "gunicorn"), "-c", "python:teilhabe.ops.gunicorn_conf", "teilhabe.wsgi"],
    "runserver": [str(BIN / "teilhabe"), "runserver", "127.0.0.1:{port}", "--noreload"],
}
# 404, login redirect, static 404, health, API: every kind of answer a search can get.
PATHS = ["/b/koeln/personen/", "/gibt-es-nicht/", "/static/fehlt.css", "/healthz", "/api/v1/x"]


def demo_names() -> list[str]:
    surnames = {name for names in FAMILY.values() for name in names}
    return ["Abdullahi", *sorted(surnames - {"Abdullahi"})[:5]]


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("logscan")
    prepare(path)
    return path


@pytest.mark.parametrize("server", SERVERS)
def test_no_searched_name_reaches_the_server_log(server: str, var_dir: Path) -> None:
    log = var_dir / f"{server}.log"
    names = demo_names()
    statuses = []
    with running(SERVERS[server], var_dir, log) as base:
        for name in names:
            for path in PATHS:
                statuses.append(get(f"{base}{path}?q={quote(name)}&suche={quote(name)}")[0])
    text = log.read_text()
    hits = sum(text.count(name) for name in names)
    sys.stdout.write(
        f"log query scan: {server} {len(statuses)} probes, "
        f"{sum(400 <= s < 500 for s in statuses)} answered 4xx, {hits} name occurrences\n"
    )
    assert any(400 <= s < 500 for s in statuses)
    assert " 404 " in text or '" 404' in text  # the 4xx lines were logged, without names
    assert hits == 0, text
