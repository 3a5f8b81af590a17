"""C3 canary scan: no persona sees another alliance's or organisation's canaries.

Every free-text field of alliance B's rows, of the JMD A person and of person A's owner-only
casework holds a unique token. Every page, API route (incl. the OpenAPI document) and linked
CSV/XLSX export is fetched as every persona who must not see them (A's own URLs, B's URLs and
A's slug with B's ids), plus the mail outbox: 0 occurrences.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from teilhabe.people.models import WorkPermission
from tests.casework.work.factories import (
    ContactFactory,
    GoalFactory,
    NeedAssessmentFactory,
    StepFactory,
)
from tests.conftest import PERSONAS, World
from tests.security import canaries as c
from tests.security.scan import body_text, export_links
from tests.security.walk import collect_kwargs, kwargs_for_b, urls

# Which tokens each persona must never see.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "cm_a": (c.PERSONAL_B, c.ADMIN_B, c.JMD_A),
    "coord_a": (c.PERSONAL_B, c.ADMIN_B, c.JMD_A, c.OWNER_A),
    "partner_a": (c.PERSONAL_B, c.ADMIN_B, c.JMD_A, c.OWNER_A),
    "abh_a": (c.PERSONAL_B, c.ADMIN_B, c.JMD_A, c.OWNER_A),
    "cm_a_jmd": (c.PERSONAL_B, c.ADMIN_B, c.OWNER_A),
    "volunteer_a": (c.PERSONAL_B, c.ADMIN_B, c.JMD_A, c.OWNER_A),
    # Statewide roles see every alliance's administration by design, never personal data.
    "state": (c.PERSONAL_B, c.JMD_A, c.OWNER_A),
    "researcher": (c.PERSONAL_B, c.JMD_A, c.OWNER_A),
    "anon": (c.PERSONAL_B, c.ADMIN_B, c.JMD_A, c.OWNER_A),
    # A's data protection officer (privacy area): never alliance B's data.
    "dpo_a": (c.PERSONAL_B, c.ADMIN_B),
    # Alliance B's personas own the B canaries; they must see none of A's.
    "cm_b": (c.JMD_A, c.OWNER_A),
    "coord_b": (c.JMD_A, c.OWNER_A),
    "partner_b": (c.JMD_A, c.OWNER_A),
    "abh_b": (c.JMD_A, c.OWNER_A),
}


def _casework(case: Any) -> None:
    step = StepFactory(goal=GoalFactory(case=case))
    ContactFactory(case=case, organisation=case.organisation)
    NeedAssessmentFactory(case=case, organisation=case.organisation)
    # A work permission names an employer: a free text of the residence status.
    WorkPermission.objects.create(
        alliance=case.alliance,
        person=case.person,
        employer_name="x",
        kind="internship",
        granted_on=dt.date(2026, 1, 1),
        note="x",
    )
    assert step.pk


def _document(person: Any) -> None:
    from django.utils import timezone

    from teilhabe.documents.models import PersonDocument

    PersonDocument.objects.create(
        alliance=person.alliance,
        person=person,
        organisation=person.owner,
        kind=PersonDocument.Kind.DECISION,
        title="Bescheid",
        issuing_body="Jobcenter",
        content_type="application/pdf",
        uploaded_at=timezone.now(),
    )


@pytest.mark.django_db
def test_no_persona_sees_a_canary_it_must_not_see(world: World, login: Any) -> None:
    assert set(PERSONAS) <= set(FORBIDDEN), "a new persona needs its row here"
    own = collect_kwargs(world)
    other, unbuilt = kwargs_for_b(world)
    with scopes_disabled():
        from teilhabe.casework.models import Case

        jmd_case = Case.objects.filter(person=world.person_a_jmd).first()
        for case in (world.a.case, world.b.case, jmd_case):
            _casework(case)
        _document(world.person_a_jmd)  # B's documents come from the matrix's url_kwargs
    planted = c.plant(
        alliance_b=world.b.alliance,
        jmd_person_ids=[world.person_a_jmd.pk],
        owner_case_id=world.a.case.pk,
    )
    # By design (teilhabe.relocation, scanned on its own in test_relocation_canaries.py): A's
    # case managers choose another alliance's Teilhabemanagement by its name, and the
    # receiver of a handover reads its consented part. So the receiving office's name is no
    # canary here, and the receiver's handover pages are not scanned for B's personal data.
    with scopes_disabled():
        from teilhabe.core.models import Organisation

        Organisation.objects.filter(pk=world.b.tm_office.pk).update(name="Teilhabemanagement B")
    mixed = {**other, "alliance_slug": world.a.alliance.slug, "alliance": world.a.alliance.slug}
    paths = sorted({p for kw in (own, other, mixed) for _, p in urls(kw)})
    paths.append("/api/openapi.json")

    scanned = 0
    leaks: list[str] = []
    errors: set[str] = set()
    for persona in PERSONAS:
        tokens = FORBIDDEN[persona]
        client = login(persona)
        client.raise_request_exception = False  # a crashing page leaks nothing; counted
        queue = list(paths)
        seen: set[str] = set()
        while queue:
            path = queue.pop()
            if path in seen:
                continue
            seen.add(path)
            response = client.get(path)
            scanned += 1
            if response.status_code >= 500:
                errors.add(path)
            text = body_text(response).lower()
            receiving = persona == "cm_a" and "/umzuege" in path
            shown = [t for t in tokens if t in text and not (receiving and t == c.PERSONAL_B)]
            leaks += [f"{persona} {path}: {t}" for t in shown]
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                queue += [link for link in export_links(text) if link.startswith("/")]
    outbox = " ".join(f"{m.subject} {m.body}" for m in mail.outbox).lower()
    leaks += [f"mail: {t}" for t in (c.PERSONAL_B, c.ADMIN_B) if t in outbox]
    print(
        f"canary scan: {planted.total} canaries in {len(planted.fields)} fields, "
        f"{len(paths)} URLs, {scanned} responses scanned, {len(mail.outbox)} mails, "
        f"{len(leaks)} occurrences; URL arguments not built for B: {unbuilt or 'none'}; "
        f"{len(errors)} URLs answered 5xx: {sorted(errors)[:10]}"
    )
    assert planted.total > 50
    # Documents are scanned: their title and issuing body hold canaries of B and of JMD A.
    assert planted.fields.get("documents.PersonDocument.title", 0) >= 2, planted.fields
    assert "documents.PersonDocument.issuing_body" in planted.fields
    # Positive control: the owners do see their canaries, so the scan can find them.
    from django.urls import reverse

    b_page = reverse("people:detail", args=[world.b.alliance.slug, world.b.person.pk])
    a_page = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    assert c.PERSONAL_B in body_text(login("cm_b").get(b_page)).lower()
    assert c.OWNER_A in body_text(login("cm_a").get(a_page)).lower()
    assert leaks == [], "\n".join(leaks[:50])
