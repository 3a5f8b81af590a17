"""Advice requests: the asker's list, the advisors' inbox, the thread of one request. Every
member asks (volunteers included); advisors are the case managers and coordinators of the
asked organisation (`advice.access`)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teilhabe.advice import services
from teilhabe.advice.access import asked_by, get_request, inbox_for, is_advisor, may_advise
from teilhabe.advice.forms import AdviceRequestForm, MessageForm, RequestFilter
from teilhabe.advice.models import AdviceRequest
from teilhabe.core.web import AllianceRequest, alliance_view, apply_errors, form_page

PAGE_SIZE = 25


def _url(request: AllianceRequest, name: str, *args: Any) -> str:
    return reverse(f"advice:{name}", args=[request.alliance.slug, *args])


def _list_page(
    request: AllianceRequest, rows: QuerySet[AdviceRequest], template: str, **extra: Any
) -> HttpResponse:
    data = request.GET.copy()
    data.setdefault("sortierung", "neu")
    filterset = RequestFilter(data, queryset=rows.select_related("advising_organisation"))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = data.copy()
    query.pop("seite", None)
    context = {"filter": filterset, "page": page, "query": query.urlencode(), **extra}
    return TemplateResponse(request, template, context)


@alliance_view("member")
@require_GET
def request_list(request: AllianceRequest) -> HttpResponse:
    """The requests the user asked."""
    return _list_page(
        request,
        asked_by(request.principal),
        "advice/request_list.html",
        is_advisor=is_advisor(request.principal),
    )


@alliance_view("member")
@require_GET
def inbox(request: AllianceRequest) -> HttpResponse:
    """The requests to the user's organisations (advisors only)."""
    if not is_advisor(request.principal):
        raise Http404
    return _list_page(request, inbox_for(request.principal), "advice/inbox.html")


@alliance_view("member")
def request_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    form = AdviceRequestForm(request.POST or None, alliance=request.alliance)

    def save(data: dict[str, Any]) -> str:
        created = services.advice_request_create(principal=principal, **data)
        return _url(request, "request_detail", created.pk)

    return form_page(
        request,
        form,
        save=save,
        title=_("Ask a question"),
        submit=_("Send question"),
        back_url=_url(request, "request_list"),
        success=_("Your question has been sent."),
        preline=_("Advice"),
        intro=_(
            "The Teilhabemanagement or another advising organisation of the alliance answers "
            "your question. Describe the situation without personal data: no names, dates "
            "of birth, file or AZR numbers. Before sending, Teilhabe checks the text and "
            "warns you."
        ),
        template="advice/form.html",
    )


@alliance_view("member")
def request_detail(request: AllianceRequest, request_id: uuid.UUID) -> HttpResponse:
    """The thread; the asker and the advisors write into it (checked like the question)."""
    principal = request.principal
    advice = get_request(principal, request_id)
    advisor = may_advise(principal, advice)
    writes = advisor or advice.asked_by_id == request.user.pk  # coordinators only read
    if request.method == "POST" and not writes:
        raise Http404
    form = MessageForm(request.POST or None, alliance=request.alliance)
    if request.method == "POST" and form.is_valid():
        try:
            services.advice_message_add(
                principal=principal,
                request=advice,
                body=form.cleaned_data["body"],
                confirmed_warning=form.cleaned_data["confirmed_warning"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your message has been sent."))
            return redirect(_url(request, "request_detail", advice.pk))
    open_ = advice.status != AdviceRequest.Status.CLOSED
    return TemplateResponse(
        request,
        "advice/request_detail.html",
        {
            "advice": advice,
            "thread": list(advice.messages.select_related("author")),
            "form": form if open_ and writes else None,
            "is_advisor": advisor,
            "may_take": advisor and open_ and advice.taken_by_id != request.user.pk,
            "may_close": open_ and writes,
            "may_publish": principal.is_coordinator
            and advice.first_answer_at is not None
            and advice.article_id is None,
        },
    )


def _act(request: AllianceRequest, request_id: uuid.UUID, action: str) -> HttpResponse:
    principal = request.principal
    advice = get_request(principal, request_id)
    try:
        if action == "accept":
            services.advice_request_accept(principal=principal, request=advice)
            messages.success(request, _("You have taken the request."))
        elif action == "close":
            services.advice_request_close(principal=principal, request=advice)
            messages.success(request, _("The request has been closed."))
        else:
            article = services.advice_article_create(principal=principal, request=advice)
            messages.success(request, _("The answer is now an article of the knowledge base."))
            return redirect(
                reverse("alliances:article_detail", args=[request.alliance.slug, article.pk])  # type: ignore[attr-defined]
            )
    except PermissionError as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(_url(request, "request_detail", advice.pk))


@alliance_view("member")
@require_POST
def request_accept(request: AllianceRequest, request_id: uuid.UUID) -> HttpResponse:
    return _act(request, request_id, "accept")


@alliance_view("member")
@require_POST
def request_close(request: AllianceRequest, request_id: uuid.UUID) -> HttpResponse:
    return _act(request, request_id, "close")


@alliance_view("coordinator")
@require_POST
def request_article(request: AllianceRequest, request_id: uuid.UUID) -> HttpResponse:
    return _act(request, request_id, "article")
