"""The errors of a row: the error of one cell (fields.py, dates.py raise it; services.py
reports it), and every error a service finds in a row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

T = TypeVar("T")


class CellError(Exception):
    """A cell that cannot become a value; the message says why, in the user's language."""


def every_error(
    create: Callable[[dict[str, Any]], T],
    data: dict[str, Any],
    empty: dict[str, Any],
    errors: dict[str, list[str]],
    keep: bool = True,
) -> T | None:
    """Call a service that stops at its first error (`create(data)`, in a savepoint) until
    it has named every error of the row: each field it refuses is noted in `errors` and
    emptied (`empty`: field -> its empty value) for the next call. The rules stay the
    service's; the import only asks again. Returns what the service created when no
    error was noted at all and `keep`; otherwise it is rolled back and None is returned."""
    data = dict(data)
    while True:
        try:
            with transaction.atomic():
                created = create(data)
                if keep and not errors:
                    return created
                transaction.set_rollback(True)  # only checking the rest of the row
                return None
        except ValidationError as exc:
            found = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            again = False
            for name, messages in found.items():
                if name not in errors:  # a field the list refused already: its message
                    errors[name] = list(messages)
                if name in empty and data.get(name) != empty[name]:
                    data[name], again = empty[name], True
            if not again:
                return None
