"""Accompaniment: the contact-point directory and the versioned knowledge base."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max

from teilhabe.alliances.models import Article, ArticleVersion, ContactPoint
from teilhabe.alliances.services.common import (
    audit_write,
    require_coordinator,
    same_alliance,
    save_clean,
)
from teilhabe.core.models import AuditEvent, Organisation
from teilhabe.core.roles import Principal

CONTACT_FIELDS = ("topic", "name", "contact_name", "phone", "email", "address", "hours", "notes")


def _contact_values(
    contact: ContactPoint, organisation: Organisation | None, values: dict[str, str]
) -> None:
    same_alliance(organisation, contact.alliance, field="organisation")
    contact.organisation = organisation
    for key in CONTACT_FIELDS:
        setattr(contact, key, (values.get(key) or "").strip())


@transaction.atomic
def contact_point_create(
    *,
    principal: Principal,
    topic: str,
    name: str,
    organisation: Organisation | None = None,
    contact_name: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    hours: str = "",
    notes: str = "",
) -> ContactPoint:
    alliance = require_coordinator(principal)
    contact = ContactPoint(alliance=alliance)
    _contact_values(
        contact,
        organisation,
        {
            "topic": topic,
            "name": name,
            "contact_name": contact_name,
            "phone": phone,
            "email": email,
            "address": address,
            "hours": hours,
            "notes": notes,
        },
    )
    save_clean(contact)
    audit_write(principal, AuditEvent.Action.CREATE, contact)
    return contact


@transaction.atomic
def contact_point_update(
    *,
    principal: Principal,
    contact: ContactPoint,
    topic: str,
    name: str,
    organisation: Organisation | None = None,
    contact_name: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    hours: str = "",
    notes: str = "",
) -> ContactPoint:
    alliance = require_coordinator(principal)
    same_alliance(contact, alliance, field="name")
    _contact_values(
        contact,
        organisation,
        {
            "topic": topic,
            "name": name,
            "contact_name": contact_name,
            "phone": phone,
            "email": email,
            "address": address,
            "hours": hours,
            "notes": notes,
        },
    )
    save_clean(contact)
    audit_write(principal, AuditEvent.Action.UPDATE, contact)
    return contact


def _add_version(
    principal: Principal, article: Article, *, title: str, body: str, review_on: dt.date
) -> ArticleVersion:
    last = article.versions.aggregate(n=Max("number"))["n"] or 0
    version = save_clean(
        ArticleVersion(
            alliance=article.alliance,
            article=article,
            number=last + 1,
            title=title.strip(),
            body=body.strip(),
            author=principal.user if principal.user.is_authenticated else None,
            review_on=review_on,
        )
    )
    article.current = version
    save_clean(article, update_fields=["current", "updated_at"])
    return version


@transaction.atomic
def article_create(*, principal: Principal, title: str, body: str, review_on: dt.date) -> Article:
    alliance = require_coordinator(principal)
    article = save_clean(Article(alliance=alliance))
    _add_version(principal, article, title=title, body=body, review_on=review_on)
    audit_write(principal, AuditEvent.Action.CREATE, article)
    return article


@transaction.atomic
def article_update(
    *, principal: Principal, article: Article, title: str, body: str, review_on: dt.date
) -> ArticleVersion:
    """Every edit is a new version; earlier versions stay readable."""
    alliance = require_coordinator(principal)
    same_alliance(article, alliance, field="title")
    article = Article.objects.select_for_update().get(pk=article.pk)
    version = _add_version(principal, article, title=title, body=body, review_on=review_on)
    audit_write(principal, AuditEvent.Action.UPDATE, article, f"version {version.number}")
    return version
