"""The merge pages: choose the second record, compare both and choose per differing
field which value stays, merge; undo within the withdrawal period.

Both records are reached through `owner_access` (the owning organisation's case managers;
404 for anyone else) and must belong to the same organisation (else 404 too).
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.people.access import PersonAccess, owned_persons
from teilhabe.people.countries import country_name
from teilhabe.people.intake.selectors import owner_access, possible_duplicates
from teilhabe.people.merge.relations import MASTER_FIELDS, master_field
from teilhabe.people.merge.services import (
    WITHDRAWAL_PERIOD,
    person_merge,
    person_merge_withdraw,
)
from teilhabe.people.models import Person, PersonMerge
from teilhabe.people.sections import person_url
from teilhabe.people.selectors import name_matches
from teilhabe.people.services import person_view_record

CANDIDATE_LIMIT = 20
KEEP_THIS, KEEP_OTHER = "this", "other"


def _shown(person: Person, name: str) -> str:
    """A master-data value as the page shows it."""
    if name == "residence":
        return person.residence.name if person.residence else "–"
    if name == "nationality":
        return country_name(person.nationality) or "–"
    display = getattr(person, f"get_{name}_display", None)
    value = display() if display else getattr(person, name)
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value) if value not in (None, "") else "–"


class SearchForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=100)


@require_http_methods(["GET", "POST"])
def merge_choose(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    """The second record: the possible duplicates of the organisation first, else a search
    by name (POSTed, so no name travels in a URL)."""
    access = owner_access(request.principal, person_id)
    person = access.person
    same_org = owned_persons(request.principal).filter(owner_id=person.owner_id)
    likely = possible_duplicates(
        alliance=request.alliance,
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
        exclude_person_id=person.pk,
    ).filter(pk__in=same_org.values("pk"))
    form = SearchForm(request.POST or None)
    found: list[Person] = []
    if request.method == "POST" and form.is_valid() and form.cleaned_data["name"].strip():
        found = list(
            name_matches(same_org.exclude(pk=person.pk), form.cleaned_data["name"])[
                :CANDIDATE_LIMIT
            ]
        )
    merges = PersonMerge.objects.filter(
        survivor=person,
        withdrawn_at__isnull=True,
        created_at__gte=timezone.now() - WITHDRAWAL_PERIOD,
    ).select_related("absorbed")
    return TemplateResponse(
        request,
        "people/merge/choose.html",
        {
            "person": person,
            "heading": _("Merge with another entry"),
            "likely": list(likely[:CANDIDATE_LIMIT]),
            "found": found,
            "searched": request.method == "POST",
            "form": form,
            "merges": merges,
        },
    )


class MergeForm(forms.Form):
    """One choice per master-data field that differs between the two records."""

    def __init__(self, *args: Any, differing: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in differing:
            self.fields[name] = forms.ChoiceField(
                label=master_field(name).verbose_name,
                choices=[(KEEP_THIS, KEEP_THIS), (KEEP_OTHER, KEEP_OTHER)],
                initial=KEEP_THIS,
                required=False,  # unchosen: this entry's value stays
                widget=forms.RadioSelect,
            )


def _pair(
    request: AllianceRequest, person_id: uuid.UUID, other_id: uuid.UUID
) -> tuple[PersonAccess, PersonAccess]:
    access = owner_access(request.principal, person_id)
    other = owner_access(request.principal, other_id)
    if other.person.pk == access.person.pk or other.person.owner_id != access.person.owner_id:
        raise Http404
    return access, other


@require_http_methods(["GET", "POST"])
def merge_compare(
    request: AllianceRequest, person_id: uuid.UUID, other_id: uuid.UUID
) -> HttpResponse:
    access, other = _pair(request, person_id, other_id)
    this, that = access.person, other.person
    rows: list[dict[str, Any]] = [
        {
            "name": name,
            "label": master_field(name).verbose_name,
            "this": _shown(this, name),
            "that": _shown(that, name),
        }
        for name in MASTER_FIELDS
    ]
    differing = [name for name in MASTER_FIELDS if _shown(this, name) != _shown(that, name)]
    form = MergeForm(request.POST if request.method == "POST" else None, differing=differing)
    if request.method == "POST" and form.is_valid():
        keep_other = {name: form.cleaned_data[name] == KEEP_OTHER for name in differing}
        try:
            person_merge(access=access, other=other, keep_other=keep_other)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The two entries have been merged. You can undo this within 30 days on "
                    "the page “Merge with another entry”."
                ),
            )
            return redirect(person_url(request.alliance.slug, this.pk, ""))
    if request.method == "GET":
        person_view_record(access=other)
    for row in rows:
        row["differs"] = row["name"] in differing
        row["field"] = form[row["name"]] if row["differs"] else None
    return TemplateResponse(
        request,
        "people/merge/compare.html",
        {
            "person": this,
            "other": that,
            "heading": _("Compare and merge two entries"),
            "rows": rows,
            "form": form,
        },
    )


@require_POST
def merge_withdraw(
    request: AllianceRequest, person_id: uuid.UUID, merge_id: uuid.UUID
) -> HttpResponse:
    access = owner_access(request.principal, person_id)
    try:
        merge = PersonMerge.objects.get(pk=merge_id, survivor=access.person)
    except PersonMerge.DoesNotExist as exc:
        raise Http404 from exc
    try:
        restored = person_merge_withdraw(access=access, merge=merge)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("people:merge:choose", request.alliance.slug, access.person.pk)
    messages.success(request, _("The merge has been undone: there are two entries again."))
    return redirect(person_url(request.alliance.slug, restored.pk, ""))
