"""Writes of the trajectories app: participations, the careers thresholds and batch runs.

Who records a participation: the owning organisation's case managers (any offer or an
external measure), or staff of the providing organisation while the person's consent
covers "participations" (then only for that organisation's own offers). After every write
the person's findings are detected again, so the trajectory page is never stale.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from teilhabe.core import events
from teilhabe.core.audit import audit_record
from teilhabe.core.models import Alliance, AuditEvent, Organisation, Role
from teilhabe.core.plausible import check_plausible
from teilhabe.core.roles import Principal
from teilhabe.offers import waiting
from teilhabe.offers.models import Category, CustomCategory, Offer, WaitingListEntry
from teilhabe.offers.services import acting_organisation
from teilhabe.people.access import PersonAccess
from teilhabe.trajectories import detection, places
from teilhabe.trajectories.models import CareerRules, CareerRun, Outcome, Participation
from teilhabe.trajectories.rates import rate_counts

Actor = User | AnonymousUser

EDITABLE = (
    "offer",
    "external_title",
    "external_provider",
    "category",
    "start",
    "end",
    "outcome",
    "level_reached",
    "certificate",
    "certificate_title",
    "transition",
    "employer",
)


def may_record(access: PersonAccess, offer: Offer | None) -> bool:
    """The owner records anything; a provider only its own offers, through a consent."""
    if access.is_owner:
        return True
    return (
        offer is not None
        and access.can("participations")
        and offer.provider_id == access.organisation.pk
        and access.principal.has_role(Role.PARTNER_STAFF)
    )


def may_record_any(access: PersonAccess) -> bool:
    """May this principal record some participation of the person (owner or provider)?"""
    return access.is_owner or (
        access.can("participations") and access.principal.has_role(Role.PARTNER_STAFF)
    )


def may_edit(access: PersonAccess, participation: Participation) -> bool:
    if access.is_owner:
        return True
    return participation.recorded_by_organisation_id == access.organisation.pk and may_record(
        access, participation.offer
    )


def category_choices(alliance: Alliance) -> list[tuple[str, str]]:
    custom = CustomCategory.objects.filter(alliance=alliance).values_list("key", "name")
    return [(c.value, str(c.label)) for c in Category] + list(custom)


def check_participation(participation: Participation) -> None:
    """The rules every participation obeys, whoever records it."""
    check_plausible(start=participation.start, end=participation.end)
    offer = participation.offer
    person = participation.person
    if offer is not None:
        if offer.alliance_id != person.alliance_id:
            raise ValidationError({"offer": _("This offer is not one of this alliance.")})
        # The catalogue decides the category; a typed-in measure keeps its own.
        participation.category = offer.category
        participation.external_title = ""
        participation.external_provider = ""
    elif not participation.external_title.strip():
        raise ValidationError(
            {"external_title": _("Choose an offer or type in the name of the measure.")}
        )
    employer = participation.employer
    if employer is not None and employer.alliance_id != person.alliance_id:
        raise ValidationError({"employer": _("Choose a firm of this alliance's directory.")})
    valid = {key for key, _label in category_choices(person.alliance)}
    if participation.category not in valid:
        raise ValidationError({"category": _("Choose a category from the list.")})
    if participation.outcome == Outcome.ONGOING and participation.end is not None:
        raise ValidationError({"end": _("An ongoing participation has no end date yet.")})
    if participation.outcome != Outcome.ONGOING and participation.end is None:
        raise ValidationError({"end": _("A completed or aborted participation needs an end.")})
    if participation.end is not None and participation.end < participation.start:
        raise ValidationError({"end": _("The end lies before the start.")})
    if participation.outcome == Outcome.ONGOING and participation.transition:
        raise ValidationError(
            {"transition": _("A transition is recorded when the participation has ended.")}
        )


@transaction.atomic
def participation_record(
    *, access: PersonAccess, actor: Actor, offer: Offer | None, **values: Any
) -> Participation:
    if not may_record(access, offer):
        raise ValidationError(_("You may not record a participation in this measure."))
    participation = Participation(
        alliance=access.person.alliance,
        person=access.person,
        offer=offer,
        recorded_by_organisation=access.organisation,
        recorded_by=actor if isinstance(actor, User) else None,
        **{k: v for k, v in values.items() if k in EDITABLE and k != "offer"},
    )
    return _store_new(participation, actor=actor, organisation=access.organisation)


def _store_new(
    participation: Participation, *, actor: Actor, organisation: Organisation
) -> Participation:
    """Check, store and audit a new participation whose recorder is already decided (the
    caller's transaction): `participation_record`, and the allocation of a place from a
    waiting list (`waiting_list_allocate`). An ongoing one takes a free place of its offer."""
    check_participation(participation)
    participation.full_clean()
    participation.save()
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        alliance=participation.person.alliance,
        organisation=organisation,
        obj=participation,
    )
    if participation.outcome == Outcome.ONGOING:
        places.take(participation.offer_id)
    careers_refresh_person(person_id=participation.person_id, alliance=participation.alliance)
    return participation


@transaction.atomic
def participation_update(
    *,
    access: PersonAccess,
    actor: Actor,
    participation: Participation,
    version: int,
    **values: Any,
) -> Participation:
    if participation.person_id != access.person.pk or not may_edit(access, participation):
        raise ValidationError(_("You may not change this participation."))
    for key, value in values.items():
        if key in EDITABLE:
            setattr(participation, key, value)
    if not may_record(access, participation.offer):
        raise ValidationError(_("You may not record a participation in this measure."))
    check_participation(participation)
    before = Participation.objects.filter(pk=participation.pk).values("offer_id", "outcome").first()
    participation.full_clean()
    changed = Participation.objects.filter(pk=participation.pk, version=version).update(
        **{key: getattr(participation, key) for key in EDITABLE},
        version=version + 1,
        updated_at=timezone.now(),
    )
    if not changed:
        raise ValidationError(
            _("Someone else changed this participation meanwhile. Please reload the page.")
        )
    participation.version = version + 1
    if before is not None and before["outcome"] == Outcome.ONGOING:
        places.release_if_early(before["offer_id"], participation)
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        alliance=access.person.alliance,
        organisation=access.organisation,
        obj=participation,
    )
    careers_refresh_person(person_id=access.person.pk, alliance=access.person.alliance)
    return participation


@transaction.atomic
def participation_delete(
    *, access: PersonAccess, actor: Actor, participation: Participation
) -> None:
    """Remove a participation recorded by mistake (the audit keeps that it existed)."""
    if participation.person_id != access.person.pk or not may_edit(access, participation):
        raise ValidationError(_("You may not change this participation."))
    audit_record(
        action=AuditEvent.Action.DELETE,
        actor=actor,
        alliance=access.person.alliance,
        organisation=access.organisation,
        obj=participation,
    )
    ongoing = participation.outcome == Outcome.ONGOING
    participation.delete()
    if ongoing:
        places.release(participation.offer_id)
    careers_refresh_person(person_id=access.person.pk, alliance=access.person.alliance)


@transaction.atomic
def waiting_list_allocate(*, principal: Principal, offer: Offer) -> WaitingListEntry:
    """Give a place of the offer to the first person in its queue, in one action: the
    participation is recorded (starting today, or on the offer's first day), the entry is
    closed with it and a free place is taken, all in one transaction and audited. The
    provider's staff or a coordinator confirm it; they act for their organisation."""
    if not waiting.may_manage_queue(principal, offer):
        raise ValidationError(_("You may not allocate places of this offer."))
    organisation = acting_organisation(principal, offer.provider)
    assert organisation is not None  # may_manage_queue: provider staff or a coordinator
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    if locked.free_places == 0:
        raise ValidationError(_("The offer has no free place to allocate."))
    entry = (
        WaitingListEntry.objects.select_for_update()
        .filter(offer=locked, status=WaitingListEntry.Status.WAITING)
        .select_related("person__alliance")
        .order_by("position", "pk")
        .first()
    )
    if entry is None:
        raise ValidationError(_("Nobody is waiting for this offer."))
    today = timezone.localdate()
    actor = principal.user
    participation = _store_new(
        Participation(
            alliance=entry.alliance,
            person=entry.person,
            offer=locked,
            start=max(today, locked.starts_on or today),
            recorded_by_organisation=organisation,
            recorded_by=actor if isinstance(actor, User) else None,
        ),
        actor=actor,
        organisation=organisation,
    )
    entry.status = WaitingListEntry.Status.ALLOCATED
    entry.closed_on = today
    entry.participation = participation
    entry.save(update_fields=["status", "closed_on", "participation", "updated_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        alliance=entry.alliance,
        organisation=organisation,
        obj=entry,
    )
    return entry


def careers_refresh_person(*, person_id: uuid.UUID, alliance: Alliance) -> None:
    """Detect one person's findings again (three queries and a rewrite)."""
    detection.detect_chunk(
        alliance, [person_id], detection.rules_for(alliance), timezone.localdate()
    )


@transaction.atomic
def career_rules_update(
    *, alliance: Alliance, actor: Actor, organisation: Any, **values: int
) -> CareerRules:
    with scope(alliance=alliance):
        rules, _created = CareerRules.objects.get_or_create(alliance=alliance)
    for key in ("chain_length", "abort_run", "waiting_days", "lookback_months"):
        if key in values:
            setattr(rules, key, values[key])
    errors = {}
    if rules.chain_length < 2:
        errors["chain_length"] = _("A chain needs at least two measures.")
    if rules.abort_run < 2:
        errors["abort_run"] = _("An abort series needs at least two measures.")
    if not 30 <= rules.waiting_days <= 730:
        errors["waiting_days"] = _("Choose between 30 and 730 days.")
    if not 6 <= rules.lookback_months <= 120:
        errors["lookback_months"] = _("Choose between 6 and 120 months.")
    if errors:
        raise ValidationError(errors)
    with scope(alliance=alliance):
        rules.full_clean()
        rules.save()
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        alliance=alliance,
        organisation=organisation,
        obj=rules,
    )
    return rules


def careers_run_start(
    *, actor: Actor, alliance: Alliance | None, today: dt.date | None = None
) -> CareerRun:
    """Queue a batch run over one alliance (or the state when alliance is None)."""
    from teilhabe.trajectories.tasks import careers_run_task

    with transaction.atomic():
        run = CareerRun.objects.create(
            alliance=alliance,
            started_by=actor if isinstance(actor, User) else None,
            today=today or timezone.localdate(),
        )
        audit_record(action=AuditEvent.Action.CREATE, actor=actor, alliance=alliance, obj=run)
    # After commit, so the worker finds the row (the test backend runs it at once).
    careers_run_task.enqueue(str(run.pk))
    run.refresh_from_db()
    return run


def careers_run_execute(run_id: uuid.UUID) -> CareerRun:
    """The body of the batch task: alliance by alliance, progress after every chunk."""
    from teilhabe.people.models import Person

    with scopes_disabled():
        run = CareerRun.objects.get(pk=run_id)
        alliances = [run.alliance] if run.alliance else list(Alliance.objects.order_by("name"))
        total = Person.objects.filter(alliance__in=alliances).count()
        CareerRun.objects.filter(pk=run.pk).update(status=CareerRun.Status.RUNNING, total=total)
        done = flagged = 0
        try:
            for alliance in alliances:
                base = done

                def progress(count: int, base: int = base) -> None:
                    CareerRun.objects.filter(pk=run.pk).update(done=base + count)

                result = detection.detect_alliance(
                    alliance, run.today, run_id=run.pk, progress=progress
                )
                done += result.persons
                flagged += result.flagged
        except Exception:
            CareerRun.objects.filter(pk=run.pk).update(
                status=CareerRun.Status.FAILED, finished_at=timezone.now()
            )
            raise
        CareerRun.objects.filter(pk=run.pk).update(
            status=CareerRun.Status.DONE,
            done=done,
            flagged=flagged,
            finished_at=timezone.now(),
            rates=rate_counts(alliances),
        )
        run.refresh_from_db()
    events.careers_finished.send(sender=CareerRun, instance=run)
    return run
