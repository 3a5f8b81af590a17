from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "teilhabe.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from teilhabe.notifications import receivers

        receivers.connect()
