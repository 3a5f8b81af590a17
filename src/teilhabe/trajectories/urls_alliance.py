"""Maßnahme-Karrieren of an alliance: /b/<alliance>/verlaeufe/…"""

from django.urls import path

from teilhabe.trajectories.views import alliance

app_name = "trajectories_alliance"
urlpatterns = [
    path("auffaellig/", alliance.flagged_list, name="flagged"),
    path("quoten/", alliance.rates, name="rates"),
    path("schwellen/", alliance.rules_edit, name="rules"),
    path("laeufe/", alliance.run_start, name="run_start"),
    path("laeufe/<uuid:career_run_id>/", alliance.run_detail, name="run_detail"),
]
