"""Saving and deleting the caseload list's filters (the user's own preference; see
core.saved_filters). Applying one is the list itself with `?filter=<id>`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.core.saved_filters import clean_query, saved_filter_create, saved_filter_delete
from teilhabe.core.web import AllianceRequest
from teilhabe.pages.person_list import LIST_NAME, SAVED_PARAM
from teilhabe.people.filters import CaseloadFilter


def _list_url(request: AllianceRequest) -> str:
    return reverse("people:list", kwargs={"alliance_slug": request.alliance.slug})


@require_POST
def save_filter(request: AllianceRequest) -> HttpResponse:
    """Saves the posted filter values under the posted name, then shows the list with it."""
    if not request.principal.can_read_persons:
        raise Http404
    allowed = CaseloadFilter.base_filters.keys()
    try:
        saved = saved_filter_create(
            principal=request.principal,
            list_name=LIST_NAME,
            name=request.POST.get("filter_name", ""),
            query=clean_query(request.POST, allowed),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(_list_url(request))
    messages.success(request, _("The filter has been saved."))
    return redirect(f"{_list_url(request)}?{SAVED_PARAM}={saved.pk}")


@require_POST
def delete_saved_filter(request: AllianceRequest, saved_filter_id: str) -> HttpResponse:
    if not request.principal.can_read_persons:
        raise Http404
    saved_filter_delete(
        principal=request.principal, list_name=LIST_NAME, saved_filter_id=saved_filter_id
    )
    messages.success(request, _("The saved filter has been deleted."))
    return redirect(_list_url(request))
