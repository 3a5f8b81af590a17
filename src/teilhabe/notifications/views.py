"""The notification centre: the bell's count, the list, opening one, the settings."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from teilhabe.core.web import SignedInRequest, form_page, safe_next
from teilhabe.notifications import services
from teilhabe.notifications.kinds import DEFAULT_CHANNEL, Channel, Kind
from teilhabe.notifications.models import Notification, Preferences

PAGE_SIZE = 25


class NotificationFilter(django_filters.FilterSet):
    art = django_filters.ChoiceFilter(
        field_name="kind",
        choices=Kind.choices,
        label=gettext_lazy("Kind"),
        empty_label=gettext_lazy("All kinds"),
    )
    gelesen = django_filters.ChoiceFilter(
        label=gettext_lazy("Read"),
        choices=[("nein", gettext_lazy("Unread only")), ("ja", gettext_lazy("Read only"))],
        empty_label=gettext_lazy("Read and unread"),
        method="filter_read",
    )
    sortierung = django_filters.ChoiceFilter(
        label=gettext_lazy("Order"),
        choices=[("neu", gettext_lazy("Newest first")), ("alt", gettext_lazy("Oldest first"))],
        empty_label=None,
        method="order",
    )

    class Meta:
        model = Notification
        fields: list[str] = []

    def filter_read(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(read_at__isnull=(value == "nein"))

    def order(self, queryset: Any, name: str, value: str) -> Any:
        oldest = value == "alt"
        return queryset.order_by(*(("created_at", "id") if oldest else ("-created_at", "-id")))


@login_required
@require_GET
def notification_list(request: SignedInRequest) -> HttpResponse:
    mine = Notification.objects.filter(user=request.user)
    data = request.GET.copy()
    data.setdefault("sortierung", "neu")
    filterset = NotificationFilter(data, queryset=mine)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = data.copy()
    query.pop("seite", None)
    return render(
        request,
        "notifications/list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "unread": mine.filter(read_at__isnull=True).count(),
        },
    )


@login_required
@require_GET
def notification_open(request: SignedInRequest, notification_id: int) -> HttpResponse:
    """Opening marks it read and leads to its page (which checks access as always)."""
    try:
        notification = services.notification_read(
            user=request.user, notification_id=notification_id
        )
    except Notification.DoesNotExist as exc:
        raise Http404 from exc
    return redirect(safe_next(request, notification.url) or reverse("core:home"))


@login_required
@require_POST
def notifications_read_all(request: SignedInRequest) -> HttpResponse:
    count = services.notifications_read_all(user=request.user)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("notifications:list")


@login_required
@require_GET
def notification_badge(request: SignedInRequest) -> HttpResponse:
    """The bell's count, fetched after the page (htmx): pages keep their query count."""
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True).count()
    return render(request, "notifications/_badge.html", {"unread": unread})


class PreferencesForm(forms.Form):
    def __init__(self, *args: Any, prefs: Preferences | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored = prefs.channels if prefs else {}
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Channel.choices,
                initial=stored.get(kind.value, DEFAULT_CHANNEL[kind]),
            )
        self.fields["language"] = forms.ChoiceField(
            label=gettext_lazy("Language of the e-mails"),
            choices=Preferences.Language.choices,
            initial=prefs.language if prefs else Preferences.Language.GERMAN,
            help_text=gettext_lazy("German, or English where you prefer it."),
        )


@login_required
def notification_preferences(request: SignedInRequest) -> HttpResponse:
    prefs = Preferences.objects.filter(user=request.user).first()
    form = PreferencesForm(request.POST or None, prefs=prefs)

    def save(data: dict[str, Any]) -> str:
        services.notification_preferences_update(
            user=request.user,
            channels={kind.value: data[kind.value] for kind in Kind},
            language=data["language"],
        )
        return reverse("notifications:preferences")

    return form_page(
        request,
        form,
        save=save,
        title=_("Notification settings"),
        submit=_("Save settings"),
        back_url=reverse("notifications:list"),
        success=_("Your notification settings are saved."),
        intro=_(
            "Choose for each kind how you are told. E-mails never contain personal data: "
            "only how many new items there are, and a link to sign in."
        ),
    )
