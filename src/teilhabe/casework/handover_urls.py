"""Handover and deputies under /b/<alliance>/personen/…; names live in the people
namespace (people:handover, people:handover_person, people:deputies)."""

from django.urls import path

from teilhabe.casework import handover_views as views

urlpatterns = [
    path("uebergabe/", views.handover, name="handover"),
    path("<uuid:person_id>/uebergabe/", views.handover_person, name="handover_person"),
    path("vertretungen/", views.deputies, name="deputies"),
]
