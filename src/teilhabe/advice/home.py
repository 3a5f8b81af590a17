"""The start pages' block: the user's open questions and, for advisors, the requests
waiting in their organisations' inbox (two COUNT queries, one for non-advisors)."""

from __future__ import annotations

from dataclasses import dataclass

from teilhabe.advice.access import inbox_for, is_advisor
from teilhabe.advice.models import AdviceRequest
from teilhabe.core.roles import Principal


@dataclass
class AdviceBlock:
    open_asked: int
    inbox_new: int | None  # None: not an advisor

    @property
    def open_items(self) -> int:
        return self.inbox_new or 0


def advice_block(principal: Principal) -> AdviceBlock:
    open_asked = (
        AdviceRequest.objects.filter(alliance=principal.alliance, asked_by_id=principal.user.pk)
        .exclude(status=AdviceRequest.Status.CLOSED)
        .count()
    )
    inbox_new = None
    if is_advisor(principal):
        inbox_new = inbox_for(principal).filter(status=AdviceRequest.Status.NEW).count()
    return AdviceBlock(open_asked=open_asked, inbox_new=inbox_new)
