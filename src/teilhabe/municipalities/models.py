"""Reference geography from the Destatis Gemeindeverzeichnis (GV100AD).

Keys are the official AGS parts, so a new edition updates rows in place.
These tables hold no personal data and are shared by all alliances
(replicated reference tables under Citus).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

SOURCE_TEMPLATE = (
    "Quelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV100AD, Stand {stand}"
)


class Edition(models.Model):
    """One imported GV100AD edition; the newest gives the source line."""

    stand = models.DateField(_("territorial status"), unique=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)
    file_name = models.CharField(_("file name"), max_length=200)
    records = models.PositiveIntegerField(_("records"), default=0)

    class Meta:
        ordering = ["-stand"]
        verbose_name = _("GV100AD edition")
        verbose_name_plural = _("GV100AD editions")

    def __str__(self) -> str:
        return self.source_line

    @property
    def source_line(self) -> str:
        return SOURCE_TEMPLATE.format(stand=self.stand.strftime("%d.%m.%Y"))

    @classmethod
    def current_source_line(cls) -> str:
        edition = cls.objects.first()
        return edition.source_line if edition else ""


class Land(models.Model):
    key = models.CharField(_("key"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    seat = models.CharField(_("seat of government"), max_length=100, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("federal state")
        verbose_name_plural = _("federal states")

    def __str__(self) -> str:
        return self.name


class Regierungsbezirk(models.Model):
    key = models.CharField(_("key"), max_length=3, primary_key=True)  # Land + RB digit
    land = models.ForeignKey(Land, on_delete=models.PROTECT, related_name="bezirke")
    name = models.CharField(_("name"), max_length=100)
    seat = models.CharField(_("seat of administration"), max_length=100, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("administrative district")
        verbose_name_plural = _("administrative districts")

    def __str__(self) -> str:
        return self.name


class Kreis(models.Model):
    """A unit at Kreis level: a kreisfreie Stadt or a Kreis (incl. Städteregion)."""

    class Kind(models.TextChoices):
        KREISFREIE_STADT = "kreisfreie_stadt", _("independent city")
        KREIS = "kreis", _("district")

    key = models.CharField(_("key"), max_length=5, primary_key=True)
    regierungsbezirk = models.ForeignKey(
        Regierungsbezirk, on_delete=models.PROTECT, related_name="kreise"
    )
    name = models.CharField(_("name"), max_length=100)
    seat = models.CharField(_("seat of administration"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Destatis "Textkennzeichen" (41 kreisfreie Stadt, 42 Stadtkreis, 43 Kreis, 44 Landkreis,
    # 45 Regionalverband); kept so a new edition's codes need no code change.
    text_code = models.CharField(_("Destatis text code"), max_length=2)

    class Meta:
        ordering = ["key"]
        verbose_name = _("district-level unit")
        verbose_name_plural = _("district-level units")

    def __str__(self) -> str:
        return self.name


class Gemeinde(models.Model):
    ags = models.CharField(_("municipality key (AGS)"), max_length=8, primary_key=True)
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, related_name="gemeinden")
    name = models.CharField(_("name"), max_length=150)
    text_code = models.CharField(_("Destatis text code"), max_length=2)
    area_ha = models.PositiveBigIntegerField(_("area (ha)"), default=0)
    population = models.PositiveIntegerField(_("population"), default=0)
    population_male = models.PositiveIntegerField(_("population, male"), default=0)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)

    class Meta:
        ordering = ["ags"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    @property
    def is_kreisfrei(self) -> bool:
        return self.kreis.kind == Kreis.Kind.KREISFREIE_STADT
