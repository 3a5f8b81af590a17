"""Who reads which audit events: the one rule for the log page, its export and the
accesses of one person.

Every organisation is its own controller. Its data-protection officer and its coordinator
see the organisation's own events and every disclosure of its persons to others (reads
through a consent the organisation obtained). The lead office, a controller of its own,
sees in addition the alliance's administration (programme, partners, workshops, funding,
staff) but never another organisation's reads or disclosures. Everybody else sees nothing
(the views answer 404).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from teilhabe.core.models import AuditEvent, Organisation, Role
from teilhabe.core.roles import Principal

# The alliance's administration: events on these object types are the lead office's.
ADMINISTRATION_TYPES = ("core.alliance", "core.organisation", "core.membership")
ADMINISTRATION_APPS = ("alliances.",)


def log_organisations(principal: Principal) -> list[Organisation]:
    """The organisations whose log the principal reads (as DPO or coordinator)."""
    seen: dict[Any, Organisation] = {}
    for role in (Role.DATA_PROTECTION_OFFICER, Role.COORDINATOR):
        for org in principal.organisations(role):
            seen[org.pk] = org
    return list(seen.values())


def reads_audit_log(principal: Principal) -> bool:
    return bool(log_organisations(principal))


def reads_administration(principal: Principal) -> bool:
    """The lead office's coordinators read the alliance's administration."""
    return any(o.is_lead_office for o in principal.organisations(Role.COORDINATOR))


def _administration() -> Q:
    condition = Q(object_type__in=ADMINISTRATION_TYPES)
    for prefix in ADMINISTRATION_APPS:
        condition |= Q(object_type__startswith=prefix)
    return condition


def organisation_events(organisations: list[Organisation]) -> Q:
    """The organisations' own events and the disclosures of their persons to others."""
    from teilhabe.casework.models import Consent

    consents = Consent.objects.filter(organisation__in=organisations).values("pk")
    return Q(organisation__in=organisations) | Q(
        action=AuditEvent.Action.DISCLOSE, consent_id__in=consents
    )


def audit_events_for(principal: Principal) -> QuerySet[AuditEvent]:
    """The events of the principal's alliance it may read (none for other roles)."""
    orgs = log_organisations(principal)
    if principal.alliance is None or not orgs:
        return AuditEvent.objects.none()
    condition = organisation_events(orgs)
    if reads_administration(principal):
        condition |= _administration()
    return AuditEvent.objects.filter(condition, alliance=principal.alliance)


def person_object_ids(person_ids: list[Any]) -> list[Any]:
    """The ids under which the audit log records events about these persons: the person
    and its cases, consents, referrals, status entries and restriction requests (one query
    per kind, whatever the number of persons), and those of the records merged into them
    (their earlier events are the survivor's)."""
    from django.apps import apps

    from teilhabe.people.merge.relations import absorbed_ids
    from teilhabe.privacy.audit.labels import PERSON_PATHS

    ids = list(person_ids)
    ids += absorbed_ids(ids)
    for label, path in PERSON_PATHS.items():
        rows = apps.get_model(label).objects.filter(**{f"{path}__in": person_ids})
        ids += rows.values_list("pk", flat=True)
    return ids


def person_events(person: Any) -> QuerySet[AuditEvent]:
    """Every event about one person in its alliance: who read, changed or received what.
    Callers hold the right to see them (the owning case manager or the owner's DPO)."""
    ids = person_object_ids([person.pk])
    return AuditEvent.objects.filter(alliance_id=person.alliance_id, object_id__in=ids)
