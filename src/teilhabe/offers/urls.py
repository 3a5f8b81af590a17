"""The offer catalogue, gap analysis and offer quality, under /b/<alliance>/angebote/."""

from django.urls import path

from teilhabe.offers import views, views_analysis

app_name = "offers"
urlpatterns = [
    path("", views.offer_list, name="offer_list"),
    path("export/", views.offer_export, name="offer_export"),
    path("neu/", views.offer_create, name="offer_create"),
    path("<uuid:offer_id>/", views.offer_detail, name="offer_detail"),
    path("<uuid:offer_id>/bearbeiten/", views.offer_edit, name="offer_edit"),
    path("<uuid:offer_id>/status/", views.offer_active, name="offer_active"),
    path(
        "<uuid:offer_id>/vermitteln/<uuid:person_id>/",
        views.offer_refer,
        name="offer_refer",
    ),
    path("kategorien/", views.category_list, name="category_list"),
    path("kategorien/neu/", views.category_create, name="category_create"),
    path(
        "kategorien/<uuid:category_id>/bearbeiten/",
        views.category_edit,
        name="category_edit",
    ),
    path("luecken/", views_analysis.gap_matrix, name="gap_matrix"),
    path("luecken/export/", views_analysis.gap_export, name="gap_export"),
    path(
        "luecken/<uuid:gap_field_id>/<slug:gap_group>/",
        views_analysis.gap_cell,
        name="gap_cell",
    ),
    path("qualitaet/", views_analysis.quality, name="quality"),
    path("qualitaet/export/", views_analysis.quality_export, name="quality_export"),
]
