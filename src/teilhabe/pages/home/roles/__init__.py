"""Start pages of the roles other than case manager: one block per role the user holds in
the alliance (partner staff, data-protection officer, coordinator, volunteer), the block with
the most open items first. Each block reads through its app's selectors and access helpers
in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from teilhabe.advice.home import advice_block
from teilhabe.core.models import Role
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest
from teilhabe.pages.home.roles.coordinator import coordinator_block
from teilhabe.pages.home.roles.dpo import dpo_block
from teilhabe.pages.home.roles.partner import partner_block
from teilhabe.pages.home.roles.volunteer import volunteer_block


@dataclass
class Block:
    template: str
    data: Any
    order: int  # ties: the order below

    @property
    def open_items(self) -> int:
        return int(self.data.open_items)


def blocks_for(principal: Principal, page_number: str | None = None) -> list[Block]:
    today = timezone.localdate()
    alliance = principal.alliance
    assert alliance is not None
    blocks: list[Block] = []
    if principal.has_role(Role.PARTNER_STAFF):
        partner = partner_block(principal, today, page_number)
        blocks.append(Block("core/home_partner.html", partner, 0))
    if principal.is_dpo:
        dpo = dpo_block(principal.dpo_organisations()[0], today)
        blocks.append(Block("core/home_dpo.html", dpo, 1))
    if principal.is_coordinator:
        blocks.append(Block("core/home_coordinator.html", coordinator_block(alliance, today), 2))
    if principal.has_role(Role.VOLUNTEER):
        blocks.append(Block("core/home_volunteer.html", volunteer_block(principal), 3))
    blocks.append(Block("advice/_home.html", advice_block(principal), 4))
    blocks.sort(key=lambda b: (-b.open_items, b.order))
    return blocks


@require_GET
def role_home(request: AllianceRequest) -> HttpResponse:
    """The start page of a member who is not a case manager."""
    principal: Principal = request.principal
    return TemplateResponse(
        request,
        "core/role_home.html",
        {
            "principal": principal,
            "blocks": blocks_for(principal, request.GET.get("seite")),
        },
    )
