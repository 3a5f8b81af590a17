"""The printable consent form: German, plus a version in plain language, as one PDF.

The form is a legal document handed to the person, so it is always German whatever the
interface language; the plain-language pages follow the rules of Leichte/Einfache Sprache
(short sentences, one statement each, no passive). It is rendered by core.pdf.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from teilhabe.casework.models import Consent, DataCategory
from teilhabe.casework.sharing.selectors import categories_for
from teilhabe.core.models import Organisation
from teilhabe.core.pdf import html_to_pdf
from teilhabe.people.access import (
    ACCOMPANIMENT,
    CONSENT_CATEGORIES,
    NEVER_FOR_IMMIGRATION_OFFICE,
)
from teilhabe.people.models import Person

# What each category means, in plain words (for both versions of the form).
PLAIN_CATEGORIES = {
    "master_data": "Ihr Name, Ihr Geburtstag, Ihre Adresse und wie man Sie erreicht.",
    "residence_status": "Ihr Aufenthalts-Status. Zum Beispiel: Duldung oder Aufenthalts-Erlaubnis.",
    "education": "Ihre Schulen, Ihre Zeugnisse, Ihre Arbeit bisher und Ihre Sprachen.",
    "needs": "Wobei Sie Hilfe brauchen. Zum Beispiel: Wohnung, Sprache, Arbeit.",
    "plan": "Ihr Förder-Plan: Ihre Ziele und die nächsten Schritte.",
    "accompaniment": (
        "Eine ehrenamtliche Person begleitet Sie. Sie erfährt nur Ihren Vornamen, Ihre "
        "Sprachen, Ihr Ziel und wie sie Ihre Beraterin oder Ihren Berater erreicht."
    ),
    "participations": "Ihre Kurse und Maßnahmen und wie sie ausgegangen sind.",
    "documents": (
        "Ihre Dokumente, die wir gespeichert haben. Zum Beispiel: Duldung, Zeugnisse, "
        "Übersetzungen, Bescheide."
    ),
}

PLAIN_PURPOSES = {
    "referral": "Wir vermitteln Sie an ein Angebot oder an eine andere Stelle.",
    "joint_planning": "Wir planen Ihre Unterstützung zusammen mit diesen Stellen.",
    "benefits": "Die Stellen prüfen: Welche Hilfen und Kurse können Sie bekommen?",
    "residence": "Es geht um Ihren Aufenthalt. Zum Beispiel: eine Duldung für eine Ausbildung.",
    "other": "Aus einem anderen Grund. Der Grund steht hier:",
}


@dataclass
class ConsentScope:
    """What the form is filled in with: the scope the case manager chose."""

    person: Person
    organisation: Organisation
    recipients: list[Organisation]
    purpose: str
    purpose_detail: str = ""
    categories: list[str] = field(default_factory=list)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    @classmethod
    def of(cls, consent: Consent) -> ConsentScope:
        return cls(
            person=consent.person,
            organisation=consent.organisation,
            recipients=list(consent.recipients.all()),
            purpose=consent.purpose,
            purpose_detail=consent.purpose_detail,
            categories=list(consent.categories),
            valid_from=consent.valid_from,
            valid_until=consent.valid_until,
        )


def form_context(scope: ConsentScope) -> dict[str, Any]:
    labels = dict(DataCategory.choices)
    chosen = [c for c in CONSENT_CATEGORIES if c in set(scope.categories)]
    # Not a category of the person page, so `categories_for` drops it; each recipient
    # named still receives the permission for a mentoring pair.
    pairing = [ACCOMPANIMENT] if ACCOMPANIMENT in chosen else []
    purpose_label = dict(Consent.Purpose.choices).get(scope.purpose, scope.purpose)
    recipients = [
        {
            "name": org.name,
            "kind": org.get_kind_display(),
            "limited": org.is_immigration_office
            and bool(set(chosen) & NEVER_FOR_IMMIGRATION_OFFICE),
            "categories": [str(labels[c]) for c in categories_for(org, chosen) + pairing],
        }
        for org in scope.recipients
    ]
    return {
        "person": scope.person,
        "organisation": scope.organisation,
        "recipients": recipients,
        "any_limited": any(r["limited"] for r in recipients),
        "purpose": str(purpose_label),
        "plain_purpose": PLAIN_PURPOSES.get(scope.purpose, ""),
        "purpose_detail": scope.purpose_detail,
        "categories": [{"label": str(labels[c]), "plain": PLAIN_CATEGORIES[c]} for c in chosen],
        "valid_from": scope.valid_from,
        "valid_until": scope.valid_until,
    }


def render_consent_html(scope: ConsentScope) -> str:
    with translation.override("de"):
        return render_to_string("casework/pdf/consent_form.html", form_context(scope))


def render_consent_form(scope: ConsentScope) -> bytes:
    return html_to_pdf(render_consent_html(scope))
