#!/usr/bin/env bash
# Run pytest; exit code 5 ("no tests collected") is not a failure of the setup.
set -uo pipefail
uv run --frozen pytest "$@"
rc=$?
[ "$rc" -eq 5 ] && rc=0
exit "$rc"
