from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "teilhabe.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from teilhabe.core import signals  # noqa: F401  (login audit receivers)
