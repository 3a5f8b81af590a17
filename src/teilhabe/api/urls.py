"""API token pages under /b/<alliance>/personen/api-schluessel/; namespace tokens."""

from django.urls import path

from teilhabe.api import views

app_name = "tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("neu/", views.token_create, name="create"),
    path("<uuid:token_id>/widerrufen/", views.token_revoke, name="revoke"),
]
