"""`make bench`: every measure of bench/measures/ on PostgreSQL seeded with each profile.

    uv run python -m bench.run [small nrw nrw10] [--only NAME] [--timeout S]

Per profile: a private PostgreSQL (tests/pgserver.py, fsync on), `migrate` and
`seed_demo --profile P --seed 1`, or a pg_dump of that seeded profile cached under
var/bench/, keyed by the hash of the demo code and migrations. Every measure module then runs
in its own child process (a failing or hanging module costs only its own rows; it is named in
the table). One table is printed and written to var/bench/results.md (+ .json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import pkgutil
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "var" / "bench"
MEASURES_DIR = ROOT / "bench" / "measures"
# Seeding small takes seconds; anything bigger is cached after the first run.
CACHE_PROFILES = {"nrw", "nrw10"}
# Seeding every app's demo data costs ~3.5 ms a person here (nrw: 4 min, nrw10: 45 min,
# once: the dump is cached). BENCH_NRW10_ONLY=offers,trajectories seeds nrw10 with the
# foundation (alliances, organisations, persons, cases, status history) plus offers and
# participation histories only (~10 min); every row measured on it then says so.
SEED_ONLY = {"nrw10": os.environ.get("BENCH_NRW10_ONLY", "")}


def seed_label(profile: str) -> str:
    only = SEED_ONLY.get(profile)
    return f"foundation + {only}" if only else "all extensions"


def seed_key(profile: str) -> str:
    """Hash of everything that decides the seeded data: demo modules and migrations."""
    digest = hashlib.sha256(f"{profile}:seed=1:only={SEED_ONLY.get(profile, '')}".encode())
    src = ROOT / "src" / "teilhabe"
    files = sorted(
        {
            *src.rglob("demo*.py"),
            *src.rglob("demo/**/*.py"),
            *src.rglob("alliances/data/*"),
            *src.rglob("migrations/*.py"),
        }
    )
    for f in files:
        digest.update(str(f.relative_to(ROOT)).encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def _uv(
    *args: str, env: dict[str, str], timeout: float | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["uv", "run", "--frozen", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def prepare(profile: str, server: Any, rows: list[dict], failures: list[str]) -> str | None:
    """A database named bench_<profile> holding the seeded profile; its URL, or None."""
    name = f"bench_{profile}"
    _pg(server, "createdb", name, check=True)
    url = server.database_url(name)
    env = {**os.environ, "DATABASE_URL": url}
    dump = OUT / f"{profile}-{seed_key(profile)}.dump"
    started = time.perf_counter()
    if dump.exists():
        done = _pg(server, "pg_restore", "--no-owner", "-j", "2", "-d", name, str(dump))
        if done.returncode != 0:
            failures.append(f"{profile}: restore of cached dump failed: {done.stderr[-500:]}")
            return None
        rows.append(
            _row(
                "restore cached seed (pg_restore)",
                profile,
                time.perf_counter() - started,
                note=dump.name,
            )
        )
        _analyze(server, name)
        return url
    migrate = _uv("teilhabe", "migrate", "-v0", env=env)
    if migrate.returncode != 0:
        failures.append(f"{profile}: migrate failed: {migrate.stderr[-800:]}")
        return None
    migrated = time.perf_counter()
    only = ["--only", SEED_ONLY[profile]] if SEED_ONLY.get(profile) else []
    seed = _uv(
        "teilhabe",
        "seed_demo",
        "--profile",
        profile,
        "--seed",
        "1",
        "--quiet-logins",
        *only,
        env=env,
    )
    took = time.perf_counter() - migrated
    if seed.returncode != 0:
        failures.append(f"{profile}: seed_demo failed: {seed.stderr[-800:]}")
        return None
    rows.append(
        _row(f"seed_demo ({seed_label(profile)})", profile, took, note=seed.stdout.strip()[-200:])
    )
    if profile in CACHE_PROFILES:
        OUT.mkdir(parents=True, exist_ok=True)
        _pg(server, "pg_dump", "-Fc", "--no-owner", "-f", str(dump), name)
    _analyze(server, name)
    return url


def _analyze(server: Any, name: str) -> None:
    """Planner statistics, as autovacuum keeps them in production. A restored dump has
    none: the nrw crawl then took 20 s for a case manager's start page (0.4 s after
    ANALYZE), the planner expecting 1 row where there were 70,071."""
    _pg(server, "vacuumdb", "--analyze-only", "-j", "2", name, check=True)


def _pg(server: Any, tool: str, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    """A PostgreSQL client program of the server's installation, connected to it."""
    connect = ["-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres"]
    return subprocess.run(
        [str(server.bin_dir / tool), *connect, *args], check=check, capture_output=True, text=True
    )


def _row(measure: str, profile: str, seconds: float, *, note: str = "") -> dict:
    return {
        "measure": measure,
        "size": profile,
        "seconds": round(seconds, 2),
        "reference": None,
        "ratio": None,
        "note": note,
        "profile": profile,
    }


def modules(only: str | None) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules([str(MEASURES_DIR)]))
    wanted = [w for w in (only or "").split(",") if w]
    return [
        n for n in names if not n.startswith("_") and (not wanted or any(w in n for w in wanted))
    ]


def run_child(module: str, profile: str, url: str, timeout: float) -> tuple[list[dict], str]:
    """Run one measure module in a child process; (rows, failure text)."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "TEILHABE_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    try:
        done = _uv(
            "python", "-m", "bench.run", "--child", module, profile, env=env, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return [], f"{module} on {profile}: timed out after {timeout:.0f} s"
    rows: list[dict] = []
    failure = ""
    for line in done.stdout.splitlines():
        if line.startswith("BENCHROW "):
            rows.append(json.loads(line[9:]))
        elif line.startswith("BENCHFAIL "):
            failure += json.loads(line[10:]) + "\n"
    if done.returncode != 0 and not failure:
        failure = f"{module} on {profile}: exit {done.returncode}: {done.stderr[-1500:]}"
    return rows, failure.strip()


def child(module: str, profile: str) -> int:
    """Inside the child: Django set up on the seeded database, every callable of MEASURES."""
    import django

    django.setup()
    import importlib

    try:
        mod = importlib.import_module(f"bench.measures.{module}")
        measures = list(mod.MEASURES)
    except Exception:
        print(
            "BENCHFAIL " + json.dumps(f"{module}: import failed: {traceback.format_exc()[-1500:]}")
        )
        return 1
    failed = 0
    for measure in measures:
        try:
            for row in measure(profile):
                print("BENCHROW " + json.dumps({**row, "profile": profile}), flush=True)
        except Exception:
            failed += 1
            text = f"{module}.{getattr(measure, '__name__', measure)} on {profile}: "
            print("BENCHFAIL " + json.dumps(text + traceback.format_exc()[-4000:]), flush=True)
    return 1 if failed else 0


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def table(rows: list[dict]) -> str:
    head = "| measure | data size | time (s) | reference (s) | ratio | note |\n"
    head += "|---|---|---:|---:|---:|---|\n"
    body = "".join(
        f"| {r['measure']} | {r['size']} | {_fmt(r.get('seconds'))} | {_fmt(r.get('reference'))} "
        f"| {_fmt(r.get('ratio'))} | {str(r.get('note', '')).replace('|', '/')} |\n"
        for r in rows
    )
    return head + body


def growth(rows: list[dict], profiles: list[str]) -> str:
    names = list(dict.fromkeys(r["measure"] for r in rows))
    if len(profiles) < 2:
        return ""
    out = "| measure | " + " | ".join(f"{p} (s)" for p in profiles) + " |\n"
    out += "|---|" + "---:|" * len(profiles) + "\n"
    for name in names:
        cells = []
        for p in profiles:
            hit = [r for r in rows if r["measure"] == name and r.get("profile") == p]
            cells.append(_fmt(hit[0].get("seconds")) if hit else "–")
        out += f"| {name} | " + " | ".join(cells) + " |\n"
    return out


def machine() -> str:
    cpus = os.cpu_count()
    mem = ""
    try:
        lines = Path("/proc/meminfo").read_text().splitlines()
        kb = int(next(ln for ln in lines if ln.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.node()}: {cpus} CPUs{mem}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("profiles", nargs="*", default=["small", "nrw", "nrw10"])
    parser.add_argument(
        "--only", help="comma-separated: run only measure modules whose name contains one"
    )
    parser.add_argument(
        "--timeout", type=float, default=float(os.environ.get("BENCH_TIMEOUT", 3600))
    )
    parser.add_argument("--child", nargs=2, metavar=("MODULE", "PROFILE"))
    args = parser.parse_args()
    if args.child:
        return child(*args.child)

    from tests.pgserver import PgServer

    started = dt.datetime.now()
    rows: list[dict] = []
    failures: list[str] = []
    for profile in args.profiles:
        server = PgServer.start(fsync=True)
        try:
            url = prepare(profile, server, rows, failures)
            if url is None:
                continue
            for module in modules(args.only):
                print(f"bench: {profile} / {module} …", flush=True)
                got, failure = run_child(module, profile, url, args.timeout)
                if SEED_ONLY.get(profile):
                    for row in got:
                        row["note"] = f"{row.get('note', '')} [data: {seed_label(profile)}]"
                rows += got
                if failure:
                    failures.append(failure)
        finally:
            server.stop()
    report = f"# Benchmark results {started:%Y-%m-%d %H:%M}\n\nMachine: {machine()}\n\n"
    report += table(rows)
    grow = growth(
        [r for r in rows if not r["measure"].startswith(("seed", "restore"))], args.profiles
    )
    if grow:
        report += "\n## Growth\n\n" + grow
    if failures:
        report += "\n## Failed measures\n\n" + "".join(
            f"- {f.splitlines()[0]}\n" + "".join(f"    {ln}\n" for ln in f.splitlines()[1:][-6:])
            for f in failures
        )
    OUT.mkdir(parents=True, exist_ok=True)
    # The latest run, plus a dated copy (several people may run parts of the bench).
    stamp = f"{started:%Y%m%d-%H%M%S}-{'-'.join(args.profiles)}"
    (OUT / f"results-{stamp}.md").write_text(report, encoding="utf-8")
    (OUT / "results.md").write_text(report, encoding="utf-8")
    (OUT / "results.json").write_text(
        json.dumps({"rows": rows, "failures": failures}, indent=1), encoding="utf-8"
    )
    print("\n" + report)
    print(f"written to {OUT / 'results.md'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
