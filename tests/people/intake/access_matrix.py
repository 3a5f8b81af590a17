"""Matrix rows for intake, master data, residence status and profile (people:intake:*)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_scopes import scopes_disabled

from teilhabe.people.models import WorkPermission
from tests.conftest import World
from tests.matrix import CASE_MANAGER_A, row
from tests.people.intake.factories import CertificateFactory, ExperienceFactory, StatusEntryFactory

# Intake: every case manager of alliance A, for their own organisation.
CASE_MANAGERS_A = row(404, anon=302, cm_a=200, cm_a_jmd=200)

EXPECTED: dict[str, dict[str, int]] = {
    "people:intake:create": CASE_MANAGERS_A,
    # The htmx eligibility preview takes POST only (the date of birth stays out of URLs).
    "people:intake:eligibility": row(404, anon=302, cm_a=405, cm_a_jmd=405),
    # The htmx language row of the intake form: POST only as well.
    "people:intake:language_row": row(404, anon=302, cm_a=405, cm_a_jmd=405),
    # Writes on person A: only its owner's case manager; partner_a reads person A through
    # a consent (status and education included) but edits nothing.
    "people:intake:edit": CASE_MANAGER_A,
    "people:intake:status_add": CASE_MANAGER_A,
    "people:intake:status_edit": CASE_MANAGER_A,
    "people:intake:status_delete": CASE_MANAGER_A,
    "people:intake:profile_edit": CASE_MANAGER_A,
    "people:intake:certificate_add": CASE_MANAGER_A,
    "people:intake:certificate_edit": CASE_MANAGER_A,
    "people:intake:certificate_delete": CASE_MANAGER_A,
    "people:intake:experience_add": CASE_MANAGER_A,
    "people:intake:experience_edit": CASE_MANAGER_A,
    "people:intake:experience_delete": CASE_MANAGER_A,
    "people:intake:work_permission_add": CASE_MANAGER_A,
    "people:intake:work_permission_withdraw": CASE_MANAGER_A,
}


def url_kwargs(world: World) -> dict[str, Any]:
    with scopes_disabled():
        person = world.a.person
        return {
            "status_entry_id": StatusEntryFactory(person=person).pk,
            "certificate_id": CertificateFactory(person=person).pk,
            "experience_id": ExperienceFactory(person=person).pk,
            "work_permission_id": WorkPermission.objects.create(
                alliance=person.alliance,
                person=person,
                employer_name="Bäckerei",
                kind="internship",
                granted_on=dt.date(2026, 1, 1),
            ).pk,
        }
