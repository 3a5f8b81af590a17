"""Matrix rows for the operator pages under /betrieb/: superusers only (no persona is one)."""

from __future__ import annotations

from tests.matrix import row

EXPECTED: dict[str, dict[str, int]] = {
    "ops:jobs": row(404, anon=302),
}
