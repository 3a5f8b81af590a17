"""Demo step of sharing (casework): consents and referrals shaped like daily practice.

About 40 % of the persons give a consent to the Jobcenter and/or the JMD or a training
provider; a few also to the immigration office (never with needs or plan); a few consents
are withdrawn, a few expired. Referrals run under active consents in every status.

Deterministic and idempotent: UUIDs come from a generator seeded by the alliance and its
persons (so the result does not depend on what other demo parts drew before), rows and M2M
through rows are inserted with `bulk_create(ignore_conflicts=True)`.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

from teilhabe.casework.models import Case, Consent, ConsentRecipient, Referral
from teilhabe.core.models import Alliance, Membership, Organisation, Role
from teilhabe.demo.common import TODAY, chunks, uuid_from
from teilhabe.people.models import Person

K = Organisation.Kind
SHARE_CONSENTING = 0.4
OPTIONAL_CATEGORIES = [
    ("residence_status", 0.7),
    ("education", 0.8),
    ("needs", 0.4),
    ("plan", 0.3),
    ("participations", 0.2),
]
REFERRAL_STATUSES = [
    (Referral.Status.SENT, 25),
    (Referral.Status.ACCEPTED, 25),
    (Referral.Status.DECLINED, 15),
    (Referral.Status.COMPLETED, 25),
    (Referral.Status.WITHDRAWN, 10),
]
DECLINE_REASONS = [
    "Keine freien Plätze vor dem nächsten Kursbeginn.",
    "Zuständigkeit liegt bei einer anderen Stelle.",
    "Voraussetzungen (Sprachniveau) noch nicht erfüllt.",
]
PURPOSES: dict[str, tuple[str, str]] = {
    K.JOBCENTER: (Consent.Purpose.BENEFITS, "Prüfung von Eingliederungsleistungen"),
    K.JMD: (Consent.Purpose.JOINT_PLANNING, "Gemeinsame Begleitung durch den JMD"),
    K.BILDUNGSTRAEGER: (Consent.Purpose.REFERRAL, "Vermittlung in einen Sprach- und Berufskurs"),
    K.AUSLAENDERBEHOERDE: (Consent.Purpose.RESIDENCE, "Ausbildungsduldung"),
}
REFERRAL_PURPOSES: dict[str, str] = {
    K.JOBCENTER: "Beratung zu Ausbildung und Förderung",
    K.JMD: "Begleitung bei Sprachkurs und Alltag",
    K.BILDUNGSTRAEGER: "Teilnahme an einer berufsbezogenen Sprachförderung",
    K.AUSLAENDERBEHOERDE: "Klärung einer Ausbildungsduldung",
}


def _categories(rng: random.Random, recipients: list[Organisation]) -> list[str]:
    chosen = ["master_data"] + [c for c, p in OPTIONAL_CATEGORIES if rng.random() < p]
    if any(o.is_immigration_office for o in recipients):
        chosen = [c for c in chosen if c not in ("needs", "plan")]
    return chosen


def _period(rng: random.Random, opened: dt.date) -> tuple[dt.date, dt.date | None, dt.date | None]:
    """(valid_from, valid_until, withdrawn_on): mostly running, some expired or withdrawn."""
    start = min(opened + dt.timedelta(days=rng.randint(0, 30)), TODAY)
    roll = rng.random()
    until: dt.date | None = None
    if roll < 0.08:  # expired
        start = min(start, TODAY - dt.timedelta(days=60))
        return start, TODAY - dt.timedelta(days=rng.randint(1, 50)), None
    if rng.random() >= 0.5:
        until = start + dt.timedelta(days=rng.choice([365, 730]))
    if until is not None and until < TODAY:
        until = TODAY + dt.timedelta(days=rng.randint(30, 300))
    if roll < 0.14:  # withdrawn
        days = max((TODAY - start).days, 0)
        return start, until, start + dt.timedelta(days=rng.randint(0, days))
    return start, until, None


def extend_alliance(
    *, alliance: Alliance, organisations: dict[str, Organisation], rng: random.Random, profile: str
) -> None:
    owner = organisations.get(K.TEILHABEMANAGEMENT)
    if owner is None:
        return
    person_ids = list(
        Person.objects.filter(alliance=alliance, owner=owner)
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not person_ids:
        return
    # Our own generator: what other demo parts drew from `rng` must not shift our UUIDs.
    rng = random.Random(f"sharing:{alliance.slug}:{profile}:{person_ids[0]}")
    cases: dict[uuid.UUID, tuple[uuid.UUID, str, dt.date]] = {}
    for case_id, person_id, status, opened in (
        Case.objects.filter(alliance=alliance, organisation=owner)
        .order_by("opened_on", "id")
        .values_list("id", "person_id", "status", "opened_on")
    ):
        if person_id not in cases or (status == Case.Status.OPEN and cases[person_id][1] != "open"):
            cases[person_id] = (case_id, status, opened)
    staff = (
        Membership.objects.filter(organisation=owner, role=Role.CASE_MANAGER, is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .first()
    )
    partners = [organisations[k] for k in (K.JMD, K.BILDUNGSTRAEGER) if k in organisations]
    jobcenter = organisations.get(K.JOBCENTER)
    abh = organisations.get(K.AUSLAENDERBEHOERDE)

    consents: list[Consent] = []
    links: list[Any] = []
    referrals: list[Referral] = []
    through = ConsentRecipient
    for person_id in person_ids:
        if person_id not in cases or rng.random() >= SHARE_CONSENTING:
            continue
        case_id, case_status, opened = cases[person_id]
        roll = rng.random()
        groups: list[list[Organisation]] = []
        if jobcenter and (roll < 0.75 or not partners):
            groups.append([jobcenter])
        if partners and roll >= 0.5:
            groups.append([rng.choice(partners)])
        if abh and rng.random() < 0.05:
            groups.append([abh])
        for recipients in groups:
            start, until, withdrawn = _period(rng, opened)
            purpose, detail = PURPOSES.get(recipients[0].kind, (Consent.Purpose.OTHER, ""))
            consent = Consent(
                id=uuid_from(rng),
                alliance=alliance,
                person_id=person_id,
                organisation=owner,
                purpose=purpose,
                purpose_detail=detail,
                categories=_categories(rng, recipients),
                valid_from=start,
                valid_until=until,
                withdrawn_on=withdrawn,
                recorded_by_id=staff,
            )
            consents.append(consent)
            links += [
                through(alliance_id=alliance.pk, consent_id=consent.pk, organisation_id=o.pk)
                for o in recipients
            ]
            if rng.random() < 0.6:
                referrals.append(
                    _referral(rng, consent, recipients[0], owner, case_id, case_status, staff)
                )
    for model, rows in ((Consent, consents), (through, links), (Referral, referrals)):
        for chunk in chunks(rows):
            model.objects.bulk_create(chunk, ignore_conflicts=True)


def _referral(
    rng: random.Random,
    consent: Consent,
    receiver: Organisation,
    owner: Organisation,
    case_id: uuid.UUID,
    case_status: str,
    staff: int | None,
) -> Referral:
    active = consent.is_active(TODAY) and case_status == Case.Status.OPEN
    statuses, weights = zip(*REFERRAL_STATUSES, strict=True)
    status = rng.choices(statuses, weights)[0]
    if not active and status in (Referral.Status.SENT, Referral.Status.ACCEPTED):
        status = Referral.Status.WITHDRAWN if consent.withdrawn_on else Referral.Status.COMPLETED
    answered = None
    if status in (Referral.Status.ACCEPTED, Referral.Status.DECLINED, Referral.Status.COMPLETED):
        span = max((TODAY - consent.valid_from).days, 0)
        answered = consent.valid_from + dt.timedelta(days=rng.randint(0, min(span, 21)))
    outcome = ""
    if status == Referral.Status.COMPLETED:
        outcome = rng.choice(
            [Referral.Outcome.COMPLETED, Referral.Outcome.ABORTED, Referral.Outcome.NOT_STARTED]
        )
    elif status == Referral.Status.ACCEPTED and rng.random() < 0.5:
        outcome = Referral.Outcome.STARTED
    shared = [c for c in consent.categories if c == "master_data" or rng.random() < 0.7]
    return Referral(
        id=uuid_from(rng),
        alliance_id=consent.alliance_id,
        case_id=case_id,
        from_organisation=owner,
        to_organisation=receiver,
        consent=consent,
        purpose=REFERRAL_PURPOSES.get(receiver.kind, "Vermittlung"),
        categories=shared,
        status=status,
        decline_reason=rng.choice(DECLINE_REASONS) if status == Referral.Status.DECLINED else "",
        outcome=outcome,
        sent_by_id=staff,
        answered_on=answered,
        # Answers of the last two weeks are still new on the case manager's worklist.
        answer_seen_on=answered if answered and answered < TODAY - dt.timedelta(days=14) else None,
    )
