"""Access helpers: the only way views and API handlers reach persons.

They answer 404 for anything the user may not see, never 403, so that the existence of a
record in another organisation or alliance is not revealed.

- Case managers see persons owned by their organisation (only those assigned to them when
  their membership is need-to-know, § 35 SGB I), with every data category and their own
  organisation's notes.
- A need-to-know case manager who is deputy (Vertretung, `casework.Deputy`) of a colleague
  of the same organisation also sees the persons assigned to that colleague, from
  `valid_from` to `valid_until` inclusive. Without need-to-know the deputy already sees all
  of the organisation's persons.
- Partner staff see a person only while an active consent names their organisation, and
  only the categories it covers; the Ausländerbehörde never sees needs or plans (§ 87
  AufenthG), whatever a consent says. Counselling notes are never a consent category.
- Coordinators, volunteers and statewide roles see no person.
- A restricted person (Art. 18 GDPR / § 84 SGB X) is 404 for all of the above; only the
  owning organisation's data-protection officer reaches them, through `get_person_for_dpo`
  and the privacy pages, which never show counselling notes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from teilhabe.core.models import Organisation, Role
from teilhabe.core.roles import Principal
from teilhabe.people.models import Person

ALL_CATEGORIES = frozenset(
    {"master_data", "residence_status", "education", "needs", "plan", "participations"}
)
NEVER_FOR_IMMIGRATION_OFFICE = frozenset({"needs", "plan"})
T = TypeVar("T")


def active_consents(today: dt.date | None = None) -> QuerySet:
    from teilhabe.casework.models import Consent

    today = today or timezone.localdate()
    return Consent.objects.filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        valid_from__lte=today,
    )


def _partner_orgs(principal: Principal) -> list[Organisation]:
    return principal.organisations(Role.PARTNER_STAFF)


def _absent_colleagues(principal: Principal, organisation_id: Any, today: dt.date) -> QuerySet:
    """Users of the organisation the principal deputises for today (one subquery)."""
    from teilhabe.casework.models import Deputy

    return Deputy.objects.filter(
        deputy_id=principal.user.pk,
        organisation_id=organisation_id,
        valid_from__lte=today,
        valid_until__gte=today,
    ).values("absent_id")


def _case_managed(principal: Principal, today: dt.date | None = None) -> Q:
    """Persons of the organisations the principal is case manager of (only those assigned
    to it, or to a colleague it deputises for today, where its membership is need-to-know,
    § 35 SGB I)."""
    today = today or timezone.localdate()
    condition = Q(pk__in=[])
    for m in principal.case_manager_memberships():
        clause = Q(owner_id=m.organisation_id)
        if m.assigned_only:
            clause &= Q(assigned_to_id=principal.user.pk) | Q(
                assigned_to_id__in=Subquery(_absent_colleagues(principal, m.organisation_id, today))
            )
        condition |= clause
    return condition


def _visible(principal: Principal) -> QuerySet[Person]:
    # Restricted persons are the DPO's alone; anonymised ones are statistics, not persons.
    return Person.objects.filter(
        alliance=principal.alliance, restricted=False, anonymised_at__isnull=True
    )


def persons_for(principal: Principal, today: dt.date | None = None) -> QuerySet[Person]:
    """Persons the principal may see in its alliance (any category)."""
    if principal.alliance is None:
        return Person.objects.none()
    condition: Any = _case_managed(principal, today)
    partner_ids = [o.pk for o in _partner_orgs(principal)]
    if partner_ids:
        covering = active_consents(today).filter(
            person_id=OuterRef("pk"), recipients__in=partner_ids
        )
        condition |= Exists(covering)
    return _visible(principal).filter(condition)


def owned_persons(principal: Principal, today: dt.date | None = None) -> QuerySet[Person]:
    """The persons whose casework the principal does as case manager of the owning
    organisation: `persons_for` without those shared with it through a consent."""
    if principal.alliance is None:
        return Person.objects.none()
    return _visible(principal).filter(_case_managed(principal, today))


def persons_for_dpo(principal: Principal) -> QuerySet[Person]:
    """Persons owned by the organisations the principal is data-protection officer of,
    restricted ones included (the DPO decides about them)."""
    orgs = [o.pk for o in principal.dpo_organisations()]
    if principal.alliance is None or not orgs:
        return Person.objects.none()
    return Person.objects.filter(alliance=principal.alliance, owner_id__in=orgs)


def get_person_for_dpo(principal: Principal, person_id: uuid.UUID | str) -> Person:
    try:
        return persons_for_dpo(principal).select_related("owner").get(pk=person_id)
    except (Person.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class PersonAccess:
    """What one principal may see of one person, and on which basis."""

    person: Person
    principal: Principal
    organisation: Organisation  # the organisation the principal acts for
    categories: frozenset[str]
    is_owner: bool  # acting for the owning organisation: everything incl. own notes
    consent_ids: tuple[uuid.UUID, ...] = ()
    # Per-request memo: the person page's sections share reads (cases, consents, status…)
    # instead of each repeating them. Lives as long as this object, i.e. one request.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def once(self, key: str, load: Callable[[], T]) -> T:
        if key not in self.memo:
            self.memo[key] = load()
        return self.memo[key]  # type: ignore[no-any-return]

    def can(self, category: str) -> bool:
        return category in self.categories

    @property
    def via_consent(self) -> bool:
        return not self.is_owner


def get_person_access(
    principal: Principal, person_id: uuid.UUID | str, today: dt.date | None = None
) -> PersonAccess:
    try:
        person = (
            persons_for(principal, today)
            .select_related("owner", "residence", "assigned_to", "profile")
            .get(pk=person_id)
        )
    except (Person.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    for m in principal.case_manager_memberships():
        if m.organisation_id == person.owner_id and (
            not m.assigned_only
            or person.assigned_to_id == principal.user.pk
            or _absent_colleagues(principal, m.organisation_id, today or timezone.localdate())
            .filter(absent_id=person.assigned_to_id)
            .exists()
        ):
            return PersonAccess(person, principal, m.organisation, ALL_CATEGORIES, True)
    # Partner access: the union of what the active consents naming the organisation cover.
    for org in _partner_orgs(principal):
        consents = list(
            active_consents(today).filter(person=person, recipients=org).order_by("created_at")
        )
        if not consents:
            continue
        categories = frozenset(c for consent in consents for c in consent.categories)
        categories &= ALL_CATEGORIES
        if org.is_immigration_office:
            categories -= NEVER_FOR_IMMIGRATION_OFFICE
        return PersonAccess(
            person, principal, org, categories, False, tuple(c.pk for c in consents)
        )
    raise Http404
