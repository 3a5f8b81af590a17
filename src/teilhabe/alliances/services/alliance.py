"""Writes of an alliance's structure by its coordinators: fields of action, partners,
core group, Teilhabemanagement posts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from teilhabe.alliances.models import (
    CoreGroupMember,
    FieldOfAction,
    LegalDomain,
    PartnerProfile,
    TeilhabemanagementPost,
)
from teilhabe.alliances.services.common import (
    audit_write,
    require_coordinator,
    same_alliance,
    save_clean,
)
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.roles import Principal


@transaction.atomic
def field_of_action_create(*, principal: Principal, name: str) -> FieldOfAction:
    """An alliance's own field of action, added to the global defaults."""
    alliance = require_coordinator(principal)
    name = name.strip()
    existing = FieldOfAction.objects.filter(Q(alliance=None) | Q(alliance=alliance))
    if any(name.lower() in {f.name.lower(), str(f.label).lower()} for f in existing):
        raise ValidationError({"name": _("This field of action exists already.")})
    field = save_clean(FieldOfAction(alliance=alliance, name=name, position=500))
    audit_write(principal, AuditEvent.Action.CREATE, field)
    return field


@transaction.atomic
def partner_create(
    *,
    principal: Principal,
    name: str,
    kind: str,
    legal_domain: str = LegalDomain.NONE,
    joined_on: dt.date | None = None,
    contact_name: str = "",
    contact_function: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Organisation:
    """A new partner: a core Organisation plus its partner profile."""
    alliance = require_coordinator(principal)
    organisation = Organisation(alliance=alliance, name=name.strip(), kind=kind)
    if Organisation.objects.filter(alliance=alliance, name__iexact=organisation.name).exists():
        raise ValidationError({"name": _("An organisation with this name exists already.")})
    save_clean(organisation)
    save_clean(
        PartnerProfile(
            alliance=alliance,
            organisation=organisation,
            legal_domain=legal_domain,
            joined_on=joined_on,
            contact_name=contact_name.strip(),
            contact_function=contact_function.strip(),
            contact_email=contact_email.strip(),
            contact_phone=contact_phone.strip(),
        )
    )
    audit_write(principal, AuditEvent.Action.CREATE, organisation, "partner")
    return organisation


@transaction.atomic
def partner_update(
    *,
    principal: Principal,
    organisation: Organisation,
    name: str,
    kind: str,
    legal_domain: str = LegalDomain.NONE,
    joined_on: dt.date | None = None,
    contact_name: str = "",
    contact_function: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Organisation:
    alliance = require_coordinator(principal)
    same_alliance(organisation, alliance, field="name")
    name = name.strip()
    clash = Organisation.objects.filter(alliance=alliance, name__iexact=name).exclude(
        pk=organisation.pk
    )
    if clash.exists():
        raise ValidationError({"name": _("An organisation with this name exists already.")})
    organisation.name, organisation.kind = name, kind
    save_clean(organisation, update_fields=["name", "kind", "updated_at"])
    profile = PartnerProfile.objects.filter(organisation=organisation).first() or PartnerProfile(
        alliance=alliance, organisation=organisation
    )
    profile.legal_domain = legal_domain
    profile.joined_on = joined_on
    profile.contact_name = contact_name.strip()
    profile.contact_function = contact_function.strip()
    profile.contact_email = contact_email.strip()
    profile.contact_phone = contact_phone.strip()
    save_clean(profile)
    audit_write(principal, AuditEvent.Action.UPDATE, organisation, "partner")
    return organisation


@transaction.atomic
def core_group_member_add(
    *,
    principal: Principal,
    organisation: Organisation,
    person_name: str,
    function: str = "",
    member_since: dt.date | None = None,
) -> CoreGroupMember:
    alliance = require_coordinator(principal)
    same_alliance(organisation, alliance, field="organisation")
    member = save_clean(
        CoreGroupMember(
            alliance=alliance,
            organisation=organisation,
            person_name=person_name.strip(),
            function=function.strip(),
            member_since=member_since,
        )
    )
    audit_write(principal, AuditEvent.Action.CREATE, member)
    return member


@transaction.atomic
def core_group_member_remove(*, principal: Principal, member: CoreGroupMember) -> None:
    alliance = require_coordinator(principal)
    same_alliance(member, alliance, field="member")
    audit_write(principal, AuditEvent.Action.DELETE, member)
    member.delete()


def _post_values(
    alliance: object,
    post: TeilhabemanagementPost,
    *,
    person_name: str,
    organisation: Organisation,
    fte: Decimal,
    funded_from: dt.date,
    funded_until: dt.date | None,
) -> None:
    same_alliance(organisation, alliance, field="organisation")  # type: ignore[arg-type]
    if funded_until is not None and funded_until < funded_from:
        raise ValidationError({"funded_until": _("The end of funding lies before its start.")})
    post.person_name = person_name.strip()
    post.organisation = organisation
    post.fte = fte
    post.funded_from = funded_from
    post.funded_until = funded_until


@transaction.atomic
def post_create(
    *,
    principal: Principal,
    person_name: str,
    organisation: Organisation,
    fte: Decimal,
    funded_from: dt.date,
    funded_until: dt.date | None = None,
) -> TeilhabemanagementPost:
    alliance = require_coordinator(principal)
    post = TeilhabemanagementPost(alliance=alliance)
    _post_values(
        alliance,
        post,
        person_name=person_name,
        organisation=organisation,
        fte=fte,
        funded_from=funded_from,
        funded_until=funded_until,
    )
    save_clean(post)
    audit_write(principal, AuditEvent.Action.CREATE, post)
    return post


@transaction.atomic
def post_update(
    *,
    principal: Principal,
    post: TeilhabemanagementPost,
    person_name: str,
    organisation: Organisation,
    fte: Decimal,
    funded_from: dt.date,
    funded_until: dt.date | None = None,
) -> TeilhabemanagementPost:
    alliance = require_coordinator(principal)
    same_alliance(post, alliance, field="person_name")
    _post_values(
        alliance,
        post,
        person_name=person_name,
        organisation=organisation,
        fte=fte,
        funded_from=funded_from,
        funded_until=funded_until,
    )
    save_clean(post)
    audit_write(principal, AuditEvent.Action.UPDATE, post)
    return post
