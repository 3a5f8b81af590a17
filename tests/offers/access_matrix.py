"""Matrix rows of the offers area: catalogue, categories, gap analysis, quality, referral
from matching, and the offers API.

Objects (alliance A): an offer of Jobcenter A, a custom category of A, the default field
of action "work_training" for the gap drill-down, person A for the referral.
"""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from tests.conftest import World
from tests.matrix import MEMBERS_A, row
from tests.offers.factories import CustomCategoryFactory, OfferFactory

COORD = row(404, anon=302, coord_a=200)
# Maintainers: coordinators and the staff (case managers, partner staff) of any organisation.
MAINTAINERS = row(404, anon=302, coord_a=200, cm_a=200, partner_a=200, abh_a=200, cm_a_jmd=200)
# The offer is Jobcenter A's: coordinators and Jobcenter A's partner staff edit it.
OFFER_MAINTAINERS = row(404, anon=302, coord_a=200, partner_a=200)
OFFER_MAINTAINERS_POST = row(404, anon=302, coord_a=405, partner_a=405)


def api(page_row: dict[str, int]) -> dict[str, int]:
    return {**page_row, "anon": 401}


EXPECTED: dict[str, dict[str, int]] = {
    "offers:offer_list": MEMBERS_A,
    "offers:offer_export": MEMBERS_A,
    "offers:offer_detail": MEMBERS_A,
    "offers:offer_create": MAINTAINERS,
    "offers:offer_edit": OFFER_MAINTAINERS,
    "offers:offer_active": OFFER_MAINTAINERS_POST,
    # The confirmation page (a consent names the offer's provider, the Jobcenter).
    "offers:offer_refer": row(404, anon=302, cm_a=200),
    "offers:category_list": COORD,
    "offers:category_create": COORD,
    "offers:category_edit": COORD,
    "offers:gap_matrix": COORD,
    "offers:gap_export": COORD,
    "offers:gap_cell": COORD,
    "offer_quality:report": MAINTAINERS,
    "offer_quality:export": MAINTAINERS,
    "api:offer_list": api(MEMBERS_A),
    "api:offer_create": api(MEMBERS_A),  # same path as the list: GET lists
    "api:offer_detail": api(MEMBERS_A),
    "api:offer_update": api(MEMBERS_A),  # same path as the detail: GET reads
}


def url_kwargs(world: World) -> dict[str, Any]:
    from teilhabe.alliances.models import FieldOfAction

    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jobcenter, title="Berufssprachkurs B1")
        category = CustomCategoryFactory(alliance=world.a.alliance)
        field = FieldOfAction.objects.filter(alliance=None, key="work_training").first()
    return {
        "offer_id": offer.pk,
        "category_id": category.pk,
        "gap_field_id": field.pk if field else None,
        "gap_group": "duldung",
    }
