"""Logging filter, loaded by the settings (so no Django imports here)."""

from __future__ import annotations

import logging
import re

FEED_PATH = re.compile(r"(/kalender/)[^/\s?]+(\.ics)")
MASK = r"\1***\2"


class MaskFeedToken(logging.Filter):
    """Request logs name the path; a calendar feed's path holds its secret: mask it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and "/kalender/" in record.msg:
            record.msg = FEED_PATH.sub(MASK, record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                FEED_PATH.sub(MASK, a) if isinstance(a, str) else a for a in record.args
            )
        return True
