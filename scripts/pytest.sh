#!/usr/bin/env bash
# Run pytest; exit code 5 ("no tests collected") is not a failure of the setup.
# TEILHABE_TEST_WORKERS=N (without arguments): the suite without the browser tests on N
# pytest-xdist workers, then the browser tests in one serial run (one shared Chromium).
# Off by default: on the 2-core machine -n 2 was no faster than serial (docs/architecture.md).
set -uo pipefail

run() {
    uv run --frozen pytest "$@"
    local rc=$?
    [ "$rc" -eq 5 ] && rc=0
    return "$rc"
}

workers="${TEILHABE_TEST_WORKERS:-0}"
if [ "$#" -gt 0 ] || [ "$workers" -eq 0 ]; then
    run "$@"
    exit $?
fi
run -m "not browser" -n "$workers"
rc=$?
run -m browser
browser_rc=$?
exit $((rc > 0 ? rc : browser_rc))
