"""Offer routes of the API: the catalogue of an alliance (members read; coordinators and the
providing organisation's staff write). Same selectors and services as the pages; 404 for
non-members and for offers of another alliance or another provider."""

# No `from __future__ import annotations`: ninja resolves the annotations at import time.
import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from teilhabe.api.auth import api_scope
from teilhabe.api.pages import Pages, QueryPage
from teilhabe.municipalities.selectors import gemeinde_by_ags
from teilhabe.offers import selectors as sel
from teilhabe.offers import services
from teilhabe.offers.models import Offer

router = Router(tags=["offers"])
P = "/buendnisse/{alliance}/angebote"


class OfferOut(Schema):
    id: uuid.UUID
    title: str
    description: str
    category: str
    category_label: str
    target_level: str
    provider_id: uuid.UUID
    provider: str
    places: int | None
    free_places: int | None
    schedule: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    gemeinde_ags: str | None
    venue: str
    public_transport: bool
    costs: str
    funding_source: str
    contact: str
    min_age: int | None
    max_age: int | None
    allowed_statuses: list[str]
    required_legal_domain: str
    min_cefr_level: str
    requires_work_permission: bool
    other_requirements: str
    is_active: bool
    version: int


class OfferIn(Schema):
    title: str
    category: str
    description: str = ""
    target_level: str = ""
    places: int | None = None
    free_places: int | None = None
    schedule: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    gemeinde_ags: str | None = None
    venue: str = ""
    public_transport: bool = True
    costs: str = ""
    funding_source: str = ""
    contact: str = ""
    min_age: int | None = None
    max_age: int | None = None
    allowed_statuses: list[str] = []
    required_legal_domain: str = ""
    min_cefr_level: str = ""
    # None: derived from the category (EQ, training, internship, job placement: yes).
    requires_work_permission: bool | None = None
    other_requirements: str = ""


class OfferCreateIn(OfferIn):
    provider_id: uuid.UUID


class OfferUpdateIn(OfferIn):
    version: int
    is_active: bool | None = None


def _out(o: Offer, labels: dict[str, str]) -> dict[str, object]:
    return {
        **{name: getattr(o, name) for name in services.OFFER_FIELDS if name != "gemeinde"},
        "id": o.pk,
        "category_label": labels.get(o.category, o.category),
        "provider_id": o.provider_id,
        "provider": o.provider.name,
        "gemeinde_ags": o.gemeinde_id,
        "is_active": o.is_active,
        "version": o.version,
    }


def _data(payload: OfferIn) -> dict[str, object]:
    data = payload.dict(include=set(services.OFFER_FIELDS) | {"gemeinde_ags"})
    ags = data.pop("gemeinde_ags", None)
    gemeinde = gemeinde_by_ags(ags) if ags else None
    if ags and gemeinde is None:
        raise ValidationError({"gemeinde": ["unknown municipality"]})
    data["gemeinde"] = gemeinde
    return data


def _labels(principal: object) -> dict[str, str]:
    return sel.category_labels(sel.custom_categories(principal.alliance))  # type: ignore[attr-defined]


@router.get(P, response=list[OfferOut], url_name="offer_list")
@paginate(Pages, page_size=50)
def list_offers(
    request: HttpRequest,
    alliance: str,
    category: str = "",
    status: str = "",
    free_only: bool = False,
    include_inactive: bool = False,
) -> QueryPage:
    with api_scope(request, alliance) as principal:
        sel.require(sel.can_read(principal))
        flt = sel.CatalogueFilter(
            category=category,
            status=status,
            free_only=free_only,
            include_inactive=include_inactive,
        )
        labels = _labels(principal)
        offers = sel.catalogue(principal.alliance, flt)  # type: ignore[arg-type]
        return QueryPage(offers, principal.alliance, lambda page: [_out(o, labels) for o in page])


@router.post(P, response={201: OfferOut}, url_name="offer_create")
def create_offer(request: HttpRequest, alliance: str, payload: OfferCreateIn) -> Status:
    with api_scope(request, alliance) as principal:
        providers = {o.pk: o for o in sel.maintainable_providers(principal)}
        provider = providers.get(payload.provider_id)
        if provider is None:
            raise Http404
        offer = services.offer_create(principal=principal, provider=provider, data=_data(payload))
        return Status(201, _out(offer, _labels(principal)))


@router.get(P + "/{offer_id}", response=OfferOut, url_name="offer_detail")
def get_offer(request: HttpRequest, alliance: str, offer_id: uuid.UUID) -> dict[str, object]:
    with api_scope(request, alliance) as principal:
        return _out(sel.get_offer(principal, offer_id), _labels(principal))


@router.put(P + "/{offer_id}", response=OfferOut, url_name="offer_update")
def update_offer(
    request: HttpRequest, alliance: str, offer_id: uuid.UUID, payload: OfferUpdateIn
) -> dict[str, object]:
    with api_scope(request, alliance) as principal:
        offer = sel.get_offer_to_maintain(principal, offer_id)
        offer = services.offer_update(
            principal=principal, offer=offer, version=payload.version, data=_data(payload)
        )
        if payload.is_active is not None and payload.is_active != offer.is_active:
            offer = services.offer_set_active(
                principal=principal, offer=offer, active=payload.is_active, version=offer.version
            )
        return _out(sel.get_offer(principal, offer.pk), _labels(principal))
