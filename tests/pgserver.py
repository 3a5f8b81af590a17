"""A private PostgreSQL server from the Debian binaries, in a temporary directory.

Used by the test suite (TEILHABE_TEST_DB=postgres) and the benchmarks: no pre-existing
server is assumed and nothing is left behind. As root, the server runs as the `postgres`
system user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def _bin_dir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for c in candidates:
        if (Path(c) / "initdb").exists():
            return Path(c)
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql).")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    directory: Path
    port: int
    bin_dir: Path
    as_postgres_user: bool

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *cmd: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        full = list(cmd)
        if self.as_postgres_user:
            full = ["runuser", "-u", "postgres", "--", *full]
        return subprocess.run(full, check=check, capture_output=True)

    @classmethod
    def start(cls, *, fsync: bool = False, autovacuum: bool = True) -> PgServer:
        bin_dir = _bin_dir()
        directory = Path(tempfile.mkdtemp(prefix="teilhabe-pg-"))
        as_pg = os.geteuid() == 0
        server = cls(
            directory=directory, port=_free_port(), bin_dir=bin_dir, as_postgres_user=as_pg
        )
        if as_pg:
            shutil.chown(directory, user="postgres", group="postgres")
        data = directory / "data"
        server._run(
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        opts = (
            f"-p {server.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={directory} -c max_connections=100 "
            f"-c fsync={'on' if fsync else 'off'} "
            f"-c synchronous_commit={'on' if fsync else 'off'} "
            f"-c full_page_writes={'on' if fsync else 'off'} -c shared_buffers=256MB "
            f"-c autovacuum={'on' if autovacuum else 'off'}"
        )
        server._run(
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            opts,
            "-l",
            str(directory / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            ready = server._run(
                str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(server.port), check=False
            )
            if ready.returncode == 0:
                break
            time.sleep(0.2)
        return server

    def stop(self) -> None:
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.directory / "data"),
            "-m",
            "immediate",
            "stop",
            check=False,
        )
        shutil.rmtree(self.directory, ignore_errors=True)
