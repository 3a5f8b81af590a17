"""Matrix rows for the notification centre: every signed-in user has their own; opening
someone else's notification is 404."""

from __future__ import annotations

from typing import Any

from teilhabe.notifications.models import Notification
from tests.conftest import World
from tests.matrix import LOGGED_IN_OK, POST_ONLY, row

EXPECTED: dict[str, dict[str, int]] = {
    "notifications:list": LOGGED_IN_OK,
    "notifications:badge": LOGGED_IN_OK,
    "notifications:preferences": LOGGED_IN_OK,
    "notifications:read_all": POST_ONLY,
    # The owner is led to the notification's page; for everyone else it does not exist.
    "notifications:open": row(404, anon=302, cm_a=302),
}


def url_kwargs(world: World) -> dict[str, Any]:
    note = Notification.objects.create(user=world.users["cm_a"], kind="reminder_due", url="/")
    return {"notification_id": note.pk}
