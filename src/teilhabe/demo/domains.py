"""Demo data of the interpreter need and the legal-domain history (#16).

Runs after casework: every profile's legal domains become open periods from the opening
of the person's first case (as the migration does for existing data); about a third of
those now in SGB II had AsylbLG first, with the change after the recognition and the
handover follow-up it caused. About a third of those with weak German need an interpreter
in their first language.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from teilhabe.casework.models import Case, FollowUp
from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo.common import TODAY, chunks, uuid_from
from teilhabe.people.models import (
    InterpreterNeed,
    LegalDomain,
    LegalDomainPeriod,
    PersonLanguage,
    Profile,
)

WEAK_GERMAN = {"none", "A1", "A2"}


def extend_alliance(
    *,
    alliance: Alliance,
    organisations: dict[str, Organisation],
    rng: random.Random,
    profile: str,
) -> None:
    if LegalDomainPeriod.objects.filter(alliance=alliance).exists():  # idempotent
        return
    opened: dict[uuid.UUID, dt.date] = {}
    open_case: dict[uuid.UUID, Case] = {}
    for case in Case.objects.filter(alliance=alliance).order_by("-opened_on", "id"):
        opened[case.person_id] = case.opened_on  # the earliest wins
        if case.status == Case.Status.OPEN:
            open_case[case.person_id] = case
    periods: list[LegalDomainPeriod] = []
    followups: list[FollowUp] = []
    profiles = Profile.objects.filter(alliance=alliance).exclude(legal_domains=[]).order_by("id")
    for row in profiles.values("person_id", "legal_domains", "created_at"):
        person_id = row["person_id"]
        start = opened.get(person_id) or row["created_at"].date()
        domains = list(row["legal_domains"])
        change_on = start + dt.timedelta(days=rng.randint(90, 400))
        if LegalDomain.SGB2 in domains and change_on < TODAY and rng.random() < 0.35:
            # Asylum seekers' benefits until the recognition, then the Jobcenter.
            periods.append(
                LegalDomainPeriod(
                    id=uuid_from(rng),
                    alliance=alliance,
                    person_id=person_id,
                    domain=LegalDomain.ASYLBLG,
                    started_on=start,
                    ended_on=change_on - dt.timedelta(days=1),
                    office="Sozialamt",
                )
            )
            sgb2 = LegalDomainPeriod(
                id=uuid_from(rng),
                alliance=alliance,
                person_id=person_id,
                domain=LegalDomain.SGB2,
                started_on=change_on,
                office="Jobcenter",
                note="Wechsel nach Anerkennung",
            )
            periods.append(sgb2)
            domains.remove(LegalDomain.SGB2)
            found = open_case.get(person_id)
            if found is not None:
                done = change_on + dt.timedelta(days=10)
                followups.append(
                    FollowUp(
                        alliance=alliance,
                        case=found,
                        reason=FollowUp.Reason.LEGAL_DOMAIN_CHANGE,
                        source=f"domain:{sgb2.pk}",
                        due_on=change_on,
                        done_on=done if done < TODAY else None,
                        note="Rechtskreiswechsel: Übergabe an SGB II (Jobcenter)",
                    )
                )
        periods.extend(
            LegalDomainPeriod(
                id=uuid_from(rng),
                alliance=alliance,
                person_id=person_id,
                domain=domain,
                started_on=start,
            )
            for domain in domains
        )
    for batch in chunks(periods):
        LegalDomainPeriod.objects.bulk_create(batch)
    for fbatch in chunks(followups):
        FollowUp.objects.bulk_create(fbatch)
    _interpreters(alliance, rng)


def _interpreters(alliance: Alliance, rng: random.Random) -> None:
    languages: dict[uuid.UUID, dict[str, str]] = {}
    rows = PersonLanguage.objects.filter(alliance=alliance).order_by("person_id", "language")
    for person_id, code, level in rows.values_list("person_id", "language", "level"):
        languages.setdefault(person_id, {})[code] = level
    needs: list[InterpreterNeed] = []
    for person_id, known in languages.items():
        natives = [code for code, level in known.items() if level == "native" and code != "de"]
        if not natives or known.get("de", "none") not in WEAK_GERMAN or rng.random() > 0.35:
            continue
        needs.append(
            InterpreterNeed(
                id=uuid_from(rng),
                alliance=alliance,
                person_id=person_id,
                language=natives[0],
                note="nur bei Behördenterminen" if rng.random() < 0.3 else "",
            )
        )
    for batch in chunks(needs):
        InterpreterNeed.objects.bulk_create(batch)
