"""The alliance page: partners, core group, Teilhabemanagement posts, fields of action."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teilhabe.alliances import selectors, services
from teilhabe.alliances.access import get_core_group_member, get_partner, get_post
from teilhabe.alliances.export import partner_rows
from teilhabe.alliances.forms import CoreGroupMemberForm, FieldOfActionForm, PartnerForm, PostForm
from teilhabe.core.exports import EXPORT_CHUNK, export_format, export_response
from teilhabe.core.web import AllianceRequest, alliance_view, form_page


def _home(request: AllianceRequest) -> str:
    return reverse("alliances:overview", args=[request.alliance.slug])


@alliance_view("staff")
@require_GET
def overview(request: AllianceRequest) -> HttpResponseBase:
    principal = request.principal
    alliance = principal.alliance
    assert alliance is not None
    fmt = export_format(request)
    if fmt:  # the partner table as CSV/Excel (core.exports)
        header, rows = partner_rows(selectors.partners_for(alliance).iterator(EXPORT_CHUNK))
        return export_response(request, fmt=fmt, filename=_("partners"), header=header,
                               rows=rows, list_name="alliances.partners")  # fmt: skip
    return TemplateResponse(
        request,
        "alliances/overview.html",
        {
            "partners": selectors.partners_for(alliance),
            "core_group": selectors.core_group_for(alliance),
            "posts": selectors.posts_for(alliance),
            "is_coordinator": principal.is_coordinator,
        },
    )


@alliance_view("coordinator")
def partner_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    form = PartnerForm(request.POST or None)

    def save(data: dict[str, Any]) -> str:
        services.partner_create(principal=principal, **data)
        return _home(request)

    return form_page(
        request,
        form,
        save=save,
        title=_("Add a partner"),
        submit=_("Add partner"),
        back_url=_home(request),
        success=_("The partner has been added."),
        preline=request.alliance.name,
        intro=_("Contact details are those of the partner's staff, never of a young person."),
    )


@alliance_view("coordinator")
def partner_edit(request: AllianceRequest, organisation_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    organisation = get_partner(principal, organisation_id)
    profile = selectors.partner_profile_of(organisation)
    initial = {"name": organisation.name, "kind": organisation.kind}
    if profile is not None:
        initial |= {
            f: getattr(profile, f)
            for f in (
                "legal_domain",
                "joined_on",
                "contact_name",
                "contact_function",
                "contact_email",
                "contact_phone",
            )
        }
    form = PartnerForm(request.POST or None, initial=initial)

    def save(data: dict[str, Any]) -> str:
        services.partner_update(principal=principal, organisation=organisation, **data)
        return _home(request)

    return form_page(
        request,
        form,
        save=save,
        title=_("Edit partner"),
        submit=_("Save"),
        back_url=_home(request),
        success=_("The partner has been saved."),
        preline=organisation.name,
    )


@alliance_view("coordinator")
def core_member_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    form = CoreGroupMemberForm(request.POST or None, alliance=request.alliance)

    def save(data: dict[str, Any]) -> str:
        services.core_group_member_add(principal=principal, **data)
        return _home(request) + "#core-group-heading"

    return form_page(
        request,
        form,
        save=save,
        title=_("Add a core group member"),
        submit=_("Add member"),
        back_url=_home(request),
        success=_("The member has been added to the core group."),
        preline=request.alliance.name,
    )


@alliance_view("coordinator")
@require_POST
def core_member_remove(request: AllianceRequest, member_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    member = get_core_group_member(principal, member_id)
    services.core_group_member_remove(principal=principal, member=member)
    messages.success(request, _("The member has left the core group."))
    return redirect(_home(request))


@alliance_view("coordinator")
def post_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    form = PostForm(request.POST or None, alliance=request.alliance)

    def save(data: dict[str, Any]) -> str:
        services.post_create(principal=principal, **data)
        return _home(request)

    return form_page(
        request,
        form,
        save=save,
        title=_("Add a Teilhabemanagement post"),
        submit=_("Add post"),
        back_url=_home(request),
        success=_("The post has been added."),
        preline=request.alliance.name,
    )


@alliance_view("coordinator")
def post_edit(request: AllianceRequest, post_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    post = get_post(principal, post_id)
    initial = {
        f: getattr(post, f)
        for f in ("person_name", "organisation", "fte", "funded_from", "funded_until")
    }
    form = PostForm(request.POST or None, alliance=request.alliance, initial=initial)

    def save(data: dict[str, Any]) -> str:
        services.post_update(principal=principal, post=post, **data)
        return _home(request)

    return form_page(
        request,
        form,
        save=save,
        title=_("Edit Teilhabemanagement post"),
        submit=_("Save"),
        back_url=_home(request),
        success=_("The post has been saved."),
        preline=request.alliance.name,
    )


@alliance_view("staff")
@require_GET
def fields(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    return TemplateResponse(
        request,
        "alliances/fields.html",
        {
            "fields": selectors.fields_of_action_for(principal.alliance),
            "is_coordinator": principal.is_coordinator,
        },
    )


@alliance_view("coordinator")
def field_new(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    back = reverse("alliances:fields", args=[request.alliance.slug])
    form = FieldOfActionForm(request.POST or None)

    def save(data: dict[str, Any]) -> str:
        services.field_of_action_create(principal=principal, name=data["name"])
        return back

    return form_page(
        request,
        form,
        save=save,
        title=_("Add a field of action"),
        submit=_("Add field of action"),
        back_url=back,
        success=_("The field of action has been added."),
        preline=request.alliance.name,
        intro=_("The alliance's own fields of action complement the common list."),
    )
