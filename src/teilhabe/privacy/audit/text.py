"""One audit event as a sentence its reader understands, e.g. "Jobcenter Köln (M. Muster)
hat am 02.12.2026 14:03 die Stammdaten von Farid N. eingesehen – Einwilligung vom
01.11.2026".

The one place that turns an event into words, for the log page, its export and the accesses
of one person: a verb per action, a German noun for the object (never a type code or an id),
a label per purpose code, the acting organisation with the initials of the user, and the
person by first name and initial only where the reader may see that person
(`people.access.nameable_persons`; otherwise "einer Person"). A page of any length is
described with a fixed number of queries (`describe`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.roles import Principal
from teilhabe.core.templatetags.users import user_short_name
from teilhabe.people.access import ORDERED_CATEGORIES, nameable_persons
from teilhabe.people.merge.relations import survivors
from teilhabe.privacy.audit.labels import (
    CATEGORY_OBJECTS,
    EXPORTS,
    LISTS,
    OBJECTS,
    OUTCOMES,
    PERSON,
    PERSON_PATHS,
    PREFIXES,
    PURPOSES,
    SAID_BY_CONSENT,
    VERBS,
    A,
)

_ROWS = re.compile(r"(?:(csv|xlsx)|\w+): (\d+) rows$")
_FORMATS = {"csv": "CSV", "xlsx": "Excel"}


@dataclass(frozen=True)
class Line:
    """One event as the page and the export show it."""

    event: AuditEvent
    when: str  # "02.12.2026 14:03", Europe/Berlin
    who: str  # "Jobcenter Köln (M. Muster)"
    action: str  # the action's German label
    sentence: str


def when_text(at: Any) -> str:
    """ "02.12.2026 14:03" in the local time zone (the same digits in every language)."""
    return timezone.localtime(at).strftime("%d.%m.%Y %H:%M")


def _who(event: AuditEvent, ctx: _Context) -> str:
    user = ctx.users.get(event.actor_id, "")
    org = ctx.organisations.get(event.organisation_id, "")
    if org and user:
        return f"{org} ({user})"
    return org or user or pgettext("audit actor", "The system")


def person_text(person: Any) -> str:
    """First name and the initial of the family name: enough to tell persons apart."""
    initial = f" {person.family_name.strip()[:1]}." if person.family_name.strip() else ""
    return f"{person.given_name.strip()}{initial}"


def _and(parts: Sequence[str]) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


@dataclass
class _Context:
    """What a batch of events refers to, read once for the whole batch."""

    person_of: dict[Any, Any]  # object id → person id
    names: dict[Any, str]  # person id → "Farid N." (only those the reader may name)
    consents: dict[Any, tuple[Any, list[str]]]  # consent id → (valid from, categories)
    users: dict[Any, str]  # acting user's id → "M. Muster"
    organisations: dict[Any, str]  # acting organisation's id → its name
    a_person: str  # how a person the reader may not name is named
    # (purpose, consent, outcome) → the words after the dash, made once per batch
    details: dict[tuple[Any, ...], str] = field(default_factory=dict)


def _load(events: Sequence[AuditEvent], principal: Principal) -> _Context:
    from teilhabe.casework.models import Consent

    by_type: dict[str, set[Any]] = defaultdict(set)
    for e in events:
        if e.object_id is not None:
            by_type[e.object_type].add(e.object_id)
    person_of: dict[Any, Any] = {pk: pk for pk in by_type.get(PERSON, ())}
    for label, path in PERSON_PATHS.items():  # one query per kind present on the page
        if by_type.get(label):
            model = apps.get_model(label)
            rows = model.objects.filter(pk__in=by_type[label]).values_list("pk", path)
            person_of.update(rows)
    # Events of a merged record name the record it lives on in (people.merge).
    moved = survivors(set(person_of.values()))
    person_of = {pk: moved.get(person, person) for pk, person in person_of.items()}
    named = nameable_persons(principal, person_of.values())
    consent_ids = {e.consent_id for e in events if e.consent_id}
    consents = {
        pk: (valid_from, list(categories or []))
        for pk, valid_from, categories in Consent.objects.filter(pk__in=consent_ids).values_list(
            "pk", "valid_from", "categories"
        )
    }
    # Who acted: names of colleagues and organisations, not of persons, and an event
    # may name an organisation of another alliance (a disclosure's recipient).
    with scopes_disabled():
        users = get_user_model().objects.filter(pk__in={e.actor_id for e in events})
        organisations = dict(
            Organisation.objects.filter(pk__in={e.organisation_id for e in events}).values_list(
                "pk", "name"
            )
        )
        user_names = {
            u.pk: user_short_name(u)
            for u in users.only("first_name", "last_name", "email", "username")
        }
    return _Context(
        person_of,
        {pk: person_text(p) for pk, p in named.items()},
        consents,
        user_names,
        organisations,
        pgettext("audit person, dative", "a person"),
    )


def _object(event: AuditEvent, ctx: _Context) -> str:
    kind = event.object_type
    if event.action == A.EXPORT:
        return str(EXPORTS.get(kind, pgettext_lazy("audit export", "a list")))
    if event.action == A.LIST and kind in LISTS:
        return str(LISTS[kind])
    person_id = ctx.person_of.get(event.object_id)
    person = ctx.names.get(person_id) or ctx.a_person
    if kind == PERSON and event.action == A.DISCLOSE and event.consent_id in ctx.consents:
        categories = ctx.consents[event.consent_id][1]
        shown = [str(CATEGORY_OBJECTS[c]) for c in ORDERED_CATEGORIES if c in categories]
        if shown:
            return _("%(categories)s of %(person)s") % {"categories": _and(shown), "person": person}
    if kind in OBJECTS:
        return str(OBJECTS[kind]) % {"person": person}
    try:
        noun = str(apps.get_model(kind)._meta.verbose_name)
    except (LookupError, ValueError):
        return pgettext("audit object", "an entry")
    return pgettext("audit object", "an entry “%(kind)s”") % {"kind": noun}


def _details(event: AuditEvent, ctx: _Context) -> list[str]:
    details = []
    purpose = event.purpose
    prefix = next((p for p in PREFIXES if purpose.startswith(p)), None)
    if found := _ROWS.search(purpose):  # exports and imports: how many rows
        fmt, rows = found.groups()
        details.append(
            _("%(format)s, %(rows)s rows") % {"format": _FORMATS[fmt], "rows": rows}
            if fmt
            else _("%(rows)s rows") % {"rows": rows}
        )
    elif prefix is not None:
        details.append(str(PREFIXES[prefix]) % {"rest": purpose[len(prefix) :]})
    elif purpose in PURPOSES and not (event.consent_id and purpose in SAID_BY_CONSENT):
        details.append(str(PURPOSES[purpose]))
    if event.consent_id:
        consent = ctx.consents.get(event.consent_id)
        if consent is not None:
            day = date_format(consent[0], "d.m.Y")
            details.append(_("consent of %(day)s") % {"day": day})
        else:
            details.append(_("a consent"))
    if event.outcome in OUTCOMES:
        details.append(str(OUTCOMES[event.outcome]))
    return details


def _sentence(event: AuditEvent, ctx: _Context, who: str, when: str) -> str:
    verb = VERBS.get(event.action, VERBS[A.UPDATE])
    if event.action == A.DISCLOSE and event.purpose == "case sheet":
        # Printed by the owner's case manager for the recipient organisation named.
        user = ctx.users.get(event.actor_id, "")
        recipient = ctx.organisations.get(event.organisation_id, "")
        text = _("%(who)s printed a case sheet of %(person)s for %(recipient)s on %(when)s") % {
            "who": user or pgettext("audit actor", "The system"),
            "person": ctx.names.get(ctx.person_of.get(event.object_id)) or ctx.a_person,
            "recipient": recipient,
            "when": when,
        }
    else:
        text = str(verb) % {"who": who, "what": _object(event, ctx), "when": when}
    key = (event.purpose, event.consent_id, event.outcome)
    if key not in ctx.details:
        ctx.details[key] = ", ".join(_details(event, ctx))
    details = ctx.details[key]
    return f"{text} – {details}" if details else text


# What `describe` and the lines' readers use of an event (and `id`, which `only` adds).
DESCRIBED = (
    "at", "action", "actor_id", "organisation_id", "object_type", "object_id", "purpose",
    "consent_id", "outcome",
)  # fmt: skip


def described(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    """The events with the columns `describe` reads, and no others: an export of 16,000
    events spent a third of its time building users and organisations joined to each
    event, where a batch names a handful."""
    return events.only(*DESCRIBED)


def describe(events: Iterable[AuditEvent], principal: Principal) -> list[Line]:
    """The events as sentences for this reader, in a fixed number of queries for the whole
    batch (actors, organisations, persons, consents). Words that repeat within the batch
    (an action's label, an actor, a minute, the details) are made once: an export of
    16,000 events spent half its time making the same words again."""
    events = list(events)
    ctx = _load(events, principal)
    actions = {value: str(label) for value, label in A.choices}
    actors: dict[tuple[Any, Any], str] = {}
    times: dict[Any, str] = {}
    lines = []
    for e in events:
        actor = (e.actor_id, e.organisation_id)
        if actor not in actors:
            actors[actor] = _who(e, ctx)
        if e.at not in times:
            times[e.at] = when_text(e.at)
        who, when = actors[actor], times[e.at]
        action = actions.get(e.action, e.action)
        lines.append(Line(e, when, who, action, _sentence(e, ctx, who, when)))
    return lines
