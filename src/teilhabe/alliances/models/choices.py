"""Choice lists of the initiative. Each value keeps one English name (see docs/glossary)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    """The three kinds of body that may join (same values as core's Alliance.BodyKind)."""

    KREISFREIE_STADT = "kreisfreie_stadt", _("independent city")
    KREIS = "kreis", _("district")
    GEMEINDE = "gemeinde", _("municipality belonging to a district")


class SignerFunction(models.TextChoices):
    """Functions of members of a municipal administrative board (Verwaltungsvorstand)."""

    OBERBUERGERMEISTER = "oberbuergermeister", _("Lord mayor (Oberbürgermeister/in)")
    BUERGERMEISTER = "buergermeister", _("Mayor (Bürgermeister/in)")
    LANDRAT = "landrat", _("District administrator (Landrat/Landrätin)")
    BEIGEORDNETE = "beigeordnete", _("Deputy (Beigeordnete/r)")
    KREISDIREKTOR = "kreisdirektor", _("District director (Kreisdirektor/in)")
    STADTDIREKTOR = "stadtdirektor", _("City director (Stadtdirektor/in)")
    KAEMMERER = "kaemmerer", _("Treasurer (Kämmerer/in)")


# Which board functions exist for which kind of body: a Landrat signs for a Kreis, never
# for a city; a (Ober-)Bürgermeister signs for a city or Gemeinde, never for a Kreis.
SIGNER_FUNCTIONS_BY_BODY: dict[str, set[str]] = {
    BodyKind.KREISFREIE_STADT: {
        SignerFunction.OBERBUERGERMEISTER,
        SignerFunction.BEIGEORDNETE,
        SignerFunction.STADTDIREKTOR,
        SignerFunction.KAEMMERER,
    },
    BodyKind.KREIS: {
        SignerFunction.LANDRAT,
        SignerFunction.KREISDIREKTOR,
        SignerFunction.BEIGEORDNETE,
        SignerFunction.KAEMMERER,
    },
    BodyKind.GEMEINDE: {
        SignerFunction.OBERBUERGERMEISTER,
        SignerFunction.BUERGERMEISTER,
        SignerFunction.BEIGEORDNETE,
        SignerFunction.STADTDIREKTOR,
        SignerFunction.KAEMMERER,
    },
}


class LeadOfficeType(models.TextChoices):
    KI = "ki", _("Municipal integration centre (Kommunales Integrationszentrum)")
    BILDUNGSBUERO = "bildungsbuero", _("Regional education office (Regionales Bildungsbüro)")
    KAOA = "kaoa", _("Municipal coordination office KAoA")
    JUGENDAMT = "jugendamt", _("Youth welfare office (Jugendamt)")
    SOZIALAMT = "sozialamt", _("Social welfare office (Sozialamt)")
    OTHER = "other", _("Other office")


class DeclarationStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class LegalDomain(models.TextChoices):
    """The legal domain (Rechtskreis) a partner stands for."""

    ASYLBLG = "asylblg", _("AsylbLG (asylum seekers' benefits)")
    SGB2 = "sgb2", _("SGB II (job centre)")
    SGB3 = "sgb3", _("SGB III (employment agency)")
    SGB8 = "sgb8", _("SGB VIII (youth welfare)")
    AUFENTHG = "aufenthg", _("AufenthG (residence law)")
    NONE = "none", _("none")


class WorkshopKind(models.TextChoices):
    STARTER = "starter", _("STARTER workshop")
    DEVELOPMENT = "development", _("Development workshop")
    CORE_GROUP = "core_group", _("Core group meeting")
    OTHER = "other", _("Other meeting")


class Organiser(models.TextChoices):
    JMD = "jmd", _("Youth migration service (JMD)")
    LAKI = "laki", _("State coordination office LaKI")
    LEAD_OFFICE = "lead_office", _("Lead office")
    MINISTRY = "ministry", _("Ministry")
    OTHER = "other", _("Other")


class PriorityStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class ContactTopic(models.TextChoices):
    RESIDENCE_LAW = "residence_law", _("Residence law")
    RECOGNITION = "recognition", _("Recognition of certificates")
    TRAINING = "training", _("Training support")
    HOUSING = "housing", _("Housing")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial help")
    OTHER = "other", _("Other topics")
