"""seed-demo hook of the casework app: delegates to the demo parts of its areas."""

from __future__ import annotations

import importlib
from importlib.util import find_spec
from typing import Any

PARTS = ["teilhabe.casework.work.demo", "teilhabe.casework.sharing.demo"]


def _parts() -> list[Any]:
    return [importlib.import_module(name) for name in PARTS if find_spec(name)]


def extend_alliance(**kwargs: Any) -> None:
    for part in _parts():
        if hasattr(part, "extend_alliance"):
            part.extend_alliance(**kwargs)


def extend_state(**kwargs: Any) -> None:
    for part in _parts():
        if hasattr(part, "extend_state"):
            part.extend_state(**kwargs)
