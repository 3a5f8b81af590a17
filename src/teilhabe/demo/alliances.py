"""Demo step of the alliances app: the initiative (see `teilhabe.demo.steps.STEPS`).

Per alliance: partner profiles, core group, a STARTER workshop with the problems reported in
Steinfurt, a core-group meeting, priorities, contact points and three knowledge articles.
Statewide: every alliance's accepted join declaration (the nrw profile: the real 2018
structure — 21 kreisfreie Städte, 24 Kreise and 6 Gemeinden on time; the seed's other 22
Gemeinden acting alone declared late, in early 2019, which gives the 73 bodies of March 2019),
the budget (> 13.2 M EUR for 2019–2022), allocations, posts and reported expenditure.
Everything is get_or_create on natural keys: running seed_demo twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth.models import User

from teilhabe.alliances.access import get_programme
from teilhabe.alliances.coverage import protection_seekers
from teilhabe.alliances.models import (
    Article,
    ArticleVersion,
    ContactPoint,
    CoreGroupMember,
    DeclarationStatus,
    ExpenditureReport,
    FieldOfAction,
    FundingAllocation,
    FundingBudget,
    JoinDeclaration,
    PartnerProfile,
    Priority,
    ProblemReport,
    TeilhabemanagementPost,
    Workshop,
)
from teilhabe.core.models import Alliance, Organisation

Kind = Organisation.Kind
LEGAL_DOMAIN: dict[str, str] = {
    Kind.JOBCENTER: "sgb2",
    Kind.AGENTUR: "sgb3",
    Kind.AUSLAENDERBEHOERDE: "aufenthg",
    Kind.JUGENDAMT: "sgb8",
    Kind.SOZIALAMT: "asylblg",
}
STAFF = [
    ("Lilli", "Schmidt"),
    ("Jonas", "Becker"),
    ("Aylin", "Demir"),
    ("Markus", "Hoffmann"),
    ("Sara", "Nowak"),
    ("Tobias", "Wagner"),
    ("Miriam", "Krüger"),
    ("Daniel", "Schulz"),
]
# (description, field key, reported by) — the problems from the Steinfurt STARTER workshop.
PROBLEMS = [
    ("Fehlende Nachhilfeangebote", "education_language", Kind.CIVIL_SOCIETY),
    ("Mobilitätsprobleme: Kurse und Betriebe sind ohne Auto kaum erreichbar", "mobility", Kind.JMD),
    ("Intransparente bürokratische Verfahren", "residence_bureaucracy", Kind.BILDUNGSTRAEGER),
    (
        "Arbeitgeber nicht informiert über Ausbildung und Praktika Geflüchteter",
        "work_training",
        Kind.JOBCENTER,
    ),
    ("Kaum bezahlbarer Wohnraum für junge Erwachsene", "housing", Kind.KI),
    (
        "Wenig Angebote der sozialen Teilhabe am Wochenende",
        "social_participation",
        Kind.CIVIL_SOCIETY,
    ),
]
PRIORITIES = [
    (
        "Nachhilfe und Sprachförderung ausbauen",
        "education_language",
        0,
        "Ehrenamtliche Lernpaten gewinnen\nNachhilfe in Berufskollegs öffnen",
        Kind.BERUFSKOLLEG,
    ),
    (
        "Mobilität sichern",
        "mobility",
        1,
        "Sozialticket für Kursteilnehmende prüfen\nFahrradwerkstatt mit dem Ehrenamt",
        Kind.KI,
    ),
    (
        "Arbeitgeber informieren",
        "work_training",
        3,
        "Informationsabend mit Kammern\nLeitfaden Ausbildungsduldung für Betriebe",
        Kind.JOBCENTER,
    ),
]
CONTACTS = [
    ("residence_law", "Ausländerbehörde – Sprechstunde für Fachkräfte", Kind.AUSLAENDERBEHOERDE),
    ("recognition", "Anerkennungsberatung (IQ Netzwerk)", None),
    ("training", "Ausbildungsberatung im Jugendmigrationsdienst", Kind.JMD),
    ("housing", "Wohnraumberatung", None),
    ("psychosocial", "Psychosoziales Zentrum für Geflüchtete", None),
]
ARTICLES = [
    (
        "Ausbildungsduldung (§ 60c AufenthG) – das Wichtigste",
        "# Worum es geht\n\nDie **Ausbildungsduldung** sichert den Aufenthalt während einer "
        "qualifizierten Berufsausbildung.\n\n# Voraussetzungen\n\n- Identität geklärt\n"
        "- Ausbildungsvertrag liegt vor\n- keine Ausschlussgründe\n\n# Weitere Informationen\n\n"
        "Siehe [BAMF](https://www.bamf.de) und die Sprechstunde der Ausländerbehörde.",
    ),
    (
        "Anerkennung ausländischer Schulabschlüsse",
        "Zeugnisse aus dem Herkunftsland können anerkannt werden.\n\n1. Unterlagen sammeln\n"
        "2. Übersetzung beauftragen\n3. Antrag bei der Bezirksregierung stellen\n\n"
        "Beratung: [Anerkennung in Deutschland](https://www.anerkennung-in-deutschland.de).",
    ),
    (
        "Erste Schritte für Ehrenamtliche",
        "# Willkommen\n\nEhrenamtliche begleiten junge Erwachsene, *ohne* Fallakten zu führen.\n\n"
        "- Fragen zum Aufenthalt an die Anlaufstellen weitergeben\n"
        "- keine persönlichen Daten notieren\n- bei Krisen das Psychosoziale Zentrum anrufen",
    ),
]
BUDGET = {
    2019: Decimal("3300000"),
    2020: Decimal("3300000"),
    2021: Decimal("3300000"),
    2022: Decimal("3350000"),
}  # 13.25 M EUR: "mehr als 13,2 Millionen Euro bis 2022"
EUR_PER_FTE = Decimal("70000")


def _place(alliance: Alliance) -> str:
    return alliance.name.removeprefix("Bündnis ")


def _person(rng: random.Random) -> str:
    given, family = rng.choice(STAFF)
    return f"{given} {family}"


def _org(organisations: dict[str, Organisation], kind: str | None) -> Organisation | None:
    return organisations.get(kind) if kind else None


def extend_alliance(
    *, alliance: Alliance, organisations: dict[str, Organisation], rng: random.Random, profile: str
) -> None:
    place = _place(alliance)
    slug = alliance.slug
    for kind, org in organisations.items():
        name = _person(rng)
        PartnerProfile.objects.get_or_create(
            organisation=org,
            defaults={
                "alliance": alliance,
                "legal_domain": LEGAL_DOMAIN.get(kind, "none"),
                "joined_on": dt.date(2018, 11, 1) + dt.timedelta(days=rng.randint(0, 90)),
                "contact_name": name,
                "contact_function": "Ansprechperson Gemeinsam klappt's",
                "contact_email": f"{kind}@{slug}.demo",
                "contact_phone": f"0{rng.randint(200, 999)} {rng.randint(1000, 9999)}-0",
            },
        )
    for kind in (
        Kind.KI,
        Kind.JOBCENTER,
        Kind.AUSLAENDERBEHOERDE,
        Kind.JMD,
        Kind.TEILHABEMANAGEMENT,
    ):
        person = _person(rng)
        if kind in organisations:
            CoreGroupMember.objects.get_or_create(
                alliance=alliance,
                organisation=organisations[kind],
                person_name=person,
                defaults={"function": "Leitung", "member_since": dt.date(2019, 3, 11)},
            )
    held_on = dt.date(2019, 1, 14) + dt.timedelta(days=rng.randint(0, 80))
    professionals = rng.randint(25, 55)
    starter, _ = Workshop.objects.get_or_create(
        alliance=alliance,
        kind="starter",
        title=f"STARTER-Workshop {place}",
        defaults={
            "held_on": dt.date(2019, 3, 11) if slug == "kreis-steinfurt" else held_on,
            "place": "Kreishaus Steinfurt" if slug == "kreis-steinfurt" else f"Rathaus {place}",
            "organiser": "jmd",
            "organiser_name": f"Jugendmigrationsdienst {place}",
            "professionals_count": 50 if slug == "kreis-steinfurt" else professionals,
            "volunteers_count": 20 if slug == "kreis-steinfurt" else rng.randint(5, 20),
        },
    )
    Workshop.objects.get_or_create(
        alliance=alliance,
        kind="core_group",
        title=f"Sitzung der Bündniskerngruppe {place}",
        defaults={
            "held_on": starter.held_on,
            "place": starter.place,
            "organiser": "lead_office",
            "professionals_count": 8,
            "volunteers_count": 1,
        },
    )
    fields = {f.key: f for f in FieldOfAction.objects.filter(alliance=None)}
    count = len(PROBLEMS) if profile == "small" else rng.randint(4, len(PROBLEMS))
    problems = []
    for description, key, kind in PROBLEMS[:count]:
        problem, _ = ProblemReport.objects.get_or_create(
            alliance=alliance,
            workshop=starter,
            description=description,
            defaults={"field": fields[key], "reported_by_kind": kind},
        )
        problems.append(problem)
    statuses = ["in_progress", "planned", "done"]
    for i, (title, key, problem_index, actions, kind) in enumerate(PRIORITIES):
        responsible = organisations.get(kind) or next(iter(organisations.values()))
        priority, created = Priority.objects.get_or_create(
            alliance=alliance,
            title=title,
            defaults={
                "field": fields[key],
                "actions": actions,
                "responsible": responsible,
                "due_on": dt.date(2019, 12, 31) + dt.timedelta(days=90 * i),
                "status": statuses[i],
            },
        )
        if created:
            priority.problems.set(problems[problem_index : problem_index + 1])
    for topic, name, contact_kind in CONTACTS:
        ContactPoint.objects.get_or_create(
            alliance=alliance,
            topic=topic,
            name=name,
            defaults={
                "organisation": _org(organisations, contact_kind),
                "contact_name": _person(rng),
                "phone": f"0{rng.randint(200, 999)} {rng.randint(1000, 9999)}-1",
                "email": f"{topic}@{slug}.demo",
                "hours": "Di und Do 9–12 Uhr",
            },
        )
    author = User.objects.filter(username=f"koordination@{slug}.demo").first()
    for title, body in ARTICLES:
        version = ArticleVersion.objects.filter(alliance=alliance, title=title, number=1).first()
        if version is not None:
            continue
        article = Article.objects.create(alliance=alliance)
        version = ArticleVersion.objects.create(
            alliance=alliance,
            article=article,
            number=1,
            title=title,
            body=body,
            author=author,
            review_on=dt.date(2027, 3, 31),
        )
        article.current = version
        article.save(update_fields=["current"])


def _received_on(rng: random.Random, late: bool) -> dt.date:
    if late:
        return dt.date(2018, 10, 16) + dt.timedelta(days=rng.randint(10, 130))
    return dt.date(2018, 9, 20) + dt.timedelta(days=rng.randint(0, 25))


def _declare(alliance: Alliance, programme: Any, rng: random.Random, *, late: bool) -> None:
    received = _received_on(rng, late)
    lead = Organisation.objects.filter(alliance=alliance, is_lead_office=True).first()
    signer = {
        "kreisfreie_stadt": ("Oberbürgermeister/in", "oberbuergermeister"),
        "kreis": ("Landrat/Landrätin", "landrat"),
        "gemeinde": ("Bürgermeister/in", "buergermeister"),
    }[alliance.body_kind]
    if alliance.slug == "kreis-steinfurt":
        signer = ("Dr. Martin Sommer", "kreisdirektor")
    gemeinde = alliance.gemeinde
    JoinDeclaration.objects.get_or_create(
        alliance=alliance,
        defaults={
            "programme": programme,
            "body_kind": alliance.body_kind,
            "kreis_id": gemeinde.kreis_id if gemeinde else str(alliance.kreis_id),
            "gemeinde": gemeinde,
            "received_on": received,
            "signed_by_name": signer[0],
            "signed_by_function": signer[1],
            "lead_office_type": "ki",
            "lead_office_name": lead.name
            if lead
            else f"Kommunales Integrationszentrum {_place(alliance)}",
            "kreis_consent_on": received - dt.timedelta(days=7) if gemeinde else None,
            "status": DeclarationStatus.ACCEPTED,
            "decided_on": received + dt.timedelta(days=21),
            "lead_office": lead,
        },
    )


def _weight(alliance: Alliance, seekers: dict[str, tuple[int, int]]) -> Decimal:
    """The alliance's share of NRW's protection seekers (a Gemeinde: by population)."""
    total = sum(s for s, _pop in seekers.values())
    if alliance.gemeinde is not None:
        k_seekers, k_pop = seekers.get(alliance.gemeinde.kreis_id, (0, 1))
        part = Decimal(k_seekers) * alliance.gemeinde.population / max(k_pop, 1)
    else:
        part = Decimal(seekers.get(alliance.kreis_id or "", (0, 0))[0])
    return part / total if total else Decimal("0")


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("100"), rounding=ROUND_HALF_UP)


def extend_state(*, alliances: list[Alliance], rng: random.Random, profile: str) -> None:
    programme = get_programme()
    for year, amount in BUDGET.items():
        FundingBudget.objects.get_or_create(
            programme=programme, year=year, defaults={"amount": amount, "note": "Landeshaushalt"}
        )
    # The six largest Gemeinden acting alone joined by the 2018 deadline; the others later.
    alone = sorted(
        (a for a in alliances if a.gemeinde_id),
        key=lambda a: (-a.gemeinde.population, a.gemeinde_id),  # type: ignore[union-attr]
    )
    late = {a.pk for a in alone[6:]}
    seekers = protection_seekers()
    for alliance in sorted(alliances, key=lambda a: a.slug):
        _declare(alliance, programme, rng, late=alliance.pk in late)
        weight = _weight(alliance, seekers)
        fte_total = Decimal("0")
        for year, budget in BUDGET.items():
            amount = max(_money(budget * weight), EUR_PER_FTE / 2)
            fte = (amount / EUR_PER_FTE * 4).quantize(Decimal("1"), rounding=ROUND_HALF_UP) / 4
            fte = max(fte, Decimal("0.5"))
            fte_total = max(fte_total, fte)
            FundingAllocation.objects.get_or_create(
                alliance=alliance, year=year, defaults={"amount": amount, "posts_fte": fte}
            )
            spent_share = Decimal(str(round(rng.uniform(0.82, 0.99), 3)))
            if year <= 2021:
                ExpenditureReport.objects.get_or_create(
                    alliance=alliance,
                    year=year,
                    note=f"Verwendungsnachweis {year}",
                    defaults={"amount": (amount * spent_share).quantize(Decimal("0.01"))},
                )
        tm = Organisation.objects.filter(alliance=alliance, kind=Kind.TEILHABEMANAGEMENT).first()
        posts = max(1, math.ceil(fte_total))
        for i in range(posts):
            share = min(Decimal("1.00"), fte_total - i) if i == posts - 1 else Decimal("1.00")
            given, family = STAFF[(i + len(alliance.slug)) % len(STAFF)]
            if tm is not None:
                TeilhabemanagementPost.objects.get_or_create(
                    alliance=alliance,
                    person_name=f"{given} {family}",
                    defaults={
                        "organisation": tm,
                        "fte": max(share, Decimal("0.50")),
                        "funded_from": dt.date(2019, 4, 1),
                        "funded_until": dt.date(2022, 12, 31),
                    },
                )
