"""Partner staff (Jobcenter, Ausländerbehörde, providers): what waits for the organisation.

Names stay out: a name on this page would be a disclosure through a consent. The referral
inbox and the participation page name the person and log that read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q

from teilhabe.casework.models import ConsentRecipient, Referral
from teilhabe.casework.sharing.selectors import incoming_referrals
from teilhabe.core.models import Organisation, Role
from teilhabe.core.roles import Principal
from teilhabe.people.access import active_consents, persons_for
from teilhabe.trainings.home import upcoming_trainings
from teilhabe.trainings.models import Training
from teilhabe.trajectories.models import Outcome, Participation

NEW_DAYS = 14
LATEST = 5
PAGE_SIZE = 10


@dataclass
class PartnerBlock:
    organisations: list[Organisation]
    since: dt.date
    waiting: int
    latest: list[Referral]
    newly_shared: int
    to_complete: int
    participations: Page | None = None
    trainings: list[Training] = field(default_factory=list)

    @property
    def open_items(self) -> int:
        return self.waiting + self.to_complete


def partner_principal(principal: Principal) -> Principal:
    """The principal acting as partner staff only: a case manager's own persons are not
    'shared with the organisation'."""
    memberships = [m for m in principal.memberships if m.role == Role.PARTNER_STAFF]
    return Principal(user=principal.user, alliance=principal.alliance, memberships=memberships)


def newly_shared(partner: Principal, today: dt.date) -> int:
    """Persons the organisation may see (`persons_for`) through a consent naming it that was
    recorded or began in the last NEW_DAYS days."""
    since = today - dt.timedelta(days=NEW_DAYS)
    orgs = [o.pk for o in partner.organisations()]
    fresh = active_consents(today).filter(
        Q(valid_from__gte=since) | Q(created_at__date__gte=since),
        person_id=OuterRef("pk"),
        recipients__in=orgs,
    )
    return persons_for(partner, today).filter(Exists(fresh)).count()


def participations_to_complete(partner: Principal, today: dt.date) -> list[object]:
    """Ids of participations in the organisation's own offers that are still open although
    the offer has ended, of persons whose consent covers participations (the provider may
    then record the outcome). Three queries, whatever the number."""
    orgs = [o.pk for o in partner.organisations()]
    rows = list(
        Participation.objects.filter(
            offer__provider_id__in=orgs,
            outcome=Outcome.ONGOING,
            offer__ends_on__lt=today,
            person__in=persons_for(partner, today),
        )
        .order_by("offer__ends_on", "start", "id")
        .values_list("pk", "person_id", "offer__provider_id")
    )
    if not rows:
        return []
    persons = {person for _pk, person, _org in rows}
    covering = ConsentRecipient.objects.filter(
        organisation_id__in=orgs, consent__in=active_consents(today).filter(person_id__in=persons)
    ).values_list("consent__person_id", "organisation_id", "consent__categories")
    allowed = {(p, o) for p, o, categories in covering if "participations" in categories}
    return [pk for pk, person, org in rows if (person, org) in allowed]


def partner_block(principal: Principal, today: dt.date, page_number: str | None) -> PartnerBlock:
    partner = partner_principal(principal)
    waiting = incoming_referrals(partner, today).filter(status=Referral.Status.SENT)
    ids = participations_to_complete(partner, today)
    page = Paginator(ids, PAGE_SIZE).get_page(page_number) if ids else None
    if page is not None:
        by_id = Participation.objects.select_related("offer").in_bulk(list(page.object_list))
        page.object_list = [by_id[pk] for pk in page.object_list]
    return PartnerBlock(
        organisations=partner.organisations(),
        since=today - dt.timedelta(days=NEW_DAYS),
        waiting=waiting.count(),
        latest=list(waiting.select_related("offer")[:LATEST]),
        newly_shared=newly_shared(partner, today),
        to_complete=len(ids),
        participations=page,
        trainings=upcoming_trainings(principal),
    )
