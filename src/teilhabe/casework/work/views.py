"""Pages of the daily casework: needs, plan, contacts, closure and reopening.

Every view starts at people.access (404 for what the principal may not see). Writes are for
the owning organisation's case managers (`access.is_owner`); a partner organisation that
has the person through a consent may record and read its OWN counselling contacts. Every
page showing the person is audited as a read (a disclosure when it relies on a consent).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.alliances.selectors import fields_of_action_for
from teilhabe.casework.cases import open_case
from teilhabe.casework.models import Case, FollowUp, Goal
from teilhabe.casework.work import forms, selectors, services
from teilhabe.core.models import Organisation
from teilhabe.core.web import AllianceRequest, apply_errors
from teilhabe.people.access import PersonAccess, get_person_access
from teilhabe.people.domains.sections import interpreter_languages
from teilhabe.people.sections import person_url
from teilhabe.people.services import person_view_record

GET_POST = require_http_methods(["GET", "POST"])
HISTORY_PAGE_SIZE = 50


def _access(request: AllianceRequest, person_id: uuid.UUID, *, owner: bool = False) -> PersonAccess:
    access = get_person_access(request.principal, person_id)
    if owner and not access.is_owner:
        raise Http404
    return access


def _page(
    request: HttpRequest, access: PersonAccess, template: str, context: dict[str, Any]
) -> TemplateResponse:
    """Render a page that shows the person, and audit it as a read."""
    person_view_record(access=access)
    return TemplateResponse(
        request, template, {"person": access.person, "access": access, **context}
    )


def _detail_url(request: AllianceRequest, access: PersonAccess, section: str) -> str:
    return person_url(request.alliance.slug, access.person.pk, section)


def _plan_url(request: AllianceRequest, access: PersonAccess) -> str:
    return reverse("people:work:plan", args=[request.alliance.slug, access.person.pk])


def _organisations(request: AllianceRequest) -> Any:
    return Organisation.objects.filter(alliance=request.alliance).order_by("name")


# --- closure and reopening ----------------------------------------------------------------


@GET_POST
def case_close(
    request: AllianceRequest, person_id: uuid.UUID, work_case_id: uuid.UUID
) -> HttpResponse:
    access = _access(request, person_id, owner=True)
    case = selectors.person_case(access, work_case_id)
    form = forms.CaseCloseForm(request.POST or None, initial={"version": case.version})
    if request.method == "POST" and case.status == Case.Status.OPEN and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_close(
                case=case,
                actor=request.user,
                organisation=access.organisation,
                reason=data["reason"],
                closed_on=data["closed_on"],
                follow_up_on=data["follow_up_on"],
                version=data["version"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The case has been closed."))
            return redirect(_detail_url(request, access, "cases"))
    return _page(request, access, "casework/work/case_close.html", {"case": case, "form": form})


@GET_POST
def case_reopen(
    request: AllianceRequest, person_id: uuid.UUID, work_case_id: uuid.UUID
) -> HttpResponse:
    access = _access(request, person_id, owner=True)
    case = selectors.person_case(access, work_case_id)
    form = forms.CaseReopenForm(request.POST or None, initial={"version": case.version})
    if request.method == "POST" and case.status == Case.Status.CLOSED and form.is_valid():
        try:
            services.case_reopen(
                case=case,
                actor=request.user,
                organisation=access.organisation,
                reopened_on=form.cleaned_data["reopened_on"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The case has been reopened. Its history is kept."))
            return redirect(_detail_url(request, access, "cases"))
    return _page(request, access, "casework/work/case_reopen.html", {"case": case, "form": form})


@GET_POST
def followup_done(
    request: AllianceRequest, person_id: uuid.UUID, work_followup_id: uuid.UUID
) -> HttpResponse:
    """Mark a follow-up done: a button on the start page; GET shows it on its own page."""
    access = _access(request, person_id, owner=True)
    follow_up = selectors.person_followup(access, work_followup_id)
    if follow_up.reason == FollowUp.Reason.CLOSURE_CHECK and follow_up.done_on is None:
        # Done only with the situation found: the page that records it.
        args = [request.alliance.slug, person_id, follow_up.case_id]
        return redirect(reverse("people:work:exit_outcome", args=args))
    if request.method == "POST" and follow_up.done_on is None:
        services.followup_complete(
            follow_up=follow_up,
            actor=request.user,
            organisation=access.organisation,
            done_on=timezone.localdate(),
        )
        messages.success(request, _("The follow-up has been marked as done."))
        return redirect("core:alliance_home", request.alliance.slug)
    return _page(request, access, "casework/work/followup_done.html", {"follow_up": follow_up})


# --- needs --------------------------------------------------------------------------------


@GET_POST
def needs_assess(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    """All fields of action on one page, one row each, prefilled with the current level."""
    access = _access(request, person_id, owner=True)
    case = open_case(access.person)
    current = selectors.current_needs(access.person)
    data = request.POST if request.method == "POST" else None
    date_form = forms.NeedsDateForm(data)
    rows = [
        forms.NeedRowForm(data, field=field, current=current.get(field.pk))
        for field in fields_of_action_for(request.alliance)
    ]
    if data is not None and case is not None:
        valid = date_form.is_valid() & all([row.is_valid() for row in rows])
        if valid:
            changed = [r for r in (row.changed_row() for row in rows) if r is not None]
            if not changed:
                messages.info(request, _("No field was changed; nothing has been recorded."))
                return redirect(_detail_url(request, access, "needs"))
            try:
                services.need_assessments_record(
                    case=case,
                    actor=request.user,
                    organisation=access.organisation,
                    assessed_on=date_form.cleaned_data["assessed_on"],
                    rows=changed,
                )
            except ValidationError as exc:
                apply_errors(date_form, exc)
            else:
                messages.success(request, _("The needs assessment has been saved."))
                return redirect(_detail_url(request, access, "needs"))
    return _page(
        request,
        access,
        "casework/work/needs_assess.html",
        {"case": case, "date_form": date_form, "rows": rows},
    )


@require_GET
def needs_history(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = _access(request, person_id)
    if not access.can("needs"):
        raise Http404
    page = Paginator(selectors.need_history(access.person), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    return _page(
        request,
        access,
        "casework/work/needs_history.html",
        {"page": page, "query": "", "own_organisation_id": access.organisation.pk},
    )


# --- plan ---------------------------------------------------------------------------------


def _with_status_forms(goals: list[Goal]) -> list[Goal]:
    for goal in goals:
        for step in goal.steps.all():
            step.status_form = forms.StepStatusForm(step=step)  # type: ignore[attr-defined]
    return goals


@require_GET
def plan(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = _access(request, person_id)
    if not access.can("plan"):
        raise Http404
    return _page(
        request,
        access,
        "casework/work/plan.html",
        {
            "goals": _with_status_forms(selectors.plan_goals(access.person))
            if access.is_owner
            else selectors.plan_goals(access.person),
            "case": open_case(access.person),
            "goal_form": forms.GoalForm(),
            "today": timezone.localdate(),
            "pending": selectors.PENDING,
            "can_edit": access.is_owner,
        },
    )


@GET_POST
def goal_create(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = _access(request, person_id, owner=True)
    case = open_case(access.person)
    form = forms.GoalForm(request.POST or None)
    if request.method == "POST" and case is not None and form.is_valid():
        try:
            services.goal_create(
                case=case,
                actor=request.user,
                organisation=access.organisation,
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The goal has been added."))
            return redirect(_plan_url(request, access))
    return _page(request, access, "casework/work/goal_form.html", {"form": form, "case": case})


@GET_POST
def goal_edit(request: AllianceRequest, person_id: uuid.UUID, goal_id: uuid.UUID) -> HttpResponse:
    access = _access(request, person_id, owner=True)
    goal = selectors.person_goal(access, goal_id)
    initial = {"title": goal.title, "status": goal.status}
    form = forms.GoalEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(
                goal=goal,
                actor=request.user,
                organisation=access.organisation,
                title=form.cleaned_data["title"],
                status=form.cleaned_data["status"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The goal has been saved."))
            return redirect(_plan_url(request, access))
    return _page(request, access, "casework/work/goal_form.html", {"form": form, "goal": goal})


@GET_POST
def step_create(request: AllianceRequest, person_id: uuid.UUID, goal_id: uuid.UUID) -> HttpResponse:
    access = _access(request, person_id, owner=True)
    goal = selectors.person_goal(access, goal_id)
    form = forms.StepForm(
        request.POST or None,
        organisations=_organisations(request),
        initial={"responsible": access.organisation.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.step_create(
                goal=goal, actor=request.user, organisation=access.organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The step has been added."))
            return redirect(_plan_url(request, access))
    return _page(request, access, "casework/work/step_form.html", {"form": form, "goal": goal})


@GET_POST
def step_edit(request: AllianceRequest, person_id: uuid.UUID, step_id: uuid.UUID) -> HttpResponse:
    access = _access(request, person_id, owner=True)
    step = selectors.person_step(access, step_id)
    initial = {
        "title": step.title,
        "responsible": step.responsible_id,
        "due_on": step.due_on,
        "status": step.status,
    }
    form = forms.StepForm(
        request.POST or None, organisations=_organisations(request), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.step_update(
                step=step, actor=request.user, organisation=access.organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The step has been saved."))
            return redirect(_plan_url(request, access))
    return _page(
        request,
        access,
        "casework/work/step_form.html",
        {"form": form, "goal": step.goal, "step": step},
    )


@GET_POST
def step_status(request: AllianceRequest, person_id: uuid.UUID, step_id: uuid.UUID) -> HttpResponse:
    """Change a step's status. With htmx the answer is the goal's block (swapped in place);
    without JavaScript a small page and a redirect back to the plan."""
    access = _access(request, person_id, owner=True)
    step = selectors.person_step(access, step_id)
    form = forms.StepStatusForm(request.POST or None, step=step)
    if request.method == "POST" and form.is_valid():
        services.step_status_set(
            step=step,
            actor=request.user,
            organisation=access.organisation,
            status=form.cleaned_data["status"],
        )
        if request.htmx:
            goals = _with_status_forms(selectors.plan_goals(access.person))
            goal = next(g for g in goals if g.pk == step.goal_id)
            return TemplateResponse(
                request,
                "casework/work/_goal.html",
                {
                    "goal": goal,
                    "person": access.person,
                    "today": timezone.localdate(),
                    "pending": selectors.PENDING,
                    "can_edit": True,
                    "announce": _("Status of the step “%(step)s” saved.") % {"step": step.title},
                },
            )
        messages.success(request, _("The status of the step has been saved."))
        return redirect(_plan_url(request, access))
    return _page(request, access, "casework/work/step_status.html", {"form": form, "step": step})


# --- contacts -----------------------------------------------------------------------------


def _contact_access(request: AllianceRequest, person_id: uuid.UUID) -> PersonAccess:
    """The owner's case managers and partner staff who have the person through a consent;
    not the immigration office, which does no counselling and never sees notes."""
    access = _access(request, person_id)
    if not access.is_owner and access.organisation.is_immigration_office:
        raise Http404
    return access


@require_GET
def contacts(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = _contact_access(request, person_id)
    page = Paginator(selectors.own_contacts(access), settings.TEILHABE["PAGE_SIZE"]).get_page(
        request.GET.get("seite")
    )
    return _page(
        request,
        access,
        "casework/work/contacts.html",
        {"page": page, "query": "", "case": open_case(access.person)},
    )


@GET_POST
def contact_create(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = _contact_access(request, person_id)
    case = open_case(access.person)
    form = forms.ContactForm(
        request.POST or None,
        fields=fields_of_action_for(request.alliance),
        interpreter_languages=interpreter_languages(access),
    )
    if request.method == "POST" and case is not None and form.is_valid():
        try:
            services.contact_create(
                case=case, actor=request.user, organisation=access.organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The contact has been recorded."))
            if access.is_owner:
                return redirect(_detail_url(request, access, "contacts"))
            return redirect("people:work:contacts", request.alliance.slug, access.person.pk)
    return _page(request, access, "casework/work/contact_form.html", {"form": form, "case": case})
