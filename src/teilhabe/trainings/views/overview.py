"""Who attended what: the organisers' overview, per participation or per person, filtered,
sorted and paged in the database, exported through `core.exports`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from django.core.paginator import Paginator
from django.http import Http404
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.core.exports import EXPORT_CHUNK, export_format, export_response
from teilhabe.core.templatetags.users import user_name
from teilhabe.core.web import AllianceRequest, alliance_view
from teilhabe.trainings import access, selectors
from teilhabe.trainings.forms import AttendanceFilterForm
from teilhabe.trainings.models import Registration

PAGE_SIZE = 25


def _filter(form: AttendanceFilterForm) -> tuple[selectors.AttendanceFilter, bool]:
    data = form.cleaned_data if form.is_valid() else {}
    training = data.get("veranstaltung")
    attended = data.get("teilnahme") or Registration.Attended.YES
    flt = selectors.AttendanceFilter(
        training=training.pk if training else None,
        kind=data.get("art") or "",
        name=data.get("name") or "",
        attended="" if attended == "alle" else attended,
        order=data.get("sortierung") or "",
    )
    return flt, data.get("ansicht") == "personen"


def _participation_rows(rows: Any) -> Iterator[list[Any]]:
    for r in rows.iterator(chunk_size=EXPORT_CHUNK):
        yield [
            user_name(r.user),
            r.organisation.name,
            r.training.title,
            r.training.get_kind_display(),
            r.training.starts_at,
            r.get_attended_display(),
        ]


def _person_rows(rows: Any) -> Iterator[list[Any]]:
    for row in rows.iterator(chunk_size=EXPORT_CHUNK):
        yield [
            user_name(selectors.user_of(row)),
            row["organisation"],
            row["attended_count"],
            row["last_at"],
        ]


@alliance_view("member")
@require_GET
def attendance_overview(request: AllianceRequest) -> HttpResponseBase:
    principal = request.principal
    if not access.may_organise(principal):
        raise Http404
    trainings = access.managed_trainings(principal).order_by("-starts_at", "title")
    form = AttendanceFilterForm(request.GET or None, trainings=trainings)
    flt, per_person = _filter(form)
    rows = (
        selectors.attendance_by_person(principal, flt)
        if per_person
        else selectors.attendance_rows(principal, flt)
    )
    fmt = export_format(request)
    if fmt:
        if per_person:
            header = [_("Name"), _("Organisation"), _("Trainings"), _("Last training")]
            body = _person_rows(rows)
        else:
            header = [
                _("Name"),
                _("Organisation"),
                _("Training"),
                _("Kind"),
                _("Date"),
                _("Attendance"),
            ]
            body = _participation_rows(rows)
        return export_response(
            request,
            fmt=fmt,
            filename=_("attendance"),
            list_name="trainings.attendance",
            header=header,
            rows=body,
            expected=rows,
        )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("seite"))
    if per_person:
        grouped = cast(list[dict[str, Any]], page.object_list)
        page.object_list = cast(Any, [{**row, "user": selectors.user_of(row)} for row in grouped])
    query = request.GET.copy()
    query.pop("seite", None)
    return TemplateResponse(
        request,
        "trainings/attendance.html",
        {
            "form": form,
            "page": page,
            "per_person": per_person,
            "query": query.urlencode(),
            "is_coordinator": principal.is_coordinator,
        },
    )
