"""Exports of the existing lists as CSV or Excel: one pattern for every list.

A list view asks `export_format(request)`; when the request carries `format=csv|xlsx` it
answers with `export_response(...)` instead of the page: the same rows the page would show
(same access helpers, same filters, all pages), through teilhabe.core.tabular (formula
injection neutralised) and audited as one "export" event with the row count only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from teilhabe.core import tabular
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation

MAX_EXPORT_ROWS = 50_000  # anti-automation: a list larger than this is filtered first


def export_format(request: HttpRequest) -> str | None:
    params = request.POST if request.method == "POST" else request.GET
    fmt = params.get("format", "")
    return fmt if fmt in tabular.FORMATS else None


def export_response(
    request: HttpRequest,
    *,
    fmt: str,
    filename: str | Promise,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    list_name: str,
    organisation: Organisation | None = None,
) -> HttpResponse:
    materialised = [list(r) for _i, r in zip(range(MAX_EXPORT_ROWS), rows, strict=False)]
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=request.user,
        alliance=getattr(request, "alliance", None),
        organisation=organisation,
        object_type=list_name,
        purpose=f"{list_name} {fmt}: {len(materialised)} rows",
    )
    name = str(filename)
    return tabular.response(fmt, name, [tabular.Table(name, header, materialised)])


# --- the lists ---------------------------------------------------------------------------


def person_rows(persons: Iterable[Any]) -> tuple[list[str], Iterable[list[Any]]]:
    """Rows of the person list (people.selectors.person_list annotations)."""
    from teilhabe.people.countries import country_name
    from teilhabe.people.models import ResidenceStatus

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


def referral_rows(referrals: Iterable[Any], *, incoming: bool) -> tuple[list[str], Iterable]:
    header = [
        _("Sent on"),
        _("Person"),
        _("From organisation") if incoming else _("To organisation"),
        _("Purpose"),
        _("Status"),
    ]
    rows = (
        [
            r.created_at.date(),
            r.case.person.full_name if r.show_person else _("not shared"),
            (r.from_organisation if incoming else r.to_organisation).name,
            r.purpose,
            r.get_status_display(),
        ]
        for r in referrals
    )
    return header, rows


def audit_rows(events: Iterable[Any]) -> tuple[list[str], Iterable]:
    from django.utils import timezone

    header = [
        _("Time"),
        _("Actor"),
        _("Organisation"),
        _("Action"),
        _("Object type"),
        _("Object"),
        _("Purpose"),
        _("Consent"),
        _("Outcome"),
        _("Request"),
    ]
    rows = (
        [
            timezone.localtime(e.at).strftime("%d.%m.%Y %H:%M:%S"),
            e.actor.email if e.actor else _("system"),
            e.organisation.name if e.organisation else "",
            e.get_action_display(),
            e.object_type,
            str(e.object_id or ""),
            e.purpose,
            str(e.consent_id or ""),
            e.get_outcome_display(),
            e.request_id,
        ]
        for e in events
    )
    return header, rows


def person_list_export(request: HttpRequest, fmt: str, persons: Any) -> HttpResponse:
    """The person list as a file: only the persons the principal's organisation owns as
    case manager. Persons shared by a consent stay readable on screen, but a consent for a
    purpose is no basis for copying them into a spreadsheet."""
    from teilhabe.people.intake.selectors import owner_condition

    principal = request.principal  # type: ignore[attr-defined]
    header, rows = person_rows(persons.filter(owner_condition(principal)))
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


def partner_rows(partners: Iterable[Any]) -> tuple[list[str], Iterable]:
    """The alliance's partners with their contact (partner staff, never a young person)."""
    header = [
        _("Organisation"),
        _("Type"),
        _("Lead office"),
        _("Contact person"),
        _("Function"),
        _("E-mail"),
        _("Phone"),
        _("Legal domain"),
        _("Joined on"),
    ]

    def rows() -> Iterable[list[Any]]:
        for org in partners:
            profile = getattr(org, "partner_profile", None)
            yield [
                org.name,
                org.get_kind_display(),
                org.is_lead_office,
                profile.contact_name if profile else "",
                profile.contact_function if profile else "",
                profile.contact_email if profile else "",
                profile.contact_phone if profile else "",
                profile.get_legal_domain_display() if profile else "",
                profile.joined_on if profile else None,
            ]

    return header, rows()


def workshop_rows(workshops: Iterable[Any]) -> tuple[list[str], Iterable]:
    header = [_("Title"), _("Kind"), _("Date"), _("Place"), _("Participants"), _("Problems")]
    rows = (
        [w.title, w.get_kind_display(), w.held_on, w.place, w.participants, w.problem_count]
        for w in workshops
    )
    return header, rows


def coverage_rows(report: Any) -> tuple[list[str], Iterable]:
    header = [pgettext("metric", "Measure"), _("Covered"), _("Total"), _("Share (%)")]
    r = report
    rows = [
        [_("District-level bodies"), r.kreis_level_joined, r.kreis_level_total,
         r.kreis_level_share],
        [_("Municipalities"), r.gemeinden_covered, r.gemeinden_total, r.gemeinden_share],
        [_("Population"), r.population_covered, r.population_total, r.population_share],
        [_("Protection seekers"), r.seekers_covered_rounded, r.seekers_total, r.seekers_share],
    ]  # fmt: skip
    return header, [[v if not isinstance(v, float) else round(v, 1) for v in row] for row in rows]
