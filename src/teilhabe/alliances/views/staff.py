"""An organisation's staff with their need-to-know setting, for the alliance's coordinators."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teilhabe.alliances import selectors, services
from teilhabe.alliances.access import get_partner
from teilhabe.core.models import Role
from teilhabe.core.web import AllianceRequest, alliance_view


@alliance_view("coordinator")
@require_http_methods(["GET", "POST"])
def partner_staff(request: AllianceRequest, organisation_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    organisation = get_partner(principal, organisation_id)
    here = reverse("alliances:partner_staff", args=[request.alliance.slug, organisation.pk])
    if request.method == "POST":
        # Only memberships of this organisation: another one's id answers 404.
        membership_id = request.POST.get("membership", "")
        try:
            if not selectors.memberships_of(organisation).filter(pk=membership_id).exists():
                raise Http404
        except ValidationError as exc:  # not a UUID
            raise Http404 from exc
        try:
            services.membership_set_need_to_know(
                principal=principal,
                membership_id=membership_id,
                assigned_only=request.POST.get("assigned_only") == "1",
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The need-to-know setting has been saved."))
        return redirect(here)
    return TemplateResponse(
        request,
        "alliances/partner_staff.html",
        {
            "organisation": organisation,
            "memberships": selectors.memberships_of(organisation),
            "case_manager": Role.CASE_MANAGER,
            "back_url": reverse("alliances:overview", args=[request.alliance.slug]),
        },
    )
