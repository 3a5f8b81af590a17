"""The person page, whose sections come from several apps."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from teilhabe.casework.sharing.sections import consents_section, referrals_section
from teilhabe.casework.work.reminder_sections import reminders_section
from teilhabe.casework.work.sections import (
    cases_section,
    contacts_section,
    needs_section,
    plan_section,
)
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest
from teilhabe.documents.sections import documents_section
from teilhabe.mentoring.sections import mentoring_section
from teilhabe.offers.sections import matching_section
from teilhabe.pages.person_summary import person_summary
from teilhabe.people.access import get_person_access
from teilhabe.people.domains.sections import interpreter_section, legal_domains_section
from teilhabe.people.intake.sections import profile_section, status_section
from teilhabe.people.intake.selectors import age_on
from teilhabe.people.sections import AREAS, RenderedSection, Section, master_section
from teilhabe.people.services import person_view_record
from teilhabe.privacy.sections import privacy_section
from teilhabe.recognition.sections import recognition_section
from teilhabe.relocation.sections import relocation_section
from teilhabe.trajectories.sections import participations_section


@require_GET
def person_detail(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    """The person page: a summary card on the overview, the rest in areas ("bereich"), each
    with its own URL. Only the chosen area's sections are computed (fixed queries each)."""
    principal: Principal = request.principal
    access = get_person_access(principal, person_id)
    person_view_record(access=access)
    visible = [s for s in SECTIONS if s.visible(access)]
    areas = [a for a in AREAS if any(s.key in a.sections for s in visible)]
    chosen = request.GET.get("bereich", areas[0].key if areas else "")
    area = next((a for a in areas if a.key == chosen), None)
    if area is None:
        raise Http404
    shown = [s for s in visible if s.key in area.sections]
    return TemplateResponse(
        request,
        "people/person_detail.html",
        {
            "person": access.person,
            "access": access,
            "age": age_on(access.person.date_of_birth, timezone.localdate())
            if access.can("master_data") and access.person.date_of_birth
            else None,
            "areas": areas,
            "visible": [s.key for s in visible],
            "area": area,
            "summary": person_summary(access, {s.key for s in visible})
            if area.key == AREAS[0].key
            else None,
            "sections": [RenderedSection(s.key, s.template, s.provider(access)) for s in shown],
        },
    )


# The person page's sections, in page order (each provider answers with fixed queries).
SECTIONS: list[Section] = [
    Section(
        "master",
        "people/sections/master.html",
        master_section,
        "master_data",
    ),
    Section(
        "interpreter",
        "people/sections/interpreter.html",
        interpreter_section,
        "master_data",
    ),
    Section(
        "status",
        "people/sections/status.html",
        status_section,
        "residence_status",
    ),
    Section(
        "profile",
        "people/sections/profile.html",
        profile_section,
        "education",
    ),
    Section(
        "recognition",
        "recognition/sections/recognition.html",
        recognition_section,
        "education",
    ),
    Section(
        "legal_domains",
        "people/sections/legal_domains.html",
        legal_domains_section,
        "education",
    ),
    Section(
        "cases",
        "casework/sections/cases.html",
        cases_section,
        "master_data",
    ),
    Section(
        "reminders",
        "casework/sections/reminders.html",
        reminders_section,
        None,
    ),
    Section(
        "needs",
        "casework/sections/needs.html",
        needs_section,
        "needs",
    ),
    Section(
        "plan",
        "casework/sections/plan.html",
        plan_section,
        "plan",
    ),
    Section(
        "contacts",
        "casework/sections/contacts.html",
        contacts_section,
        None,
    ),
    Section(
        "mentoring",
        "mentoring/sections/mentoring.html",
        mentoring_section,
        None,
    ),
    Section(
        "consents",
        "casework/sections/consents.html",
        consents_section,
        None,
    ),
    Section(
        "referrals",
        "casework/sections/referrals.html",
        referrals_section,
        "master_data",
    ),
    Section(
        "participations",
        "trajectories/sections/participations.html",
        participations_section,
        "participations",
    ),
    Section(
        "relocation",
        "relocation/sections/relocation.html",
        relocation_section,
        None,
    ),
    Section(
        "matching",
        "offers/sections/matching.html",
        matching_section,
        None,
    ),
    Section(
        "documents",
        "documents/sections/documents.html",
        documents_section,
        "documents",
    ),
    Section(
        "privacy",
        "privacy/sections/privacy.html",
        privacy_section,
        None,
    ),
]
