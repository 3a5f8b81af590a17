"""The alliance page: partners, core group, Teilhabemanagement posts, fields of action."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teilhabe.alliances import selectors, services
from teilhabe.alliances.access import get_core_group_member, get_partner, get_post
from teilhabe.alliances.forms import CoreGroupMemberForm, FieldOfActionForm, PartnerForm, PostForm
from teilhabe.alliances.views.common import alliance_view, form_page, principal_of
from teilhabe.transfer.exports import export_format, export_response, partner_rows


def _home(request: HttpRequest) -> str:
    return reverse("alliances:overview", args=[principal_of(request).alliance.slug])  # type: ignore[union-attr]


@alliance_view("staff")
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    alliance = principal.alliance
    assert alliance is not None
    fmt = export_format(request)
    if fmt:  # the partner table as CSV/Excel (transfer.exports)
        header, rows = partner_rows(selectors.partners_for(alliance))
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
def partner_new(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
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
        preline=principal.alliance.name,  # type: ignore[union-attr]
        intro=_("Contact details are those of the partner's staff, never of a young person."),
    )


@alliance_view("coordinator")
def partner_edit(request: HttpRequest, organisation_id: uuid.UUID) -> HttpResponse:
    principal = principal_of(request)
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
def core_member_new(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    form = CoreGroupMemberForm(request.POST or None, alliance=principal.alliance)  # type: ignore[arg-type]

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
        preline=principal.alliance.name,  # type: ignore[union-attr]
    )


@alliance_view("coordinator")
@require_POST
def core_member_remove(request: HttpRequest, member_id: uuid.UUID) -> HttpResponse:
    principal = principal_of(request)
    member = get_core_group_member(principal, member_id)
    services.core_group_member_remove(principal=principal, member=member)
    messages.success(request, _("The member has left the core group."))
    return redirect(_home(request))


@alliance_view("coordinator")
def post_new(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    form = PostForm(request.POST or None, alliance=principal.alliance)  # type: ignore[arg-type]

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
        preline=principal.alliance.name,  # type: ignore[union-attr]
    )


@alliance_view("coordinator")
def post_edit(request: HttpRequest, post_id: uuid.UUID) -> HttpResponse:
    principal = principal_of(request)
    post = get_post(principal, post_id)
    initial = {
        f: getattr(post, f)
        for f in ("person_name", "organisation", "fte", "funded_from", "funded_until")
    }
    form = PostForm(request.POST or None, alliance=principal.alliance, initial=initial)  # type: ignore[arg-type]

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
        preline=principal.alliance.name,  # type: ignore[union-attr]
    )


@alliance_view("staff")
@require_GET
def fields(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    return TemplateResponse(
        request,
        "alliances/fields.html",
        {
            "fields": selectors.fields_of_action_for(principal.alliance),
            "is_coordinator": principal.is_coordinator,
        },
    )


@alliance_view("coordinator")
def field_new(request: HttpRequest) -> HttpResponse:
    principal = principal_of(request)
    back = reverse("alliances:fields", args=[principal.alliance.slug])  # type: ignore[union-attr]
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
        preline=principal.alliance.name,  # type: ignore[union-attr]
        intro=_("The alliance's own fields of action complement the common list."),
    )
