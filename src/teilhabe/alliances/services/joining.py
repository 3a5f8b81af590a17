"""Joining the initiative: record a declaration, accept it (creating the alliance), reject it.

Rules, as the call to join sets them:
- the declaration is signed by a member of the administrative board, in a function that
  exists for that kind of body;
- a kreisangehörige Gemeinde joining on its own needs its Kreis's consent (with its date);
- a Gemeinde whose Kreis participates is covered by it and cannot join again;
- a body declares once (a rejected declaration may be followed by a new one);
- declarations received after the deadline are accepted but marked late.
A Kreis may join after some of its Gemeinden joined alone: those keep their own alliance
(they joined with the Kreis's consent and have their own partners); the Kreis's alliance
covers the other member municipalities, and the coverage report counts each Gemeinde once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_scopes import scope

from teilhabe.alliances.models import (
    SIGNER_FUNCTIONS_BY_BODY,
    BodyKind,
    DeclarationStatus,
    JoinDeclaration,
    LeadOfficeType,
    PartnerProfile,
    Programme,
    SignerFunction,
    body_display_name,
)
from teilhabe.alliances.services.common import require_state_coordinator, save_clean
from teilhabe.alliances.uploads import checked
from teilhabe.core.audit import audit_record
from teilhabe.core.models import Alliance, AuditEvent, Organisation
from teilhabe.core.plausible import check_plausible
from teilhabe.municipalities.models import Gemeinde, Kreis

LEAD_OFFICE_KIND: dict[str, str] = {
    LeadOfficeType.KI: Organisation.Kind.KI,
    LeadOfficeType.JUGENDAMT: Organisation.Kind.JUGENDAMT,
    LeadOfficeType.SOZIALAMT: Organisation.Kind.SOZIALAMT,
}


LEAD_OFFICE_NAMES: dict[str, str] = {
    LeadOfficeType.KI: "Kommunales Integrationszentrum",
    LeadOfficeType.BILDUNGSBUERO: "Regionales Bildungsbüro",
    LeadOfficeType.KAOA: "Kommunale Koordinierungsstelle KAoA",
    LeadOfficeType.JUGENDAMT: "Jugendamt",
    LeadOfficeType.SOZIALAMT: "Sozialamt",
}


def resolve_body(body_key: str) -> tuple[str, Kreis, Gemeinde | None]:
    """A body by its official key: 5 digits for a Kreis-level unit, 8 for a Gemeinde.
    The Gemeinde of a kreisfreie Stadt is the city itself."""
    key = (body_key or "").strip()
    gemeinde = None
    if len(key) == 8:
        gemeinde = Gemeinde.objects.select_related("kreis").filter(ags=key).first()
        if gemeinde is None:
            raise ValidationError({"body": _("There is no such body in the reference data.")})
        kreis = gemeinde.kreis
        if kreis.kind == Kreis.Kind.KREISFREIE_STADT:
            return BodyKind.KREISFREIE_STADT, kreis, None
        return BodyKind.GEMEINDE, kreis, gemeinde
    found = Kreis.objects.filter(key=key).first() if len(key) == 5 else None
    if found is None:
        raise ValidationError({"body": _("There is no such body in the reference data.")})
    kind = (
        BodyKind.KREISFREIE_STADT if found.kind == Kreis.Kind.KREISFREIE_STADT else BodyKind.KREIS
    )
    return kind, found, None


def body_alliance(kind: str, kreis: Kreis, gemeinde: Gemeinde | None) -> Alliance | None:
    if kind == BodyKind.GEMEINDE:
        return Alliance.objects.filter(body_kind=kind, gemeinde=gemeinde).first()
    return Alliance.objects.filter(body_kind=kind, kreis=kreis).first()


def _check_participation(
    programme: Programme,
    kind: str,
    kreis: Kreis,
    gemeinde: Gemeinde | None,
    *,
    exclude: JoinDeclaration | None = None,
) -> None:
    if body_alliance(kind, kreis, gemeinde) is not None:
        raise ValidationError({"body": _("This body already participates in the initiative.")})
    live = JoinDeclaration.objects.filter(
        programme=programme,
        status__in=[DeclarationStatus.RECEIVED, DeclarationStatus.ACCEPTED],
    )
    if exclude is not None:
        live = live.exclude(pk=exclude.pk)
    if kind == BodyKind.GEMEINDE:
        live = live.filter(body_kind=kind, gemeinde=gemeinde)
    else:
        live = live.filter(kreis=kreis).exclude(body_kind=BodyKind.GEMEINDE)
    earlier = live.first()
    if earlier is not None:
        raise ValidationError(
            {
                "body": _("This body has already declared to join (received on %(date)s).")
                % {"date": earlier.received_on.strftime("%d.%m.%Y")}
            }
        )
    if kind == BodyKind.GEMEINDE and body_alliance(BodyKind.KREIS, kreis, None) is not None:
        raise ValidationError(
            {
                "body": _(
                    "%(kreis)s participates already and covers this municipality; it cannot "
                    "join a second time."
                )
                % {"kreis": body_display_name(kreis)}
            }
        )


def _check_signer(kind: str, function: str) -> None:
    if function not in SignerFunction.values:
        raise ValidationError(
            {
                "signed_by_function": _(
                    "The declaration must be signed by a member of the administrative board "
                    "(Verwaltungsvorstand)."
                )
            }
        )
    if function not in SIGNER_FUNCTIONS_BY_BODY[kind]:
        raise ValidationError(
            {
                "signed_by_function": _(
                    "A %(function)s is not a member of the administrative board of a %(kind)s."
                )
                % {
                    "function": SignerFunction(function).label,
                    "kind": BodyKind(kind).label,
                }
            }
        )


@transaction.atomic
def join_declaration_record(
    *,
    actor: User,
    programme: Programme,
    body_key: str,
    received_on: dt.date,
    signed_by_name: str,
    signed_by_function: str,
    lead_office_type: str,
    lead_office_name: str = "",
    kreis_consent_on: dt.date | None = None,
    letter: UploadedFile | None = None,
) -> JoinDeclaration:
    require_state_coordinator(actor)
    check_plausible(received_on=received_on, kreis_consent_on=kreis_consent_on)
    kind, kreis, gemeinde = resolve_body(body_key)
    today = timezone.localdate()
    if received_on > today:
        raise ValidationError({"received_on": _("The date lies in the future.")})
    _check_signer(kind, signed_by_function)
    if kind == BodyKind.GEMEINDE:
        if kreis_consent_on is None:
            raise ValidationError(
                {
                    "kreis_consent_on": _(
                        "A municipality belonging to a district needs the consent of its "
                        "district (Einvernehmen): enter the date it was given."
                    )
                }
            )
        if kreis_consent_on > today:
            raise ValidationError({"kreis_consent_on": _("The date lies in the future.")})
    else:
        kreis_consent_on = None  # only a Gemeinde needs its Kreis's consent
    _check_participation(programme, kind, kreis, gemeinde)
    declaration = JoinDeclaration(
        programme=programme,
        body_kind=kind,
        kreis=kreis,
        gemeinde=gemeinde,
        received_on=received_on,
        signed_by_name=signed_by_name.strip(),
        signed_by_function=signed_by_function,
        lead_office_type=lead_office_type,
        lead_office_name=lead_office_name.strip()
        or _default_lead_office_name(lead_office_type, kreis, gemeinde),
        kreis_consent_on=kreis_consent_on,
    )
    if letter is not None:
        declaration.letter, declaration.letter_content_type = checked(letter, field="letter")
    save_clean(declaration)
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=declaration)
    return declaration


def _default_lead_office_name(office_type: str, kreis: Kreis, gemeinde: Gemeinde | None) -> str:
    # Data, not UI: the office's official German name, whatever the user's language.
    label = LEAD_OFFICE_NAMES.get(office_type, "Geschäftsstelle")
    return f"{label} {body_display_name(kreis, gemeinde)}"


def unique_alliance_slug(name: str) -> str:
    base = name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    base = base.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    slug = slugify(base)[:50] or "buendnis"
    candidate, n = slug, 2
    while Alliance.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


@transaction.atomic
def join_declaration_accept(
    *, actor: User, declaration: JoinDeclaration, decided_on: dt.date | None = None
) -> Alliance:
    """Accept a declaration: create the alliance and its lead-office organisation."""
    require_state_coordinator(actor)
    declaration = JoinDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if declaration.status != DeclarationStatus.RECEIVED:
        raise ValidationError(_("Only a declaration that has been received can be accepted."))
    kind, kreis, gemeinde = declaration.body_kind, declaration.kreis, declaration.gemeinde
    _check_participation(declaration.programme, kind, kreis, gemeinde, exclude=declaration)
    if kind == BodyKind.GEMEINDE and declaration.kreis_consent_on is None:
        raise ValidationError({"kreis_consent_on": _("The consent of the district is missing.")})
    name = body_display_name(kreis, gemeinde)
    alliance = save_clean(
        Alliance(
            name=f"Bündnis {name}",
            slug=unique_alliance_slug(name),
            body_kind=kind,
            kreis=None if kind == BodyKind.GEMEINDE else kreis,
            gemeinde=gemeinde,
        )
    )
    decided = decided_on or timezone.localdate()
    with scope(alliance=alliance):
        lead = save_clean(
            Organisation(
                alliance=alliance,
                name=declaration.lead_office_name,
                kind=LEAD_OFFICE_KIND.get(declaration.lead_office_type, Organisation.Kind.OTHER),
                is_lead_office=True,
            )
        )
        save_clean(PartnerProfile(alliance=alliance, organisation=lead, joined_on=decided))
    declaration.status = DeclarationStatus.ACCEPTED
    declaration.decided_on = decided
    declaration.alliance = alliance
    declaration.lead_office = lead
    save_clean(
        declaration,
        update_fields=["status", "decided_on", "alliance", "lead_office", "updated_at"],
    )
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, alliance=alliance, obj=alliance)
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        alliance=alliance,
        organisation=lead,
        obj=lead,
        purpose="lead office of a new alliance",
    )
    audit_record(action=AuditEvent.Action.UPDATE, actor=actor, obj=declaration, purpose="accepted")
    return alliance


@transaction.atomic
def join_declaration_reject(
    *, actor: User, declaration: JoinDeclaration, decided_on: dt.date | None = None
) -> JoinDeclaration:
    require_state_coordinator(actor)
    declaration = JoinDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if declaration.status != DeclarationStatus.RECEIVED:
        raise ValidationError(_("Only a declaration that has been received can be rejected."))
    declaration.status = DeclarationStatus.REJECTED
    declaration.decided_on = decided_on or timezone.localdate()
    save_clean(declaration, update_fields=["status", "decided_on", "updated_at"])
    audit_record(action=AuditEvent.Action.UPDATE, actor=actor, obj=declaration, purpose="rejected")
    return declaration


@transaction.atomic
def programme_update(*, actor: User, programme: Programme, **values: Any) -> Programme:
    require_state_coordinator(actor)
    allowed = {
        "name",
        "call_published_on",
        "join_deadline",
        "planning_from",
        "planning_until",
        "implementation_from",
        "ends_on",
        "description",
    }
    unknown = set(values) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for key, value in values.items():
        setattr(programme, key, value)
    if programme.planning_until < programme.planning_from:
        raise ValidationError({"planning_until": _("The end lies before the start.")})
    if programme.ends_on < programme.implementation_from:
        raise ValidationError({"ends_on": _("The end lies before the start.")})
    save_clean(programme)
    audit_record(action=AuditEvent.Action.UPDATE, actor=actor, obj=programme)
    return programme
