"""The audit log's filters and its pages.

Pages are keyset ("seek") pages on (at, id), newest first: a page starts after the last row
of the one before, so the oldest page costs what the newest does (no OFFSET). Day filters are
ranges on `at` in local time, so the (alliance, at) index serves them (never `at__date`).
A typed person name is POSTed and turned into person ids here; links then carry those ids,
never the name.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import AuditEvent, Membership, Organisation
from teilhabe.core.plausible import DateField
from teilhabe.core.roles import Principal
from teilhabe.core.templatetags.users import user_short_name
from teilhabe.people.access import persons_for_dpo
from teilhabe.people.selectors import name_matches
from teilhabe.privacy.audit.scope import person_object_ids

PAGE_SIZE = 50
PERSON_LIMIT = 20  # a name matching more persons asks for more letters
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
OLDER, NEWER, OLDEST = "vor", "nach", "aelteste"
# Filter names that travel in links (the typed name does not: it becomes `personen`).
LINK_FIELDS = ("personen", "nutzer", "organisation", "aktion", "von", "bis")


class AuditFilterForm(forms.Form):
    name = forms.CharField(label=_("Name of the person"), required=False, max_length=100)
    personen = forms.MultipleChoiceField(required=False, widget=forms.MultipleHiddenInput)
    nutzer = forms.TypedChoiceField(label=_("User"), required=False, coerce=int, empty_value=None)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    aktion = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("all")), *AuditEvent.Action.choices]
    )
    von = DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    bis = DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data: Any, *, principal: Principal, persons: bool) -> None:
        super().__init__(data)
        alliance = principal.alliance
        members = (
            Membership.objects.filter(alliance=alliance, is_active=True)
            .select_related("user", "organisation")
            .order_by("user__last_name", "user__first_name", "user_id", "organisation__name")
        )
        users: dict[int, tuple[User, list[str]]] = {}
        for m in members:
            users.setdefault(m.user_id, (m.user, []))[1].append(m.organisation.name)
        self.fields["nutzer"].choices = [  # type: ignore[attr-defined]
            ("", _("all")),
            *((pk, f"{user_short_name(u)} ({', '.join(orgs)})") for pk, (u, orgs) in users.items()),
        ]
        orgs = Organisation.objects.filter(alliance=alliance).order_by("name")
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            ("", _("all")),
            *((str(o.pk), o.name) for o in orgs.only("pk", "name")),
        ]
        if persons:  # ids were found by this form's name search; they are checked again
            ids = data.getlist("personen", []) if hasattr(data, "getlist") else []
            self.fields["personen"].choices = [(i, i) for i in ids]  # type: ignore[attr-defined]
        else:  # a reader who sees no person filters by none
            del self.fields["name"], self.fields["personen"]


@dataclass(frozen=True)
class Filters:
    person_ids: list[uuid.UUID] | None  # None: no person filter
    too_many: bool  # the typed name matched more than PERSON_LIMIT persons
    values: dict[str, Any]


def _uuids(values: list[str]) -> list[uuid.UUID]:
    found = []
    for value in values:
        try:
            found.append(uuid.UUID(value))
        except ValueError:
            continue
    return found


def read_filters(form: AuditFilterForm, principal: Principal) -> Filters:
    values = form.cleaned_data if form.is_valid() else {}
    name = (values.get("name") or "").strip()
    if "personen" not in form.fields:
        return Filters(None, False, values)
    own = persons_for_dpo(principal).filter(anonymised_at__isnull=True)
    if name:  # the tolerant name search of the caseload (any spelling, transliteration)
        matched = list(name_matches(own, name).values_list("pk", flat=True)[: PERSON_LIMIT + 1])
        return Filters(matched[:PERSON_LIMIT], len(matched) > PERSON_LIMIT, values)
    ids = _uuids(values.get("personen") or [])
    if ids:  # ids from a link: only the DPO's own persons count
        return Filters(list(own.filter(pk__in=ids).values_list("pk", flat=True)), False, values)
    return Filters(None, False, values)


def day_start(day: dt.date) -> dt.datetime:
    """Midnight of `day` in local time (Europe/Berlin)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def apply_filters(qs: QuerySet[AuditEvent], filters: Filters) -> QuerySet[AuditEvent]:
    values = filters.values
    if filters.person_ids is not None:
        qs = qs.filter(object_id__in=person_object_ids(filters.person_ids))
    if values.get("nutzer"):
        qs = qs.filter(actor_id=values["nutzer"])
    if values.get("organisation"):
        qs = qs.filter(organisation_id=values["organisation"])
    if values.get("aktion"):
        qs = qs.filter(action=values["aktion"])
    if values.get("von"):
        qs = qs.filter(at__gte=day_start(values["von"]))
    if values.get("bis"):
        qs = qs.filter(at__lt=day_start(values["bis"] + dt.timedelta(days=1)))
    return qs


def link_query(filters: Filters) -> QueryDict:
    """The filters as they travel in links: person ids, never the typed name."""
    query = QueryDict(mutable=True)
    for name in LINK_FIELDS:
        value = filters.values.get(name)
        if name == "personen":
            query.setlist(name, [str(i) for i in filters.person_ids or []])
        elif isinstance(value, dt.date):
            query[name] = value.isoformat()
        elif value not in (None, ""):
            query[name] = str(value)
    return query


# --- keyset pages -----------------------------------------------------------------------


def cursor_of(event: AuditEvent) -> str:
    micros = (event.at - EPOCH) // dt.timedelta(microseconds=1)
    return f"{micros}-{event.id}"


def parse_cursor(value: str) -> tuple[dt.datetime, int] | None:
    micros, _sep, pk = value.partition("-")
    if not (micros.isdigit() and pk.isdigit()):
        return None
    return EPOCH + dt.timedelta(microseconds=int(micros)), int(pk)


@dataclass(frozen=True)
class Page:
    events: list[AuditEvent]  # newest first
    older: str | None  # cursor of the next older page, if any
    newer: str | None  # cursor of the next newer page, if any
    is_newest: bool


def page_of(qs: QuerySet[AuditEvent], params: Any, size: int = PAGE_SIZE) -> Page:
    """One page: the newest, the oldest (`aelteste`), or the one before (`vor`) or after
    (`nach`) a cursor. One query, LIMIT size + 1 to know whether more follow."""
    before = parse_cursor(params.get(OLDER, ""))
    after = parse_cursor(params.get(NEWER, ""))
    if after is not None:
        at, pk = after
        rows = list(
            qs.filter(Q(at__gt=at) | Q(at=at, id__gt=pk), at__gte=at).order_by("at", "id")[
                : size + 1
            ]
        )
        more = len(rows) > size
        events = rows[:size][::-1]
        return _page(events, older=True, newer=more)
    if params.get(OLDEST):
        rows = list(qs.order_by("at", "id")[: size + 1])
        events = rows[:size][::-1]
        return _page(events, older=False, newer=len(rows) > size)
    if before is not None:
        at, pk = before
        qs = qs.filter(Q(at__lt=at) | Q(at=at, id__lt=pk), at__lte=at)
    rows = list(qs.order_by("-at", "-id")[: size + 1])
    return _page(rows[:size], older=len(rows) > size, newer=before is not None)


def _page(events: list[AuditEvent], *, older: bool, newer: bool) -> Page:
    return Page(
        events=events,
        older=cursor_of(events[-1]) if older and events else None,
        newer=cursor_of(events[0]) if newer and events else None,
        is_newest=not newer,
    )


def all_events(qs: QuerySet[AuditEvent], chunk: int = 1000) -> Iterator[list[AuditEvent]]:
    """Every event of `qs`, newest first, in keyset chunks (an export of any length holds
    one chunk in memory)."""
    params: dict[str, str] = {}
    while True:
        page = page_of(qs, params, chunk)
        if page.events:
            yield page.events
        if page.older is None:
            return
        params = {OLDER: page.older}
