"""`make check-security`: the security and robustness suite, one line of figures per check.

Runs (1) the pytest security suite (tests/security, with the log query scan through gunicorn
and runserver, plus the login tests of tests/core/test_login_security.py and the differencing
attack of tests/reporting/test_periods.py) on SQLite, (2) the import kill -9 test and the backup
drill on a private PostgreSQL, (3) bandit -ll and (4) pip-audit — (2) to (4) beside (1), the
long one — applying dated waivers
from docs/security/waivers.md. Exit code 1 on any finding that is not waived. Figures come
from the lines the tests print ("canary scan: ...").
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UV = shutil.which("uv") or "uv"
WAIVERS = ROOT / "docs" / "security" / "waivers.md"
FIGURE = re.compile(
    r"^[.FEsx]*?(route inventory|anonymous walk|canary scan|schemathesis|MFA|headers|check --deploy"
    r"|hostile uploads|import crash safety|log query scan|backup/restore drill[^:]*"
    r"|consent-category matrix|differencing attack):"
)
TODAY = dt.date.today()


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # Fixed argument lists of our own tools; nothing comes from outside.
    return subprocess.run(  # noqa: S603
        [UV, "run", "--frozen", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def waivers() -> list[tuple[str, str, str, dt.date]]:
    """(check, rule, file, expires) rows that are still valid."""
    rows = []
    for line in WAIVERS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) < 6 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[4]):
            continue
        expires = dt.date.fromisoformat(cells[4])
        if expires >= TODAY:
            rows.append((cells[0], cells[1], cells[2], expires))
    return rows


def waived(check: str, rule: str, filename: str) -> bool:
    return any(
        c == check and r == rule and (f == "*" or filename.endswith(f)) for c, r, f, _ in waivers()
    )


def run_pytest(
    results: list[tuple[str, str, str]], label: str, paths: list[str], engine: str
) -> bool:
    env = {**os.environ, "TEILHABE_SECURITY_SUITE": "1", "TEILHABE_TEST_DB": engine}
    started = time.perf_counter()
    out = _run("pytest", "-q", "-s", "-p", "no:cacheprovider", *paths, env=env)
    took = time.perf_counter() - started
    for line in out.stdout.splitlines():
        m = FIGURE.match(line)
        if m:
            results.append((label, m.group(1), line[m.end() :].strip()))
    summary = [ln for ln in out.stdout.splitlines() if re.search(r"\d+ (passed|failed)", ln)]
    ok = out.returncode == 0
    outcome = summary[-1] if summary else f"exit {out.returncode}"
    results.append((label, "tests", f"{outcome} ({took:.0f} s)"))
    if not ok:
        failed = [ln for ln in out.stdout.splitlines() if ln.startswith(("FAILED", "ERROR"))]
        sys.stdout.write("\n".join(failed) + "\n" + out.stdout[-4000:] + out.stderr[-1500:])
    return ok


def run_bandit(results: list[tuple[str, str, str]]) -> bool:
    out = _run(
        "bandit",
        "-q",
        "-ll",
        "-r",
        "src",
        "-x",
        "*/migrations/*",
        "-f",
        "json",
    )
    found = json.loads(out.stdout or "{}").get("results", [])
    open_ = [
        f"{r['test_id']} {r['filename']}:{r['line_number']} {r['issue_text']}"
        for r in found
        if not waived("bandit", r["test_id"], r["filename"])
    ]
    results.append(
        (
            "bandit -ll",
            "findings",
            f"{len(found)} medium/high, {len(found) - len(open_)} waived, {len(open_)} open",
        )
    )
    for line in open_:
        print(f"  bandit: {line}")
    return not open_


def run_pip_audit(results: list[tuple[str, str, str]]) -> bool:
    out = _run("pip-audit", "-l", "-f", "json", "--progress-spinner", "off")
    try:
        deps = json.loads(out.stdout)["dependencies"]
    except (ValueError, KeyError):
        deps = []
    skipped = [d for d in deps if "skip_reason" in d]
    vulns = [(d["name"], v["id"]) for d in deps for v in d.get("vulns", [])]
    if not deps or len(skipped) == len(deps):
        status = "skipped: no network (vulnerability service unreachable"
        status += f", {len(skipped)} of {len(deps)} distributions not auditable)"
        ok = waived("pip-audit", "no-network", "*")
        results.append(("pip-audit", "vulnerabilities", status + ("" if ok else " — NO WAIVER")))
        return ok
    open_ = [v for v in vulns if not waived("pip-audit", v[1], v[0])]
    results.append(
        (
            "pip-audit",
            "vulnerabilities",
            f"{len(deps) - len(skipped)} audited, {len(skipped)} not auditable, {len(vulns)} known "
            f"vulnerabilities, {len(open_)} open",
        )
    )
    return not open_


def main() -> int:
    """The SQLite suite is the long part: the PostgreSQL drills, bandit and pip-audit run
    beside it (each a subprocess), and their lines are printed in a fixed order."""
    started = time.perf_counter()
    parts: list[list[tuple[str, str, str]]] = [[] for _ in range(4)]
    sqlite_paths = [
        "tests/security",
        "tests/core/test_login_security.py",
        # The statewide figures against subtracting two published periods (#21, 3).
        "tests/reporting/test_periods.py::"
        "test_no_difference_of_two_published_periods_recovers_a_suppressed_cell",
    ]
    # kill -9 of the import process and the backup drill need the production engine.
    postgres_paths = ["tests/security/test_import_crash.py", "tests/ops/test_backup_restore.py"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = [
            pool.submit(run_pytest, parts[0], "pytest (SQLite)", sqlite_paths, "sqlite"),
            pool.submit(run_pytest, parts[1], "pytest (PostgreSQL)", postgres_paths, "postgres"),
            pool.submit(run_bandit, parts[2]),
            pool.submit(run_pip_audit, parts[3]),
        ]
        ok = all([run.result() for run in runs])
    results = [line for part in parts for line in part]
    width = max(len(f"{a} / {b}") for a, b, _ in results)
    print(f"\nmake check-security ({TODAY.isoformat()}, {time.perf_counter() - started:.0f} s)")
    for tool, check, figures in results:
        print(f"  {f'{tool} / {check}':<{width}}  {figures}")
    print("PASSED" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
