"""The kinds of notification: what each says (without a personal value), in the singular
and plural, and how it is delivered until the user chooses otherwise."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy


class Kind(models.TextChoices):
    REFERRAL_NEW = "referral_new", _("New referral for my organisation")
    REFERRAL_ANSWER = "referral_answer", _("Answer to my referral")
    STATUS_EXPIRING = "status_expiring", _("Residence status of my person expires soon")
    FINDING_NEW = "finding_new", _("New early-warning finding")
    REMINDER_DUE = "reminder_due", _("Reminder due")
    CONSENT_EXPIRING = "consent_expiring", _("Consent expires soon")
    REPORT_READY = "report_ready", _("Report ready")
    IMPORT_FINISHED = "import_finished", _("Import finished")
    RELOCATION_NEW = "relocation_new", _("Handover from another alliance")
    TRAINING_REGISTERED = "training_registered", _("Registration for a training confirmed")
    TRAINING_MOVED_UP = "training_moved_up", _("Place at a training from the waiting list")
    ADVICE_NEW = "advice_new", _("New advice request for my organisation")
    ADVICE_ANSWER = "advice_answer", _("Answer to my advice request")
    ADVICE_REPLY = "advice_reply", _("Reply to an advice request I answered")
    EXPORT_FINISHED = "export_finished", _("Export written in the background")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In Teilhabe only")
    IMMEDIATE = "immediate", _("In Teilhabe and by e-mail at once")
    DIGEST = "digest", _("In Teilhabe and in the daily e-mail summary")
    OFF = "off", pgettext_lazy("notification channel", "Off")


def line(kind: str, count: int) -> str:
    """One phrase for `count` notifications of `kind` (no personal value)."""
    texts = {
        Kind.REFERRAL_NEW: ngettext(
            "%(count)d new referral for your organisation",
            "%(count)d new referrals for your organisation",
            count,
        ),
        Kind.REFERRAL_ANSWER: ngettext(
            "%(count)d answer to your referrals", "%(count)d answers to your referrals", count
        ),
        Kind.STATUS_EXPIRING: ngettext(
            "%(count)d residence status expires soon",
            "%(count)d residence statuses expire soon",
            count,
        ),
        Kind.FINDING_NEW: ngettext(
            "%(count)d new early-warning finding", "%(count)d new early-warning findings", count
        ),
        Kind.REMINDER_DUE: ngettext(
            "%(count)d reminder due today", "%(count)d reminders due today", count
        ),
        Kind.CONSENT_EXPIRING: ngettext(
            "%(count)d consent expires soon", "%(count)d consents expire soon", count
        ),
        Kind.REPORT_READY: ngettext(
            "%(count)d report is ready", "%(count)d reports are ready", count
        ),
        Kind.IMPORT_FINISHED: ngettext(
            "%(count)d import has finished", "%(count)d imports have finished", count
        ),
        Kind.RELOCATION_NEW: ngettext(
            "%(count)d handover from another alliance",
            "%(count)d handovers from other alliances",
            count,
        ),
        Kind.TRAINING_REGISTERED: ngettext(
            "%(count)d registration for a training confirmed",
            "%(count)d registrations for trainings confirmed",
            count,
        ),
        Kind.TRAINING_MOVED_UP: ngettext(
            "%(count)d place at a training has become free for you",
            "%(count)d places at trainings have become free for you",
            count,
        ),
        Kind.ADVICE_NEW: ngettext(
            "%(count)d new advice request", "%(count)d new advice requests", count
        ),
        Kind.ADVICE_ANSWER: ngettext(
            "%(count)d answer to your advice requests",
            "%(count)d answers to your advice requests",
            count,
        ),
        Kind.ADVICE_REPLY: ngettext(
            "%(count)d reply to an advice request", "%(count)d replies to advice requests", count
        ),
        Kind.EXPORT_FINISHED: ngettext(
            "%(count)d export has finished", "%(count)d exports have finished", count
        ),
    }
    return texts[Kind(kind)] % {"count": count}


# Referrals wait for someone: at once. What the daily runs find: in the morning summary.
DEFAULT_CHANNEL: dict[str, str] = {
    Kind.REFERRAL_NEW: Channel.IMMEDIATE,
    Kind.REFERRAL_ANSWER: Channel.IMMEDIATE,
    Kind.STATUS_EXPIRING: Channel.DIGEST,
    Kind.FINDING_NEW: Channel.DIGEST,
    Kind.REMINDER_DUE: Channel.DIGEST,
    Kind.CONSENT_EXPIRING: Channel.DIGEST,
    Kind.REPORT_READY: Channel.IN_APP,
    Kind.IMPORT_FINISHED: Channel.IN_APP,
    Kind.RELOCATION_NEW: Channel.IMMEDIATE,
    Kind.TRAINING_REGISTERED: Channel.IN_APP,
    # A place that became free is worth an e-mail: the training may be soon.
    Kind.TRAINING_MOVED_UP: Channel.IMMEDIATE,
    Kind.ADVICE_NEW: Channel.IMMEDIATE,
    Kind.ADVICE_ANSWER: Channel.IMMEDIATE,
    Kind.ADVICE_REPLY: Channel.IMMEDIATE,
    Kind.EXPORT_FINISHED: Channel.IN_APP,
}
