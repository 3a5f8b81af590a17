"""Command-line entry for batch checks: ``careers_check INPUT.json`` (``-`` reads stdin).

Exit status 0 with the result JSON on stdout; on any malformed input exit status 2 with
exactly one line on stderr and nothing on stdout, so scripts can rely on both streams.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from teilhabe.trajectories.careers import InputError, run

EXIT_OK = 0
EXIT_INPUT = 2


def _read(source: str, stdin: TextIO) -> str:
    if source == "-":
        text = stdin.read()
    else:
        # utf-8-sig: spreadsheet tools on Windows like to prepend a BOM.
        with open(source, encoding="utf-8-sig") as handle:
            return handle.read()
    return text.removeprefix("\ufeff")


def _fail(stderr: TextIO, message: str) -> int:
    stderr.write(" ".join(message.splitlines()) + "\n")
    return EXIT_INPUT


def main(argv: list[str], stdout: TextIO, stderr: TextIO, stdin: TextIO | None = None) -> int:
    """Run the check on the file named in argv[0]; return the exit status."""
    if len(argv) != 1:
        return _fail(stderr, "Aufruf: careers_check INPUT.json  (oder - für die Standardeingabe)")
    source = argv[0]
    try:
        text = _read(source, sys.stdin if stdin is None else stdin)
    except (OSError, UnicodeDecodeError) as exc:
        return _fail(stderr, f"Eingabe {source!r} nicht lesbar: {exc}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return _fail(stderr, f"Eingabe {source!r} ist kein gültiges JSON: {exc}")
    except RecursionError:
        return _fail(stderr, f"Eingabe {source!r} ist zu tief verschachtelt")
    try:
        result = run(data)
    except InputError as exc:
        return _fail(stderr, str(exc))
    # Build the whole text first so nothing reaches stdout unless everything succeeded.
    stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK
