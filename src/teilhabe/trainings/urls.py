"""Trainings and events under /b/<alliance_slug>/fortbildungen/ (scoped by the middleware)."""

from django.urls import path

from teilhabe.trainings.views import calendar, manage, overview

app_name = "trainings"
urlpatterns = [
    path("", calendar.training_list, name="list"),
    path("neu/", manage.training_new, name="new"),
    path("teilnahme/", overview.attendance_overview, name="attendance"),
    path("<uuid:training_id>/", calendar.training_detail, name="detail"),
    path("<uuid:training_id>/anmelden/", calendar.training_register, name="register"),
    path("<uuid:training_id>/abmelden/", calendar.training_withdraw, name="withdraw"),
    path("<uuid:training_id>/kalender.ics", calendar.training_ics, name="ics"),
    path("<uuid:training_id>/bearbeiten/", manage.training_edit, name="edit"),
    path("<uuid:training_id>/anmeldungen/", manage.training_registrations, name="registrations"),
]
