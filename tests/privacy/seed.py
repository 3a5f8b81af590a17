"""A person with every kind of item, each free text carrying a canary string.

Used by the time-travel test (no canary may survive the retention run) and the Art. 15
test (every item must be in the export, none of another person's).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile

from teilhabe.alliances.models import FieldOfAction
from teilhabe.casework.models import (
    Case,
    CaseStatusChange,
    Consent,
    Contact,
    ContactTopicLink,
    ExitOutcome,
    FollowUp,
    Goal,
    NeedAssessment,
    Referral,
    Step,
)
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.people.models import (
    Certificate,
    Experience,
    InterpreterNeed,
    LegalDomainPeriod,
    Person,
    PersonLanguage,
    Profile,
    ResidenceStatusEntry,
    WorkPermission,
)
from teilhabe.recognition.models import RecognitionProcedure
from teilhabe.trajectories.models import Finding, Participation


@dataclass
class Seeded:
    person: Person
    case: Case
    canaries: list[str] = field(default_factory=list)
    items: dict[str, list[Any]] = field(default_factory=dict)  # model label -> ids
    file_canary: str = ""  # inside the uploaded consent form, not in a column
    notes: list[str] = field(default_factory=list)  # counselling notes (contact, need)

    def add(self, obj: Any) -> Any:
        self.items.setdefault(obj._meta.label, []).append(obj.pk)
        return obj


def seed_person(
    owner: Organisation,
    tag: str,
    *,
    partner: Organisation | None = None,
    closed_on: dt.date | None = dt.date(2026, 6, 30),
    sex: str = "male",
    nationality: str = "AF",
) -> Seeded:
    counter = iter(range(1000))

    def c() -> str:
        value = f"Canary{tag}x{next(counter):03d}"
        seeded.canaries.append(value)
        return value

    def note() -> str:
        value = c()
        seeded.notes.append(value)
        return value

    seeded = Seeded(person=None, case=None)  # type: ignore[arg-type]
    alliance = owner.alliance
    person = Person.objects.create(
        alliance=alliance,
        owner=owner,
        given_name=f"Canary{tag}Given",
        family_name=f"Canary{tag}Family",
        date_of_birth=dt.date(2004, 3, 9),
        sex=sex,
        nationality=nationality,
        arrival_date=dt.date(2021, 9, 14),
        phone=f"+49 170 {tag}",
        email=f"canary{tag.lower()}@example.org",
        address=f"Canary{tag}Street 1",
    )
    seeded.canaries += [
        f"Canary{tag}Given",
        f"Canary{tag}Family",
        f"canary{tag.lower()}@example.org",
        f"Canary{tag}Street",
    ]
    seeded.person = seeded.add(person)
    common = {"alliance": alliance, "person": person}
    entry = seeded.add(
        ResidenceStatusEntry.objects.create(
            **common,
            status="toleration",
            legal_basis=c(),
            valid_from=dt.date(2022, 1, 1),
            conditions=["work_needs_permission"],
            conditions_note=c(),
        )
    )
    seeded.add(
        WorkPermission.objects.create(
            **common,
            status_entry=entry,
            employer_name=c(),
            kind="internship",
            granted_on=dt.date(2022, 2, 1),
            note=c(),
        )
    )
    seeded.add(PersonLanguage.objects.create(**common, language="de", level="B1", certified=True))
    seeded.add(PersonLanguage.objects.create(**common, language="fa", level="native"))
    seeded.add(
        Profile.objects.create(
            **common,
            school_years_abroad=8,
            school_years_germany=1,
            interests=c(),
            goals=c(),
            legal_domains=["asylblg"],
        )
    )
    seeded.add(
        LegalDomainPeriod.objects.create(
            **common, domain="asylblg", started_on=dt.date(2022, 1, 1), office=c(), note=c()
        )
    )
    seeded.add(InterpreterNeed.objects.create(**common, language="fa", note=c()))
    certificate = seeded.add(
        Certificate.objects.create(
            **common, title=c(), country="AF", level="lower_secondary", recognition="partial"
        )
    )
    seeded.add(
        RecognitionProcedure.objects.create(
            decision="partial",
            decided_on=dt.date(2023, 9, 1),
            alliance=alliance,
            certificate=certificate,
            body="brk_school",
            applied_on=dt.date(2023, 5, 2),
            documents=["copy", "translation"],
            reference_qualification=c(),
            note=c(),
        )
    )
    seeded.add(
        Experience.objects.create(
            **common,
            kind="internship",
            title=c(),
            employer=c(),
            country="DE",
            started_on=dt.date(2023, 3, 1),
            ended_on=dt.date(2023, 4, 1),
        )
    )
    status = "closed" if closed_on else "open"
    case = Case.objects.create(
        **common,
        organisation=owner,
        status=status,
        opened_on=dt.date(2025, 2, 1),
        closed_on=closed_on,
        closure_reason="vocational_training" if closed_on else "",
        age_at_intake=20,
    )
    seeded.case = seeded.add(case)
    cw = {"alliance": alliance, "case": case}
    if closed_on:
        seeded.add(
            CaseStatusChange.objects.create(
                **cw, status="closed", reason="vocational_training", on=closed_on
            )
        )
    seeded.add(FollowUp.objects.create(**cw, reason="other", due_on=dt.date(2025, 5, 1)))
    if closed_on:
        found_on = closed_on + dt.timedelta(days=150)
        seeded.add(
            ExitOutcome.objects.create(**cw, situation="employment", found_on=found_on, note=note())
        )
    language = FieldOfAction.objects.get(alliance=None, key="education_language")
    contact = seeded.add(
        Contact.objects.create(
            **cw,
            organisation=owner,
            on=dt.date(2025, 3, 3),
            duration_minutes=45,
            channel="in_person",
            note=note(),
        )
    )
    seeded.add(
        ContactTopicLink.objects.create(
            alliance=alliance, contact=contact, field_of_action=language
        )
    )
    seeded.add(
        NeedAssessment.objects.create(
            **cw,
            field_of_action=language,
            level="urgent",
            note=note(),
            assessed_on=dt.date(2025, 2, 2),
            organisation=owner,
        )
    )
    goal = seeded.add(Goal.objects.create(**cw, title=c()))
    seeded.add(Step.objects.create(alliance=alliance, goal=goal, title=c(), responsible=owner))
    consent = Consent(
        **common,
        organisation=owner,
        purpose="referral",
        purpose_detail=c(),
        categories=["master_data", "education"],
        valid_from=dt.date(2025, 2, 1),
    )
    evidence = seeded.file_canary = c()
    consent.evidence.save(f"evidence-{tag}.pdf", ContentFile(evidence.encode()), save=False)
    consent.save()
    seeded.add(consent)
    recipients = [partner] if partner else []
    consent.recipients.set(recipients, through_defaults={"alliance_id": consent.alliance_id})
    if partner:
        referral = seeded.add(
            Referral.objects.create(
                **cw,
                from_organisation=owner,
                to_organisation=partner,
                consent=consent,
                purpose=c(),
                categories=["master_data"],
                status="declined",
                decline_reason=c(),
            )
        )
    else:
        referral = None
    part = seeded.add(
        Participation.objects.create(
            **common,
            external_title=c(),
            external_provider=c(),
            category="language_course",
            start=dt.date(2025, 3, 1),
            end=dt.date(2025, 6, 1),
            outcome="completed",
            level_reached="B1",
            certificate=True,
            certificate_title=c(),
            recorded_by_organisation=owner,
            referral=referral,
        )
    )
    seeded.add(
        Finding.objects.create(
            **common,
            rule="MK1",
            participation_ids=[str(part.pk)],
            explanation=c(),
            detected_on=dt.date(2025, 7, 1),
        )
    )
    # The log: the owner read the person, the partner read them through the consent.
    audit_record(action=AuditEvent.Action.VIEW, alliance=alliance, organisation=owner, obj=person)
    if partner:
        audit_record(
            action=AuditEvent.Action.DISCLOSE,
            alliance=alliance,
            organisation=partner,
            obj=person,
            consent_id=consent.pk,
            purpose="consent",
        )
    return seeded
