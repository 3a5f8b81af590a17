"""The case sheet (Fallblatt): one printed A4 page for a meeting with a recipient of the
person's consents (Jobcenter, Ausländerbehörde, a partner). It carries only the categories
that the active consents naming that recipient cover (`categories_for`: never needs or plan
for the Ausländerbehörde) and never a counselling note. Printing it is a disclosure to
the recipient, audited once per consent relied on."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from teilhabe.casework.models import Consent
from teilhabe.casework.sharing.selectors import categories_for, category_labels
from teilhabe.casework.work.sections import needs_section
from teilhabe.casework.work.selectors import PENDING, plan_goals
from teilhabe.core.downloads import bytes_download
from teilhabe.core.models import Organisation
from teilhabe.core.pdf import html_to_pdf
from teilhabe.core.web import AllianceRequest
from teilhabe.people.access import PersonAccess, active_consents
from teilhabe.people.intake.sections import profile_section, status_section
from teilhabe.people.intake.selectors import owner_access
from teilhabe.people.services import person_case_sheet_record
from teilhabe.trajectories.selectors import participations_of

# One A4 page: longer lists end in "… and N more" (checked with a long history in tests).
MAX_ROWS = 4
MAX_GOALS = 3
MAX_STEPS = 2


@dataclass
class Recipient:
    """An organisation named by active consents of the person, with what it may receive."""

    organisation: Organisation
    consents: list[Consent] = field(default_factory=list)

    @property
    def categories(self) -> list[str]:
        covered = {c for consent in self.consents for c in consent.categories}
        return categories_for(self.organisation, covered)


def recipients_of(access: PersonAccess) -> list[Recipient]:
    """Recipients of the person's active consents, by name (two queries)."""
    found: dict[uuid.UUID, Recipient] = {}
    consents = (
        active_consents()
        .filter(person=access.person)
        .prefetch_related("recipients")
        .order_by("created_at")
    )
    for consent in consents:
        for org in consent.recipients.all():
            found.setdefault(org.pk, Recipient(org)).consents.append(consent)
    return sorted(
        (r for r in found.values() if r.categories), key=lambda r: r.organisation.name.lower()
    )


class RecipientForm(forms.Form):
    empfaenger = forms.ChoiceField(label=_("Recipient"), widget=forms.RadioSelect)

    def __init__(self, recipients: list[Recipient], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["empfaenger"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (
                str(r.organisation.pk),
                f"{r.organisation.name}: {', '.join(category_labels(r.categories))}",
            )
            for r in recipients
        ]


@require_GET
def case_sheet(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    """Without `empfaenger` the choice of recipient; with it, the PDF for that recipient."""
    access = owner_access(request.principal, person_id)
    recipients = recipients_of(access)
    chosen = request.GET.get("empfaenger")
    if chosen is None:
        return TemplateResponse(
            request,
            "people/case_sheet.html",
            {
                "person": access.person,
                "recipients": recipients,
                "form": RecipientForm(recipients) if recipients else None,
            },
        )
    recipient = next((r for r in recipients if str(r.organisation.pk) == chosen), None)
    if recipient is None:
        raise Http404
    person_case_sheet_record(
        access=access, recipient=recipient.organisation, consents=recipient.consents
    )
    today = timezone.localdate()
    return bytes_download(
        html_to_pdf(render_sheet(access, recipient)),
        filename=f"Fallblatt-{today.isoformat()}.pdf",
        content_type="application/pdf",
    )


def render_sheet(access: PersonAccess, recipient: Recipient) -> str:
    """The sheet's HTML: German whatever the interface language (it is handed over)."""
    with translation.override("de"):
        return render_to_string("people/pdf/case_sheet.html", sheet_data(access, recipient))


def _cut(rows: list[Any], limit: int = MAX_ROWS) -> tuple[list[Any], int]:
    return rows[:limit], max(len(rows) - limit, 0)


def sheet_data(access: PersonAccess, recipient: Recipient) -> dict[str, Any]:
    """Only the covered categories are read at all; notes are never read into the sheet."""
    covered = recipient.categories
    data: dict[str, Any] = {
        "recipient": recipient.organisation,
        "owner": access.person.owner,
        "today": timezone.localdate(),
        "covered": category_labels(covered),
    }
    if "master_data" in covered:
        data["person"] = access.person
    if "residence_status" in covered:
        status = status_section(access)
        data["status"] = {
            "current": status["current_status"],
            "days_left": status["status_days_left"],
        }
    if "education" in covered:
        profile = profile_section(access)
        certificates, more_certificates = _cut(profile["certificates"])
        data["education"] = {
            "profile": profile["profile"],
            "languages": profile["person_languages"],
            "certificates": certificates,
            "more_certificates": more_certificates,
        }
    if "needs" in covered:
        rows = [r for r in needs_section(access)["need_rows"] if r["assessment"] is not None]
        needs, more_needs = _cut(rows)
        data["needs"] = {
            "rows": [{"field": r["field"], "level": r["assessment"]} for r in needs],
            "more": more_needs,
        }
    if "plan" in covered:
        goals = [g for g in plan_goals(access.person) if g.status in PENDING]
        shown, more_goals = _cut(goals, MAX_GOALS)
        items = []
        for goal in shown:
            steps, more_steps = _cut(
                [s for s in goal.steps.all() if s.status in PENDING], MAX_STEPS
            )
            items.append({"goal": goal, "steps": steps, "more": more_steps})
        data["plan"] = {"goals": items, "more": more_goals}
    if "participations" in covered:
        rows = list(reversed(participations_of(access, latest=MAX_ROWS)))
        total = rows[0].total if rows else 0  # type: ignore[attr-defined]
        data["participations"] = {"rows": rows, "more": max(total - len(rows), 0)}
    return data
