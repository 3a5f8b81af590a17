"""Accompaniment of professionals and volunteers: contact points and a knowledge base."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from teilhabe.alliances.models.choices import ContactTopic
from teilhabe.core.models import Alliance, Organisation, UUIDModel


class ContactPoint(UUIDModel):
    """Where professionals and volunteers get help on a topic (an office, not a client)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("topic"), max_length=20, choices=ContactTopic.choices)
    name = models.CharField(_("office"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["topic", "name"]
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")

    def __str__(self) -> str:
        return self.name


class Article(UUIDModel):
    """A knowledge-base article; its text lives in versions, every edit adds one."""

    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    current = models.OneToOneField(
        "ArticleVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.current.title if self.current else str(self.pk)


class ArticleVersion(UUIDModel):
    alliance = models.ForeignKey(Alliance, on_delete=models.PROTECT, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Markdown: # heading, blank line between paragraphs, - list item, *emphasis*, "
            "**bold**, [link text](https://…)."
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    review_on = models.DateField(
        _("review date"), help_text=_("When the content has to be checked again.")
    )

    objects = ScopedManager(alliance="alliance")

    class Meta:
        ordering = ["article", "-number"]
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="article_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"
