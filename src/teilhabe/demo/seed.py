"""Deterministic demo and benchmark data: `teilhabe seed_demo --profile small|nrw|nrw10`.

The foundation (alliances, organisations, logins, persons, cases, residence status) comes
first, then the apps' data in the order of `STEPS`. Every row gets a UUID drawn from a
seeded generator, and rows are inserted with `ignore_conflicts`, so running a profile twice
changes nothing. Per-alliance generators (seeded by seed + slug) keep an alliance's data the
same whatever else is generated.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django_scopes import scopes_disabled

from teilhabe.alliances.coverage import SEEKERS_CSV
from teilhabe.casework.models import Case
from teilhabe.core.models import Alliance, Membership, Organisation, Role, StateRole
from teilhabe.demo.common import BATCH, DEMO_PASSWORD, TODAY, chunks, uuid_from
from teilhabe.demo.names import FAMILY, FEMALE, MALE, ORIGINS
from teilhabe.demo.steps import STEPS, Step
from teilhabe.municipalities.models import Gemeinde, Kreis
from teilhabe.people.models import Person, ResidenceStatus, ResidenceStatusEntry, Sex

NRW_PERSONS = 70_000
PROFILES = ("small", "nrw", "nrw10")


@dataclass
class Body:
    slug: str
    name: str
    kind: str
    kreis: Kreis | None = None
    gemeinde: Gemeinde | None = None
    persons: int = 0
    status_weights: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class SeedResult:
    alliances: int = 0
    organisations: int = 0
    users: int = 0
    persons: int = 0
    cases: int = 0
    status_entries: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (email, role, where)
    # (step, alliance slug or None for a once-step) in the order they ran
    steps: list[tuple[Step, str | None]] = field(default_factory=list)


def _protection_seekers() -> dict[str, dict[str, int]]:
    with open(SEEKERS_CSV, encoding="utf-8") as fh:
        return {
            r["kreis_key"]: {k: int(v) for k, v in r.items() if v.isdigit() and k != "kreis_key"}
            for r in csv.DictReader(fh)
        }


def _status_weights(row: dict[str, int]) -> list[tuple[str, int]]:
    """Approximate residence titles from Destatis status categories (see data README)."""
    tolerated = row.get("davon_geduldet", 0)
    other_without = max(row.get("ohne_schutzstatus", 0) - tolerated, 0)
    return [
        (ResidenceStatus.GESTATTUNG, row.get("offen_aufenthaltsgestattung", 0)),
        (ResidenceStatus.RESIDENCE_PERMIT, row.get("anerkannt_befristet_aufenthaltserlaubnis", 0)),
        (ResidenceStatus.SETTLEMENT, row.get("anerkannt_unbefristet_niederlassungserlaubnis", 0)),
        (ResidenceStatus.TOLERATION, tolerated),
        (ResidenceStatus.UNKNOWN, other_without),
    ]


def _slug(name: str) -> str:
    from django.utils.text import slugify

    base = name.split(",")[0].replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return slugify(base.replace("ß", "ss"))[:50]


def choose_bodies(profile: str) -> list[Body]:
    seekers = _protection_seekers()
    if profile == "small":
        koeln, steinfurt = Kreis.objects.get(key="05315"), Kreis.objects.get(key="05566")
        bodies = [
            Body(
                "koeln",
                "Bündnis Köln",
                Alliance.BodyKind.KREISFREIE_STADT,
                kreis=koeln,
                persons=200,
            ),
            Body(
                "kreis-steinfurt",
                "Bündnis Kreis Steinfurt",
                Alliance.BodyKind.KREIS,
                kreis=steinfurt,
                persons=200,
            ),
        ]
        for b in bodies:
            b.status_weights = _status_weights(seekers[b.kreis.key])  # type: ignore[union-attr]
        return bodies
    return _nrw_bodies(seekers, NRW_PERSONS * (10 if profile == "nrw10" else 1))


def _nrw_bodies(seekers: dict[str, dict[str, int]], total_persons: int) -> list[Body]:
    """73 bodies shaped like the real participation: 21 of 22 kreisfreie Städte, 24 of 31
    Kreise whose members add up to the reported 253 Gemeinden, and 28 Gemeinden (the
    largest) of the other 7 Kreise acting on their own."""
    kreise = list(Kreis.objects.filter(key__startswith="05").order_by("key"))
    cities = [k for k in kreise if k.kind == Kreis.Kind.KREISFREIE_STADT]
    districts = [k for k in kreise if k.kind == Kreis.Kind.KREIS]
    counts = {k.key: k.gemeinden.count() for k in districts}
    rng = random.Random(2018)
    order = districts[:]
    rng.shuffle(order)
    absent = next(
        combo
        for combo in itertools.combinations(order, 7)
        if sum(counts[k.key] for k in combo) == sum(counts.values()) - 253
    )
    absent_keys = {k.key for k in absent}
    bodies = [
        Body(
            _slug(k.name),
            f"Bündnis {k.name.split(',')[0]}",
            Alliance.BodyKind.KREISFREIE_STADT,
            kreis=k,
        )
        for k in cities[:-1]
    ]
    bodies += [
        Body(_slug("kreis " + k.name), f"Bündnis {k.name}", Alliance.BodyKind.KREIS, kreis=k)
        for k in districts
        if k.key not in absent_keys
    ]
    alone = Gemeinde.objects.filter(kreis__in=absent).order_by("-population", "ags")[:28]
    bodies += [
        Body(
            _slug(g.name + " " + g.ags),
            f"Bündnis {g.name.split(',')[0]}",
            Alliance.BodyKind.GEMEINDE,
            gemeinde=g,
        )
        for g in alone
    ]
    # Persons by each body's share of protection seekers (Gemeinden: population share).
    weights: list[float] = []
    for b in bodies:
        if b.kreis is not None:
            row = seekers[b.kreis.key]
            weights.append(row["schutzsuchende_insgesamt"])
        else:
            g = b.gemeinde
            assert g is not None
            row = seekers[g.kreis_id]
            kreis_pop = max(row.get("population_2024_12_31", 1), 1)
            weights.append(row["schutzsuchende_insgesamt"] * g.population / kreis_pop)
        b.status_weights = _status_weights(row)
    scale = total_persons / sum(weights)
    for b, w in zip(bodies, weights, strict=True):
        b.persons = max(1, round(w * scale))
    return bodies


ORGS: list[tuple[str, str, bool]] = [
    (Organisation.Kind.TEILHABEMANAGEMENT, "Teilhabemanagement", False),
    (Organisation.Kind.KI, "Kommunales Integrationszentrum", True),
    (Organisation.Kind.JOBCENTER, "Jobcenter", False),
    (Organisation.Kind.AGENTUR, "Agentur für Arbeit", False),
    (Organisation.Kind.AUSLAENDERBEHOERDE, "Ausländerbehörde", False),
    (Organisation.Kind.JMD, "Jugendmigrationsdienst", False),
    (Organisation.Kind.BILDUNGSTRAEGER, "Bildungswerk", False),
    (Organisation.Kind.BERUFSKOLLEG, "Berufskolleg", False),
    (Organisation.Kind.CIVIL_SOCIETY, "Ehrenamtsnetzwerk", False),
]
# (login local part, role, organisation kind)
PERSONAS: list[tuple[str, str, str]] = [
    ("fallmanagement", Role.CASE_MANAGER, Organisation.Kind.TEILHABEMANAGEMENT),
    ("koordination", Role.COORDINATOR, Organisation.Kind.KI),
    ("jobcenter", Role.PARTNER_STAFF, Organisation.Kind.JOBCENTER),
    ("auslaenderbehoerde", Role.PARTNER_STAFF, Organisation.Kind.AUSLAENDERBEHOERDE),
    ("ehrenamt", Role.VOLUNTEER, Organisation.Kind.CIVIL_SOCIETY),
    ("datenschutz", Role.DATA_PROTECTION_OFFICER, Organisation.Kind.TEILHABEMANAGEMENT),
]


# Staff accounts get a name, so pages show colleagues as people do (invented names).
STAFF_NAMES = [
    ("Miriam", "Schneider"),
    ("Jonas", "Becker"),
    ("Aylin", "Yıldız"),
    ("Thomas", "Wagner"),
    ("Fatma", "Kaya"),
    ("Lena", "Hoffmann"),
    ("Daniel", "Nowak"),
    ("Sabine", "Krüger"),
    ("Olga", "Schmidt"),
    ("Markus", "Özdemir"),
    ("Nadia", "Haddad"),
    ("Peter", "Lange"),
]


class Seeder:
    def __init__(self, *, seed: int, progress: Callable[[str], None]) -> None:
        self.seed = seed
        self.progress = progress
        self.password_hash = make_password(DEMO_PASSWORD)  # hashed once, reused for speed
        self.result = SeedResult()

    def user(self, email: str) -> User:
        first, last = STAFF_NAMES[sum(map(ord, email)) % len(STAFF_NAMES)]
        user, created = User.objects.get_or_create(
            username=email,
            defaults={
                "email": email,
                "password": self.password_hash,
                "first_name": first,
                "last_name": last,
            },
        )
        self.result.users += int(created)
        return user

    def alliance(self, body: Body) -> tuple[Alliance, dict[str, Organisation], list[User]]:
        alliance, _ = Alliance.objects.get_or_create(
            slug=body.slug,
            defaults={
                "name": body.name,
                "body_kind": body.kind,
                "kreis": body.kreis,
                "gemeinde": body.gemeinde,
            },
        )
        place = body.name.removeprefix("Bündnis ")
        orgs: dict[str, Organisation] = {}
        for kind, label, lead in ORGS:
            orgs[kind], _ = Organisation.objects.get_or_create(
                alliance=alliance,
                name=f"{label} {place}",
                defaults={"kind": kind, "is_lead_office": lead},
            )
        case_managers = []
        for local, role, kind in PERSONAS:
            email = f"{local}@{body.slug}.demo"
            user = self.user(email)
            Membership.objects.get_or_create(
                user=user, organisation=orgs[kind], role=role, defaults={"alliance": alliance}
            )
            self.result.logins.append((email, str(role), f"{orgs[kind].name}"))
            if role == Role.CASE_MANAGER:
                case_managers.append(user)
        return alliance, orgs, case_managers

    def persons(
        self, body: Body, alliance: Alliance, owner: Organisation, case_managers: list[User]
    ) -> None:
        rng = random.Random(f"{self.seed}:{body.slug}")
        places = list(alliance.gemeinden().values_list("ags", "population"))
        ags = [p[0] for p in places]
        pop = [max(p[1], 1) for p in places]
        statuses = [s for s, _ in body.status_weights]
        status_w = [max(w, 1) for _, w in body.status_weights]
        origins = [o[0] for o in ORIGINS]
        origin_w = [o[1] for o in ORIGINS]
        region = {o[0]: o[2] for o in ORIGINS}
        persons: list[Person] = []
        cases: list[Case] = []
        entries: list[ResidenceStatusEntry] = []
        for _ in range(body.persons):
            country = rng.choices(origins, origin_w)[0]
            r = region[country]
            male = rng.random() < 0.7
            sex = Sex.MALE if male else (Sex.FEMALE if rng.random() < 0.97 else Sex.DIVERSE)
            given = rng.choice(MALE[r] if sex == Sex.MALE else FEMALE[r])
            intake = TODAY - dt.timedelta(days=rng.randint(20, 4 * 365))
            age_days = rng.randint(18 * 365 + 5, 27 * 365 + 360)
            person = Person(
                id=uuid_from(rng),
                alliance=alliance,
                owner=owner,
                assigned_to=rng.choice(case_managers) if case_managers else None,  # type: ignore[misc]
                given_name=given,
                family_name=rng.choice(FAMILY[r]),
                date_of_birth=intake - dt.timedelta(days=age_days),
                sex=sex,
                nationality=country,
                residence_id=rng.choices(ags, pop)[0],
            )
            # Name keys for the variant-tolerant search, as the intake service writes them.
            from teilhabe.people.intake.duplicates import search_key

            person.search_key = search_key(person.given_name, person.family_name)
            persons.append(person)
            closed = rng.random() < 0.2
            cases.append(
                Case(
                    id=uuid_from(rng),
                    alliance=alliance,
                    person=person,
                    organisation=owner,
                    case_manager=person.assigned_to,
                    opened_on=intake,
                    status=Case.Status.CLOSED if closed else Case.Status.OPEN,
                    closed_on=intake + dt.timedelta(days=rng.randint(60, 700)) if closed else None,
                )
            )
            status = rng.choices(statuses, status_w)[0]
            temporary = status in (ResidenceStatus.GESTATTUNG, ResidenceStatus.TOLERATION)
            since = intake - dt.timedelta(days=rng.randint(0, 400))
            entries.append(
                ResidenceStatusEntry(
                    id=uuid_from(rng),
                    alliance=alliance,
                    person=person,
                    status=status,
                    valid_from=since,
                    document_seen=rng.random() < 0.8,
                    valid_until=TODAY + dt.timedelta(days=rng.randint(-30, 180))
                    if temporary
                    else None,
                )
            )
        for model, rows in ((Person, persons), (Case, cases), (ResidenceStatusEntry, entries)):
            for chunk in chunks(rows, BATCH):
                model.objects.bulk_create(chunk, ignore_conflicts=True)  # type: ignore[attr-defined, arg-type]
        self.result.persons += len(persons)
        self.result.cases += len(cases)
        self.result.status_entries += len(entries)

    def state_users(self) -> None:
        for email, role in (
            ("land@nrw.demo", "state_coordinator"),
            ("forschung@nrw.demo", "researcher"),
        ):
            user = self.user(email)
            StateRole.objects.get_or_create(user=user, defaults={"role": role})
            self.result.logins.append((email, role, "NRW"))
        # The platform's operator (scheduled jobs, login lockouts): a superuser, no person.
        operator = self.user("betrieb@teilhabe.demo")
        if not operator.is_superuser:
            User.objects.filter(pk=operator.pk).update(is_superuser=True, is_staff=True)
        self.result.logins.append(("betrieb@teilhabe.demo", "operator", "Betrieb"))


def seed_demo(
    *,
    profile: str,
    seed: int = 1,
    progress: Callable[[str], None] = lambda _m: None,
    only: set[str] | None = None,
) -> SeedResult:
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}")
    if not Gemeinde.objects.filter(ags__startswith="05").exists():
        from teilhabe.municipalities.services import load_shipped_reference

        load_shipped_reference(land="05")
    seeder = Seeder(seed=seed, progress=progress)
    bodies = choose_bodies(profile)
    # Benchmarks of one capability skip the other apps' data (e.g. nrw10 careers).
    steps = [s for s in STEPS if only is None or s.app in only]
    alliances = []
    with scopes_disabled():
        for i, body in enumerate(bodies, 1):
            with transaction.atomic():
                alliance, orgs, cms = seeder.alliance(body)
                seeder.persons(body, alliance, orgs[Organisation.Kind.TEILHABEMANAGEMENT], cms)
                # One generator per stream and alliance: the casework steps share theirs.
                rngs: dict[str, random.Random] = {}
                for step in steps:
                    if step.per_alliance is not None:
                        rng = rngs.setdefault(
                            step.stream, random.Random(f"{seed}:{body.slug}:{step.stream}")
                        )
                        step.per_alliance(
                            alliance=alliance, organisations=orgs, profile=profile, rng=rng
                        )
                        seeder.result.steps.append((step, body.slug))
            alliances.append(alliance)
            seeder.result.alliances += 1
            progress(f"{i}/{len(bodies)} {body.name}: {body.persons} Personen")
        seeder.state_users()
        for step in steps:
            if step.once is not None:
                with transaction.atomic():
                    step.once(
                        alliances=alliances,
                        profile=profile,
                        rng=random.Random(f"{seed}:{step.stream}"),
                    )
                seeder.result.steps.append((step, None))
    seeder.result.organisations = Organisation.objects.count()
    return seeder.result
