"""Legal-domain history and interpreter need (namespace people:domains)."""

from django.urls import path

from teilhabe.people.domains import views

app_name = "domains"
urlpatterns = [
    path("<uuid:person_id>/rechtskreis/wechsel/", views.domain_change, name="change"),
    path("rechtskreis/<uuid:period_id>/ende/", views.domain_end, name="end"),
    path("rechtskreis/<uuid:period_id>/loeschen/", views.domain_delete, name="delete"),
    path("<uuid:person_id>/dolmetschen/neu/", views.interpreter_add, name="interpreter_add"),
    path("dolmetschen/<uuid:need_id>/", views.interpreter_edit, name="interpreter_edit"),
    path(
        "dolmetschen/<uuid:need_id>/loeschen/",
        views.interpreter_delete,
        name="interpreter_delete",
    ),
]
