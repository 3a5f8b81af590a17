"""Need-to-know on an organisation's memberships, set by the alliance's coordinators.

Coordinators administer the alliance's organisations (partners, posts, core group); the
memberships themselves are created by the operators. Need-to-know (§ 35 SGB I) decides
which of its organisation's persons a case manager sees, so it is set here, audited."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, Membership, Role
from teilhabe.core.roles import Principal


@transaction.atomic
def membership_set_need_to_know(
    *, principal: Principal, membership_id: uuid.UUID | str, assigned_only: bool
) -> Membership:
    """Set or lift need-to-know on a case manager's membership in the principal's alliance.
    404 for anyone but its coordinators and for a membership of another alliance."""
    if not principal.is_coordinator or principal.alliance is None:
        raise Http404
    try:
        membership = (
            Membership.objects.select_for_update()
            .select_related("organisation")
            .get(pk=membership_id, alliance=principal.alliance)
        )
    except (Membership.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    if membership.role != Role.CASE_MANAGER:
        # Only case managers see persons as owners: the flag would mean nothing elsewhere.
        raise ValidationError(_("Need-to-know applies to case managers only."))
    if membership.assigned_only == assigned_only:
        return membership
    membership.assigned_only = assigned_only
    membership.save(update_fields=["assigned_only"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=principal.user,
        alliance=principal.alliance,
        # The controller whose persons the change concerns (its DPO reads the log).
        organisation=membership.organisation,
        obj=membership,
        purpose="need-to-know on" if assigned_only else "need-to-know off",
    )
    return membership
