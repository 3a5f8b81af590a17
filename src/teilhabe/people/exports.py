"""The person list as CSV/Excel (through `core.exports`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from teilhabe.core.exports import export_response
from teilhabe.core.web import AllianceRequest
from teilhabe.people.access import owned_persons
from teilhabe.people.countries import country_name
from teilhabe.people.models import ResidenceStatus


def person_rows(persons: Iterable[Any]) -> tuple[list[str], Iterable[list[Any]]]:
    """Rows of the person list (people.selectors.person_list annotations)."""
    header = [
        _("Person ID"),
        _("Family name"),
        _("Given name"),
        _("Date of birth"),
        _("Sex/gender"),
        _("Nationality"),
        _("Residence status"),
        _("Status valid until"),
        _("Place of residence"),
        _("Responsible organisation"),
        _("Case manager"),
        _("Open cases since"),
    ]

    def rows() -> Iterable[list[Any]]:
        for p in persons:
            status = p.current_status if p.status_visible else None
            yield [
                str(p.pk),
                p.family_name,
                p.given_name,
                p.date_of_birth,
                p.get_sex_display(),
                country_name(p.nationality),
                ResidenceStatus(status).label if status else "",
                p.current_status_until if status else None,
                p.residence.name if p.residence else "",
                p.owner.name,
                p.assigned_to.email if p.assigned_to else "",
                ", ".join(c.opened_on.strftime("%d.%m.%Y") for c in p.open_cases),
            ]

    return header, rows()


def person_list_export(request: AllianceRequest, fmt: str, persons: Any) -> HttpResponse:
    """The person list as a file: only the persons the principal's organisation owns as
    case manager. Persons shared by a consent stay readable on screen, but a consent for a
    purpose is no basis for copying them into a spreadsheet."""
    principal = request.principal
    header, rows = person_rows(persons.filter(pk__in=owned_persons(principal).values("pk")))
    organisations = principal.organisations("case_manager")
    return export_response(
        request,
        fmt=fmt,
        filename=_("persons"),
        header=header,
        rows=rows,
        list_name="people.person_list",
        organisation=organisations[0] if len(organisations) == 1 else None,
    )
