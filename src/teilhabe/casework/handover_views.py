"""Pages for handing persons over to a colleague and for deputies (Vertretungen).

Which persons may be handed over is decided by `people.access.owned_persons` (unknown or
invisible id → 404); the writes are `casework.handover` services. Case managers only.
"""

from __future__ import annotations

import uuid
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from teilhabe.casework.handover import deputy_end, deputy_set, persons_reassign
from teilhabe.casework.models import Deputy
from teilhabe.core.models import Organisation, Role
from teilhabe.core.plausible import DateField
from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.people.access import owned_persons
from teilhabe.people.models import Person

GET_POST = require_http_methods(["GET", "POST"])


def user_label(user: User) -> str:
    return user.get_full_name() or user.email or user.get_username()


class ColleagueField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return user_label(obj)


def colleagues(alliance: Any, organisation_ids: set[Any]) -> QuerySet[User]:
    """Active case managers of every one of the organisations."""
    users = User.objects.filter(is_active=True)
    for org_id in organisation_ids:
        users = users.filter(
            pk__in=User.objects.filter(
                memberships__alliance=alliance,
                memberships__organisation_id=org_id,
                memberships__role=Role.CASE_MANAGER,
                memberships__is_active=True,
            ).values("pk")
        )
    return users.order_by("last_name", "first_name", "email")


class HandoverForm(forms.Form):
    to_user = ColleagueField(queryset=User.objects.none(), label=gettext_lazy("Hand over to"))
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Not stored in the audit log."),
    )

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["to_user"]).queryset = users


def _require_case_manager(request: AllianceRequest) -> None:
    if not request.principal.case_manager_memberships():
        raise Http404


def _handover_page(request: AllianceRequest, persons: list[Person], back_url: str) -> HttpResponse:
    users = colleagues(request.alliance, {p.owner_id for p in persons})
    confirmed = request.method == "POST" and request.POST.get("confirm") == "1"
    form = HandoverForm(request.POST if confirmed else None, users=users)
    if confirmed and form.is_valid():
        data = form.cleaned_data
        try:
            persons_reassign(
                principal=request.principal,
                person_ids=[p.pk for p in persons],
                to_user=data["to_user"],
                note=data["note"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d person handed over to %(name)s.",
                    "%(count)d persons handed over to %(name)s.",
                    len(persons),
                )
                % {"count": len(persons), "name": user_label(data["to_user"])},
            )
            return redirect(back_url)
    return TemplateResponse(
        request,
        "casework/handover.html",
        {"form": form, "persons": persons, "back_url": back_url},
    )


@GET_POST
def handover(request: AllianceRequest) -> HttpResponse:
    """Bulk handover: the person list POSTs the chosen `person` ids here."""
    _require_case_manager(request)
    list_url = reverse("people:list", args=[request.alliance.slug])
    if request.method != "POST":
        return redirect(list_url)
    try:
        ids = {uuid.UUID(v) for v in request.POST.getlist("person")}
    except ValueError as exc:
        raise Http404 from exc
    if not ids:
        messages.info(request, _("Choose at least one person to hand over."))
        return redirect(list_url)
    persons = list(
        owned_persons(request.principal).filter(pk__in=ids).order_by("family_name", "given_name")
    )
    if len(persons) != len(ids):
        raise Http404
    if len(persons) == 1:
        list_url = reverse("people:detail", args=[request.alliance.slug, persons[0].pk])
    return _handover_page(request, persons, list_url)


@GET_POST
def handover_person(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    _require_case_manager(request)
    try:
        person = owned_persons(request.principal).get(pk=person_id)
    except Person.DoesNotExist as exc:
        raise Http404 from exc
    back_url = reverse("people:detail", args=[request.alliance.slug, person.pk])
    return _handover_page(request, [person], back_url)


# --- deputies -----------------------------------------------------------------------------


class DeputyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=gettext_lazy("Organisation")
    )
    absent = ColleagueField(queryset=User.objects.none(), label=gettext_lazy("Absent colleague"))
    deputy = ColleagueField(queryset=User.objects.none(), label=gettext_lazy("Deputy"))
    valid_from = DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = DateField(
        label=gettext_lazy("Until (inclusive)"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self, *args: Any, organisations: list[Organisation], users: QuerySet[User], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        orgs = cast(forms.ModelChoiceField, self.fields["organisation"])
        orgs.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if len(organisations) == 1:
            orgs.initial = organisations[0].pk
            orgs.widget = forms.HiddenInput()
        cast(forms.ModelChoiceField, self.fields["absent"]).queryset = users
        cast(forms.ModelChoiceField, self.fields["deputy"]).queryset = users


@GET_POST
def deputies(request: AllianceRequest) -> HttpResponse:
    """Current and planned deputies of the user's organisations; set one, end one early."""
    principal = request.principal
    organisations = principal.organisations(Role.CASE_MANAGER)
    if not organisations:
        raise Http404
    today = timezone.localdate()
    org_ids = {o.pk for o in organisations}
    users = (
        User.objects.filter(
            is_active=True,
            memberships__alliance=request.alliance,
            memberships__organisation_id__in=org_ids,
            memberships__role=Role.CASE_MANAGER,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )
    here = reverse("people:deputies", args=[request.alliance.slug])
    # Need-to-know (§ 35 SGB I): only a deputy for one's own absence, only one's own rows.
    need_to_know = {m.organisation_id for m in principal.case_manager_memberships()}
    need_to_know -= {
        m.organisation_id for m in principal.case_manager_memberships() if not m.assigned_only
    }
    form = DeputyForm(
        request.POST if request.POST.get("action") == "set" else None,
        organisations=organisations,
        users=users,
    )
    if need_to_know == org_ids:
        absent = cast(forms.ModelChoiceField, form.fields["absent"])
        absent.queryset = users.filter(pk=str(principal.user.pk))
    if request.method == "POST" and request.POST.get("action") == "end":
        try:
            row = Deputy.objects.get(
                pk=request.POST.get("deputy_row", ""), organisation_id__in=org_ids
            )
        except (Deputy.DoesNotExist, ValidationError, ValueError) as exc:
            raise Http404 from exc
        try:
            deputy_end(principal=principal, deputy_row=row, today=today)
        except ValidationError:
            messages.error(request, _("This deputy has already ended."))
        else:
            messages.success(request, _("The deputy has been ended."))
        return redirect(here)
    if form.is_bound and form.is_valid():
        try:
            deputy_set(principal=principal, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The deputy has been set."))
            return redirect(here)
    rows = (
        Deputy.objects.filter(organisation_id__in=org_ids, valid_until__gte=today)
        .select_related("organisation", "absent", "deputy")
        .order_by("valid_from", "created_at")
    )
    entries = [
        {
            "row": r,
            "absent": user_label(r.absent),
            "deputy": user_label(r.deputy),
            "current": r.valid_from <= today,
            "can_end": r.organisation_id not in need_to_know
            or principal.user.pk in (r.absent_id, r.deputy_id),
        }
        for r in rows
    ]
    return TemplateResponse(
        request,
        "casework/deputies.html",
        {"form": form, "entries": entries, "show_org": len(organisations) > 1},
    )
