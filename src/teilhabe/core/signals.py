"""Login events come from Django/allauth as signals; each receiver only calls the audit
service (no other logic lives in signals). The failed-login signal carries the typed user
name: it is deliberately not recorded. Changes in the Django admin arrive as its LogEntry
rows."""

from __future__ import annotations

from typing import Any

from allauth.mfa.signals import authenticator_added
from django.contrib.admin.models import LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent


@receiver(user_logged_in)
def _audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(action=AuditEvent.Action.LOGIN, actor=user, object_type="session")


@receiver(user_logged_out)
def _audit_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(action=AuditEvent.Action.LOGOUT, actor=user, object_type="session")


@receiver(user_login_failed)
def _audit_login_failed(sender: Any, credentials: Any, request: Any = None, **kwargs: Any) -> None:
    audit_record(
        action=AuditEvent.Action.LOGIN_FAILED,
        object_type="session",
        outcome=AuditEvent.Outcome.FAILED,
    )


@receiver(authenticator_added)
def _second_factor_proven(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    # Activating TOTP requires a valid code: that proves the factor for this session too.
    from allauth.account.internal.flows.login import record_authentication

    if request is not None:
        record_authentication(request, user, "mfa", type="totp")


@receiver(post_save, sender=LogEntry)
def _audit_admin_change(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    from teilhabe.core.admin import audit_admin_change

    if created:
        audit_admin_change(instance)
