"""Article 15 GDPR: everything one organisation stores about a person, its recipients,
purposes and retention, as a machine-readable structure (JSON) and a readable PDF.

The content is collected from the field classification, walking every model that holds
rows of the person: a new model is in the export as soon as it is classified. Staff data
(who handled the case) and technical columns are not the person's data and stay out.
Counselling notes are the organisation's own: notes written by another organisation are
never included, and the data-protection officer's export leaves all notes out (the DPO sees
no counselling notes; the case manager's export is the complete one).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.pdf import html_to_pdf
from teilhabe.people.models import ListDisclosureEntry, Person
from teilhabe.privacy.classification import CATEGORIES
from teilhabe.privacy.fields import classification_of
from teilhabe.privacy.retention import person_paths, rows_of, rules_for

# Models shown first, in the order a person would look for them.
ORDER = [
    "people.Person",
    "people.ResidenceStatusEntry",
    "people.Profile",
    "people.PersonLanguage",
    "people.Certificate",
    "people.Experience",
    "casework.Case",
    "casework.CaseStatusChange",
    "casework.NeedAssessment",
    "casework.Goal",
    "casework.Step",
    "casework.Contact",
    "casework.Consent",
    "casework.Referral",
    "trajectories.Participation",
    "trajectories.Finding",
]
SKIP_CATEGORIES = {"staff", "audit", ""}


def display(obj: models.Model, f: models.Field) -> Any:
    """A value as the person would read it (choices by label, relations by name)."""
    if f.many_to_many:
        return ", ".join(str(o) for o in getattr(obj, f.name).all())
    value = getattr(obj, f.name)
    if value is None or value == "" or value == []:
        return None
    if f.choices:
        return str(getattr(obj, f"get_{f.name}_display")())
    if isinstance(f, models.FileField):
        return value.name.rsplit("/", 1)[-1]
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value if isinstance(value, int) else str(value)


def _note_allowed(obj: models.Model, organisation: Organisation, include_notes: bool) -> bool:
    owner = getattr(obj, "organisation_id", organisation.pk)
    return include_notes and owner == organisation.pk


def collect(person: Person, organisation: Organisation, *, include_notes: bool) -> dict[str, Any]:
    paths = person_paths()
    sections = []
    all_ids: list[uuid.UUID] = []
    categories_used: set[str] = set()
    models_in_order = sorted(
        paths,
        key=lambda m: (ORDER.index(m._meta.label) if m._meta.label in ORDER else 99, m._meta.label),
    )
    for model in models_in_order:
        declared = classification_of(model)
        shown: list[tuple[Any, Any]] = [
            (model._meta.get_field(name), fc)
            for name, fc in declared.items()
            if fc.personal
            and fc.category not in SKIP_CATEGORIES
            and name not in ("person", "case", "goal", "contact")
        ]
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
                value = display(obj, f)  # type: ignore[arg-type]
                if value is None:
                    continue
                categories_used.add(fc.category)
                fields.append({"name": f.name, "label": str(f.verbose_name), "value": value})
            items.append({"id": str(obj.pk), "fields": fields})
        sections.append(
            {
                "model": model._meta.label,
                "title": str(model._meta.verbose_name_plural),
                "items": items,
            }
        )
    return {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "controller": {"name": organisation.name, "kind": organisation.get_kind_display()},
        "person_id": str(person.pk),
        "notes_included": include_notes,
        "sections": sections,
        "recipients": recipients(person, all_ids),
        "purposes": [
            {
                "category": str(CATEGORIES[c].label),
                "purpose": str(CATEGORIES[c].purpose),
                "legal_basis": CATEGORIES[c].legal_basis,
                "art9": CATEGORIES[c].art9,
            }
            for c in CATEGORIES
            if c in categories_used
        ],
        "retention": [
            {
                "category": r.get_category_display(),
                "months": r.months,
                "start_event": r.get_start_event_display(),
            }
            for r in rules_for(organisation)
        ],
    }


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
        out.append(
            {
                "organisation": org.name,
                "kind": org.get_kind_display(),
                "reads": entry["reads"] if entry else 0,
                "first_read": entry["first"].isoformat(timespec="minutes") if entry else None,
                "last_read": entry["last"].isoformat(timespec="minutes") if entry else None,
                "consent_ids": sorted(str(c) for c in entry["consents"]) if entry else [],
                "purposes": sorted(
                    {str(labels.get(purposes.get(c, ""), "")) for c in entry["consents"]} - {""}
                )
                if entry
                else [],
                "referred": org_id in referred,
            }
        )
    return out


def render_pdf(data: dict[str, Any]) -> bytes:
    with translation.override("de"):
        html = render_to_string("privacy/pdf/art15.html", {"data": data})
    return html_to_pdf(html)
