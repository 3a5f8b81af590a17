from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from teilhabe.casework.models import Case
from teilhabe.core.roles import Principal
from teilhabe.people.access import get_person_access
from teilhabe.people.sections import sections_for
from teilhabe.people.selectors import person_list
from teilhabe.people.services import person_view_record

SORTS = {
    "name": ("family_name", "given_name"),
    "-name": ("-family_name", "-given_name"),
    "geburt": ("date_of_birth", "family_name"),
    "-geburt": ("-date_of_birth", "family_name"),
}


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Case status"),
        required=False,
        choices=[("", _("all")), *list(Case.Status.choices)],
    )
    mine = forms.BooleanField(label=_("Only my cases"), required=False)


@require_GET
def person_list_view(request: HttpRequest) -> HttpResponse:
    principal: Principal = request.principal  # type: ignore[attr-defined]
    if not principal.can_read_persons:
        raise Http404
    form = PersonFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    sort = request.GET.get("sort", "name")
    qs = person_list(
        principal,
        search=data.get("q", ""),
        only_mine=bool(data.get("mine")),
        status=data.get("status", ""),
    ).order_by(*SORTS.get(sort, SORTS["name"]), "id")
    page = Paginator(qs, settings.TEILHABE["PAGE_SIZE"]).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    template = "people/_person_table.html" if request.htmx else "people/person_list.html"  # type: ignore[attr-defined]
    return TemplateResponse(
        request,
        template,
        {"form": form, "page": page, "query": query.urlencode(), "sort": sort},
    )


@require_GET
def person_detail_view(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    principal: Principal = request.principal  # type: ignore[attr-defined]
    access = get_person_access(principal, person_id)
    person_view_record(access=access)
    return TemplateResponse(
        request,
        "people/person_detail.html",
        {"person": access.person, "access": access, "sections": sections_for(access)},
    )
