"""The receiver's pages of moves, under /b/<alliance>/umzuege/."""

from django.urls import path

from teilhabe.relocation import views

app_name = "relocation"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<uuid:relocation_id>/", views.detail, name="detail"),
    path("<uuid:relocation_id>/annehmen/", views.accept, name="accept"),
    path("<uuid:relocation_id>/ablehnen/", views.decline, name="decline"),
]
