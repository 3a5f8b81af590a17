"""Writes of the privacy area: retention runs, restriction requests and decisions.

Each one audited in its own transaction; the audit event names ids, never values.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.people.models import Person
from teilhabe.privacy.models import DeletionRecord, Restriction, RetentionRule, RetentionRun
from teilhabe.privacy.retention import apply_retention, rules_for


def retention_run_start(
    *,
    actor: User | AnonymousUser | None,
    organisation: Organisation,
    dry_run: bool,
    today: dt.date | None = None,
    enqueue: bool = True,
) -> RetentionRun:
    """Queue a run (a preview when `dry_run`); the worker executes it. The command line
    runs it at once (`enqueue=False`)."""
    from teilhabe.privacy.tasks import retention_run_task

    with transaction.atomic():
        run = RetentionRun(
            alliance_id=organisation.alliance_id,
            organisation=organisation,
            started_by=actor if isinstance(actor, User) else None,
            dry_run=dry_run,
            today=today or timezone.localdate(),
        )
        run.full_clean()
        run.save()
        audit_record(
            action=AuditEvent.Action.CREATE,
            actor=actor,
            alliance=organisation.alliance,
            organisation=organisation,
            obj=run,
            purpose="retention preview" if dry_run else "retention run",
        )
    if enqueue:
        retention_run_task.enqueue(str(run.pk))
    else:
        retention_run_execute(run.pk)
    run.refresh_from_db()
    return run


def retention_run_execute(run_id: uuid.UUID) -> RetentionRun:
    """Execute a queued run; writes one content-free deletion record per rule that acted."""
    run = RetentionRun._base_manager.select_related("organisation", "alliance").get(pk=run_id)
    with scope(alliance=run.alliance):
        RetentionRun._base_manager.filter(pk=run.pk).update(status=RetentionRun.Status.RUNNING)
        try:
            rules = {r.category: r for r in rules_for(run.organisation)}
            outcome = apply_retention(run.organisation, run.today, dry_run=run.dry_run)
        except Exception:
            RetentionRun._base_manager.filter(pk=run.pk).update(
                status=RetentionRun.Status.FAILED, finished_at=timezone.now()
            )
            raise
        with transaction.atomic():
            if not run.dry_run:
                DeletionRecord.objects.bulk_create(
                    DeletionRecord(
                        alliance=run.alliance,
                        run=run,
                        organisation=run.organisation,
                        category=category,
                        months=rules[category].months,
                        start_event=rules[category].start_event,
                        persons=persons,
                        values_erased=erased.values,
                        files_deleted=erased.files,
                    )
                    for category, (persons, erased) in outcome.per_category.items()
                    if persons
                )
            total = len(rules)
            RetentionRun._base_manager.filter(pk=run.pk).update(
                status=RetentionRun.Status.DONE,
                total=total,
                done=total,
                persons_due=outcome.persons_due,
                persons_anonymised=outcome.persons_anonymised,
                persons_held=outcome.persons_held,
                values_erased=outcome.values_erased,
                files_deleted=outcome.files_deleted,
                finished_at=timezone.now(),
            )
            if not run.dry_run:
                audit_record(
                    action=AuditEvent.Action.DELETE,
                    alliance=run.alliance,
                    organisation=run.organisation,
                    obj=run,
                    purpose="retention",
                )
    run.refresh_from_db()
    return run


def restriction_request(
    *, actor: User, person: Person, organisation: Organisation, ground: str
) -> Restriction:
    """The owning case manager or the DPO asks for a restriction; the DPO decides."""
    if person.owner_id != organisation.pk:
        raise ValidationError(_("The person belongs to another organisation."))
    if Restriction.objects.filter(person=person, status=Restriction.Status.REQUESTED).exists():
        raise ValidationError(_("A restriction request for this person is already open."))
    with transaction.atomic():
        restriction = Restriction(
            alliance_id=person.alliance_id,
            person=person,
            organisation=organisation,
            ground=ground,
            requested_by=actor,
            requested_on=timezone.localdate(),
        )
        restriction.full_clean()
        restriction.save()
        audit_record(
            action=AuditEvent.Action.CREATE,
            actor=actor,
            alliance=person.alliance,
            organisation=organisation,
            obj=restriction,
            purpose="restriction request",
        )
    return restriction


def restriction_decide(*, actor: User, restriction: Restriction, grant: bool) -> Restriction:
    """The DPO grants (the person disappears for everyone else) or refuses a request."""
    if restriction.status != Restriction.Status.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    today = timezone.localdate()
    with transaction.atomic():
        restriction.status = Restriction.Status.GRANTED if grant else Restriction.Status.REFUSED
        restriction.decided_by = actor
        restriction.decided_on = today
        restriction.full_clean()
        restriction.save(update_fields=["status", "decided_by", "decided_on", "updated_at"])
        if grant:
            _set_restricted(restriction.person, True, today)
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            alliance=restriction.person.alliance,
            organisation=restriction.organisation,
            obj=restriction,
            purpose="restriction granted" if grant else "restriction refused",
        )
    return restriction


def restriction_lift(*, actor: User, restriction: Restriction) -> Restriction:
    if restriction.status != Restriction.Status.GRANTED:
        raise ValidationError(_("Only a granted restriction can be lifted."))
    with transaction.atomic():
        restriction.status = Restriction.Status.LIFTED
        restriction.decided_by = actor
        restriction.decided_on = timezone.localdate()
        restriction.save(update_fields=["status", "decided_by", "decided_on", "updated_at"])
        _set_restricted(restriction.person, False, None)
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            alliance=restriction.person.alliance,
            organisation=restriction.organisation,
            obj=restriction,
            purpose="restriction lifted",
        )
    return restriction


def _set_restricted(person: Person, restricted: bool, since: dt.date | None) -> None:
    # The person's version moves on, so an edit form opened before the decision fails.
    Person.objects.filter(pk=person.pk).update(
        restricted=restricted, restricted_since=since, version=F("version") + 1
    )
    audit_record(
        action=AuditEvent.Action.UPDATE,
        alliance=person.alliance,
        organisation=person.owner,
        obj=person,
        purpose="restriction" if restricted else "restriction lifted",
    )


def retention_rule_update(
    *, actor: User, rule: RetentionRule, months: int, start_event: str
) -> RetentionRule:
    with transaction.atomic():
        rule.months = months
        rule.start_event = start_event
        rule.full_clean()
        rule.save(update_fields=["months", "start_event", "updated_at"])
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            alliance=rule.alliance,
            organisation=rule.organisation,
            obj=rule,
        )
    return rule
