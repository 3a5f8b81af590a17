"""Field classification: what every model field holds, why, on which basis, for how long.

Each app's fields are declared in `teilhabe/privacy/fields/<app>.py` (core's in
`teilhabe/privacy/fields/core.py`) as `CLASSIFICATION`: model name → field name → `FieldClass`.
The registry (`teilhabe.privacy.fields`) lists them; tests walk every model of a
`teilhabe.*` app and fail on any field without an entry, so a new column cannot slip past
the record of processing activities (Art. 30 GDPR), the retention run or the Art. 15 export.

`anonymise` tells the retention run what to do with the field when its data category's
period has run out: keep it (categorical facts the aggregates need), erase it, coarsen a
date to its year, or delete an uploaded file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Anonymise(StrEnum):
    KEEP = "keep"
    ERASE = "erase"  # "" / None / []
    COARSEN = "coarsen"  # a date becomes 1 July of its year
    FILE = "file"  # delete the uploaded file from storage, then blank the field
    REDACT = "redact"  # a placeholder, for text a constraint requires to be present


class Retention(StrEnum):
    """Retention classes (DIN 66398 "Löschklassen")."""

    CASEFILE = "casefile"  # the organisation's retention rule for the data category
    STAFF = "staff"  # professionals' data: while the account / partnership lasts
    LOG = "log"  # audit log: kept append-only; references pseudonymised by the run
    ALLIANCE = "alliance"  # alliance records: while the alliance exists
    NONE = "none"  # no personal data


@dataclass(frozen=True)
class Category:
    label: Promise
    purpose: Promise
    legal_basis: str
    retention: Retention
    art9: bool = False
    person_data: bool = True  # data about a person of the target group (retention rules)


LB_CASE = "Art. 6 Abs. 1 lit. a, e DSGVO; Einwilligung; §§ 67a ff. SGB X"
LB_ART9 = "Art. 9 Abs. 2 lit. a DSGVO (ausdrückliche Einwilligung); § 67b SGB X"
LB_STAFF = "Art. 6 Abs. 1 lit. b, c DSGVO; § 26 BDSG"
LB_LOG = "Art. 5 Abs. 2, Art. 32 DSGVO; § 78a SGB X; § 76 BDSG (analog)"
LB_TASK = "Art. 6 Abs. 1 lit. e DSGVO (Aufgabe der Kommune)"

CASEWORK_PURPOSE = _("counselling and accompaniment of the person (Teilhabemanagement)")

CATEGORIES: dict[str, Category] = {
    "master_data": Category(_("master data"), CASEWORK_PURPOSE, LB_CASE, Retention.CASEFILE),
    "contact_data": Category(_("contact data"), CASEWORK_PURPOSE, LB_CASE, Retention.CASEFILE),
    "residence_status": Category(
        _("residence status"),
        _("access to offers that depend on the residence status"),
        LB_CASE,
        Retention.CASEFILE,
    ),
    "education": Category(
        _("education and languages"), CASEWORK_PURPOSE, LB_CASE, Retention.CASEFILE
    ),
    "casework": Category(_("case and eligibility"), CASEWORK_PURPOSE, LB_CASE, Retention.CASEFILE),
    "needs": Category(_("needs"), CASEWORK_PURPOSE, LB_CASE, Retention.CASEFILE),
    "plan": Category(_("individual plan"), CASEWORK_PURPOSE, LB_CASE, Retention.CASEFILE),
    "counselling_notes": Category(
        _("counselling notes"), CASEWORK_PURPOSE, LB_ART9, Retention.CASEFILE, art9=True
    ),
    "consents": Category(
        _("consents"),
        _("proof of consent to transfers between organisations"),
        "Art. 7 Abs. 1 DSGVO; § 67b Abs. 2 SGB X",
        Retention.CASEFILE,
    ),
    "referrals": Category(
        _("referrals"),
        _("referral to offers and services of partner organisations"),
        LB_CASE,
        Retention.CASEFILE,
    ),
    "participations": Category(
        _("participations"),
        _("documenting education trajectories; detecting chains of measures"),
        LB_CASE,
        Retention.CASEFILE,
    ),
    "documents": Category(
        _("documents"),
        _("the person's documents for applications"),
        LB_CASE,
        Retention.CASEFILE,
    ),
    "mentoring": Category(
        _("mentoring by volunteers"),
        _("accompaniment of the person by a volunteer (mentoring pair)"),
        LB_CASE,
        Retention.CASEFILE,
    ),
    "volunteers": Category(
        _("volunteer profiles"),
        _("finding a volunteer for a mentoring pair"),
        "Art. 6 Abs. 1 lit. a DSGVO (Einwilligung der Ehrenamtlichen)",
        Retention.STAFF,
        person_data=False,
    ),
    "staff": Category(
        _("staff and partner contact data"),
        _("organising the alliance's work"),
        LB_STAFF,
        Retention.STAFF,
        person_data=False,
    ),
    "audit": Category(
        _("access log"),
        _("data-protection control and security of processing"),
        LB_LOG,
        Retention.LOG,
        person_data=False,
    ),
    "alliance": Category(
        _("alliance records"),
        _("steering the local alliance"),
        LB_TASK,
        Retention.ALLIANCE,
        person_data=False,
    ),
}

# Categories the retention rules cover: data about persons of the target group.
PERSON_CATEGORIES = [key for key, c in CATEGORIES.items() if c.person_data]


@dataclass(frozen=True)
class FieldClass:
    personal: bool
    category: str = ""
    purpose: str = ""
    legal_basis: str = ""
    retention: Retention = Retention.NONE
    art9: bool = False
    anonymise: Anonymise = Anonymise.KEEP

    @property
    def category_label(self) -> str:
        return str(CATEGORIES[self.category].label) if self.category else ""


NONE = FieldClass(personal=False)


def personal(
    category: str, anonymise: Anonymise = Anonymise.KEEP, *, art9: bool | None = None
) -> FieldClass:
    """A personal field; purpose, legal basis, retention and Art. 9 follow its category."""
    c = CATEGORIES[category]
    return FieldClass(
        personal=True,
        category=category,
        purpose=str(c.purpose),
        legal_basis=c.legal_basis,
        retention=c.retention,
        art9=c.art9 if art9 is None else art9,
        anonymise=anonymise,
    )


ERASE = Anonymise.ERASE
COARSEN = Anonymise.COARSEN
FILE = Anonymise.FILE
REDACT = Anonymise.REDACT
REDACTED = "—"

# The columns every UUIDModel has: technical, no personal data by themselves.
BASE = {"id": NONE, "created_at": NONE, "updated_at": NONE}


def base(**fields: FieldClass) -> dict[str, FieldClass]:
    return {**BASE, **fields}


def teilhabe_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if m._meta.app_config is not None and m._meta.app_config.name.startswith("teilhabe.")
    ]


def model_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a model stores itself: columns and many-to-many relations."""
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, models.Field)
        and (((f.concrete or f.many_to_many) and not f.auto_created) or f.primary_key)
    ]
