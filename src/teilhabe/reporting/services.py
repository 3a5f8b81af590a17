"""Writes of the reporting app: the Destatis import, the age share, report requests,
report downloads and the stored indicator figures. Every write is atomic; those about
persons or made by someone are audited (identifiers only)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.core.audit import audit_record
from teilhabe.core.models import Alliance, AuditEvent, Membership, Organisation, Role
from teilhabe.core.plausible import check_plausible
from teilhabe.core.roles import is_state_coordinator
from teilhabe.reporting import key_figures, stored
from teilhabe.reporting.destatis import check_land, read_seekers
from teilhabe.reporting.models import (
    SOURCE_TEMPLATE,
    AgeShare,
    IndicatorSnapshot,
    Report,
    ReportSchedule,
    SeekerCount,
    SeekerImport,
)
from teilhabe.reporting.population import TOP_LEVEL
from teilhabe.reporting.selectors import Filters, indicators

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "12531-0043_flat.zip"
BATCH_SIZE = 500
Actor = User | AnonymousUser


@dataclass(frozen=True)
class ImportResult:
    added: list[date]
    kept: list[date]  # Stichtage already stored: left exactly as they were
    cells: int
    lines: int
    without_value: int
    total_by_stichtag: dict[date, int]

    def source_lines(self) -> list[str]:
        return [SOURCE_TEMPLATE.format(stand=d.strftime("%d.%m.%Y")) for d in self.added]


def seeker_import(*, path: Path, land: str | None = None) -> ImportResult:
    """Import a 12531-0043 flat file. The whole file is checked before the first write;
    a Stichtag already stored is never overwritten (a new edition adds its Stichtag)."""
    check_land(land)
    data = read_seekers(path, land=land)
    with transaction.atomic():
        existing = set(
            SeekerImport.objects.filter(stichtag__in=data.stichtage).values_list(
                "stichtag", flat=True
            )
        )
        new = [d for d in data.stichtage if d not in existing]
        rows = [
            SeekerCount(
                stichtag=stichtag,
                kreis_key=kreis,
                kreis_name=data.kreis_names[kreis][:150],
                status_code=status,
                status_label=data.status_labels[status][:150],
                sex_code=sex,
                count=count,
            )
            for (stichtag, kreis, status, sex), count in data.counts.items()
            if stichtag in new
        ]
        SeekerCount.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        for stichtag in new:
            SeekerImport.objects.create(
                stichtag=stichtag, file_name=path.name[:200], lines=data.lines
            )
        audit_record(action=AuditEvent.Action.IMPORT, object_type="reporting.seekercount")
    totals: dict[date, int] = {}
    for (stichtag, _k, status, _s), count in data.counts.items():
        if status in TOP_LEVEL:
            totals[stichtag] = totals.get(stichtag, 0) + count
    return ImportResult(
        added=new,
        kept=sorted(existing),
        cells=len(rows),
        lines=data.lines,
        without_value=data.without_value,
        total_by_stichtag=totals,
    )


def require_state_coordinator(actor: Actor) -> None:
    if not is_state_coordinator(actor):
        raise PermissionError("state coordinator role required")


def age_share_set(
    *, actor: Actor, percent: Decimal, valid_from: date, basis: str, group: str = ""
) -> AgeShare:
    """A new age share for one status group or (group "") every group; the old ones stay
    as history."""
    require_state_coordinator(actor)
    check_plausible(valid_from=valid_from, basis=basis)
    with transaction.atomic():
        share = AgeShare(
            group=group,
            percent=percent,
            valid_from=valid_from,
            basis=basis,
            set_by=actor if isinstance(actor, User) else None,
        )
        share.full_clean()
        share.save()
        audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=share)
    return share


def report_request(
    *,
    actor: Actor | None,
    alliance: Alliance | None,
    organisation: Organisation | None,
    period: str,
    start: date,
    end: date,
    schedule: ReportSchedule | None = None,
) -> Report:
    """Store the request and queue the generation (it runs in the task worker). A scheduled
    report (`actor` None: the scheduler) counts as requested by whoever set the schedule,
    so that person is told when it is ready."""
    from teilhabe.reporting.tasks import generate_report

    requester = actor if isinstance(actor, User) else None
    with transaction.atomic():
        report = Report(
            alliance=alliance,
            period=period,
            start=start,
            end=end,
            requested_by=schedule.set_by if schedule is not None else requester,
            schedule=schedule,
        )
        report.full_clean()
        report.save()
        audit_record(
            action=AuditEvent.Action.CREATE,
            actor=actor,
            alliance=alliance,
            organisation=organisation,
            obj=report,
        )
    # After the commit above, so the worker finds the row (the test backend runs it at once).
    generate_report.enqueue(str(report.pk))
    report.refresh_from_db()
    return report


def report_progress(*, report: Report, **fields: Any) -> None:
    """Progress and results of a running report (called by the task only)."""
    if fields.get("status") in (Report.Status.DONE, Report.Status.FAILED):
        fields["finished_at"] = timezone.now()
    Report.objects.filter(pk=report.pk).update(**fields)
    for name, value in fields.items():
        setattr(report, name, value)


def report_download_record(
    *, actor: Actor, report: Report, organisation: Organisation | None, fmt: str
) -> None:
    audit_record(
        action=AuditEvent.Action.EXPORT,
        actor=actor,
        alliance=report.alliance,
        organisation=organisation,
        obj=report,
        purpose=f"report download {fmt}",
    )


def report_schedule_create(
    *, actor: Actor, alliance: Alliance | None, organisation: Organisation | None, period: str
) -> ReportSchedule:
    """A report of `period` produced after each such period closes (once per scope and
    period: setting it again keeps the existing schedule)."""
    if alliance is None:
        require_state_coordinator(actor)
    with transaction.atomic():
        existing = ReportSchedule.objects.filter(alliance=alliance, period=period).first()
        if existing is not None:
            return existing
        schedule = ReportSchedule(
            alliance=alliance, period=period, set_by=actor if isinstance(actor, User) else None
        )
        schedule.full_clean(validate_constraints=False)
        schedule.save()
        audit_record(
            action=AuditEvent.Action.CREATE,
            actor=actor,
            alliance=alliance,
            organisation=organisation,
            obj=schedule,
        )
    return schedule


def report_schedule_delete(
    *, actor: Actor, schedule: ReportSchedule, organisation: Organisation | None
) -> None:
    """No further reports of this schedule; the reports produced so far stay."""
    if schedule.alliance_id is None:
        require_state_coordinator(actor)
    with transaction.atomic():
        audit_record(
            action=AuditEvent.Action.DELETE,
            actor=actor,
            alliance=schedule.alliance,
            organisation=organisation,
            obj=schedule,
        )
        schedule.delete()


def report_schedules_run(*, period: str, start: date, end: date) -> int:
    """The scheduler's part: a report of each schedule of `period` for [start, end], unless
    that schedule already has it (a repeated run adds none). Returns how many it queued."""
    done = set(
        Report.objects.filter(start=start, end=end, schedule__isnull=False).values_list(
            "schedule_id", flat=True
        )
    )
    due = ReportSchedule.objects.filter(period=period).exclude(pk__in=done)
    queued = 0
    for schedule in due.select_related("alliance", "set_by").order_by("created_at"):
        report_request(
            actor=None,
            alliance=schedule.alliance,
            organisation=None,
            period=period,
            start=start,
            end=end,
            schedule=schedule,
        )
        queued += 1
    return queued


def indicator_snapshots_record(
    *, trigger: str, today: date | None = None, years: Iterable[int] | None = None
) -> int:
    """Compute and store the indicators of every grid period of `years` (default: this year
    and the last) that has begun, for all alliances, each period as a new version (`stored`),
    with the key figures' counts; and those counts alone for the older periods of their
    trends. With this year, the year so far too (the dashboards' default), kept for this
    day only, for the alliances and for each organisation with case managers. Aggregates
    only: nothing about a person is read out or written, so nothing is audited. Returns how
    many periods were stored."""
    today = today or timezone.localdate()
    length = key_figures.TREND_LENGTH
    years = list(years or (today.year - 1, today.year))
    ids = list(Alliance.objects.values_list("pk", flat=True))
    full = stored.begun_periods(years, today)
    todays = stored.todays_periods(today, length) if today.year in years else []
    full += [span for span in todays[:1] if span not in full]  # 31 December: the year
    older = stored.trend_periods(full, length)
    totals = key_figures.counted(ids, [Filters(start, end) for start, end in full + older])
    own = _organisation_figures(todays)
    for at, (start, end) in enumerate(full + older):
        began = time.perf_counter()
        data = stored.encode(indicators(ids, Filters(start, end))) if at < len(full) else {}
        _snapshot_add(
            start=start,
            end=end,
            trigger=trigger,
            seconds=round(time.perf_counter() - began, 3),
            data=data,
            has_indicators=at < len(full),
            totals=totals[at],
            organisations=own.get((start, end), {}),
        )
    stored.stale_periods(today, length).delete()
    return len(full) + len(older)


def _organisation_figures(todays: list[tuple[date, date]]) -> dict[Any, dict[str, Any]]:
    """Per period of the year so far and its trend: organisation id → its key figures'
    counts, and for the year so far itself its indicators, for every organisation with
    case managers (their dashboard shows only their organisation's cases)."""
    out: dict[Any, dict[str, Any]] = {span: {} for span in todays}
    if not todays:
        return out
    with scopes_disabled():
        organisations = (
            Membership.objects.filter(role=Role.CASE_MANAGER, is_active=True)
            .values_list("organisation_id", "organisation__alliance_id")
            .distinct()
            .order_by()
        )
        for organisation, alliance in organisations:
            spans = [Filters(start, end, organisation) for start, end in todays]
            counts = key_figures.counted([alliance], spans)
            for span, counted in zip(todays, counts, strict=True):
                out[span][str(organisation)] = {"totals": counted[str(alliance)]}
            own = out[todays[0]][str(organisation)]
            own["data"] = stored.encode(indicators([alliance], spans[0]))
    return out


def _snapshot_add(*, start: date, end: date, **fields: Any) -> None:
    """One period's next version; the oldest beyond `stored.KEEP` go."""
    for _attempt in range(3):  # two refreshes at once: the later takes the next version
        try:
            with transaction.atomic():
                same = stored.versions(start, end)
                version = (same.aggregate(v=Max("version"))["v"] or 0) + 1
                IndicatorSnapshot.objects.create(
                    start=start, end=end, definition=stored.DEFINITION, version=version, **fields
                )
                old = same.values_list("pk", flat=True)[stored.KEEP :]
                IndicatorSnapshot.objects.filter(pk__in=list(old)).delete()
            return
        except IntegrityError:
            continue
