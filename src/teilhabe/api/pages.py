"""A list endpoint's rows as ninja's `@paginate` sees them, paged in the database.

ninja's paginator asks the list for its length and slices the page out of it. Handed a
Python list, every row of the alliance is read and turned into a dict before 50 are kept.
`QueryPage` answers the length with a COUNT and a slice with that page's rows alone, so a
list endpoint does the same queries on page 1 and on page 90, at 10 rows and at 10,000.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from django_scopes import scope
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from teilhabe.core.models import Alliance

M = TypeVar("M", bound=Model)
Row = dict[str, Any]


class QueryPage(Generic[M]):
    """`rows` (an ordered queryset) for ninja's paginator; `build` turns the rows of one
    page into the response's dicts (and may record what the page disclosed)."""

    def __init__(
        self,
        rows: QuerySet[M],
        alliance: Alliance | None,
        build: Callable[[list[M]], list[Row]],
    ) -> None:
        self.rows, self.alliance, self.build = rows, alliance, build

    # The paginator runs after the handler has left its alliance scope: enter it again.
    def __len__(self) -> int:
        with scope(alliance=self.alliance):
            return self.rows.count()

    def __getitem__(self, page: slice) -> Sequence[Row]:
        with scope(alliance=self.alliance):
            return self.build(list(self.rows[page]))


# Past this page every list is empty anyway; a larger number made SQLite's offset overflow
# (`?page=9223372036854775807` answered 500). Refused as invalid input instead (422).
MAX_PAGE = 1_000_000


class Pages(PageNumberPagination):
    """ninja's page-number pagination with a bounded page number (every list endpoint)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)
