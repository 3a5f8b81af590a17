"""Maßnahme-Karrieren statewide: /land/verlaeufe/…"""

from django.urls import path

from teilhabe.trajectories.views import alliance

app_name = "trajectories_state"
urlpatterns = [
    path("", alliance.state_rates, name="rates"),
    path("laeufe/", alliance.state_run_start, name="run_start"),
    path("laeufe/<uuid:state_run_id>/", alliance.state_run_detail, name="run_detail"),
]
