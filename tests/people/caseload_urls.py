"""The project's URLs plus stand-ins for the bulk actions other areas provide
(`people:handover`, `people:reminders_bulk`): the caseload list shows their buttons only
once they resolve."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from teilhabe import urls as project
from teilhabe.pages import people_urls

PEOPLE = "b/<slug:alliance_slug>/personen/"


def stand_in(request: HttpRequest, **kwargs: str) -> HttpResponse:
    return HttpResponse(",".join(request.POST.getlist("person")))


people = (
    [
        *people_urls.urlpatterns,
        path("uebergabe/", stand_in, name="handover"),
        path("wiedervorlagen/", stand_in, name="reminders_bulk"),
    ],
    "people",
)
urlpatterns = [
    path(PEOPLE, include(people)) if str(p.pattern) == PEOPLE else p for p in project.urlpatterns
]
