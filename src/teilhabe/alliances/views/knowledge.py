"""Accompaniment: contact points and the knowledge base. Every member reads them,
volunteers included; coordinators edit."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.alliances import selectors, services
from teilhabe.alliances.access import get_article, get_contact_point
from teilhabe.alliances.forms import ArticleForm, ContactPointForm
from teilhabe.alliances.markdown import render_markdown
from teilhabe.alliances.services.knowledge import CONTACT_FIELDS
from teilhabe.core.web import AllianceRequest, alliance_view, form_page


def _url(request: AllianceRequest, name: str, *args: Any) -> str:
    return reverse(f"alliances:{name}", args=[request.alliance.slug, *args])


@alliance_view("member")
@require_GET
def contact_list(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    return TemplateResponse(
        request,
        "alliances/contact_list.html",
        {
            "topics": selectors.contact_points_by_topic(request.alliance),
            "is_coordinator": principal.is_coordinator,
        },
    )


@alliance_view("coordinator")
def contact_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    form = ContactPointForm(request.POST or None, alliance=request.alliance)

    def save(data: dict[str, Any]) -> str:
        services.contact_point_create(principal=principal, **data)
        return _url(request, "contact_list")

    return form_page(
        request,
        form,
        save=save,
        title=_("Add a contact point"),
        submit=_("Add contact point"),
        back_url=_url(request, "contact_list"),
        success=_("The contact point has been added."),
        preline=request.alliance.name,
    )


@alliance_view("coordinator")
def contact_edit(request: AllianceRequest, contact_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    contact = get_contact_point(principal, contact_id)
    initial = {f: getattr(contact, f) for f in CONTACT_FIELDS}
    initial["organisation"] = contact.organisation
    form = ContactPointForm(request.POST or None, alliance=request.alliance, initial=initial)

    def save(data: dict[str, Any]) -> str:
        services.contact_point_update(principal=principal, contact=contact, **data)
        return _url(request, "contact_list")

    return form_page(
        request,
        form,
        save=save,
        title=_("Edit contact point"),
        submit=_("Save"),
        back_url=_url(request, "contact_list"),
        success=_("The contact point has been saved."),
        preline=contact.name,
    )


@alliance_view("member")
@require_GET
def article_list(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    return TemplateResponse(
        request,
        "alliances/article_list.html",
        {
            "articles": selectors.articles_for(request.alliance),
            "is_coordinator": principal.is_coordinator,
            "today": timezone.localdate(),
        },
    )


@alliance_view("member")
@require_GET
def article_detail(request: AllianceRequest, article_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    article = get_article(principal, article_id)
    versions = list(selectors.versions_of(article))
    shown = versions[0] if versions else None
    wanted = request.GET.get("version")
    if wanted:
        shown = next((v for v in versions if str(v.number) == wanted), None)
        if shown is None:
            raise Http404
    return TemplateResponse(
        request,
        "alliances/article_detail.html",
        {
            "article": article,
            "version": shown,
            "is_current": shown is not None and shown.pk == article.current_id,
            "body": render_markdown(shown.body if shown else ""),
            "versions": versions,
            "is_coordinator": principal.is_coordinator,
            "today": timezone.localdate(),
        },
    )


@alliance_view("coordinator")
def article_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    form = ArticleForm(request.POST or None)

    def save(data: dict[str, Any]) -> str:
        article = services.article_create(principal=principal, **data)
        return _url(request, "article_detail", article.pk)

    return form_page(
        request,
        form,
        save=save,
        title=_("Write an article"),
        submit=_("Publish article"),
        back_url=_url(request, "article_list"),
        success=_("The article has been published."),
        preline=_("Knowledge base"),
    )


@alliance_view("coordinator")
def article_edit(request: AllianceRequest, article_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    article = get_article(principal, article_id)
    current = article.current
    initial = (
        {"title": current.title, "body": current.body, "review_on": current.review_on}
        if current
        else {}
    )
    form = ArticleForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> str:
        services.article_update(principal=principal, article=article, **data)
        return _url(request, "article_detail", article.pk)

    return form_page(
        request,
        form,
        save=save,
        title=_("Edit article"),
        submit=_("Save as new version"),
        back_url=_url(request, "article_detail", article.pk),
        success=_("A new version of the article has been saved."),
        preline=current.title if current else _("Knowledge base"),
        intro=_("Every change is kept as a new version; earlier versions stay readable."),
    )
