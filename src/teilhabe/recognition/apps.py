from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "teilhabe.recognition"
    verbose_name = _("Recognition of foreign certificates")
