"""The people namespace under /b/<alliance>/personen/: the person list and page, and the
URL modules of the areas around a person."""

from django.urls import include, path

from teilhabe.pages import case_sheet, person_list, person_page
from teilhabe.pages.person_list import saved

app_name = "people"
urlpatterns = [
    path("", person_list.persons, name="list"),
    path("filter/speichern/", saved.save_filter, name="saved_filter_create"),
    path(
        "filter/<uuid:saved_filter_id>/loeschen/",
        saved.delete_saved_filter,
        name="saved_filter_delete",
    ),
    path("<uuid:person_id>/", person_page.person_detail, name="detail"),
    path("<uuid:person_id>/fallblatt/", case_sheet.case_sheet, name="case_sheet"),
    # Casework areas, each with its own URL module and namespace.
    path("", include("teilhabe.people.intake.urls")),
    path("", include("teilhabe.people.merge.urls")),
    path("", include("teilhabe.people.domains.urls")),
    path("", include("teilhabe.casework.work.urls")),
    path("", include("teilhabe.casework.sharing.urls")),
    path("", include("teilhabe.trajectories.urls_person")),
    # Handover and deputies: no namespace of their own (people:handover, people:deputies).
    path("", include("teilhabe.casework.handover_urls")),
    # The start of a move to another alliance (people:relocation_start).
    path("", include("teilhabe.relocation.urls_person")),
]
