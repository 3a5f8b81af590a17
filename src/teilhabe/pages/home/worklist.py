"""The case manager's start page: the worklist ("Meine Aufgaben") and its item actions."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from teilhabe.advice.home import advice_block
from teilhabe.casework.models import FollowUp, Referral, Step
from teilhabe.casework.models.plans import PlanStatus
from teilhabe.casework.sharing.services import referral_answer_seen
from teilhabe.casework.work import services as work
from teilhabe.casework.work.reminders import followup_snooze
from teilhabe.core.plausible import DateField
from teilhabe.core.web import AllianceRequest
from teilhabe.pages.home import work_items
from teilhabe.people.intake.selectors import owner_access
from teilhabe.people.selectors import start_page_figures
from teilhabe.trajectories.reviews import finding_acknowledge

# Parameters of the list kept when an action sends the user back to it.
LIST_PARAMS = ("art", "wann", "seite")


class SnoozeForm(forms.Form):
    due_on = DateField(
        label=gettext_lazy("New date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_due_on(self) -> dt.date:
        due_on: dt.date = self.cleaned_data["due_on"]
        if due_on <= self.today:
            raise ValidationError(gettext_lazy("Choose a date after today."))
        return due_on


@require_GET
def worklist_home(request: AllianceRequest) -> HttpResponse:
    principal = request.principal
    today = timezone.localdate()
    kind = request.GET.get("art", "")
    kind = kind if kind in work_items.KINDS else ""
    period = request.GET.get("wann", "")
    period = period if period in work_items.PERIODS else ""
    counts = work_items.worklist_counts(principal, today)
    rows = work_items.worklist_rows(principal, today, kind=kind, period=period)
    page = Paginator(rows, settings.TEILHABE["PAGE_SIZE"]).get_page(request.GET.get("seite"))
    items = work_items.hydrate(page.object_list, today)
    totals = {p: sum(c[p] for c in counts.values()) for p in (*work_items.PERIODS, "alle")}
    shown = period or "alle"  # the kind filter's counts follow the chosen period
    return TemplateResponse(
        request,
        "core/worklist.html",
        {
            "principal": principal,
            "figures": start_page_figures(principal),
            "advice": advice_block(principal),
            "tiles": [(key, label, totals[key]) for key, label in work_items.PERIODS.items()],
            "kind_links": [
                (key, label, counts[key][shown]) for key, label in work_items.KINDS.items()
            ],
            "all_kinds": totals[shown],
            "periods": work_items.PERIODS,
            "kind": kind,
            "period": period,
            "period_label": work_items.PERIODS.get(period, ""),
            "page": page,
            "items": items,
            "list_query": _list_query(request.GET),
            "filter_query": _list_query(request.GET, keep=("art", "wann")),
            "tomorrow": today + dt.timedelta(days=1),
            "next_week": today + dt.timedelta(days=7),
        },
    )


def _list_query(params: QueryDict, keep: tuple[str, ...] = LIST_PARAMS) -> str:
    query = QueryDict(mutable=True)
    for name in keep:
        value = params.get(name)
        if value:
            query[name] = str(value)
    return query.urlencode()


@require_POST
def worklist_action(
    request: AllianceRequest, work_kind: str, work_item_id: uuid.UUID, work_action: str
) -> HttpResponse:
    """Done, snooze or noted, for one item; then back to the same view of the list. The
    person is reached through the owner's access (404 otherwise), the item through it."""
    person_id = request.POST.get("person", "")
    try:
        access = owner_access(request.principal, uuid.UUID(person_id))
    except ValueError as exc:
        raise Http404 from exc
    today = timezone.localdate()
    handler = ACTIONS.get((work_kind, work_action))
    if handler is None:
        raise Http404
    error = handler(request, access, work_item_id, today)
    if error:
        messages.error(request, error)
    back = _list_query(request.POST)
    url = redirect("core:alliance_home", request.alliance.slug).url
    return redirect(f"{url}?{back}#aufgaben" if back else f"{url}#aufgaben")


def _step(access: Any, item_id: uuid.UUID) -> Step:
    return get_object_or_404(
        Step.objects.select_related("responsible"), pk=item_id, goal__case__person=access.person
    )


def _followup(access: Any, item_id: uuid.UUID) -> FollowUp:
    return get_object_or_404(FollowUp, pk=item_id, case__person=access.person)


def _snooze_date(request: AllianceRequest, today: dt.date) -> tuple[dt.date | None, str]:
    form = SnoozeForm(request.POST, today=today)
    if form.is_valid():
        return form.cleaned_data["due_on"], ""
    return None, " ".join(str(e) for e in form.errors.get("due_on", []))


def _step_done(request: AllianceRequest, access: Any, item_id: uuid.UUID, today: dt.date) -> str:
    step = _step(access, item_id)
    work.step_status_set(
        step=step, actor=request.user, organisation=access.organisation, status=PlanStatus.DONE
    )
    messages.success(request, _("The step “%(step)s” is done.") % {"step": step.title})
    return ""


def _step_snooze(request: AllianceRequest, access: Any, item_id: uuid.UUID, today: dt.date) -> str:
    step = _step(access, item_id)
    due_on, error = _snooze_date(request, today)
    if due_on is None:
        return error
    work.step_update(
        step=step,
        actor=request.user,
        organisation=access.organisation,
        title=step.title,
        responsible=step.responsible,
        due_on=due_on,
        status=step.status,
    )
    messages.success(request, _("The step has been moved to %(date)s.") % {"date": _d(due_on)})
    return ""


def _followup_done(
    request: AllianceRequest, access: Any, item_id: uuid.UUID, today: dt.date
) -> str:
    follow_up = _followup(access, item_id)
    if follow_up.done_on is None:
        try:  # a closure check is done only with its outcome (the item links to that page)
            work.followup_complete(
                follow_up=follow_up,
                actor=request.user,
                organisation=access.organisation,
                done_on=today,
            )
        except ValidationError as exc:
            return " ".join(exc.messages)
    messages.success(request, _("The follow-up has been marked as done."))
    return ""


def _followup_snooze(
    request: AllianceRequest, access: Any, item_id: uuid.UUID, today: dt.date
) -> str:
    follow_up = _followup(access, item_id)
    due_on, error = _snooze_date(request, today)
    if due_on is None:
        return error
    try:
        followup_snooze(
            follow_up=follow_up, actor=request.user, organisation=access.organisation, due_on=due_on
        )
    except ValidationError as exc:
        return " ".join(exc.messages)
    messages.success(request, _("The follow-up has been moved to %(date)s.") % {"date": _d(due_on)})
    return ""


def _referral_seen(
    request: AllianceRequest, access: Any, item_id: uuid.UUID, today: dt.date
) -> str:
    referral = get_object_or_404(
        Referral,
        pk=item_id,
        case__person=access.person,
        from_organisation=access.organisation,
        answered_on__isnull=False,
    )
    referral_answer_seen(access=access, referral=referral, today=today)
    messages.success(request, _("The answer has been noted."))
    return ""


def _finding_seen(request: AllianceRequest, access: Any, item_id: uuid.UUID, today: dt.date) -> str:
    try:
        finding_acknowledge(access=access, actor=request.user, finding_id=item_id)
    except ValidationError as exc:
        return " ".join(exc.messages)
    messages.success(request, _("The finding has been acknowledged."))
    return ""


def _d(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


ACTIONS = {
    ("schritte", "erledigt"): _step_done,
    ("schritte", "verschieben"): _step_snooze,
    ("wiedervorlagen", "erledigt"): _followup_done,
    ("wiedervorlagen", "verschieben"): _followup_snooze,
    ("vermittlungen", "gesehen"): _referral_seen,
    ("fruehwarnung", "gesehen"): _finding_seen,
}
