"""The calendar feed: the case manager's page to create, name or revoke it, and the feed
itself at /kalender/<secret>.ics (no login: the secret is the key; 404 when unknown)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_scopes import scope

from teilhabe.casework.work import calendar
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest

TOKEN_KEY = "teilhabe_calendar_token"  # noqa: S105 — a session key; the new address, shown once after creating


@require_http_methods(["GET", "POST"])
def calendar_feed(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    if not principal.case_manager_memberships():
        raise Http404
    user = request.user
    feed = calendar.active_feed(user, request.alliance)  # type: ignore[arg-type]
    if request.method == "POST":
        action = request.POST.get("aktion", "")
        with_names = request.POST.get("with_names") == "on"
        if action == "anlegen":
            with_names = feed.with_names if feed is not None else with_names
            _feed, token = calendar.calendarfeed_create(principal=principal, with_names=with_names)
            request.session[TOKEN_KEY] = token
            messages.success(request, _("Your calendar address has been created."))
        elif action == "namen" and feed is not None:
            calendar.calendarfeed_set_names(principal=principal, feed=feed, with_names=with_names)
            messages.success(request, _("The setting has been saved."))
        elif action == "widerrufen":
            calendar.calendarfeed_revoke(principal=principal)
            messages.success(request, _("Your calendar address no longer works."))
        else:
            raise Http404
        return redirect("people:work:calendar_feed", request.alliance.slug)
    token = request.session.pop(TOKEN_KEY, "")
    feed_url = (
        request.build_absolute_uri(reverse("calendar_feed_ics", args=[token])) if token else ""
    )
    return TemplateResponse(
        request, "casework/work/calendar_feed.html", {"feed": feed, "feed_url": feed_url}
    )


@require_GET
def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    feed = calendar.feed_for_token(token)
    if feed is None:
        raise Http404
    principal = Principal.for_alliance(feed.user, feed.alliance)
    if not feed.user.is_active or not principal.case_manager_memberships():
        raise Http404
    slug = feed.alliance.slug

    def person_url(person_id: object) -> str:
        return request.build_absolute_uri(reverse("people:detail", args=[slug, person_id]))

    with scope(alliance=feed.alliance):
        body = calendar.build_calendar(
            calendar.feed_reminders(principal), with_names=feed.with_names, person_url=person_url
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="teilhabe.ics"'
    return response
