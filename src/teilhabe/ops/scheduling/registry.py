"""The scheduled jobs: key, cron time, catch-up window, what they do (in German words on
the operator page). Times are local (Europe/Berlin)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from teilhabe.ops.scheduling import jobs


@dataclass(frozen=True)
class Job:
    key: str
    cron: str  # minute hour day month weekday
    run: Callable[[dt.datetime], str]
    label: str | Promise
    when: str | Promise
    catch_up: dt.timedelta = dt.timedelta(hours=20)

    def describe(self) -> str:
        return str(self.when) % {"hour": settings.TEILHABE["DIGEST_HOUR"]}

    def trigger(self) -> CronTrigger:
        return CronTrigger.from_crontab(self.cron, timezone=timezone.get_default_timezone())


def _digest_cron() -> str:
    return f"0 {settings.TEILHABE['DIGEST_HOUR']} * * *"


JOBS: tuple[Job, ...] = (
    Job(
        "careers",
        "30 1 * * *",
        jobs.careers,
        _("Early-warning run (Maßnahme-Karrieren)"),
        _("every night at 01:30"),
    ),
    Job(
        "indicators",
        "50 1 * * *",
        jobs.indicators,
        _("Storing the figures of the reporting periods"),
        _("every night at 01:50"),
    ),
    Job(
        "retention_preview",
        "30 2 * * *",
        jobs.retention_preview,
        _("Retention run as a preview for the data-protection officers"),
        _("every night at 02:30"),
    ),
    Job(
        "import_files",
        "45 2 * * *",
        jobs.import_files,
        _("Deleting the files of imports older than 14 days"),
        _("every night at 02:45"),
    ),
    Job(
        "export_files",
        "20 * * * *",
        jobs.export_files,
        _("Deleting the files of exports older than a day"),
        _("every hour at :20"),
    ),
    Job(
        "merge_images",
        "50 2 * * *",
        jobs.merge_images,
        _("Erasing the old values of merged entries after the 30 days to undo"),
        _("every night at 02:50"),
    ),
    Job(
        "status_followups",
        "0 5 * * *",
        jobs.status_followups,
        _("Follow-ups for expiring residence statuses"),
        _("daily at 05:00"),
    ),
    Job(
        "document_followups",
        "5 5 * * *",
        jobs.document_followups,
        _("Follow-ups for documents that expire soon"),
        _("daily at 05:05"),
    ),
    Job(
        "path_followups",
        "7 5 * * *",
        jobs.path_followups,
        _("Follow-ups before the deadlines of residence paths"),
        _("daily at 05:07"),
    ),
    Job(
        "consents_expiring",
        "10 5 * * *",
        jobs.consents_expiring,
        _("Reminders of consents that expire soon"),
        _("daily at 05:10"),
    ),
    Job(
        "reminders_due",
        "20 5 * * *",
        jobs.reminders_due,
        _("Notifications of reminders due today"),
        _("daily at 05:20"),
    ),
    Job(
        "digest",
        _digest_cron(),
        jobs.digest,
        _("Daily e-mail summary of notifications"),
        _("daily at %(hour)02d:00"),
    ),
    Job(
        "reports_quarterly",
        "0 4 1 1,4,7,10 *",
        jobs.reports_quarterly,
        _("Quarterly reports that coordinators have scheduled"),
        _("on the first day of each quarter at 04:00"),
        catch_up=dt.timedelta(days=7),
    ),
    Job(
        "reports_annual",
        "0 4 2 1 *",
        jobs.reports_annual,
        _("Annual reports that coordinators have scheduled"),
        _("on 2 January at 04:00"),
        catch_up=dt.timedelta(days=7),
    ),
)


def job_by_key(key: str) -> Job:
    return next(job for job in JOBS if job.key == key)
