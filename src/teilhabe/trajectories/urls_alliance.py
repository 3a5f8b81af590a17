"""Maßnahme-Karrieren of an alliance: /b/<alliance>/verlaeufe/…"""

from django.urls import path

from teilhabe.trajectories import views

app_name = "trajectories_alliance"
urlpatterns = [
    path("auffaellig/", views.flagged_list, name="flagged"),
    path("quoten/", views.rates, name="rates"),
    path("schwellen/", views.rules_edit, name="rules"),
    path("laeufe/", views.run_start, name="run_start"),
    path("laeufe/<uuid:career_run_id>/", views.run_detail, name="run_detail"),
]
