"""Per-organisation API tokens.

Only a user who holds a role in an organisation can issue a token with that role for it, so
a token never gives anyone access they don't already have (a coordinator, who sees no
person, cannot mint a case-manager token). Coordinators oversee and revoke every token of
their alliance; holders list and revoke their own organisations' tokens.

A token reads `<prefix>.<secret>`. Only the prefix (to find the row) and a SHA-256 of the
whole token are stored; the secret is shown once, at creation. A token acts as a principal
holding one role (case manager or partner staff) in one organisation, and only while the
organisation still has active staff with that role.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.api.models import ApiToken
from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Membership, Organisation, Role
from teilhabe.core.roles import Principal

TOKEN_ROLES = (Role.CASE_MANAGER, Role.PARTNER_STAFF)
PREFIX_BYTES = 5  # 10 hex characters: fits ApiToken.prefix, unique by constraint


def token_hash(prefix: str, secret: str) -> str:
    return hashlib.sha256(f"{prefix}.{secret}".encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    plain: str  # shown once, never stored


def token_roles_held(principal: Principal) -> list[tuple[Organisation, str]]:
    """(organisation, role) pairs for which this principal may issue tokens."""
    return [(m.organisation, m.role) for m in principal.memberships if m.role in TOKEN_ROLES]


def may_manage_tokens(principal: Principal) -> bool:
    return principal.alliance is not None and (
        principal.is_coordinator or bool(token_roles_held(principal))
    )


def _may_revoke(principal: Principal, token: ApiToken) -> bool:
    if principal.is_coordinator:
        return True
    return any(org.pk == token.organisation_id for org, _role in token_roles_held(principal))


def tokens_of_alliance(principal: Principal) -> QuerySet[ApiToken]:
    if not may_manage_tokens(principal):
        raise PermissionError("no token rights in this alliance")
    tokens = ApiToken.objects.filter(alliance=principal.alliance)
    if not principal.is_coordinator:
        tokens = tokens.filter(organisation__in=[o for o, _r in token_roles_held(principal)])
    return tokens.select_related("organisation", "created_by").order_by("-created_at")


@transaction.atomic
def api_token_create(
    *, principal: Principal, organisation: Organisation, role: str, name: str
) -> IssuedToken:
    if principal.alliance is None or organisation.alliance_id != principal.alliance.pk:
        raise ValidationError(_("The organisation is not part of this alliance."))
    if role not in TOKEN_ROLES:
        raise ValidationError(_("A token can only act as case manager or partner staff."))
    # A token never gives more than its issuer has: the issuer must hold the role there.
    if not any(o.pk == organisation.pk and r == role for o, r in token_roles_held(principal)):
        raise ValidationError(
            _("Only staff who hold this role in the organisation can issue such a token.")
        )
    prefix = secrets.token_hex(PREFIX_BYTES)
    while ApiToken.objects.filter(prefix=prefix).exists():  # pragma: no cover - 2^40 space
        prefix = secrets.token_hex(PREFIX_BYTES)
    secret = secrets.token_urlsafe(32)
    token = ApiToken(
        alliance=principal.alliance,
        organisation=organisation,
        name=name.strip(),
        prefix=prefix,
        token_hash=token_hash(prefix, secret),
        role=role,
        created_by=principal.user if principal.user.pk else None,
    )
    token.full_clean()
    token.save()
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=organisation,
        obj=token,
    )
    return IssuedToken(token=token, plain=f"{prefix}.{secret}")


@transaction.atomic
def api_token_revoke(*, principal: Principal, token: ApiToken) -> ApiToken:
    if principal.alliance is None or token.alliance_id != principal.alliance.pk:
        raise PermissionError("token of another alliance")
    if not _may_revoke(principal, token):
        raise PermissionError("may not revoke this token")
    if token.revoked_at is not None:
        raise ValidationError(_("This token has already been revoked."))
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=now, updated_at=now
    )
    token.revoked_at = now
    audit_record(
        action=AuditEvent.Action.DELETE,
        actor=principal.user,
        alliance=principal.alliance,
        organisation=token.organisation,
        obj=token,
        purpose="revoked",
    )
    return token


def api_token_authenticate(plain: str) -> ApiToken | None:
    """The live token for this string, or None; marks it used."""
    prefix, _sep, secret = plain.strip().partition(".")
    if not prefix or not secret or len(prefix) > 12:
        return None
    token = (
        ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True)
        .select_related("organisation", "alliance")
        .first()
    )
    if token is None or not hmac.compare_digest(token.token_hash, token_hash(prefix, secret)):
        return None
    still_held = Membership.objects.filter(
        organisation_id=token.organisation_id, role=token.role, is_active=True
    ).exists()
    if not still_held:
        return None
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return token


def token_principal(token: ApiToken) -> Principal:
    """The token as a principal: one membership-like grant, never a user of its own, and
    never more than its issuer sees today: an issuer whose membership is need-to-know (or
    who no longer holds the role) limits the token to the issuer's assigned persons."""
    from django.contrib.auth.models import AnonymousUser

    issuer_limited = token.created_by_id is None or not (
        Membership.objects.filter(
            user_id=token.created_by_id,
            organisation_id=token.organisation_id,
            alliance_id=token.alliance_id,
            role=token.role,
            is_active=True,
            assigned_only=False,
        ).exists()
    )
    grant = Membership(
        organisation=token.organisation,
        alliance=token.alliance,
        role=token.role,
        assigned_only=issuer_limited,
        is_active=True,
    )
    return TokenPrincipal(
        user=AnonymousUser(), alliance=token.alliance, memberships=[grant], token=token
    )


@dataclass
class TokenPrincipal(Principal):
    token: ApiToken | None = None

    def need_to_know_user_id(self) -> Any:
        return self.token.created_by_id if self.token else None
