"""Fixtures of the sharing tests: a private media directory, so evidence uploads never land
in the project's var/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "private-media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]
