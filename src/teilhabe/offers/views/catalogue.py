"""Catalogue pages: list with filters and export, detail, create/edit, open/close, the
alliance's own categories, and the one-click referral from the matching section.

The middleware has checked the membership and set the scope; the selectors decide the rest
and answer 404 for anything the principal may not see.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.alliances.selectors import fields_of_action_for
from teilhabe.core import tabular
from teilhabe.core.exports import export_format, export_response
from teilhabe.core.roles import Principal
from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.offers import selectors as sel
from teilhabe.offers import services, waiting
from teilhabe.offers.eligibility import requirement_labels
from teilhabe.offers.forms import CategoryForm, FilterForm, OfferForm
from teilhabe.offers.models import Offer

PAGE_SIZE = 25


def file_format(request: HttpRequest) -> str:
    """The format of an export-only route: CSV unless another is asked for; 404 for an
    unknown one."""
    if "format" not in request.GET:
        return "csv"
    fmt = export_format(request)
    if fmt is None:
        raise Http404
    return fmt


# --- catalogue ----------------------------------------------------------------------------


def _filtered(
    request: HttpRequest, principal: Principal
) -> tuple[FilterForm, QuerySet[Offer], Any]:
    alliance = principal.alliance
    assert alliance is not None
    custom = sel.custom_categories(alliance)
    form = FilterForm(
        request.GET or None,
        categories=sel.category_choices(custom),
        providers=sel.providers_in(alliance),
        gemeinden=list(sel.alliance_gemeinden(alliance)),
    )
    data = form.cleaned_data if form.is_valid() else {}
    provider = data.get("provider") or None
    flt = sel.CatalogueFilter(
        category=data.get("category", ""),
        provider=uuid.UUID(provider) if provider else None,
        gemeinde=data.get("gemeinde", ""),
        free_only=bool(data.get("free")),
        status=data.get("status", ""),
        include_inactive=bool(data.get("inactive")),
    )
    return form, sel.catalogue(alliance, flt), sel.category_labels(custom)


@require_GET
def offer_list(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    form, offers, labels = _filtered(request, principal)
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("seite"))
    for offer in page.object_list:
        offer.category_label = labels.get(offer.category, offer.category)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("seite", None)
    return TemplateResponse(
        request,
        "offers/offer_list.html",
        {
            "form": form,
            "page": page,
            "rows": page.object_list,
            "count": page.paginator.count,
            "query": query.urlencode(),
            "can_create": sel.can_maintain(principal),
            "is_coordinator": principal.is_coordinator,
            "can_see_quality": sel.can_see_quality(principal),
        },
    )


@require_GET
def offer_export(request: AllianceRequest) -> HttpResponseBase:
    principal = request.principal
    fmt = file_format(request)
    _form, offers, labels = _filtered(request, principal)
    statuses = sel.status_labels()
    header = [
        _("Title"),
        _("Category"),
        _("Provider"),
        _("Municipality"),
        _("Places"),
        _("Free places"),
        _("Reachable by public transport"),
        _("Conditions"),
        _("Open for referrals"),
    ]
    rows = (  # written as read: the file holds the rows, not a second list of them
        [
            o.title,
            labels.get(o.category, o.category),
            o.provider.name,
            o.gemeinde.name if o.gemeinde else "",
            o.places,
            o.free_places,
            o.public_transport,
            "; ".join(requirement_labels(sel.rules_of(o), statuses)),
            o.is_active,
        ]
        for o in offers
    )
    return export_response(
        request,
        fmt=fmt,
        filename=_("offers"),
        tables=[tabular.Table(_("Offers"), header, rows)],
        list_name="offers.catalogue",
        expected=offers,
    )


@require_GET
def offer_detail(request: AllianceRequest, offer_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    offer = sel.get_offer(principal, offer_id)
    labels = sel.category_labels(sel.custom_categories(request.alliance))
    may_allocate = waiting.may_manage_queue(principal, offer)
    return TemplateResponse(
        request,
        "offers/offer_detail.html",
        {
            "offer": offer,
            "category_label": labels.get(offer.category, offer.category),
            "requirements": requirement_labels(sel.rules_of(offer), sel.status_labels()),
            "can_edit": sel.can_maintain(principal, offer),
            "waiting_count": waiting.waiting_counts([offer.pk]).get(offer.pk, 0),
            "may_allocate": may_allocate,
            # A case manager sees where their own persons stand (by name: they own them).
            "own_waits": [] if may_allocate else waiting.own_waits(principal, offer),
        },
    )


def _offer_form(request: HttpRequest, principal: Principal, **kwargs: Any) -> OfferForm:
    alliance = principal.alliance
    assert alliance is not None
    return OfferForm(
        request.POST or None,
        providers=sel.maintainable_providers(principal),
        categories=sel.category_choices(sel.custom_categories(alliance)),
        gemeinden=sel.alliance_gemeinden(alliance),
        **kwargs,
    )


def _form_page(request: HttpRequest, form: OfferForm, title: str, back: str) -> HttpResponse:
    return TemplateResponse(
        request, "offers/offer_form.html", {"form": form, "title": title, "back_url": back}
    )


@require_http_methods(["GET", "POST"])
def offer_create(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    sel.require(sel.can_maintain(principal))
    providers = sel.maintainable_providers(principal)
    initial: dict[str, Any] = {"public_transport": True}
    if len(providers) == 1:
        initial["provider"] = providers[0].pk
    form = _offer_form(request, principal, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_create(
                principal=principal,
                provider=form.cleaned_data["provider"],
                data=form.offer_data(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The offer has been added to the catalogue."))
            return redirect("offers:offer_detail", request.alliance.slug, offer.pk)
    back = reverse("offers:offer_list", args=[request.alliance.slug])
    return _form_page(request, form, _("New offer"), back)


@require_http_methods(["GET", "POST"])
def offer_edit(request: AllianceRequest, offer_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    offer = sel.get_offer_to_maintain(principal, offer_id)
    initial = {name: getattr(offer, name) for name in services.OFFER_FIELDS}
    initial |= {"provider": offer.provider_id, "version": offer.version}
    form = _offer_form(
        request, principal, initial=initial, provider_fixed=not principal.is_coordinator
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_update(
                principal=principal,
                offer=offer,
                version=form.cleaned_data.get("version") or offer.version,
                data=form.offer_data(),
                provider=form.cleaned_data.get("provider") if principal.is_coordinator else None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The offer has been saved."))
            return redirect("offers:offer_detail", request.alliance.slug, offer.pk)
    back = reverse("offers:offer_detail", args=[request.alliance.slug, offer.pk])
    return _form_page(request, form, _("Edit offer"), back)


def offer_active(request: AllianceRequest, offer_id: uuid.UUID) -> HttpResponse:
    """Close the offer for referrals, or open it again (POST with `active` and `version`)."""
    principal = request.principal
    offer = sel.get_offer_to_maintain(principal, offer_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        version = int(request.POST.get("version", ""))
    except ValueError as exc:
        raise Http404 from exc
    active = request.POST.get("active") == "1"
    try:
        services.offer_set_active(principal=principal, offer=offer, active=active, version=version)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The offer is open for referrals again.")
            if active
            else _("The offer is closed for referrals."),
        )
    return redirect("offers:offer_detail", request.alliance.slug, offer.pk)


# --- the alliance's own categories --------------------------------------------------------


@require_GET
def category_list(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    sel.require(principal.is_coordinator)
    custom = sel.custom_categories(request.alliance)
    builtin = [(key, label) for key, label in sel.category_choices([])]
    return TemplateResponse(
        request, "offers/category_list.html", {"custom": custom, "builtin": builtin}
    )


@require_http_methods(["GET", "POST"])
def category_create(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    sel.require(principal.is_coordinator)
    form = CategoryForm(
        request.POST or None, fields_of_action=fields_of_action_for(principal.alliance)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.category_create(principal=principal, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The category has been added."))
            return redirect("offers:category_list", request.alliance.slug)
    back = reverse("offers:category_list", args=[request.alliance.slug])
    return TemplateResponse(
        request,
        "offers/offer_form.html",
        {"form": form, "title": _("New offer category"), "back_url": back},
    )


@require_http_methods(["GET", "POST"])
def category_edit(request: AllianceRequest, category_id: uuid.UUID) -> HttpResponse:
    principal = request.principal
    category = sel.get_category(principal, category_id)
    form = CategoryForm(
        request.POST or None,
        fields_of_action=fields_of_action_for(principal.alliance),
        editing=True,
        initial={
            "key": category.key,
            "name": category.name,
            "field_of_action": category.field_of_action_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.category_update(
                principal=principal,
                category=category,
                name=form.cleaned_data["name"],
                field_of_action=form.cleaned_data["field_of_action"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The category has been saved."))
            return redirect("offers:category_list", request.alliance.slug)
    back = reverse("offers:category_list", args=[request.alliance.slug])
    return TemplateResponse(
        request,
        "offers/offer_form.html",
        {"form": form, "title": _("Edit offer category"), "back_url": back},
    )
