"""What each scheduled job does. Each takes its due time and returns counts only."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

# Results are stored for the operator page: counts only, in the platform's language.


def status_followups(when: dt.datetime) -> str:
    from teilhabe.notifications import events
    from teilhabe.people.intake.status_services import status_followups_create_due

    started = timezone.now()
    with scopes_disabled():
        created, present = status_followups_create_due(today=when.date())
        told = events.status_followups(started)
    return _("%(created)d created, %(present)d already present, %(told)d notified") % {
        "created": created,
        "present": present,
        "told": told,
    }


def _created(created: int, present: int) -> str:
    return _("%(created)d created, %(present)d already present") % {
        "created": created,
        "present": present,
    }


def document_followups(when: dt.datetime) -> str:
    from teilhabe.documents.expiry import document_followups_create_due

    with scopes_disabled():
        return _created(*document_followups_create_due(today=when.date()))


def path_followups(when: dt.datetime) -> str:
    from teilhabe.people.intake.path_followups import path_followups_create_due

    with scopes_disabled():
        return _created(*path_followups_create_due(today=when.date()))


def indicators(when: dt.datetime) -> str:
    from teilhabe.reporting.models import IndicatorSnapshot
    from teilhabe.reporting.services import indicator_snapshots_record

    with scopes_disabled():
        stored = indicator_snapshots_record(
            trigger=IndicatorSnapshot.Trigger.NIGHTLY, today=when.date()
        )
    return _("%(periods)d reporting periods stored") % {"periods": stored}


def careers(when: dt.datetime) -> str:
    from teilhabe.notifications import events
    from teilhabe.trajectories.models import CareerRun
    from teilhabe.trajectories.services import careers_run_execute

    with scopes_disabled():
        run = careers_run_execute(CareerRun.objects.create(alliance=None, today=when.date()).pk)
        told = events.findings_new(run.pk)
    return _("%(done)d persons checked, %(flagged)d flagged, %(told)d notified") % {
        "done": run.done,
        "flagged": run.flagged,
        "told": told,
    }


def retention_preview(when: dt.datetime) -> str:
    """The nightly retention run as a dry run for every organisation with persons: each
    data-protection officer is told the preview is ready (nothing is anonymised)."""
    from teilhabe.core.models import Organisation, Role
    from teilhabe.notifications.events import members, notifications_create
    from teilhabe.notifications.kinds import Kind
    from teilhabe.people.models import Person
    from teilhabe.privacy.services import retention_run_start

    due = told = 0
    with scopes_disabled():
        owners = Person._base_manager.values_list("owner_id", flat=True).distinct()
        orgs = Organisation.objects.filter(pk__in=owners).select_related("alliance")
        for org in orgs.order_by("pk"):
            run = retention_run_start(
                actor=None, organisation=org, dry_run=True, today=when.date(), enqueue=False
            )
            due += run.persons_due
            url = reverse("privacy:run_detail", args=[org.alliance.slug, run.pk])
            dpos = members([org.pk], Role.DATA_PROTECTION_OFFICER).values_list("user_id", flat=True)
            told += len(
                notifications_create(
                    kind=Kind.REPORT_READY, items=[(uid, run.pk, url) for uid in set(dpos)]
                )
            )
    return _("%(orgs)d organisations, %(due)d persons due, %(told)d notified") % {
        "orgs": orgs.count(),
        "due": due,
        "told": told,
    }


def consents_expiring(when: dt.datetime) -> str:
    from teilhabe.notifications import events

    with scopes_disabled():
        return _("%(told)d notified") % {"told": events.consents_expiring(when.date())}


def reminders_due(when: dt.datetime) -> str:
    from teilhabe.notifications import events

    with scopes_disabled():
        return _("%(told)d notified") % {"told": events.reminders_due(when.date())}


def digest(when: dt.datetime) -> str:
    from teilhabe.notifications.mail import send_digests

    mails, items = send_digests()
    return _("%(mails)d e-mails with %(items)d notifications") % {"mails": mails, "items": items}


def _reports(period: str, start: dt.date, end: dt.date) -> str:
    """A report for each schedule the coordinators and the state coordinator set."""
    from teilhabe.reporting.services import report_schedules_run

    with scopes_disabled():
        queued = report_schedules_run(period=period, start=start, end=end)
    return _("%(count)d reports queued (%(start)s–%(end)s)") % {
        "count": queued,
        "start": f"{start:%d.%m.%Y}",
        "end": f"{end:%d.%m.%Y}",
    }


def reports_quarterly(when: dt.datetime) -> str:
    """The quarter that ended before `when`."""
    first = when.date().replace(day=1)
    end = first - dt.timedelta(days=1)
    start = end.replace(month=end.month - (end.month - 1) % 3, day=1)
    return _reports("quarter", start, end)


def reports_annual(when: dt.datetime) -> str:
    year = when.year - 1
    return _reports("year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def import_files(when: dt.datetime) -> str:
    from teilhabe.transfer.cleanup import import_files_wipe

    return _("%(jobs)d imports emptied") % {"jobs": import_files_wipe(now=when)}


def export_files(when: dt.datetime) -> str:
    from teilhabe.core.export_jobs import export_files_delete

    return _("%(files)d export files deleted") % {"files": export_files_delete(now=when)}


def merge_images(when: dt.datetime) -> str:
    from teilhabe.people.merge.services import merge_images_wipe

    return _("%(merges)d merges past the undo period emptied") % {
        "merges": merge_images_wipe(now=when)
    }
