"""Maßnahme-Karrieren statewide: /land/verlaeufe/…"""

from django.urls import path

from teilhabe.trajectories import views

app_name = "trajectories_state"
urlpatterns = [
    path("", views.state_rates, name="rates"),
    path("laeufe/", views.state_run_start, name="run_start"),
    path("laeufe/<uuid:state_run_id>/", views.state_run_detail, name="run_detail"),
]
