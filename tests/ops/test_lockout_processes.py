"""The login lockout holds across server processes and restarts: two production servers
(gunicorn, as the systemd unit starts it) on one database, then a restart."""

from __future__ import annotations

import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.factories import PASSWORD
from tests.ops.gunicorn_server import BIN, prepare, running, server_env

ARGV = [str(BIN / "gunicorn"), "-c", "python:teilhabe.ops.gunicorn_conf", "teilhabe.wsgi"]
EMAIL = "sperre@example.org"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def sign_in(base: str, password: str) -> int:
    """One login through the form (CSRF cookie and token from the page); the HTTP status."""
    opener = urllib.request.build_opener(_NoRedirect)
    with opener.open(f"{base}/konto/login/", timeout=30) as page:
        cookie = page.headers["Set-Cookie"].split(";")[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    assert token is not None
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "login": EMAIL, "password": password}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - the local test server
        f"{base}/konto/login/", data=data, headers={"Cookie": cookie}
    )
    try:
        with opener.open(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as answer:
        return answer.code


def test_the_lockout_holds_on_a_second_server_process_and_after_a_restart(
    tmp_path: Path,
) -> None:
    prepare(tmp_path)
    subprocess.run(
        [str(BIN / "teilhabe"), "shell", "-c", _create_user()],
        env=server_env(tmp_path, 0),
        check=True,
        capture_output=True,
    )
    with (
        running(ARGV, tmp_path, tmp_path / "a.log") as first,
        running(ARGV, tmp_path, tmp_path / "b.log") as second,
    ):
        statuses = [sign_in(first, f"falsch-{i}") for i in range(5)]
        assert statuses == [200, 200, 200, 200, 429]
        assert sign_in(second, PASSWORD) == 429  # the other process knows the failures
    with running(ARGV, tmp_path, tmp_path / "c.log") as restarted:
        assert sign_in(restarted, PASSWORD) == 429  # and so does a restarted server
    logs = "".join((tmp_path / f"{name}.log").read_text() for name in "abc")
    assert EMAIL not in logs


def test_an_unlocked_account_signs_in_through_the_production_server(tmp_path: Path) -> None:
    # The counterpart of the test above: the same form and password do sign in.
    prepare(tmp_path)
    subprocess.run(
        [str(BIN / "teilhabe"), "shell", "-c", _create_user()],
        env=server_env(tmp_path, 0),
        check=True,
        capture_output=True,
    )
    with running(ARGV, tmp_path, tmp_path / "a.log") as base:
        assert sign_in(base, PASSWORD) == 302


def _create_user() -> str:
    return (
        "from django.contrib.auth.models import User; "
        f"User.objects.create_user(username='sperre', email={EMAIL!r}, password={PASSWORD!r})"
    )
