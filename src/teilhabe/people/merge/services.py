"""person_merge and person_merge_withdraw: two records of one organisation become one,
and back within the withdrawal period.

A merge moves every row of the absorbed record to the survivor (see relations), writes the
master-data values the case manager chose onto the survivor, keeps the absorbed record as
an empty tombstone pointing to the survivor (so earlier audit events still name a person)
and stores the complete before-image in a PersonMerge. One audit event names both ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.audit import audit_record
from teilhabe.core.latest import update_rows
from teilhabe.core.models import AuditEvent
from teilhabe.people.access import PersonAccess
from teilhabe.people.domains.services import legal_domains_derive
from teilhabe.people.intake.duplicates import search_key
from teilhabe.people.merge.relations import MASTER_FIELDS, master_field, person_relations
from teilhabe.people.models import Person, PersonMerge

# How long a merge can be undone.
WITHDRAWAL_PERIOD = dt.timedelta(days=30)


def _attname(name: str) -> str:
    return master_field(name).attname


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _from_json(name: str, value: Any) -> Any:
    return master_field(name).to_python(value) if value is not None else None


@transaction.atomic
def person_merge(
    *, access: PersonAccess, other: PersonAccess, keep_other: Mapping[str, bool]
) -> PersonMerge:
    """Merge `other` into `access.person` (the survivor). `keep_other[field]` takes the
    absorbed record's value of that master-data field instead of the survivor's. Both
    accesses must be the owning organisation's, of the same organisation."""
    survivor, absorbed = access.person, other.person
    if not (access.is_owner and other.is_owner) or survivor.owner_id != absorbed.owner_id:
        raise PermissionDenied
    if survivor.pk == absorbed.pk:
        raise ValidationError(_("Choose two different entries."))
    # Lock both rows: a second merge of either waits for this one.
    locked = {
        p.pk: p
        for p in Person.objects.select_for_update().filter(
            pk__in=[survivor.pk, absorbed.pk], merged_into__isnull=True
        )
    }
    if len(locked) != 2:
        raise ValidationError(_("One of the entries has been merged in the meantime."))
    survivor, absorbed = locked[survivor.pk], locked[absorbed.pk]
    moved: dict[str, list[str]] = {}
    for relation in person_relations():
        rows = relation.rows([absorbed.pk]).exclude(relation.clashing(survivor.pk))
        ids = [str(pk) for pk in rows.values_list("pk", flat=True)]
        if ids:
            update_rows(relation.model, ids, **{relation.field: survivor})
            moved[relation.key] = ids
    before: dict[str, Any] = {}
    for name in MASTER_FIELDS:
        attname = _attname(name)
        if keep_other.get(name) and getattr(absorbed, attname) != getattr(survivor, attname):
            before[name] = _jsonable(getattr(survivor, attname))
            setattr(survivor, attname, getattr(absorbed, attname))
    survivor.search_key = search_key(survivor.given_name, survivor.family_name)
    survivor.version += 1
    survivor.save()
    legal_domains_derive(person=survivor)  # the moved periods count for the survivor now
    now = timezone.now()
    Person.objects.filter(pk=absorbed.pk).update(merged_into=survivor, merged_at=now)
    merge = PersonMerge.objects.create(
        alliance_id=survivor.alliance_id,
        survivor=survivor,
        absorbed=absorbed,
        merged_by=access.principal.user if access.principal.user.is_authenticated else None,
        moved=moved,
        before=before,
    )
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=access.principal.user,
        alliance=access.principal.alliance,
        organisation=access.organisation,
        obj=survivor,
        purpose=f"merge {absorbed.pk}",
    )
    return merge


@transaction.atomic
def person_merge_withdraw(*, access: PersonAccess, merge: PersonMerge) -> Person:
    """Undo a merge within WITHDRAWAL_PERIOD: the moved rows go back to the absorbed record
    (rows added to the survivor since stay there), the survivor's replaced master data
    come back and the absorbed record is a record again. Returns it."""
    if not access.is_owner or merge.survivor_id != access.person.pk:
        raise PermissionDenied
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.withdrawn_at is not None:
        raise ValidationError(_("This merge has already been undone."))
    if timezone.now() - merge.created_at > WITHDRAWAL_PERIOD:
        raise ValidationError(_("A merge can be undone only within 30 days."))
    survivor = Person.objects.select_for_update().get(pk=merge.survivor_id)
    if survivor.merged_into_id is not None:
        raise ValidationError(_("Undo the later merge of this entry first."))
    relations = {r.key: r for r in person_relations()}
    for key, ids in merge.moved.items():
        relation = relations[key]
        update_rows(relation.model, ids, **{f"{relation.field}_id": merge.absorbed_id})
    for name, value in merge.before.items():
        setattr(survivor, _attname(name), _from_json(name, value))
    survivor.search_key = search_key(survivor.given_name, survivor.family_name)
    survivor.version += 1
    survivor.save()
    Person.objects.filter(pk=merge.absorbed_id).update(merged_into=None, merged_at=None)
    absorbed = Person.objects.get(pk=merge.absorbed_id)
    for person in (survivor, absorbed):
        legal_domains_derive(person=person)
    merge.withdrawn_at = timezone.now()
    merge.save(update_fields=["withdrawn_at", "updated_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=access.principal.user,
        alliance=access.principal.alliance,
        organisation=access.organisation,
        obj=survivor,
        purpose=f"merge withdrawn {merge.absorbed_id}",
    )
    return absorbed


def merge_images_wipe(*, now: dt.datetime | None = None) -> int:
    """Erase the before-image (the replaced master data) of merges past WITHDRAWAL_PERIOD:
    nobody can undo them any more, so keeping the old values would keep personal data
    without a purpose. The list of moved rows (ids only) stays for the audit trail.
    Returns the number of merges emptied (a count only, for the scheduler)."""
    from django_scopes import scopes_disabled

    limit = (now or timezone.now()) - WITHDRAWAL_PERIOD
    with scopes_disabled():
        return (
            PersonMerge.objects.filter(created_at__lt=limit)
            .exclude(before={})
            .update(before={}, updated_at=timezone.now())
        )
