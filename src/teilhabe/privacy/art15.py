"""Article 15 GDPR: everything one organisation stores about a person, its recipients,
purposes and retention, as a machine-readable structure (JSON) and a readable PDF.

The content is collected from the field classification, walking every model that holds
rows of the person: a new model is in the export as soon as it is classified. Staff data
(who handled the case) and technical columns are not the person's data and stay out.
Counselling notes are the organisation's own: notes written by another organisation are
never included, and the data-protection officer's export leaves all notes out (the DPO sees
no counselling notes; the case manager's export is the complete one).

It is written for the person: labels in their language (German or English), names instead
of codes (the JSON keeps the code beside the label, see art15_values), no internal keys, and
a plain-language cover letter, repeated in the person's first language where the letter
exists in it (the Bildungspass languages).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import pgettext

from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.pdf import html_to_pdf
from teilhabe.people.merge.relations import absorbed_ids
from teilhabe.people.models import ListDisclosureEntry, Person, PersonLanguage
from teilhabe.privacy.art15_values import coded_fields, date_text, value_of
from teilhabe.privacy.bildungspass import RTL, SECOND_LANGUAGES
from teilhabe.privacy.classification import CATEGORIES
from teilhabe.privacy.fields import classification_of
from teilhabe.privacy.models import StartEvent
from teilhabe.privacy.retention import person_paths, rows_of, rules_for

# Models shown first, in the order a person would look for them.
ORDER = [
    "people.Person",
    "people.ResidenceStatusEntry",
    "people.WorkPermission",
    "people.Profile",
    "people.LegalDomainPeriod",
    "people.PersonLanguage",
    "people.InterpreterNeed",
    "people.Certificate",
    "recognition.RecognitionProcedure",
    "people.Experience",
    "casework.Case",
    "casework.CaseStatusChange",
    "casework.ExitOutcome",
    "casework.NeedAssessment",
    "casework.Goal",
    "casework.Step",
    "casework.Contact",
    "casework.Consent",
    "casework.Referral",
    "documents.PersonDocument",
    "trajectories.Participation",
    "offers.WaitingListEntry",
    "trajectories.Finding",
]
SKIP_CATEGORIES = {"staff", "audit", ""}
# Shown on other lines already: the rows of a section belong to the person anyway.
PARENT_LINKS = ("person", "case", "goal", "contact", "pair")
# Technical columns, not information about the person: the search key is the name folded
# for search (the name itself is in the answer), a finding's position orders a result list,
# a waiting-list entry's position orders the queue (its rank is counted, not stored).
INTERNAL = {
    "people.Person.search_key",
    "trajectories.Finding.position",
    "offers.WaitingListEntry.position",
    # The receiving alliance's record id: an internal key (the receiver is named instead).
    "relocation.Relocation.created_person_id",
    # A merged record is no one's answer (404); the survivor's answer includes its events.
    "people.Person.merged_into",
    "people.Person.merged_at",
    # The before-image of a merge: ids and values for an undo; the merge itself is shown.
    "people.PersonMerge.moved",
    "people.PersonMerge.before",
    # Which record caused a follow-up (an id, for the nightly jobs); the reason is shown.
    "casework.FollowUp.source",
    # A document's checksum proves the file unchanged; the document itself is listed.
    "documents.PersonDocument.sha256",
}
DOCUMENT_LANGUAGES = ("de", "en")
# The person's own language for the cover letter: the Bildungspass languages (Dari
# letters use the Dari/Farsi text, as the Bildungspass does).
LETTER_LANGUAGES = {**{code: code for code in SECOND_LANGUAGES}, "prs": "fa"}


def _note_allowed(obj: models.Model, organisation: Organisation, include_notes: bool) -> bool:
    owner = getattr(obj, "organisation_id", organisation.pk)
    return include_notes and owner == organisation.pk


def letter_language(person: Person) -> str | None:
    """The first of the person's first languages that the cover letter exists in."""
    natives = PersonLanguage.objects.filter(person=person, level="native").order_by("created_at")
    for code in natives.values_list("language", flat=True):
        if code in LETTER_LANGUAGES:
            return LETTER_LANGUAGES[code]
    return None


def shown_fields(model: type[models.Model]) -> list[tuple[models.Field, Any]]:
    return [
        (model._meta.get_field(name), fc)  # type: ignore[misc]
        for name, fc in classification_of(model).items()
        if fc.personal
        and fc.category not in SKIP_CATEGORIES
        and name not in PARENT_LINKS
        and f"{model._meta.label}.{name}" not in INTERNAL
    ]


def collect(
    person: Person, organisation: Organisation, *, include_notes: bool, language: str = "de"
) -> dict[str, Any]:
    """The answer in `language` (de or en): labels and texts in that language, machine
    values (codes, ISO dates) beside them."""
    with translation.override(language):
        return _collect(person, organisation, include_notes=include_notes, language=language)


def _collect(
    person: Person, organisation: Organisation, *, include_notes: bool, language: str
) -> dict[str, Any]:
    paths = person_paths()
    coders = coded_fields(person)
    sections = []
    all_ids: list[uuid.UUID] = []
    categories_used: set[str] = set()
    models_in_order = sorted(
        paths,
        key=lambda m: (ORDER.index(m._meta.label) if m._meta.label in ORDER else 99, m._meta.label),
    )
    for model in models_in_order:
        shown = shown_fields(model)
        if not shown:
            continue
        rows = list(rows_of(model, paths[model], [person.pk]).order_by("created_at"))
        if not rows:
            continue
        items = []
        for obj in rows:
            all_ids.append(obj.pk)
            fields = []
            for f, fc in shown:
                if fc.category == "counselling_notes" and not _note_allowed(
                    obj, organisation, include_notes
                ):
                    continue
                value = value_of(obj, f, coders.get(f"{model._meta.label}.{f.name}"))
                if value is None:
                    continue
                categories_used.add(fc.category)
                fields.append(
                    {
                        "name": f.name,
                        "label": capfirst(str(f.verbose_name)),
                        "value": value[0],
                        "text": value[1],
                    }
                )
            items.append({"id": str(obj.pk), "fields": fields})
        sections.append(
            {
                "model": model._meta.label,
                "title": capfirst(str(model._meta.verbose_name_plural)),
                "items": items,
            }
        )
    now = timezone.now()
    return {
        "language": language,
        "generated_at": now.isoformat(timespec="seconds"),
        "generated_text": date_text(now),
        "controller": {"name": organisation.name, "kind": organisation.get_kind_display()},
        "person_id": str(person.pk),
        "person_name": f"{person.given_name} {person.family_name}",
        "notes_included": include_notes,
        "sections": sections,
        # Disclosures recorded under a record merged into this one are this person's too.
        "recipients": recipients(person, [*all_ids, *absorbed_ids([person.pk])]),
        "sources": sources(person, organisation),
        "purposes": [
            {
                "category": {"code": c, "label": capfirst(str(CATEGORIES[c].label))},
                "purpose": capfirst(str(CATEGORIES[c].purpose)),
                "legal_basis": CATEGORIES[c].legal_basis,
                "art9": CATEGORIES[c].art9,
            }
            for c in CATEGORIES
            if c in categories_used
        ],
        "retention": [
            {
                "category": {"code": r.category, "label": capfirst(r.get_category_display())},
                "months": r.months,
                "start_event": {"code": r.start_event, "label": r.get_start_event_display()},
            }
            for r in rules_for(organisation)
        ],
    }


def sources(person: Person, organisation: Organisation) -> list[str]:
    """Other organisations that recorded data about the person: partners that entered a
    participation, partners that answered a referral."""
    from teilhabe.casework.models import Referral
    from teilhabe.trajectories.models import Participation

    ids = set(
        Participation.objects.filter(person=person).values_list(
            "recorded_by_organisation_id", flat=True
        )
    ) | set(
        Referral.objects.filter(case__person=person, answered_on__isnull=False).values_list(
            "to_organisation_id", flat=True
        )
    )
    ids -= {None, organisation.pk}
    return sorted(Organisation.objects.filter(pk__in=ids).values_list("name", flat=True))


def recipients(person: Person, ids: list[uuid.UUID]) -> list[dict[str, Any]]:
    """The organisations that really read the person's data through a consent (the
    disclosure log and the list disclosures), and the partners referrals went to."""
    reads: dict[Any, dict[str, Any]] = defaultdict(
        lambda: {"reads": 0, "first": None, "last": None, "consents": set()}
    )
    events = AuditEvent.objects.filter(
        action=AuditEvent.Action.DISCLOSE, object_id__in=ids, organisation__isnull=False
    ).values_list("organisation_id", "at", "consent_id")
    # Lists, searches and API lists that showed the person (people.ListDisclosure).
    listed = ListDisclosureEntry.objects.filter(person_id__in=ids).values_list(
        "organisation_id", "disclosure__at", "consent_id"
    )
    entry: Any
    for org_id, at, consent_id in [*events, *listed]:
        entry = reads[org_id]
        entry["reads"] += 1
        entry["first"] = min(filter(None, [entry["first"], at]))
        entry["last"] = max(filter(None, [entry["last"], at]))
        if consent_id:
            entry["consents"].add(consent_id)
    from teilhabe.casework.models import Consent, Referral

    referred = set(
        Referral.objects.filter(case__person=person).values_list("to_organisation_id", flat=True)
    )
    orgs = Organisation.objects.in_bulk(set(reads) | referred)
    purposes = dict(Consent.objects.filter(person=person).values_list("pk", "purpose"))
    labels = dict(Consent.Purpose.choices)
    out = []
    for org_id, org in sorted(orgs.items(), key=lambda kv: kv[1].name):
        entry = reads.get(org_id)
        codes = sorted({purposes[c] for c in entry["consents"] if c in purposes}) if entry else []
        out.append(
            {
                "organisation": org.name,
                "kind": org.get_kind_display(),
                "reads": entry["reads"] if entry else 0,
                "first_read": entry["first"].isoformat(timespec="minutes") if entry else None,
                "last_read": entry["last"].isoformat(timespec="minutes") if entry else None,
                "first_read_text": date_text(entry["first"]) if entry else None,
                "last_read_text": date_text(entry["last"]) if entry else None,
                "consent_ids": sorted(str(c) for c in entry["consents"]) if entry else [],
                "purposes": [{"code": c, "label": str(labels.get(c, c))} for c in codes],
                "referred": org_id in referred,
            }
        )
    return out


def render_pdf(data: dict[str, Any], letter: str | None = None) -> bytes:
    """The answer as collected (its language), after a cover letter in that language and,
    when `letter` names another of the letter languages, a second one in it."""
    language = data["language"]
    letters = [language] + ([letter] if letter and letter != language else [])
    parts = []
    for lang in letters:
        with translation.override(lang):
            parts.append(
                render_to_string(
                    "privacy/pdf/_art15_letter.html",
                    {"data": data, "lang": lang, "rtl": lang in RTL, "summary": summary(data)},
                )
            )
    with translation.override(language):
        html = render_to_string("privacy/pdf/art15.html", {"data": data, "letters": parts})
    return html_to_pdf(html)


def summary(data: dict[str, Any]) -> dict[str, Any]:
    """What the cover letter says in numbers and names, in the active language."""
    categories = [p["category"]["code"] for p in data["purposes"]]
    labels = [str(CATEGORIES[c].label) for c in categories]
    months = [r["months"] for r in data["retention"] if r["category"]["code"] in categories]
    starts = {r["start_event"]["code"] for r in data["retention"]}
    start = str(StartEvent(starts.pop()).label) if len(starts) == 1 else ""
    sep = pgettext("list separator", ", ")  # Arabic script has its own comma
    return {
        "categories": sep.join(labels),
        "recipients": sep.join(r["organisation"] for r in data["recipients"]),
        "sources": sep.join(data["sources"]),
        "months_min": min(months, default=0),
        "months_max": max(months, default=0),
        "start": start,
        "date": date_text(dt.datetime.fromisoformat(data["generated_at"])),
    }
