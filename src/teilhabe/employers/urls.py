"""The employer directory under /b/<alliance_slug>/betriebe/ (scoped by the middleware)."""

from django.urls import path

from teilhabe.employers import views

app_name = "employers"
urlpatterns = [
    path("", views.employer_list, name="employer_list"),
    path("vermittlungen/", views.placements, name="placements"),
    path("neu/", views.employer_new, name="employer_new"),
    path("<uuid:employer_id>/", views.employer_detail, name="employer_detail"),
    path("<uuid:employer_id>/bearbeiten/", views.employer_edit, name="employer_edit"),
    path("<uuid:employer_id>/archivieren/", views.employer_archive, name="employer_archive"),
]
