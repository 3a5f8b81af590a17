"""The person list and the person page, whose sections come from several apps."""

from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.casework.models import Case
from teilhabe.casework.sharing.sections import consents_section, referrals_section
from teilhabe.casework.work.sections import (
    cases_section,
    contacts_section,
    needs_section,
    plan_section,
)
from teilhabe.core.exports import export_format
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest
from teilhabe.offers.sections import matching_section
from teilhabe.people.access import PersonAccess, get_person_access
from teilhabe.people.exports import person_list_export
from teilhabe.people.intake.sections import profile_section, status_section
from teilhabe.people.models import ResidenceStatus
from teilhabe.people.sections import RenderedSection, Section, master_section
from teilhabe.people.selectors import person_list
from teilhabe.people.services import person_view_record
from teilhabe.privacy.sections import privacy_section
from teilhabe.trajectories.sections import participations_section

SORTS = {
    "name": ("family_name", "given_name"),
    "-name": ("-family_name", "-given_name"),
    "geburt": ("date_of_birth", "family_name"),
    "-geburt": ("-date_of_birth", "family_name"),
}


class PersonFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        help_text=_("Also finds other spellings, e.g. Mohammed for Muhammad."),
    )
    status = forms.ChoiceField(
        label=_("Case status"),
        required=False,
        choices=[("", _("all")), *list(Case.Status.choices)],
    )
    residence_status = forms.ChoiceField(
        label=_("Current residence status"),
        required=False,
        choices=[("", _("all")), *list(ResidenceStatus.choices)],
    )
    mine = forms.BooleanField(label=_("Only my cases"), required=False)


@require_http_methods(["GET", "POST"])
def persons(request: AllianceRequest) -> HttpResponse:
    """The person list. Without JavaScript the filter form is a GET form; with htmx it is
    POSTed, so a typed name never lands in a URL, the browser history or a server log."""
    principal: Principal = request.principal
    if not principal.can_read_persons:
        raise Http404
    params = request.POST if request.method == "POST" else request.GET
    form = PersonFilterForm(params or None)
    data = form.cleaned_data if form.is_valid() else {}
    sort = params.get("sort", "name")
    sort = sort if sort in SORTS else "name"
    qs = person_list(
        principal,
        search=data.get("q", ""),
        only_mine=bool(data.get("mine")),
        status=data.get("status", ""),
        residence_status=data.get("residence_status", ""),
    ).order_by(*SORTS[sort], "id")
    fmt = export_format(request)
    if fmt:  # CSV/Excel of the filtered list (people.exports; own organisation's persons)
        return person_list_export(request, fmt, qs)
    page = Paginator(qs, settings.TEILHABE["PAGE_SIZE"]).get_page(params.get("seite"))
    query = QueryDict(mutable=True)
    for name in ("q", "status", "residence_status", "mine"):
        if params.get(name):
            query[name] = params[name]
    template = "people/_person_table.html" if request.htmx else "people/person_list.html"
    return TemplateResponse(
        request,
        template,
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "sort": sort,
            "sorts": _sort_links(sort),
            "can_intake": bool(principal.case_manager_memberships()),
        },
    )


def _sort_links(sort: str) -> dict[str, dict[str, str]]:
    """Per sortable column: the sort its link asks for and its aria-sort state."""
    links = {}
    for column in ("name", "geburt"):
        state = "ascending" if sort == column else "descending" if sort == f"-{column}" else ""
        links[column] = {"next": f"-{column}" if sort == column else column, "state": state}
    return links


@require_GET
def person_detail(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    principal: Principal = request.principal
    access = get_person_access(principal, person_id)
    person_view_record(access=access)
    return TemplateResponse(
        request,
        "people/person_detail.html",
        {"person": access.person, "access": access, "sections": sections_for(access)},
    )


# The person page's sections, in page order (each provider answers with fixed queries).
SECTIONS: list[Section] = [
    Section(
        "master",
        "people/sections/master.html",
        master_section,
        "master_data",
    ),
    Section(
        "status",
        "people/sections/status.html",
        status_section,
        "residence_status",
    ),
    Section(
        "profile",
        "people/sections/profile.html",
        profile_section,
        "education",
    ),
    Section(
        "cases",
        "casework/sections/cases.html",
        cases_section,
        "master_data",
    ),
    Section(
        "needs",
        "casework/sections/needs.html",
        needs_section,
        "needs",
    ),
    Section(
        "plan",
        "casework/sections/plan.html",
        plan_section,
        "plan",
    ),
    Section(
        "contacts",
        "casework/sections/contacts.html",
        contacts_section,
        None,
    ),
    Section(
        "consents",
        "casework/sections/consents.html",
        consents_section,
        None,
    ),
    Section(
        "referrals",
        "casework/sections/referrals.html",
        referrals_section,
        "master_data",
    ),
    Section(
        "participations",
        "trajectories/sections/participations.html",
        participations_section,
        "participations",
    ),
    Section(
        "matching",
        "offers/sections/matching.html",
        matching_section,
        None,
    ),
    Section(
        "privacy",
        "privacy/sections/privacy.html",
        privacy_section,
        None,
    ),
]


def sections_for(access: PersonAccess) -> list[RenderedSection]:
    return [
        RenderedSection(s.key, s.template, s.provider(access))
        for s in SECTIONS
        if s.visible(access)
    ]
