"""The sender's start of a move, under /b/<alliance>/personen/… (people:relocation_start)."""

from django.urls import path

from teilhabe.relocation import views

urlpatterns = [
    path("<uuid:person_id>/umzug/", views.relocation_start, name="relocation_start"),
]
