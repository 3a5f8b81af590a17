"""Employer routes of the API: the alliance's directory, read-only, for its staff (the rule of
`employers.access`; 404 for everyone else). The contact person's name, phone and e-mail are
left out: the list is about firms."""

# No `from __future__ import annotations`: ninja resolves the annotations at import time.
import datetime as dt
import uuid

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from teilhabe.api.auth import api_scope
from teilhabe.api.pages import Pages, QueryPage
from teilhabe.employers import access
from teilhabe.employers.models import Employer

router = Router(tags=["employers"])
P = "/buendnisse/{alliance}/betriebe"


class EmployerOut(Schema):
    id: uuid.UUID
    name: str
    sector: str
    sector_label: str
    gemeinde_ags: str | None
    places_training: int
    places_internship: int
    places_employment: int
    in_network: bool
    last_contact_on: dt.date | None
    archived_on: dt.date | None


def _out(e: Employer) -> dict[str, object]:
    return {
        "id": e.pk,
        "name": e.name,
        "sector": e.sector,
        "sector_label": e.get_sector_display(),
        "gemeinde_ags": e.municipality_id,
        "places_training": e.places_training,
        "places_internship": e.places_internship,
        "places_employment": e.places_employment,
        "in_network": e.in_network,
        "last_contact_on": e.last_contact_on,
        "archived_on": e.archived_on,
    }


@router.get(P, response=list[EmployerOut], url_name="employer_list")
@paginate(Pages, page_size=50)
def list_employers(
    request: HttpRequest, alliance: str, sector: str = "", include_archived: bool = False
) -> QueryPage[Employer]:
    """The directory by name; `sector` (a code) narrows it, archived firms only on request."""
    with api_scope(request, alliance) as principal:
        rows = access.employers_for(principal).order_by("name", "pk")
        if sector:
            rows = rows.filter(sector=sector)
        if not include_archived:
            rows = rows.filter(archived_on__isnull=True)
        return QueryPage(rows, principal.alliance, lambda page: [_out(e) for e in page])
