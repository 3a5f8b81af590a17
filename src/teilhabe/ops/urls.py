"""Operator pages under /betrieb/ (superusers): scheduled jobs, login lockouts."""

from django.urls import path

from teilhabe.ops import job_views

app_name = "ops"

urlpatterns = [
    path("aufgaben/", job_views.jobs, name="jobs"),
]
