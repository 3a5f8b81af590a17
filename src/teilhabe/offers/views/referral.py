"""Referral from the person page's matched offers: the case manager sees what will be
shared, adds a note and confirms. Without a consent naming the provider, the consent form
opens prefilled for it and comes back here."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from teilhabe.casework.models import DataCategory
from teilhabe.casework.sharing.selectors import categories_for
from teilhabe.core.web import NEXT_PARAM, AllianceRequest, apply_errors
from teilhabe.offers import selectors as sel
from teilhabe.offers import services
from teilhabe.people.access import get_person_access
from teilhabe.people.sections import person_url


class OfferReferralForm(forms.Form):
    purpose = forms.CharField(
        label=gettext_lazy("Note to the provider"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "What the provider should know: the reason and what you ask for. No health "
            "details or other counselling notes."
        ),
    )


@require_http_methods(["GET", "POST"])
def offer_refer(
    request: AllianceRequest, offer_id: uuid.UUID, person_id: uuid.UUID
) -> HttpResponse:
    principal = request.principal
    access = get_person_access(principal, person_id)
    if not access.is_owner:
        raise Http404
    offer = sel.get_offer(principal, offer_id)
    slug = request.alliance.slug
    consent = services.covering_consent(access, offer.provider)
    here = reverse("offers:offer_refer", args=[slug, offer.pk, access.person.pk])
    if consent is None:
        messages.info(
            request,
            _("First record the person's consent for %(organisation)s; then you come back here.")
            % {"organisation": offer.provider.name},
        )
        query = urlencode({"empfaenger": str(offer.provider.pk), NEXT_PARAM: here})
        url = reverse("people:sharing:consent_create", args=[slug, access.person.pk])
        return redirect(f"{url}?{query}")
    default = _("Referral to the offer “%(title)s”") % {"title": offer.title}
    form = OfferReferralForm(request.POST or None, initial={"purpose": default})
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_refer(access=access, offer=offer, purpose=form.cleaned_data["purpose"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The referral to %(organisation)s has been sent.")
                % {"organisation": offer.provider.name},
            )
            return redirect(person_url(slug, access.person.pk, "referrals"))
    shared = categories_for(offer.provider, consent.categories)
    context: dict[str, Any] = {
        "person": access.person,
        "offer": offer,
        "consent": consent,
        "form": form,
        "shared": [DataCategory(c).label for c in shared],
        "back": person_url(slug, access.person.pk, "matching"),
    }
    return TemplateResponse(request, "offers/offer_refer.html", context)
