from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "teilhabe.reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from teilhabe.reporting import receivers

        receivers.connect()
