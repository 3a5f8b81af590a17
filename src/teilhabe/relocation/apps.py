from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelocationConfig(AppConfig):
    name = "teilhabe.relocation"
    verbose_name = _("Moves between alliances")
