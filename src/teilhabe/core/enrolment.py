"""Enrolment codes for the first second factor (TOTP).

A person-seeing account starts without an authenticator. Setting one up needs, besides the
password, a one-time code through a second channel: an e-mail to the address the
administration registered (sent by the task worker) or a code an administrator issues
(`teilhabe enrolment_code <address>`). The code is valid for 30 minutes and once; five
wrong entries burn it. Only a keyed hash is stored.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_tasks import task

from teilhabe.core.audit import audit_record
from teilhabe.core.models import AuditEvent, EnrolmentCode

VALIDITY = dt.timedelta(minutes=30)
MAX_FAILURES = 5
# Between two e-mailed codes: nobody can flood an address by pressing the button.
RESEND_PAUSE = dt.timedelta(minutes=1)
# How long a redeemed code lets the session open the set-up page.
SESSION_KEY = "teilhabe_enrolment_until"
SESSION_WINDOW = dt.timedelta(minutes=15)


def _hash(user: User, code: str) -> str:
    return salted_hmac("teilhabe.enrolment", f"{user.pk}:{code}").hexdigest()


@transaction.atomic
def enrolment_code_issue(*, principal: User | None, user: User) -> str:
    """A new code for `user` (earlier open codes end); returns it once, in plain text.
    `principal` is the administrator who issues it, None for the user's own e-mail."""
    now = timezone.now()
    EnrolmentCode.objects.filter(user=user, used_at=None).update(used_at=now)
    code = f"{secrets.randbelow(10**8):08d}"
    EnrolmentCode.objects.create(
        user=user, code_hash=_hash(user, code), issued_by=principal, expires_at=now + VALIDITY
    )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=principal or user,
        object_type="enrolment_code",
    )
    return code


def may_send(user: User) -> bool:
    """Whether a new code may be e-mailed now (at most one a minute)."""
    last = EnrolmentCode.objects.filter(user=user).values_list("created_at", flat=True).first()
    return last is None or timezone.now() - last >= RESEND_PAUSE


def enrolment_code_send(*, user: User) -> None:
    """Queue the e-mail with a new code; the worker creates and sends it (no code waits in
    the queue, no mail leaves inside a request)."""
    send_enrolment_code.enqueue(user.pk)


@task()
def send_enrolment_code(user_id: int) -> bool:
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils.translation import gettext as _

    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return False
    code = enrolment_code_issue(principal=None, user=user)
    context = {"code": f"{code[:4]} {code[4:]}", "minutes": int(VALIDITY.total_seconds() // 60)}
    subject = _("Your code for setting up two-factor sign-in in Teilhabe")
    message = EmailMultiAlternatives(
        subject, render_to_string("account/mail/enrolment_code.txt", context), to=[user.email]
    )
    message.attach_alternative(
        render_to_string("account/mail/enrolment_code.html", {**context, "subject": subject}),
        "text/html",
    )
    message.send()
    return True


@transaction.atomic
def enrolment_code_redeem(*, user: User, code: str) -> bool:
    """Whether `code` is the user's open code; a right code is used up, a wrong one counts
    against the open code (burnt after five)."""
    entered = "".join(ch for ch in code if ch.isdigit())
    now = timezone.now()
    current = (
        EnrolmentCode.objects.select_for_update()
        .filter(user=user, used_at=None, expires_at__gt=now)
        .first()
    )
    if current is None:
        return False
    if hmac.compare_digest(current.code_hash, _hash(user, entered)):
        current.used_at = now
        current.save(update_fields=["used_at"])
        audit_record(action=AuditEvent.Action.UPDATE, actor=user, object_type="enrolment_code")
        return True
    current.failed_attempts += 1
    if current.failed_attempts >= MAX_FAILURES:
        current.used_at = now
    current.save(update_fields=["failed_attempts", "used_at"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        actor=user,
        object_type="enrolment_code",
        outcome=AuditEvent.Outcome.FAILED,
    )
    return False
