"""The nightly run that warns before a residence path closes: every open case whose
person's current status opens a path (people.paths) gets one follow-up per (path, status
entry), PATH_DEADLINE_LEAD_DAYS before the deadline (today when that is past). The source
"path:<key>:<entry id>" and the (case, source) constraint make a re-run create nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.casework.cases import open_case_by_person
from teilhabe.casework.models import Case, FollowUp
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent
from teilhabe.people.intake.selectors import annotate_current_status
from teilhabe.people.models import Person, ResidenceStatusEntry
from teilhabe.people.paths import PATHS, PathFacts, deadlines, lead_days, source

CHUNK = 500  # SQLite limits the parameters of one statement


def path_followups_create_due(*, today: dt.date | None = None) -> tuple[int, int]:
    """Returns (created, already present)."""
    today = today or timezone.localdate()
    lead = dt.timedelta(days=lead_days())
    statuses = set().union(*(p.statuses for p in PATHS))
    with scopes_disabled():
        rows = list(
            annotate_current_status(
                Person.objects.filter(
                    pk__in=Case.objects.filter(status=Case.Status.OPEN).values("person_id")
                )
            )
            .filter(current_status__in=statuses)
            .values("pk", "date_of_birth", "current_status_entry_id")
        )
        wanted: dict[str, tuple[object, dt.date]] = {}
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            entries = ResidenceStatusEntry.objects.in_bulk(
                [r["current_status_entry_id"] for r in chunk]
            )
            for row in chunk:
                entry = entries[row["current_status_entry_id"]]
                facts = PathFacts(
                    entry.status, entry.valid_from, entry.valid_until, row["date_of_birth"]
                )
                for d in deadlines(facts, today):
                    if d.on - lead <= today:
                        wanted[source(d.path.key, entry.pk)] = (row["pk"], max(d.on - lead, today))
        keys = list(wanted)
        present: set[str] = set()
        for start in range(0, len(keys), CHUNK):
            present.update(
                FollowUp.objects.filter(
                    reason=FollowUp.Reason.PATH_DEADLINE, source__in=keys[start : start + CHUNK]
                ).values_list("source", flat=True)
            )
        missing = [k for k in keys if k not in present]
        created = 0
        for start in range(0, len(missing), CHUNK):
            chunk_keys = missing[start : start + CHUNK]
            cases = open_case_by_person(
                [wanted[k][0] for k in chunk_keys], "organisation", "alliance"
            )
            for key in chunk_keys:
                person_id, due_on = wanted[key]
                case = cases[person_id]
                with transaction.atomic():
                    followup, made = FollowUp.objects.get_or_create(
                        case=case,
                        source=key,
                        defaults={
                            "alliance_id": case.alliance_id,
                            "reason": FollowUp.Reason.PATH_DEADLINE,
                            "due_on": due_on,
                        },
                    )
                    if made:
                        audit_record(
                            action=AuditEvent.Action.CREATE,
                            actor=None,
                            alliance=case.alliance,
                            organisation=case.organisation,
                            obj=followup,
                            purpose="path_deadline",
                        )
                        created += 1
    return created, len(present)
