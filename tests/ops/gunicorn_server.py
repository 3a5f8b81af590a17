"""Start the production server (gunicorn) the way the systemd unit does, on a private SQLite."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent


def server_env(var_dir: Path, port: int) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "TEILHABE_TASKS_BACKEND"}
    }
    env.update(
        TEILHABE_VAR_DIR=str(var_dir),
        TEILHABE_DEMO="1",
        TEILHABE_REQUIRE_MFA="0",
        TEILHABE_BIND=f"127.0.0.1:{port}",
        TEILHABE_WEB_WORKERS="1",
        DJANGO_SETTINGS_MODULE="teilhabe.settings",
    )
    return env


def prepare(var_dir: Path) -> None:
    """Migrate a fresh SQLite database and tick the scheduler once (its heartbeat)."""
    env = server_env(var_dir, 0)
    for command in (["migrate", "--noinput", "-v0"], ["scheduler", "--once"]):
        subprocess.run([str(BIN / "teilhabe"), *command], env=env, check=True, capture_output=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": "127.0.0.1"})  # noqa: S310 - local
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@contextmanager
def running(argv: list[str], var_dir: Path, log: Path) -> Iterator[str]:
    """Run argv (a server command line, `{port}` filled in) until the block ends; yields its
    base URL."""
    port = free_port()
    argv = [arg.replace("{port}", str(port)) for arg in argv]
    with log.open("w") as out:
        process = subprocess.Popen(
            argv, env=server_env(var_dir, port), stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if process.poll() is not None:
                raise RuntimeError(log.read_text())
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.25)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
