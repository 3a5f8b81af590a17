"""Demo step of the offers app: a realistic offer landscape per alliance.

Per alliance about 25 offers of the alliance's organisations: language and integration
courses at several levels, Einstiegsqualifizierung, school-certificate courses, assisted
training, training places, internships, job placement, mentoring, tutoring, housing and
mobility help, counselling. Some are closed to tolerated persons, some only for SGB II
clients, some far from public transport, some full — so that the gap analysis finds gaps.
Deterministic from the rng, idempotent (an alliance that has offers is left alone), one
bulk_create per alliance.

For the lead's participation histories: `demo_offers(alliance)` returns the offers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo.common import uuid_from
from teilhabe.offers.models import Category, Offer

K = Organisation.Kind
C = Category

ALL: tuple[str, ...] = ()
# Everyone but tolerated persons (the typical "nicht offen für Geduldete").
NOT_TOLERATED = (
    "gestattung",
    "residence_permit",
    "p25a",
    "p25b",
    "p104c",
    "settlement",
    "eu_other",
)
# Only a residence permit or settlement permit (e.g. many Jobcenter measures).
PERMIT_ONLY = ("residence_permit", "p25a", "p25b", "p104c", "settlement")
# Training toleration and permits: assisted training is open to them.
TRAINING_OK = ("training_toleration", "employment_toleration", *PERMIT_ONLY)


@dataclass(frozen=True)
class Template:
    title: str
    category: str
    provider: str  # Organisation.Kind
    places: tuple[int, int] | None  # range of places; None: no fixed number
    target_level: str = ""
    min_age: int | None = None
    max_age: int | None = None
    statuses: tuple[str, ...] = ALL
    legal_domain: str = ""
    min_level: str = ""
    remote_share: float = 0.1  # chance that the venue is not reachable by bus or train
    full_share: float = 0.15  # chance that no place is free
    funding: str = ""
    costs: str = "kostenfrei"


TEMPLATES: tuple[Template, ...] = (
    Template(
        "Alphabetisierungskurs",
        C.LANGUAGE_COURSE,
        K.BILDUNGSTRAEGER,
        (12, 16),
        "A1",
        funding="BAMF",
    ),
    Template(
        "Deutschkurs A2", C.LANGUAGE_COURSE, K.BILDUNGSTRAEGER, (14, 20), "A2", funding="Land NRW"
    ),
    Template(
        "Deutschkurs B1",
        C.LANGUAGE_COURSE,
        K.BILDUNGSTRAEGER,
        (14, 20),
        "B1",
        min_level="A2",
        funding="Land NRW",
    ),
    Template(
        "Berufssprachkurs B2",
        C.LANGUAGE_COURSE,
        K.BILDUNGSTRAEGER,
        (15, 20),
        "B2",
        statuses=NOT_TOLERATED,
        min_level="B1",
        funding="BAMF (DeuFöV)",
    ),
    Template(
        "Integrationskurs",
        C.INTEGRATION_COURSE,
        K.BILDUNGSTRAEGER,
        (18, 25),
        "B1",
        statuses=NOT_TOLERATED,
        funding="BAMF",
    ),
    Template(
        "Jugendintegrationskurs",
        C.INTEGRATION_COURSE,
        K.JMD,
        (12, 18),
        "B1",
        max_age=26,
        statuses=NOT_TOLERATED,
        funding="BAMF",
    ),
    Template(
        "Berufsorientierung für junge Geflüchtete",
        C.VOCATIONAL_ORIENTATION,
        K.BERUFSKOLLEG,
        (16, 24),
        min_level="A2",
        funding="KAoA",
    ),
    Template(
        "Einstiegsqualifizierung Handwerk",
        C.PRE_VOCATIONAL_TRAINING,
        K.AGENTUR,
        (4, 10),
        statuses=NOT_TOLERATED,
        legal_domain="sgb3",
        min_level="A2",
        remote_share=0.35,
        funding="Agentur für Arbeit (SGB III)",
    ),
    Template(
        "Einstiegsqualifizierung Pflege",
        C.PRE_VOCATIONAL_TRAINING,
        K.JOBCENTER,
        (4, 8),
        statuses=PERMIT_ONLY,
        legal_domain="sgb2",
        min_level="B1",
        funding="Jobcenter (SGB II)",
    ),
    Template(
        "Hauptschulabschluss-Kurs",
        C.SCHOOL_CERTIFICATE_COURSE,
        K.BERUFSKOLLEG,
        (18, 25),
        min_age=18,
        max_age=25,
        min_level="A2",
        funding="Land NRW",
    ),
    Template(
        "Kurs Mittlerer Schulabschluss",
        C.SCHOOL_CERTIFICATE_COURSE,
        K.BERUFSKOLLEG,
        (18, 25),
        min_age=18,
        max_age=27,
        min_level="B1",
        funding="Land NRW",
    ),
    Template(
        "Assistierte Ausbildung (AsA flex)",
        C.TRAINING_SUPPORT,
        K.AGENTUR,
        (10, 20),
        statuses=TRAINING_OK,
        min_level="A2",
        funding="Agentur für Arbeit (SGB III)",
    ),
    Template(
        "Ausbildungsbegleitung", C.TRAINING_SUPPORT, K.BILDUNGSTRAEGER, (10, 15), funding="Land NRW"
    ),
    Template(
        "Ausbildungsplätze Kfz-Mechatronik",
        C.VOCATIONAL_TRAINING,
        K.BILDUNGSTRAEGER,
        (2, 6),
        min_level="B1",
        remote_share=0.4,
        full_share=0.4,
        costs="Ausbildungsvergütung",
    ),
    Template(
        "Ausbildungsplätze Pflegefachkraft",
        C.VOCATIONAL_TRAINING,
        K.BERUFSKOLLEG,
        (4, 10),
        min_level="B1",
        full_share=0.35,
        costs="Ausbildungsvergütung",
    ),
    Template(
        "Praktikumsbörse Handwerk", C.INTERNSHIP, K.BILDUNGSTRAEGER, (8, 20), remote_share=0.3
    ),
    Template(
        "Betriebspraktikum Logistik",
        C.INTERNSHIP,
        K.JOBCENTER,
        (5, 10),
        statuses=PERMIT_ONLY,
        legal_domain="sgb2",
    ),
    Template(
        "Arbeitsvermittlung U25",
        C.JOB_PLACEMENT,
        K.JOBCENTER,
        None,
        max_age=25,
        statuses=PERMIT_ONLY,
        legal_domain="sgb2",
        full_share=0.0,
        funding="Jobcenter (SGB II)",
    ),
    Template(
        "Beratung zur Beschäftigungsduldung",
        C.JOB_PLACEMENT,
        K.AGENTUR,
        (10, 20),
        statuses=("toleration", "employment_toleration"),
        full_share=0.3,
    ),
    Template(
        "Mentoring-Programm Ausbildung", C.MENTORING, K.CIVIL_SOCIETY, (10, 30), funding="Spenden"
    ),
    Template(
        "Nachhilfe Berufsschule",
        C.TUTORING,
        K.CIVIL_SOCIETY,
        (8, 20),
        min_level="A2",
        full_share=0.3,
        funding="Ehrenamt",
    ),
    Template(
        "Wohnungssuche und Mietberatung",
        C.HOUSING_HELP,
        K.KI,
        (5, 12),
        full_share=0.35,
        funding="Kommune",
    ),
    Template(
        "Fahrradwerkstatt und Mobilitätstraining",
        C.MOBILITY_HELP,
        K.CIVIL_SOCIETY,
        (6, 15),
        remote_share=0.25,
        funding="Ehrenamt",
    ),
    Template(
        "Migrationsberatung für junge Menschen",
        C.COUNSELLING,
        K.JMD,
        None,
        max_age=27,
        full_share=0.0,
        funding="BMFSFJ",
    ),
    Template(
        "Aufenthaltsrechtliche Perspektivberatung",
        C.COUNSELLING,
        K.TEILHABEMANAGEMENT,
        None,
        full_share=0.0,
        funding="Land NRW (Gemeinsam klappt's)",
    ),
)


def build_offers(
    *, alliance: Alliance, organisations: dict[str, Organisation], rng: random.Random
) -> list[Offer]:
    """The alliance's offers, not yet saved (pure apart from reading the Gemeinden)."""
    gemeinden = list(alliance.gemeinden().order_by("ags").values_list("ags", flat=True))
    offers = []
    for t in TEMPLATES:
        provider = organisations.get(t.provider) or organisations[K.TEILHABEMANAGEMENT]
        places = free = None
        if t.places is not None:
            places = rng.randint(*t.places)
            free = 0 if rng.random() < t.full_share else rng.randint(1, max(1, places // 3))
        gemeinde = rng.choice(gemeinden) if gemeinden else None
        offers.append(
            Offer(
                id=uuid_from(rng),
                alliance=alliance,
                provider=provider,
                title=t.title,
                category=t.category,
                target_level=t.target_level,
                places=places,
                free_places=free,
                schedule=rng.choice(
                    [
                        "Mo–Fr vormittags",
                        "Mo–Do 9–13 Uhr",
                        "Di und Do nachmittags",
                        "nach Absprache",
                    ]
                ),
                gemeinde_id=gemeinde,
                public_transport=rng.random() >= t.remote_share,
                costs=t.costs,
                funding_source=t.funding,
                contact=f"{provider.name}, Servicetelefon",
                min_age=t.min_age,
                max_age=t.max_age,
                allowed_statuses=list(t.statuses),
                required_legal_domain=t.legal_domain,
                min_cefr_level=t.min_level,
            )
        )
    return offers


def extend_alliance(
    *, alliance: Alliance, organisations: dict[str, Organisation], rng: random.Random, profile: str
) -> None:
    if Offer.objects.filter(alliance=alliance).exists():
        return
    Offer.objects.bulk_create(build_offers(alliance=alliance, organisations=organisations, rng=rng))


def demo_offers(alliance: Alliance) -> list[Offer]:
    """The alliance's catalogue in a stable order (title, id), providers loaded: for
    participation histories in the lead's demo."""
    return list(
        Offer.objects.filter(alliance=alliance).select_related("provider").order_by("title", "id")
    )
