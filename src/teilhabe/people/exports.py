"""The person list as CSV/Excel (through `core.exports`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from django.http import HttpResponseBase
from django.utils.translation import gettext as _

from teilhabe.casework.models import Case
from teilhabe.casework.models.needs import NeedLevel
from teilhabe.core.exports import EXPORT_CHUNK, MAX_EXPORT_ROWS, export_response
from teilhabe.core.web import AllianceRequest
from teilhabe.people.access import owned_persons
from teilhabe.people.countries import country_name
from teilhabe.people.models import ResidenceStatus, Sex
from teilhabe.people.selectors import NEED_RANK

NEED_LABELS = {rank: level for level, rank in NEED_RANK.items()}


def _user_label(user: Any) -> str:
    return (user.get_full_name() or user.email) if user else ""


def person_rows(persons: Iterable[Any]) -> tuple[list[str], Iterable[list[Any]]]:
    """Rows of the caseload list (annotations of people.selectors.caseload and the page's
    `open_findings`)."""
    header = [
        _("Person ID"),
        _("Family name"),
        _("Given name"),
        _("Date of birth"),
        _("Sex/gender"),
        _("Nationality"),
        _("Residence status"),
        _("Status valid until"),
        _("Last contact"),
        _("Next step"),
        _("Open findings"),
        _("Highest need"),
        _("Place of residence"),
        _("Responsible organisation"),
        _("Case manager"),
        _("Open cases since"),
    ]

    def rows() -> Iterable[list[Any]]:
        # Labels translated once per file, not once per row (a lazy label costs a
        # translation lookup each time it is read).
        sexes = {value: str(label) for value, label in Sex.choices}
        statuses = {value: str(label) for value, label in ResidenceStatus.choices}
        needs = {rank: str(NeedLevel(level).label) for rank, level in NEED_LABELS.items()}
        for p in persons:
            yield [
                str(p.pk),
                p.family_name,
                p.given_name,
                p.date_of_birth,
                sexes.get(p.sex, p.sex),
                country_name(p.nationality),
                statuses.get(p.status_code, "") if p.status_code else "",
                p.status_until,
                p.last_contact,
                p.next_step_on,
                p.open_findings,
                needs.get(p.need_rank, ""),
                p.residence.name if p.residence else "",
                p.owner.name,
                _user_label(p.assigned_to),
                ", ".join(c.opened_on.strftime("%d.%m.%Y") for c in p.open_cases),
            ]

    return header, rows()


def person_list_export(request: AllianceRequest, fmt: str, persons: Any) -> HttpResponseBase:
    """The person list as a file: only the persons the principal's organisation owns as
    case manager. Persons shared by a consent stay readable on screen, but a consent for a
    purpose is no basis for copying them into a spreadsheet."""
    principal = request.principal
    open_cases = Case.objects.filter(status=Case.Status.OPEN).order_by("-opened_on")
    owned = persons.filter(pk__in=owned_persons(principal).values("pk")).prefetch_related(
        Prefetch("cases", queryset=open_cases, to_attr="open_cases")
    )
    # Read in chunks (the open cases prefetched per chunk), never the whole list at once.
    header, rows = person_rows(owned[:MAX_EXPORT_ROWS].iterator(chunk_size=EXPORT_CHUNK))
    organisations = principal.organisations("case_manager")
    return export_response(
        request,
        fmt=fmt,
        filename=_("persons"),
        header=header,
        rows=rows,
        list_name="people.person_list",
        organisation=organisations[0] if len(organisations) == 1 else None,
        expected=owned,
    )
