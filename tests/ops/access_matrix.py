"""Matrix rows for the operator pages under /betrieb/: superusers only (no persona is one)."""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import row

EXPECTED: dict[str, dict[str, int]] = {
    "ops:jobs": row(404, anon=302),
    "ops:lockouts": row(404, anon=302),
    "ops:lockout_release": row(404, anon=302),
}


def url_kwargs(world: World) -> dict[str, Any]:
    return {"attempt_id": 1}  # refused before the lockout is looked up
