"""Holding the clock still while a page's queries are counted."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import time_machine
from django.utils import timezone


@contextmanager
def steady_clock() -> Iterator[None]:
    """The session is renewed at most once a minute (core.middleware.SessionLifetime
    Middleware). On a loaded machine a minute can pass between the warm-up request and the
    counted one, and the renewal's writes then land in the count; with the clock held, a
    renewal happens in the warm-up or not at all."""
    with time_machine.travel(timezone.now(), tick=False):
        yield
