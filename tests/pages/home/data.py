"""Rows for the role start pages: referrals, participations, workshops, articles, reads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from teilhabe.alliances.models import (
    Article,
    ArticleVersion,
    ContactPoint,
    ContactTopic,
    Organiser,
    Priority,
    PriorityStatus,
    Workshop,
    WorkshopKind,
)
from teilhabe.casework.models import Referral
from teilhabe.core.models import AuditEvent
from teilhabe.trajectories.models import Participation
from tests import factories as f
from tests.conftest import Side
from tests.offers.factories import OfferFactory

TODAY = timezone.localdate


def shared_person(side: Side, *, to: Any, categories: list[str], days_ago: int = 0) -> Any:
    """A person of the side's Teilhabemanagement with an open case and a consent for `to`."""
    person = f.PersonFactory(owner=side.tm_office)
    f.CaseFactory(person=person)
    consent = f.ConsentFactory(
        person=person,
        organisation=side.tm_office,
        categories=categories,
        valid_from=TODAY() - dt.timedelta(days=days_ago),
    )
    consent.recipients.set([to], through_defaults={"alliance_id": consent.alliance_id})
    if days_ago:  # recorded back then, too
        recorded = timezone.now() - dt.timedelta(days=days_ago)
        type(consent).objects.filter(pk=consent.pk).update(created_at=recorded)
    person.consent = consent
    return person


def referral(person: Any, to: Any, status: str = Referral.Status.SENT, offer: Any = None) -> Any:
    return Referral.objects.create(
        alliance=person.alliance,
        case=person.cases.first(),
        from_organisation=person.owner,
        to_organisation=to,
        consent=person.consent,
        offer=offer,
        purpose="Vermittlung",
        categories=["master_data"],
        status=status,
    )


def ended_offer(provider: Any) -> Any:
    return OfferFactory(provider=provider, ends_on=TODAY() - dt.timedelta(days=3))


def open_participation(person: Any, offer: Any) -> Participation:
    return Participation.objects.create(
        alliance=person.alliance,
        person=person,
        offer=offer,
        category=offer.category,
        start=TODAY() - dt.timedelta(days=90),
        recorded_by_organisation=person.owner,
    )


def workshop(side: Side, *, days_ago: int) -> Workshop:
    return Workshop.objects.create(
        alliance=side.alliance,
        kind=WorkshopKind.DEVELOPMENT,
        title=f"Werkstatt vor {days_ago} Tagen",
        held_on=TODAY() - dt.timedelta(days=days_ago),
        place="Rathaus",
        organiser=Organiser.LEAD_OFFICE,
    )


def priority(side: Side, *, due_in: int, status: str = PriorityStatus.PLANNED) -> Priority:
    return Priority.objects.create(
        alliance=side.alliance,
        title=f"Schwerpunkt {due_in}",
        actions="Eine Maßnahme",
        responsible=side.lead_office,
        due_on=TODAY() + dt.timedelta(days=due_in),
        status=status,
    )


def article(side: Side, title: str) -> Article:
    art = Article.objects.create(alliance=side.alliance)
    version = ArticleVersion.objects.create(
        alliance=side.alliance,
        article=art,
        number=1,
        title=title,
        body="Text",
        review_on=TODAY() + dt.timedelta(days=365),
    )
    art.current = version
    art.save(update_fields=["current"])
    return art


def contact(side: Side, name: str) -> ContactPoint:
    return ContactPoint.objects.create(
        alliance=side.alliance,
        topic=ContactTopic.RESIDENCE_LAW,
        name=name,
        organisation=side.abh,
        phone="0221 123",
    )


def person_reads(user: Any, side: Side, persons: list[Any]) -> None:
    """Audit events of `user` opening each person (as person_view_record writes them)."""
    events = [
        AuditEvent(
            actor=user,
            alliance=side.alliance,
            organisation=side.tm_office,
            action=AuditEvent.Action.VIEW,
            object_type="people.person",
            object_id=p.pk,
        )
        for p in persons
    ]
    AuditEvent.objects.bulk_create(events)
