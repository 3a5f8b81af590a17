"""The waiting list of an offer: who waits since when, in which order (issue #17).

The person's case manager puts a person on an offer's queue (`waiting_list_entry_add`,
through the person's `PersonAccess`) and takes them off again (`waiting_list_entry_withdraw`);
the provider's staff or a coordinator give a freed place to the first in the queue
(`trajectories.waiting.waiting_list_allocate`, which records the participation: that app
imports this one). Whoever reads a queue sees a person only as `people.access` allows: the
owning case management by name, a partner as far as a consent allows, everyone else as a
pseudonym (`person_label`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent
from teilhabe.core.plausible import check_plausible
from teilhabe.core.roles import Principal
from teilhabe.offers import selectors as sel
from teilhabe.offers.models import Offer, WaitingListEntry
from teilhabe.people.access import (
    PersonAccess,
    Shared,
    owned_persons,
    person_label,
    persons_for,
    row_categories,
    with_visibility,
)
from teilhabe.people.models import ListSurface
from teilhabe.people.services import list_disclosures_record

WAITING = WaitingListEntry.Status.WAITING
# The priority note says why a person should come first: part of the participations.
NOTE_CATEGORY = "participations"


def may_manage_queue(principal: Principal, offer: Offer) -> bool:
    """Who reads the whole queue and allocates from it: the provider's staff, a coordinator."""
    return sel.can_maintain(principal, offer)


def queue_of(offer: Offer) -> QuerySet[WaitingListEntry]:
    """The persons waiting for the offer, first in line first, each with its rank."""
    return with_rank(
        WaitingListEntry.objects.filter(offer=offer, status=WAITING).order_by("position", "pk")
    )


def with_rank(entries: QuerySet[WaitingListEntry]) -> QuerySet[WaitingListEntry]:
    """`rank`: the place in the queue counted now (1 = next), in the rows' own query."""
    ahead = (
        WaitingListEntry.objects.filter(
            offer_id=OuterRef("offer_id"), status=WAITING, position__lte=OuterRef("position")
        )
        .order_by()
        .values("offer_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return entries.annotate(rank=Subquery(ahead))


def waiting_counts(offer_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Offer id → persons waiting (one query)."""
    rows = (
        WaitingListEntry.objects.filter(offer_id__in=list(offer_ids), status=WAITING)
        .values("offer_id")
        .annotate(n=Count("pk"))
        .values_list("offer_id", "n")
    )
    return dict(rows)


def waiting_persons_by_offer(offers: Iterable[Offer]) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Offer id → ids of the persons waiting for it (one query; the gap analysis counts)."""
    out: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    rows = WaitingListEntry.objects.filter(
        offer_id__in=[o.pk for o in offers], status=WAITING
    ).values_list("offer_id", "person_id")
    for offer_id, person_id in rows:
        out[offer_id].add(person_id)
    return out


@dataclass(frozen=True)
class QueueRow:
    entry: WaitingListEntry
    rank: int
    label: str  # the name, or the pseudonym where the reader may not name the person
    note: str  # the priority note where the reader may see the person's participations
    owned: bool


def queue_rows(
    principal: Principal,
    entries: list[WaitingListEntry],
    shared: dict[Any, Shared],
    *,
    surface: str = ListSurface.LIST,
) -> list[QueueRow]:
    """One page of a queue as the principal may see it: one query for the visibility and
    the page's disclosures (a partner's page names persons shared with it by consent)."""
    ids = [e.person_id for e in entries]
    visible = {
        p.pk: p
        for p in with_visibility(persons_for(principal).filter(pk__in=ids), principal, shared)
    }
    list_disclosures_record(
        principal=principal, surface=surface, persons=visible.values(), shared=shared
    )
    rows = []
    for e in entries:
        row = visible.get(e.person_id)
        categories = row_categories(row, shared) if row is not None else frozenset()
        rows.append(
            QueueRow(
                entry=e,
                rank=e.rank,  # type: ignore[attr-defined]
                label=person_label(e.person, categories, listed=True),
                note=e.priority_note if NOTE_CATEGORY in categories else "",
                owned=bool(row is not None and row.owned),  # type: ignore[attr-defined]
            )
        )
    return rows


def own_waits(principal: Principal, offer: Offer) -> list[WaitingListEntry]:
    """The principal's own persons (`owned_persons`) in the offer's queue (one query)."""
    if not principal.case_manager_memberships():
        return []
    own = queue_of(offer).filter(person__in=owned_persons(principal))
    return list(own.select_related("person"))


def person_waits(access: PersonAccess) -> list[WaitingListEntry]:
    """The offers the person waits for, with their rank (one query)."""
    entries = WaitingListEntry.objects.filter(person=access.person, status=WAITING)
    return list(with_rank(entries).select_related("offer", "offer__provider").order_by("since"))


# --- writes -------------------------------------------------------------------------------


@transaction.atomic
def waiting_list_entry_add(
    *,
    access: PersonAccess,
    offer: Offer,
    since: dt.date | None = None,
    priority_note: str = "",
) -> WaitingListEntry:
    """Put the person at the end of the offer's queue (the owning case management only)."""
    today = timezone.localdate()
    if not access.is_owner:
        raise ValidationError(_("Only the person's case management can add them to a queue."))
    if offer.alliance_id != access.person.alliance_id:
        raise ValidationError({"offer": _("This offer is not one of this alliance.")})
    if not offer.is_active:
        raise ValidationError({"offer": _("This offer is closed for referrals.")})
    check_plausible(since=since, priority_note=priority_note)
    if since is not None and since > today:
        raise ValidationError({"since": _("The waiting cannot begin in the future.")})
    # The offer's row is the queue's lock: two additions never take the same position.
    Offer.objects.select_for_update().filter(pk=offer.pk).first()
    queue = WaitingListEntry.objects.filter(offer=offer)
    if queue.filter(person=access.person, status=WAITING).exists():
        raise ValidationError({"offer": _("The person is already waiting for this offer.")})
    last = queue.aggregate(last=Max("position"))["last"] or 0
    entry = WaitingListEntry(
        alliance=access.person.alliance,
        offer=offer,
        person=access.person,
        since=since or today,
        priority_note=priority_note.strip(),
        position=last + 1,
        added_by_organisation=access.organisation,
    )
    entry.full_clean()
    entry.save()
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=access.principal.user,
        alliance=access.person.alliance,
        organisation=access.organisation,
        obj=entry,
    )
    return entry


@transaction.atomic
def waiting_list_entry_withdraw(
    *, access: PersonAccess, entry: WaitingListEntry
) -> WaitingListEntry:
    """Take the person off the queue (the owning case management only)."""
    if not access.is_owner or entry.person_id != access.person.pk:
        raise ValidationError(_("Only the person's case management can take them off a queue."))
    changed = WaitingListEntry.objects.filter(pk=entry.pk, status=WAITING).update(
        status=WaitingListEntry.Status.WITHDRAWN,
        closed_on=timezone.localdate(),
        updated_at=timezone.now(),
    )
    if not changed:
        raise ValidationError(_("The person is no longer waiting for this offer."))
    entry.refresh_from_db()
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=access.principal.user,
        alliance=access.person.alliance,
        organisation=access.organisation,
        obj=entry,
    )
    return entry


def person_entry(access: PersonAccess, entry_id: uuid.UUID | str) -> WaitingListEntry:
    """One of the person's waiting-list entries, or 404."""
    from django.http import Http404

    try:
        return WaitingListEntry.objects.select_related("offer").get(
            pk=entry_id, person=access.person
        )
    except (WaitingListEntry.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
