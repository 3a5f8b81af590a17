"""Demo step of the daily casework: needs, plans, contacts, closures and reopenings.

Deterministic and idempotent: every row's id is a UUID5 of the case it belongs to and its
place there, each case draws from its own generator, and rows are inserted with
bulk_create(ignore_conflicts=True), so a second run inserts nothing and a case's data does
not depend on any other case. One query reads the alliance's cases; everything else is bulk.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from teilhabe.alliances.models import FieldOfAction
from teilhabe.casework.models import (
    Case,
    CaseStatusChange,
    Contact,
    ContactTopicLink,
    FollowUp,
    Goal,
    NeedAssessment,
    Step,
)
from teilhabe.casework.models.plans import PlanStatus
from teilhabe.core.latest import LatestFlagged
from teilhabe.core.models import Alliance, Organisation
from teilhabe.demo.common import TODAY, chunks
from teilhabe.people.models import ResidenceStatus, ResidenceStatusEntry

NAMESPACE = uuid.UUID("3b0e4c52-8f3e-4f59-9d0c-6c1f0a4e7b21")
PLAN_STATUSES = [str(s) for s in PlanStatus]
STEP_FROM, STEP_UNTIL = dt.timedelta(days=20), dt.timedelta(days=420)
K = Organisation.Kind
INSECURE = {ResidenceStatus.GESTATTUNG, ResidenceStatus.TOLERATION, ResidenceStatus.UNKNOWN}

# (goal, field of action, steps as (title, kind of the responsible organisation))
GOALS: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "Deutsch auf Niveau B1 erreichen",
        "education_language",
        [
            ("Anmeldung zum Sprachkurs", K.BILDUNGSTRAEGER),
            ("Fahrtkosten zum Kurs klären", K.TEILHABEMANAGEMENT),
            ("Prüfung B1 ablegen", K.BILDUNGSTRAEGER),
        ],
    ),
    (
        "Schulabschluss anerkennen lassen",
        "education_language",
        [
            ("Zeugnisse übersetzen lassen", K.TEILHABEMANAGEMENT),
            ("Antrag auf Anerkennung stellen", K.TEILHABEMANAGEMENT),
            ("Bescheid gemeinsam besprechen", K.TEILHABEMANAGEMENT),
        ],
    ),
    (
        "Ausbildungsplatz finden",
        "work_training",
        [
            ("Berufsberatung wahrnehmen", K.AGENTUR),
            ("Praktikum im Wunschberuf", K.BILDUNGSTRAEGER),
            ("Bewerbungsunterlagen erstellen", K.JMD),
        ],
    ),
    (
        "Aufenthalt sichern",
        "residence_bureaucracy",
        [
            ("Voraussetzungen der Ausbildungsduldung prüfen", K.AUSLAENDERBEHOERDE),
            ("Passbeschaffung klären", K.AUSLAENDERBEHOERDE),
            ("Termin bei der Rechtsberatung", K.CIVIL_SOCIETY),
        ],
    ),
    (
        "Eigene Wohnung finden",
        "housing",
        [
            ("Wohnberechtigungsschein beantragen", K.TEILHABEMANAGEMENT),
            ("Wohnungsbesichtigungen begleiten", K.CIVIL_SOCIETY),
        ],
    ),
    (
        "Berufskolleg besuchen",
        "education_language",
        [
            ("Anmeldung am Berufskolleg", K.BERUFSKOLLEG),
            ("Schülerticket beantragen", K.TEILHABEMANAGEMENT),
        ],
    ),
    (
        "Arbeit aufnehmen",
        "work_training",
        [
            ("Beschäftigungserlaubnis beantragen", K.AUSLAENDERBEHOERDE),
            ("Vermittlungsgespräch im Jobcenter", K.JOBCENTER),
        ],
    ),
]
NEED_NOTES = {
    "residence_bureaucracy": "Duldung läuft bald aus, Verlängerung offen",
    "housing": "Lebt noch in der Gemeinschaftsunterkunft",
    "health": "Keine hausärztliche Anbindung",
    "finances": "Schulden aus einem Handyvertrag",
    "education_language": "Sprachkurs abgebrochen, möchte neu anfangen",
    "work_training": "Interesse an Ausbildung im Handwerk",
    "mobility": "Kein Ticket für den Weg zum Kurs",
    "family": "Familie im Herkunftsland, belastende Situation",
    "social_participation": "Wenig Kontakte außerhalb der Unterkunft",
}
CONTACT_NOTES = [
    "Termin zur Anerkennung besprochen",
    "Bewerbungsunterlagen gemeinsam überarbeitet",
    "Fragen zur Verlängerung der Duldung geklärt",
    "Anmeldung zum Sprachkurs vorbereitet",
    "Wohnungssuche besprochen, Unterlagen fehlen noch",
    "Rückmeldung vom Praktikumsbetrieb besprochen",
    "Schreiben der Ausländerbehörde erklärt",
    "Termin beim Jobcenter vorbereitet",
    "Begleitung zum Berufskolleg",
    "Kurzer Austausch, keine neuen Themen",
    "",
]
CHANNELS = [
    (Contact.Channel.IN_PERSON, 55),
    (Contact.Channel.PHONE, 20),
    (Contact.Channel.MESSENGER, 12),
    (Contact.Channel.VIDEO, 5),
    (Contact.Channel.HOME_VISIT, 8),
]
REASONS = [
    ("vocational_training", 25),
    ("employment", 20),
    ("school", 9),
    ("higher_education", 3),
    ("moved_away", 15),
    ("returned", 5),
    ("no_contact", 18),
    ("other", 5),
]
# Closures worth checking on later: did the training or job last?
CHECKED_REASONS = {"vocational_training", "employment", "school", "higher_education"}


Row = dict[str, Any]  # attribute name -> value of one row to insert


@dataclass
class Rows:
    needs: list[Row] = field(default_factory=list)
    goals: list[Row] = field(default_factory=list)
    steps: list[Row] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    topics: list[Row] = field(default_factory=list)
    changes: list[Row] = field(default_factory=list)
    follow_ups: list[Row] = field(default_factory=list)
    closed: list[Case] = field(default_factory=list)  # closure fields still to be filled


@dataclass(frozen=True)
class CaseRow:
    id: uuid.UUID
    person_id: uuid.UUID
    status: str
    opened_on: dt.date
    closed_on: dt.date | None
    organisation_id: uuid.UUID
    case_manager_id: int | None
    closure_reason: str


def _id(case_id: uuid.UUID, *parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join([str(case_id), *map(str, parts)]))


def _day(r: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=r.randint(0, max((end - start).days, 0)))


def _insert(model: type[Model], rows: list[Row]) -> None:
    """INSERT … ON CONFLICT DO NOTHING of plain rows (bulk_create(ignore_conflicts=True)
    without model instances). Django's per-value preparation in bulk_create took three
    quarters of the time for the nrw profile; the values here need only the backend's UUID,
    date and time adaptation."""
    if not rows:
        return
    ops = connection.ops
    fields = model._meta.local_concrete_fields
    now = ops.adapt_datetimefield_value(timezone.now())
    native_uuid = connection.features.has_native_uuid_field
    defaults = {f.attname: f.get_default() for f in fields if f.attname not in ("id",)}

    def adapt(value: Any) -> Any:
        if isinstance(value, uuid.UUID):
            return value if native_uuid else value.hex
        if isinstance(value, dt.date):
            return ops.adapt_datefield_value(value)
        return value

    names = [f.attname for f in fields]
    stamps = {"created_at", "updated_at"}
    params = [
        tuple(now if n in stamps else adapt(row.get(n, defaults.get(n))) for n in names)
        for row in rows
    ]
    # Only quoted names from the model's meta go into the text; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT DO NOTHING".format(  # noqa: S608
        ops.quote_name(model._meta.db_table),
        ", ".join(ops.quote_name(str(f.column)) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        for chunk in chunks(params):
            cursor.executemany(sql, chunk)
    if issubclass(model, LatestFlagged):  # a raw INSERT passes by the model's own upkeep
        rule = model.latest_rule
        rule.refresh_groups(model, {row[rule.group[0]] for row in rows})


def extend_alliance(
    *,
    alliance: Alliance,
    organisations: dict[str, Organisation],
    rng: random.Random,
    profile: str,
) -> None:
    base = rng.getrandbits(64)
    fields = {f.key: f for f in FieldOfAction.objects.filter(alliance__isnull=True)}
    if not fields:
        return
    cases = [
        CaseRow(*row)
        for row in Case.objects.filter(alliance=alliance)
        .order_by("id")
        .values_list(
            "id",
            "person_id",
            "status",
            "opened_on",
            "closed_on",
            "organisation_id",
            "case_manager_id",
            "closure_reason",
        )
    ]
    # The latest status per person (rows come oldest first, so the last one wins).
    status_of = dict(
        ResidenceStatusEntry.objects.filter(alliance=alliance)
        .order_by("person_id", "valid_from")
        .values_list("person_id", "status")
    )
    rows = Rows()
    for case in cases:
        r = random.Random(f"{base}:{case.id}")
        insecure = status_of.get(case.person_id) in INSECURE
        end = min(case.closed_on or TODAY, TODAY)
        chosen = _needs(rows, r, alliance, case, fields, insecure, end)
        _plan(rows, r, alliance, case, organisations, chosen, insecure)
        _contacts(rows, r, alliance, case, fields, chosen, end)
        _closure(rows, r, alliance, case)
    for model, objs in (
        (NeedAssessment, rows.needs),
        (Goal, rows.goals),
        (Step, rows.steps),
        (Contact, rows.contacts),
        (ContactTopicLink, rows.topics),
        (CaseStatusChange, rows.changes),
        (FollowUp, rows.follow_ups),
    ):
        _insert(model, objs)
    for chunk in chunks(rows.closed):
        Case.objects.bulk_update(chunk, ["closure_reason", "follow_up_check_on"])


def _needs(
    rows: Rows,
    r: random.Random,
    alliance: Alliance,
    case: CaseRow,
    fields: dict[str, FieldOfAction],
    insecure: bool,
    end: dt.date,
) -> list[str]:
    """4–7 fields; an insecure status makes residence law (and often housing) urgent. A
    second, later assessment for some cases shows how needs change."""
    keys = list(fields)
    chosen = r.sample(keys, k=min(len(keys), r.randint(4, 7)))
    if insecure and "residence_bureaucracy" in fields and "residence_bureaucracy" not in chosen:
        chosen[0] = "residence_bureaucracy"
    first_on = _day(r, case.opened_on, min(case.opened_on + dt.timedelta(days=14), end))
    second_on = _day(r, first_on + dt.timedelta(days=60), first_on + dt.timedelta(days=300))
    second = r.random() < 0.4 and second_on <= end
    for i, key in enumerate(chosen):
        if key == "residence_bureaucracy" and insecure:
            level = "urgent"
        elif key == "housing" and insecure:
            level = "urgent" if r.random() < 0.5 else "some"
        else:
            level = r.choices(["none", "some", "urgent"], [30, 50, 20])[0]
        note = NEED_NOTES.get(key, "") if level != "none" and r.random() < 0.5 else ""
        rows.needs.append(_need(alliance, case, fields[key], level, note, first_on, (i, 1)))
        if second:
            later = {"urgent": "some", "some": r.choice(["none", "some"]), "none": "none"}[level]
            if key == "residence_bureaucracy" and insecure:
                later = "urgent"  # the status is still insecure today
            rows.needs.append(_need(alliance, case, fields[key], later, "", second_on, (i, 2)))
    return chosen


def _need(
    alliance: Alliance,
    case: CaseRow,
    field_of_action: FieldOfAction,
    level: str,
    note: str,
    on: dt.date,
    place: tuple[int, int],
) -> Row:
    return dict(
        id=_id(case.id, "need", *place),
        alliance_id=alliance.pk,
        case_id=case.id,
        field_of_action_id=field_of_action.pk,
        level=level,
        note=note,
        assessed_on=on,
        assessed_by_id=case.case_manager_id,
        organisation_id=case.organisation_id,
    )


def _plan(
    rows: Rows,
    r: random.Random,
    alliance: Alliance,
    case: CaseRow,
    organisations: dict[str, Organisation],
    needs: list[str],
    insecure: bool,
) -> None:
    """1–2 goals fitting the needs (securing the stay first when it is insecure), 2–3
    steps each; pending steps past their date are the overdue ones on the start page."""
    fitting = [g for g in GOALS if g[1] in needs] or GOALS
    goals = r.sample(fitting, k=min(len(fitting), r.randint(1, 2)))
    if insecure and GOALS[3] not in goals and r.random() < 0.6:
        goals[0] = GOALS[3]
    closed = case.status == Case.Status.CLOSED
    for g, (title, _key, steps) in enumerate(goals):
        goal_id = _id(case.id, "goal", g)
        statuses = []
        for s, (step_title, kind) in enumerate(steps):
            due = _day(r, case.opened_on + STEP_FROM, case.opened_on + STEP_UNTIL)
            if closed or due < TODAY - dt.timedelta(days=60):
                status = r.choices(PLAN_STATUSES, [5, 5, 75, 15])[0]
            elif due < TODAY:
                status = r.choices(PLAN_STATUSES, [40, 25, 30, 5])[0]
            else:
                status = r.choices(PLAN_STATUSES, [70, 25, 5, 0])[0]
            statuses.append(status)
            owner = organisations.get(K.TEILHABEMANAGEMENT)
            responsible = organisations.get(kind) or owner
            assert responsible is not None
            rows.steps.append(
                dict(
                    id=_id(case.id, "step", g, s),
                    alliance_id=alliance.pk,
                    goal_id=goal_id,
                    title=step_title,
                    responsible_id=responsible.pk,
                    due_on=due,
                    status=status,
                )
            )
        done = all(s in (PlanStatus.DONE, PlanStatus.DROPPED) for s in statuses)
        rows.goals.append(
            dict(
                id=goal_id,
                alliance_id=alliance.pk,
                case_id=case.id,
                title=title,
                status=PlanStatus.DONE if done else PlanStatus.IN_PROGRESS,
                created_by_id=case.case_manager_id,
            )
        )


def _contacts(
    rows: Rows,
    r: random.Random,
    alliance: Alliance,
    case: CaseRow,
    fields: dict[str, FieldOfAction],
    needs: list[str],
    end: dt.date,
) -> None:
    """1–15 contacts between opening and closure (most persons have a few)."""
    count = min(15, 1 + int(r.expovariate(1 / 4)))
    channels, weights = zip(*CHANNELS, strict=True)
    for i in range(count):
        contact_id = _id(case.id, "contact", i)
        rows.contacts.append(
            dict(
                id=contact_id,
                alliance_id=alliance.pk,
                case_id=case.id,
                organisation_id=case.organisation_id,
                author_id=case.case_manager_id,
                on=_day(r, case.opened_on, end),
                duration_minutes=r.choice([15, 20, 30, 45, 60, 90]),
                channel=r.choices(channels, weights)[0],
                interpreter=r.random() < 0.3,
                note=r.choice(CONTACT_NOTES),
            )
        )
        for key in r.sample(needs, k=min(len(needs), r.randint(0, 2))):
            rows.topics.append(
                dict(
                    id=_id(case.id, "topic", i, key),
                    alliance_id=alliance.pk,
                    contact_id=contact_id,
                    field_of_action_id=fields[key].pk,
                )
            )


def _closure(rows: Rows, r: random.Random, alliance: Alliance, case: CaseRow) -> None:
    """Closed cases get their reason, a status change and (for transitions worth checking)
    a follow-up check; some open cases were closed once for lack of contact and reopened."""
    reasons, weights = zip(*REASONS, strict=True)
    reason = r.choices(reasons, weights)[0]
    reopen_at = r.randint(100, 200)
    back_after = r.randint(30, 90)
    if case.status == Case.Status.CLOSED and case.closed_on is not None:
        check = case.closed_on + dt.timedelta(days=180) if reason in CHECKED_REASONS else None
        rows.changes.append(_change(alliance, case, "closed", reason, case.closed_on, 1))
        if check is not None:
            rows.follow_ups.append(
                dict(
                    id=_id(case.id, "follow_up", "closure"),
                    alliance_id=alliance.pk,
                    case_id=case.id,
                    reason=FollowUp.Reason.CLOSURE_CHECK,
                    due_on=check,
                    done_on=check if check < TODAY - dt.timedelta(days=30) else None,
                )
            )
        if not case.closure_reason:
            rows.closed.append(Case(id=case.id, closure_reason=reason, follow_up_check_on=check))
        return
    closed_on = case.opened_on + dt.timedelta(days=reopen_at)
    reopened_on = closed_on + dt.timedelta(days=back_after)
    if r.random() < 0.06 and reopened_on < TODAY:
        rows.changes.append(_change(alliance, case, "closed", "no_contact", closed_on, 1))
        rows.changes.append(_change(alliance, case, "open", "", reopened_on, 2))


def _change(
    alliance: Alliance, case: CaseRow, status: str, reason: str, on: dt.date, n: int
) -> Row:
    return dict(
        id=_id(case.id, "status_change", n),
        alliance_id=alliance.pk,
        case_id=case.id,
        status=status,
        reason=reason,
        on=on,
        by_id=case.case_manager_id,
    )
