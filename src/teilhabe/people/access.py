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
  only the categories it covers (a person's uploaded files only with "documents"); the
  Ausländerbehörde never sees needs or plans (§ 87 AufenthG), whatever a consent says.
  Counselling notes are never a consent category.
- A merged record (a tombstone pointing to its survivor) is 404 for everyone.
- Coordinators, volunteers and statewide roles see no person. A volunteer in an active
  mentoring pair sees only what `accompaniment_for` gives (first name and languages), while
  an active consent of the category "accompaniment" names their organisation; such a consent
  opens none of the person page's categories to anybody.
- A restricted person (Art. 18 GDPR / § 84 SGB X) is 404 for all of the above; only the
  owning organisation's data-protection officer reaches them, through `get_person_for_dpo`
  and the privacy pages, which never show counselling notes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from teilhabe.core.models import Organisation, Role
from teilhabe.core.roles import Principal
from teilhabe.people.models import Person

# The consent categories in the order pages list them.
ORDERED_CATEGORIES = (
    "master_data",
    "residence_status",
    "education",
    "needs",
    "plan",
    "participations",
    "documents",
)
ALL_CATEGORIES = frozenset(ORDERED_CATEGORIES)
# Permits a mentoring pair only: not a category of the person page (hence not above).
ACCOMPANIMENT = "accompaniment"
# Every category a consent may name, in the order forms, PDFs and the Art. 15 answer list them.
CONSENT_CATEGORIES = (*ORDERED_CATEGORIES, ACCOMPANIMENT)
MASTER_DATA = "master_data"
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


def _opening_consents(today: dt.date | None = None) -> QuerySet:
    """Active consents that open a person to partner staff: one for accompaniment alone
    lets a volunteer organisation form a pair, nothing more (no list, search or page)."""
    return active_consents(today).exclude(categories=[ACCOMPANIMENT])


def _partner_orgs(principal: Principal) -> list[Organisation]:
    return principal.organisations(Role.PARTNER_STAFF)


def _absent_colleagues(principal: Principal, organisation_id: Any, today: dt.date) -> QuerySet:
    """Users of the organisation the principal deputises for today (one subquery)."""
    from teilhabe.casework.models import Deputy

    return Deputy.objects.filter(
        deputy_id=principal.need_to_know_user_id(),
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
    user_id = principal.need_to_know_user_id()
    for m in principal.case_manager_memberships():
        clause = Q(owner_id=m.organisation_id)
        if m.assigned_only and user_id is None:
            continue  # need-to-know without a person to know for: nobody
        if m.assigned_only:
            clause &= Q(assigned_to_id=user_id) | Q(
                assigned_to_id__in=Subquery(_absent_colleagues(principal, m.organisation_id, today))
            )
        condition |= clause
    return condition


def _visible(principal: Principal) -> QuerySet[Person]:
    # Restricted persons are the DPO's alone; anonymised ones are statistics, not persons;
    # a merged record is an empty tombstone of its survivor (people.merge).
    return Person.objects.filter(
        alliance=principal.alliance,
        restricted=False,
        anonymised_at__isnull=True,
        merged_into__isnull=True,
    )


def persons_for(principal: Principal, today: dt.date | None = None) -> QuerySet[Person]:
    """Persons the principal may see in its alliance (any category)."""
    if principal.alliance is None:
        return Person.objects.none()
    condition: Any = _case_managed(principal, today)
    partner_ids = [o.pk for o in _partner_orgs(principal)]
    if partner_ids:
        covering = _opening_consents(today).filter(
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
    return Person.objects.filter(
        alliance=principal.alliance, owner_id__in=orgs, merged_into__isnull=True
    )


def get_person_for_dpo(principal: Principal, person_id: uuid.UUID | str) -> Person:
    try:
        return persons_for_dpo(principal).select_related("owner").get(pk=person_id)
    except (Person.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def nameable_persons(principal: Principal, person_ids: Iterable[Any]) -> dict[Any, Person]:
    """Those of `person_ids` the principal may name (the master data): persons it sees with
    that category (`persons_for`, `category_visible`) and those it is data-protection
    officer of. Anonymised persons have no name left. Two queries at most, for any number
    of ids (a page of the audit log names its persons with these)."""
    ids = list({i for i in person_ids if i is not None})
    if not ids or principal.alliance is None:
        return {}
    seen = persons_for(principal).filter(category_visible(principal, MASTER_DATA))
    dpo = persons_for_dpo(principal)
    found = Person.objects.filter(
        Q(pk__in=seen.values("pk")) | Q(pk__in=dpo.values("pk")),
        pk__in=ids,
        anonymised_at__isnull=True,
    ).only("pk", "given_name", "family_name")
    return {p.pk: p for p in found}


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
    uid = principal.need_to_know_user_id()
    for m in principal.case_manager_memberships():
        if m.organisation_id == person.owner_id and (
            not m.assigned_only
            or (uid is not None and person.assigned_to_id == uid)
            or _absent_colleagues(principal, m.organisation_id, today or timezone.localdate())
            .filter(absent_id=person.assigned_to_id)
            .exists()
        ):
            return PersonAccess(person, principal, m.organisation, ALL_CATEGORIES, True)
    # Partner access: the union of what the active consents naming the organisation cover.
    for org in _partner_orgs(principal):
        consents = list(
            _opening_consents(today).filter(person=person, recipients=org).order_by("created_at")
        )
        if not consents:
            continue
        categories = frozenset(
            categories_for(org, {c for consent in consents for c in consent.categories})
        )
        return PersonAccess(
            person, principal, org, categories, False, tuple(c.pk for c in consents)
        )
    raise Http404


def categories_for(organisation: Organisation, categories: Iterable[str]) -> list[str]:
    """What a recipient may actually receive of these categories (the Ausländerbehörde
    never needs or plans, § 87 AufenthG), in page order."""
    allowed = set(categories) & ALL_CATEGORIES
    if organisation.is_immigration_office:
        allowed -= NEVER_FOR_IMMIGRATION_OFFICE
    return [c for c in ORDERED_CATEGORIES if c in allowed]


# --- what a list row shows ------------------------------------------------------------------
# A partner whose consents lack the master data sees who a person is nowhere: not on the
# page, in a list, a search, the API, an export or a PDF. It sees a pseudonymous label
# instead, the same everywhere (`person_label`).


@dataclass(frozen=True)
class Shared:
    """What the principal's partner organisations may see of one person through active
    consents, and the consents (with the organisation each names) that allow it."""

    categories: frozenset[str]
    consents: tuple[tuple[uuid.UUID, uuid.UUID], ...]  # (consent id, organisation id)


def shared_with(principal: Principal, today: dt.date | None = None) -> dict[Any, Shared]:
    """Person id → what is shared with the principal's partner organisations. One query,
    or none for a principal without partner membership."""
    from teilhabe.casework.models import ConsentRecipient

    partners = {o.pk: o for o in _partner_orgs(principal)}
    if not partners:
        return {}
    # Consent categories are a JSON list; SQLite cannot query inside it, and a partner's
    # consents are few, so they are read once and checked here.
    rows = ConsentRecipient.objects.filter(
        organisation_id__in=list(partners), consent__in=_opening_consents(today)
    ).values_list("consent__person_id", "consent__categories", "organisation_id", "consent_id")
    categories: dict[Any, set[str]] = {}
    consents: dict[Any, list[tuple[uuid.UUID, uuid.UUID]]] = {}
    for person_id, granted, org_id, consent_id in rows.order_by("consent__created_at", "pk"):
        categories.setdefault(person_id, set()).update(
            categories_for(partners[org_id], granted or [])
        )
        consents.setdefault(person_id, []).append((consent_id, org_id))
    return {pk: Shared(frozenset(categories[pk]), tuple(consents[pk])) for pk in categories}


def _owned_row(principal: Principal) -> Q:
    """`owned_persons` as a condition on a row of `persons_for` (which already holds the
    visibility rules): PostgreSQL evaluated `id IN (owned subquery)` per row and sort key,
    which took minutes on a list of 1,000."""
    return _case_managed(principal)


def category_visible(
    principal: Principal, category: str, shared: dict[Any, Shared] | None = None
) -> Q:
    """Persons whose `category` the principal may see: its own organisation's (as case
    manager) and those shared through an active consent covering the category."""
    shared = shared_with(principal) if shared is None else shared
    owned = _owned_row(principal)
    consented = [pk for pk, s in shared.items() if category in s.categories]
    return owned | Q(pk__in=consented) if consented else owned


def with_visibility(
    qs: QuerySet[Person], principal: Principal, shared: dict[Any, Shared] | None = None
) -> QuerySet[Person]:
    """Annotate `owned` and `master_visible` (whether the row may name the person), in the
    list's own query: no query per row."""
    from django.db.models import BooleanField, ExpressionWrapper

    shared = shared_with(principal) if shared is None else shared
    owned = _owned_row(principal)
    master = category_visible(principal, MASTER_DATA, shared)
    return qs.annotate(
        owned=ExpressionWrapper(owned, output_field=BooleanField()),
        master_visible=ExpressionWrapper(master, output_field=BooleanField()),
    )


def require_owner(access: PersonAccess, obj: Any = None) -> None:
    """Only the owning organisation's case managers write a person's data (views answer
    404 before this; services refuse on their own too, for the API and scripts). `obj`: a
    row that must belong to this person."""
    if not access.is_owner:
        raise PermissionDenied
    if obj is not None and obj.person_id != access.person.pk:
        raise PermissionDenied


def shows_master_data(access: PersonAccess) -> bool:
    """Whether this access may show who the person is (name, birth date, sex,
    nationality, residence, cases)."""
    return access.can(MASTER_DATA)


def pseudonym(person_id: uuid.UUID | str) -> str:
    """A short stable code for a person whose name is not shared: derived from the id by
    a hash (the id itself stays hidden from the label), six hexadecimal digits."""
    import hashlib

    return hashlib.sha256(str(person_id).encode()).hexdigest()[:6].upper()


def person_label(person: Person, categories: Iterable[str], *, listed: bool = False) -> str:
    """How a person is named to a reader with these categories: the name ("Family, Given"
    in lists) with the master data, else "Person 7F3A9C (shared: participations, …)"."""
    from django.utils.translation import gettext

    from teilhabe.casework.models import DataCategory

    categories = set(categories)
    if MASTER_DATA in categories:
        return str(person) if listed else person.full_name
    labels = dict(DataCategory.choices)
    shared = ", ".join(str(labels[c]) for c in ORDERED_CATEGORIES if c in categories)
    return gettext("Person %(code)s (shared: %(categories)s)") % {
        "code": pseudonym(person.pk),
        "categories": shared or "–",
    }


def access_label(access: PersonAccess) -> str:
    return person_label(access.person, access.categories)


def row_categories(row: Any, shared: dict[Any, Shared]) -> frozenset[str]:
    """The categories a row of `with_visibility` may show."""
    if row.owned:
        return ALL_CATEGORIES
    found = shared.get(row.pk)
    return found.categories if found else frozenset()


def label_rows(rows: Iterable[Any], shared: dict[Any, Shared], *, listed: bool = True) -> None:
    """Give each row of `with_visibility` its `label` (no query)."""
    for row in rows:
        row.label = person_label(row, row_categories(row, shared), listed=listed)


# --- accompaniment by volunteers (mentoring pairs) ------------------------------------------


@dataclass(frozen=True)
class Accompanied:
    """All a volunteer ever sees of the person they accompany."""

    person_id: uuid.UUID
    given_name: str
    languages: tuple[str, ...]  # language codes
    consent_ids: tuple[uuid.UUID, ...]  # the consents relied on (disclosures)


def accompaniment_consents(
    pairs: Iterable[tuple[Any, Any]], today: dt.date | None = None
) -> dict[tuple[Any, Any], tuple[uuid.UUID, ...]]:
    """(person id, organisation id) → the active consents of the category "accompaniment"
    naming that organisation, for each pair that has one. One query for any number."""
    from teilhabe.casework.models import ConsentRecipient

    wanted = set(pairs)
    if not wanted:
        return {}
    rows = ConsentRecipient.objects.filter(
        organisation_id__in={o for _, o in wanted},
        consent__person_id__in={p for p, _ in wanted},
        consent__in=active_consents(today),
    ).values_list("consent__person_id", "organisation_id", "consent_id", "consent__categories")
    found: dict[tuple[Any, Any], tuple[uuid.UUID, ...]] = {}
    for person_id, org_id, consent_id, categories in rows.order_by("consent__created_at", "pk"):
        if (person_id, org_id) in wanted and ACCOMPANIMENT in (categories or []):
            found[(person_id, org_id)] = (*found.get((person_id, org_id), ()), consent_id)
    return found


def accompaniment_for(
    principal: Principal,
    *,
    person_id: Any,
    organisation_id: Any,
    volunteer_user_id: Any,
    today: dt.date | None = None,
) -> Accompanied:
    """What the volunteer of an active pair sees of its person, or 404: the principal must
    be that volunteer (a volunteer membership of the organisation), the person visible
    (not restricted or anonymised) and an active consent of the category "accompaniment"
    must name the organisation — checked at every read, so a withdrawal ends it at once."""
    from teilhabe.people.models import PersonLanguage

    volunteer_orgs = {o.pk for o in principal.organisations(Role.VOLUNTEER)}
    if principal.user.pk != volunteer_user_id or organisation_id not in volunteer_orgs:
        raise Http404
    consents = accompaniment_consents([(person_id, organisation_id)], today)
    person = _visible(principal).filter(pk=person_id).only("pk", "given_name").first()
    if person is None or not consents:
        raise Http404
    languages = PersonLanguage.objects.filter(person_id=person_id).values_list(
        "language", flat=True
    )
    return Accompanied(
        person.pk, person.given_name, tuple(languages), consents[(person_id, organisation_id)]
    )
