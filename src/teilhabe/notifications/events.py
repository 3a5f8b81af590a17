"""Who is told of what: one function per event, each turning objects into (user, subject,
link) items for `notifications_create`. Links lead to pages that check access as always;
no text here carries a personal value."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.db.models import QuerySet
from django.urls import reverse

from teilhabe.core.models import Membership, Role
from teilhabe.notifications.kinds import Kind
from teilhabe.notifications.services import notifications_create

Item = tuple[int, uuid.UUID, str]
# Subjects that are not one object (a follow-up on one due date, a finding's fingerprint).
SUBJECTS = uuid.UUID("5b0e7d0c-7f53-4c8e-9a51-3f1e0c2b9d11")


def subject(*parts: object) -> uuid.UUID:
    return uuid.uuid5(SUBJECTS, "/".join(str(p) for p in parts))


def members(organisation_ids: Iterable[object], role: str) -> QuerySet[Membership]:
    return Membership.objects.filter(
        organisation_id__in=list(organisation_ids), role=role, is_active=True, user__is_active=True
    )


def referral_sent(referral: object) -> None:
    """A new referral: the partner staff of the receiving organisation."""
    from teilhabe.casework.models import Referral

    assert isinstance(referral, Referral)
    slug = referral.alliance.slug
    url = reverse("people:sharing:referral_detail", args=[slug, referral.pk])
    users = members([referral.to_organisation_id], Role.PARTNER_STAFF).values_list(
        "user_id", flat=True
    )
    notifications_create(
        kind=Kind.REFERRAL_NEW, items=[(uid, referral.pk, url) for uid in set(users)]
    )


def referral_answered(referral: object) -> None:
    """An answer (accepted or declined): whoever sent it, else the case manager."""
    from teilhabe.casework.models import Referral

    assert isinstance(referral, Referral)
    user_id = referral.sent_by_id or referral.case.case_manager_id
    if user_id is None:
        return
    url = reverse("people:sharing:referral_detail", args=[referral.alliance.slug, referral.pk])
    notifications_create(kind=Kind.REFERRAL_ANSWER, items=[(user_id, referral.pk, url)])


def relocation_sent(relocation: object) -> None:
    """A handover from another alliance: the case managers of the receiving office."""
    from teilhabe.relocation.models import Relocation

    assert isinstance(relocation, Relocation)
    url = reverse("relocation:detail", args=[relocation.to_alliance.slug, relocation.pk])
    users = members([relocation.to_organisation_id], Role.CASE_MANAGER).values_list(
        "user_id", flat=True
    )
    notifications_create(
        kind=Kind.RELOCATION_NEW, items=[(uid, relocation.pk, url) for uid in set(users)]
    )


def status_followups(created_since: dt.datetime) -> int:
    """Follow-ups of expiring residence statuses created by the daily run: the case manager."""
    from teilhabe.casework.models import FollowUp
    from teilhabe.people.sections import person_url

    rows = FollowUp.objects.filter(
        reason=FollowUp.Reason.STATUS_EXPIRY,
        created_at__gte=created_since,
        case__case_manager__isnull=False,
    ).values_list("pk", "case__case_manager_id", "case__person_id", "alliance__slug")
    items = [(uid, pk, person_url(slug, pid, "status")) for pk, uid, pid, slug in rows]
    notifications_create(kind=Kind.STATUS_EXPIRING, items=items)
    return len(items)


def reminders_due(today: dt.date) -> int:
    """Follow-ups due today: the one reminded, else the case manager (once per due date)."""
    from teilhabe.casework.models import Case, FollowUp

    rows = FollowUp.objects.filter(
        due_on=today, done_on__isnull=True, case__status=Case.Status.OPEN
    ).values_list("pk", "assigned_to_id", "case__case_manager_id")
    url = reverse("core:home")
    items = [
        (assigned or manager, subject(pk, today), url)
        for pk, assigned, manager in rows
        if assigned or manager
    ]
    notifications_create(kind=Kind.REMINDER_DUE, items=items)
    return len(items)


def consents_expiring(today: dt.date) -> int:
    """Consents entering the worklist's warning window: the case manager of the consenting
    organisation's open case (once per consent)."""
    from teilhabe.casework.models import Case
    from teilhabe.casework.sharing.selectors import consents_expiring as expiring
    from teilhabe.pages.home.work_items import CONSENT_WARNING_DAYS

    rows = (
        expiring(today, CONSENT_WARNING_DAYS)
        .values_list("pk", "person_id", "organisation_id", "alliance__slug")
        .order_by()
    )
    consents = {pk: (pid, org, slug) for pk, pid, org, slug in rows}
    managers = dict(
        ((pid, org), uid)
        for pid, org, uid in Case.objects.filter(
            status=Case.Status.OPEN,
            person_id__in={pid for pid, _o, _s in consents.values()},
            case_manager__isnull=False,
        ).values_list("person_id", "organisation_id", "case_manager_id")
    )
    items = []
    for pk, (pid, org, slug) in consents.items():
        uid = managers.get((pid, org))
        if uid:
            url = reverse("people:sharing:consent_detail", args=[slug, pk])
            items.append((uid, pk, url))
    notifications_create(kind=Kind.CONSENT_EXPIRING, items=items)
    return len(items)


def findings_new(run_id: uuid.UUID) -> int:
    """New early-warning findings of a run: the case manager (once per finding, across
    nightly runs: the subject is the finding's fingerprint)."""
    from teilhabe.casework.models import Case
    from teilhabe.trajectories.models import Finding

    rows = Finding.objects.filter(run_id=run_id).values_list(
        "pk", "fingerprint", "person_id", "alliance__slug"
    )
    findings = list(rows)
    managers = dict(
        Case.objects.filter(
            status=Case.Status.OPEN,
            person_id__in={pid for _pk, _f, pid, _s in findings},
            case_manager__isnull=False,
        ).values_list("person_id", "case_manager_id")
    )
    items = [
        (
            managers[pid],
            subject("finding", fingerprint) if fingerprint else pk,
            reverse("people:participations:trajectory", args=[slug, pid]),
        )
        for pk, fingerprint, pid, slug in findings
        if pid in managers
    ]
    notifications_create(kind=Kind.FINDING_NEW, items=items)
    return len(items)


def report_ready(report: object) -> None:
    """A finished report: who asked for it; a scheduled one goes to the coordinators of
    its alliance (or the state coordinators)."""
    from teilhabe.core.models import StateRole, StateRoleKind
    from teilhabe.reporting.models import Report

    assert isinstance(report, Report)
    fallback: Iterable[int]
    if report.alliance is not None:
        url = reverse("reporting_alliance:report", args=[report.alliance.slug, report.pk])
        fallback = Membership.objects.filter(
            alliance=report.alliance, role=Role.COORDINATOR, is_active=True
        ).values_list("user_id", flat=True)
    else:
        url = reverse("reporting_state:report", args=[report.pk])
        fallback = StateRole.objects.filter(role=StateRoleKind.STATE_COORDINATOR).values_list(
            "user_id", flat=True
        )
    users = [report.requested_by_id] if report.requested_by_id else list(set(fallback))
    notifications_create(kind=Kind.REPORT_READY, items=[(uid, report.pk, url) for uid in users])


def import_finished(job: object) -> None:
    from teilhabe.transfer.models import ImportJob

    assert isinstance(job, ImportJob)
    if job.created_by_id:
        url = reverse("transfer:job", args=[job.alliance.slug, job.pk])
        notifications_create(kind=Kind.IMPORT_FINISHED, items=[(job.created_by_id, job.pk, url)])


def export_finished(job: object) -> None:
    """A background export has ended (file written or failed): the user who asked for it."""
    from teilhabe.core.models import ExportJob

    assert isinstance(job, ExportJob)
    url = reverse("core:export_job", args=[job.alliance.slug, job.pk])
    notifications_create(kind=Kind.EXPORT_FINISHED, items=[(job.user_id, job.pk, url)])


def training_registration(registration: object, kind: str) -> None:
    """A place at a training, taken or freed from the waiting list: the registered user."""
    from teilhabe.trainings.models import Registration

    assert isinstance(registration, Registration)
    url = reverse(
        "trainings:detail", args=[registration.training.alliance.slug, registration.training_id]
    )
    notifications_create(kind=kind, items=[(registration.user_id, registration.pk, url)])


def advice_asked(request: object) -> None:
    """A new advice request: the advisors (case managers, coordinators) of the asked
    organisation."""
    from teilhabe.advice.access import ADVISOR_ROLES
    from teilhabe.advice.models import AdviceRequest

    assert isinstance(request, AdviceRequest)
    url = reverse("advice:request_detail", args=[request.alliance.slug, request.pk])
    users = Membership.objects.filter(
        organisation_id=request.advising_organisation_id,
        role__in=ADVISOR_ROLES,
        is_active=True,
        user__is_active=True,
    ).values_list("user_id", flat=True)
    items = [(uid, request.pk, url) for uid in set(users) if uid != request.asked_by_id]
    notifications_create(kind=Kind.ADVICE_NEW, items=items)


def advice_answered(message: object) -> None:
    """An answer or a question back: the asker (each message once)."""
    from teilhabe.advice.models import AdviceMessage

    assert isinstance(message, AdviceMessage)
    request = message.request
    url = reverse("advice:request_detail", args=[request.alliance.slug, request.pk])
    notifications_create(kind=Kind.ADVICE_ANSWER, items=[(request.asked_by_id, message.pk, url)])


def advice_replied(message: object) -> None:
    """The asker's reply: the advisor who took the request."""
    from teilhabe.advice.models import AdviceMessage

    assert isinstance(message, AdviceMessage)
    request = message.request
    if request.taken_by_id is None:
        return
    url = reverse("advice:request_detail", args=[request.alliance.slug, request.pk])
    notifications_create(kind=Kind.ADVICE_REPLY, items=[(request.taken_by_id, message.pk, url)])
