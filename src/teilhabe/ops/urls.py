"""Operator pages under /betrieb/ (superusers): scheduled jobs, login lockouts."""

from django.urls import path

from teilhabe.ops import job_views, lockout_views

app_name = "ops"

urlpatterns = [
    path("aufgaben/", job_views.jobs, name="jobs"),
    path("anmeldesperren/", lockout_views.lockouts, name="lockouts"),
    path(
        "anmeldesperren/<int:attempt_id>/freigeben/",
        lockout_views.lockout_release,
        name="lockout_release",
    ),
]
