"""E-mails leave from the task worker, never inside a request."""

from __future__ import annotations

from django_tasks import task

from teilhabe.notifications.models import Notification


@task()
def send_now(user_id: int) -> int:
    from teilhabe.notifications.mail import send_pending

    return send_pending(user_id, (Notification.Mail.NOW,))
