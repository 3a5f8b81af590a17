"""Demo step of the people app: languages with levels, profiles, certificates,
experience, an earlier residence status for part of the persons, legal bases of residence
permits, and the status-expiry follow-ups.

Deterministic and idempotent like the rest of seed_demo: one pass over the alliance's persons
(ordered by id) draws every value and every UUID from the alliance's generator, and rows are
inserted with `ignore_conflicts`. Earlier statuses always lie before the seeded one, so the
seeded entry stays the current status in every run. Bulk only: the nrw profile has 70,000
persons.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from typing import Any

from django.db import models

from teilhabe.casework.models import Case, FollowUp
from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo.common import TODAY, chunks, uuid_from
from teilhabe.people.intake.selectors import age_on, expires_soon, expiry_due_on
from teilhabe.people.models import (
    CefrLevel,
    Certificate,
    Experience,
    LegalDomain,
    Person,
    PersonLanguage,
    Profile,
    ResidenceStatus,
    ResidenceStatusEntry,
)

FOLLOWUP_DAYS = 42  # the default window; demo data must not depend on the environment

NATIVE = {
    "SY": ["ar"],
    "AF": ["prs", "ps"],
    "IQ": ["ar", "ku"],
    "TR": ["tr", "ku"],
    "IR": ["fa"],
    "GN": ["ff"],
    "ER": ["ti"],
    "SO": ["so"],
    "NG": ["ha", "yo", "ig"],
    "RU": ["ru"],
    "GE": ["ka"],
    "CO": ["es"],
}
# A second language many speak from school or from the route.
SECOND = {"GN": "fr", "NG": "en", "GE": "ru", "ER": "ar", "AF": "fa", "IQ": "en", "SY": "en"}
GERMAN = [CefrLevel.NONE, CefrLevel.A1, CefrLevel.A2, CefrLevel.B1, CefrLevel.B2, CefrLevel.C1]
GERMAN_W = [4, 22, 30, 28, 12, 4]
PERMIT_BASES = [
    "§ 25 Abs. 1 AufenthG",
    "§ 25 Abs. 2 AufenthG",
    "§ 25 Abs. 3 AufenthG",
    "§ 25 Abs. 5 AufenthG",
    "§ 16a AufenthG",
    "§ 19c AufenthG",
]
# Which status usually came before the seeded one.
EARLIER = {
    ResidenceStatus.TOLERATION: ResidenceStatus.GESTATTUNG,
    ResidenceStatus.RESIDENCE_PERMIT: ResidenceStatus.GESTATTUNG,
    ResidenceStatus.SETTLEMENT: ResidenceStatus.RESIDENCE_PERMIT,
    ResidenceStatus.UNKNOWN: ResidenceStatus.TOLERATION,
}
INTERESTS = [
    "Handwerk und Technik",
    "Kfz-Technik",
    "Pflege und Gesundheit",
    "IT und Computer",
    "Gastronomie und Kochen",
    "Einzelhandel",
    "Sport und Fitness",
    "Elektrotechnik",
    "Lager und Logistik",
    "Friseurhandwerk",
    "Garten- und Landschaftsbau",
]
GOALS = [
    "Ausbildung beginnen",
    "Deutsch B1 erreichen",
    "Hauptschulabschluss nachholen",
    "Arbeit finden und eigenes Geld verdienen",
    "Führerschein machen",
    "Anerkennung des Schulabschlusses",
    "Praktikum finden",
    "Eigene Wohnung finden",
]
SCHOOL_TITLES = {
    Certificate.Level.PRIMARY: "Grundschulzeugnis",
    Certificate.Level.LOWER_SECONDARY: "Abschlusszeugnis der Mittelstufe",
    Certificate.Level.UPPER_SECONDARY: "Abiturzeugnis (Sekundarschulabschluss)",
}
LANGUAGE_CERTIFICATES = [
    ("Deutsch-Test für Zuwanderer (DTZ) A2", "A2"),
    ("Deutsch-Test für Zuwanderer (DTZ) B1", "B1"),
    ("telc Deutsch B1", "B1"),
    ("Goethe-Zertifikat B2", "B2"),
]
JOBS_ABROAD = [
    ("Helfer auf dem Bau", Experience.Kind.WORK),
    ("Verkauf im Familiengeschäft", Experience.Kind.WORK),
    ("Schneiderei", Experience.Kind.VOCATIONAL),
    ("Landwirtschaft", Experience.Kind.WORK),
    ("Friseur", Experience.Kind.VOCATIONAL),
    ("Kfz-Werkstatt", Experience.Kind.VOCATIONAL),
    ("Küchenhilfe", Experience.Kind.WORK),
]
INTERNSHIPS = [
    ("Praktikum im Einzelhandel", "Supermarkt"),
    ("Praktikum in der Pflege", "Seniorenzentrum"),
    ("Praktikum im Handwerk", "Malerbetrieb"),
    ("Praktikum in der Gastronomie", "Restaurant"),
    ("Praktikum im Lager", "Logistikzentrum"),
]


class _Rows:
    def __init__(self) -> None:
        self.by_model: dict[type[models.Model], list[Any]] = defaultdict(list)

    def add(self, row: Any) -> None:
        self.by_model[type(row)].append(row)

    def insert(self) -> None:
        for model, rows in self.by_model.items():
            for chunk in chunks(rows):
                model._default_manager.bulk_create(chunk, ignore_conflicts=True)


def _seeded_entries(alliance: Alliance) -> dict[uuid.UUID, tuple[Any, ...]]:
    """Per person the seeded (latest) status entry: (id, status, valid_from, valid_until)."""
    latest: dict[uuid.UUID, tuple[Any, ...]] = {}
    rows = (
        ResidenceStatusEntry.objects.filter(alliance=alliance)
        .order_by("person_id", "-valid_from")
        .values_list("person_id", "id", "status", "valid_from", "valid_until")
    )
    for person_id, *entry in rows:
        latest.setdefault(person_id, tuple(entry))
    return latest


def extend_alliance(
    *,
    alliance: Alliance,
    organisations: dict[str, Organisation],
    rng: random.Random,
    profile: str,
) -> None:
    persons = list(
        Person.objects.filter(alliance=alliance)
        .order_by("id")
        .values_list("id", "nationality", "date_of_birth")
    )
    seeded = _seeded_entries(alliance)
    open_cases = dict(
        Case.objects.filter(alliance=alliance, status=Case.Status.OPEN)
        .order_by("person_id", "opened_on")
        .values_list("person_id", "id")
    )
    rows = _Rows()
    permits: dict[str, list[uuid.UUID]] = defaultdict(list)
    for person_id, nationality, born in persons:
        entry = seeded.get(person_id)
        _languages(rows, rng, alliance, person_id, nationality)
        _profile(rows, rng, alliance, person_id, born, entry)
        _certificates(rows, rng, alliance, person_id, nationality, born)
        _experiences(rows, rng, alliance, person_id, nationality, born)
        if entry is None:
            continue
        entry_id, status, valid_from, valid_until = entry
        if status == ResidenceStatus.RESIDENCE_PERMIT:
            permits[rng.choice(PERMIT_BASES)].append(entry_id)
        _earlier_status(rows, rng, alliance, person_id, status, valid_from)
        case_id = open_cases.get(person_id)
        if case_id is not None and expires_soon(valid_until, TODAY, FOLLOWUP_DAYS):
            rows.add(
                FollowUp(
                    id=uuid_from(rng),
                    alliance=alliance,
                    case_id=case_id,
                    reason=FollowUp.Reason.STATUS_EXPIRY,
                    due_on=expiry_due_on(valid_until, TODAY, FOLLOWUP_DAYS),
                    status_entry_id=entry_id,
                )
            )
    rows.insert()
    # The seeded residence permits get their legal basis (required since intake exists).
    for basis, ids in permits.items():
        for chunk in chunks(ids, 500):
            ResidenceStatusEntry.objects.filter(pk__in=chunk, legal_basis="").update(
                legal_basis=basis
            )


def _languages(
    rows: _Rows, rng: random.Random, alliance: Alliance, person_id: uuid.UUID, nationality: str
) -> None:
    native = NATIVE.get(nationality, ["ar"])
    codes = [native[0]] if rng.random() < 0.6 else native[:2]
    levels = {code: CefrLevel.NATIVE for code in codes}
    second = SECOND.get(nationality)
    if second and second not in levels and rng.random() < 0.4:
        levels[second] = rng.choice([CefrLevel.A2, CefrLevel.B1, CefrLevel.B2])
    levels["de"] = rng.choices(GERMAN, GERMAN_W)[0]
    certified_german = levels["de"] in (CefrLevel.A2, CefrLevel.B1, CefrLevel.B2)
    certified_german = certified_german and rng.random() < 0.5
    for code, level in levels.items():
        rows.add(
            PersonLanguage(
                id=uuid_from(rng),
                alliance=alliance,
                person_id=person_id,
                language=code,
                level=level,
                certified=code == "de" and certified_german,
            )
        )


def _domains(rng: random.Random, born: dt.date, entry: tuple[Any, ...] | None) -> list[str]:
    status = entry[1] if entry else ResidenceStatus.UNKNOWN
    if status in (ResidenceStatus.GESTATTUNG, ResidenceStatus.TOLERATION):
        domains = [LegalDomain.ASYLBLG]
    elif status in (ResidenceStatus.RESIDENCE_PERMIT, ResidenceStatus.SETTLEMENT):
        domains = [LegalDomain.SGB2] + ([LegalDomain.SGB3] if rng.random() < 0.2 else [])
    else:
        return [LegalDomain.NONE] if rng.random() < 0.5 else []
    if age_on(born, TODAY) < 21 and rng.random() < 0.25:
        domains.append(LegalDomain.SGB8)
    return [str(d) for d in domains]


def _profile(
    rows: _Rows,
    rng: random.Random,
    alliance: Alliance,
    person_id: uuid.UUID,
    born: dt.date,
    entry: tuple[Any, ...] | None,
) -> None:
    rows.add(
        Profile(
            id=uuid_from(rng),
            alliance=alliance,
            person_id=person_id,
            school_years_abroad=rng.choice([0, 2, 4, 6, 8, 9, 10, 12]),
            school_years_germany=rng.choice([0, 0, 1, 1, 2, 3]),
            interests=", ".join(rng.sample(INTERESTS, 2)),
            goals=rng.choice(GOALS),
            legal_domains=_domains(rng, born, entry),
        )
    )


def _certificates(
    rows: _Rows,
    rng: random.Random,
    alliance: Alliance,
    person_id: uuid.UUID,
    nationality: str,
    born: dt.date,
) -> None:
    if rng.random() < 0.45:
        level = rng.choice(list(SCHOOL_TITLES))
        rows.add(
            Certificate(
                id=uuid_from(rng),
                alliance=alliance,
                person_id=person_id,
                title=SCHOOL_TITLES[level],
                country=nationality,
                level=level,
                issued_on=born.replace(day=1) + dt.timedelta(days=365 * rng.randint(12, 17)),
                recognition=rng.choice(
                    [
                        Certificate.Recognition.NOT_APPLIED,
                        Certificate.Recognition.PENDING,
                        Certificate.Recognition.FULL,
                        Certificate.Recognition.PARTIAL,
                        Certificate.Recognition.REFUSED,
                    ]
                ),
            )
        )
    if rng.random() < 0.3:
        title, _level = rng.choice(LANGUAGE_CERTIFICATES)
        rows.add(
            Certificate(
                id=uuid_from(rng),
                alliance=alliance,
                person_id=person_id,
                title=title,
                country="DE",
                level=Certificate.Level.LANGUAGE,
                issued_on=TODAY - dt.timedelta(days=rng.randint(30, 700)),
                recognition=Certificate.Recognition.NOT_NEEDED,
            )
        )


def _experiences(
    rows: _Rows,
    rng: random.Random,
    alliance: Alliance,
    person_id: uuid.UUID,
    nationality: str,
    born: dt.date,
) -> None:
    if rng.random() < 0.5:
        title, kind = rng.choice(JOBS_ABROAD)
        start = born + dt.timedelta(days=365 * rng.randint(13, 16))
        rows.add(
            Experience(
                id=uuid_from(rng),
                alliance=alliance,
                person_id=person_id,
                kind=kind,
                title=title,
                country=nationality,
                started_on=start,
                ended_on=start + dt.timedelta(days=rng.randint(90, 900)),
            )
        )
    if rng.random() < 0.25:
        title, employer = rng.choice(INTERNSHIPS)
        start = TODAY - dt.timedelta(days=rng.randint(30, 600))
        rows.add(
            Experience(
                id=uuid_from(rng),
                alliance=alliance,
                person_id=person_id,
                kind=Experience.Kind.INTERNSHIP,
                title=title,
                employer=employer,
                country="DE",
                started_on=start,
                ended_on=start + dt.timedelta(days=rng.choice([14, 21, 28, 56])),
            )
        )


def _earlier_status(
    rows: _Rows,
    rng: random.Random,
    alliance: Alliance,
    person_id: uuid.UUID,
    status: str,
    valid_from: dt.date,
) -> None:
    earlier = EARLIER.get(ResidenceStatus(status))
    if earlier is None or rng.random() >= 0.45:
        return
    since = valid_from - dt.timedelta(days=rng.randint(180, 900))
    rows.add(
        ResidenceStatusEntry(
            id=uuid_from(rng),
            alliance=alliance,
            person_id=person_id,
            status=earlier,
            legal_basis=PERMIT_BASES[1] if earlier == ResidenceStatus.RESIDENCE_PERMIT else "",
            valid_from=since,
            valid_until=valid_from - dt.timedelta(days=1),
            document_seen=rng.random() < 0.7,
        )
    )
