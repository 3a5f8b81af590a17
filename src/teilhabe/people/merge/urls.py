"""Merging two records of one organisation (namespace people:merge)."""

from django.urls import path

from teilhabe.people.merge import views

app_name = "merge"
urlpatterns = [
    path("<uuid:person_id>/zusammenfuehren/", views.merge_choose, name="choose"),
    path(
        "<uuid:person_id>/zusammenfuehren/<uuid:other_id>/",
        views.merge_compare,
        name="compare",
    ),
    path(
        "<uuid:person_id>/zusammenfuehrung/<uuid:merge_id>/rueckgaengig/",
        views.merge_withdraw,
        name="withdraw",
    ),
]
