"""The Django admin (/verwaltung/): for operators, behind allauth's login and the second
factor (urls.py, core.middleware), every change audited."""

from __future__ import annotations

import uuid

from django.contrib import admin
from django.contrib.admin.models import ADDITION, DELETION, LogEntry

from teilhabe.core.audit import audit_record
from teilhabe.core.models import Alliance, AuditEvent, Membership, Organisation, StateRole

# Deleting several rows at once writes its LogEntry rows with bulk_create, which sends no
# signal, so `audit_admin_change` would miss them: the admin deletes one row at a time.
admin.site.disable_action("delete_selected")


def audit_admin_change(entry: LogEntry) -> None:
    """An admin change as an audit event, in the admin's transaction: action, model and id
    only; LogEntry's object_repr and change_message may hold names and are not copied."""
    action = {ADDITION: AuditEvent.Action.CREATE, DELETION: AuditEvent.Action.DELETE}.get(
        entry.action_flag, AuditEvent.Action.UPDATE
    )
    try:
        object_id = uuid.UUID(str(entry.object_id))
    except ValueError:
        object_id = None  # an integer key (users, groups): the model is named, not the row
    content_type = entry.content_type
    audit_record(
        action=action,
        actor=entry.user,
        object_type=f"{content_type.app_label}.{content_type.model}" if content_type else "",
        object_id=object_id,
        purpose="admin",
    )


@admin.register(Alliance)
class AllianceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "body_kind"]
    search_fields = ["name", "slug"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "alliance", "kind", "is_lead_office"]
    list_filter = ["kind"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role"]


@admin.register(StateRole)
class StateRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role"]
