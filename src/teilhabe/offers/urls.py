"""The offer catalogue, gap analysis and offer quality, under /b/<alliance>/angebote/."""

from django.urls import path

from teilhabe.offers.views import analysis, catalogue, referral

app_name = "offers"
urlpatterns = [
    path("", catalogue.offer_list, name="offer_list"),
    path("export/", catalogue.offer_export, name="offer_export"),
    path("neu/", catalogue.offer_create, name="offer_create"),
    path("<uuid:offer_id>/", catalogue.offer_detail, name="offer_detail"),
    path("<uuid:offer_id>/bearbeiten/", catalogue.offer_edit, name="offer_edit"),
    path("<uuid:offer_id>/status/", catalogue.offer_active, name="offer_active"),
    path(
        "<uuid:offer_id>/vermitteln/<uuid:person_id>/",
        referral.offer_refer,
        name="offer_refer",
    ),
    path("kategorien/", catalogue.category_list, name="category_list"),
    path("kategorien/neu/", catalogue.category_create, name="category_create"),
    path(
        "kategorien/<uuid:category_id>/bearbeiten/",
        catalogue.category_edit,
        name="category_edit",
    ),
    path("luecken/", analysis.gap_matrix, name="gap_matrix"),
    path("luecken/export/", analysis.gap_export, name="gap_export"),
    path(
        "luecken/<uuid:gap_field_id>/<slug:gap_group>/",
        analysis.gap_cell,
        name="gap_cell",
    ),
]
