"""Reads of trainings: the calendar of the alliance, a member's upcoming trainings and the
organisers' view of who attended what. Each is one queryset, paged in the database."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from teilhabe.core.roles import Principal
from teilhabe.trainings.access import audience_fits, managed_trainings
from teilhabe.trainings.models import Audience, Registration, Training

Status = Registration.Status
ORDERS = {
    "datum": ("starts_at", "title", "id"),
    "datum-ab": ("-starts_at", "title", "id"),
    "titel": ("title", "starts_at", "id"),
}
ATTENDANCE_ORDERS = {
    "datum": ("-training__starts_at", "user__last_name", "id"),
    "name": ("user__last_name", "user__first_name", "user__email", "-training__starts_at", "id"),
    "veranstaltung": ("training__title", "user__last_name", "id"),
}
PERSON_ORDERS = {
    "name": ("user__last_name", "user__first_name", "user__email", "user_id"),
    "anzahl": ("-attended_count", "user__last_name", "user_id"),
}


@dataclass(frozen=True)
class TrainingFilter:
    kind: str = ""
    audience: str = ""
    organiser: uuid.UUID | None = None
    when: str = "kommend"  # kommend | vergangen | alle
    mine: bool = False
    order: str = "datum"


def _user_id(principal: Principal) -> int:
    return int(principal.user.pk or 0)  # an anonymous user is never a member


def _my_status(principal: Principal) -> Subquery:
    mine = Registration.objects.filter(training=OuterRef("pk"), user_id=_user_id(principal))
    return Subquery(mine.exclude(status=Status.CANCELLED).values("status")[:1])


def _with_counts(trainings: QuerySet[Training], principal: Principal) -> QuerySet[Training]:
    return (
        trainings.select_related("organiser")
        .annotate(
            taken=Count("registrations", filter=Q(registrations__status=Status.REGISTERED)),
            waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
            my_status=_my_status(principal),
        )
        .annotate(free=F("places") - F("taken"))
    )


def trainings_list(
    principal: Principal, flt: TrainingFilter, now: dt.datetime
) -> QuerySet[Training]:
    """The alliance's calendar as every member sees it."""
    qs = Training.objects.filter(alliance=principal.alliance)
    if flt.when == "kommend":
        qs = qs.filter(ends_at__gt=now)
    elif flt.when == "vergangen":
        qs = qs.filter(ends_at__lte=now)
    if flt.kind:
        qs = qs.filter(kind=flt.kind)
    if flt.audience:
        qs = qs.filter(audience__in=[flt.audience, Audience.EVERYONE])
    if flt.organiser:
        qs = qs.filter(organiser_id=flt.organiser)
    if flt.mine:
        qs = qs.filter(
            registrations__user_id=_user_id(principal),
            registrations__status__in=[Status.REGISTERED, Status.WAITING],
        )
    return _with_counts(qs, principal).order_by(*ORDERS.get(flt.order, ORDERS["datum"]))


def upcoming_for(principal: Principal, now: dt.datetime, limit: int = 5) -> list[Training]:
    """The start page's trainings: upcoming ones meant for the member, those the member is
    registered for (or waiting for) first. Two queries."""
    audiences = [a for a in Audience.values if audience_fits(principal, a)]
    qs = _with_counts(
        Training.objects.filter(
            alliance=principal.alliance, ends_at__gt=now, audience__in=audiences
        ),
        principal,
    ).annotate(
        mine_first=Case(
            When(my_status__isnull=False, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )
    return list(qs.order_by("mine_first", "starts_at", "id")[:limit])


def registrations_of(training: Training) -> QuerySet[Registration]:
    """A training's registrations for its organiser: places, then the waiting list in order,
    then who withdrew."""
    rank = Case(
        When(status=Status.REGISTERED, then=Value(0)),
        When(status=Status.WAITING, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Registration.objects.filter(training=training)
        .select_related("user", "organisation")
        .annotate(rank=rank)
        .order_by("rank", "position", "user__last_name", "user__first_name", "id")
    )


def registration_of(principal: Principal, training: Training) -> Registration | None:
    return Registration.objects.filter(training=training, user_id=_user_id(principal)).first()


def waiting_place(registration: Registration) -> int:
    """1 for the first person waiting."""
    return (
        Registration.objects.filter(
            training_id=registration.training_id,
            status=Status.WAITING,
            position__lt=registration.position,
        ).count()
        + 1
    )


@dataclass(frozen=True)
class AttendanceFilter:
    training: uuid.UUID | None = None
    kind: str = ""
    name: str = ""
    attended: str = Registration.Attended.YES
    order: str = "datum"


def _attendance_base(principal: Principal, flt: AttendanceFilter) -> QuerySet[Registration]:
    qs = Registration.objects.filter(
        training__in=managed_trainings(principal), status=Status.REGISTERED
    )
    if flt.attended:
        qs = qs.filter(attended=flt.attended)
    if flt.training:
        qs = qs.filter(training_id=flt.training)
    if flt.kind:
        qs = qs.filter(training__kind=flt.kind)
    for word in flt.name.split():
        qs = qs.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__email__icontains=word)
        )
    return qs


def attendance_rows(principal: Principal, flt: AttendanceFilter) -> QuerySet[Registration]:
    """Who attended what, one row per person and training."""
    return (
        _attendance_base(principal, flt)
        .select_related("user", "organisation", "training")
        .order_by(*ATTENDANCE_ORDERS.get(flt.order, ATTENDANCE_ORDERS["datum"]))
    )


def attendance_by_person(principal: Principal, flt: AttendanceFilter) -> QuerySet[Any, Any]:
    """Per person: how many trainings (of the filter) they attended, and when last."""
    order = PERSON_ORDERS.get(flt.order, PERSON_ORDERS["name"])
    return (
        _attendance_base(principal, flt)
        .values("user_id", "user__first_name", "user__last_name", "user__email")
        .annotate(
            attended_count=Count("id"),
            last_at=Max("training__starts_at"),
            organisation=Max("organisation__name"),
        )
        .order_by(*order)
    )


def user_of(row: dict[str, object]) -> User:
    """An unsaved user carrying a grouped row's name fields, for `users.user_name`."""
    return User(
        pk=int(str(row["user_id"])),
        first_name=str(row["user__first_name"]),
        last_name=str(row["user__last_name"]),
        email=str(row["user__email"]),
    )
