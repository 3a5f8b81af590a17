"""The people namespace under /b/<alliance>/personen/: the person list and page, and the
URL modules of the areas around a person."""

from django.urls import include, path

from teilhabe.pages import person_list, person_page

app_name = "people"
urlpatterns = [
    path("", person_list.persons, name="list"),
    path("<uuid:person_id>/", person_page.person_detail, name="detail"),
    # Casework areas, each with its own URL module and namespace.
    path("", include("teilhabe.people.intake.urls")),
    path("", include("teilhabe.casework.work.urls")),
    path("", include("teilhabe.casework.sharing.urls")),
    path("", include("teilhabe.trajectories.urls_person")),
    # Handover and deputies: no namespace of their own (people:handover, people:deputies).
    path("", include("teilhabe.casework.handover_urls")),
]
