"""Time `seed_demo --profile nrw` on a private PostgreSQL and print the row counts."""

from __future__ import annotations

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tests.pgserver import PgServer


def main() -> None:
    profile = sys.argv[1] if len(sys.argv) > 1 else "nrw"
    server = PgServer.start(fsync=True)
    env = {**os.environ, "DATABASE_URL": server.url}
    try:
        subprocess.run(["uv", "run", "teilhabe", "migrate", "-v0"], env=env, check=True)
        subprocess.run(["uv", "run", "teilhabe", "load_reference"], env=env, check=True)
        started = time.perf_counter()
        subprocess.run(
            ["uv", "run", "teilhabe", "seed_demo", "--profile", profile, "--quiet-logins"],
            env=env,
            check=True,
        )
        took = time.perf_counter() - started
        counts = subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(server.bin_dir / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(server.port),
                "-U",
                "postgres",
                "-At",
                "-c",
                "select 'alliances', count(*) from core_alliance union all "
                "select 'organisations', count(*) from core_organisation union all "
                "select 'users', count(*) from auth_user union all "
                "select 'persons', count(*) from people_person union all "
                "select 'cases', count(*) from casework_case union all "
                "select 'status entries', count(*) from people_residencestatusentry",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        print(f"seed_demo --profile {profile} on PostgreSQL (fsync on): {took:.1f} s")
        print(counts)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
